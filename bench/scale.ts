// npm run bench:scale [-- --articles N] [--block B] [--batch-size S] [--seed S] [--pglite] [--profile]
//   [--keep] [--db-prefix P] [--reads-seconds S]
// Generates N articles (bench/articles.ts), ingests them as `npm run ingest` does (batches of S,
// default 100, one stored while the next is extracted) into a scratch database of its own
// (P_* on BENCH_DATABASE_URL's server, P default quotegraph_perf_scale, default server
// postgres://postgres@127.0.0.1:5432/postgres, dropped at the end unless --keep; PGlite in memory
// with --pglite), prints the ingest rate of every B articles (default 1,000) and the last block's
// rate as a share of the first's, then read latencies and throughput at that size for the
// README's entity page, cross-reference and quotes(filter: {speaker, about}) queries. --profile
// prints the ingest's SQL statements by total time (timed at the client; on PGlite too).
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { type Database, openDatabase } from '../src/db/client';
import { migrate } from '../src/db/migrate';
import { createApiKey } from '../src/services/api-keys';
import { EchoCache } from '../src/services/echoes';
import { extractBatch, type IngestInput, storeBatch } from '../src/services/ingest';
import { createQuoteEvents } from '../src/services/quote-events';
import { createApp } from '../src/yoga';
import { corpusShape, generateArticles } from './articles';
import { readmeCrossReference, readmeEntityPage } from './readme-queries';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};
const flag = (name: string) => process.argv.includes(`--${name}`);
const articleCount = Number(arg('articles', '2000'));
const seed = Number(arg('seed', '7'));
const readSeconds = Number(arg('reads-seconds', '5'));
const block = Number(arg('block', '1000'));
const batchSize = Number(arg('batch-size', '100'));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
const quantile = (xs: number[], q: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * q))] ?? Number.NaN;

interface StatementTime {
  calls: number;
  ms: number;
  /** CPU time of the Postgres backend that ran it (server on this machine), which load beside it does not inflate. */
  cpuMs: number;
}
const profile = new Map<string, StatementTime>();
/** The same per block of the ingest, so that an early block's statements can be set beside a late one's. */
let blockProfile = new Map<string, StatementTime>();
const blockProfiles: Array<{ label: string; articles: number; statements: Map<string, StatementTime> }> = [];
/** Wall time of the ingest loop: storing batches, and waiting for the next batch's extraction. */
const stages = { store: 0, storeCpu: 0, extractionWait: 0 };

/** The statement's text with its parameters and numbers folded, as a key of the profile. */
const statementKey = (text: string) =>
  text
    .replace(/\$\d+/g, '$')
    .replace(/(\(\$(, \$)*\),? ?)+/g, '(…)')
    .replace(/\s+/g, ' ')
    .slice(0, 140);

/**
 * CPU ms a thread has run, from /proc/<pid>/task/<tid>/schedstat (nanoseconds, unlike the clock
 * ticks of /proc/<pid>/stat); null when it cannot be read (another machine, PGlite, no pid).
 */
function threadCpuMs(pid: number | null | undefined, tid = pid): number | null {
  if (!pid) return null;
  try {
    return Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]) / 1e6;
  } catch {
    return null;
  }
}

/** Adds the time of a query's promise to its statement's entry, and its backend's CPU time. */
function timed<T>(text: string, result: T, backendPid?: number | null): T {
  const start = performance.now();
  const cpuStart = threadCpuMs(backendPid);
  if (result instanceof Promise) {
    result.then(
      () => {
        const key = statementKey(text);
        const ms = performance.now() - start;
        const cpuEnd = cpuStart === null ? null : threadCpuMs(backendPid);
        const cpuMs = cpuStart === null || cpuEnd === null ? 0 : cpuEnd - cpuStart;
        for (const map of [profile, blockProfile]) {
          const t = map.get(key) ?? { calls: 0, ms: 0, cpuMs: 0 };
          t.calls++;
          t.ms += ms;
          t.cpuMs += cpuMs;
          map.set(key, t);
        }
      },
      () => {},
    );
  }
  return result;
}

/** Times every query a pg client sends. */
function profileClients(): void {
  const original = pg.Client.prototype.query as (...args: unknown[]) => unknown;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const first = args[0] as string | { text?: string };
    const text = typeof first === 'string' ? first : (first?.text ?? '?');
    const pid = (this as unknown as { processID: number | null }).processID;
    return timed(text, original.apply(this, args), pid);
  } as typeof pg.Client.prototype.query;
}

