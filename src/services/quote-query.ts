import { and, count, eq, exists, gte, inArray, lt, notExists, type SQL, sql } from 'drizzle-orm';
import { alias, type PgSelect } from 'drizzle-orm/pg-core';
import type { Db } from '../db/client';
import { articles, entities, quoteAbout, quoteEchoes, quotes } from '../db/schema';
import type { QuoteKind } from '../ingest/types';
import { type QuoteRow, quoteColumns } from '../loaders/quotes';
import { selectShared } from '../loaders/shared-statement';
import type { Keyset, Page } from '../schema/pagination';
import { echoLinkHolds } from './echoes';

export interface QuoteFilter {
  speakerIds?: number[];
  aboutIds?: number[];
  articleId?: number;
  kind?: QuoteKind;
  search?: string;
  publishedAfter?: Date;
  publishedBefore?: Date;
  /** One quote per cluster of echoes: only quotes that no earlier quote matching the filter echoes. */
  distinct?: boolean;
}

export type QuoteOrderField = 'PUBLISHED_AT' | 'CONFIDENCE' | 'POSITION';
export type QuoteListRow = QuoteRow & { sortKey: string };

const sortExpressions: Record<QuoteOrderField, { expr: SQL; type: Keyset<QuoteListRow>['sortType'] }> = {
  PUBLISHED_AT: { expr: sql`${quotes.articleDate}`, type: 'timestamptz' },
  CONFIDENCE: { expr: sql`${quotes.confidence}::float8`, type: 'float8' },
  // article, then place in it: a quote's position is unique enough once the id breaks ties
  POSITION: { expr: sql`(${quotes.articleId}::int8 * 10000000 + ${quotes.start})`, type: 'int8' },
};

export function quoteKeyset(field: QuoteOrderField, direction: 'asc' | 'desc'): Keyset<QuoteListRow> {
  const sort = sortExpressions[field];
  return {
    sortExpr: sort.expr,
    sortType: sort.type,
    idExpr: quotes.id,
    direction,
    sortValue: (row) => row.sortKey,
    id: (row) => row.id,
  };
}

// The distinct filter compares each quote with others under an alias; both go through here.
type QuoteTable = typeof quotes;
type ArticleTable = typeof articles;

/** The article's date is on the quote (articleDate); only `distinct` reads the quote's article. */
export function quoteConditions(filter: QuoteFilter, q: QuoteTable = quotes): SQL | undefined {
  const date = q.articleDate;
  return and(
    filter.speakerIds ? inArray(q.speakerId, filter.speakerIds) : undefined,
    filter.aboutIds?.length
      ? exists(
          sql`(select 1 from ${quoteAbout} where ${quoteAbout.quoteId} = ${q.id} and ${inArray(quoteAbout.entityId, filter.aboutIds)})`,
        )
      : undefined,
    filter.articleId !== undefined ? eq(q.articleId, filter.articleId) : undefined,
    filter.kind ? eq(q.kind, filter.kind) : undefined,
    filter.search ? sql`${q.searchVector} @@ websearch_to_tsquery('english', ${filter.search})` : undefined,
    filter.publishedAfter ? gte(date, filter.publishedAfter) : undefined,
    filter.publishedBefore ? lt(date, filter.publishedBefore) : undefined,
    filter.distinct ? notExists(earlierEcho(filter)) : undefined,
  );
}

/** Earliest means what firstReported means: by publishedAt (unknown last), then ingestedAt. */
const reportOrder = (q: QuoteTable, a: ArticleTable) =>
  sql`(coalesce(${a.publishedAt}, 'infinity'::timestamptz), ${a.ingestedAt}, ${a.id}, ${q.id})`;

function earlierEcho(filter: QuoteFilter): SQL {
  const e = alias(quotes, 'earlier') as unknown as QuoteTable;
  const ea = alias(articles, 'earlier_article') as unknown as ArticleTable;
  const link = alias(quoteEchoes, 'link');
  return sql`(select 1 from ${quoteEchoes} link
      join ${quotes} earlier on ${e.id} = ${link.echoId}
      join ${articles} earlier_article on ${ea.id} = ${e.articleId}
    where ${link.quoteId} = ${quotes.id}
      and ${echoLinkHolds(link, quotes, e)}
      and ${reportOrder(e, ea)} < ${reportOrder(quotes, articles)}
      and ${quoteConditions({ ...filter, distinct: false }, e) ?? sql`true`})`;
}

