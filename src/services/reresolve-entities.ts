import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { edits, entities, mentions } from '../db/schema';
import { chooseLink, compatiblePersonNames, nameKeys, storedKeys } from '../ingest/name-keys';
import type { EntityKind } from '../ingest/types';
import { type Actor, mergeEntities } from './curation';
import { rowsOf } from './echoes';
import { sharedCompany } from './resolve-entities';

interface Stored {
  id: number;
  kind: EntityKind;
  name: string;
  matchKeys: string[];
  wikidataId: string | null;
  mentions: number;
  renamedByEditor: boolean;
}

export interface PlannedMerge {
  target: { id: number; name: string };
  sources: Array<{ id: number; name: string }>;
  reason: 'name variant' | 'short form';
  confidence: number;
}

export interface ReresolveReport {
  keysUpdated: number;
  merges: PlannedMerge[];
  /** Short forms left apart because several stored entities could be meant. */
  ambiguous: Array<{ id: number; name: string; candidates: string[] }>;
}

const ACTOR: Actor = { id: null, name: 'npm run resolve' };
// A short form is weighed on the company it keeps in its most mentioned-with entities.
const CONTEXT_SIZE = 50;

/**
 * Re-runs cross-article resolution over a whole database: stores each entity's name keys
 * (entities made before they existed have none), then merges the variants of one name and the
 * short forms that one entity dominates, through the editors' own merge (so old IDs and slugs keep
 * resolving and each merge is in the audit trail). It only merges: editors' merges, renames and
 * attributions stay as they are, and an entity an editor renamed is kept as the survivor.
 */
export async function reresolveEntities(
  db: Db,
  options: { dryRun?: boolean } = {},
): Promise<ReresolveReport> {
  const stored = await loadEntities(db);
  const keysUpdated = await storeKeys(db, stored, options.dryRun ?? false);
  const report: ReresolveReport = { keysUpdated, merges: variantMerges(stored), ambiguous: [] };

  const mergedAway = new Set(report.merges.flatMap((m) => m.sources.map((s) => s.id)));
  const live = stored.filter((e) => !mergedAway.has(e.id));
  const offering = new Map<string, Stored[]>();
  for (const e of live) for (const key of e.matchKeys) offering.set(key, [...(offering.get(key) ?? []), e]);
  for (const short of live) {
    const probe = nameKeys(short.kind, short.name).probe;
    const candidates = (probe ? (offering.get(probe) ?? []) : []).filter(
      (c) => c.kind === short.kind && c.id !== short.id && !conflicting(c, short),
    );
    if (!candidates.length) continue;
    const shared = await sharedCompany(
      db,
      candidates.map((c) => c.id),
      await companyOf(db, short.id),
    );
    const decision = chooseLink(
      candidates.map((c) => ({ id: c.id, mentions: c.mentions, shared: shared.get(c.id) ?? 0 })),
    );
    const byId = new Map(candidates.map((c) => [c.id, c]));
    if (decision.kind === 'linked') {
      const target = byId.get(decision.id);
      if (target && !short.renamedByEditor)
        report.merges.push({
          target: { id: target.id, name: target.name },
          sources: [{ id: short.id, name: short.name }],
          reason: 'short form',
          confidence: decision.confidence,
        });
    } else if (decision.kind === 'ambiguous') {
      report.ambiguous.push({
        id: short.id,
        name: short.name,
        candidates: decision.ids.map((id) => byId.get(id)?.name ?? `#${id}`),
      });
    }
  }

  if (!options.dryRun)
    for (const merge of report.merges) {
      const result = await mergeEntities(db, ACTOR, {
        targetId: merge.target.id,
        sourceIds: merge.sources.map((s) => s.id),
      });
      if (!result.ok) throw new Error(`merging into ${merge.target.name}: ${result.problems[0]?.message}`);
    }
  return report;
}

