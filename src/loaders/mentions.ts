import { asc, inArray } from 'drizzle-orm';
import type { Db } from '../db/client';
import { mentions } from '../db/schema';
import { groupBy } from './align';

export type MentionRow = typeof mentions.$inferSelect;

export async function loadMentionsByArticle(db: Db, articleIds: readonly number[]): Promise<MentionRow[][]> {
  const rows = await db
    .select()
    .from(mentions)
    .where(inArray(mentions.articleId, [...articleIds]))
    .orderBy(asc(mentions.start), asc(mentions.id));
  return groupBy(articleIds, rows, (r) => r.articleId);
}
