import { and, arrayOverlaps, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { entities, entityAliases, entitySummaries } from '../db/schema';
import {
  chooseLink,
  compatiblePersonNames,
  genderAgrees,
  type LinkCandidate,
  type LinkDecision,
  type NameKeys,
  nameKeys,
  personNameParts,
  storedKeys,
} from '../ingest/name-keys';
import type { EntityKind, ExtractedEntity } from '../ingest/types';
import { insertArrays } from './batch-insert';
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
  normalizedName: string;
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
 * What the articles of one batch share while their entities are resolved one article after another
 * in one transaction: the stored aliases and name keys of every name in the batch, read in two
 * statements, then kept up to date in memory with what each article adds (entities, aliases,
 * mentions), so that each article resolves as it would have had the ones before it been stored
 * one at a time. An article's mentions wait under a placeholder article id (above any real one,
 * in batch order) until the batch stores its articles; the aliases wait for `takeAliases`.
 */
export class ResolutionBatch {
  private aliasRows: AliasCandidate[] = [];
  private keyRows: KeyCandidate[] = [];
  private readonly info = new Map<number, { kind: EntityKind; normalizedName: string }>();
  private readonly aliases = new Map<string, { entityId: number; alias: string; normalizedAlias: string }>();
  readonly pendingMentions: { articleIds: number[]; entityIds: number[] } = { articleIds: [], entityIds: [] };
  /** Stored entities under the slugs the batch's names may take, then the batch's own creations. */
  private slugRows: SlugRow[] = [];
  private readonly takenSlugs = new Set<string>();
  private readonly creating: Array<{ id: number; row: typeof entities.$inferInsert & { slug: string } }> = [];
  private readonly createdIds = new Map<number, number>();

  /** Reads the stored entities that any of the batch's entities may resolve to. */
  async load(tx: Db, extracted: ExtractedEntity[]): Promise<void> {
    const lookups = [...new Set(extracted.map((e) => normalizeName(e.name)).filter(Boolean))];
    // Joined to the list rather than `in (…)`: once the table is analyzed the planner answers a
    // long `in` list from the trigram index (entity_aliases_normalized_alias_trgm_idx supports
    // `=`), 2.7 s a batch at 67,000 articles against 15 ms for this join (docs/scaling.md).
    const wanted = sql`unnest(${sql.param(lookups)}::text[]) as wanted(alias)`;
    this.aliasRows = lookups.length
      ? await tx
          .select({
            id: entities.id,
            kind: entities.kind,
            normalizedName: entities.normalizedName,
            normalizedAlias: entityAliases.normalizedAlias,
          })
          .from(wanted)
          .innerJoin(entityAliases, sql`${entityAliases.normalizedAlias} = wanted.alias`)
          .innerJoin(entities, eq(entities.id, entityAliases.entityId))
          .where(isNull(entities.mergedIntoId))
      : [];
    this.keyRows = await loadKeyCandidates(
      tx,
      extracted.map((e) => nameKeys(e.kind, e.name)),
    );
    const slugs = [...new Set(extracted.map((e) => slugify(e.name)))].flatMap((s) => [s, ...slugVariants(s)]);
    this.slugRows = slugs.length
      ? await tx
          .select({
            id: entities.id,
            slug: entities.slug,
            kind: entities.kind,
            normalizedName: entities.normalizedName,
            mergedIntoId: entities.mergedIntoId,
          })
          .from(entities)
          .where(sql`${entities.slug} = any(${`{${slugs.map((s) => `"${s}"`).join(',')}}`}::text[])`)
      : [];
    for (const r of this.slugRows) this.takenSlugs.add(r.slug);
    for (const r of this.aliasRows) this.info.set(r.id, { kind: r.kind, normalizedName: r.normalizedName });
    for (const r of this.keyRows) this.info.set(r.id, { kind: r.kind, normalizedName: r.normalizedName });
  }