/** Times every query PGlite runs, in transactions too (each gets its own query function). */
function profilePglite(): void {
  type Query = (text: string, ...rest: unknown[]) => Promise<unknown>;
  const proto = PGlite.prototype as unknown as {
    query: Query;
    transaction: (cb: (tx: unknown) => unknown) => unknown;
  };
  const query = proto.query;
  proto.query = function (this: PGlite, text: string, ...rest: unknown[]) {
    return timed(text, query.call(this, text, ...rest));
  };
  const transaction = proto.transaction;
  proto.transaction = function (this: PGlite, callback: (tx: unknown) => unknown) {
    return transaction.call(this, (tx: unknown) => {
      const inner = tx as { query: Query };
      const txQuery = inner.query.bind(inner);
      inner.query = (text: string, ...rest: unknown[]) => timed(text, txQuery(text, ...rest));
      return callback(tx);
    });
  };
}

/**
 * CPU seconds of the Postgres backends serving this database (from /proc: the server runs on this
 * machine), so that a run can be told apart from the load beside it: wall time on a busy machine
 * says more about the other work than about the ingest. Null when /proc cannot be read.
 */
async function backendCpuMs(database: Database): Promise<Map<number, number> | null> {
  if (database.driver !== 'postgres') return null;
  const result = (await database.db.execute(
    sql`select pid from pg_stat_activity where datname = current_database()`,
  )) as unknown as { rows: Array<{ pid: number }> };
  const ms = new Map<number, number>();
  for (const { pid } of result.rows) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
      // utime and stime, fields 14 and 15 of stat, in clock ticks (100 a second on Linux)
      ms.set(pid, (Number(fields[11]) + Number(fields[12])) * 10);
    } catch {
      return null;
    }
  }
  return ms;
}

/** CPU ms the backends spent between two readings (those alive at the second). */
const backendCpuSpent = (start: Map<number, number>, end: Map<number, number>) =>
  [...end].reduce((sum, [pid, ms]) => sum + ms - (start.get(pid) ?? 0), 0);

async function ingestCorpus(database: Database): Promise<void> {
  const rates: number[] = [];
  const articles = generateArticles({ articles: articleCount, seed });
  const nextInputs = () => {
    const inputs: IngestInput[] = [];
    while (inputs.length < batchSize) {
      const next = articles.next();
      if (next.done) break;
      inputs.push({ content: next.value.content, format: 'markdown' });
    }
    return inputs;
  };
  // as npm run ingest does: the echo step's texts kept from one batch to the next
  const echoCache = new EchoCache();
  const cpuStart = process.cpuUsage();
  const backendStart = await backendCpuMs(database);
  let blockStart = performance.now();
  const allStart = blockStart;
  let done = 0;
  let nextBlock = block;
  // as npm run ingest does: the next batch is extracted while one is stored
  let inputs = nextInputs();
  let extracting = extractBatch(inputs);
  while (inputs.length) {
    const waitStart = performance.now();
    const extracted = await extracting;
    stages.extractionWait += performance.now() - waitStart;
    const stored = inputs.length;
    inputs = nextInputs();
    extracting = extractBatch(inputs);
    const storeStart = performance.now();
    const storeCpuStart = threadCpuMs(process.pid);
    const outcomes = await storeBatch(database.db, extracted, { echoCache });
    stages.store += performance.now() - storeStart;
    stages.storeCpu += (threadCpuMs(process.pid) ?? 0) - (storeCpuStart ?? 0);
    const failed = outcomes.find((o) => o.status !== 'new');
    if (failed) throw new Error(`an article was not stored as new: ${JSON.stringify(failed)}`);
    done += stored;
    while (done >= nextBlock || (done === articleCount && nextBlock - block < done)) {
      const from = nextBlock - block;
      const upTo = Math.min(nextBlock, done);
      const rate = ((upTo - from) / (performance.now() - blockStart)) * 1000;
      rates.push(rate);
      console.log(`ingest       articles ${from + 1}–${upTo}: ${rate.toFixed(1)} articles/s`);
      blockProfiles.push({ label: `${from + 1}–${upTo}`, articles: upTo - from, statements: blockProfile });
      blockProfile = new Map();
      blockStart = performance.now();
      nextBlock += block;
    }
  }
  const total = (articleCount / (performance.now() - allStart)) * 1000;
  const cpu = process.cpuUsage(cpuStart);
  const backendEnd = await backendCpuMs(database);
  const first = rates[0] ?? Number.NaN;
  const last = rates[rates.length - 1] ?? Number.NaN;
  const perArticle = (ms: number) => `${(ms / articleCount).toFixed(2)} ms/article`;
  console.log(
    `stages       storing ${perArticle(stages.store)} (CPU of Node's storing thread ${perArticle(stages.storeCpu)}), waiting for extraction ${perArticle(stages.extractionWait)}`,
  );
  // a backend that ended during the run (the pool closes idle ones) is not counted: a lower bound
  const backend =
    backendStart && backendEnd
      ? `, Postgres backends ${perArticle(backendCpuSpent(backendStart, backendEnd))}`
      : '';
  console.log(
    `cpu          Node ${perArticle((cpu.user + cpu.system) / 1000)} (every thread: storing and the extraction workers)${backend}`,
  );
  console.log(
    `ingest       ${articleCount} articles in batches of ${batchSize}: ${total.toFixed(1)} articles/s overall; last ${block} at ${((last / first) * 100).toFixed(0)}% of the first ${block}`,
  );
}

