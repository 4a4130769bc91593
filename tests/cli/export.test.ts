import { readdirSync, readFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import type { Database } from '../../src/db/client';
import {
  CSV_COLUMNS,
  csvField,
  type ExportRequest,
  type ExportRow,
  planExport,
  writeExport,
} from '../../src/services/export';
import { ingestArticle } from '../../src/services/ingest';
import { openTestDatabase } from '../support/database';

const examplesFolder = new URL('../../examples/articles/', import.meta.url);

let database: Database;
let totalQuotes: number;

async function scalar(query: ReturnType<typeof sql>): Promise<number> {
  const result = (await database.db.execute(query)) as unknown as { rows: Array<{ n: number }> };
  return Number(result.rows[0]?.n);
}

beforeAll(async () => {
  database = await openTestDatabase();
  for (const file of readdirSync(examplesFolder).filter((f) => f !== 'README.md')) {
    await ingestArticle(database.db, {
      content: readFileSync(new URL(file, examplesFolder), 'utf8'),
      filename: file,
    });
  }
  // A quote whose text needs every CSV escape: a comma, double quotes and a line break.
  await database.db.execute(sql`
    insert into quotes (article_id, kind, text, start, "end", confidence, normalized_text, normalized_hash, cue)
    select min(id), 'direct', ${'He said "no, never",\nand left.'}, 0, 1, 0.5, 'x', 'x', ${' told '} from articles`);
  totalQuotes = await scalar(sql`select count(*)::int as n from quotes`);
});

afterAll(async () => {
  // The harness drops the test database right after pool.end(), which resolves before the idle
  // connections are closed; the server then kills them, and an unheard pool 'error' would fail
  // whatever test runs next in this worker.
  const client = (database.db as unknown as { $client: unknown }).$client;
  if (client instanceof pg.Pool) client.on('error', () => {});
  await database.close();
});

/** A sink that takes its time, so that the export has to wait for 'drain'. */
class SlowSink extends Writable {
  chunks: string[] = [];
  drains = 0;
  constructor() {
    super({ highWaterMark: 256, decodeStrings: false });
    this.on('drain', () => this.drains++);
  }
  override _write(
    chunk: string | Buffer,
    _encoding: BufferEncoding,
    done: (error?: Error | null) => void,
  ): void {
    this.chunks.push(chunk.toString());
    setImmediate(done);
  }
  get text(): string {
    return this.chunks.join('');
  }
}

async function run(request: ExportRequest, pageSize = 7) {
  const plan = await planExport(database.db, request);
  const sink = new SlowSink();
  let total = -1;
  let reported = 0;
  const result = await writeExport(
    database.db,
    plan,
    sink,
    { onStart: (n) => (total = n), onRows: (n) => (reported += n) },
    pageSize,
  );
  expect(result.rows).toBe(total);
  expect(reported).toBe(total);
  return { ...result, sink };
}

const jsonl = (text: string) =>
  text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as ExportRow);

