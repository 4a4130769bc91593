import { resolveCursorConnection } from '@pothos/plugin-relay';
import { and, asc, desc, type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { badInput } from './errors';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

export interface PageArgs {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
}

export type SortValue = string | number;

/**
 * Keyset pagination: rows are ordered by (sort key, id) and a cursor holds that pair, so a page
 * deep in a long list costs the same as the first one (no OFFSET scan, no wall at N results).
 */
export interface Keyset<Row> {
  sortExpr: SQL | AnyPgColumn;
  /** The Postgres type the cursor's sort value is compared as. */
  sortType: 'timestamptz' | 'float8' | 'int8' | 'text';
  idExpr: SQL | AnyPgColumn;
  direction: 'asc' | 'desc';
  sortValue: (row: Row) => SortValue;
  id: (row: Row) => number;
}

export interface Page {
  where: SQL | undefined;
  orderBy: SQL[];
  limit: number;
}

export function checkPageArgs(args: PageArgs): void {
  for (const field of ['first', 'last'] as const) {
    const value = args[field];
    if (value != null && (!Number.isInteger(value) || value < 0 || value > MAX_PAGE_SIZE)) {
      throw badInput(field, `must be between 0 and ${MAX_PAGE_SIZE} (got ${value})`);
    }
  }
}

export function encodeCursor(value: SortValue, id: number): string {
  return Buffer.from(JSON.stringify([value, id])).toString('base64url');
}

function decodeCursor(field: string, cursor: string): [SortValue, number] {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(parsed) &&
      parsed.length === 2 &&
      (typeof parsed[0] === 'string' || typeof parsed[0] === 'number') &&
      Number.isSafeInteger(parsed[1])
    ) {
      return [parsed[0], parsed[1]];
    }
  } catch {
    // reported below
  }
  throw badInput(field, 'is not a cursor from this list');
}

export async function keysetConnection<Row, Extra extends object>(
  args: PageArgs,
  keyset: Keyset<Row>,
  fetch: (page: Page) => Promise<Row[]>,
  extra: Extra,
) {
  checkPageArgs(args);
  const connection = await resolveCursorConnection<Promise<Row[]>>(
    {
      args,
      defaultSize: DEFAULT_PAGE_SIZE,
      maxSize: MAX_PAGE_SIZE,
      toCursor: (row: Row) => encodeCursor(keyset.sortValue(row), keyset.id(row)),
    },
    ({ after, before, limit, inverted }): Promise<Row[]> => {
      const forward = keyset.direction === 'asc' ? '>' : '<';
      const backward = keyset.direction === 'asc' ? '<' : '>';
      const bound = (field: string, cursor: string, op: string) => {
        const [value, id] = decodeCursor(field, cursor);
        return sql`(${keyset.sortExpr}, ${keyset.idExpr}) ${sql.raw(op)} (${value}::${sql.raw(keyset.sortType)}, ${id}::int)`;
      };
      const where = and(
        after ? bound('after', after, forward) : undefined,
        before ? bound('before', before, backward) : undefined,
      );
      const ascending = (keyset.direction === 'asc') !== inverted;
      const order = ascending ? asc : desc;
      return fetch({ where, orderBy: [order(keyset.sortExpr), order(keyset.idExpr)], limit });
    },
  );
  if (!connection) throw new Error('a keyset page resolved to nothing');
  return Object.assign(connection, extra);
}
