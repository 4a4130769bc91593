import { and, asc, eq, inArray, or, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { articles, edits, entities, entityAliases, mentions, quoteAbout, quotes, roles } from '../db/schema';
import type { EntityRow } from '../loaders/entities';
import type { ApiKey } from './api-keys';
import {
  refreshEntitySummaries,
  subtractFromEntitySummaries,
  withQuotesResummarized,
} from './entity-summaries';
import { normalizeName } from './normalize';

export type EditRow = typeof edits.$inferSelect;
export type EditAction = 'merge_entities' | 'update_entity' | 'reattribute_quote' | 'delete_article';

/** An input problem the caller can fix; `field` is the path of the input field at fault. */
export interface InputProblem {
  field: string;
  message: string;
}

export type CurationResult<T> =
  | { ok: true; value: T; edit: EditRow }
  | { ok: false; problems: InputProblem[] };

/** Who made an edit: an editor's API key, or a maintenance command (no key). */
export type Actor = { id: ApiKey['id'] | null; name: string };

const MAX_NAME_LENGTH = 200;
const MAX_DESCRIPTION_LENGTH = 2000;
const MAX_ALIASES_PER_CALL = 50;
export const WIKIDATA_ID = /^Q[1-9][0-9]{0,11}$/;

class Rejected extends Error {
  constructor(readonly problems: InputProblem[]) {
    super(problems.map((p) => `${p.field}: ${p.message}`).join('; '));
  }
}

/** Runs one curation in one transaction; a rejection rolls back everything it did. */
async function curate<T>(
  db: Db,
  work: (tx: Db) => Promise<{ value: T; edit: EditRow }>,
): Promise<CurationResult<T>> {
  try {
    const { value, edit } = await db.transaction((tx) => work(tx));
    return { ok: true, value, edit };
  } catch (error) {
    if (error instanceof Rejected) return { ok: false, problems: error.problems };
    throw error;
  }
}

async function recordEdit(
  tx: Db,
  actor: Actor,
  action: EditAction,
  refs: { entityId?: number | null; quoteId?: number | null; articleId?: number | null },
  before: unknown,
  after: unknown,
): Promise<EditRow> {
  const [row] = await tx
    .insert(edits)
    .values({ action, apiKeyId: actor.id, actor: actor.name, ...refs, before, after })
    .returning();
  if (!row) throw new Error('the edit was not recorded');
  return row;
}

/**
 * Locks the given entities and the ones they were merged into, and maps each given ID to the
 * entity it stands for now: a merged entity's ID stands for its survivor, as everywhere else.
 */
async function lockEntities(tx: Db, ids: number[]): Promise<Map<number, EntityRow>> {
  const byId = new Map<number, EntityRow>();
  let wanted = [...new Set(ids)];
  for (let hops = 0; wanted.length && hops < 4; hops++) {
    const rows = await tx
      .select()
      .from(entities)
      .where(inArray(entities.id, wanted))
      .orderBy(asc(entities.id))
      .for('update');
    for (const r of rows) byId.set(r.id, r);
    wanted = [
      ...new Set(rows.flatMap((r) => (r.mergedIntoId && !byId.has(r.mergedIntoId) ? [r.mergedIntoId] : []))),
    ];
  }
  const current = new Map<number, EntityRow>();
  for (const id of ids) {
    let row = byId.get(id);
    for (let hops = 0; row?.mergedIntoId && hops < 4; hops++) row = byId.get(row.mergedIntoId);
    if (row) current.set(id, row);
  }
  return current;
}

async function aliasesOf(tx: Db, entityIds: number[]): Promise<Map<number, string[]>> {
  const rows = entityIds.length
    ? await tx
        .select({ entityId: entityAliases.entityId, alias: entityAliases.alias })
        .from(entityAliases)
        .where(inArray(entityAliases.entityId, entityIds))
        .orderBy(asc(entityAliases.id))
    : [];
  const byEntity = new Map<number, string[]>(entityIds.map((id) => [id, []]));
  for (const r of rows) byEntity.get(r.entityId)?.push(r.alias);
  return byEntity;
}

function entitySnapshot(e: EntityRow, aliases: string[] | undefined) {
  return {
    id: e.id,
    kind: e.kind,
    name: e.name,
    slug: e.slug,
    description: e.description,
    wikidataId: e.wikidataId,
    aliases: aliases ?? [],
  };
}

const article = (kind: string) => (/^[aeiou]/.test(kind) ? `an ${kind}` : `a ${kind}`);

export interface MergeEntitiesInput {
  targetId: number;
  sourceIds: number[];
}

export interface MergeCounts {
  aliases: number;
  mentions: number;
  quotes: number;
  quotesAbout: number;
  roles: number;
  outletArticles: number;
  previouslyMerged: number;
}

/**
 * Folds the sources into the target: everything that pointed at a source points at the target,
 * and each source keeps its row (with merged_into_id) so that its old ID and slug keep resolving.
 * Entities merged into a source earlier are re-pointed at the target, so a merge chain is always
 * one hop long.
 */
export async function mergeEntities(
  db: Db,
  actor: Actor,
  input: MergeEntitiesInput,
): Promise<CurationResult<{ target: EntityRow; counts: MergeCounts }>> {
  if (!input.sourceIds.length)
    return {
      ok: false,
      problems: [{ field: 'input.sources', message: 'give at least one entity to merge' }],
    };
  return curate(db, async (tx) => {
    const current = await lockEntities(tx, [input.targetId, ...input.sourceIds]);
    const target = current.get(input.targetId);
    if (!target) throw new Rejected([{ field: 'input.target', message: 'no entity has this ID' }]);
    const problems: InputProblem[] = [];
    const sources = new Map<number, EntityRow>();
    input.sourceIds.forEach((id, i) => {
      const field = `input.sources[${i}]`;
      const source = current.get(id);
      if (!source) problems.push({ field, message: 'no entity has this ID' });
      else if (source.id === target.id) {
        problems.push({
          field,
          message:
            id === target.id ? 'cannot merge an entity into itself' : `is already merged into ${target.name}`,
        });
      } else if (source.kind !== target.kind) {
        problems.push({
          field,
          message: `${source.name} is ${article(source.kind)}; ${target.name} is ${article(target.kind)}`,
        });
      } else sources.set(source.id, source);
    });
    if (problems.length) throw new Rejected(problems);

    const sourceIds = [...sources.keys()];
    const aliases = await aliasesOf(tx, [target.id, ...sourceIds]);
    const before = {
      target: entitySnapshot(target, aliases.get(target.id)),
      sources: [...sources.values()].map((s) => entitySnapshot(s, aliases.get(s.id))),
    };
    const counts = await moveReferences(tx, target.id, sourceIds);
    await refreshEntitySummaries(tx, [target.id, ...sourceIds]);
    const [merged] = await tx
      .update(entities)
      .set({
        // The target keeps its own description and Wikidata ID; a source's fills a gap.
        description:
          target.description ?? [...sources.values()].find((s) => s.description)?.description ?? null,
        wikidataId: target.wikidataId ?? [...sources.values()].find((s) => s.wikidataId)?.wikidataId ?? null,
      })
      .where(eq(entities.id, target.id))
      .returning();
    if (!merged) throw new Error('the merge target vanished');
    const after = {
      target: entitySnapshot(merged, (await aliasesOf(tx, [target.id])).get(target.id)),
      mergedFrom: sourceIds,
      moved: counts,
    };
    const edit = await recordEdit(tx, actor, 'merge_entities', { entityId: target.id }, before, after);
    return { value: { target: merged, counts }, edit };
  });
}

async function moveReferences(tx: Db, targetId: number, sourceIds: number[]): Promise<MergeCounts> {
  const fromSources = inArray(entityAliases.entityId, sourceIds);
  // A source's name is normally among its aliases already; the union makes sure it is kept.
  const movedAliases = await tx.execute(sql`
    insert into ${entityAliases} (entity_id, alias, normalized_alias, source)
    select ${targetId}::int, alias, normalized_alias, source from (
      select ${entityAliases.alias} as alias, ${entityAliases.normalizedAlias} as normalized_alias,
             ${entityAliases.source} as source, ${entityAliases.id} as ord
        from ${entityAliases} where ${fromSources}
      union all
      select ${entities.name}, ${entities.normalizedName}, 'extracted'::alias_source, 0
        from ${entities} where ${inArray(entities.id, sourceIds)}
    ) moved
    order by ord
    on conflict (entity_id, normalized_alias) do nothing
    returning 1`);
  await tx.delete(entityAliases).where(fromSources);

  const movedMentions = await tx
    .update(mentions)
    .set({ entityId: targetId })
    .where(inArray(mentions.entityId, sourceIds))
    .returning({ id: mentions.id });
  const movedQuotes = await tx
    .update(quotes)
    .set({ speakerId: targetId })
    .where(inArray(quotes.speakerId, sourceIds))
    .returning({ id: quotes.id });

  const aboutRows = await tx
    .delete(quoteAbout)
    .where(inArray(quoteAbout.entityId, sourceIds))
    .returning({ quoteId: quoteAbout.quoteId });
  const aboutQuoteIds = [...new Set(aboutRows.map((r) => r.quoteId))];
  if (aboutQuoteIds.length) {
    await tx
      .insert(quoteAbout)
      .values(aboutQuoteIds.map((quoteId) => ({ quoteId, entityId: targetId })))
      .onConflictDoNothing();
  }

  const movedRoles = [
    ...(await tx
      .update(roles)
      .set({ personId: targetId })
      .where(inArray(roles.personId, sourceIds))
      .returning({ id: roles.id })),
    ...(await tx
      .update(roles)
      .set({ organizationId: targetId })
      .where(inArray(roles.organizationId, sourceIds))
      .returning({ id: roles.id })),
    ...(await tx
      .update(roles)
      .set({ placeId: targetId })
      .where(inArray(roles.placeId, sourceIds))
      .returning({ id: roles.id })),
  ];
  // The same title stated by the same article for the target and a source is now one role twice.
  await tx.execute(sql`
    delete from ${roles} r using ${roles} keep
    where r.id > keep.id
      and r.article_id = keep.article_id
      and r.person_id = keep.person_id
      and lower(r.title) = lower(keep.title)
      and r.organization_id is not distinct from keep.organization_id
      and r.place_id is not distinct from keep.place_id
      and ${targetId}::int in (r.person_id, r.organization_id, r.place_id)`);

  const movedOutlets = await tx
    .update(articles)
    .set({ outletId: targetId })
    .where(inArray(articles.outletId, sourceIds))
    .returning({ id: articles.id });

  const repointed = await tx
    .update(entities)
    .set({ mergedIntoId: targetId })
    .where(or(inArray(entities.mergedIntoId, sourceIds), inArray(entities.id, sourceIds)))
    .returning({ id: entities.id });

  return {
    aliases: affectedRows(movedAliases),
    mentions: movedMentions.length,
    quotes: movedQuotes.length,
    quotesAbout: aboutQuoteIds.length,
    roles: new Set(movedRoles.map((r) => r.id)).size,
    outletArticles: movedOutlets.length,
    previouslyMerged: repointed.length - sourceIds.length,
  };
}

/** node-postgres reports rowCount, PGlite affectedRows; with `returning`, both give rows. */
function affectedRows(result: unknown): number {
  const r = result as { rows?: unknown[]; rowCount?: number | null; affectedRows?: number };
  return r.rows?.length ?? r.rowCount ?? r.affectedRows ?? 0;
}

export interface UpdateEntityInput {
  id: number;
  name?: string | null;
  description?: string | null;
  wikidataId?: string | null;
  addAliases?: readonly string[] | null;
  removeAliases?: readonly string[] | null;
}

/**
 * Edits an entity's descriptive fields. The slug never changes, so links to the entity keep
 * working after a rename; the new name becomes an editor alias so that ingestion finds it.
 */
export async function updateEntity(
  db: Db,
  actor: Actor,
  input: UpdateEntityInput,
): Promise<CurationResult<EntityRow>> {
  const problems: InputProblem[] = [];
  const name = input.name === undefined ? undefined : (input.name ?? '').trim().replace(/\s+/g, ' ');
  if (name !== undefined) {
    if (!name || !normalizeName(name)) problems.push({ field: 'input.name', message: 'cannot be empty' });
    else if (name.length > MAX_NAME_LENGTH)
      problems.push({ field: 'input.name', message: `is longer than ${MAX_NAME_LENGTH} characters` });
  }
  const description = input.description === undefined ? undefined : input.description?.trim() || null;
  if (description && description.length > MAX_DESCRIPTION_LENGTH) {
    problems.push({
      field: 'input.description',
      message: `is longer than ${MAX_DESCRIPTION_LENGTH} characters`,
    });
  }
  const wikidataId =
    input.wikidataId === undefined ? undefined : input.wikidataId?.trim().toUpperCase() || null;
  if (wikidataId && !WIKIDATA_ID.test(wikidataId)) {
    problems.push({
      field: 'input.wikidataId',
      message: `${JSON.stringify(input.wikidataId)} is not a Wikidata item ID like Q42`,
    });
  }
  const toAdd = cleanAliases('input.addAliases', input.addAliases, problems);
  const toRemove = cleanAliases('input.removeAliases', input.removeAliases, problems);
  const changes =
    [name, description, wikidataId].filter((v) => v !== undefined).length + toAdd.length + toRemove.length;
  if (!problems.length && !changes)
    problems.push({ field: 'input', message: 'give at least one field to change' });
  if (problems.length) return { ok: false, problems };

  return curate(db, async (tx) => {
    const entity = (await lockEntities(tx, [input.id])).get(input.id);
    if (!entity) throw new Rejected([{ field: 'input.id', message: 'no entity has this ID' }]);
    const aliasRows = await tx
      .select({ normalizedAlias: entityAliases.normalizedAlias })
      .from(entityAliases)
      .where(eq(entityAliases.entityId, entity.id));
    const present = new Set(aliasRows.map((r) => r.normalizedAlias));
    const newName = name ?? entity.name;
    const rejected: InputProblem[] = [];
    toRemove.forEach((a, i) => {
      const field = `input.removeAliases[${a.index ?? i}]`;
      if (!present.has(a.normalized))
        rejected.push({ field, message: `"${a.alias}" is not an alias of ${entity.name}` });
      else if (a.normalized === normalizeName(newName))
        rejected.push({ field, message: `"${a.alias}" is the name; rename first` });
    });
    if (rejected.length) throw new Rejected(rejected);

    const before = entitySnapshot(entity, (await aliasesOf(tx, [entity.id])).get(entity.id));
    const [updated] = await tx
      .update(entities)
      .set({
        ...(name !== undefined ? { name, normalizedName: normalizeName(name) } : {}),
        ...(description !== undefined ? { description } : {}),
        ...(wikidataId !== undefined ? { wikidataId } : {}),
      })
      .where(eq(entities.id, entity.id))
      .returning();
    if (!updated) throw new Error('the entity vanished');
    if (toRemove.length) {
      await tx.delete(entityAliases).where(
        and(
          eq(entityAliases.entityId, entity.id),
          inArray(
            entityAliases.normalizedAlias,
            toRemove.map((a) => a.normalized),
          ),
        ),
      );
    }
    const added = [
      ...toAdd,
      ...(name !== undefined ? [{ alias: name, normalized: normalizeName(name) }] : []),
    ];
    if (added.length) {
      await tx
        .insert(entityAliases)
        .values(
          added.map((a) => ({
            entityId: entity.id,
            alias: a.alias,
            normalizedAlias: a.normalized,
            source: 'editor' as const,
          })),
        )
        .onConflictDoNothing();
    }
    const after = entitySnapshot(updated, (await aliasesOf(tx, [entity.id])).get(entity.id));
    const edit = await recordEdit(tx, actor, 'update_entity', { entityId: entity.id }, before, after);
    return { value: updated, edit };
  });
}

function cleanAliases(
  field: string,
  aliases: readonly string[] | null | undefined,
  problems: InputProblem[],
) {
  if (!aliases?.length) return [];
  if (aliases.length > MAX_ALIASES_PER_CALL) {
    problems.push({ field, message: `give at most ${MAX_ALIASES_PER_CALL} aliases at once` });
    return [];
  }
  const cleaned: Array<{ alias: string; normalized: string; index?: number }> = [];
  aliases.forEach((raw, index) => {
    const alias = raw.trim().replace(/\s+/g, ' ');
    const normalized = normalizeName(alias);
    if (!normalized) problems.push({ field: `${field}[${index}]`, message: 'cannot be empty' });
    else if (alias.length > MAX_NAME_LENGTH)
      problems.push({ field: `${field}[${index}]`, message: `is longer than ${MAX_NAME_LENGTH} characters` });
    else if (!cleaned.some((c) => c.normalized === normalized)) cleaned.push({ alias, normalized, index });
  });
  return cleaned;
}

export interface ReattributeQuoteInput {
  quoteId: number;
  /** null marks the quote unattributed. */
  speakerId: number | null;
}

/** Sets a quote's speaker by hand and marks the attribution as edited. */
export async function reattributeQuote(
  db: Db,
  actor: Actor,
  input: ReattributeQuoteInput,
): Promise<CurationResult<{ quoteId: number }>> {
  return curate(db, async (tx) => {
    const [quote] = await tx
      .select({
        id: quotes.id,
        speakerId: quotes.speakerId,
        articleId: quotes.articleId,
        edited: quotes.attributionEdited,
      })
      .from(quotes)
      .where(eq(quotes.id, input.quoteId))
      .for('update');
    const locked = await lockEntities(tx, [
      ...(input.speakerId !== null ? [input.speakerId] : []),
      ...(quote?.speakerId ? [quote.speakerId] : []),
    ]);
    const speaker = input.speakerId !== null ? locked.get(input.speakerId) : null;
    if (!quote || speaker === undefined) {
      throw new Rejected([
        ...(quote ? [] : [{ field: 'input.quote', message: 'no quote has this ID' }]),
        ...(speaker === undefined ? [{ field: 'input.speaker', message: 'no entity has this ID' }] : []),
      ]);
    }

    const previous = quote.speakerId ? (locked.get(quote.speakerId) ?? null) : null;
    const speakerOf = (e: EntityRow | null) => (e ? { id: e.id, name: e.name, slug: e.slug } : null);
    await withQuotesResummarized(tx, [quote.id], () =>
      tx
        .update(quotes)
        .set({ speakerId: speaker?.id ?? null, attributionEdited: true })
        .where(eq(quotes.id, quote.id)),
    );
    const edit = await recordEdit(
      tx,
      actor,
      'reattribute_quote',
      { quoteId: quote.id, entityId: speaker?.id ?? previous?.id ?? null, articleId: quote.articleId },
      { speaker: speakerOf(previous), attributionEdited: quote.edited },
      { speaker: speakerOf(speaker), attributionEdited: true },
    );
    return { value: { quoteId: quote.id }, edit };
  });
}

/**
 * Deletes an article with its mentions, quotes and roles (the foreign keys cascade). The edit
 * row keeps what the article was; its article_id turns null with the delete.
 */
export async function deleteArticle(
  db: Db,
  actor: Actor,
  input: { articleId: number },
): Promise<CurationResult<{ articleId: number }>> {
  return curate(db, async (tx) => {
    const [row] = await tx
      .select({
        id: articles.id,
        slug: articles.slug,
        url: articles.url,
        title: articles.title,
        publishedAt: articles.publishedAt,
        outletId: articles.outletId,
      })
      .from(articles)
      .where(eq(articles.id, input.articleId))
      .for('update');
    if (!row) throw new Rejected([{ field: 'input.id', message: 'no article has this ID' }]);
    // one after another on the transaction's one connection (see countsOf)
    const quoteCount = await tx.$count(quotes, eq(quotes.articleId, row.id));
    const mentionCount = await tx.$count(mentions, eq(mentions.articleId, row.id));
    const roleCount = await tx.$count(roles, eq(roles.articleId, row.id));
    const before = { ...row, quotes: quoteCount, mentions: mentionCount, roles: roleCount };
    const recorded = await recordEdit(tx, actor, 'delete_article', { articleId: row.id }, before, null);
    await subtractFromEntitySummaries(tx, [row.id]);
    await tx.delete(articles).where(eq(articles.id, row.id));
    return { value: { articleId: row.id }, edit: { ...recorded, articleId: null } };
  });
}

export async function loadEdits(db: Db, ids: readonly number[]): Promise<EditRow[]> {
  return ids.length
    ? db
        .select()
        .from(edits)
        .where(inArray(edits.id, [...ids]))
    : [];
}

/**
 * The newest `limit` edits of each entity: its own, and those of the entities merged into it
 * (a merge keeps one hop, so `merged_into_id` names the survivor).
 */
export async function loadEntityHistory(
  db: Db,
  entityIds: readonly number[],
  limit: number,
): Promise<EditRow[][]> {
  const ids = [...new Set(entityIds)];
  if (!ids.length) return [];
  const owner = sql<number>`coalesce(${entities.mergedIntoId}, ${entities.id})`;
  const ranked = db
    .select({
      id: edits.id,
      owner: owner.as('owner'),
      rank: sql<number>`row_number() over (partition by ${owner} order by ${edits.id} desc)`.as('rank'),
    })
    .from(edits)
    .innerJoin(entities, eq(entities.id, edits.entityId))
    .where(or(inArray(entities.id, ids), inArray(entities.mergedIntoId, ids)))
    .as('ranked');
  const rows = await db
    .select({ edit: edits, owner: ranked.owner })
    .from(ranked)
    .innerJoin(edits, eq(edits.id, ranked.id))
    .where(sql`${ranked.rank} <= ${limit}`)
    .orderBy(sql`${edits.id} desc`);
  return groupEdits(entityIds, rows);
}

export async function loadQuoteHistory(
  db: Db,
  quoteIds: readonly number[],
  limit: number,
): Promise<EditRow[][]> {
  const ids = [...new Set(quoteIds)];
  if (!ids.length) return [];
  const ranked = db
    .select({
      id: edits.id,
      owner: sql<number>`${edits.quoteId}`.as('owner'),
      rank: sql<number>`row_number() over (partition by ${edits.quoteId} order by ${edits.id} desc)`.as(
        'rank',
      ),
    })
    .from(edits)
    .where(inArray(edits.quoteId, ids))
    .as('ranked');
  const rows = await db
    .select({ edit: edits, owner: ranked.owner })
    .from(ranked)
    .innerJoin(edits, eq(edits.id, ranked.id))
    .where(sql`${ranked.rank} <= ${limit}`)
    .orderBy(sql`${edits.id} desc`);
  return groupEdits(quoteIds, rows);
}

function groupEdits(keys: readonly number[], rows: Array<{ edit: EditRow; owner: number }>): EditRow[][] {
  const byOwner = new Map<number, EditRow[]>();
  for (const r of rows) {
    const owner = Number(r.owner);
    const list = byOwner.get(owner) ?? [];
    list.push(r.edit);
    byOwner.set(owner, list);
  }
  return keys.map((k) => byOwner.get(k) ?? []);
}

/** The entities merged into each given entity, in ID order. */
export async function loadMergedFrom(db: Db, entityIds: readonly number[]): Promise<EntityRow[][]> {
  const rows = entityIds.length
    ? await db
        .select()
        .from(entities)
        .where(inArray(entities.mergedIntoId, [...entityIds]))
        .orderBy(asc(entities.id))
    : [];
  return entityIds.map((id) => rows.filter((r) => r.mergedIntoId === id));
}
