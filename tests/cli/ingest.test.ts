import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { count } from 'drizzle-orm';
import { type Database, openDatabase } from '../../src/db/client';
import { articles } from '../../src/db/schema';
import { migratedDump, openTestDatabase, testDriver } from '../support/database';

const run = promisify(execFile);
const root = new URL('../..', import.meta.url).pathname;
const work = mkdtempSync(join(tmpdir(), 'quotegraph-cli-'));
let server: (Database & { url?: string }) | undefined;

beforeAll(async () => {
  if (testDriver === 'postgres') server = await openTestDatabase();
  // the PGlite folder starts migrated, from the suite's dump: the CLI's first run skips initdb
  else
    await (
      await openDatabase({
        dataDir: join(work, 'data'),
        loadDataDir: migratedDump(),
      })
    ).close();
});

afterAll(async () => {
  await server?.close();
  rmSync(work, { recursive: true, force: true });
});

/** The database the CLI is pointed at, as a user would: a PGlite data folder, or a server URL. */
const cliEnv = (): Record<string, string> =>
  server?.url ? { DATABASE_URL: server.url } : { DATA_DIR: join(work, 'data') };

async function storedArticles(): Promise<number> {
  const database = server ?? (await openDatabase({ dataDir: join(work, 'data') }));
  try {
    return (await database.db.select({ n: count() }).from(articles))[0]?.n ?? 0;
  } finally {
    if (!server) await database.close();
  }
}

async function ingestCli(args: string[]) {
  // one extraction worker a process: these runs check what the CLI reports, not its speed
  return run(process.execPath, ['--import', 'tsx', 'src/cli/ingest.ts', ...args], {
    cwd: root,
    env: { ...process.env, ...cliEnv(), EXTRACTION_WORKERS: '1' },
  }).then(
    (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({
      code: e.code,
      stdout: e.stdout,
      stderr: e.stderr,
    }),
  );
}

test('npm run ingest stores a folder, reports new / unchanged / failed with reasons, and exits non-zero on failure', async () => {
  const folder = join(work, 'articles');
  mkdirSync(folder);
  const good = '# A minister speaks\n\n“We are ready,” Foreign Minister Jane Roe said on Monday.\n';
  writeFileSync(join(folder, 'good.md'), good);
  // the same article again under another name: stored once, reported unchanged
  writeFileSync(join(folder, 'good-copy.md'), good);
  writeFileSync(join(folder, 'broken.json'), '{"title": "Broken"');
  writeFileSync(
    join(folder, 'batch.jsonl'),
    `${JSON.stringify({ title: 'One', body: '“Yes,” said John Smith.' })}\n${JSON.stringify({ title: 'No body' })}\n`,
  );
  writeFileSync(join(folder, 'notes.csv'), 'not an article');

  const first = await ingestCli(['--concurrency', '2', folder]);
  expect(first.code).toBe(1);
  expect(first.stdout).toContain('2 new, 1 unchanged, 2 failed');
  expect(first.stdout).toMatch(/failed .*broken\.json: json: /);
  expect(first.stdout).toMatch(/failed .*batch\.jsonl:2: body: /);
  expect(await storedArticles()).toBe(2);

  const missing = await ingestCli([join(work, 'nope')]);
  expect(missing.code).toBe(1);
  expect(missing.stderr).toContain('no such file or folder');
  // CLI processes, each starting tsx and an extraction worker: slow on a busy CI machine
}, 300_000);

test('npm run ingest names a bad --concurrency and stores nothing', async () => {
  const bad = await ingestCli(['--concurrency', 'zero', work]);
  expect(bad.code).toBe(2);
  expect(bad.stderr).toContain('--concurrency: must be a whole number from 1 to 64 (got zero)');
});
