import DataLoader from 'dataloader';
import * as drizzle from 'drizzle-orm';
import { type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import type { Db } from '../db/client';

// Sibling fields of a request (an entity's aliases, counts, roles, timeline and quotes) load
// through different loaders that all dispatch in the same tick. Reads made through a shared-
// statement Db in that tick go to Postgres as one statement, each read a subquery that returns
// its rows as JSON, so a page costs one round trip per level of the query, not one per field.

/** A drizzle select builder: its SQL, its selected fields (to decode rows) and its own execution. */
type SelectBuilder<T> = SQLWrapper & PromiseLike<T[]>;

interface Read {
  query: SQL;
  /** The subquery's rows as one JSON array. */
  json: SQL;
  decode(rows: unknown[]): unknown;
  /** Alone in its tick, a read runs as it is, without the JSON detour. */
  alone(): Promise<unknown>;
}

// How drizzle itself flattens a selection and decodes a row of it (exported, left out of its types).
type SelectedColumn = { path: string[]; field: unknown };
const { mapResultRow, orderSelectedFields } = drizzle as unknown as {
  orderSelectedFields(fields: Record<string, unknown>): SelectedColumn[];
  mapResultRow(
    columns: SelectedColumn[],
    row: unknown[],
    joinsNotNullableMap?: Record<string, boolean>,
  ): unknown;
};

const combiners = new WeakMap<Db, DataLoader<Read, unknown>>();

/**
 * A Db for one request's reads: `execute` joins the other reads of the tick, and so does
 * `selectShared(db, builder)`. Writes must go through the plain Db (a subquery cannot write).
 */
export function sharedStatementDb(db: Db): Db {
  const combiner = new DataLoader<Read, unknown>((reads) => runTogether(db, reads), {
    cache: false,
    // after every promise and nextTick of the wave: loaders reached through a few awaits still join
    batchScheduleFn: (dispatch) => setImmediate(dispatch),
  });
  const shared = Object.create(db) as Db;
  shared.execute = ((query: SQLWrapper | string) => {
    const q = typeof query === 'string' ? sql.raw(query) : query.getSQL();
    return combiner.load({
      query: q,
      json: sql`(select coalesce(json_agg(t), '[]'::json) from (${q}) t)`,
      decode: (rows) => ({ rows }),
      alone: () => db.execute(q),
    });
  }) as Db['execute'];
  combiners.set(shared, combiner);
  return shared;
}

/** Runs a drizzle select, in the tick's shared statement when `db` is a shared-statement Db. */
export function selectShared<T>(db: Db, query: SelectBuilder<T>): Promise<T[]> {
  const combiner = combiners.get(db);
  if (!combiner) return Promise.resolve(query);
  // drizzle keeps a select's fields and outer-join map on the builder; they decode its rows
  const { config, joinsNotNullableMap } = query as unknown as {
    config: { fields: Record<string, unknown> };
    joinsNotNullableMap: Record<string, boolean>;
  };
  const fields = orderSelectedFields(config.fields);
  const names = fields.map((_, i) => sql.raw(`c${i}`));
  const q = query.getSQL();
  return combiner.load({
    query: q,
    json: sql`(select coalesce(json_agg(json_build_array(${sql.join(names, sql`, `)})), '[]'::json)
      from (${q}) t(${sql.join(names, sql`, `)}))`,
    decode: (rows) => rows.map((row) => mapResultRow(fields, row as unknown[], joinsNotNullableMap)),
    alone: () => Promise.resolve(query),
  }) as Promise<T[]>;
}

async function runTogether(db: Db, reads: readonly Read[]): Promise<unknown[]> {
  const [only] = reads;
  if (reads.length === 1 && only) return [await only.alone()];
  const columns = reads.map((read, i) => sql`${read.json} as ${sql.raw(`r${i}`)}`);
  const result = await db.execute(sql`select ${sql.join(columns, sql`, `)}`);
  const row = (result as unknown as { rows: Record<string, unknown>[] }).rows[0] ?? {};
  return reads.map((read, i) => {
    const value = row[`r${i}`];
    return read.decode((typeof value === 'string' ? JSON.parse(value) : value) as unknown[]);
  });
}
