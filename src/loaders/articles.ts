import { getTableColumns } from 'drizzle-orm';
import type { Db } from '../db/client';
import { articles } from '../db/schema';
import { alignBy } from './align';
import { anyOfPlaceholder, readTemplate, selectTemplate } from './shared-statement';

/** Without the columns only ingest and SQL use (the search vector, the hash that finds duplicates). */
type StoredArticle = Omit<typeof articles.$inferSelect, 'searchVector' | 'contentHash'>;
export type ArticleText = Pick<StoredArticle, 'body' | 'paragraphs'>;

/**
 * An article as read: with its text, or (read beside a page of quotes that does not show it)
 * without, the text then read on demand (articleTextOf).
 */
export type ArticleRow = Omit<StoredArticle, keyof ArticleText> & Partial<ArticleText>;

const {
  searchVector: _searchVector,
  contentHash: _contentHash,
  ...articleColumns
} = getTableColumns(articles);
const { body: _body, paragraphs: _paragraphs, ...articleHeadColumns } = articleColumns;

export { articleColumns, articleHeadColumns };

const articlesById = readTemplate((db) =>
  db
    .select(articleColumns)
    .from(articles)
    .where(anyOfPlaceholder(articles.id, 'ids', 'int')),
);

export async function loadArticles(db: Db, ids: readonly number[]): Promise<(ArticleRow | null)[]> {
  const valid = [...new Set(ids.filter(Number.isSafeInteger))];
  const rows = valid.length ? await selectTemplate(db, articlesById, { ids: valid }) : [];
  return alignBy(ids, rows, (r) => r.id);
}

const articleTexts = readTemplate((db) =>
  db
    .select({ id: articles.id, body: articles.body, paragraphs: articles.paragraphs })
    .from(articles)
    .where(anyOfPlaceholder(articles.id, 'ids', 'int')),
);

export async function loadArticleTexts(db: Db, ids: readonly number[]): Promise<(ArticleText | null)[]> {
  const rows = await selectTemplate(db, articleTexts, { ids: [...new Set(ids)] });
  return alignBy(ids, rows, (r) => r.id);
}
