import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { eq, sql } from 'drizzle-orm';
import pg from 'pg';
import type { Database } from '../../src/db/client';
import { articles, mentions, quotes } from '../../src/db/schema';
import { extract } from '../../src/ingest/extract';
import { ExtractionPool } from '../../src/services/extraction-pool';
import { createTestApp } from '../support/app';
import { openTestDatabase, testDriver } from '../support/database';
import { burstArticle } from './support/articles';

// A child process writing to a database of its own needs a server; PGlite is one process's.
const onServer = testDriver === 'postgres' ? test : test.skip;

let database: Database & { url?: string };

beforeAll(async () => {
  database = await openTestDatabase();
});

afterAll(() => database.close());

/** Every stored article holds exactly what extracting its stored body gives: nothing half-written. */
async function expectEveryArticleWhole() {
  const rows = await database.db.select({ id: articles.id, body: articles.body }).from(articles);
  for (const row of rows) {
    const extraction = extract(row.body);
    const [stored] = await database.db
      .select({
        quotes: sql<number>`(select count(*)::int from ${quotes} where ${quotes.articleId} = ${row.id})`,
        mentions: sql<number>`(select count(*)::int from ${mentions} where ${mentions.articleId} = ${row.id})`,
      })
      .from(articles)
      .where(eq(articles.id, row.id));
    expect({ id: row.id, ...stored }).toEqual({
      id: row.id,
      quotes: extraction.quotes.length,
      mentions: extraction.entities.reduce((n, e) => n + e.mentions.length, 0),
    });
  }
  return rows.length;
}

onServer('kill -9 in the middle of a burst of ingests leaves only whole articles', async () => {
  const script = fileURLToPath(new URL('./support/ingest-burst.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    env: { ...process.env, BURST_DATABASE_URL: database.url },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let stored = 0;
  await new Promise<void>((resolve, reject) => {
    child.on('exit', (code) => reject(new Error(`the ingesting process exited early (${code})`)));
    child.stdout.on('data', (chunk: Buffer) => {
      stored += chunk
        .toString()
        .split('\n')
        .filter((line) => line === 'new').length;
      if (stored >= 30) resolve();
    });
  });
  child.removeAllListeners('exit');
  const exited = new Promise((resolve) => child.on('exit', resolve));
  child.kill('SIGKILL');
  await exited;
  expect(await expectEveryArticleWhole()).toBeGreaterThanOrEqual(30);
});

onServer('the server ending every connection mid-burst costs only the ingests in flight', async () => {
  const pool = new ExtractionPool({ size: 2, timeoutMs: 30_000 });
  const api = createTestApp(database, { extraction: pool });
  const editor = await api.editorHeaders();
  const INGEST = `mutation($input: IngestArticleInput!) { ingestArticle(input: $input) { status } }`;
  const ingest = (i: number) =>
    api.request<{ ingestArticle: { status: string } }>(
      INGEST,
      { input: { ...burstArticle(i), format: 'JSON' } },
      editor,
    );
  const admin = new pg.Client({ connectionString: database.url });
  await admin.connect();
  try {
    const burst = Array.from({ length: 16 }, (_, i) => ingest(1000 + i));
    await admin.query(
      'select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()',
    );
    const results = await Promise.all(burst);
    for (const r of results) {
      if (r.errors)
        expect(r.errors).toEqual([
          expect.objectContaining({ extensions: { code: 'INTERNAL_SERVER_ERROR' } }),
        ]);
      else expect(r.data?.ingestArticle.status).toBe('NEW');
    }
    // the pool replaces the ended connections: the next requests work
    const after = await ingest(2000);
    expect(after.data?.ingestArticle.status).toBe('NEW');
    await expectEveryArticleWhole();
  } finally {
    await admin.end();
    await pool.close();
  }
});
