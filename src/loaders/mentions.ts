import { asc, inArray } from 'drizzle-orm';
import type { Db } from '../db/client';
import { mentions } from '../db/schema';
import { groupBy } from './align';
import { selectShared } from './shared-statement';

export type MentionRow = typeof mentions.$inferSelect;

export async function loadMentionsByArticle(db: Db, articleIds: readonly number[]): Promise<MentionRow[][]> {
  const rows = await selectShared(
    db,
    db
      .select()
      .from(mentions)
      .where(inArray(mentions.articleId, [...articleIds]))
      .orderBy(asc(mentions.start), asc(mentions.id)),
  );
  return groupBy(articleIds, rows, (r) => r.articleId);
}
