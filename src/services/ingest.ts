import { eq, or, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { articles, quoteShingles } from '../db/schema';
import type { ParsedArticle } from '../ingest/types';
import { type EchoCache, rowsOf } from './echoes';
import { type ExtractionPool, sharedExtractionPool } from './extraction-pool';
import { sha256 } from './normalize';
import {
  countsOf,
  type ExtractedArticle,
  type IngestCounts,
  type StoredArticle,
  storeArticles,
} from './store-articles';

export type { IngestCounts } from './store-articles';

export interface IngestInput {
  content: string;
  format?: 'text' | 'markdown' | 'html' | 'json';
  filename?: string;
  url?: string;
}

export interface IngestResult {
  status: 'new' | 'unchanged';
  articleId: number;
  counts: IngestCounts;
}

export type QuoteAddedListener = (quote: {
  quoteId: number;
  speakerId: number | null;
  aboutIds: number[];
}) => void;

export interface IngestOptions {
  onQuoteAdded?: QuoteAddedListener;
  /** Where parsing and extraction run; the process's shared pool when not given. */
  extraction?: ExtractionPool;
  /**
   * Stored quotes' texts kept from one batch to the next by a long ingest into one database, so
   * that the echo step does not read the same candidates again (EchoCache).
   */
  echoCache?: EchoCache;
}

/** The same article, however it was formatted, hashes alike: title and body with whitespace folded. */
export function contentHashOf(article: ParsedArticle): string {
  return sha256(`${article.title ?? ''}\n${article.body}`.replace(/\s+/g, ' ').trim());
}

export async function ingestArticle(
  db: Db,
  input: IngestInput,
  options: IngestOptions = {},
): Promise<IngestResult> {
  const prepared = await extractArticle(input, options);
  const existing = await findExisting(db, prepared.article.url, prepared.contentHash);
  if (existing) return { status: 'unchanged', articleId: existing, counts: await countsOf(db, existing) };
  const [stored] = await storeInTransaction(db, [prepared], options);
  return announce(stored as StoredArticle, options);
}

/** What ingestBatch did with one article: stored (or found stored), or failed with the reason. */
export type BatchOutcome = IngestResult | { status: 'failed'; error: Error };

/** An article of a batch parsed and extracted, or why it could not be. */
export type BatchExtraction = ExtractedArticle | Error;

/**
 * Ingests many articles: extracts them all on the extraction pool (every worker busy), then stores
 * them in one transaction (storeArticles), with the same stored result as ingestArticle one after
 * another in that order. An article that cannot be read fails alone; when the transaction fails,
 * the articles are stored again one at a time, so that one bad article loses only itself.
 * Outcomes come in the order of the inputs.
 */
export async function ingestBatch(
  db: Db,
  inputs: IngestInput[],
  options: IngestOptions = {},
): Promise<BatchOutcome[]> {
  return storeBatch(db, await extractBatch(inputs, options), options);
}

/** The extraction half of ingestBatch: a pipeline extracts the next batch while one is stored. */
export function extractBatch(inputs: IngestInput[], options: IngestOptions = {}): Promise<BatchExtraction[]> {
  return Promise.all(inputs.map((input) => extractArticle(input, options).catch(asError)));
}

/** The storing half of ingestBatch. */
export async function storeBatch(
  db: Db,
  extracted: BatchExtraction[],
  options: IngestOptions = {},
): Promise<BatchOutcome[]> {
  const outcomes: BatchOutcome[] = extracted.map((e) =>
    e instanceof Error
      ? { status: 'failed', error: e }
      : { status: 'failed', error: new Error('not stored') },
  );
  const ready = extracted.flatMap((item, index) => (item instanceof Error ? [] : [{ index, item }]));
  try {
    const stored = await storeInTransaction(
      db,
      ready.map((r) => r.item),
      options,
    );
    ready.forEach((r, n) => {
      outcomes[r.index] = announce(stored[n] as StoredArticle, options);
    });
    if (ready.length >= VACUUM_AFTER) {
      await vacuumShingles(db);
      await analyzeGrownTables(db);
    }
  } catch (batchError) {
    for (const r of ready) {
      try {
        if (ready.length === 1) throw batchError;
        const [stored] = await storeInTransaction(db, [r.item], options);
        outcomes[r.index] = announce(stored as StoredArticle, options);
      } catch (error) {
        outcomes[r.index] = { status: 'failed', error: asError(error) };
      }
    }
  }
  return outcomes;
}

/** Batches of at least this many articles vacuum the shingles after them. */
const VACUUM_AFTER = 20;

/**
 * The echo probes read each shingle's postings from the primary key alone only on pages the
 * visibility map marks all-visible, which takes a vacuum; autovacuum comes too seldom for a bulk
 * load (drizzle/0004), so a batch vacuums what it added: the new pages only, and no index pass on
 * a table that only grows. Skipped while another vacuum runs.
 */
async function vacuumShingles(db: Db): Promise<void> {
  // inside a caller's transaction (a job runner's) vacuum cannot run: it is only an optimization
  await db.execute(sql`vacuum (skip_locked) ${quoteShingles}`).catch((error: unknown) => {
    if (pgErrorCode(error) !== '25001') throw error;
  });
}

/**
 * Analyzes the tables a bulk load has grown by a tenth since they were last analyzed, which is
 * autovacuum's rule. Without statistics the planner reads a batch's rows by whole-table scans that
 * grow with the corpus; autovacuum may be off (PGlite has none, and some servers turn it off), and
 * when it is on this finds nothing to do. ANALYZE samples: a few seconds at 60,000 articles.
 */
async function analyzeGrownTables(db: Db): Promise<void> {
  const grown = await db.execute(sql`
    select relname as name from pg_stat_user_tables
     where schemaname = current_schema() and n_mod_since_analyze > 1000 + 0.1 * n_live_tup`);
  for (const { name } of rowsOf<{ name: string }>(grown))
    await db.execute(sql`analyze ${sql.identifier(name)}`);
}

async function extractArticle(input: IngestInput, options: IngestOptions): Promise<ExtractedArticle> {
  const { article, extraction, quoteKeys } = await (options.extraction ?? sharedExtractionPool()).prepare(
    input,
  );
  return { article, extraction, quoteKeys, contentHash: contentHashOf(article) };
}

function storeInTransaction(
  db: Db,
  items: ExtractedArticle[],
  options: IngestOptions,
): Promise<StoredArticle[]> {
  return retryOnConflict(() => db.transaction((tx) => storeArticles(tx, items, options.echoCache)));
}

function announce(stored: StoredArticle, options: IngestOptions): IngestResult {
  if (stored.status === 'new' && options.onQuoteAdded) for (const q of stored.added) options.onQuoteAdded(q);
  return { status: stored.status, articleId: stored.articleId, counts: stored.counts };
}

function asError(reason: unknown): Error {
  return reason instanceof Error ? reason : new Error(String(reason));
}

/** Deadlock, serialization failure, unique violation: what two concurrent ingests can run into. */
const RETRYABLE_CODES = new Set(['40P01', '40001', '23505']);
const MAX_ATTEMPTS = 5;

function pgErrorCode(error: unknown): string | undefined {
  let e: unknown = error;
  for (let depth = 0; depth < 5 && e && typeof e === 'object'; depth++) {
    const { code, cause } = e as { code?: unknown; cause?: unknown };
    if (typeof code === 'string') return code;
    e = cause;
  }
  return undefined;
}

/**
 * A transaction that lost a race to a concurrent one is run again from the start: it then sees what
 * the other committed (the article, a new entity) and resolves to it instead of failing.
 */
export async function retryOnConflict<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      const code = pgErrorCode(error);
      if (attempt >= MAX_ATTEMPTS || code === undefined || !RETRYABLE_CODES.has(code)) throw error;
    }
  }
}

async function findExisting(db: Db, url: string | null, contentHash: string): Promise<number | undefined> {
  const match = url
    ? or(eq(articles.url, url), eq(articles.contentHash, contentHash))
    : eq(articles.contentHash, contentHash);
  const [row] = await db.select({ id: articles.id }).from(articles).where(match).limit(1);
  return row?.id;
}
