import { and, count, desc, eq, exists, gte, lt, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { articles, mentions } from '../db/schema';
import { type ArticleRow, articleColumns } from '../loaders/articles';
import type { Keyset, Page } from '../schema/pagination';

export interface ArticleFilter {
  search?: string;
  mentionsIds?: number[];
  publishedAfter?: Date;
  publishedBefore?: Date;
}

export type ArticleOrderField = 'PUBLISHED_AT' | 'INGESTED_AT';
export type ArticleListRow = ArticleRow & { sortKey: string };

const publishedAt = sql`coalesce(${articles.publishedAt}, ${articles.ingestedAt})`;

export function articleKeyset(field: ArticleOrderField, direction: 'asc' | 'desc'): Keyset<ArticleListRow> {
  return {
    sortExpr: field === 'PUBLISHED_AT' ? publishedAt : articles.ingestedAt,
    sortType: 'timestamptz',
    idExpr: articles.id,
    direction,
    sortValue: (row) => row.sortKey,
    id: (row) => row.id,
  };
}

function conditions(filter: ArticleFilter): SQL | undefined {
  return and(
    filter.search
      ? sql`${articles.searchVector} @@ websearch_to_tsquery('english', ${filter.search})`
      : undefined,
    ...(filter.mentionsIds ?? []).map((entityId) =>
      exists(
        sql`(select 1 from ${mentions} where ${mentions.articleId} = ${articles.id} and ${mentions.entityId} = ${entityId})`,
      ),
    ),
    filter.publishedAfter ? gte(publishedAt, filter.publishedAfter) : undefined,
    filter.publishedBefore ? lt(publishedAt, filter.publishedBefore) : undefined,
  );
}

export async function findArticles(
  db: Db,
  filter: ArticleFilter,
  keyset: Keyset<ArticleListRow>,
  page: Page,
): Promise<ArticleListRow[]> {
  return db
    .select({ ...articleColumns, sortKey: sql<string>`(${keyset.sortExpr})::text` })
    .from(articles)
    .where(and(conditions(filter), page.where))
    .orderBy(...page.orderBy)
    .limit(page.limit);
}

export async function countArticles(db: Db, filter: ArticleFilter): Promise<number> {
  const [row] = await db.select({ n: count() }).from(articles).where(conditions(filter));
  return row?.n ?? 0;
}

export async function findArticleBy(db: Db, by: { slug?: string; url?: string }): Promise<ArticleRow | null> {
  const where = by.slug !== undefined ? eq(articles.slug, by.slug) : eq(articles.url, by.url ?? '');
  const [row] = await db
    .select(articleColumns)
    .from(articles)
    .where(where)
    .orderBy(desc(articles.id))
    .limit(1);
  return row ?? null;
}
