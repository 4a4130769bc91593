import { sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { takeEchoTurn } from './echoes';

// The entity summaries (src/db/schema.ts, kept by the SQL functions of migration 0011) hold what an
// entity page would otherwise compute from all of an entity's mentions and quotes. Every change to
// mentions, quotes, quote subjects or outlets goes through one of these, in the transaction that
// makes it. The functions write rows in key order, table after table, so that two writers wait for
// each other rather than deadlock (ingest retries a batch that still does).

const ids = (values: readonly number[]) => sql`${`{${values.join(',')}}`}::int[]`;

/** Adds the contributions of articles just stored (their mentions, quotes, subjects, outlet). */
export async function addToEntitySummaries(tx: Db, articleIds: readonly number[]): Promise<void> {
  if (articleIds.length) await tx.execute(sql`select entity_summaries_add(${ids(articleIds)}, 1)`);
}

const quotesOf = (articleIds: readonly number[]) =>
  sql`array(select id from quotes where article_id = any(${ids(articleIds)}))`;

/**
 * Adds the first reports among the quotes of articles just stored (migration 0017), and takes
 * first place from the later reports they come before: after their echo links are stored.
 */
export async function addFirstReportsToEntitySummaries(tx: Db, articleIds: readonly number[]): Promise<void> {
  if (articleIds.length)
    await tx.execute(sql`select entity_summaries_add_first_reports(${quotesOf(articleIds)}, 1)`);
}

/** Takes away what these articles contribute; call before deleting them. */
export async function subtractFromEntitySummaries(tx: Db, articleIds: readonly number[]): Promise<void> {
  if (!articleIds.length) return;
  // An ingest at the same moment could store a copy of one of these quotes that they keep from
  // first place, counted as no first report while they are still there: the echo step's turn
  // makes one see the other. (Re-attribution and merges lock the speakers, which an ingest of
  // their quotes waits for.)
  await takeEchoTurn(tx);
  // first reports first: entity_summaries_add drops the summaries left with nothing counted
  await tx.execute(sql`select entity_summaries_add_first_reports(${quotesOf(articleIds)}, -1)`);
  await tx.execute(sql`select entity_summaries_add(${ids(articleIds)}, -1)`);
}

/**
 * Moves quotes' counts and first reports with their speaker: `change` runs between taking the quotes away from
 * their current speakers' summaries and adding them to their new ones.
 */
export async function withQuotesResummarized<T>(
  tx: Db,
  quoteIds: readonly number[],
  change: () => Promise<T>,
): Promise<T> {
  await tx.execute(sql`select entity_summaries_add_quotes(${ids(quoteIds)}, -1)`);
  const result = await change();
  await tx.execute(sql`select entity_summaries_add_quotes(${ids(quoteIds)}, 1)`);
  return result;
}

/** Recomputes these entities' summaries from the stored rows (after a merge moved them). */
export async function refreshEntitySummaries(tx: Db, entityIds: readonly number[]): Promise<void> {
  if (entityIds.length) await tx.execute(sql`select entity_summaries_refresh(${ids(entityIds)})`);
}
