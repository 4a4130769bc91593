#!/bin/bash
# bench/read-explain.sh DB SPEAKER_ID ABOUT_ID
# EXPLAIN (ANALYZE, BUFFERS) of the statements behind search("ceasefire sanctions") and
# quotes(filter: {speaker, about}), in the form main had before issue 9's read round and the form it
# has now (docs/scaling.md, "Reads at a million articles"), written out as the API sends them.
DB=$1; S=$2; A=$3
Q="websearch_to_tsquery('english', 'ceasefire sanctions')"
run() { echo "=== $1"; psql -h 127.0.0.1 -U postgres -d $DB -c "set jit=off" -c "explain (analyze, buffers) $2" | grep -v "^SET"; }
run "search page, before: every match ranked" "select h.kind, h.id, h.score from (select 'article'::text, id, round(ts_rank(search_vector, $Q, 32)::numeric, 6)::float8 from articles where search_vector @@ $Q union all select 'quote'::text, id, round(ts_rank(search_vector, $Q, 32)::numeric, 6)::float8 from quotes where search_vector @@ $Q) h(kind, id, score) order by h.score desc, h.kind desc, h.id desc limit 21"
run "search page, now: the newest 1,000 of each kind ranked" "select h.kind, h.id, h.score from (select 'article'::text, c.id, round(ts_rank(c.search_vector, $Q, 32)::numeric, 6)::float8 from (select id, search_vector from articles where search_vector @@ $Q order by published_at desc, id desc limit 1000) c union all select 'quote'::text, c.id, round(ts_rank(c.search_vector, $Q, 32)::numeric, 6)::float8 from (select id, search_vector from quotes where search_vector @@ $Q order by article_date desc, id desc limit 1000) c) h(kind, id, score) order by h.score desc, h.kind desc, h.id desc limit 21"
run "search count, before" "select count(*) from (select id from articles where search_vector @@ $Q union all select id from quotes where search_vector @@ $Q) h"
run "search count, now (in the page statement since)" "select count(*) from (select c.id, ts_rank(c.search_vector, $Q, 32) from (select id, search_vector from articles where search_vector @@ $Q order by published_at desc, id desc limit 1000) c union all select c.id, ts_rank(c.search_vector, $Q, 32) from (select id, search_vector from quotes where search_vector @@ $Q order by article_date desc, id desc limit 1000) c) h"
run "speaker+about page, before" "select id, text from quotes where quotes.speaker_id in ($S) and exists (select 1 from quote_about where quote_about.quote_id = quotes.id and quote_about.entity_id in ($A)) order by article_date desc, id desc limit 21"
run "speaker+about page, now" "select id, text from quotes where quotes.speaker_id in ($S) and quotes.id in (select qa.quote_id from quote_about qa join quotes s on s.id = qa.quote_id where qa.entity_id in ($A) and s.speaker_id in ($S)) order by article_date desc, id desc limit 21"
run "speaker+about count, before" "select count(*) from quotes where quotes.speaker_id in ($S) and exists (select 1 from quote_about where quote_about.quote_id = quotes.id and quote_about.entity_id in ($A))"
run "speaker+about count, now" "select count(*) from quotes where quotes.speaker_id in ($S) and quotes.id in (select qa.quote_id from quote_about qa join quotes s on s.id = qa.quote_id where qa.entity_id in ($A) and s.speaker_id in ($S))"
