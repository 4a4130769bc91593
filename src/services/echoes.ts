import { and, asc, eq, getTableColumns, inArray, type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../db/client';
import { articles, quoteEchoes, quoteFragmentKeys, quotes } from '../db/schema';
import type { QuoteRow } from '../loaders/quotes';
import { sha256 } from './normalize';

/**
 * When two quotes are "the same statement", on normalized text (see normalizeQuoteText). Picked on
 * reworded reports (tests/api/cross-reference.test.ts, the example articles); see
 * docs/cross-referencing.md for the scores and the timings:
 * - near: trigram similarity ≥ 0.5. A few changed words score 0.7–0.8, reordered sentences 1.0, a
 *   quote cut to about half of itself ~0.5; different quotes by the same speaker stay under 0.2.
 *   It is also the `%` operator's threshold: lower, the index offers far more candidates.
 * - fragment: word_similarity(fragment, whole) ≥ 0.8, so a trimmed or partial quote ("can neither
 *   confirm nor deny", 1.0) is an echo of the full one whatever their lengths; only fragments of at
 *   least 15 characters and, because short phrases recur, only when the speakers do not differ.
 *   The full quote does not list a fragment shorter than about half of it (not symmetric).
 */
export const ECHO_THRESHOLDS = {
  near: 0.5,
  fragment: 0.8,
  fragmentMinChars: 15,
} as const;

const num = (n: number) => sql.raw(String(n));

export interface EchoLinkColumns {
  fragment: SQLWrapper;
}

/**
 * Whether a stored link from `quote` to its echo `echo` holds now: a link only the fragment rule
 * makes needs speakers that do not differ, and speakers change (reattribution, merges), texts don't.
 */
export function echoLinkHolds(
  link: EchoLinkColumns,
  quote: { speakerId: SQLWrapper },
  echo: { speakerId: SQLWrapper },
): SQL {
  return sql`(not ${link.fragment} or ${quote.speakerId} is null or ${echo.speakerId} is null
    or ${quote.speakerId} = ${echo.speakerId})`;
}

/**
 * Links the quotes of a newly stored article with the quotes already stored, both ways, in one
 * statement. The new quote is the probe each time, which gives every rule an index path:
 * the hash (btree) for exact, `%` for near (symmetric, so one search serves both directions),
 * `%>` for the new quote as a fragment of a stored one, and, for a stored quote that is a
 * fragment of the new one (no trigram index finds texts contained in a probe), the hashes of the
 * new quote's word runs, looked up among stored texts and their fragment keys: a partial quote is
 * usually cut from the full one word for word, give or take a word or two at its edges. Then it
 * stores the new quotes' fragment keys for the quotes to come.
 * pg_trgm's operators read their thresholds from settings, set for the statement with SET LOCAL
 * and put back after it.
 */
export async function storeEchoes(
  tx: Db,
  articleId: number,
  newQuotes: Array<{ id: number; normalizedText: string }>,
): Promise<void> {
  const runs = [...new Set(newQuotes.flatMap((q) => wordRunHashes(q.normalizedText)))];
  const runsArray = sql`${`{${runs.join(',')}}`}::text[]`;
  await tx.execute(
    sql`select set_config('pg_trgm.similarity_threshold', ${String(ECHO_THRESHOLDS.near)}, true),
      set_config('pg_trgm.word_similarity_threshold', ${String(ECHO_THRESHOLDS.fragment)}, true)`,
  );
  await tx.execute(sql`
    with probe as (
      select id, article_id, normalized_text, normalized_hash from ${quotes} where article_id = ${articleId}
    ),
    pair as (
      select n.id as new_id, n.normalized_text as new_text, n.normalized_hash as new_hash,
        o.id as old_id, o.normalized_text as old_text, o.normalized_hash as old_hash
      from probe n
      cross join lateral (
        select o.id, o.normalized_text, o.normalized_hash from ${quotes} o
        where o.article_id <> n.article_id
          and (o.normalized_hash = n.normalized_hash
            or o.normalized_text % n.normalized_text
            or o.normalized_text %> n.normalized_text)
      ) o
      union
      select n.id, n.normalized_text, n.normalized_hash, o.id, o.normalized_text, o.normalized_hash
      from ${quotes} o join probe n on o.article_id <> n.article_id
      where o.id in (
        select id from ${quotes} where normalized_hash = any(${runsArray})
        union
        select quote_id from ${quoteFragmentKeys} where key = any(${runsArray}))
    ),
    candidate as (
      select new_id, old_id, similarity(old_text, new_text) as similarity, old_hash = new_hash as exact,
        (old_hash = new_hash
          or (old_text % new_text and similarity(old_text, new_text) >= ${num(ECHO_THRESHOLDS.near)})) as near,
        (old_text %> new_text
          and length(new_text) >= ${num(ECHO_THRESHOLDS.fragmentMinChars)}
          and word_similarity(new_text, old_text) >= ${num(ECHO_THRESHOLDS.fragment)}) as new_in_old,
        (new_text %> old_text
          and length(old_text) >= ${num(ECHO_THRESHOLDS.fragmentMinChars)}
          and word_similarity(old_text, new_text) >= ${num(ECHO_THRESHOLDS.fragment)}) as old_in_new
      from pair
    )
    insert into ${quoteEchoes} (quote_id, echo_id, similarity, exact, fragment)
    select new_id, old_id, similarity, exact, not near from candidate where near or new_in_old
    union all
    select old_id, new_id, similarity, exact, not near from candidate where near or old_in_new
    on conflict do nothing`);
  await tx.execute(sql`select set_config(name, reset_val, true) from pg_settings
    where name in ('pg_trgm.similarity_threshold', 'pg_trgm.word_similarity_threshold')`);
  const keys = newQuotes.flatMap((q) =>
    fragmentKeys(q.normalizedText).map((key) => ({ key, quoteId: q.id })),
  );
  for (let i = 0; i < keys.length; i += 5000)
    await tx
      .insert(quoteFragmentKeys)
      .values(keys.slice(i, i + 5000))
      .onConflictDoNothing();
}

/**
 * The hashes of a quote's text with one or two words dropped at either edge (≥ 15 characters
 * left): a partial quote often carries a word the full quote does not have there ("so", "he").
 */
export function fragmentKeys(normalizedText: string): string[] {
  const words = normalizedText.split(' ');
  const keys = new Set<string>();
  for (let a = 0; a <= 2; a++) {
    for (let b = 0; b <= 2; b++) {
      if (a + b === 0 || a + b >= words.length) continue;
      const run = words.slice(a, words.length - b).join(' ');
      if (run.length >= ECHO_THRESHOLDS.fragmentMinChars) keys.add(sha256(run));
    }
  }
  return [...keys];
}

/** The hashes of a normalized text's word runs that could be a fragment of it: shorter, ≥ 15 characters. */
export function wordRunHashes(normalizedText: string): string[] {
  const words = normalizedText.split(' ');
  const hashes: string[] = [];
  for (let i = 0; i < words.length; i++) {
    for (let j = i + 1; j <= words.length; j++) {
      if (j - i === words.length) continue;
      const run = words.slice(i, j).join(' ');
      if (run.length >= ECHO_THRESHOLDS.fragmentMinChars) hashes.push(sha256(run));
    }
  }
  return hashes;
}

export interface EchoRow extends QuoteRow {
  sourceId: number;
  sortKey: string;
  similarity: number;
  exact: boolean;
}

export interface EchoPage {
  limit: number;
  after?: { sortKey: string; id: number };
}

/** db.execute answers { rows } on both drivers, typed per driver; this reads it on either. */
export function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

/**
 * The echoes of many quotes in one statement: a lateral join reads each source quote's links,
 * bounded by the page size. Echoes come in order of publication.
 */
export async function loadEchoes(db: Db, quoteIds: readonly number[], page: EchoPage): Promise<EchoRow[][]> {
  const ids = [...new Set(quoteIds)];
  if (!ids.length) return quoteIds.map(() => []);
  const q = alias(quotes, 'q');
  const source = db
    .select({
      sourceId: sql<number>`${q.id}`.as('source_id'),
      speakerId: sql<number | null>`${q.speakerId}`.as('source_speaker_id'),
    })
    .from(q)
    .where(inArray(q.id, ids))
    .as('source');
  const o = alias(quotes, 'o');
  const oa = alias(articles, 'oa');
  const link = alias(quoteEchoes, 'link');
  const { searchVector: _sv, ...columns } = getTableColumns(o);
  const date = sql`coalesce(${oa.publishedAt}, ${oa.ingestedAt})`;
  const echoes = db
    .select({
      ...columns,
      sortKey: sql<string>`(${date})::text`.as('sort_key'),
      similarity: sql<number>`${link.similarity}::float8`.as('similarity'),
      exact: sql<boolean>`${link.exact}`.as('exact'),
    })
    .from(link)
    .innerJoin(o, eq(o.id, link.echoId))
    .innerJoin(oa, eq(oa.id, o.articleId))
    .where(
      and(
        sql`${link.quoteId} = ${source.sourceId}`,
        echoLinkHolds(link, source, o),
        page.after
          ? sql`(${date}, ${o.id}) > (${page.after.sortKey}::timestamptz, ${page.after.id}::int)`
          : undefined,
      ),
    )
    .orderBy(asc(date), asc(o.id))
    .limit(page.limit)
    .as('echo');
  const rows = await db.select().from(source).crossJoinLateral(echoes);
  const bySource = new Map<number, EchoRow[]>(ids.map((id) => [id, []]));
  for (const row of rows)
    bySource.get(row.source.sourceId)?.push({ ...row.echo, sourceId: row.source.sourceId });
  return quoteIds.map((id) => bySource.get(id) ?? []);
}

export interface EchoSummary {
  /** The earliest of the articles carrying the quote or an echo of it, by publishedAt (unknown last), then ingestedAt. */
  firstArticleId: number;
  /**
   * How many articles carry the statement: the quote's, its echoes', and those of the first
   * report's echoes, so that a fragment that echoes only the full quote still counts every article
   * the full quote is in (fuzzy matching is not transitive; anchoring on the first report makes
   * the count the same as on the row quotes(filter: { distinct: true }) lists).
   */
  occurrenceCount: number;
}

export async function loadEchoSummaries(
  db: Db,
  quoteIds: readonly number[],
): Promise<(EchoSummary | null)[]> {
  const ids = [...new Set(quoteIds)];
  if (!ids.length) return [];
  const q = alias(quotes, 'q');
  const o = alias(quotes, 'o');
  const f = alias(quotes, 'f');
  const fo = alias(quotes, 'fo');
  const link = alias(quoteEchoes, 'link');
  const flink = alias(quoteEchoes, 'flink');
  // The quote's links (echoed), then, only when an echo was reported first, that echo's links.
  const result = await db.execute(sql`
    select ${q.id} as id, first_report.article_id as first_article_id,
      (select count(distinct carrier)::int
        from unnest(echoed.article_ids || first_report.article_id || coalesce(first_echoed.article_ids, '{}'::int[])) carrier
      ) as occurrences
    from ${quotes} q
    cross join lateral (
      select coalesce(array_agg(${o.id}), '{}'::int[]) as ids, coalesce(array_agg(${o.articleId}), '{}'::int[]) as article_ids
      from ${quoteEchoes} link join ${quotes} o on ${o.id} = ${link.echoId}
      where ${link.quoteId} = ${q.id} and ${echoLinkHolds(link, q, o)}
    ) echoed
    cross join lateral (
      select c.id, c.article_id from (
        select ${q.id} as id, ${q.articleId} as article_id
        union all
        select unnest(echoed.ids), unnest(echoed.article_ids)
      ) c
      join ${articles} a on a.id = c.article_id
      order by a.published_at asc nulls last, a.ingested_at asc, a.id asc, c.id asc
      limit 1
    ) first_report
    left join lateral (
      select array_agg(${fo.articleId}) as article_ids
      from ${quoteEchoes} flink
        join ${quotes} f on ${f.id} = ${flink.quoteId}
        join ${quotes} fo on ${fo.id} = ${flink.echoId}
      where ${flink.quoteId} = first_report.id and first_report.id <> ${q.id} and ${echoLinkHolds(flink, f, fo)}
    ) first_echoed on true
    where ${inArray(q.id, ids)}`);
  const rows = rowsOf<{ id: number; occurrences: number; first_article_id: number }>(result);
  const byId = new Map(
    rows.map((r) => [
      Number(r.id),
      { occurrenceCount: Number(r.occurrences), firstArticleId: Number(r.first_article_id) },
    ]),
  );
  return quoteIds.map((id) => byId.get(id) ?? null);
}
