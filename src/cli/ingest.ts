import { SingleBar } from 'cli-progress';
import { env } from '../env';
import { openAppDatabase } from '../services/bootstrap';
import {
  collectArticleFiles,
  type IngestOutcome,
  ingestItems,
  readArticleItems,
} from '../services/ingest-files';
import { enqueueArticleFiles } from './ingest-queue';
import { runCommand } from './run-command';

const usage =
  'usage: npm run ingest -- [--concurrency N] [--batch-size B] PATH... (files or folders of .txt .md .html .json .jsonl)';

const NUMBER_OPTIONS = {
  concurrency: { fallback: 1, max: 64, what: 'batches stored at once' },
  'batch-size': { fallback: 100, max: 1000, what: 'articles per transaction' },
} as const;

/** `--concurrency N` and `--batch-size B`, and the paths. */
function parseArgs(args: string[]): { paths: string[]; concurrency: number; batchSize: number } | null {
  const values: Record<string, number> = {};
  const paths: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const name = args[i]?.replace(/^--/, '') as keyof typeof NUMBER_OPTIONS;
    const option = args[i]?.startsWith('--') ? NUMBER_OPTIONS[name] : undefined;
    if (!option) {
      paths.push(args[i] as string);
      continue;
    }
    const value = Number(args[++i]);
    if (!Number.isInteger(value) || value < 1 || value > option.max) {
      console.error(
        `--${name}: must be a whole number from 1 to ${option.max} (got ${args[i] ?? 'nothing'})`,
      );
      return null;
    }
    values[name] = value;
  }
  return {
    paths,
    concurrency: values.concurrency ?? NUMBER_OPTIONS.concurrency.fallback,
    batchSize: values['batch-size'] ?? NUMBER_OPTIONS['batch-size'].fallback,
  };
}

async function main(args: string[]): Promise<number> {
  if (args.includes('--queue') && !args.includes('--help')) {
    return enqueueArticleFiles(args.filter((a) => a !== '--queue'));
  }
  const parsed = parseArgs(args);
  if (!parsed) return 2;
  const { paths, concurrency, batchSize } = parsed;
  if (!paths.length || paths.includes('--help')) {
    console.error(usage);
    return 2;
  }
  const files = await collectArticleFiles(paths);
  const log = (m: string) => console.error(m);
  const database = await openAppDatabase(env(), log);
  const items = (await Promise.all(files.map(readArticleItems))).flat();
  const bar = process.stderr.isTTY
    ? new SingleBar({
        format: 'ingesting [{bar}] {value}/{total} articles, {rate} articles/s, {eta_formatted} left',
        stream: process.stderr,
        etaBuffer: 2000,
      })
    : null;
  const started = Date.now();
  bar?.start(items.length, 0, { rate: '0.0' });
  let outcomes: IngestOutcome[];
  try {
    // The next batch is extracted while one is stored, on either database; on the embedded one
    // (one connection) the transactions take turns.
    outcomes = await ingestItems(database.db, items, {
      batchSize,
      concurrency,
      onProgress: (done) =>
        bar?.update(done, { rate: ((done / Math.max(1, Date.now() - started)) * 1000).toFixed(1) }),
    });
  } finally {
    bar?.stop();
    await database.close();
  }
  const by = (status: IngestOutcome['status']) => outcomes.filter((o) => o.status === status);
  const failed = by('failed');
  console.log(`${by('new').length} new, ${by('unchanged').length} unchanged, ${failed.length} failed`);
  for (const f of failed) console.log(`  failed ${f.source}: ${f.reason}`);
  return failed.length ? 1 : 0;
}

runCommand(main);
