import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../db/client';
import { entities, entityAliases } from '../db/schema';
import type { EntityKind, ExtractedEntity } from '../ingest/types';
import { normalizeName, slugify } from './normalize';

interface Candidate {
  id: number;
  kind: EntityKind;
  normalizedName: string;
  normalizedAlias: string;
}

/**
 * Maps each entity found in one article to a stored entity, creating the ones not seen before.
 * A full name matches the entity with that name or alias. A single word ("Putin", "Kremlin")
 * matches only when exactly one stored entity of that kind answers to it, so two people who
 * share a surname are never merged. The reverse is not done either: an entity created from a bare
 * surname is not completed by a later full name (it could be another person of that name); an
 * editor merges the two.
 */
export async function resolveEntities(tx: Db, extracted: ExtractedEntity[]): Promise<Map<string, number>> {
  const keyOf = new Map(extracted.map((e) => [e.key, normalizeName(e.name)]));
  const lookups = [...new Set([...keyOf.values()].filter(Boolean))];
  const candidates: Candidate[] = lookups.length
    ? await tx
        .select({
          id: entities.id,
          kind: entities.kind,
          normalizedName: entities.normalizedName,
          normalizedAlias: entityAliases.normalizedAlias,
        })
        .from(entityAliases)
        .innerJoin(entities, eq(entities.id, entityAliases.entityId))
        .where(and(inArray(entityAliases.normalizedAlias, lookups), isNull(entities.mergedIntoId)))
    : [];

  const resolved = new Map<string, number>();
  const toCreate: ExtractedEntity[] = [];
  for (const entity of extracted) {
    const key = keyOf.get(entity.key) ?? '';
    const matches = candidates.filter((c) => c.kind === entity.kind && c.normalizedAlias === key);
    const exact = matches.find((c) => c.normalizedName === key);
    const distinct = new Set(matches.map((c) => c.id));
    const isFullName = key.includes(' ');
    const match =
      exact ?? (distinct.size === 1 || (isFullName && distinct.size > 0) ? matches[0] : undefined);
    if (match) resolved.set(entity.key, match.id);
    else toCreate.push(entity);
  }

  const created = await createEntities(tx, toCreate);
  for (const [key, id] of created) resolved.set(key, id);
  await addAliases(tx, extracted, resolved);
  return resolved;
}

async function createEntities(tx: Db, toCreate: ExtractedEntity[]): Promise<Map<string, number>> {
  const created = new Map<string, number>();
  if (!toCreate.length) return created;
  const wanted = toCreate.map((e) => slugify(e.name));
  const taken = new Set(
    (
      await tx
        .select({ slug: entities.slug })
        .from(entities)
        .where(inArray(entities.slug, [...new Set(wanted.flatMap((s) => [s, ...slugVariants(s)]))]))
    ).map((r) => r.slug),
  );
  const rows = toCreate.map((e, i) => {
    const base = wanted[i] ?? slugify(e.name);
    const slug = [base, ...slugVariants(base)].find((s) => !taken.has(s)) ?? `${base}-${Date.now()}`;
    taken.add(slug);
    return { kind: e.kind, name: e.name, normalizedName: normalizeName(e.name), slug };
  });
  const inserted = await tx
    .insert(entities)
    .values(rows)
    .onConflictDoNothing({ target: entities.slug })
    .returning({ id: entities.id, slug: entities.slug });
  const idBySlug = new Map(inserted.map((r) => [r.slug, r.id]));
  const lost = rows.filter((r) => !idBySlug.has(r.slug));
  if (lost.length) {
    // Another ingest created an entity under this slug meanwhile: the same entity when its name and
    // kind agree; otherwise the unique violation makes ingestArticle rerun the transaction, which
    // then sees that entity and picks another slug.
    const winners = await tx
      .select({
        id: entities.id,
        slug: entities.slug,
        kind: entities.kind,
        normalizedName: entities.normalizedName,
      })
      .from(entities)
      .where(
        inArray(
          entities.slug,
          lost.map((r) => r.slug),
        ),
      );
    for (const row of lost) {
      const same = winners.find(
        (w) => w.slug === row.slug && w.kind === row.kind && w.normalizedName === row.normalizedName,
      );
      if (!same)
        throw Object.assign(new Error(`entity slug "${row.slug}" was taken concurrently`), { code: '23505' });
      idBySlug.set(row.slug, same.id);
    }
  }
  toCreate.forEach((e, i) => {
    const id = idBySlug.get(rows[i]?.slug ?? '');
    if (id !== undefined) created.set(e.key, id);
  });
  return created;
}

function slugVariants(base: string): string[] {
  return Array.from({ length: 8 }, (_, i) => `${base}-${i + 2}`);
}

async function addAliases(
  tx: Db,
  extracted: ExtractedEntity[],
  resolved: Map<string, number>,
): Promise<void> {
  const rows = new Map<string, { entityId: number; alias: string; normalizedAlias: string }>();
  for (const entity of extracted) {
    const entityId = resolved.get(entity.key);
    if (entityId === undefined) continue;
    for (const alias of [entity.name, ...entity.aliases]) {
      const normalizedAlias = normalizeName(alias);
      if (normalizedAlias) rows.set(`${entityId}:${normalizedAlias}`, { entityId, alias, normalizedAlias });
    }
  }
  if (rows.size)
    await tx
      .insert(entityAliases)
      .values([...rows.values()])
      .onConflictDoNothing();
}