async function readBench(database: Database): Promise<void> {
  const db = database.db;
  const count = async (table: string) =>
    Number(
      (
        (await db.execute(sql.raw(`select count(*)::int as n from ${table}`))) as unknown as {
          rows: Array<{ n: number }>;
        }
      ).rows[0]?.n,
    );
  console.log(
    `stored       ${await count('articles')} articles, ${await count('quotes')} quotes, ${await count('entities')} entities, ${await count('quote_echo_links')} echo links (${await count('quote_echoes')} stored, the rest exact copies)`,
  );
  await db.execute(sql`analyze`);
  const top = (
    (await db.execute(sql`
      select e.slug, (select a.slug from quote_about qa join quotes q2 on q2.id = qa.quote_id join entities a on a.id = qa.entity_id
        where q2.speaker_id = e.id and qa.entity_id <> e.id group by a.id order by count(*) desc limit 1) as about
      from entities e join quotes q on q.speaker_id = e.id
      where e.kind = 'person' group by e.id order by count(*) desc limit 1`)) as unknown as {
      rows: Array<{ slug: string; about: string | null }>;
    }
  ).rows[0];
  if (!top) throw new Error('no speaker stored');
  const entityPage = readmeEntityPage(top.slug);
  const xref = readmeCrossReference('the next generation');
  const app = createApp({ db, events: createQuoteEvents() });
  const idOf = async (slug: string) => {
    const res = await app.fetch('http://bench/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ entity(slug: "${slug}") { id } }` }),
    });
    return ((await res.json()) as { data: { entity: { id: string } } }).data.entity.id;
  };
  const speakerAbout = `{ quotes(filter: { speaker: "${await idOf(top.slug)}", about: "${await idOf(top.about ?? top.slug)}" },
    orderBy: { field: PUBLISHED_AT, direction: DESC }, first: 20) {
    totalCount pageInfo { hasNextPage endCursor }
    nodes { text kind confidence speakerText context speaker { name } article { title url publishedAt } } } }`;
  const simplePage = `{ entity(slug: "${top.slug}") { name quotes(first: 20, orderBy: { field: PUBLISHED_AT, direction: DESC }) {
    totalCount nodes { text article { title publishedAt } } } } }`;
  const run = async (query: string) => {
    const start = performance.now();
    const res = await app.fetch('http://bench/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query }),
    });
    const body = (await res.json()) as { errors?: unknown };
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return performance.now() - start;
  };
  const queries = [
    ['entity page (README)', entityPage],
    ['cross-reference (README)', xref],
    ['quotes(speaker, about)', speakerAbout],
    ['entity → 20 quotes', simplePage],
  ] as const;
  for (const [, q] of queries) for (let i = 0; i < 3; i++) await run(q);
  // interleaved rounds: each round runs every query once, so load from other work hits all alike
  const times = new Map<string, number[]>(queries.map(([label]) => [label, []]));
  const rounds = 30;
  for (let r = 0; r < rounds; r++) for (const [label, q] of queries) times.get(label)?.push(await run(q));
  console.log(`reads        speaker ${top.slug}; ${rounds} interleaved rounds, one request at a time`);
  for (const [label] of queries) {
    const t = times.get(label) ?? [];
    console.log(
      `  ${label.padEnd(26)} median ${median(t).toFixed(2)} ms, p99 ${quantile(t, 0.99).toFixed(2)} ms`,
    );
  }
  for (const concurrency of [2, 8]) {
    for (const [label, q] of queries) {
      const lat: number[] = [];
      const started = performance.now();
      const end = started + (readSeconds * 1000) / queries.length;
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          while (performance.now() < end) lat.push(await run(q));
        }),
      );
      // the requests under way at the deadline finish after it: divide by the time they took
      const seconds = (performance.now() - started) / 1000;
      console.log(
        `  ${label.padEnd(26)} ${concurrency} at once: ${(lat.length / seconds).toFixed(0)} req/s, p99 ${quantile(lat, 0.99).toFixed(1)} ms`,
      );
    }
  }
}

