import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { and, asc, count, eq, gt, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { articles, entities, quotes } from '../db/schema';
import { loadEntitiesBySlug } from '../loaders/entities';
import { quoteConditions } from './quote-query';

export const EXPORT_FORMATS = ['jsonl', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** What the command line gives, unchecked. */
export interface ExportRequest {
  format?: string;
  speaker?: string;
  about?: string;
  since?: string;
}

export interface ExportFilter {
  speakerId?: number;
  aboutId?: number;
  since?: Date;
}

export interface ExportPlan {
  format: ExportFormat;
  filter: ExportFilter;
}

/** A bad option, named as the command line spells it. */
export class ExportInputError extends Error {
  constructor(
    readonly option: string,
    message: string,
  ) {
    super(`--${option}: ${message}`);
  }
}

export interface ExportRow {
  id: string;
  text: string;
  kind: string;
  speaker: { name: string; slug: string } | null;
  speakerText: string | null;
  cue: string | null;
  confidence: number;
  start: number;
  end: number;
  article: { title: string; url: string | null; publishedAt: string | null };
}

export const CSV_COLUMNS = [
  'id',
  'text',
  'kind',
  'speaker_name',
  'speaker_slug',
  'speaker_text',
  'cue',
  'confidence',
  'start',
  'end',
  'article_title',
  'article_url',
  'article_published_at',
] as const;

export const DEFAULT_PAGE_SIZE = 1000;

/** The checks that need no database: the format and the date. */
export function checkExportRequest(request: ExportRequest): { format: ExportFormat; since?: Date } {
  const format = (request.format ?? 'jsonl').toLowerCase();
  if (!(EXPORT_FORMATS as readonly string[]).includes(format)) {
    throw new ExportInputError(
      'format',
      `must be ${EXPORT_FORMATS.join(' or ')} (got ${JSON.stringify(request.format)})`,
    );
  }
  return {
    format: format as ExportFormat,
    since: request.since === undefined ? undefined : parseSince(request.since),
  };
}

/** Checks the options and turns slugs into entity IDs (a merged entity's slug gives the survivor). */
export async function planExport(db: Db, request: ExportRequest): Promise<ExportPlan> {
  const { format, since } = checkExportRequest(request);
  const [speakerId, aboutId] = await Promise.all([
    request.speaker === undefined ? undefined : entityIdBySlug(db, 'speaker', request.speaker),
    request.about === undefined ? undefined : entityIdBySlug(db, 'about', request.about),
  ]);
  return { format, filter: { speakerId, aboutId, since } };
}

function parseSince(value: string): Date {
  const text = value.trim();
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(text);
  const dateTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(text);
  const date = dateOnly ? new Date(`${text}T00:00:00Z`) : dateTime ? new Date(text) : null;
  // Date() rolls 2025-02-30 over to March 2; a day that does not come back the same is not real.
  if (!date || Number.isNaN(date.getTime()) || (dateOnly && !date.toISOString().startsWith(text))) {
    throw new ExportInputError(
      'since',
      `${JSON.stringify(value)} is not a date: use YYYY-MM-DD (UTC) or an ISO 8601 date-time like 2025-01-27T09:00:00Z`,
    );
  }
  return date;
}

async function entityIdBySlug(db: Db, option: string, slug: string): Promise<number> {
  const [entity] = await loadEntitiesBySlug(db, [slug.trim()]);
  if (!entity) throw new ExportInputError(option, `no entity has the slug ${JSON.stringify(slug)}`);
  return entity.id;
}

// the export's filter is a subset of the API's: the same conditions serve both
const conditions = (filter: ExportFilter) =>
  quoteConditions({
    speakerIds: filter.speakerId !== undefined ? [filter.speakerId] : undefined,
    aboutIds: filter.aboutId !== undefined ? [filter.aboutId] : undefined,
    publishedAfter: filter.since,
  });

export async function countExportRows(db: Db, filter: ExportFilter): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(quotes)
    .innerJoin(articles, eq(articles.id, quotes.articleId))
    .where(conditions(filter));
  return row?.n ?? 0;
}

/**
 * Every matching quote in ID order, read a page at a time by keyset (id > last id), so that
 * memory stays the size of one page however many rows there are.
 */
export async function* exportRows(
  db: Db,
  filter: ExportFilter,
  pageSize = DEFAULT_PAGE_SIZE,
): AsyncGenerator<ExportRow> {
  let lastId = 0;
  for (;;) {
    const page = await db
      .select({
        id: quotes.id,
        text: quotes.text,
        kind: quotes.kind,
        speakerName: entities.name,
        speakerSlug: entities.slug,
        speakerText: quotes.speakerText,
        cue: quotes.cue,
        // float4 as Postgres prints it (0.82), not as float8 widens it (0.8199999928474426)
        confidence: sql<string>`${quotes.confidence}::text`,
        start: quotes.start,
        end: quotes.end,
        title: articles.title,
        url: articles.url,
        publishedAt: articles.publishedAt,
      })
      .from(quotes)
      .innerJoin(articles, eq(articles.id, quotes.articleId))
      .leftJoin(entities, eq(entities.id, quotes.speakerId))
      .where(and(gt(quotes.id, lastId), conditions(filter)))
      .orderBy(asc(quotes.id))
      .limit(pageSize);
    for (const r of page) {
      yield {
        id: encodeGlobalID('Quote', r.id),
        text: r.text,
        kind: r.kind,
        speaker:
          r.speakerName !== null && r.speakerSlug !== null
            ? { name: r.speakerName, slug: r.speakerSlug }
            : null,
        speakerText: r.speakerText,
        cue: r.cue,
        confidence: Number(r.confidence),
        start: r.start,
        end: r.end,
        article: { title: r.title, url: r.url, publishedAt: r.publishedAt?.toISOString() ?? null },
      };
    }
    const last = page.at(-1);
    if (!last || page.length < pageSize) return;
    lastId = last.id;
  }
}

export function toJsonLine(row: ExportRow): string {
  return `${JSON.stringify(row)}\n`;
}

/** RFC 4180: a field with a comma, quote or line break is quoted, and its quotes doubled. */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsvLine(values: ReadonlyArray<string | number | null>): string {
  return `${values.map(csvField).join(',')}\n`;
}

export function toCsvRow(row: ExportRow): string {
  return toCsvLine([
    row.id,
    row.text,
    row.kind,
    row.speaker?.name ?? null,
    row.speaker?.slug ?? null,
    row.speakerText,
    row.cue,
    row.confidence,
    row.start,
    row.end,
    row.article.title,
    row.article.url,
    row.article.publishedAt,
  ]);
}

const CHUNK_CHARS = 64 * 1024;

/** The rows as text in chunks of about 64 KB: one write per chunk, not one per row. */
export async function* formatRows(
  rows: AsyncIterable<ExportRow>,
  format: ExportFormat,
  onRows?: (n: number) => void,
): AsyncGenerator<string> {
  const line = format === 'csv' ? toCsvRow : toJsonLine;
  let chunk = format === 'csv' ? toCsvLine(CSV_COLUMNS) : '';
  let pending = 0;
  for await (const row of rows) {
    chunk += line(row);
    pending++;
    if (chunk.length >= CHUNK_CHARS) {
      yield chunk;
      onRows?.(pending);
      chunk = '';
      pending = 0;
    }
  }
  if (chunk) yield chunk;
  if (pending) onRows?.(pending);
}

export interface ExportProgress {
  /** Called once, with how many rows will be written. */
  onStart?(total: number): void;
  /** Called as rows are written, with how many were written since the last call. */
  onRows?(n: number): void;
}

/**
 * Writes the export to `out`, waiting for 'drain' whenever the stream's buffer is full, inside
 * one read-only repeatable-read transaction: the count and every page see the same snapshot,
 * so a row ingested or deleted mid-export neither appears twice nor shifts a page.
 */
export async function writeExport(
  db: Db,
  plan: ExportPlan,
  out: Writable,
  progress: ExportProgress = {},
  pageSize = DEFAULT_PAGE_SIZE,
): Promise<{ rows: number }> {
  let failure: Error | undefined;
  const onError = (error: Error) => {
    failure ??= error;
  };
  out.on('error', onError);
  try {
    return await db.transaction(
      async (tx) => {
        progress.onStart?.(await countExportRows(tx, plan.filter));
        let rows = 0;
        const onRows = (n: number) => {
          rows += n;
          progress.onRows?.(n);
        };
        for await (const chunk of formatRows(exportRows(tx, plan.filter, pageSize), plan.format, onRows)) {
          if (failure) throw failure;
          if (!out.write(chunk)) await once(out, 'drain');
        }
        if (failure) throw failure;
        return { rows };
      },
      { isolationLevel: 'repeatable read', accessMode: 'read only' },
    );
  } finally {
    out.off('error', onError);
  }
}
