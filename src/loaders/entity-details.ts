import { asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { entities, entityAliases, entitySummaries, type roles } from '../db/schema';
import { groupBy } from './align';
import { anyOfPlaceholder, readTemplate, selectShared, selectTemplate } from './shared-statement';

export type RoleRow = typeof roles.$inferSelect;

export async function loadAliases(db: Db, entityIds: readonly number[]): Promise<string[][]> {
  const rows = await selectShared(
    db,
    db
      .select({ entityId: entityAliases.entityId, alias: entityAliases.alias })
      .from(entityAliases)
      .innerJoin(entities, eq(entities.id, entityAliases.entityId))
      .where(inArray(entityAliases.entityId, [...entityIds]))
      .orderBy(
        desc(sql`${entityAliases.normalizedAlias} = ${entities.normalizedName}`),
        asc(entityAliases.id),
      ),
  );
  return groupBy(entityIds, rows, (r) => r.entityId).map((g) => g.map((r) => r.alias));
}

export interface EntityCounts {
  mentionCount: number;
  articleCount: number;
  quoteCount: number;
  firstDirectQuoteCount: number;
}

const summaryCounts = readTemplate((db) =>
  db
    .select({
      entityId: entitySummaries.entityId,
      mentionCount: entitySummaries.mentionCount,
      articleCount: entitySummaries.articleCount,
      quoteCount: entitySummaries.quoteCount,
      firstDirectQuoteCount: entitySummaries.firstDirectQuoteCount,
    })
    .from(entitySummaries)
    .where(anyOfPlaceholder(entitySummaries.entityId, 'ids', 'int')),
);

/** From the entities' summaries: an entity with none has nothing counted yet. */
export async function loadEntityCounts(db: Db, entityIds: readonly number[]): Promise<EntityCounts[]> {
  const rows = await selectTemplate(db, summaryCounts, { ids: [...new Set(entityIds)] });
  const byId = new Map(rows.map((r) => [r.entityId, r]));
  return entityIds.map((id) => {
    const r = byId.get(id);
    return {
      mentionCount: r?.mentionCount ?? 0,
      articleCount: r?.articleCount ?? 0,
      quoteCount: r?.quoteCount ?? 0,
      firstDirectQuoteCount: r?.firstDirectQuoteCount ?? 0,
    };
  });
}
