import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { generateArticles } from '../../bench/articles';
import type { Database } from '../../src/db/client';
import { articles } from '../../src/db/schema';
import { JobQueue } from '../../src/services/jobs';
import { openTestDatabase, testDriver } from '../support/database';
import { waitFor } from '../support/wait';

const ARTICLES = 240;
const workerScript = fileURLToPath(new URL('../../src/cli/worker.ts', import.meta.url));

let database: Database & { url?: string };

beforeAll(async () => {
  database = await openTestDatabase();
});

afterAll(() => database.close());

/** `npm run worker` as its own process, on the test's database. */
function startWorker(url: string): ChildProcess & { exited: Promise<NodeJS.Signals | number | null> } {
  const child = spawn(process.execPath, ['--import', 'tsx', workerScript, '--batch-size', '3'], {
    env: {
      ...process.env,
      DATABASE_URL: url,
      JOB_SUPERVISE_SECONDS: '2',
      // two workers and jest share the machine
      EXTRACTION_WORKERS: '1',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) =>
    child.on('exit', (code, signal) => resolve(signal ?? code)),
  );
  return Object.assign(child, { exited });
}

if (testDriver !== 'postgres') {
  test.skip('worker processes need a Postgres server: the embedded database is one process’s (set TEST_DATABASE_URL)', () => {});
} else {
  test(
    'two workers drain the queue while one is killed with SIGKILL: every article stored exactly once',
    async () => {
      const url = database.url as string;
      // a job held by the killed worker comes back after timeoutSeconds
      const queue = new JobQueue(
        { url, attempts: 5, timeoutSeconds: 90, superviseSeconds: 2, retryDelaySeconds: 1 },
        'client',
      );
      const generated = [...generateArticles({ articles: ARTICLES, seed: 21 })];
      await queue.enqueue(
        generated.map((a, i) => ({ content: a.content, format: 'markdown', source: `#${i}` })),
      );

      const doomed = startWorker(url);
      const survivor = startWorker(url);
      try {
        await waitFor('a first batch of articles to be stored', async () =>
          (await queue.counts()).completed >= 30 ? true : undefined,
        );
        doomed.kill('SIGKILL');
        expect(await doomed.exited).toBe('SIGKILL');

        const counts = await waitFor(
          'the queue to be drained',
          async () => {
            const c = await queue.counts();
            return c.waiting + c.active === 0 ? c : undefined;
          },
          15 * 60_000,
        );
        expect(counts).toEqual({ waiting: 0, active: 0, completed: ARTICLES, failed: 0 });

        const rows = await database.db
          .select({ url: articles.url, copies: sql<number>`count(*)::int` })
          .from(articles)
          .groupBy(articles.url);
        expect(rows.filter((r) => r.copies !== 1)).toEqual([]);
        expect(rows.map((r) => r.url).sort()).toEqual(generated.map((a) => a.url).sort());

        survivor.kill('SIGTERM');
        expect(await survivor.exited).toBe(0);
      } finally {
        doomed.kill('SIGKILL');
        survivor.kill('SIGKILL');
        await queue.stop();
      }
    },
    20 * 60_000,
  );
}
