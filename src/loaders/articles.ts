import { getTableColumns } from 'drizzle-orm';
import type { Db } from '../db/client';
import { articles } from '../db/schema';
import { alignBy } from './align';
import { anyOfPlaceholder, readTemplate, selectTemplate } from './shared-statement';

export type ArticleRow = Omit<typeof articles.$inferSelect, 'searchVector'>;

const { searchVector: _searchVector, ...articleColumns } = getTableColumns(articles);

export { articleColumns };

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
