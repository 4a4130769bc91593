import { readFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import type { Logger } from 'drizzle-orm/logger';
import { drizzle } from 'drizzle-orm/pglite';
import pg from 'pg';
import { type Database, type Db, openDatabase, schema } from '../../src/db/client';
import { pgliteDumpPath, templateDatabase, testDatabasePrefix, withDatabase } from './paths';

export type TestDriver = 'pglite' | 'postgres';

export const testDriver: TestDriver =
  process.env.QUOTEGRAPH_TEST_DRIVER === 'postgres' ? 'postgres' : 'pglite';

/** Counts the SQL statements a piece of work sends, through drizzle's logger. */
export class StatementCounter implements Logger {
  statements: string[] = [];
  logQuery(query: string): void {
    this.statements.push(query);
  }
  reset(): void {
    this.statements = [];
  }
  get count(): number {
    return this.statements.length;
  }
}

/**
 * PGlite as openDatabase makes it (the same extensions and statement timeout), with a smaller
 * buffer pool: starting a backend clears every shared buffer, and PostgreSQL's default 128 MB made
 * a third of the time a test file spent opening its database; a test database holds a few MB.
 */
export async function openTestPglite(
  options: { loadDataDir?: Blob; logger?: Logger } = {},
): Promise<Database & { client: PGlite }> {
  const client = new PGlite({
    loadDataDir: options.loadDataDir,
    extensions: { pg_trgm, unaccent },
    startParams: [...PGlite.defaultStartParams, '-c', 'shared_buffers=16MB'],
  });
  await client.waitReady;
  await client.exec('SET statement_timeout = 10000');
  const db = drizzle(client, { schema, logger: options.logger }) as unknown as Db;
  return { db, driver: 'pglite', client, close: () => client.close() };
}

/**
 * The migrated dump (prepare-databases.ts) as PGlite's loadDataDir. PGlite reads it with
 * arrayBuffer(); on a Blob made from the file, Node reads its 40 MB back in small chunks and joins
 * them (1.4 s of CPU a test file in a profile of tests/db/migrate.test.ts), so this hands over the
 * file's own bytes instead.
 */
export function migratedDump(): Blob {
  const bytes = readFileSync(pgliteDumpPath);
  const buffer =
    bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength
      ? bytes.buffer
      : bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  return { type: '', size: bytes.byteLength, arrayBuffer: async () => buffer } as unknown as Blob;
}

let serial = 0;

/**
 * A database of the test file's own, already migrated: a PGlite loaded from the migrated dump,
 * or on the server a copy of the migrated template database, dropped at the end of the run.
 */
export async function openTestDatabase(
  options: { logger?: Logger } = {},
): Promise<Database & { url?: string }> {
  if (testDriver === 'pglite') {
    return openTestPglite({ loadDataDir: migratedDump(), logger: options.logger });
  }
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('QUOTEGRAPH_TEST_DRIVER=postgres needs TEST_DATABASE_URL');
  const run = process.env.QUOTEGRAPH_TEST_RUN;
  const name = `${run ? testDatabasePrefix(run) : 'quotegraph_test_'}${process.pid}_${Date.now().toString(36)}_${serial++}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name} template ${templateDatabase}`);
  const database = await openDatabase({
    url: withDatabase(url, name),
    poolSize: 4,
    logger: options.logger,
    // dropping the database below ends connections the pool may still be closing
    onPoolError: () => {},
  });
  return {
    ...database,
    url: withDatabase(url, name),
    close: async () => {
      await database.close();
      // within a jest run the global teardown drops the run's databases all at once (dropTestDatabases)
      if (!run) await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}
