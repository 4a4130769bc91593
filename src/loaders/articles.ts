import { getTableColumns, inArray } from 'drizzle-orm';
import type { Db } from '../db/client';
import { articles } from '../db/schema';
import { alignBy } from './align';
import { selectShared } from './shared-statement';

export type ArticleRow = Omit<typeof articles.$inferSelect, 'searchVector'>;

const { searchVector: _searchVector, ...articleColumns } = getTableColumns(articles);

export { articleColumns };

export async function loadArticles(db: Db, ids: readonly number[]): Promise<(ArticleRow | null)[]> {
  const valid = [...new Set(ids.filter(Number.isSafeInteger))];
  const rows = valid.length
    ? await selectShared(db, db.select(articleColumns).from(articles).where(inArray(articles.id, valid)))
    : [];
  return alignBy(ids, rows, (r) => r.id);
}
