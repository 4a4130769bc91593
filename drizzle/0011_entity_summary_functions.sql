-- The entity summaries (0010) are kept by these functions, each set-based over its arguments:
-- entity_summaries_add(articles, sign) adds (1) or takes away (-1) what these articles contribute,
-- for a batch just stored (sign 1) or an article about to be deleted (-1); entity_summaries_add_quotes
-- does the same for quotes alone (before and after a quote changes speaker); entity_summaries_refresh
-- recomputes everything about these entities from the stored rows (after a merge moved them).
-- Rows are written table after table in key order, so that two writers wait for each other rather
-- than deadlock (ingest writes under its echo lock, and retries a batch that still does).
-- The totals and days of what `ids` name (articles, or entities when key_of = 'entity'), added with
-- their sign to what is kept. Written out for each key rather than planned once with both in it:
-- each form reads its own index.
CREATE FUNCTION entity_summaries_count(ids int[], sign int, key_of text) RETURNS void LANGUAGE plpgsql AS $f$
DECLARE
  mention text := CASE key_of WHEN 'entity' THEN 'm.entity_id' ELSE 'm.article_id' END;
  quote text := CASE key_of WHEN 'entity' THEN 'q.speaker_id' ELSE 'q.article_id' END;
  about text := CASE key_of WHEN 'entity' THEN 'qa.entity_id' ELSE 'q.article_id' END;
BEGIN
  EXECUTE format($$
  INSERT INTO entity_summaries AS s
    (entity_id, mention_count, article_count, quote_count, quotes_about_count, first_seen_at, last_seen_at)
  SELECT entity_id, $2 * sum(mentions), $2 * sum(articles), $2 * sum(quotes), $2 * sum(about),
         min(first_at), max(last_at)
    FROM (
      SELECT m.entity_id, count(*) AS mentions, count(DISTINCT m.article_id) AS articles, 0 AS quotes,
             0 AS about, min(coalesce(a.published_at, a.ingested_at)) AS first_at,
             max(coalesce(a.published_at, a.ingested_at)) AS last_at
        FROM mentions m JOIN articles a ON a.id = m.article_id
       WHERE %1$s = ANY($1) GROUP BY m.entity_id
      UNION ALL
      SELECT q.speaker_id, 0, 0, count(*), 0, NULL, NULL FROM quotes q
       WHERE %2$s = ANY($1) AND q.speaker_id IS NOT NULL GROUP BY q.speaker_id
      UNION ALL
      SELECT qa.entity_id, 0, 0, 0, count(*), NULL, NULL FROM quote_about qa JOIN quotes q ON q.id = qa.quote_id
       WHERE %3$s = ANY($1) GROUP BY qa.entity_id
    ) c
   GROUP BY entity_id ORDER BY entity_id
  ON CONFLICT (entity_id) DO UPDATE SET
    mention_count = s.mention_count + excluded.mention_count,
    article_count = s.article_count + excluded.article_count,
    quote_count = s.quote_count + excluded.quote_count,
    quotes_about_count = s.quotes_about_count + excluded.quotes_about_count,
    first_seen_at = least(s.first_seen_at, excluded.first_seen_at),
    last_seen_at = greatest(s.last_seen_at, excluded.last_seen_at)$$, mention, quote, about)
  USING ids, sign;

  EXECUTE format($$
  INSERT INTO entity_days AS d (entity_id, day, mentions, articles, quotes)
  SELECT entity_id, day, $2 * sum(mentions), $2 * sum(articles), $2 * sum(quotes)
    FROM (
      SELECT m.entity_id, date_trunc('day', coalesce(a.published_at, a.ingested_at), 'UTC') AS day,
             count(*) AS mentions, count(DISTINCT m.article_id) AS articles, 0 AS quotes
        FROM mentions m JOIN articles a ON a.id = m.article_id
       WHERE %1$s = ANY($1) GROUP BY 1, 2
      UNION ALL
      SELECT q.speaker_id, date_trunc('day', q.article_date, 'UTC'), 0, 0, count(*) FROM quotes q
       WHERE %2$s = ANY($1) AND q.speaker_id IS NOT NULL GROUP BY 1, 2
    ) c
   GROUP BY entity_id, day ORDER BY entity_id, day
  ON CONFLICT (entity_id, day) DO UPDATE SET
    mentions = d.mentions + excluded.mentions,
    articles = d.articles + excluded.articles,
    quotes = d.quotes + excluded.quotes$$, mention, quote)
  USING ids, sign;