/** A strict RFC 4180 reader, to check that what the export writes reads back as written. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted && c === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (!quoted && c === ',') {
      record.push(field);
      field = '';
    } else if (!quoted && c === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else {
      field += c;
    }
  }
  expect(field).toBe('');
  expect(record).toEqual([]);
  return records;
}

test('JSONL: every quote once, in ID order, across many small pages, with its speaker and article', async () => {
  const { rows, sink } = await run({ format: 'jsonl' });
  expect(rows).toBe(totalQuotes);
  expect(sink.drains).toBeGreaterThan(0);
  const lines = jsonl(sink.text);
  expect(lines).toHaveLength(totalQuotes);
  const ids = lines.map((l) => Number(Buffer.from(l.id, 'base64').toString().split(':')[1]));
  expect(ids).toEqual([...ids].sort((a, b) => a - b));
  expect(new Set(ids).size).toBe(ids.length);

  const peskov = lines.find((l) => l.speaker?.slug === 'dmitry-peskov' && l.kind === 'direct');
  expect(peskov).toMatchObject({
    speaker: { name: 'Dmitry Peskov', slug: 'dmitry-peskov' },
    article: { title: expect.any(String) },
  });
  expect(Object.keys(peskov ?? {})).toEqual([
    'id',
    'text',
    'kind',
    'speaker',
    'speakerText',
    'cue',
    'confidence',
    'start',
    'end',
    'article',
  ]);
  // float4 confidences come out as stored (0.82), not widened (0.8199999928474426)
  for (const l of lines) expect(String(l.confidence).length).toBeLessThanOrEqual(5);
  const nato = lines.find((l) => l.article.url?.includes('meridianwire'));
  expect(nato?.article.publishedAt).toBe('2025-01-29T11:30:00.000Z');
});

test('CSV: a header, then one record per quote that reads back field for field', async () => {
  const { sink } = await run({ format: 'csv' });
  const records = parseCsv(sink.text);
  expect(records[0]).toEqual([...CSV_COLUMNS]);
  expect(records).toHaveLength(totalQuotes + 1);
  const json = jsonl((await run({ format: 'jsonl' })).sink.text);
  records.slice(1).forEach((r, i) => {
    const row = json[i];
    expect(r).toEqual([
      row?.id,
      row?.text,
      row?.kind,
      row?.speaker?.name ?? '',
      row?.speaker?.slug ?? '',
      row?.speakerText ?? '',
      row?.cue ?? '',
      String(row?.confidence),
      String(row?.start),
      String(row?.end),
      row?.article.title,
      row?.article.url ?? '',
      row?.article.publishedAt ?? '',
    ]);
  });
  expect(sink.text).toContain('"He said ""no, never"",\nand left."');
  expect(sink.text).toContain('," told ",');
});

test('csvField quotes only what needs it', () => {
  expect(csvField('plain')).toBe('plain');
  expect(csvField('a,b')).toBe('"a,b"');
  expect(csvField('say "hi"')).toBe('"say ""hi"""');
  expect(csvField('line\r\nbreak')).toBe('"line\r\nbreak"');
  expect(csvField(null)).toBe('');
  expect(csvField(0.5)).toBe('0.5');
});

test('--speaker, --about and --since filter, alone and together', async () => {
  const bySpeaker = jsonl((await run({ speaker: 'dmitry-peskov' })).sink.text);
  expect(bySpeaker.length).toBe(
    await scalar(
      sql`select count(*)::int as n from quotes q join entities e on e.id = q.speaker_id where e.slug = 'dmitry-peskov'`,
    ),
  );
  expect(bySpeaker.length).toBeGreaterThan(2);
  expect(new Set(bySpeaker.map((r) => r.speaker?.slug))).toEqual(new Set(['dmitry-peskov']));

  const about = jsonl((await run({ about: 'vladimir-putin' })).sink.text);
  expect(about.length).toBe(
    await scalar(sql`select count(*)::int as n from quote_about qa join entities e on e.id = qa.entity_id
      where e.slug = 'vladimir-putin'`),
  );
  expect(about.length).toBeGreaterThan(0);

  const since = jsonl((await run({ since: '2025-01-28' })).sink.text);
  expect(since.length).toBeGreaterThan(0);
  expect(since.length).toBeLessThan(totalQuotes);
  for (const r of since)
    expect(r.article.publishedAt === null || r.article.publishedAt >= '2025-01-28').toBe(true);

  const both = jsonl((await run({ speaker: 'dmitry-peskov', since: '2025-01-28T00:00:00Z' })).sink.text);
  expect(both.length).toBeLessThan(bySpeaker.length);
  for (const r of both) expect(r.speaker?.slug).toBe('dmitry-peskov');
});

test('an unknown slug, a bad date or a bad format is a clear error naming the option', async () => {
  await expect(planExport(database.db, { speaker: 'nobody-at-all' })).rejects.toThrow(
    '--speaker: no entity has the slug "nobody-at-all"',
  );
  await expect(planExport(database.db, { about: 'atlantis' })).rejects.toThrow(
    '--about: no entity has the slug "atlantis"',
  );
  await expect(planExport(database.db, { since: '2025-02-30' })).rejects.toThrow(
    /--since: "2025-02-30" is not a date/,
  );
  await expect(planExport(database.db, { since: 'yesterday' })).rejects.toThrow(
    /--since: "yesterday" is not a date/,
  );
  await expect(planExport(database.db, { format: 'xml' })).rejects.toThrow(
    '--format: must be jsonl or csv (got "xml")',
  );
});

test('a merged entity’s old slug exports the survivor’s quotes', async () => {
  const ids = await database.db.execute(sql`
    insert into entities (kind, name, normalized_name, slug, merged_into_id)
    select 'person', 'D. Peskov', 'd peskov', 'd-peskov', id from entities where slug = 'dmitry-peskov'
    returning id`);
  expect((ids as unknown as { rows: unknown[] }).rows).toHaveLength(1);
  const old = jsonl((await run({ speaker: 'd-peskov' })).sink.text);
  const current = jsonl((await run({ speaker: 'dmitry-peskov' })).sink.text);
  expect(old).toEqual(current);
});
