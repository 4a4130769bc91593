import { and, eq, getTableColumns, inArray, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../db/client';
import { articles, quoteEchoLinks, quotes } from '../db/schema';
import type { QuoteRow } from '../loaders/quotes';
import { selectShared } from '../loaders/shared-statement';
import type { Keyset, Page } from '../schema/pagination';
import { echoLinkHolds } from './echoes';

export interface EchoPageRow extends QuoteRow {
  sortKey: string;
  similarity: number;
  exact: boolean;
}

const echo = alias(quotes, 'o');
const echoArticle = alias(articles, 'oa');
// not aliased: drizzle renders an alias of a view without the view's name
const link = quoteEchoLinks;

/** Echoes in order of publication (ingestion when unknown), ties by ID, paged either way. */
export const echoKeyset: Keyset<EchoPageRow> = {
  sortExpr: sql`coalesce(${echoArticle.publishedAt}, ${echoArticle.ingestedAt})`,
  sortType: 'timestamptz',
  idExpr: echo.id,
  direction: 'asc',
  sortValue: (row) => row.sortKey,
  id: (row) => row.id,
};

/**
 * The page of echoes of each of several quotes in one statement (see batchedPages): a lateral
 * join reads each quote's links, bounded by the page.
 */
export async function findEchoPagesForEach(
  db: Db,
  quoteIds: number[],
  page: Page,
): Promise<Map<number, EchoPageRow[]>> {
  const q = alias(quotes, 'q');
  const source = db
    .select({
      sourceId: sql<number>`${q.id}`.as('source_id'),
      speakerId: sql<number | null>`${q.speakerId}`.as('source_speaker_id'),
    })
    .from(q)
    .where(inArray(q.id, quoteIds))
    .as('source');
  const { searchVector: _searchVector, ...columns } = getTableColumns(echo);
  const echoes = db
    .select({
      ...columns,
      sortKey: sql<string>`(${echoKeyset.sortExpr})::text`.as('sort_key'),
      similarity: sql<number>`${link.similarity}::float8`.as('similarity'),
      exact: sql<boolean>`${link.exact}`.as('exact'),
    })
    .from(link)
    .innerJoin(echo, eq(echo.id, link.echoId))
    .innerJoin(echoArticle, eq(echoArticle.id, echo.articleId))
    .where(and(sql`${link.quoteId} = ${source.sourceId}`, echoLinkHolds(link, source, echo), page.where))
    .orderBy(...page.orderBy)
    .limit(page.limit)
    .as('echo');
  const rows = await selectShared(db, db.select().from(source).crossJoinLateral(echoes));
  const pages = new Map<number, EchoPageRow[]>();
  for (const row of rows) {
    const list = pages.get(row.source.sourceId) ?? [];
    list.push(row.echo);
    pages.set(row.source.sourceId, list);
  }
  return pages;
}