/** Only the distinct filter needs the quote's article joined (its report order). */
function withArticle<Q extends PgSelect>(query: Q, filter: QuoteFilter): Q {
  return filter.distinct
    ? (query.innerJoin(articles, eq(articles.id, quotes.articleId)) as unknown as Q)
    : query;
}

export async function findQuotes(
  db: Db,
  filter: QuoteFilter,
  keyset: Keyset<QuoteListRow>,
  page: Page,
): Promise<QuoteListRow[]> {
  return selectShared(
    db,
    withArticle(
      db
        .select({ ...quoteColumns, sortKey: sql<string>`(${keyset.sortExpr})::text` })
        .from(quotes)
        .$dynamic(),
      filter,
    )
      .where(and(quoteConditions(filter), page.where))
      .orderBy(...page.orderBy)
      .limit(page.limit),
  );
}

export async function countQuotes(db: Db, filter: QuoteFilter): Promise<number> {
  const [row] = await selectShared(
    db,
    withArticle(db.select({ n: count() }).from(quotes).$dynamic(), filter).where(quoteConditions(filter)),
  );
  return row?.n ?? 0;
}

/** Whose page a batched list is: the quotes each entity said, or the quotes about each entity. */
export type QuotePartition = 'speaker' | 'about';

const partitionColumn = (partition: QuotePartition) =>
  partition === 'speaker' ? quotes.speakerId : quoteAbout.entityId;

function partitionWhere(partition: QuotePartition, parentIds: number[], filter: QuoteFilter) {
  return and(inArray(partitionColumn(partition), parentIds), quoteConditions(filter));
}

/**
 * The page of quotes for each of several entities in one statement (see batchedPages): a lateral
 * join reads each entity's page, so newest first is an index range scan of page size per entity
 * (quotes_speaker_id_article_date_idx), not a sort of all its quotes. The filter must not already
 * name the partition's entities, and distinct is not batched: its earlier-echo test would have to
 * follow the partition too.
 */
export async function findQuotesForEach(
  db: Db,
  partition: QuotePartition,
  parentIds: number[],
  filter: QuoteFilter,
  keyset: Keyset<QuoteListRow>,
  page: Page,
): Promise<Map<number, QuoteListRow[]>> {
  const parents = db
    .select({ parentId: sql<number>`${entities.id}`.as('parent_id') })
    .from(entities)
    .where(inArray(entities.id, parentIds))
    .as('parents');
  const query = db
    .select({ ...quoteColumns, sortKey: sql<string>`(${keyset.sortExpr})::text`.as('sort_key') })
    .from(quotes)
    .$dynamic();
  const joined = withArticle(
    partition === 'about' ? query.innerJoin(quoteAbout, eq(quoteAbout.quoteId, quotes.id)) : query,
    filter,
  );
  const entityPage = joined
    .where(and(sql`${partitionColumn(partition)} = ${parents.parentId}`, quoteConditions(filter), page.where))
    .orderBy(...page.orderBy)
    .limit(page.limit)
    .as('page');
  const rows = await selectShared(db, db.select().from(parents).crossJoinLateral(entityPage));
  const pages = new Map<number, QuoteListRow[]>();
  for (const row of rows) {
    const list = pages.get(row.parents.parentId) ?? [];
    list.push(row.page as QuoteListRow);
    pages.set(row.parents.parentId, list);
  }
  return pages;
}

export async function countQuotesForEach(
  db: Db,
  partition: QuotePartition,
  parentIds: number[],
  filter: QuoteFilter,
): Promise<Map<number, number>> {
  const parent = partitionColumn(partition);
  const query = db.select({ parentId: parent, n: count() }).from(quotes).$dynamic();
  const joined = withArticle(
    partition === 'about' ? query.innerJoin(quoteAbout, eq(quoteAbout.quoteId, quotes.id)) : query,
    filter,
  );
  const rows = await selectShared(
    db,
    joined.where(partitionWhere(partition, parentIds, filter)).groupBy(parent),
  );
  return new Map(rows.flatMap((r) => (r.parentId === null ? [] : [[r.parentId, r.n] as const])));
}
