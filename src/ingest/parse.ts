import { splitAuthors } from './parse-byline';
import { type ArticleDraft, textOrNull } from './parse-draft';
import { repairMojibake } from './parse-encoding';
import { ArticleParseError } from './parse-error';
import { parseHtmlArticle } from './parse-html';
import { parseJsonArticle } from './parse-json';
import { parseMarkdownArticle } from './parse-markdown';
import { parseTextArticle } from './parse-text';
import type { ParsedArticle, Span } from './types';

export { ArticleParseError } from './parse-error';

export type ArticleFormat = 'text' | 'markdown' | 'html' | 'json';

export interface ArticleInput {
  content: string;
  format?: ArticleFormat;
  filename?: string;
  /** Where the article was fetched from; used when the article does not state its own URL. */
  url?: string;
}

const MAX_BODY_BYTES = 2 * 1024 * 1024;
/** Generous beside the body limit: HTML pages carry scripts and markup, but parsing stays bounded. */
export const MAX_CONTENT_BYTES = 10 * 1024 * 1024;

const FORMAT_BY_EXTENSION: Record<string, ArticleFormat> = {
  txt: 'text',
  text: 'text',
  md: 'markdown',
  markdown: 'markdown',
  html: 'html',
  htm: 'html',
  json: 'json',
};
const FORMATS = new Set<string>(['text', 'markdown', 'html', 'json']);

const READERS: Record<ArticleFormat, (content: string, url?: string) => ArticleDraft> = {
  text: parseTextArticle,
  markdown: parseMarkdownArticle,
  html: parseHtmlArticle,
  json: parseJsonArticle,
};

/**
 * The stated format, else the file extension, else a look at the start: `{` is JSON, a tag HTML,
 * front matter or a `# ` heading Markdown, anything else plain text.
 */
export function detectFormat(content: string, filename?: string): ArticleFormat {
  const extension = filename?.toLowerCase().match(/\.([a-z]+)$/)?.[1];
  const byExtension = extension === undefined ? undefined : FORMAT_BY_EXTENSION[extension];
  if (byExtension !== undefined) return byExtension;
  const start = content.trimStart();
  if (start.startsWith('{')) return 'json';
  if (/^<(?:!doctype\s+html|html|head|body|article|main|div|p|section|h[1-6]|meta|title)\b/i.test(start)) {
    return 'html';
  }
  if (/^(?:---\r?\n|#\s)/.test(start)) return 'markdown';
  return 'text';
}

function isCalendarDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;

/**
 * ISO 8601, RFC 2822 and written-out dates ("January 27, 2025"). A time without a zone is read as
 * UTC, so the result never depends on the server's time zone; relative words ("yesterday") and bare
 * numbers are rejected rather than guessed at.
 */
export function parsePublishedAt(value: string): Date {
  const iso = ISO_DATE.exec(value);
  let date = new Date(Number.NaN);
  if (iso !== null) {
    const [, year, month, day, zone] = iso;
    const isoValue = value.replace(' ', 'T');
    const hasTime = isoValue.includes('T');
    if (isCalendarDate(Number(year), Number(month), Number(day))) {
      date = new Date(hasTime && zone === undefined ? `${isoValue}Z` : isoValue);
    }
  } else if (/\b\d{4}\b/.test(value) && /\p{L}{3,}/u.test(value)) {
    const hasZone = /\b(?:GMT|UTC|[ECMP][SD]T)\b|[+-]\d{2}:?\d{2}$/.test(value);
    date = new Date(hasZone ? value : `${value} UTC`);
  }
  if (Number.isNaN(date.getTime())) throw new ArticleParseError('publishedAt', `"${value}" is not a date`);
  return date;
}

function checkedUrl(value: string): string {
  try {
    const url = new URL(value);
    if (url.protocol === 'http:' || url.protocol === 'https:') return url.href;
  } catch {}
  throw new ArticleParseError('url', `"${value}" is not an http(s) URL`);
}

/** "A", "A and B", "A, B and C": how a byline lists the authors when only the list is given. */
function bylineOf(authors: string[]): string | null {
  if (authors.length <= 1) return authors[0] ?? null;
  return `${authors.slice(0, -1).join(', ')} and ${authors.at(-1)}`;
}

function bodyWithSpans(paragraphs: string[]): { body: string; paragraphs: Span[] } {
  const spans: Span[] = [];
  let offset = 0;
  for (const paragraph of paragraphs) {
    spans.push({ start: offset, end: offset + paragraph.length });
    offset += paragraph.length + 2;
  }
  return { body: paragraphs.join('\n\n'), paragraphs: spans };
}

/** Reads an article in any supported format; throws ArticleParseError naming the field at fault. */
export function parseArticle(input: ArticleInput): ParsedArticle {
  if (typeof input.content !== 'string') {
    throw new ArticleParseError('content', 'expected the article as a string');
  }
  const content = repairMojibake(input.content);
  if (content.trim() === '') throw new ArticleParseError('content', 'the article is empty');
  if (Buffer.byteLength(content) > MAX_CONTENT_BYTES) {
    throw new ArticleParseError('content', 'the input is larger than 10 MB');
  }
  if (input.format !== undefined && !FORMATS.has(input.format)) {
    throw new ArticleParseError('format', `"${input.format}" is not one of text, markdown, html, json`);
  }

  const format = input.format ?? detectFormat(content, input.filename);
  const draft = READERS[format](content, input.url);

  const paragraphs = draft.paragraphs
    .map((paragraph) => textOrNull(paragraph))
    .filter((text) => text !== null);
  const { body, paragraphs: spans } = bodyWithSpans(paragraphs);
  if (body === '') throw new ArticleParseError('body', 'the article has no text');
  if (Buffer.byteLength(body) > MAX_BODY_BYTES) {
    throw new ArticleParseError('body', 'the article text is larger than 2 MB');
  }

  const listedAuthors = draft.authors.map((name) => textOrNull(name)).filter((name) => name !== null);
  const byline = textOrNull(draft.byline) ?? bylineOf(listedAuthors);
  const authors = [
    ...new Set(listedAuthors.length > 0 || byline === null ? listedAuthors : splitAuthors(byline)),
  ];
  const publishedAt = textOrNull(draft.publishedAt);
  const url = textOrNull(draft.url) ?? textOrNull(input.url);

  return {
    title: textOrNull(draft.title),
    subtitle: textOrNull(draft.subtitle),
    byline,
    authors,
    url: url === null ? null : checkedUrl(url),
    outlet: textOrNull(draft.outlet),
    publishedAt: publishedAt === null ? null : parsePublishedAt(publishedAt),
    language: textOrNull(draft.language) ?? 'en',
    body,
    paragraphs: spans,
  };
}
