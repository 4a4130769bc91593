import { env } from '../env';
import { collectArticleFiles, readArticleItems } from '../services/ingest-files';
import { JobQueue, jobQueueSettings } from '../services/jobs';

/** Jobs inserted per statement: a few MB of articles at most. */
const CHUNK = 200;

/**
 * `npm run ingest -- --queue PATH...`: puts the articles in the job queue for `npm run worker`
 * processes instead of storing them here.
 */
export async function enqueueArticleFiles(paths: string[]): Promise<number> {
  if (!paths.length) {
    console.error(
      'usage: npm run ingest -- --queue PATH... (files or folders of .txt .md .html .json .jsonl)',
    );
    return 2;
  }
  const queue = new JobQueue(jobQueueSettings(env(), 'npm run ingest -- --queue'), 'client');
  try {
    const files = await collectArticleFiles(paths);
    let queued = 0;
    let chunk: Awaited<ReturnType<typeof readArticleItems>> = [];
    const flush = async () => {
      await queue.enqueue(chunk.map((item) => ({ ...item.input, source: item.source })));
      queued += chunk.length;
      chunk = [];
    };
    for (const file of files) {
      chunk.push(...(await readArticleItems(file)));
      if (chunk.length >= CHUNK) await flush();
    }
    if (chunk.length) await flush();
    console.log(`${queued} queued for npm run worker`);
    return 0;
  } finally {
    await queue.stop();
  }
}
