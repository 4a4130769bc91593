import { createHash } from 'node:crypto';
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
  /** The cursor's bound; undefined on a first page. */
  where: SQL | undefined;
  orderBy: SQL[];
  /** The direction the rows are read in (the keyset's own, or its reverse for `last`). */
  ascending: boolean;
  limit: number;
}

export function pageOrder<Row>(keyset: Keyset<Row>, ascending: boolean): SQL[] {
  const order = ascending ? asc : desc;
  return [order(keyset.sortExpr), order(keyset.idExpr)];
}

export function checkPageArgs(args: PageArgs): void {
  for (const field of ['first', 'last'] as const) {
    const value = args[field];
    if (value != null && (!Number.isInteger(value) || value < 0 || value > MAX_PAGE_SIZE)) {
      throw badInput(field, `must be between 0 and ${MAX_PAGE_SIZE} (got ${value})`);
    }
  }
}

const MAX_INT4 = 2_147_483_647;
const MAX_TEXT_KEY = 1_000;

/**
 * A cursor names the list and ordering it came from (a short hash of `scope`), so one from another
 * connection or from the same list in another order is refused instead of read as a position.
 */
// scopes are names from the code (a connection and an order), few: each is hashed once
const scopeTags = new Map<string, string>();

function scopeTag(scope: string): string {
  let tag = scopeTags.get(scope);
  if (!tag) {
    tag = createHash('sha256').update(scope).digest('base64url').slice(0, 8);
    if (scopeTags.size < 1_000) scopeTags.set(scope, tag);
  }
  return tag;
}

export function encodeCursor(scope: string, ...parts: SortValue[]): string {
  return Buffer.from(JSON.stringify([scopeTag(scope), ...parts])).toString('base64url');
}

/**
 * The parts of a cursor from `scope`, each checked by the matching `checks` entry; anything else
 * (garbage, another list's cursor, a value the SQL could not take) is the caller's error, named.
 */
export function decodeCursor(
  field: string,
  scope: string,
  cursor: string,
  checks: ReadonlyArray<(part: unknown) => boolean>,
): unknown[] {
  let parsed: unknown;
  try {
    parsed =
      cursor.length <= 4 * MAX_TEXT_KEY
        ? JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
        : null;
  } catch {
    parsed = null;
  }
  if (!Array.isArray(parsed) || typeof parsed[0] !== 'string') {
    throw badInput(field, 'is not a cursor from this list');
  }
  if (parsed[0] !== scopeTag(scope)) {
    throw badInput(field, 'is a cursor from another list or ordering; start again without it');
  }
  const parts = parsed.slice(1);
  if (parts.length !== checks.length || !checks.every((check, i) => check(parts[i]))) {
    throw badInput(field, 'is not a cursor from this list');
  }
  return parts;
}

export const isRowId = (v: unknown): v is number =>
  Number.isSafeInteger(v) && (v as number) >= 0 && (v as number) <= MAX_INT4;

function isTimestamp(v: unknown): boolean {
  if (typeof v !== 'string') return false;
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(\.\d{1,6})?(Z|[+-]\d{2}(:?\d{2})?)?$/.exec(
    v,
  );
  if (!m) return false;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as number[];
  const date = new Date(Date.UTC(year ?? 0, (month ?? 0) - 1, day ?? 0));
  return (
    (year ?? 0) >= 1 &&
    date.getUTCMonth() === (month ?? 0) - 1 &&
    date.getUTCDate() === day &&
    (hour ?? 99) < 24 &&
    (minute ?? 99) < 60 &&
    (second ?? 99) < 60
  );
}

export const sortValueChecks: Record<Keyset<unknown>['sortType'], (v: unknown) => boolean> = {
  timestamptz: isTimestamp,
  float8: (v) =>
    (typeof v === 'number' && Number.isFinite(v)) ||
    (typeof v === 'string' &&
      /^-?\d{1,20}(\.\d{1,20})?(e[+-]?\d{1,3})?$/i.test(v) &&
      Number.isFinite(Number(v))),
  int8: (v) =>
    (typeof v === 'number' && Number.isSafeInteger(v)) || (typeof v === 'string' && /^-?\d{1,18}$/.test(v)),
  text: (v) => typeof v === 'string' && v.length <= MAX_TEXT_KEY && !v.includes('\0'),
};

/** No page has cursors to give when it is empty: null, not "". */
export function withNullCursors<
  C extends {
    edges: readonly unknown[];
    pageInfo: { startCursor?: string | null; endCursor?: string | null };
  },
>(connection: C): C {
  if (!connection.edges.length) {
    connection.pageInfo.startCursor = null;
    connection.pageInfo.endCursor = null;
  }
  return connection;
}

/** `scope` names the connection and its ordering, e.g. "Entity.quotes:CONFIDENCE:desc". */
export async function keysetConnection<Row, Extra extends object>(
  scope: string,
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
      toCursor: (row: Row) => encodeCursor(scope, keyset.sortValue(row), keyset.id(row)),
    },
    ({ after, before, limit, inverted }): Promise<Row[]> => {
      const forward = keyset.direction === 'asc' ? '>' : '<';
      const backward = keyset.direction === 'asc' ? '<' : '>';
      const bound = (field: string, cursor: string, op: string) => {
        const [value, id] = decodeCursor(field, scope, cursor, [sortValueChecks[keyset.sortType], isRowId]);
        return sql`(${keyset.sortExpr}, ${keyset.idExpr}) ${sql.raw(op)} (${value}::${sql.raw(keyset.sortType)}, ${id}::int)`;
      };
      const where = and(
        after ? bound('after', after, forward) : undefined,
        before ? bound('before', before, backward) : undefined,
      );
      const ascending = (keyset.direction === 'asc') !== inverted;
      return fetch({ where, orderBy: pageOrder(keyset, ascending), ascending, limit });
    },
  );
  if (!connection) throw new Error('a keyset page resolved to nothing');
  return Object.assign(withNullCursors(connection), extra);
}
