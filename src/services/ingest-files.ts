import { readdir, readFile, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import type { Db } from '../db/client';
import { type IngestInput, type IngestOptions, ingestArticle, ingestBatch } from './ingest';

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
  /** Batches in flight at once: while one is stored, the next is extracted. */
  concurrency?: number;
  /** Called as articles finish, with how many have. */
  onProgress?(done: number): void;
}

/**
 * Ingests items in batches of `batchSize` articles (ingestBatch), `concurrency` batches at a time;
 * outcomes come in the order of the items whatever order they finish in. Batches are taken in
 * order, so with one lane the stored result is the same as one article after another.
 */
export async function ingestItems(
  db: Db,
  items: IngestItem[],
  options: IngestItemsOptions = {},
): Promise<IngestOutcome[]> {
  const batchSize = options.batchSize ?? 1;
  const outcomes: IngestOutcome[] = [];
  let next = 0;
  let done = 0;
  const lane = async () => {
    while (next < items.length) {
      const start = next;
      const batch = items.slice(start, start + batchSize);
      next += batch.length;
      if (batchSize === 1 && batch[0]) outcomes[start] = await ingestItem(db, batch[0], options);
      else {
        const results = await ingestBatch(
          db,
          batch.map((i) => i.input),
          options,
        );
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
  const lanes = Math.max(1, Math.min(options.concurrency ?? 1, Math.ceil(items.length / batchSize)));
  await Promise.all(Array.from({ length: lanes }, lane));
  return outcomes;
}
