import { and, asc, eq, getTableColumns, inArray, ne, type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../db/client';
import { articles, quotes } from '../db/schema';
import type { QuoteRow } from '../loaders/quotes';

/**
 * When two quotes are "the same statement", on normalized text (see normalizeQuoteText). Picked on
 * reworded reports (tests/api/cross-reference.test.ts, the example articles) and timed on 60,000
 * quotes (docs/cross-referencing.md):
 * - near: trigram similarity ≥ 0.5. A few changed words score 0.7–0.8, reordered sentences 1.0, a
 *   quote cut to about half of itself ~0.5; different quotes by the same speaker stay under 0.2.
 *   It is also the `%` operator's threshold: lower, the GIN index offers far more candidates to
 *   recheck (0.3 is ~9× slower than 0.5 on the 60,000 quotes).
 * - fragment: word_similarity(fragment, whole) ≥ 0.8, so a trimmed or partial quote ("can neither
 *   confirm nor deny", 1.0) is an echo of the full one whatever their lengths; only fragments of at
 *   least 15 characters and, because short phrases recur, only when the speakers do not differ.
 *   The index finds a fragment's full quote (`%>`), not the other way round: from the full quote,
 *   a fragment shorter than about half of it is not listed (fuzzy matches are not symmetric).
 */
export const ECHO_THRESHOLDS = {
  near: 0.5,
  fragment: 0.8,
  fragmentMinChars: 15,
} as const;

export interface EchoColumns {
  normalizedText: SQLWrapper;
  normalizedHash: SQLWrapper;
  speakerId: SQLWrapper;
}

const num = (n: number) => sql.raw(String(n));

/**
 * Whether quote `other` echoes quote `quote`. Each branch has its index path: the hash (btree),
 * `%` (GIN, near matches) and `%>` (GIN, `quote` found inside `other`). The operators take their
 * thresholds from the settings withEchoThresholds makes; the function calls apply them exactly.
 */
export function echoCondition(other: EchoColumns, quote: EchoColumns): SQL {
  return sql`(${other.normalizedHash} = ${quote.normalizedHash}
    or (${other.normalizedText} % ${quote.normalizedText}
      and similarity(${other.normalizedText}, ${quote.normalizedText}) >= ${num(ECHO_THRESHOLDS.near)})
    or (${other.normalizedText} %> ${quote.normalizedText}
      and length(${quote.normalizedText}) >= ${num(ECHO_THRESHOLDS.fragmentMinChars)}
      and word_similarity(${quote.normalizedText}, ${other.normalizedText}) >= ${num(ECHO_THRESHOLDS.fragment)}
      and (${quote.speakerId} is null or ${other.speakerId} is null or ${quote.speakerId} = ${other.speakerId})))`;
}

/** Runs work in a transaction whose pg_trgm operators use the echo thresholds (SET LOCAL, so nothing leaks). */
export function withEchoThresholds<T>(db: Db, work: (tx: Db) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(
      sql`select set_config('pg_trgm.similarity_threshold', ${String(ECHO_THRESHOLDS.near)}, true),
        set_config('pg_trgm.word_similarity_threshold', ${String(ECHO_THRESHOLDS.fragment)}, true)`,
    );
    return work(tx);
  });
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
 * The echoes of many quotes in one statement: a lateral join runs the indexed echo search once
 * per source quote, each bounded by the page size. Echoes come in order of publication.
 */
export async function loadEchoes(db: Db, quoteIds: readonly number[], page: EchoPage): Promise<EchoRow[][]> {
  const ids = [...new Set(quoteIds)];
  if (!ids.length) return quoteIds.map(() => []);
  const q = alias(quotes, 'q');
  const source = db
    .select({
      sourceId: sql<number>`${q.id}`.as('source_id'),
      articleId: sql<number>`${q.articleId}`.as('source_article_id'),
      normalizedText: q.normalizedText,
      normalizedHash: q.normalizedHash,
      speakerId: q.speakerId,
    })
    .from(q)
    .where(inArray(q.id, ids))
    .as('source');
  const o = alias(quotes, 'o');
  const oa = alias(articles, 'oa');
  const { searchVector: _sv, ...columns } = getTableColumns(o);
  const date = sql`coalesce(${oa.publishedAt}, ${oa.ingestedAt})`;
  const echoes = db
    .select({
      ...columns,
      sortKey: sql<string>`(${date})::text`.as('sort_key'),
      similarity: sql<number>`similarity(${o.normalizedText}, ${source.normalizedText})::float8`.as(
        'similarity',
      ),
      exact: sql<boolean>`(${o.normalizedHash} = ${source.normalizedHash})`.as('exact'),
    })
    .from(o)
    .innerJoin(oa, eq(oa.id, o.articleId))
    .where(
      and(
        ne(o.articleId, source.articleId),
        echoCondition(o, source),
        page.after
          ? sql`(${date}, ${o.id}) > (${page.after.sortKey}::timestamptz, ${page.after.id}::int)`
          : undefined,
      ),
    )
    .orderBy(asc(date), asc(o.id))
    .limit(page.limit)
    .as('echo');
  const rows = await withEchoThresholds(db, (tx) => tx.select().from(source).crossJoinLateral(echoes));
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
  // One echo search per quote (echoed), then, only when an echo was reported first, one for it.
  const result = await withEchoThresholds(db, (tx) =>
    tx.execute(sql`
      select ${q.id} as id, first_report.article_id as first_article_id,
        (select count(distinct carrier)::int
          from unnest(echoed.article_ids || first_report.article_id || coalesce(first_echoed.article_ids, '{}'::int[])) carrier
        ) as occurrences
      from ${quotes} q
      cross join lateral (
        select coalesce(array_agg(${o.id}), '{}'::int[]) as ids, coalesce(array_agg(${o.articleId}), '{}'::int[]) as article_ids
        from ${quotes} o where ${o.articleId} <> ${q.articleId} and ${echoCondition(o, q)}
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
        select array_agg(${fo.articleId}) as article_ids from ${quotes} f, ${quotes} fo
        where ${f.id} = first_report.id and ${f.id} <> ${q.id}
          and ${fo.articleId} <> ${f.articleId} and ${echoCondition(fo, f)}
      ) first_echoed on true
      where ${inArray(q.id, ids)}`),
  );
  const rows = rowsOf<{ id: number; occurrences: number; first_article_id: number }>(result);
  const byId = new Map(
    rows.map((r) => [
      Number(r.id),
      { occurrenceCount: Number(r.occurrences), firstArticleId: Number(r.first_article_id) },
    ]),
  );
  return quoteIds.map((id) => byId.get(id) ?? null);
}
