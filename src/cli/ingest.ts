import { SingleBar } from 'cli-progress';
import { env } from '../env';
import { openAppDatabase } from '../services/bootstrap';
import {
  collectArticleFiles,
  type IngestOutcome,
  ingestItem,
  readArticleItems,
} from '../services/ingest-files';
import { enqueueArticleFiles } from './ingest-queue';
import { runCommand } from './run-command';

const usage =
  'usage: npm run ingest -- [--concurrency N] PATH... (files or folders of .txt .md .html .json .jsonl)';

/** `--concurrency N`: how many articles are stored at once (default 1), and the other arguments. */
function parseArgs(args: string[]): { paths: string[]; concurrency: number } | null {
  const at = args.indexOf('--concurrency');
  if (at < 0) return { paths: args, concurrency: 1 };
  const concurrency = Number(args[at + 1]);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) {
    console.error(`--concurrency: must be a whole number from 1 to 64 (got ${args[at + 1] ?? 'nothing'})`);
    return null;
  }
  return { paths: args.filter((_, i) => i !== at && i !== at + 1), concurrency };
}

async function main(args: string[]): Promise<number> {
  if (args.includes('--queue') && !args.includes('--help')) {
    return enqueueArticleFiles(args.filter((a) => a !== '--queue'));
  }
  const parsed = parseArgs(args);
  if (!parsed) return 2;
  const { paths, concurrency } = parsed;
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
      })
    : null;
  const started = Date.now();
  bar?.start(items.length, 0, { rate: '0.0' });
  const outcomes: IngestOutcome[] = [];
  let next = 0;
  let done = 0;
  // Each lane stores one article at a time; while one waits on the database another extracts.
  // Outcomes are reported in the order of the files whatever order they finish in.
  const lane = async () => {
    while (next < items.length) {
      const index = next++;
      outcomes[index] = await ingestItem(database.db, items[index] as (typeof items)[number]);
      done++;
      bar?.update(done, { rate: ((done / Math.max(1, Date.now() - started)) * 1000).toFixed(1) });
    }
  };
  try {
    // the embedded database is one connection: its transactions would only queue
    const lanes = database.driver === 'pglite' ? 1 : concurrency;
    if (lanes < concurrency) log('--concurrency: the embedded database stores one article at a time');
    await Promise.all(Array.from({ length: Math.min(lanes, items.length) }, lane));
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