async function main(): Promise<void> {
  const shape = corpusShape(articleCount);
  console.log(
    `corpus       ${articleCount} generated articles (seed ${seed}), ~12 quotes each, ${shape.people} people, ${shape.stories} stories`,
  );
  if (flag('profile')) profileClients();
  if (flag('pglite')) {
    const database = await openDatabase({ statementTimeoutMs: 120_000 });
    await migrate(database);
    if (flag('profile')) profilePglite();
    await ingestCorpus(database);
    if (flag('profile')) printProfile();
    await readBench(database);
    await database.close();
    return;
  }
  const url = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `${arg('db-prefix', 'quotegraph_perf_scale')}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const u = new URL(url);
  u.pathname = `/${name}`;
  console.log(`database     ${u.toString()}`);
  const database = await openDatabase({
    url: u.toString(),
    statementTimeoutMs: 120_000,
    onPoolError: () => {},
  });
  try {
    await migrate(database);
    await createApiKey(database.db, 'bench', 'reader');
    await ingestCorpus(database);
    if (flag('profile')) printProfile();
    await readBench(database);
  } finally {
    await database.close();
    if (!flag('keep')) await admin.query(`drop database ${name} with (force)`);
    await admin.end();
  }
}

const sqlTime = (statements: Map<string, StatementTime>, of: 'ms' | 'cpuMs' = 'ms') =>
  [...statements.values()].reduce((s, t) => s + t[of], 0);

/**
 * The statements by the CPU time of their backend (the server on this machine; by time at the
 * client otherwise, PGlite's included), which load beside the run inflates far less.
 */
function printProfile(): void {
  const of = sqlTime(profile, 'cpuMs') > 0 ? 'cpuMs' : 'ms';
  const rows = [...profile.entries()].sort((a, b) => b[1][of] - a[1][of]).slice(0, 15);
  const perArticle = (ms: number, n = articleCount) => (ms / n).toFixed(2).padStart(7);
  console.log(
    `profile      SQL time ${(sqlTime(profile) / 1000).toFixed(1)} s at the client over ${articleCount} articles (${perArticle(sqlTime(profile))} ms/article), backend CPU ${perArticle(sqlTime(profile, 'cpuMs'))} ms/article`,
  );
  console.log('  ms/article at the client | backend CPU | calls');
  for (const [key, t] of rows)
    console.log(`  ${perArticle(t.ms)} | ${perArticle(t.cpuMs)} | ${String(t.calls).padStart(6)}  ${key}`);
  const first = blockProfiles[0];
  const last = blockProfiles[blockProfiles.length - 1];
  if (!first || !last || first === last) return;
  // the statements of the first and the last block side by side, largest in the last first
  const inBlock = (b: typeof first, key: string) => b.statements.get(key)?.[of] ?? 0;
  const total = (b: typeof first) => perArticle(sqlTime(b.statements, of), b.articles).trim();
  console.log(
    `profile      by block, ${of === 'cpuMs' ? 'backend CPU' : 'at the client'}, ms/article: articles ${first.label} (SQL ${total(first)}) | articles ${last.label} (SQL ${total(last)})`,
  );
  const keys = [...new Set([...first.statements.keys(), ...last.statements.keys()])]
    .sort((a, b) => inBlock(last, b) / last.articles - inBlock(last, a) / last.articles)
    .slice(0, 10);
  for (const key of keys)
    console.log(
      `  ${perArticle(inBlock(first, key), first.articles)} | ${perArticle(inBlock(last, key), last.articles)}  ${key}`,
    );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
