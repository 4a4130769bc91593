import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { count } from 'drizzle-orm';
import type { Database } from '../../src/db/client';
import { articles } from '../../src/db/schema';
import { JobQueue } from '../../src/services/jobs';
import { openTestDatabase, testDriver } from '../support/database';

const run = promisify(execFile);
const root = new URL('../..', import.meta.url).pathname;
const work = mkdtempSync(join(tmpdir(), 'quotegraph-queue-cli-'));
let server: (Database & { url?: string }) | undefined;

beforeAll(async () => {
  if (testDriver === 'postgres') server = await openTestDatabase();
  for (const n of [1, 2]) {
    writeFileSync(
      join(work, `article-${n}.md`),
      `# Harbor Talks Resume ${n}\n\nAnna Ortiz, the mayor, said: "We will reopen the harbor in ${n} weeks."\n`,
    );
  }
});

afterAll(async () => {
  await server?.close();
  rmSync(work, { recursive: true, force: true });
});

/** A command as a user runs it: on the test's server, or on a PGlite data folder. */
async function cli(script: string, args: string[]) {
  const env = server?.url ? { DATABASE_URL: server.url } : { DATA_DIR: join(work, 'data') };
  return run(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: root,
    env: { ...process.env, ...env },
  }).then(
    (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({
      code: e.code,
      stdout: e.stdout,
      stderr: e.stderr,
    }),
  );
}

if (testDriver === 'pglite') {
  test('on the embedded database --queue and the worker say the queue needs a Postgres server', async () => {
    const [queued, worker] = await Promise.all([
      cli('src/cli/ingest.ts', ['--queue', work]),
      cli('src/cli/worker.ts', []),
    ]);
    expect(queued.code).toBe(1);
    expect(queued.stderr).toMatch(/^npm run ingest -- --queue needs a Postgres server \(set DATABASE_URL\)/);
    expect(worker.code).toBe(1);
    expect(worker.stderr).toMatch(/^npm run worker needs a Postgres server/);
  });
} else {
  test('npm run ingest -- --queue queues the articles and stores nothing itself', async () => {
    const url = server?.url as string;
    const result = await cli('src/cli/ingest.ts', ['--queue', work]);
    expect(result).toMatchObject({ code: 0, stdout: '2 queued for npm run worker\n' });
    const queue = new JobQueue({ url, attempts: 1, timeoutSeconds: 60, superviseSeconds: 60 }, 'client');
    try {
      expect(await queue.counts()).toEqual({ waiting: 2, active: 0, completed: 0, failed: 0 });
    } finally {
      await queue.stop();
    }
    const [stored] = await (server as Database).db.select({ n: count() }).from(articles);
    expect(stored?.n).toBe(0);
  });
}
