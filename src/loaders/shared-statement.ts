import { createHash } from 'node:crypto';
import DataLoader from 'dataloader';
import * as drizzle from 'drizzle-orm';
import {
  type AnyColumn,
  Column,
  fillPlaceholders,
  is,
  Placeholder,
  SQL,
  type SQLWrapper,
  Subquery,
  sql,
} from 'drizzle-orm';
import type { Db } from '../db/client';

// Sibling fields of a request (an entity's aliases, counts, roles, timeline and quotes) load
// through different loaders that all dispatch in the same tick. Reads made through a shared-
// statement Db in that tick go to Postgres as one statement, each read a subquery that returns
// its rows as JSON, so a page costs one round trip per level of the query, not one per field.

/** A drizzle select builder: its SQL, its selected fields (to decode rows) and its own execution. */
type SelectBuilder<T> = SQLWrapper & PromiseLike<T[]>;

/** SQL text cut where its parameters go, so that it can be numbered from any offset. */
interface Statement {
  chunks: string[];
  params: unknown[];
}

interface Read {
  /** Set when the read's text is fixed (a template's): combined texts are then cached. */
  key?: string;
  /** The read as a subquery that returns its rows as one JSON array. */
  json(): Statement;
  /** Its parameter values, in the order of json()'s. */
  params: unknown[];
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

type DecodeRow = (row: unknown[]) => unknown;
interface Decoder {
  mapFromDriverValue(value: unknown): unknown;
}

/**
 * A row decoder for one selection, made once: drizzle's mapResultRow works out every column's
 * decoder again for every row (a tenth of an entity page's CPU). Selections with outer joins,
 * whose rows may null a joined table's object, keep drizzle's own mapper.
 */
function rowDecoder(fields: SelectedColumn[], joinsNotNullableMap?: Record<string, boolean>): DecodeRow {
  if (joinsNotNullableMap && Object.values(joinsNotNullableMap).some((notNull) => !notNull))
    return (row) => mapResultRow(fields, row, joinsNotNullableMap);
  const columns = fields.map(({ path, field }) => {
    // the same choice as mapResultRow's; an SQL's decoder is internal to drizzle
    type WithDecoder = { decoder: Decoder };
    const decoder = is(field, Column)
      ? (field as Decoder)
      : is(field, SQL)
        ? (field as unknown as WithDecoder).decoder
        : is(field, Subquery)
          ? (field as unknown as { _: { sql: WithDecoder } })._.sql.decoder
          : (field as { sql: WithDecoder }).sql.decoder;
    return { parents: path.slice(0, -1), name: path[path.length - 1] as string, decoder };
  });
  return (row) => {
    const result: Record<string, unknown> = {};
    for (let i = 0; i < columns.length; i++) {
      const { parents, name, decoder } = columns[i] as (typeof columns)[number];
      let node = result;
      for (const parent of parents) {
        node[parent] ??= {};
        node = node[parent] as Record<string, unknown>;
      }
      const raw = row[i];
      node[name] = raw === null ? null : decoder.mapFromDriverValue(raw);
    }
    return result;
  };
}

// drizzle's own statement runner (what db.execute and a select's execute call), given a name
interface Session {
  prepareQuery(
    query: { sql: string; params: unknown[] },
    fields: SelectedColumn[] | undefined,
    name: string | undefined,
    arrayMode: boolean,
    mapRows?: (rows: unknown[][]) => unknown,
  ): {
    execute(values?: Record<string, unknown>): Promise<unknown>;
    joinsNotNullableMap?: Record<string, boolean>;
  };
}
type Dialect = Record<'casing' | 'escapeName' | 'escapeString' | 'prepareTyping', unknown>;
const internals = (db: Db) => db as unknown as { session: Session; dialect: Dialect };

// NUL cannot occur in a Postgres statement, so it marks where drizzle put each parameter
const PARAM = '\0';

function toStatement(db: Db, query: SQL): Statement {
  const { casing, escapeName, escapeString, prepareTyping } = internals(db).dialect;
  const built = query.toQuery({
    casing,
    escapeName,
    escapeString,
    prepareTyping,
    escapeParam: () => PARAM,
  } as unknown as Parameters<SQL['toQuery']>[0]);
  return { chunks: built.sql.split(PARAM), params: built.params };
}

function textOf(chunks: readonly string[], offset = 0): string {
  let text = chunks[0] ?? '';
  for (let i = 1; i < chunks.length; i++) text += `$${offset + i}${chunks[i]}`;
  return text;
}

/**
 * Template reads (and shared statements made only of them) run as named statements, which
 * Postgres parses once per connection and, after five runs, may execute with a generic plan. Only
 * templates: an aggregate over a skewed column (an entity page's timeline or co-mentions) ran half
 * as fast again on the generic plan Postgres chose for it. A connection keeps every statement it
 * prepared until it closes, so only a text seen a few times is named, and at most MAX_NAMED of
 * them. Process-wide because Postgres's connections are: a name always stands for the same text.
 */
const MAX_NAMED = 200;
const ADMIT_AFTER = 3;
const named = new Map<string, string>();
const seen = new Map<string, number>();

function statementName(text: string): string | undefined {
  const name = named.get(text);
  if (name || named.size >= MAX_NAMED) return name;
  const times = (seen.get(text) ?? 0) + 1;
  if (times < ADMIT_AFTER) {
    if (seen.size >= 10 * MAX_NAMED) seen.clear();
    seen.set(text, times);
    return undefined;
  }
  seen.delete(text);
  const hash = `qg_${createHash('sha1').update(text).digest('base64url')}`;
  named.set(text, hash);
  return hash;
}

function run(
  db: Db,
  text: string,
  params: unknown[],
  named: boolean,
  decodeRow?: DecodeRow,
  values?: Record<string, unknown>,
): Promise<unknown> {
  const prepared = internals(db).session.prepareQuery(
    { sql: text, params },
    undefined,
    named ? statementName(text) : undefined,
    decodeRow !== undefined,
    decodeRow && ((rows) => rows.map(decodeRow)),
  );
  return prepared.execute(values);
}

/**
 * `column = any($1)`: one parameter for the whole list, so a statement's text (and its name) is
 * the same for one key or twenty, where `in ($1, …, $n)` is a new statement for each length.
 */
export function anyOf(column: AnyColumn | SQL, values: readonly (number | string)[]): SQL {
  const type = typeof values[0] === 'string' ? 'text[]' : 'int[]';
  return sql`${column} = any(${sql.param([...values])}::${sql.raw(type)})`;
}

/** anyOf for a template: the list is the placeholder `name`. */
export function anyOfPlaceholder(column: AnyColumn | SQL, name: string, type: 'int' | 'text'): SQL {
  return sql`${column} = any(${sql.placeholder(name)}::${sql.raw(type)}[])`;
}

const combiners = new WeakMap<Db, DataLoader<Read, unknown>>();

/**
 * A Db for one request's reads: `execute` joins the other reads of the tick, and so do
 * `selectShared(db, builder)` and `selectTemplate`. Writes must go through the plain Db (a
 * subquery cannot write).
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
    const json = toStatement(db, sql`(select coalesce(json_agg(t), '[]'::json) from (${q}) t)`);
    return combiner.load({
      json: () => json,
      params: json.params,
      decode: (rows) => ({ rows }),
      alone: () => {
        const plain = toStatement(db, q);
        return run(db, textOf(plain.chunks), plain.params, false);
      },
    });
  }) as Db['execute'];
  combiners.set(shared, combiner);
  return shared;
}

interface Compiled {
  decodeRow: DecodeRow;
  plain: Statement;
  json: Statement;
}

function compile(db: Db, query: SelectBuilder<unknown>): Compiled {
  // drizzle keeps a select's fields and outer-join map on the builder; they decode its rows
  const { config, joinsNotNullableMap } = query as unknown as {
    config: { fields: Record<string, unknown> };
    joinsNotNullableMap: Record<string, boolean>;
  };
  const fields = orderSelectedFields(config.fields);
  const names = fields.map((_, i) => sql.raw(`c${i}`));
  const q = query.getSQL();
  return {
    decodeRow: rowDecoder(fields, joinsNotNullableMap),
    plain: toStatement(db, q),
    json: toStatement(
      db,
      sql`(select coalesce(json_agg(json_build_array(${sql.join(names, sql`, `)})), '[]'::json)
      from (${q}) t(${sql.join(names, sql`, `)}))`,
    ),
  };
}

function load<T>(db: Db, compiled: Compiled, values: Record<string, unknown> | undefined, key?: string) {
  const { decodeRow, plain, json } = compiled;
  const alone = () => run(db, textOf(plain.chunks), plain.params, key !== undefined, decodeRow, values);
  const combiner = combiners.get(db);
  if (!combiner) return alone() as Promise<T[]>;
  return combiner.load({
    key,
    json: () => json,
    params: values ? fillPlaceholders(json.params, values) : json.params,
    decode: (rows) => (rows as unknown[][]).map(decodeRow),
    alone,
  }) as Promise<T[]>;
}

/** Runs a drizzle select, in the tick's shared statement when `db` is a shared-statement Db. */
export function selectShared<T>(db: Db, query: SelectBuilder<T>): Promise<T[]> {
  if (!combiners.has(db)) return Promise.resolve(query);
  return load<T>(db, compile(db, query), undefined);
}

/**
 * A read of a fixed shape whose values are `sql.placeholder`s: its SQL is built once, not on
 * every request (building SQL was a fifth of a simple page's CPU), and the shared statements it
 * joins are cached by the templates they combine.
 */
export interface ReadTemplate<T> {
  key: string;
  build(db: Db): SelectBuilder<T>;
  compiled?: { many: Compiled; one?: Compiled; lists: Set<string> };
}

let templates = 0;

export function readTemplate<T>(build: (db: Db) => SelectBuilder<T>): ReadTemplate<T> {
  templates += 1;
  return { key: `t${templates}`, build };
}

export function selectTemplate<T>(
  db: Db,
  template: ReadTemplate<T>,
  values: Record<string, unknown>,
): Promise<T[]> {
  template.compiled ??= withOneKeyVariant(compile(db, template.build(db)));
  const { many, one, lists } = template.compiled;
  const single = one && [...lists].every((name) => (values[name] as unknown[] | undefined)?.length === 1);
  if (!single) return load<T>(db, many, values, template.key);
  const scalars = { ...values };
  for (const name of lists) scalars[name] = (values[name] as unknown[])[0];
  return load<T>(db, one, scalars, `${template.key}.1`);
}

// how anyOfPlaceholder's `= any($n::type[])` reads between the chunks around its parameter
const ANY_BEFORE = '= any(';
const ANY_AFTER = /^::(int|text)\[\]\)/;