async function loadEntities(db: Db): Promise<Stored[]> {
  const counts = new Map(
    (
      await db
        .select({ id: mentions.entityId, n: sql<number>`count(*)::int` })
        .from(mentions)
        .groupBy(mentions.entityId)
    ).map((r) => [r.id, Number(r.n)]),
  );
  const renamed = new Set(
    (
      await db
        .selectDistinct({ id: edits.entityId })
        .from(edits)
        .where(
          and(
            eq(edits.action, 'update_entity'),
            sql`${edits.before}->>'name' is distinct from ${edits.after}->>'name'`,
          ),
        )
    ).map((r) => r.id),
  );
  const rows = await db
    .select({
      id: entities.id,
      kind: entities.kind,
      name: entities.name,
      matchKeys: entities.matchKeys,
      wikidataId: entities.wikidataId,
    })
    .from(entities)
    .where(isNull(entities.mergedIntoId));
  return rows.map((r) => ({ ...r, mentions: counts.get(r.id) ?? 0, renamedByEditor: renamed.has(r.id) }));
}

async function storeKeys(db: Db, stored: Stored[], dryRun: boolean): Promise<number> {
  const changed = stored.filter((e) => {
    const keys = storedKeys(e.kind, e.name);
    const differs = keys.join('\n') !== e.matchKeys.join('\n');
    e.matchKeys = keys;
    return differs;
  });
  if (dryRun) return changed.length;
  for (let i = 0; i < changed.length; i += 500) {
    const chunk = changed.slice(i, i + 500);
    const values = sql.join(
      chunk.map(
        (e) => sql`(${e.id}::int, ${`{${e.matchKeys.map((k) => JSON.stringify(k)).join(',')}}`}::text[])`,
      ),
      sql`, `,
    );
    await db.execute(
      sql`update ${entities} as e set match_keys = v.keys from (values ${values}) as v(id, keys) where e.id = v.id`,
    );
  }
  return changed.length;
}

/** The survivor of a group: the name an editor chose, else the most mentioned form. */
function survivorFirst(a: Stored, b: Stored): number {
  return Number(b.renamedByEditor) - Number(a.renamedByEditor) || b.mentions - a.mentions || a.id - b.id;
}

function conflicting(a: Stored, b: Stored): boolean {
  return !!a.wikidataId && !!b.wikidataId && a.wikidataId !== b.wikidataId;
}

/** Entities that share a full-name key and agree on every part both give are one. */
function variantMerges(stored: Stored[]): PlannedMerge[] {
  const byKey = new Map<string, Stored[]>();
  for (const e of stored)
    for (const key of nameKeys(e.kind, e.name).same)
      byKey.set(`${e.kind}|${key}`, [...(byKey.get(`${e.kind}|${key}`) ?? []), e]);
  const taken = new Set<number>();
  const merges: PlannedMerge[] = [];
  for (const bucket of byKey.values()) {
    const members = bucket.filter((e) => !taken.has(e.id)).sort(survivorFirst);
    while (members.length > 1) {
      const [target, ...rest] = members as [Stored, ...Stored[]];
      const group = [target];
      for (const e of rest) {
        const fits =
          !conflicting(e, target) &&
          group.every((g) => e.kind !== 'person' || compatiblePersonNames(g.name, e.name));
        if (fits && !e.renamedByEditor) group.push(e);
      }
      for (const e of group) taken.add(e.id);
      if (group.length > 1)
        merges.push({
          target: { id: target.id, name: target.name },
          sources: group.slice(1).map((e) => ({ id: e.id, name: e.name })),
          reason: 'name variant',
          confidence: 1,
        });
      members.splice(0, members.length, ...members.filter((e) => !taken.has(e.id)));
    }
  }
  return merges;
}

async function companyOf(db: Db, entityId: number): Promise<number[]> {
  const result = await db.execute(sql`
    select m2.entity_id as id, count(*) as n
      from ${mentions} m join ${mentions} m2 on m2.article_id = m.article_id and m2.entity_id <> m.entity_id
     where m.entity_id = ${entityId}
     group by m2.entity_id order by n desc limit ${CONTEXT_SIZE}`);
  return rowsOf<{ id: number }>(result).map((r) => Number(r.id));
}
