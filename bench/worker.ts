// npm run bench:worker [-- --articles N] [--workers W] [--batch-size B] [--concurrency C] [--seed S] [--keep]
//   [--kill-at F]
// Queues N generated articles (bench/articles.ts, default 10,000) in a scratch database of its own
// (quotegraph_perf_worker_* on BENCH_DATABASE_URL's server, default
// postgres://postgres@127.0.0.1:5432/postgres, dropped at the end unless --keep), starts W
// `npm run worker` processes (default 2) on it, and prints how long they take to drain the queue,
// the rate every 10% of the way, and whether every article was stored exactly once. With --kill-at F
// (0 < F < 1) the first worker is killed with SIGKILL once F × N jobs are done, and the others drain
// the rest, its jobs in hand included once they time out (JOB_TIMEOUT_SECONDS). Ctrl-C stops it
// early with the figures so far.
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { openDatabase } from '../src/db/client';
import { migrate } from '../src/db/migrate';
import { articles } from '../src/db/schema';
import { JobQueue } from '../src/services/jobs';
import { generateArticles } from './articles';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};
const articleCount = Number(arg('articles', '10000'));
const workers = Number(arg('workers', '2'));
const batchSize = arg('batch-size', '5');
const concurrency = arg('concurrency', '2');
const seed = Number(arg('seed', '7'));
const killAt = Number(arg('kill-at', '0'));
const workerScript = fileURLToPath(new URL('../src/cli/worker.ts', import.meta.url));

function startWorker(url: string): ChildProcess {
  return spawn(
    process.execPath,
    ['--import', 'tsx', workerScript, '--batch-size', batchSize, '--concurrency', concurrency],
    { env: { ...process.env, DATABASE_URL: url }, stdio: ['ignore', 'ignore', 'inherit'] },
  );
}

function exited(child: ChildProcess): Promise<unknown> | null {
  return child.exitCode !== null || child.signalCode !== null
    ? null
    : new Promise((resolve) => child.on('exit', resolve));
}

async function main(): Promise<void> {
  const server = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `quotegraph_perf_worker_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const u = new URL(server);
  u.pathname = `/${name}`;
  const url = u.toString();
  console.log(`database     ${url}`);
  const database = await openDatabase({ url, statementTimeoutMs: 120_000, onPoolError: () => {} });
  const queue = new JobQueue({ url, attempts: 3, timeoutSeconds: 300, superviseSeconds: 30 }, 'client');
  const children: ChildProcess[] = [];
  try {
    await migrate(database);
    let queued = 0;
    let chunk: { content: string; format: 'markdown'; source: string }[] = [];
    const enqueueStart = performance.now();
    for (const article of generateArticles({ articles: articleCount, seed })) {
      chunk.push({ content: article.content, format: 'markdown', source: `#${queued + chunk.length}` });
      if (chunk.length === 500) {
        await queue.enqueue(chunk);
        queued += chunk.length;
        chunk = [];
      }
    }
    await queue.enqueue(chunk);
    queued += chunk.length;
    const enqueueSeconds = (performance.now() - enqueueStart) / 1000;
    console.log(`enqueue      ${queued} articles in ${enqueueSeconds.toFixed(1)} s`);

    // Ctrl-C ends the run early: the figures so far, the check, then the scratch database is dropped
    let interrupted = false;
    process.once('SIGINT', () => {
      interrupted = true;
    });
    const start = performance.now();
    for (let i = 0; i < workers; i++) children.push(startWorker(url));
    let nextMark = 0.1;
    let mark = { done: 0, at: start };
    let firstAt: number | undefined;
    let killed = false;
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const counts = await queue.counts();
      const done = counts.completed + counts.failed;
      if (killAt > 0 && !killed && done >= articleCount * killAt) {
        children[0]?.kill('SIGKILL');
        killed = true;
        console.log(
          `kill -9      worker 1 of ${workers} after ${done} jobs done, ${counts.active} active (${((performance.now() - start) / 1000).toFixed(0)} s)`,
        );
      }
      if (done > 0 && firstAt === undefined) {
        firstAt = performance.now();
        console.log(`start        the first article stored after ${((firstAt - start) / 1000).toFixed(1)} s`);
        mark = { done, at: firstAt };
      }
      if (done >= articleCount * nextMark || counts.waiting + counts.active === 0) {
        const now = performance.now();
        const rate = ((done - mark.done) / (now - mark.at)) * 1000;
        console.log(
          `drain        ${done}/${articleCount} after ${((now - start) / 1000).toFixed(0)} s: ${rate.toFixed(1)} articles/s since the last line`,
        );
        mark = { done, at: now };
        while (done >= articleCount * nextMark) nextMark += 0.1;
      }
      if (interrupted) {
        console.log(
          `interrupted  ${done}/${articleCount} after ${((performance.now() - start) / 1000).toFixed(0)} s`,
        );
        break;
      }
      if (counts.waiting + counts.active === 0) {
        const end = performance.now();
        const seconds = (end - start) / 1000;
        // from the first stored article on: the workers' start (tsx, models) is not ingest time
        const steady = (articleCount / (end - (firstAt ?? start))) * 1000;
        console.log(
          `workers      ${workers} × (${concurrency} × batches of ${batchSize}) drained ${articleCount} articles in ${seconds.toFixed(1)} s: ${steady.toFixed(1)} articles/s after the first; ${counts.failed} failed`,
        );
        break;
      }
    }
    // stopped with SIGTERM, the workers finish the articles in hand before the check
    for (const child of children) child.kill('SIGTERM');
    await Promise.all(children.map(exited));
    const [stored] = await database.db
      .select({ rows: sql<number>`count(*)::int`, urls: sql<number>`count(distinct ${articles.url})::int` })
      .from(articles);
    const jobs = await queue.counts();
    console.log(
      `check        ${stored?.rows} articles stored, ${stored?.urls} distinct URLs (of ${articleCount} queued); jobs ${jobs.completed} completed, ${jobs.failed} failed, ${jobs.waiting} waiting, ${jobs.active} active`,
    );
  } finally {
    for (const child of children) child.kill('SIGTERM');
    await Promise.all(children.map(exited));
    await queue.stop();
    await database.close();
    if (!process.argv.includes('--keep')) await admin.query(`drop database ${name} with (force)`);
    await admin.end();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