/**
 * A list of one key (an entity page's entity, its one page) goes as a scalar, `= $n::int`:
 * Postgres estimates an array parameter of unknown length as many rows and so plans such a
 * statement afresh on every execution, where with scalars it settles on one plan after a few.
 */
function withOneKeyVariant(many: Compiled): { many: Compiled; one?: Compiled; lists: Set<string> } {
  const lists = new Set<string>();
  const scalar = (statement: Statement): Statement => {
    const chunks = [...statement.chunks];
    statement.params.forEach((param, k) => {
      const after = ANY_AFTER.exec(chunks[k + 1] ?? '');
      const before = chunks[k] ?? '';
      if (!is(param, Placeholder) || !after || !before.endsWith(ANY_BEFORE)) return;
      lists.add(param.name);
      chunks[k] = `${before.slice(0, -ANY_BEFORE.length)}= `;
      chunks[k + 1] = `::${after[1]}${(chunks[k + 1] ?? '').slice(after[0].length)}`;
    });
    return { chunks, params: statement.params };
  };
  const one = { ...many, plain: scalar(many.plain), json: scalar(many.json) };
  return lists.size ? { many, one, lists } : { many, lists };
}

const MAX_COMBINED = 500;
const combinedTexts = new Map<string, string>();

function combinedText(reads: readonly Read[]): string {
  const keys = reads.every((read) => read.key) ? reads.map((read) => read.key).join(',') : undefined;
  const cached = keys && combinedTexts.get(keys);
  if (cached) return cached;
  let offset = 0;
  const columns = reads.map((read, i) => {
    const { chunks } = read.json();
    const column = `${textOf(chunks, offset)} as r${i}`;
    offset += chunks.length - 1;
    return column;
  });
  const text = `select ${columns.join(', ')}`;
  if (keys && combinedTexts.size < MAX_COMBINED) combinedTexts.set(keys, text);
  return text;
}

async function runTogether(db: Db, reads: readonly Read[]): Promise<unknown[]> {
  const [only] = reads;
  if (reads.length === 1 && only) return [await only.alone()];
  const result = await run(
    db,
    combinedText(reads),
    reads.flatMap((read) => read.params),
    reads.every((read) => read.key),
  );
  const row = (result as { rows: Record<string, unknown>[] }).rows[0] ?? {};
  return reads.map((read, i) => {
    const value = row[`r${i}`];
    return read.decode((typeof value === 'string' ? JSON.parse(value) : value) as unknown[]);
  });
}
