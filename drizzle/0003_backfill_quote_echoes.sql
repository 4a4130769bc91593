-- Fills quote_fragment_keys and quote_echoes for the quotes stored before they existed, with the
-- rules of services/echoes.ts (fragmentKeys, storeEchoes): every quote is the probe once, so `%`
-- and `%>` find both directions. About 0.1 s a quote on 50,000 quotes (docs/cross-referencing.md);
-- an empty database costs nothing. The migration runs in one transaction, so these settings end
-- with it; the backfill may outlast the application's statement timeout.
SELECT set_config('statement_timeout', '0', true), set_config('pg_trgm.similarity_threshold', '0.5', true), set_config('pg_trgm.word_similarity_threshold', '0.8', true);
--> statement-breakpoint
INSERT INTO quote_fragment_keys (key, quote_id)
SELECT DISTINCT encode(sha256(convert_to(array_to_string(w.words[1 + a:cardinality(w.words) - b], ' '), 'UTF8')), 'hex'), w.id
FROM (SELECT id, regexp_split_to_array(normalized_text, ' ') AS words FROM quotes) w,
  generate_series(0, 2) a, generate_series(0, 2) b
WHERE a + b > 0 AND a + b < cardinality(w.words)
  AND length(array_to_string(w.words[1 + a:cardinality(w.words) - b], ' ')) >= 15
ON CONFLICT DO NOTHING;
--> statement-breakpoint
INSERT INTO quote_echoes (quote_id, echo_id, similarity, exact, fragment)
SELECT q.id, o.id, similarity(o.normalized_text, q.normalized_text),
  o.normalized_hash = q.normalized_hash,
  NOT (o.normalized_hash = q.normalized_hash
    OR (o.normalized_text % q.normalized_text AND similarity(o.normalized_text, q.normalized_text) >= 0.5))
FROM quotes q
CROSS JOIN LATERAL (
  SELECT o.id, o.normalized_text, o.normalized_hash FROM quotes o
  WHERE o.article_id <> q.article_id
    AND (o.normalized_hash = q.normalized_hash
      OR (o.normalized_text % q.normalized_text AND similarity(o.normalized_text, q.normalized_text) >= 0.5)
      OR (o.normalized_text %> q.normalized_text AND length(q.normalized_text) >= 15
        AND word_similarity(q.normalized_text, o.normalized_text) >= 0.8))
) o
ON CONFLICT DO NOTHING;
--> statement-breakpoint
SELECT set_config(name, reset_val, true) FROM pg_settings
WHERE name IN ('pg_trgm.similarity_threshold', 'pg_trgm.word_similarity_threshold');
