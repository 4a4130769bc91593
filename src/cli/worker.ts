import { env } from '../env';
import { openAppDatabase } from '../services/bootstrap';
import { EchoCache } from '../services/echoes';
import { JobQueue, jobQueueSettings, type SettledJob } from '../services/jobs';
import { createQuoteEvents } from '../services/quote-events';
import { runCommand } from './run-command';

const usage = 'usage: npm run worker -- [--batch-size N] [--concurrency N] [--grace-seconds S]';

interface WorkerArgs {
  batchSize: number;
  concurrency: number;
  graceSeconds: number;
}

function parseArgs(args: string[]): WorkerArgs | string {
  const parsed: WorkerArgs = { batchSize: 5, concurrency: 2, graceSeconds: 30 };
  const limits: Record<string, [keyof WorkerArgs, number, number]> = {
    '--batch-size': ['batchSize', 1, 100],
    '--concurrency': ['concurrency', 1, 16],
    '--grace-seconds': ['graceSeconds', 1, 3_600],
  };
  for (let i = 0; i < args.length; i += 2) {
    const limit = limits[args[i] as string];
    if (!limit) return `${args[i]}: not an option\n${usage}`;
    const [key, min, max] = limit;
    const value = Number(args[i + 1]);
    if (!Number.isInteger(value) || value < min || value > max) {
      return `${args[i]}: must be a whole number from ${min} to ${max} (got ${args[i + 1] ?? 'nothing'})`;
    }
    parsed[key] = value;
  }
  return parsed;
}

/** Counts what the worker stored and prints a line every few seconds while anything changes. */
function progressReporter(queue: JobQueue) {
  const totals = { new: 0, unchanged: 0, retrying: 0, failed: 0 };
  let last = { key: '', done: 0, at: Date.now() };
  const report = async (always: boolean) => {
    const counts = await queue.counts().catch(() => null);
    const done = totals.new + totals.unchanged;
    const state =
      `${done} stored (${totals.new} new, ${totals.unchanged} unchanged), ` +
      `${totals.retrying} to retry, ${totals.failed} failed` +
      (counts ? `; queue: ${counts.waiting} waiting, ${counts.active} active, ${counts.failed} failed` : '');
    if (state === last.key && !always) return;
    const rate = ((done - last.done) / Math.max(1, Date.now() - last.at)) * 1000;
    console.log(`worker: ${state}; ${rate.toFixed(1)} articles/s since the last line`);
    last = { key: state, done, at: Date.now() };
  };
  const timer = setInterval(() => void report(false), 5_000);
  return {
    onSettled(jobs: SettledJob[]) {
      for (const job of jobs) {
        if (job.outcome.ok) totals[job.outcome.result.status]++;
        else {
          totals[job.final ? 'failed' : 'retrying']++;
          const what = job.source ?? `job ${job.id}`;
          console.log(`${job.final ? 'failed' : 'will retry'} ${what}: ${job.outcome.message}`);
        }
      }
    },
    async stop() {
      clearInterval(timer);
      await report(true);
    },
  };
}

async function main(args: string[]): Promise<number> {
  if (args.includes('--help')) {
    console.error(usage);
    return 2;
  }
  const parsed = parseArgs(args);
  if (typeof parsed === 'string') {
    console.error(parsed);
    return 2;
  }
  const config = env();
  const settings = jobQueueSettings(config, 'npm run worker');
  const log = (m: string) => console.error(m);
  const database = await openAppDatabase(config, log);
  const queue = new JobQueue({ ...settings, connections: parsed.concurrency + 2 }, 'worker');
  // quotes stored here reach subscribers of API processes only through Redis
  const events = config.REDIS_URL ? createQuoteEvents(config.REDIS_URL) : null;
  const progress = progressReporter(queue);
  const stopped = new Promise<string>((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });
  try {
    await queue.work(database.db, {
      batchSize: parsed.batchSize,
      concurrency: parsed.concurrency,
      // one worker process stores into one database: the echo step's texts are kept between batches
      ingest: {
        echoCache: new EchoCache(),
        onQuoteAdded: events ? (q) => events.publish('quoteAdded', q) : undefined,
      },
      onSettled: progress.onSettled,
    });
    console.log(
      `worker: draining the ingest queue (${parsed.concurrency} × batches of ${parsed.batchSize}); SIGTERM or Ctrl-C stops it`,
    );
    const signal = await stopped;
    console.log(`${signal}: finishing the articles in hand (up to ${parsed.graceSeconds} s)…`);
    // a second signal does not wait
    const again = () => process.exit(130);
    process.once('SIGINT', again);
    process.once('SIGTERM', again);
  } finally {
    await queue.stop(parsed.graceSeconds);
    await progress.stop();
    await events?.close();
    await database.close();
  }
  return 0;
}

runCommand(main);
