import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import type { Logger } from 'drizzle-orm/logger';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import * as relations from './relations';
import * as tables from './schema';

export const schema = { ...tables, ...relations };
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface Database {
  db: Db;
  driver: 'pglite' | 'postgres';
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** postgres:// URL of a server; without it the embedded PGlite is used. */
  url?: string;
  /** PGlite data folder; omitted means in memory. */
  dataDir?: string;
  /** A PGlite data dump (from dumpDataDir) to start from instead of running initdb. */
  loadDataDir?: Blob | File;
  statementTimeoutMs?: number;
  poolSize?: number;
  logger?: Logger;
  /** Called when an idle pooled connection fails (a server restart, a dropped database). */
  onPoolError?: (error: Error) => void;
}

export function createPglite(options: Pick<OpenDatabaseOptions, 'dataDir' | 'loadDataDir'> = {}): PGlite {
  return new PGlite({
    dataDir: options.dataDir,
    loadDataDir: options.loadDataDir,
    extensions: { pg_trgm, unaccent },
  });
}

export async function openDatabase(options: OpenDatabaseOptions = {}): Promise<Database> {
  const statementTimeoutMs = options.statementTimeoutMs ?? 10_000;
  if (options.url) {
    const pool = new pg.Pool({
      connectionString: options.url,
      max: options.poolSize ?? 10,
      statement_timeout: statementTimeoutMs,
    });
    // Without a listener an idle connection's error would crash the process; the pool replaces it.
    pool.on('error', options.onPoolError ?? ((error) => console.error(`postgres pool: ${error.message}`)));
    const db = drizzleNodePg(pool, { schema, logger: options.logger }) as unknown as Db;
    return { db, driver: 'postgres', close: () => pool.end() };
  }
  const client = createPglite(options);
  await client.waitReady;
  await client.exec(`SET statement_timeout = ${Math.floor(statementTimeoutMs)}`);
  const db = drizzlePglite(client, { schema, logger: options.logger }) as unknown as Db;
  return { db, driver: 'pglite', close: () => client.close() };
}
