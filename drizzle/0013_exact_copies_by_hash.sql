-- Exact copies (the same normalized text, so the same normalized_hash) in two articles echo each
-- other. Stored as pairs they grew with the square of a statement's reports: the n-th report of a
-- statement added 2(n - 1) rows, and storing them was what slowed ingest as a corpus grew
-- (docs/scaling.md). quotes_normalized_hash_idx finds them at read time instead: quote_echoes
-- keeps the near and fragment links, and quote_echo_links is every link, as reads see them.
-- The delete reads every stored link: on a large database longer than the API's statement timeout.
SET LOCAL statement_timeout = 0;--> statement-breakpoint
DELETE FROM quote_echoes e USING quotes q, quotes o
  WHERE q.id = e.quote_id AND o.id = e.echo_id AND o.normalized_hash = q.normalized_hash;--> statement-breakpoint
CREATE VIEW quote_echo_links AS
  SELECT quote_id, echo_id, similarity, false AS exact, fragment FROM quote_echoes
  UNION ALL
  SELECT q.id, o.id, similarity(q.normalized_text, o.normalized_text), true, false
  FROM quotes q JOIN quotes o ON o.normalized_hash = q.normalized_hash AND o.article_id <> q.article_id;
