// npx tsx bench/export-memory.ts [--rows N] [--format jsonl|csv]: builds N quotes (default
// 1,000,000) with bulk SQL in a scratch database — an in-memory PGlite, or a scratch database on the
// server named by DATABASE_URL, dropped afterwards — and exports them to /dev/null through the same
// service as `npm run export`, sampling the resident set size as it goes.
import { createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { type Database, openDatabase } from '../src/db/client';
import { migrate } from '../src/db/migrate';
import { env } from '../src/env';
import { checkExportRequest, planExport, writeExport } from '../src/services/export';

const { values } = parseArgs({
  options: { rows: { type: 'string', default: '1000000' }, format: { type: 'string', default: 'jsonl' } },
});
const rows = Number(values.rows);
if (!Number.isSafeInteger(rows) || rows < 1)
  throw new Error(`--rows: ${values.rows} is not a positive integer`);
const { format } = checkExportRequest({ format: values.format });

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const log = (message: string) => console.error(message);
const statementTimeoutMs = 600_000;

async function scratchDatabase(): Promise<{ database: Database; label: string; drop(): Promise<void> }> {
  const url = env().DATABASE_URL;
  if (!url) {
    const database = await openDatabase({ statementTimeoutMs });
    await migrate(database);
    return { database, label: 'PGlite (in memory, in this process)', drop: () => database.close() };
  }
  const name = `quotegraph_bench_export_${process.pid}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  const database = await openDatabase({ url: target.toString(), statementTimeoutMs, poolSize: 2 });
  await migrate(database);
  return {
    database,
    label: `Postgres server (scratch database ${name})`,
    drop: async () => {
      await database.close();
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

async function generate(database: Database): Promise<void> {
  const { db } = database;
  await db.execute(sql`
    insert into entities (kind, name, normalized_name, slug)
    select 'person', 'Bench Speaker ' || g, 'bench speaker ' || g, 'bench-speaker-' || g from generate_series(1, 1000) g`);
  await db.execute(sql`
    insert into articles (slug, url, content_hash, title, body, paragraphs, published_at)
    select 'bench-article-' || g, 'https://bench.example/articles/' || g, 'bench-' || g, 'Bench article ' || g,
           'Body of bench article ' || g, '[]'::jsonb, timestamptz '2025-01-01' + g * interval '1 hour'
    from generate_series(1, 1000) g`);
  const batch = 100_000;
  for (let from = 1; from <= rows; from += batch) {
    const to = Math.min(rows, from + batch - 1);
    // Every tenth quote unattributed; texts with the commas and quote marks that CSV must escape.
    await db.execute(sql`
      insert into quotes (article_id, speaker_id, speaker_text, kind, text, start, "end", cue, confidence,
                          normalized_text, normalized_hash)
      select a.first + g % 1000, case when g % 10 = 0 then null else e.first + g % 1000 end, 'the speaker',
             (array['direct', 'indirect', 'partial'])[1 + g % 3]::quote_kind,
             'Statement ' || g || ': "we will, of course, respond in due time," the official said',
             g % 5000, g % 5000 + 80, 'said', (g % 100) / 100.0, 'statement ' || g, md5(g::text)
      from generate_series(${from}::int, ${to}::int) g,
           (select min(id) as first from articles) a, (select min(id) as first from entities) e`);
    process.stderr.write(`\r  generated ${to.toLocaleString('en')} / ${rows.toLocaleString('en')} quotes`);
  }
  process.stderr.write('\n');
  await db.execute(sql`analyze`);
}

async function main(): Promise<void> {
  const { database, label, drop } = await scratchDatabase();
  try {
    log(`${label}: generating ${rows.toLocaleString('en')} quotes…`);
    const generating = performance.now();
    await generate(database);
    log(`  in ${((performance.now() - generating) / 1000).toFixed(1)} s`);

    global.gc?.();
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    let peakHeap = 0;
    const sampler = setInterval(() => {
      const usage = process.memoryUsage();
      peak = Math.max(peak, usage.rss);
      peakHeap = Math.max(peakHeap, usage.heapUsed);
    }, 25);

    const out = createWriteStream('/dev/null');
    let bytes = 0;
    const write = out.write.bind(out);
    out.write = ((chunk: string, ...rest: never[]) => {
      bytes += Buffer.byteLength(chunk);
      return write(chunk, ...rest);
    }) as typeof out.write;

    const plan = await planExport(database.db, { format });
    const started = performance.now();
    const result = await writeExport(database.db, plan, out);
    out.end();
    await finished(out);
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);

    console.log(
      [
        `export-memory  ${label}, ${format}`,
        `  rows exported   ${result.rows.toLocaleString('en')} (${mb(bytes)} of ${format}) in ${seconds.toFixed(1)} s`,
        `  rows/second     ${Math.round(result.rows / seconds).toLocaleString('en')}`,
        `  RSS before      ${mb(baseline)} (after generating the rows)`,
        `  RSS peak        ${mb(peak)} during the export (+${mb(peak - baseline)}), JS heap peak ${mb(peakHeap)}`,
        `  maxRSS          ${mb(process.resourceUsage().maxRSS * 1024)} over the whole run, generation included`,
      ].join('\n'),
    );
  } finally {
    await drop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
