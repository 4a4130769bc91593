import { asc, count, countDistinct, desc, eq, inArray, or, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { entities, entityAliases, mentions, quotes, roles } from '../db/schema';
import { groupBy } from './align';
import { selectShared } from './shared-statement';

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

/** A person's roles are the titles it holds; an organization's or place's, the titles held at it. */
export async function loadRoles(db: Db, entityIds: readonly number[]): Promise<RoleRow[][]> {
  const ids = [...entityIds];
  const rows = await selectShared(
    db,
    db
      .select()
      .from(roles)
      .where(
        or(inArray(roles.personId, ids), inArray(roles.organizationId, ids), inArray(roles.placeId, ids)),
      )
      .orderBy(asc(roles.firstSeenAt), asc(roles.id)),
  );
  return entityIds.map((id) =>
    rows.filter((r) => r.personId === id || r.organizationId === id || r.placeId === id),
  );
}

export interface EntityCounts {
  mentionCount: number;
  articleCount: number;
  quoteCount: number;
}

export async function loadEntityCounts(db: Db, entityIds: readonly number[]): Promise<EntityCounts[]> {
  const ids = [...entityIds];
  const [mentionRows, quoteRows] = await Promise.all([
    selectShared(
      db,
      db
        .select({
          entityId: mentions.entityId,
          mentions: count(),
          articles: countDistinct(mentions.articleId),
        })
        .from(mentions)
        .where(inArray(mentions.entityId, ids))
        .groupBy(mentions.entityId),
    ),
    selectShared(
      db,
      db
        .select({ entityId: quotes.speakerId, quotes: count() })
        .from(quotes)
        .where(inArray(quotes.speakerId, ids))
        .groupBy(quotes.speakerId),
    ),
  ]);
  const m = new Map(mentionRows.map((r) => [r.entityId, r]));
  const q = new Map(quoteRows.map((r) => [r.entityId, r.quotes]));
  return ids.map((id) => ({
    mentionCount: m.get(id)?.mentions ?? 0,
    articleCount: m.get(id)?.articles ?? 0,
    quoteCount: q.get(id) ?? 0,
  }));
}
