import { readdir, readFile, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import type { Db } from '../db/client';
import { EchoCache } from './echoes';
import {
  type BatchExtraction,
  extractBatch,
  type IngestInput,
  type IngestOptions,
  ingestArticle,
  storeBatch,
} from './ingest';

const ARTICLE_EXTENSIONS = new Set(['.txt', '.md', '.markdown', '.html', '.htm', '.json', '.jsonl']);

export interface IngestItem {
  source: string;
  input: IngestInput;
}

export interface IngestOutcome {
  source: string;
  status: 'new' | 'unchanged' | 'failed';
  reason?: string;
  quotes?: number;
}

/** Expands files and folders (recursively) into article files, in a stable order. */
export async function collectArticleFiles(paths: string[]): Promise<string[]> {
  const files: string[] = [];
  for (const path of paths) {
    const info = await stat(path).catch(() => null);
    if (!info) throw new Error(`${path}: no such file or folder`);
    if (info.isDirectory()) {
      const entries = (await readdir(path)).sort();
      const nested = await collectArticleFiles(
        entries.filter((e) => !e.startsWith('.')).map((e) => join(path, e)),
      ).catch(() => []);
      // a folder's README describes the articles; it is not one of them
      files.push(
        ...nested.filter(
          (f) => ARTICLE_EXTENSIONS.has(extname(f).toLowerCase()) && !/(^|\/)readme\.md$/i.test(f),
        ),
      );
    } else {
      files.push(path);
    }
  }
  return files;
}

/** Each article of a file: one per file, or one per line of a .jsonl file. */
export async function readArticleItems(file: string): Promise<IngestItem[]> {
  const content = await readFile(file, 'utf8');
  if (extname(file).toLowerCase() !== '.jsonl') return [{ source: file, input: { content, filename: file } }];
  return content
    .split('\n')
    .flatMap((line, i) =>
      line.trim() ? [{ source: `${file}:${i + 1}`, input: { content: line, format: 'json' as const } }] : [],
    );
}

export async function ingestItem(
  db: Db,
  item: IngestItem,
  options: IngestOptions = {},
): Promise<IngestOutcome> {
  try {
    const result = await ingestWithRetries(db, item, options);
    return { source: item.source, status: result.status, quotes: result.counts.quotes };
  } catch (error) {
    // a parse error's message names its field ("json: Unexpected end of JSON input")
    const reason = error instanceof Error ? error.message : String(error);
    return { source: item.source, status: 'failed', reason };
  }
}

/**
 * Articles stored side by side (--concurrency) can both create the same new entity or pick the same
 * slug; the one that loses sees the other committed when it tries again, and may lose another such
 * race in the meantime.
 */
async function ingestWithRetries(db: Db, item: IngestItem, options: IngestOptions, attempts = 5) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await ingestArticle(db, item.input, options);
    } catch (error) {
      const race = isUniqueViolation(error);
      if (attempt >= attempts || !race) throw error;
    }
  }
}

function isUniqueViolation(error: unknown): boolean {
  const code = (e: unknown) => (e as { code?: unknown } | null)?.code;
  return code(error) === '23505' || code((error as { cause?: unknown } | null)?.cause) === '23505';
}

export interface IngestItemsOptions extends IngestOptions {
  /** Articles stored per transaction (1: one at a time through ingestArticle). */
  batchSize?: number;
  /**
   * Batches stored at once (default 1). With 1 the stored result is the same as one article after
   * another; with more, batches stored at the same moment resolve their entities without seeing
   * each other's, as concurrent ingests do (`npm run resolve` settles them).
   */
  concurrency?: number;
  /** Called as articles finish, with how many have. */
  onProgress?(done: number): void;
}

/**
 * Ingests items in batches of `batchSize` articles (extractBatch, then storeBatch), `concurrency`
 * batches stored at a time, the batches after them extracted meanwhile so that extraction and
 * storing use the cores side by side. Outcomes come in the order of the items.
 */
export async function ingestItems(
  db: Db,
  items: IngestItem[],
  options: IngestItemsOptions = {},
): Promise<IngestOutcome[]> {
  const batchSize = options.batchSize ?? 1;
  const concurrency = options.concurrency ?? 1;
  // one run into one database: the echo step's texts are kept between its batches
  options = { ...options, echoCache: options.echoCache ?? new EchoCache() };
  const outcomes: IngestOutcome[] = [];
  const batches = Array.from({ length: Math.ceil(items.length / batchSize) }, (_, k) =>
    items.slice(k * batchSize, (k + 1) * batchSize),
  );
  const extractions = new Map<number, Promise<BatchExtraction[]>>();
  const extraction = (k: number) => {
    const batch = batches[k];
    if (!batch || batchSize === 1) return;
    if (!extractions.has(k))
      extractions.set(
        k,
        extractBatch(
          batch.map((i) => i.input),
          options,
        ),
      );
    return extractions.get(k);
  };
  let next = 0;
  let done = 0;
  const lane = async () => {
    while (next < batches.length) {
      const k = next++;
      const batch = batches[k] as IngestItem[];
      const start = k * batchSize;
      const extracted = extraction(k);
      void extraction(k + concurrency);
      if (!extracted) outcomes[start] = await ingestItem(db, batch[0] as IngestItem, options);
      else {
        const results = await storeBatch(db, await extracted, options);
        extractions.delete(k);
        results.forEach((r, i) => {
          const source = batch[i]?.source ?? '';
          outcomes[start + i] =
            r.status === 'failed'
              ? { source, status: 'failed', reason: r.error.message }
              : { source, status: r.status, quotes: r.counts.quotes };
        });
      }
      done += batch.length;
      options.onProgress?.(done);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, batches.length)) }, lane));
  return outcomes;
}
