import { getTableColumns } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Db } from '../db/client';

/** Postgres takes at most 65,535 bind parameters in one statement. */
const MAX_PARAMETERS = 65_535;

/**
 * Inserts rows as multi-row inserts, as few statements as the parameter limit allows (every column
 * of the table is a parameter or a default, so the chunk size is the limit over the column count).
 * With `ignoreConflicts`, rows that hit a unique key are skipped.
 */
export async function insertRows<T extends PgTable>(
  tx: Db,
  table: T,
  rows: T['$inferInsert'][],
  options: { ignoreConflicts?: boolean } = {},
): Promise<void> {
  for (const chunk of chunksFor(table, rows)) {
    const insert = tx.insert(table).values(chunk);
    await (options.ignoreConflicts ? insert.onConflictDoNothing() : insert);
  }
}

/** Rows split into chunks that each fit one statement's bind parameters, for inserts that return rows. */
export function chunksFor<T extends PgTable, R>(table: T, rows: R[]): R[][] {
  const size = chunkSize(table);
  const chunks: R[][] = [];
  for (let i = 0; i < rows.length; i += size) chunks.push(rows.slice(i, i + size));
  return chunks;
}

function chunkSize(table: PgTable): number {
  return Math.floor(MAX_PARAMETERS / Object.keys(getTableColumns(table)).length);
}
