-- entity_summaries.first_direct_quote_count (0016) is what quotes(filter: { kind: DIRECT, distinct:
-- true }) counts for a speaker: its direct quotes that no earlier direct quote of its own echoes (a
-- stored link from the quote, see quote_echoes) or copies word for word in another article (the same
-- normalized_hash). Earlier is report order, as in the filter and firstReported: published_at
-- (unknown last), ingested_at, article id, quote id. Counting it at read time checked each of a
-- speaker's quotes (3.0 s for the most quoted person at a million articles).
--
-- Whether a quote is a first report depends only on the quotes linked to it. So when a set A of
-- quotes comes (sign 1, after its echo links are stored) or goes (sign -1, while it is still
-- stored), the count changes by A's own first reports, and by the quotes outside A that an
-- earlier quote of A keeps from being first and nothing else does: a quote published late that
-- turns out to be the first report takes first place from the copies ingested before it.

-- The quotes among `ids` (quote ids, or speaker ids when key_of = 'speaker') that are first
-- reports, quotes in `excluded` left out of what could come before them.
CREATE FUNCTION first_direct_reports(ids int[], key_of text, excluded int[])
RETURNS TABLE (id int, speaker_id int) LANGUAGE plpgsql STABLE AS $f$
BEGIN
  RETURN QUERY EXECUTE format($$
  SELECT q.id, q.speaker_id FROM quotes q JOIN articles qa ON qa.id = q.article_id
   WHERE %1$s = ANY($1) AND q.kind = 'direct' AND q.speaker_id IS NOT NULL
     AND NOT EXISTS (
       SELECT 1 FROM quote_echoes l JOIN quotes e ON e.id = l.echo_id JOIN articles ea ON ea.id = e.article_id
        WHERE l.quote_id = q.id AND e.speaker_id = q.speaker_id AND e.kind = 'direct' AND e.id <> ALL($2)
          AND (coalesce(ea.published_at, 'infinity'), ea.ingested_at, ea.id, e.id)
            < (coalesce(qa.published_at, 'infinity'), qa.ingested_at, qa.id, q.id))
     AND NOT EXISTS (
       SELECT 1 FROM quotes e JOIN articles ea ON ea.id = e.article_id
        WHERE e.normalized_hash = q.normalized_hash AND e.article_id <> q.article_id
          AND e.speaker_id = q.speaker_id AND e.kind = 'direct' AND e.id <> ALL($2)
          AND (coalesce(ea.published_at, 'infinity'), ea.ingested_at, ea.id, e.id)
            < (coalesce(qa.published_at, 'infinity'), qa.ingested_at, qa.id, q.id))$$,
    CASE key_of WHEN 'speaker' THEN 'q.speaker_id' ELSE 'q.id' END)
  USING ids, excluded;
END $f$;--> statement-breakpoint
CREATE FUNCTION entity_summaries_add_first_reports(quote_ids int[], sign int) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  later int[];
BEGIN
  -- the quotes outside quote_ids that one of them comes before and is linked to, same speaker
  SELECT array_agg(DISTINCT q.id) INTO later
    FROM quotes a JOIN articles aa ON aa.id = a.article_id
    CROSS JOIN LATERAL (
      SELECT l.quote_id AS id FROM quote_echoes l WHERE l.echo_id = a.id
      UNION ALL
      SELECT c.id FROM quotes c WHERE c.normalized_hash = a.normalized_hash AND c.article_id <> a.article_id
    ) linked
    JOIN quotes q ON q.id = linked.id
    JOIN articles qa ON qa.id = q.article_id
   WHERE a.id = ANY(quote_ids) AND a.kind = 'direct' AND a.speaker_id IS NOT NULL
     AND q.speaker_id = a.speaker_id AND q.kind = 'direct' AND q.id <> ALL(quote_ids)
     AND (coalesce(aa.published_at, 'infinity'), aa.ingested_at, aa.id, a.id)
       < (coalesce(qa.published_at, 'infinity'), qa.ingested_at, qa.id, q.id);

  INSERT INTO entity_summaries AS s (entity_id, first_direct_quote_count)
  SELECT speaker_id, sign * sum(n) FROM (
    SELECT f.speaker_id, 1 AS n FROM first_direct_reports(quote_ids, 'quote', '{}') f
    UNION ALL
    -- first only without quote_ids: each of these has one of them before it
    SELECT f.speaker_id, -1 FROM first_direct_reports(coalesce(later, '{}'), 'quote', quote_ids) f
  ) c
   GROUP BY 1 HAVING sum(n) <> 0 ORDER BY 1
  ON CONFLICT (entity_id) DO UPDATE
    SET first_direct_quote_count = s.first_direct_quote_count + excluded.first_direct_quote_count;
END $$;--> statement-breakpoint
-- The quote counts move with a quote's speaker (0011); the first reports now move with them, taken
-- away before the speaker changes and added after, each while the quote is its speaker's.
ALTER FUNCTION entity_summaries_add_quotes(int[], int) RENAME TO entity_summaries_add_quote_counts;--> statement-breakpoint
CREATE FUNCTION entity_summaries_add_quotes(quote_ids int[], sign int) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF sign < 0 THEN
    PERFORM entity_summaries_add_first_reports(quote_ids, sign);
    PERFORM entity_summaries_add_quote_counts(quote_ids, sign);
  ELSE
    PERFORM entity_summaries_add_quote_counts(quote_ids, sign);
    PERFORM entity_summaries_add_first_reports(quote_ids, sign);
  END IF;
END $$;--> statement-breakpoint
-- A merge recomputes its entities' summaries from the stored rows (0011), first reports included.
ALTER FUNCTION entity_summaries_refresh(int[]) RENAME TO entity_summaries_refresh_counts;--> statement-breakpoint
CREATE FUNCTION entity_summaries_refresh(ids int[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM entity_summaries_refresh_counts(ids);
  PERFORM entity_summaries_count_first_reports(ids);
END $$;--> statement-breakpoint
CREATE FUNCTION entity_summaries_count_first_reports(ids int[]) RETURNS void LANGUAGE sql AS $$
  UPDATE entity_summaries s SET first_direct_quote_count = coalesce(c.n, 0)
    FROM unnest(ids) e(id)
    LEFT JOIN (SELECT f.speaker_id, count(*)::int AS n FROM first_direct_reports(ids, 'speaker', '{}') f GROUP BY 1) c
      ON c.speaker_id = e.id
   WHERE s.entity_id = e.id;
$$;--> statement-breakpoint
-- what is stored already (on a large database longer than the API's statement timeout)
SET LOCAL statement_timeout = 0;--> statement-breakpoint
SELECT entity_summaries_count_first_reports(array(SELECT entity_id FROM entity_summaries WHERE quote_count > 0));
