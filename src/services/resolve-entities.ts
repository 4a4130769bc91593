import { and, arrayOverlaps, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { entities, entityAliases } from '../db/schema';
import {
  chooseLink,
  compatiblePersonNames,
  type LinkCandidate,
  type LinkDecision,
  type NameKeys,
  nameKeys,
  personNameParts,
  storedKeys,
} from '../ingest/name-keys';
import type { EntityKind, ExtractedEntity } from '../ingest/types';
import { rowsOf } from './echoes';
import { normalizeName, slugify } from './normalize';

interface AliasCandidate {
  id: number;
  kind: EntityKind;
  normalizedName: string;
  normalizedAlias: string;
}

interface KeyCandidate {
  id: number;
  kind: EntityKind;
  name: string;
  matchKeys: string[];
  mentions: number;
}

/** Stored entity IDs by extraction key, and how sure each link is (1 unless a short form was linked). */
export class ResolvedEntities extends Map<string, number> {
  readonly confidence = new Map<string, number>();
}

// Bare surnames and acronyms are weighed on the candidates' latest articles, not their whole history.
const RECENT_ARTICLES = 200;
const MENTION_CAP = 500;

/**
 * Maps each entity found in one article to a stored entity, creating the ones not seen before.
 * A name matches the entity with that name or alias; a full name also matches a stored variant
 * of it (middle names, initials, honorifics: src/ingest/name-keys.ts). A short form (a bare
 * surname, an acronym) matches the stored entity it can name when one dominates and the
 * article's company agrees (chooseLink); when two candidates compete it stays an entity of its
 * own whose description says so. Two people with different full names never meet.
 */
export async function resolveEntities(tx: Db, extracted: ExtractedEntity[]): Promise<ResolvedEntities> {
  const keyOf = new Map(extracted.map((e) => [e.key, normalizeName(e.name)]));
  const namesOf = new Map(extracted.map((e) => [e.key, nameKeys(e.kind, e.name)]));
  const lookups = [...new Set([...keyOf.values()].filter(Boolean))];
  const aliasCandidates: AliasCandidate[] = lookups.length
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
  const keyCandidates = await loadKeyCandidates(tx, [...namesOf.values()]);

  const resolved = new ResolvedEntities();
  const shortForms: ExtractedEntity[] = [];
  const toCreate: ExtractedEntity[] = [];
  for (const entity of extracted) {
    const key = keyOf.get(entity.key) ?? '';
    const names = namesOf.get(entity.key);
    // A bare surname is weighed against every full name it could stand for, even when only one
    // of them has been written that way before.
    const bareSurname = entity.kind === 'person' && !!names?.probe;
    const id = bareSurname
      ? undefined
      : (byAlias(aliasCandidates, entity.kind, key) ?? byVariant(keyCandidates, entity, names));
    if (id !== undefined) resolved.set(entity.key, id);
    else if (names?.probe) shortForms.push(entity);
    else toCreate.push(entity);
  }

  const ambiguous = new Map<string, number[]>();
  const decisions = await linkShortForms(tx, shortForms, keyCandidates, namesOf, resolved);
  for (const entity of shortForms) {
    const decision = decisions.get(entity.key) ?? { kind: 'none' };
    // failing a link, the entity of that bare name stored earlier, if any
    const same = aliasCandidates.find(
      (c) => c.kind === entity.kind && c.normalizedName === keyOf.get(entity.key),
    );
    if (decision.kind === 'linked') {
      resolved.set(entity.key, decision.id);
      resolved.confidence.set(entity.key, decision.confidence);
    } else if (same) resolved.set(entity.key, same.id);
    else {
      if (decision.kind === 'ambiguous') ambiguous.set(entity.key, decision.ids);
      toCreate.push(entity);
    }
  }

  const names = new Map(keyCandidates.map((c) => [c.id, c.name]));
  const created = await createEntities(tx, toCreate, (entity) => {
    const ids = ambiguous.get(entity.key);
    if (!ids) return null;
    const list = ids.map((id) => names.get(id) ?? `#${id}`).join(', ');
    return `“${entity.name}” in some articles, which may be any of: ${list}. An editor can merge it into the right one.`;
  });
  for (const [key, id] of created) resolved.set(key, id);
  await addAliases(tx, extracted, resolved);
  return resolved;
}

/**
 * Decides the short forms against the article's other resolved entities, in two rounds: a
 * surname linked in the first ("Mr. Whitfield") is company for an acronym in the second ("HWU").
 */
async function linkShortForms(
  tx: Db,
  shortForms: ExtractedEntity[],
  keyCandidates: KeyCandidate[],
  namesOf: Map<string, NameKeys>,
  resolved: Map<string, number>,
): Promise<Map<string, LinkDecision>> {
  const decisions = new Map<string, LinkDecision>();
  const context = new Set(resolved.values());
  for (let round = 0; round < 2; round++) {
    const open = shortForms.filter((e) => decisions.get(e.key)?.kind !== 'linked');
    const probed = keyCandidates.filter((c) => open.some((e) => probes(c, e, namesOf.get(e.key))));
    if (!probed.length) break;
    const shared = await sharedCompany(
      tx,
      probed.map((c) => c.id),
      [...context],
    );
    let linked = 0;
    for (const entity of open) {
      const candidates: LinkCandidate[] = probed
        .filter((c) => probes(c, entity, namesOf.get(entity.key)))
        .map((c) => ({ id: c.id, mentions: c.mentions, shared: shared.get(c.id) ?? 0 }));
      const decision = chooseLink(candidates);
      decisions.set(entity.key, decision);
      if (decision.kind === 'linked') {
        context.add(decision.id);
        linked++;
      }
    }
    if (!linked || linked === open.length) break;
  }
  return decisions;
}

function byAlias(candidates: AliasCandidate[], kind: EntityKind, key: string): number | undefined {
  const matches = candidates.filter((c) => c.kind === kind && c.normalizedAlias === key);
  const exact = matches.find((c) => c.normalizedName === key);
  const distinct = new Set(matches.map((c) => c.id));
  const isFullName = key.includes(' ');
  return (exact ?? (distinct.size === 1 || (isFullName && distinct.size > 0) ? matches[0] : undefined))?.id;
}

/** A stored variant of a full name: "Donald J. Trump" for "Donald Trump", "US" for "U.S.". */
function byVariant(
  candidates: KeyCandidate[],
  entity: ExtractedEntity,
  names: NameKeys | undefined,
): number | undefined {
  if (!names?.same.length) return undefined;
  const matches = candidates.filter(
    (c) =>
      c.kind === entity.kind &&
      names.same.some((k) => c.matchKeys.includes(k)) &&
      (entity.kind !== 'person' || compatiblePersonNames(entity.name, c.name)),
  );
  if (matches.length <= 1) return matches[0]?.id;
  // "Donald Trump" fits "Donald J. Trump" and "Donald Trump Jr.": the same middle parts decide,
  // then a clear majority of mentions.
  const middle = personNameParts(entity.name).middle.join(' ');
  const same = matches.filter((c) => personNameParts(c.name).middle.join(' ') === middle);
  if (same.length === 1) return same[0]?.id;
  const ranked = [...matches].sort((a, b) => b.mentions - a.mentions);
  const [top, second] = ranked;
  return top && second && top.mentions >= 3 * second.mentions ? top.id : undefined;
}

function probes(candidate: KeyCandidate, entity: ExtractedEntity, names: NameKeys | undefined): boolean {
  // only full forms offer probe keys: another bare "Obama" entity is found by alias, not here
  return !!names?.probe && candidate.kind === entity.kind && candidate.matchKeys.includes(names.probe);
}

async function loadKeyCandidates(tx: Db, names: NameKeys[]): Promise<KeyCandidate[]> {
  const keys = [...new Set(names.flatMap((n) => [...n.same, ...(n.probe ? [n.probe] : [])]))];
  if (!keys.length) return [];
  return tx
    .select({
      id: entities.id,
      kind: entities.kind,
      name: entities.name,
      matchKeys: entities.matchKeys,
      mentions: sql<number>`(select count(*)::int from (select 1 from mentions m where m.entity_id = ${entities.id} limit ${MENTION_CAP}) capped)`,
    })
    .from(entities)
    .where(and(arrayOverlaps(entities.matchKeys, keys), isNull(entities.mergedIntoId)));
}

/**
 * For each candidate, how many of the given entities appear in its latest articles: the company
 * an entity keeps is what tells "Obama" the president from "Obama" the first lady.
 */
export async function sharedCompany(
  tx: Db,
  candidateIds: number[],
  contextIds: number[],
): Promise<Map<number, number>> {
  const counts = new Map<number, number>();
  if (!candidateIds.length || !contextIds.length) return counts;
  const list = (ids: number[]) =>
    sql.join(
      ids.map((id) => sql`${id}`),
      sql`, `,
    );
  const result = await tx.execute(sql`
    select c.id, count(distinct m2.entity_id)::int as shared
      from (select id from entities where id in (${list(candidateIds)})) c
      cross join lateral (
        select distinct article_id from mentions where entity_id = c.id
         order by article_id desc limit ${RECENT_ARTICLES}) a
      join mentions m2 on m2.article_id = a.article_id
       and m2.entity_id in (${list(contextIds)})
       and m2.entity_id <> c.id
     group by c.id`);
  for (const r of rowsOf<{ id: number; shared: number }>(result)) counts.set(Number(r.id), Number(r.shared));
  return counts;
}

async function createEntities(
  tx: Db,
  toCreate: ExtractedEntity[],
  describe: (entity: ExtractedEntity) => string | null,
): Promise<Map<string, number>> {
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
    return {
      kind: e.kind,
      name: e.name,
      normalizedName: normalizeName(e.name),
      slug,
      description: describe(e),
      matchKeys: storedKeys(e.kind, e.name),
    };
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
