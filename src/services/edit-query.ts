import { and, count, eq, getTableColumns, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { edits } from '../db/schema';
import type { Keyset, Page } from '../schema/pagination';
import type { EditAction, EditRow } from './curation';

export interface EditFilter {
  entityId?: number;
  articleId?: number;
  action?: EditAction;
  actor?: string;
}

export type EditListRow = EditRow & { sortKey: string };

/** Newest first; the ID breaks ties between edits of the same instant. */
export const editKeyset: Keyset<EditListRow> = {
  sortExpr: edits.createdAt,
  sortType: 'timestamptz',
  idExpr: edits.id,
  direction: 'desc',
  sortValue: (row) => row.sortKey,
  id: (row) => row.id,
};

function conditions(filter: EditFilter): SQL | undefined {
  return and(
    filter.entityId !== undefined ? eq(edits.entityId, filter.entityId) : undefined,
    // a deleted article's own entry lost its link with the row; `before` still holds its id
    filter.articleId !== undefined
      ? or(
          eq(edits.articleId, filter.articleId),
          and(
            eq(edits.action, 'delete_article'),
            sql`(${edits.before}->>'id') = ${String(filter.articleId)}`,
          ),
        )
      : undefined,
    filter.action !== undefined ? eq(edits.action, filter.action) : undefined,
    filter.actor !== undefined ? eq(edits.actor, filter.actor) : undefined,
  );
}

export async function findEdits(db: Db, filter: EditFilter, page: Page): Promise<EditListRow[]> {
  return db
    .select({ ...getTableColumns(edits), sortKey: sql<string>`${edits.createdAt}::text` })
    .from(edits)
    .where(and(conditions(filter), page.where))
    .orderBy(...page.orderBy)
    .limit(page.limit);
}

export async function countEdits(db: Db, filter: EditFilter): Promise<number> {
  const [row] = await db.select({ n: count() }).from(edits).where(conditions(filter));
  return row?.n ?? 0;
}
