import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { type Database, openDatabase } from '../db/client';
import { migrate } from '../db/migrate';
import { articles } from '../db/schema';
import type { Env } from '../env';
import { collectArticleFiles, ingestItem, readArticleItems } from './ingest-files';

export const examplesFolder = fileURLToPath(new URL('../../examples/articles', import.meta.url));

type Log = (message: string) => void;

/** Opens the configured database (a server, or PGlite in the data folder) and migrates it. */
export async function openAppDatabase(env: Env, log: Log): Promise<Database> {
  if (env.DATABASE_URL) {
    log(`Connecting to Postgres at ${redact(env.DATABASE_URL)}…`);
    const database = await openDatabase({
      url: env.DATABASE_URL,
      statementTimeoutMs: env.STATEMENT_TIMEOUT_MS,
      poolSize: env.DB_POOL_SIZE,
    });
    await migrate(database);
    return database;
  }
  const fresh = !existsSync(env.DATA_DIR);
  await mkdir(env.DATA_DIR, { recursive: true });
  log(
    fresh
      ? `Creating the embedded database (PGlite) in ${env.DATA_DIR}: the first start takes a few seconds…`
      : `Opening the embedded database (PGlite) in ${env.DATA_DIR}…`,
  );
  const database = await openDatabase({
    dataDir: env.DATA_DIR,
    statementTimeoutMs: env.STATEMENT_TIMEOUT_MS,
  });
  log('Applying migrations…');
  await migrate(database);
  return database;
}

/** On an empty database, stores the bundled example articles so that a first start has data. */
export async function loadExamplesIfEmpty(database: Database, log: Log): Promise<void> {
  const count = await database.db.$count(articles);
  if (count > 0) return;
  const files = await collectArticleFiles([examplesFolder]);
  log(`Loading ${files.length} example articles from examples/articles…`);
  for (const file of files) {
    for (const item of await readArticleItems(file)) {
      const outcome = await ingestItem(database.db, item);
      if (outcome.status === 'failed') log(`  ${outcome.source}: failed: ${outcome.reason}`);
    }
  }
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}
