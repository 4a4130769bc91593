import { sql } from 'drizzle-orm';
import type { Database } from '../../src/db/client';
import { migrate } from '../../src/db/migrate';
import { openTestDatabase } from '../support/database';

let database: Database;

beforeAll(async () => {
  database = await openTestDatabase();
});

afterAll(() => database.close());

const rows = async <T>(query: ReturnType<typeof sql>) =>
  ((await database.db.execute(query)) as unknown as { rows: T[] }).rows;

test('the migrations create every table of the data model, and running them again changes nothing', async () => {
  const before = await rows<{ table_name: string }>(
    sql`select table_name from information_schema.tables where table_schema = 'public' order by table_name`,
  );
  expect(before.map((r) => r.table_name)).toEqual([
    'api_keys',
    'articles',
    'edits',
    'entities',
    'entity_aliases',
    'entity_co_mentions',
    'entity_days',
    'entity_outlets',
    'entity_summaries',
    'mentions',
    'quote_about',
    'quote_echo_links',
    'quote_echoes',
    'quote_shingles',
    'quotes',
    'roles',
  ]);
  await migrate(database);
  const after = await rows<{ table_name: string }>(
    sql`select table_name from information_schema.tables where table_schema = 'public' order by table_name`,
  );
  expect(after).toEqual(before);
});

test('every foreign key has an index that starts with its column', async () => {
  const unindexed = await rows<{ fk: string }>(sql`
    select c.conrelid::regclass::text || '.' || a.attname as fk
    from pg_constraint c
    join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
    where c.contype = 'f' and c.connamespace = 'public'::regnamespace
      and not exists (
        select 1 from pg_index i where i.indrelid = c.conrelid and i.indkey[0] = c.conkey[1]
      )
    order by fk`);
  expect(unindexed).toEqual([]);
});

test('pg_trgm and unaccent are available for fuzzy matching', async () => {
  const [row] = await rows<{ s: number; u: string }>(
    sql`select similarity('zelenskyy', 'zelensky') as s, unaccent('Zelenskí') as u`,
  );
  expect(row?.s).toBeGreaterThan(0.5);
  expect(row?.u).toBe('Zelenski');
});