  aliasCandidates(lookups: string[]): AliasCandidate[] {
    const wanted = new Set(lookups);
    return this.aliasRows.filter((r) => wanted.has(r.normalizedAlias));
  }

  keyCandidates(names: NameKeys[]): KeyCandidate[] {
    const keys = new Set(names.flatMap((n) => [...n.same, ...(n.probe ? [n.probe] : [])]));
    return this.keyRows.filter((r) => r.matchKeys.some((k) => keys.has(k)));
  }

  created(entity: ExtractedEntity, id: number): void {
    const normalizedName = normalizeName(entity.name);
    this.info.set(id, { kind: entity.kind, normalizedName });
    const row = { id, kind: entity.kind, name: entity.name, normalizedName, mentions: 0 };
    this.keyRows.push({ ...row, matchKeys: storedKeys(entity.kind, entity.name) });
  }

  addAliases(rows: Array<{ entityId: number; alias: string; normalizedAlias: string }>): void {
    for (const row of rows) {
      const key = `${row.entityId}:${row.normalizedAlias}`;
      if (this.aliases.has(key)) continue;
      this.aliases.set(key, row);
      const entity = this.info.get(row.entityId);
      if (entity) this.aliasRows.push({ id: row.entityId, ...entity, normalizedAlias: row.normalizedAlias });
    }
  }

  /** An article's mentions, counted for the candidates and kept for sharedCompany until stored. */
  addMentions(placeholderArticleId: number, entityIds: number[]): void {
    const counts = new Map<number, number>();
    for (const id of entityIds) counts.set(id, (counts.get(id) ?? 0) + 1);
    for (const row of this.keyRows) {
      const n = counts.get(row.id);
      if (n) row.mentions = Math.min(MENTION_CAP, row.mentions + n);
    }
    for (const id of new Set(entityIds)) {
      this.pendingMentions.articleIds.push(placeholderArticleId);
      this.pendingMentions.entityIds.push(id);
    }
  }

  takeAliases(): Array<{ entityId: number; alias: string; normalizedAlias: string }> {
    const rows = [...this.aliases.values()].map((r) => ({ ...r, entityId: this.storedId(r.entityId) }));
    this.aliases.clear();
    return rows;
  }

  /**
   * Gives the entities to create their slugs and ids, as creating them one article after another
   * would: the first slug of the name free among the stored entities and the batch's creations,
   * or the entity of this very name already under its first slug (one created meanwhile by a
   * concurrent ingest, or earlier in the batch). New entities get provisional ids (negative) until
   * `createPlanned` stores them all in one statement.
   */
  plan(
    toCreate: ExtractedEntity[],
    describe: (entity: ExtractedEntity) => string | null,
  ): Map<string, number> {
    const planned = new Map<string, number>();
    // the entities of one article do not find each other: they are created together
    const before = this.slugRows.slice();
    for (const e of toCreate) {
      const base = slugify(e.name);
      const normalizedName = normalizeName(e.name);
      const same = before.find(
        (r) =>
          r.slug === base &&
          r.kind === e.kind &&
          r.normalizedName === normalizedName &&
          r.mergedIntoId === null,
      );
      if (same) {
        planned.set(e.key, same.id);
        continue;
      }
      const slug =
        [base, ...slugVariants(base)].find((s) => !this.takenSlugs.has(s)) ?? `${base}-${Date.now()}`;
      this.takenSlugs.add(slug);
      const id = -(this.creating.length + 1);
      const row = {
        kind: e.kind,
        name: e.name,
        normalizedName,
        slug,
        description: describe(e),
        matchKeys: storedKeys(e.kind, e.name),
      };
      this.creating.push({ id, row });
      this.slugRows.push({ id, slug, kind: e.kind, normalizedName, mergedIntoId: null });
      planned.set(e.key, id);
    }
    return planned;
  }

