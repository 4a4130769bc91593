import { and, count, eq, exists, getTableColumns, isNull, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { entities, entityAliases } from '../db/schema';
import type { EntityKind } from '../ingest/types';
import type { EntityRow } from '../loaders/entities';
import { selectShared } from '../loaders/shared-statement';
import type { Keyset, Page } from '../schema/pagination';
import { normalizeName } from './normalize';

export interface EntityFilter {
  kind?: EntityKind;
  name?: string;
}

export type EntityListRow = EntityRow & { sortKey: string };

export const entityKeyset = (direction: 'asc' | 'desc'): Keyset<EntityListRow> => ({
  sortExpr: entities.normalizedName,
  sortType: 'text',
  idExpr: entities.id,
  direction,
  sortValue: (row) => row.sortKey,
  id: (row) => row.id,
});

function conditions(filter: EntityFilter): SQL | undefined {
  const name = filter.name ? normalizeName(filter.name) : '';
  const pattern = `%${name.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return and(
    isNull(entities.mergedIntoId),
    filter.kind ? eq(entities.kind, filter.kind) : undefined,
    name
      ? exists(
          sql`(select 1 from ${entityAliases} where ${entityAliases.entityId} = ${entities.id} and ${entityAliases.normalizedAlias} like ${pattern})`,
        )
      : undefined,
  );
}

export async function findEntities(
  db: Db,
  filter: EntityFilter,
  keyset: Keyset<EntityListRow>,
  page: Page,
): Promise<EntityListRow[]> {
  return selectShared(
    db,
    db
      .select({ ...getTableColumns(entities), sortKey: sql<string>`${keyset.sortExpr}` })
      .from(entities)
      .where(and(conditions(filter), page.where))
      .orderBy(...page.orderBy)
      .limit(page.limit),
  );
}

export async function countEntities(db: Db, filter: EntityFilter): Promise<number> {
  const [row] = await selectShared(db, db.select({ n: count() }).from(entities).where(conditions(filter)));
  return row?.n ?? 0;
}
