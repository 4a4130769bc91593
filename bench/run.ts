// npm run bench [-- --rounds N]: extraction speed, ingest speed and GraphQL latency, as medians of
// N rounds measured side by side in one run (PGlite, and the server when BENCH_DATABASE_URL is set).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import pg from 'pg';
import { type Database, openDatabase } from '../src/db/client';
import { migrate } from '../src/db/migrate';
import { extract } from '../src/ingest/extract';
import { parseArticle } from '../src/ingest/parse';
import { createApiKey } from '../src/services/api-keys';
import { examplesFolder } from '../src/services/bootstrap';
import { sharedExtractionPool } from '../src/services/extraction-pool';
import { ingestArticle } from '../src/services/ingest';
import { createQuoteEvents } from '../src/services/quote-events';
import { createApp } from '../src/yoga';

const rounds = Number(process.argv[process.argv.indexOf('--rounds') + 1]) || 15;
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
};
const fmt = (ms: number) => `${ms.toFixed(2)} ms`;

function exampleTexts(): string[] {
  return readdirSync(examplesFolder)
    .filter((f) => !f.endsWith('README.md'))
    .map((f) => parseArticle({ content: readFileSync(`${examplesFolder}/${f}`, 'utf8'), filename: f }).body);
}

function devSetTexts(): string[] {
  const path = new URL('../../shared/eval/polnear-dev.jsonl', import.meta.url);
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => (JSON.parse(l) as { text: string }).text);
}

async function benchExtraction(): Promise<void> {
  const dev = devSetTexts();
  const texts = dev.length ? dev : exampleTexts();
  const label = dev.length
    ? `${texts.length} dev-set articles`
    : `${texts.length} example articles (no ../shared)`;
  // A running service has long since warmed up: V8 tiers the extraction code up over the first
  // several hundred articles (measured: the first passes over the dev set take 2-3 times the CPU of
  // the later ones, most of it compiling), so three whole passes come before the measured rounds.
  const warmPasses = 3;
  const line = (where: string, times: number[], cpuTimes: number[]) => {
    const ms = median(times);
    const cpuMs = median(cpuTimes);
    console.log(
      `extraction   ${label}, ${where}: median ${fmt(ms)} per pass, ${Math.round((texts.length / ms) * 1000)} articles/s; ` +
        `CPU time ${fmt(cpuMs)} per pass, ${Math.round((texts.length / cpuMs) * 1000)} articles/s per core`,
    );
  };
  // on a worker thread that loads only the extraction code, as the service's extraction pool does
  const worker = new Worker(new URL('./extraction-speed.mjs', import.meta.url), {
    workerData: { texts, rounds, warmPasses },
  });
  const inWorker = await new Promise<{ times: number[]; cpuTimes: number[] }>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  await worker.terminate();
  line('worker thread (as the service extracts)', inWorker.times, inWorker.cpuTimes);
  // and on this process's main thread, beside PGlite and the server code and their heap
  for (let i = 0; i < warmPasses; i++) for (const t of texts) extract(t);
  const times: number[] = [];
  // CPU time as well: on a shared machine the wall clock counts the time other processes held the core
  const cpuTimes: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const start = performance.now();
    const cpu = process.cpuUsage();
    for (const t of texts) extract(t);
    const used = process.cpuUsage(cpu);
    times.push(performance.now() - start);
    cpuTimes.push((used.user + used.system) / 1000);
  }
  line("the bench's main thread", times, cpuTimes);
}

const ENTITY_PAGE = `query($n: Int!) { entity(slug: "dmitry-peskov") { name aliases roles { title organization { name } }
  quotes(first: $n) { totalCount nodes { text context speaker { name } article { title outlet { name } } about { name } } } } }`;

interface DatabaseFigures {
  ingestMs: number;
  page5: number;
  page100: number;
}

async function benchDatabase(label: string, database: Database): Promise<DatabaseFigures> {
  await migrate(database);
  const files = readdirSync(examplesFolder).filter((f) => !f.endsWith('README.md'));
  // the extraction worker's start (loading the code and the models) happens once per process, not
  // per article: it is started before the clock runs
  await sharedExtractionPool().prepare({ content: readFileSync(`${examplesFolder}/${files[0]}`, 'utf8') });
  const ingestStart = performance.now();
  for (const f of files) {
    await ingestArticle(database.db, {
      content: readFileSync(`${examplesFolder}/${f}`, 'utf8'),
      filename: f,
    });
  }
  const ingestMs = (performance.now() - ingestStart) / files.length;
  await createApiKey(database.db, 'bench', 'reader');
  const app = createApp({ db: database.db, events: createQuoteEvents() });
  const run = async (n: number) => {
    const start = performance.now();
    const res = await app.fetch('http://bench/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: ENTITY_PAGE, variables: { n } }),
    });
    const body = (await res.json()) as { errors?: unknown };
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return performance.now() - start;
  };
  for (let i = 0; i < 5; i++) await run(20);
  const small: number[] = [];
  const large: number[] = [];
  for (let i = 0; i < rounds; i++) {
    small.push(await run(5));
    large.push(await run(100));
  }
  const result = { ingestMs, page5: median(small), page100: median(large) };
  console.log(
    `${label.padEnd(12)} ingest ${fmt(ingestMs)}/article; entity page query median ${fmt(result.page5)} (first: 5), ${fmt(result.page100)} (first: 100)`,
  );
  await benchEntityPageHtml(label, app);
  return result;
}

/** The web app's entity page as a browser gets it: the HTML, then the stylesheet and script it links. */
async function benchEntityPageHtml(label: string, app: ReturnType<typeof createApp>): Promise<void> {
  const get = async (path: string) => {
    const start = performance.now();
    const res = await app.fetch(`http://bench${path}`, { headers: { accept: 'text/html' } });
    const bytes = (await res.arrayBuffer()).byteLength;
    if (res.status !== 200) throw new Error(`${path}: HTTP ${res.status}`);
    return { ms: performance.now() - start, bytes };
  };
  const path = '/entity/dmitry-peskov';
  for (let i = 0; i < 5; i++) await get(path);
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < rounds; i++) {
    const page = await get(path);
    times.push(page.ms);
    bytes = page.bytes;
  }
  const assets = (await get('/static/app.css')).bytes + (await get('/static/app.js')).bytes;
  console.log(
    `${label.padEnd(12)} entity page HTML (${path}): median ${fmt(median(times))}, ${(bytes / 1024).toFixed(1)} KB (${((bytes + assets) / 1024).toFixed(1)} KB with its CSS and script, uncompressed)`,
  );
}

async function main(): Promise<void> {
  console.log(`rounds: ${rounds} (medians)`);
  await benchExtraction();
  const lite = await openDatabase();
  const pgliteResult = await benchDatabase('pglite', lite);
  await lite.close();
  const url = process.env.BENCH_DATABASE_URL;
  if (!url) {
    console.log(
      'postgres     skipped: set BENCH_DATABASE_URL=postgres://… (a database it may fill) to compare',
    );
    return;
  }
  const name = `quotegraph_bench_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const u = new URL(url);
  u.pathname = `/${name}`;
  // the scratch database is dropped with its connections at the end
  const server = await openDatabase({ url: u.toString(), onPoolError: () => {} });
  try {
    const serverResult = await benchDatabase('postgres', server);
    console.log(
      `ratio        postgres/pglite, entity page query (first: 100): ${(serverResult.page100 / pgliteResult.page100).toFixed(2)}`,
    );
  } finally {
    await server.close();
    await admin.query(`drop database ${name} with (force)`);
    await admin.end();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
