import { type Column, getTableColumns, getTableName, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Db } from '../db/client';
import { rowsOf } from './echoes';

/** Postgres takes at most 65,535 bind parameters in one statement. */
const MAX_PARAMETERS = 65_535;

/**
 * Inserts rows as one statement with one array parameter per column (`select * from unnest(…)`):
 * a batch's thousands of mentions or quotes cost a few parameters, not one per value, which the
 * client spent longer building and sending than the server inserting. The columns are the keys of
 * the first row (every row has the same keys; the others take their defaults). With
 * `ignoreConflicts`, rows that hit a unique key are skipped. Returns the inserted rows' ids, in
 * the order of the rows, when asked.
 */
export async function insertArrays<T extends PgTable>(
  tx: Db,
  table: T,
  rows: T['$inferInsert'][],
  options: { ignoreConflicts?: boolean; returnIds?: boolean } = {},
): Promise<number[]> {
  const [first] = rows;
  if (!first) return [];
  const columns = getTableColumns(table) as Record<string, Column>;
  const keys = Object.keys(first).filter((k) => columns[k]);
  const names = sql.join(
    keys.map((k) => sql.identifier((columns[k] as Column).name)),
    sql`, `,
  );
  const arrays = sql.join(
    keys.map((k) => {
      const column = columns[k] as Column;
      const values = rows.map((r) => {
        const value = (r as Record<string, unknown>)[k];
        return value === null || value === undefined ? null : column.mapToDriverValue(value);
      });
      return sql`${arrayLiteral(values)}::${sql.raw(column.getSQLType())}[]`;
    }),
    sql`, `,
  );
  const result = await tx.execute(sql`
    insert into ${sql.identifier(getTableName(table))} (${names})
    select * from unnest(${arrays})
    ${options.ignoreConflicts ? sql`on conflict do nothing` : sql``}
    ${options.returnIds ? sql`returning id` : sql``}`);
  return options.returnIds ? rowsOf<{ id: number }>(result).map((r) => Number(r.id)) : [];
}

/** A Postgres array literal of text values, each quoted; null stays NULL. */
function arrayLiteral(values: unknown[]): string {
  const items = values.map((v) => {
    if (v === null) return 'NULL';
    const text = v instanceof Date ? v.toISOString() : typeof v === 'object' ? JSON.stringify(v) : String(v);
    return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  });
  return `{${items.join(',')}}`;
}

/** Rows split into chunks that each fit one statement's bind parameters, for multi-row inserts. */
export function chunksFor<T extends PgTable, R>(table: T, rows: R[]): R[][] {
  const size = chunkSize(table);
  const chunks: R[][] = [];
  for (let i = 0; i < rows.length; i += size) chunks.push(rows.slice(i, i + size));
  return chunks;
}

function chunkSize(table: PgTable): number {
  return Math.floor(MAX_PARAMETERS / Object.keys(getTableColumns(table)).length);
}
