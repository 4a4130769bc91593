import { SingleBar } from 'cli-progress';
import { env } from '../env';
import { openAppDatabase } from '../services/bootstrap';
import {
  collectArticleFiles,
  type IngestOutcome,
  ingestItem,
  readArticleItems,
} from '../services/ingest-files';

const usage = 'usage: npm run ingest -- PATH... (files or folders of .txt .md .html .json .jsonl)';

async function main(paths: string[]): Promise<number> {
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
        format: 'ingesting [{bar}] {value}/{total} articles, {eta}s left',
        stream: process.stderr,
      })
    : null;
  bar?.start(items.length, 0);
  const outcomes: IngestOutcome[] = [];
  try {
    for (const item of items) {
      outcomes.push(await ingestItem(database.db, item));
      bar?.increment();
    }
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

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
