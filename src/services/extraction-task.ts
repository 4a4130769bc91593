import { extract } from '../ingest/extract';
import { ArticleParseError, parseArticle } from '../ingest/parse';
import type { Extraction, ParsedArticle } from '../ingest/types';
import type { IngestInput } from './ingest';
import { normalizeQuoteText, sha256 } from './normalize';
import { echoShingles } from './shingles';

export interface PreparedArticle {
  article: ParsedArticle;
  extraction: Extraction;
  /** Of each extracted quote, in order. */
  quoteKeys: QuoteKeys[];
}

/** What storing a quote needs that its text alone gives: computed on the worker's thread. */
export interface QuoteKeys {
  normalizedText: string;
  normalizedHash: string;
  /** Its echo shingles (echoShingles) as decimal strings. */
  shingles: string[];
}

/**
 * The quotes' normalized texts, their hashes and echo shingles: the part of storing that needs no
 * database, done beside extraction so that the thread that stores batches one after another
 * (and waits on them) does not hash thousands of word runs a batch (docs/scaling.md).
 */
export function quoteKeysOf(extraction: Extraction): QuoteKeys[] {
  return extraction.quotes.map((q) => {
    const normalizedText = normalizeQuoteText(q.text);
    return {
      normalizedText,
      normalizedHash: sha256(normalizedText),
      shingles: echoShingles(normalizedText).map(String),
    };
  });
}

export type TaskReply =
  | { ok: true; prepared: PreparedArticle }
  | { ok: false; field: string; problem: string }
  | { ok: false; field?: undefined; message: string };

/**
 * Real articles carry tens of quotes, a long transcript a few hundred. Linking every quote to its
 * echoes in other articles costs a statement per article that grows with its quotes (~7 s for 5,000
 * on a busy server, over the statement timeout beyond), so an article with more is refused whole.
 */
export const MAX_QUOTES_PER_ARTICLE = 2000;

/** Parsing and extraction, the CPU-bound part of an ingest: what a worker thread runs. Pure. */
export function prepareArticle(input: IngestInput): PreparedArticle {
  const parsed = parseArticle(input);
  const article = { ...parsed, url: parsed.url ?? input.url ?? null };
  const extraction = extract(article.body);
  if (extraction.quotes.length > MAX_QUOTES_PER_ARTICLE) {
    throw new ArticleParseError(
      'content',
      `the article holds ${extraction.quotes.length} quotes, more than the ${MAX_QUOTES_PER_ARTICLE} stored per article; split it`,
    );
  }
  return { article, extraction, quoteKeys: quoteKeysOf(extraction) };
}

/**
 * Loads the trained models and warms the extraction code before a worker says it is ready, so
 * that an article's time budget is spent on the article, not on a cold start.
 */
export function warmUp(): void {
  extract('Mayor Jane Roe of Riverton spoke on Monday. “We are ready,” she said, and the council agreed.');
}

export function runTask(input: IngestInput): TaskReply {
  try {
    return { ok: true, prepared: prepareArticle(input) };
  } catch (error) {
    if (error instanceof ArticleParseError) return { ok: false, field: error.field, problem: error.problem };
    // a parser recursing on pathological nesting runs out of stack: the input's fault, not ours
    if (error instanceof RangeError && /call stack/i.test(error.message)) {
      return { ok: false, field: 'content', problem: 'the article is nested too deeply to read' };
    }
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}
