-- A batch stores thousands of quotes and echo links, and each row paid lookups of its own: the
-- links' two foreign keys checked (and locked) both quotes, half of the links' insert, and a row
-- trigger read the quote's article for its date (0006). The links now follow a deleted quote by a
-- statement trigger, as its shingles do (0009), and ingest passes the article's date.
ALTER TABLE "quote_echoes" DROP CONSTRAINT "quote_echoes_quote_id_quotes_id_fk";--> statement-breakpoint
ALTER TABLE "quote_echoes" DROP CONSTRAINT "quote_echoes_echo_id_quotes_id_fk";--> statement-breakpoint
CREATE FUNCTION quote_echoes_delete_gone() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM quote_echoes e USING gone WHERE e.quote_id = gone.id;
  DELETE FROM quote_echoes e USING gone WHERE e.echo_id = gone.id;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER quote_echoes_follow_deleted_quotes AFTER DELETE ON quotes
  REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION quote_echoes_delete_gone();--> statement-breakpoint
-- quotes.article_date: the trigger fills only what an insert leaves null (an article without
-- published_at takes its ingested_at, which only the server knows), and still follows a quote moved
-- to another article.
DROP TRIGGER quotes_article_date ON quotes;--> statement-breakpoint
CREATE TRIGGER quotes_article_date BEFORE INSERT ON quotes
  FOR EACH ROW WHEN (NEW.article_date IS NULL) EXECUTE FUNCTION quotes_set_article_date();--> statement-breakpoint
CREATE TRIGGER quotes_article_date_moved BEFORE UPDATE OF article_id ON quotes
  FOR EACH ROW EXECUTE FUNCTION quotes_set_article_date();--> statement-breakpoint
-- First reports (0017) are counted per batch with a cost that follows the batch, not the corpus:
-- planned with the average speaker's quotes (a few dozen) where the most quoted have thousands,
-- the quotes a new quote comes before were read as all of its speaker's quotes joined to its links,
-- and the earlier copies of the batch's quotes as a hash over every direct quote stored. The
-- copies are now looked up quote by quote (OFFSET 0 keeps NOT EXISTS a per-row lookup in
-- quotes_normalized_hash_idx), and the links' quotes by id (the speaker compared, not looked up).
CREATE OR REPLACE FUNCTION first_direct_reports(ids int[], key_of text, excluded int[])
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
            < (coalesce(qa.published_at, 'infinity'), qa.ingested_at, qa.id, q.id)
       OFFSET 0)$$,
    CASE key_of WHEN 'speaker' THEN 'q.speaker_id' ELSE 'q.id' END)
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
          SELECT c.id FROM quotes c WHERE c.normalized_hash = a.normalized_hash AND c.article_id <> a.article_id
        ) linked
        JOIN quotes q ON q.id = linked.id
        JOIN articles qa ON qa.id = q.article_id
       WHERE (q.speaker_id = a.speaker_id) IS TRUE AND q.kind = 'direct' AND q.id <> ALL(quote_ids)
         AND (coalesce(aa.published_at, 'infinity'), aa.ingested_at, aa.id, a.id)
           < (coalesce(qa.published_at, 'infinity'), qa.ingested_at, qa.id, q.id)
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
