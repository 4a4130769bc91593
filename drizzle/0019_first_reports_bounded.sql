-- First reports (0016–0018): for each direct quote a batch stores, the stored quotes it comes before
-- and is linked to lose their first-report status. The exact copies among them were found by
-- reading every stored copy of the quote's text (quotes_normalized_hash_idx) and comparing each
-- one's article date: a cost that grows with how often a statement is repeated, and in a large
-- corpus the commonest are repeated thousands of times (0.33 → 3.68 ms of backend CPU an article
-- from the first to the last 1,000 of 100,000 generated articles). Only a quote that was a first
-- report can lose the status, and a copy that comes after the new quote was not one when an earlier
-- copy (same speaker, another article) precedes the new quote: that copy precedes it too. So the
-- copies are read only for a quote with no earlier copy, which the lookup finds in its first
-- entries when there is one (the index returns the oldest rows first), and the counts are the same.
CREATE OR REPLACE FUNCTION first_direct_reports(ids int[], key_of text, excluded int[])
RETURNS TABLE (id int, speaker_id int) LANGUAGE plpgsql STABLE AS $f$
BEGIN
  RETURN QUERY EXECUTE format($$
  SELECT q.id, q.speaker_id FROM quotes q %2$s
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
            < (coalesce(qa.published_at, 'infinity'), qa.ingested_at, qa.id, q.id)
       OFFSET 0)$$,
    CASE key_of WHEN 'speaker' THEN 'q.speaker_id' ELSE 'q.id' END,
    -- a batch's quotes: their articles looked up one by one (a hash of every article grew with the
    -- corpus); a speaker's quotes, thousands of them, joined as the planner likes
    CASE key_of WHEN 'speaker' THEN 'JOIN articles qa ON qa.id = q.article_id'
      ELSE 'CROSS JOIN LATERAL (SELECT a.published_at, a.ingested_at, a.id FROM articles a WHERE a.id = q.article_id OFFSET 0) qa' END)
  USING ids, excluded;
END $f$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION entity_summaries_add_first_reports(quote_ids int[], sign int) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  later int[];
BEGIN
  -- the quotes outside quote_ids that one of them comes before and is linked to, same speaker
  SELECT array_agg(DISTINCT q.id) INTO later
    FROM quotes a JOIN articles aa ON aa.id = a.article_id
    CROSS JOIN LATERAL (
      SELECT q.id FROM (
          SELECT l.quote_id AS id FROM quote_echoes l WHERE l.echo_id = a.id
          UNION ALL
          SELECT c.id FROM quotes c
           WHERE c.normalized_hash = a.normalized_hash AND c.article_id <> a.article_id
             AND NOT EXISTS (
               SELECT 1 FROM quotes e JOIN articles ea ON ea.id = e.article_id
                WHERE e.normalized_hash = a.normalized_hash AND e.article_id <> a.article_id
                  AND e.speaker_id = a.speaker_id AND e.kind = 'direct' AND e.id <> ALL(quote_ids)
                  AND (coalesce(ea.published_at, 'infinity'), ea.ingested_at, ea.id, e.id)
                    < (coalesce(aa.published_at, 'infinity'), aa.ingested_at, aa.id, a.id)
               OFFSET 0)
        ) linked
        JOIN quotes q ON q.id = linked.id
        JOIN articles qa ON qa.id = q.article_id
       WHERE (q.speaker_id = a.speaker_id) IS TRUE AND q.kind = 'direct' AND q.id <> ALL(quote_ids)
         AND (coalesce(aa.published_at, 'infinity'), aa.ingested_at, aa.id, a.id)
           < (coalesce(qa.published_at, 'infinity'), qa.ingested_at, qa.id, q.id)
      OFFSET 0
    ) q
   WHERE a.id = ANY(quote_ids) AND a.kind = 'direct' AND a.speaker_id IS NOT NULL;

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
END $$;
