import { readFileSync } from 'node:fs';
import type { Logger } from 'drizzle-orm/logger';
import pg from 'pg';
import { type Database, openDatabase } from '../../src/db/client';
import { pgliteDumpPath, templateDatabase, withDatabase } from './paths';

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

let serial = 0;

/**
 * A database of the test file's own, already migrated: a PGlite loaded from the migrated dump,
 * or on the server a copy of the migrated template database, dropped on close.
 */
export async function openTestDatabase(
  options: { logger?: Logger } = {},
): Promise<Database & { url?: string }> {
  if (testDriver === 'pglite') {
    const dump = new Blob([readFileSync(pgliteDumpPath)]);
    return openDatabase({ loadDataDir: dump, logger: options.logger });
  }
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('QUOTEGRAPH_TEST_DRIVER=postgres needs TEST_DATABASE_URL');
  const name = `quotegraph_test_${process.pid}_${Date.now().toString(36)}_${serial++}`;
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
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}