END $f$;--> statement-breakpoint
CREATE FUNCTION entity_summaries_add(article_ids int[], sign int) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  affected int[];
BEGIN
  PERFORM entity_summaries_count(article_ids, sign, 'article');

  INSERT INTO entity_outlets AS o (entity_id, outlet_id, articles)
  SELECT m.entity_id, a.outlet_id, sign * count(DISTINCT a.id)
    FROM mentions m JOIN articles a ON a.id = m.article_id
   WHERE m.article_id = ANY(article_ids) AND a.outlet_id IS NOT NULL
   GROUP BY 1, 2 ORDER BY 1, 2
  ON CONFLICT (entity_id, outlet_id) DO UPDATE SET articles = o.articles + excluded.articles;

  WITH present AS (SELECT DISTINCT article_id, entity_id FROM mentions WHERE article_id = ANY(article_ids))
  INSERT INTO entity_co_mentions AS c (entity_id, other_id, articles)
  SELECT x.entity_id, y.entity_id, sign * count(*)
    FROM present x JOIN present y ON y.article_id = x.article_id AND y.entity_id <> x.entity_id
   GROUP BY 1, 2 ORDER BY 1, 2
  ON CONFLICT (entity_id, other_id) DO UPDATE SET articles = c.articles + excluded.articles;

  IF sign < 0 THEN
    -- these articles are about to go: what counts nothing goes with them (a timeline leaves out
    -- periods with nothing; no shared article, no co-mention), and a first or last seen date is
    -- read again without them (a minimum cannot be taken away from)
    SELECT array_agg(DISTINCT id) INTO affected FROM (
      SELECT entity_id AS id FROM mentions WHERE article_id = ANY(article_ids)
      UNION ALL
      SELECT speaker_id FROM quotes WHERE article_id = ANY(article_ids) AND speaker_id IS NOT NULL
      UNION ALL
      SELECT qa.entity_id FROM quote_about qa JOIN quotes q ON q.id = qa.quote_id WHERE q.article_id = ANY(article_ids)
    ) touched;
    UPDATE entity_summaries s SET first_seen_at = seen.first_at, last_seen_at = seen.last_at
      FROM (
        SELECT e.id, min(coalesce(a.published_at, a.ingested_at)) AS first_at,
               max(coalesce(a.published_at, a.ingested_at)) AS last_at
          FROM unnest(affected) e(id)
          LEFT JOIN mentions m ON m.entity_id = e.id AND m.article_id <> ALL(article_ids)
          LEFT JOIN articles a ON a.id = m.article_id
         GROUP BY e.id
      ) seen
     WHERE s.entity_id = seen.id;
    PERFORM entity_summaries_drop_empty(affected);
  END IF;
END $$;--> statement-breakpoint
CREATE FUNCTION entity_summaries_drop_empty(ids int[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM entity_days WHERE entity_id = ANY(ids) AND mentions = 0 AND quotes = 0;
  DELETE FROM entity_outlets WHERE entity_id = ANY(ids) AND articles = 0;
  DELETE FROM entity_co_mentions WHERE entity_id = ANY(ids) AND articles = 0;
  DELETE FROM entity_summaries
   WHERE entity_id = ANY(ids) AND mention_count = 0 AND quote_count = 0 AND quotes_about_count = 0;
END $$;--> statement-breakpoint
CREATE FUNCTION entity_summaries_add_quotes(quote_ids int[], sign int) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO entity_summaries AS s (entity_id, quote_count)
  SELECT speaker_id, sign * count(*) FROM quotes
   WHERE id = ANY(quote_ids) AND speaker_id IS NOT NULL GROUP BY 1 ORDER BY 1
  ON CONFLICT (entity_id) DO UPDATE SET quote_count = s.quote_count + excluded.quote_count;
  INSERT INTO entity_days AS d (entity_id, day, quotes)
  SELECT speaker_id, date_trunc('day', article_date, 'UTC'), sign * count(*) FROM quotes
   WHERE id = ANY(quote_ids) AND speaker_id IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2
  ON CONFLICT (entity_id, day) DO UPDATE SET quotes = d.quotes + excluded.quotes;
  IF sign < 0 THEN
    PERFORM entity_summaries_drop_empty(
      array(SELECT DISTINCT speaker_id FROM quotes WHERE id = ANY(quote_ids) AND speaker_id IS NOT NULL));
  END IF;
END $$;--> statement-breakpoint
-- Everything about these entities computed again from the stored rows, the co-mentions both ways
-- and the outlet counts of the articles they are the outlet of included.
CREATE FUNCTION entity_summaries_refresh(ids int[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM entity_summaries WHERE entity_id = ANY(ids);
  DELETE FROM entity_days WHERE entity_id = ANY(ids);
  PERFORM entity_summaries_count(ids, 1, 'entity');

  DELETE FROM entity_outlets WHERE entity_id = ANY(ids) OR outlet_id = ANY(ids);
  INSERT INTO entity_outlets (entity_id, outlet_id, articles)
  SELECT entity_id, outlet_id, count(DISTINCT article_id) FROM (
      SELECT m.entity_id, a.outlet_id, a.id AS article_id
        FROM mentions m JOIN articles a ON a.id = m.article_id
       WHERE m.entity_id = ANY(ids) AND a.outlet_id IS NOT NULL
      UNION ALL
      SELECT m.entity_id, a.outlet_id, a.id FROM articles a JOIN mentions m ON m.article_id = a.id
       WHERE a.outlet_id = ANY(ids)
    ) c
   GROUP BY 1, 2 ORDER BY 1, 2;

  DELETE FROM entity_co_mentions c USING entity_co_mentions mine
   WHERE mine.entity_id = ANY(ids) AND c.entity_id = mine.other_id AND c.other_id = mine.entity_id;
  DELETE FROM entity_co_mentions WHERE entity_id = ANY(ids);
  INSERT INTO entity_co_mentions (entity_id, other_id, articles)
  WITH mine AS (SELECT DISTINCT entity_id, article_id FROM mentions WHERE entity_id = ANY(ids)),
  pairs AS (
    SELECT mine.entity_id, o.entity_id AS other_id, count(DISTINCT o.article_id)::int AS articles
      FROM mine JOIN mentions o ON o.article_id = mine.article_id AND o.entity_id <> mine.entity_id
     GROUP BY 1, 2
  )
  SELECT entity_id, other_id, articles FROM pairs
  UNION ALL
  SELECT other_id, entity_id, articles FROM pairs WHERE other_id <> ALL(ids)
  ORDER BY 1, 2;
END $$;--> statement-breakpoint
-- what is stored already, as if each article had just been stored; on a large database this takes
-- longer than the API's statement timeout, which does not apply to a migration (the migrations of
-- one start run in one transaction, so this holds to its end)
SET LOCAL statement_timeout = 0;--> statement-breakpoint
SELECT entity_summaries_add(array(SELECT id FROM articles ORDER BY id), 1);
