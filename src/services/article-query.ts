import { and, count, desc, eq, exists, gte, inArray, lt, lte, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { articles, mentions } from '../db/schema';
import { type ArticleRow, articleColumns } from '../loaders/articles';
import { selectShared } from '../loaders/shared-statement';
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
  return selectShared(
    db,
    db
      .select({ ...articleColumns, sortKey: sql<string>`(${keyset.sortExpr})::text` })
      .from(articles)
      .where(and(conditions(filter), page.where))
      .orderBy(...page.orderBy)
      .limit(page.limit),
  );
}

export async function countArticles(db: Db, filter: ArticleFilter): Promise<number> {
  const [row] = await selectShared(db, db.select({ n: count() }).from(articles).where(conditions(filter)));
  return row?.n ?? 0;
}

export async function findArticleBy(db: Db, by: { slug?: string; url?: string }): Promise<ArticleRow | null> {
  const where = by.slug !== undefined ? eq(articles.slug, by.slug) : eq(articles.url, by.url ?? '');
  const [row] = await selectShared(
    db,
    db.select(articleColumns).from(articles).where(where).orderBy(desc(articles.id)).limit(1),
  );
  return row ?? null;
}

/** The page of articles mentioning each of several entities, in one statement (see batchedPages). */
export async function findArticlesMentioningEach(
  db: Db,
  entityIds: number[],
  keyset: Keyset<ArticleListRow>,
  page: Page,
): Promise<Map<number, ArticleListRow[]>> {
  const mentioned = db
    .selectDistinct({ articleId: mentions.articleId, entityId: mentions.entityId })
    .from(mentions)
    .where(inArray(mentions.entityId, entityIds))
    .as('mentioned');
  const ranked = db
    .select({
      ...articleColumns,
      sortKey: sql<string>`(${keyset.sortExpr})::text`.as('sort_key'),
      parentId: sql<number>`${mentioned.entityId}`.as('parent_id'),
      rank: sql<number>`row_number() over (partition by ${mentioned.entityId} order by ${sql.join(page.orderBy, sql`, `)})`.as(
        'rank',
      ),
    })
    .from(articles)
    .innerJoin(mentioned, eq(mentioned.articleId, articles.id))
    .where(page.where)
    .as('ranked');
  const rows = await selectShared(
    db,
    db.select().from(ranked).where(lte(ranked.rank, page.limit)).orderBy(ranked.parentId, ranked.rank),
  );
  const pages = new Map<number, ArticleListRow[]>();
  for (const { parentId, rank: _rank, ...row } of rows) {
    const list = pages.get(parentId) ?? [];
    list.push(row as ArticleListRow);
    pages.set(parentId, list);
  }
  return pages;
}