  /**
   * Stores the planned entities. One another ingest created under the same slug meanwhile is the
   * same entity when its name and kind agree; otherwise the unique violation makes the caller rerun
   * the transaction, which then sees that entity and picks another slug.
   */
  async createPlanned(tx: Db): Promise<void> {
    const pending = this.creating.filter((c) => !this.createdIds.has(c.id));
    if (!pending.length) return;
    const inserted = await tx
      .insert(entities)
      .values(pending.map((c) => c.row))
      .onConflictDoNothing({ target: entities.slug })
      .returning({ id: entities.id, slug: entities.slug });
    const idBySlug = new Map(inserted.map((r) => [r.slug, r.id]));
    const lost = pending.filter((c) => !idBySlug.has(c.row.slug)).map((c) => c.row);
    if (lost.length) {
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
          throw Object.assign(new Error(`entity slug "${row.slug}" was taken concurrently`), {
            code: '23505',
          });
        idBySlug.set(row.slug, same.id);
      }
    }
    for (const c of pending) this.createdIds.set(c.id, idBySlug.get(c.row.slug) as number);
  }

  /** The stored id of an entity: a planned one's once createPlanned has run. */
  storedId(id: number): number {
    return id < 0 ? (this.createdIds.get(id) ?? id) : id;
  }

  /** An article's resolved entities with the planned ones' stored ids. */
  storedIds(resolved: ResolvedEntities): ResolvedEntities {
    for (const [key, id] of resolved) resolved.set(key, this.storedId(id));
    return resolved;
  }
}

interface SlugRow {
  id: number;
  slug: string;
  kind: EntityKind;
  normalizedName: string;
  mergedIntoId: number | null;
}

/** Placeholder article ids of a batch's articles not stored yet: above any real id, in batch order. */
export const PLACEHOLDER_ARTICLE_ID = 2_000_000_000;

/**
 * Maps each entity found in one article to a stored entity, creating the ones not seen before.
 * A name matches the entity with that name or alias; a full name also matches a stored variant
 * of it (middle names, initials, honorifics: src/ingest/name-keys.ts). A short form (a bare
 * surname, an acronym) matches the stored entity it can name when one dominates and the
 * article's company agrees (chooseLink); when two candidates compete it stays an entity of its
 * own whose description says so. Two people with different full names never meet.
 * Within a batch (`batch` loaded with every article's entities) the candidates come from memory,
 * new entities get provisional ids (ResolutionBatch.plan), and the batch stores them and the
 * aliases.
 */
export async function resolveEntities(
  tx: Db,
  extracted: ExtractedEntity[],
  batch?: ResolutionBatch,
): Promise<ResolvedEntities> {
  const own = !batch;
  const state = batch ?? new ResolutionBatch();
  if (own) await state.load(tx, extracted);
  const keyOf = new Map(extracted.map((e) => [e.key, normalizeName(e.name)]));
  const namesOf = new Map(extracted.map((e) => [e.key, nameKeys(e.kind, e.name)]));
  const aliasCandidates = state.aliasCandidates([...new Set([...keyOf.values()].filter(Boolean))]);
  const keyCandidates = state.keyCandidates([...namesOf.values()]);

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
  const decisions = await linkShortForms(tx, shortForms, keyCandidates, namesOf, resolved, state);
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
  const created = state.plan(toCreate, (entity) => {
    const ids = ambiguous.get(entity.key);
    if (!ids) return null;
    const list = ids.map((id) => names.get(id) ?? `#${id}`).join(', ');
    return `“${entity.name}” in some articles, which may be any of: ${list}. An editor can merge it into the right one.`;
  });
  for (const entity of toCreate) {
    const id = created.get(entity.key);
    if (id === undefined) continue;
    resolved.set(entity.key, id);
    state.created(entity, id);
  }
  state.addAliases(aliasRowsOf(extracted, resolved));
  if (!own) return resolved;
  await state.createPlanned(tx);
  await storeAliases(tx, state.takeAliases());
  return state.storedIds(resolved);
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
  batch: ResolutionBatch,
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
      batch.pendingMentions,
    );
    let linked = 0;
    for (const entity of open) {
      const candidates: LinkCandidate[] = probed
        .filter((c) => probes(c, entity, namesOf.get(entity.key)) && genderAgrees(entity.gender, c.name))
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
      normalizedName: entities.normalizedName,
      matchKeys: entities.matchKeys,
      // the entity's summary counts its mentions as they stand (kept in the same transactions:
      // src/services/entity-summaries.ts): counting them here read up to MENTION_CAP index
      // entries a candidate, a statement that grew with the corpus (docs/scaling.md)
      mentions: sql<number>`least(coalesce(${entitySummaries.mentionCount}, 0), ${MENTION_CAP})::int`,
    })
    .from(entities)
    .leftJoin(entitySummaries, eq(entitySummaries.entityId, entities.id))
    .where(and(arrayOverlaps(entities.matchKeys, keys), isNull(entities.mergedIntoId)));
}

