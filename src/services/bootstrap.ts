import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
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
    try {
      await migrate(database);
    } catch (error) {
      await database.close().catch(() => {});
      throw new Error(
        `Cannot use the Postgres database at ${redact(env.DATABASE_URL)}: ${rootCause(error)}. Check DATABASE_URL.`,
      );
    }
    return database;
  }
  const fresh = !existsSync(env.DATA_DIR);
  await mkdir(env.DATA_DIR, { recursive: true });
  const unlock = lockDataDir(env.DATA_DIR);
  log(
    fresh
      ? `Creating the embedded database (PGlite) in ${env.DATA_DIR}: the first start takes from ten seconds to a minute…`
      : `Opening the embedded database (PGlite) in ${env.DATA_DIR}…`,
  );
  try {
    const database = await openDatabase({
      dataDir: env.DATA_DIR,
      statementTimeoutMs: env.STATEMENT_TIMEOUT_MS,
    });
    log('Applying migrations…');
    await migrate(database);
    return {
      ...database,
      close: async () => {
        await database.close();
        unlock();
      },
    };
  } catch (error) {
    unlock();
    throw error;
  }
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

/**
 * PGlite is one process's database: a second process opening the same folder would corrupt it.
 * A lock file with the owner's pid turns that into a clear error; a dead owner's lock is taken over.
 */
function lockDataDir(dataDir: string): () => void {
  const lockPath = join(dataDir, 'quotegraph.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(lockPath, String(process.pid), { flag: 'wx' });
      return () => rmSync(lockPath, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = dataDirOwner(dataDir);
      if (owner !== null) {
        throw new Error(
          `The embedded database in ${dataDir} is in use by another Quotegraph process (pid ${owner}). ` +
            'Stop it first (PGlite serves one process), or set DATABASE_URL to use a Postgres server.',
        );
      }
      rmSync(lockPath, { force: true });
    }
  }
  throw new Error(`could not lock ${lockPath}`);
}

/** The pid of the live process that holds the embedded database in `dataDir`, if any other does. */
export function dataDirOwner(dataDir: string): number | null {
  let owner: number;
  try {
    owner = Number(readFileSync(join(dataDir, 'quotegraph.lock'), 'utf8'));
  } catch {
    return null;
  }
  return Number.isInteger(owner) && owner !== process.pid && isAlive(owner) ? owner : null;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}

/**
 * What actually went wrong under drizzle's "Failed query: …" wrapper: the server's own message
 * ("database "x" does not exist", "role "y" does not exist") or the connection error's code.
 */
export function rootCause(error: unknown): string {
  let e: unknown = error;
  for (let depth = 0; depth < 5; depth++) {
    const { cause, errors } = e as { cause?: unknown; errors?: unknown[] };
    if (errors?.length) e = errors[0];
    else if (cause) e = cause;
    else break;
  }
  const { message, code } = e as { message?: string; code?: string };
  const text = message || code || String(e);
  return code === 'ECONNREFUSED' ? `no server answers there (${text})` : text;
}
