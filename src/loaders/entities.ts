import type { Db } from '../db/client';
import { entities } from '../db/schema';
import { alignBy } from './align';
import { anyOfPlaceholder, readTemplate, selectTemplate } from './shared-statement';

export type EntityRow = typeof entities.$inferSelect;

const entitiesById = readTemplate((db) =>
  db
    .select()
    .from(entities)
    .where(anyOfPlaceholder(entities.id, 'ids', 'int')),
);
const entitiesBySlug = readTemplate((db) =>
  db
    .select()
    .from(entities)
    .where(anyOfPlaceholder(entities.slug, 'slugs', 'text')),
);

/** A merged entity's ID keeps resolving: each key yields the entity it was merged into. */
export async function loadEntities(db: Db, ids: readonly number[]): Promise<(EntityRow | null)[]> {
  const valid = ids.filter(Number.isSafeInteger);
  const rows = valid.length ? await selectTemplate(db, entitiesById, { ids: [...new Set(valid)] }) : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  const survivorIds = [
    ...new Set(rows.flatMap((r) => (r.mergedIntoId && !byId.has(r.mergedIntoId) ? [r.mergedIntoId] : []))),
  ];
  if (survivorIds.length) {
    for (const r of await selectTemplate(db, entitiesById, { ids: survivorIds })) byId.set(r.id, r);
  }
  return ids.map((id) => {
    let row = byId.get(id) ?? null;
    for (let hops = 0; row?.mergedIntoId && hops < 4; hops++) row = byId.get(row.mergedIntoId) ?? null;
    return row;
  });
}

export async function loadEntitiesBySlug(db: Db, slugs: readonly string[]): Promise<(EntityRow | null)[]> {
  const rows = await selectTemplate(db, entitiesBySlug, { slugs: [...new Set(slugs)] });
  const aligned = alignBy(slugs, rows, (r) => r.slug);
  if (!rows.some((r) => r.mergedIntoId)) return aligned;
  return loadEntities(
    db,
    aligned.map((r) => r?.id ?? -1),
  );
}
