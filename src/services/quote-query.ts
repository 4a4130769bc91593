import { and, count, eq, exists, gte, inArray, lt, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { articles, quoteAbout, quotes } from '../db/schema';
import type { QuoteKind } from '../ingest/types';
import { type QuoteRow, quoteColumns } from '../loaders/quotes';
import type { Keyset, Page } from '../schema/pagination';

export interface QuoteFilter {
  speakerIds?: number[];
  aboutIds?: number[];
  articleId?: number;
  kind?: QuoteKind;
  search?: string;
  publishedAfter?: Date;
  publishedBefore?: Date;
}

export type QuoteOrderField = 'PUBLISHED_AT' | 'CONFIDENCE' | 'POSITION';
export type QuoteListRow = QuoteRow & { sortKey: string };

const articleDate = sql`coalesce(${articles.publishedAt}, ${articles.ingestedAt})`;

const sortExpressions: Record<QuoteOrderField, { expr: SQL; type: Keyset<QuoteListRow>['sortType'] }> = {
  PUBLISHED_AT: { expr: articleDate, type: 'timestamptz' },
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

function conditions(filter: QuoteFilter): SQL | undefined {
  return and(
    filter.speakerIds ? inArray(quotes.speakerId, filter.speakerIds) : undefined,
    filter.aboutIds?.length
      ? exists(
          sql`(select 1 from ${quoteAbout} where ${quoteAbout.quoteId} = ${quotes.id} and ${inArray(quoteAbout.entityId, filter.aboutIds)})`,
        )
      : undefined,
    filter.articleId !== undefined ? eq(quotes.articleId, filter.articleId) : undefined,
    filter.kind ? eq(quotes.kind, filter.kind) : undefined,
    filter.search
      ? sql`${quotes.searchVector} @@ websearch_to_tsquery('english', ${filter.search})`
      : undefined,
    filter.publishedAfter ? gte(articleDate, filter.publishedAfter) : undefined,
    filter.publishedBefore ? lt(articleDate, filter.publishedBefore) : undefined,
  );
}

export async function findQuotes(
  db: Db,
  filter: QuoteFilter,
  keyset: Keyset<QuoteListRow>,
  page: Page,
): Promise<QuoteListRow[]> {
  return db
    .select({ ...quoteColumns, sortKey: sql<string>`(${keyset.sortExpr})::text` })
    .from(quotes)
    .innerJoin(articles, eq(articles.id, quotes.articleId))
    .where(and(conditions(filter), page.where))
    .orderBy(...page.orderBy)
    .limit(page.limit);
}

export async function countQuotes(db: Db, filter: QuoteFilter): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(quotes)
    .innerJoin(articles, eq(articles.id, quotes.articleId))
    .where(conditions(filter));
  return row?.n ?? 0;
}