/**
 * For each candidate, how many of the given entities appear in its latest articles: the company
 * an entity keeps is what tells "Obama" the president from "Obama" the first lady. `pending` holds
 * the mentions of a batch's articles not stored yet, under placeholder article ids (the newest).
 */
export async function sharedCompany(
  tx: Db,
  candidateIds: number[],
  contextIds: number[],
  pending: { articleIds: number[]; entityIds: number[] } = { articleIds: [], entityIds: [] },
): Promise<Map<number, number>> {
  const counts = new Map<number, number>();
  if (!candidateIds.length || !contextIds.length) return counts;
  const list = (ids: number[]) =>
    sql.join(
      ids.map((id) => sql`${id}`),
      sql`, `,
    );
  const intArray = (ids: number[]) => sql`${`{${ids.join(',')}}`}::int[]`;
  const result = await tx.execute(sql`
    with pending as materialized (
      select * from unnest(${intArray(pending.articleIds)}, ${intArray(pending.entityIds)}) p(article_id, entity_id)
    )
    select c.id, count(distinct m2.entity_id)::int as shared
      from (select distinct unnest(${intArray(candidateIds)}) as id) c
      cross join lateral (
        select article_id from (
          (select distinct article_id from mentions where entity_id = c.id
            order by article_id desc limit ${RECENT_ARTICLES})
          union
          select article_id from pending where entity_id = c.id
        ) recent order by article_id desc limit ${RECENT_ARTICLES}) a
      cross join lateral (
        select entity_id from mentions m where m.article_id = a.article_id
        union all
        select entity_id from pending p where p.article_id = a.article_id
      ) m2
     where m2.entity_id in (${list(contextIds)}) and m2.entity_id <> c.id
     group by c.id`);
  for (const r of rowsOf<{ id: number; shared: number }>(result)) counts.set(Number(r.id), Number(r.shared));
  return counts;
}

function slugVariants(base: string): string[] {
  return Array.from({ length: 8 }, (_, i) => `${base}-${i + 2}`);
}

function aliasRowsOf(
  extracted: ExtractedEntity[],
  resolved: Map<string, number>,
): Array<{ entityId: number; alias: string; normalizedAlias: string }> {
  const rows = new Map<string, { entityId: number; alias: string; normalizedAlias: string }>();
  for (const entity of extracted) {
    const entityId = resolved.get(entity.key);
    if (entityId === undefined) continue;
    for (const alias of [entity.name, ...entity.aliases]) {
      const normalizedAlias = normalizeName(alias);
      if (normalizedAlias) rows.set(`${entityId}:${normalizedAlias}`, { entityId, alias, normalizedAlias });
    }
  }
  return [...rows.values()];
}

export async function storeAliases(
  tx: Db,
  rows: Array<{ entityId: number; alias: string; normalizedAlias: string }>,
): Promise<void> {
  await insertArrays(tx, entityAliases, rows, { ignoreConflicts: true });
}
