// npx tsx bench/echoes.ts [--quotes 50000] [--rounds 15]
// The cost of cross-referencing at N stored quotes (a generated corpus, bench/corpus.ts), as medians:
// ingest per article with the echo step (and the echo step alone), how many of the echoes the rules
// give for the ingested quotes were stored, a page of 20 quotes with
// echoes/firstReported/occurrenceCount read from quote_echoes, the same 20 searched at read time as
// before quote_echoes, and `distinct` with totalCount. Runs on PGlite, or on the server named by
// DATABASE_URL in a database of its own, dropped afterwards.
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { type Database, type Db, openDatabase } from '../src/db/client';
import { migrate } from '../src/db/migrate';
import { ECHO_THRESHOLDS, rowsOf, storeEchoes } from '../src/services/echoes';
import { ingestArticle } from '../src/services/ingest';
import { createQuoteEvents } from '../src/services/quote-events';
import { createApp } from '../src/yoga';
import { type CorpusQuote, corpusQuotes, personName, restate, storeCorpus } from './corpus';

const arg = (name: string) => process.argv[process.argv.indexOf(`--${name}`) + 1];
const quoteCount = Number(arg('quotes')) || 50_000;
const rounds = Number(arg('rounds')) || 15;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
};
const fmt = (ms: number) => `${ms.toFixed(1)} ms`;

async function time(work: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}

/** An article of eight quotes: half restate stored quotes, half are new; attributed as reporters do. */
function articleText(i: number, stored: CorpusQuote[]): string {
  const fresh = corpusQuotes(4, 1000 + i).map((q) => q.text);
  const echoed = [0, 1, 2, 3].map((k) => {
    const q = stored[(i * 7919 + k * 104729) % stored.length] as CorpusQuote;
    return k % 2 ? restate(() => ((i + k) % 10) / 10, q.text) : q.text;
  });
  const paragraphs = [...fresh, ...echoed].map(
    (text, k) => `"${text.replace(/\.$/, ',')}" ${personName((i + k) % 400)} said on Tuesday.`,
  );
  return JSON.stringify({
    title: `Bench ingest ${i}`,
    url: `https://bench.example/${i}`,
    publishedAt: new Date(Date.UTC(2024, 0, 1) + i * 3_600_000).toISOString(),
    body: paragraphs.join('\n\n'),
  });
}

/** The echo step again for a stored article, in a transaction rolled back afterwards. */
async function timeEchoStep(db: Db, articleId: number): Promise<number> {
  let ms = 0;
  await db
    .transaction(async (tx) => {
      await tx.execute(sql`delete from quote_echoes where quote_id in (select id from quotes where article_id = ${articleId})
        or echo_id in (select id from quotes where article_id = ${articleId})`);
      const probes = rowsOf<{ id: number; normalizedText: string }>(
        await tx.execute(
          sql`select id, normalized_text as "normalizedText" from quotes where article_id = ${articleId}`,
        ),
      );
      await tx.execute(
        sql`delete from quote_shingles where quote_id in ${sql.raw(`(${probes.map((p) => p.id).join(',')})`)}`,
      );
      ms = await time(() => storeEchoes(tx, articleId, probes));
      tx.rollback();
    })
    .catch(() => undefined);
  return ms;
}

/**
 * How many of the echoes the rules give for the benchmark articles' quotes ingest stored: the
 * quote's links (exact, near, or the quote as a fragment of another), searched with the trigram
 * index over every stored quote as the read-time search did, against quote_echo_links.
 */
async function echoRecall(
  db: Db,
  articleIds: number[],
): Promise<{ rules: number; stored: number; missed: number }> {
  const inArticles = sql.raw(`(${articleIds.join(',')})`);
  let ruled: string[] = [];
  await db.transaction(async (tx) => {
    await tx.execute(
      sql`select set_config('pg_trgm.similarity_threshold', ${String(ECHO_THRESHOLDS.near)}, true),
        set_config('pg_trgm.word_similarity_threshold', ${String(ECHO_THRESHOLDS.fragment)}, true)`,
    );
    ruled = rowsOf<{ a: number; b: number }>(
      await tx.execute(sql`
        select q.id as a, o.id as b from quotes q cross join lateral (
          select o.id from quotes o
          where o.article_id <> q.article_id and (o.normalized_hash = q.normalized_hash
            or (o.normalized_text % q.normalized_text and similarity(o.normalized_text, q.normalized_text) >= ${ECHO_THRESHOLDS.near})
            or (o.normalized_text %> q.normalized_text and length(q.normalized_text) >= ${ECHO_THRESHOLDS.fragmentMinChars}
              and word_similarity(q.normalized_text, o.normalized_text) >= ${ECHO_THRESHOLDS.fragment}
              and (q.speaker_id is null or o.speaker_id is null or q.speaker_id = o.speaker_id)))) o
        where q.article_id in ${inArticles}`),
    ).map((r) => `${r.a}>${r.b}`);
  });
  const stored = new Set(
    rowsOf<{ a: number; b: number }>(
      await db.execute(sql`
        select e.quote_id as a, e.echo_id as b from quote_echo_links e
          join quotes q on q.id = e.quote_id join quotes o on o.id = e.echo_id
        where q.article_id in ${inArticles}
          and (not e.fragment or q.speaker_id is null or o.speaker_id is null or q.speaker_id = o.speaker_id)`),
    ).map((r) => `${r.a}>${r.b}`),
  );
  return { rules: ruled.length, stored: stored.size, missed: ruled.filter((p) => !stored.has(p)).length };
}

/**
 * Of the stored quotes an article restates (articleText's odd k), those the echo rules match with
 * one of its quotes, and how many of these ingest linked.
 */
async function restatementsLinked(db: Db, articleId: number, sources: number[]): Promise<[number, number]> {
  const [row] = rowsOf<{ matched: number; linked: number }>(
    await db.execute(sql`
      select count(*)::int as matched,
        count(*) filter (where exists (select 1 from quote_echo_links e where e.quote_id = q.id and e.echo_id = o.id))::int as linked
      from quotes q join quotes o on o.id in ${sql.raw(`(${sources.join(',')})`)}
      where q.article_id = ${articleId} and (o.normalized_hash = q.normalized_hash
        or similarity(o.normalized_text, q.normalized_text) >= ${ECHO_THRESHOLDS.near}
        or (length(q.normalized_text) >= ${ECHO_THRESHOLDS.fragmentMinChars}
          and word_similarity(q.normalized_text, o.normalized_text) >= ${ECHO_THRESHOLDS.fragment}
          and (q.speaker_id is null or o.speaker_id is null or q.speaker_id = o.speaker_id)))`),
  );
  return [row?.matched ?? 0, row?.linked ?? 0];
}

/** Quote.echoes as it was before quote_echoes: the trigram search for each quote at read time. */
async function searchAtReadTime(db: Db, quoteIds: number[]): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(
      sql`select set_config('pg_trgm.similarity_threshold', ${String(ECHO_THRESHOLDS.near)}, true),
        set_config('pg_trgm.word_similarity_threshold', ${String(ECHO_THRESHOLDS.fragment)}, true)`,
    );
    await tx.execute(sql`
      select q.id, e.id from quotes q cross join lateral (
        select o.id from quotes o join articles oa on oa.id = o.article_id
        where o.article_id <> q.article_id and (o.normalized_hash = q.normalized_hash
          or (o.normalized_text % q.normalized_text and similarity(o.normalized_text, q.normalized_text) >= 0.5)
          or (o.normalized_text %> q.normalized_text and length(q.normalized_text) >= 15
            and word_similarity(q.normalized_text, o.normalized_text) >= 0.8
            and (q.speaker_id is null or o.speaker_id is null or q.speaker_id = o.speaker_id)))
        order by coalesce(oa.published_at, oa.ingested_at), o.id limit 6) e
      where q.id in ${sql.raw(`(${quoteIds.join(',')})`)}`);
  });
}

/** totalCount of quotes(filter: { speaker, distinct: true }) as it was before quote_echoes. */
async function distinctAtReadTime(db: Db, speakerId: number): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(
      sql`select set_config('pg_trgm.similarity_threshold', ${String(ECHO_THRESHOLDS.near)}, true),
        set_config('pg_trgm.word_similarity_threshold', ${String(ECHO_THRESHOLDS.fragment)}, true)`,
    );
    await tx.execute(sql`
      select count(*) from quotes q join articles a on a.id = q.article_id
      where q.speaker_id = ${speakerId} and not exists (
        select 1 from quotes e join articles ea on ea.id = e.article_id
        where e.article_id <> q.article_id and e.speaker_id = ${speakerId}
          and (e.normalized_hash = q.normalized_hash
            or (e.normalized_text % q.normalized_text and similarity(e.normalized_text, q.normalized_text) >= 0.5)
            or (e.normalized_text %> q.normalized_text and length(q.normalized_text) >= 15
              and word_similarity(q.normalized_text, e.normalized_text) >= 0.8))
          and (coalesce(ea.published_at, 'infinity'::timestamptz), ea.ingested_at, ea.id, e.id)
            < (coalesce(a.published_at, 'infinity'::timestamptz), a.ingested_at, a.id, q.id))`);
  });
}

const PAGE = `query($after: String) { quotes(first: 20, after: $after, orderBy: { field: POSITION, direction: ASC }) {
  pageInfo { endCursor }
  nodes { id text occurrenceCount firstReported { id } echoes(first: 5) { edges { similarity exact node { id text } } } } } }`;
const PLAIN_PAGE = `query($after: String) { quotes(first: 20, after: $after, orderBy: { field: POSITION, direction: ASC }) {
  pageInfo { endCursor } nodes { id text } } }`;
const DISTINCT = `query($speaker: ID!) { quotes(first: 20, filter: { speaker: $speaker, distinct: true }) {
  totalCount nodes { id occurrenceCount } } }`;

async function run(label: string, database: Database): Promise<void> {
  const { db } = database;
  await migrate(database);
  let corpus: Array<CorpusQuote & { id: number }> = [];
  const seeded = await time(async () => {
    corpus = await storeCorpus(db, quoteCount);
  });
  const [links] = rowsOf<{ n: number }>(
    await db.execute(sql`select count(*)::int as n from quote_echo_links`),
  );
  console.log(`${label}: ${quoteCount} quotes stored in ${fmt(seeded)}, ${links?.n} echo links`);

  const ingest: number[] = [];
  const echoStep: number[] = [];
  const benchArticles: number[] = [];
  let restated = 0;
  let restatedLinked = 0;
  for (let i = 0; i < rounds; i++) {
    let articleId = 0;
    ingest.push(
      await time(async () => {
        articleId = (await ingestArticle(db, { content: articleText(i, corpus), format: 'json' })).articleId;
      }),
    );
    benchArticles.push(articleId);
    const sources = [1, 3].map((k) => (corpus[(i * 7919 + k * 104729) % corpus.length] as { id: number }).id);
    const [matched, linked] = await restatementsLinked(db, articleId, sources);
    restated += matched;
    restatedLinked += linked;
    echoStep.push(await timeEchoStep(db, articleId));
  }
  console.log(
    `${label}: ingest ${fmt(median(ingest))}/article (8 quotes), of which the echo step ${fmt(median(echoStep))}`,
  );
  console.log(
    `${label}: restatements of stored quotes the rules match ${restated}, linked ${restatedLinked}`,
  );
  const recall = await echoRecall(db, benchArticles);
  console.log(
    `${label}: the ingested quotes' echoes by the rules over all quotes ${recall.rules}, stored ${recall.stored}, missed ${recall.missed}`,
  );

  const app = createApp({ db, events: createQuoteEvents() });
  const query = async (text: string, variables: Record<string, unknown> = {}) => {
    const response = await app.fetch('http://bench/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: text, variables }),
    });
    const body = (await response.json()) as { errors?: unknown; data: unknown };
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data;
  };
  // Pages from the middle of the corpus, where the restatements have something to point at.
  const cursors: Array<string | null> = [null];
  for (let i = 0; i < rounds; i++) {
    const data = (await query(PAGE, { after: cursors.at(-1) })) as {
      quotes: { pageInfo: { endCursor: string } };
    };
    cursors.push(data.quotes.pageInfo.endCursor);
  }
  const page: number[] = [];
  for (const after of cursors.slice(0, rounds)) page.push(await time(() => query(PAGE, { after })));
  const plain: number[] = [];
  for (const after of cursors.slice(0, rounds)) plain.push(await time(() => query(PLAIN_PAGE, { after })));
  console.log(
    `${label}: a page of 20 quotes with echoes, firstReported, occurrenceCount ${fmt(median(page))} (the page alone ${fmt(median(plain))})`,
  );

  const before: number[] = [];
  for (let i = 0; i < Math.min(rounds, 5); i++) {
    const from = Math.floor(corpus.length / 2) + i * 20;
    const ids = corpus.slice(from, from + 20).map((q) => q.id);
    before.push(await time(() => searchAtReadTime(db, ids)));
  }
  console.log(`${label}: the same 20 quotes' echoes searched at read time (before) ${fmt(median(before))}`);

  const [speaker] = rowsOf<{ id: number; n: number }>(
    await db.execute(
      sql`select speaker_id as id, count(*)::int as n from quotes where speaker_id is not null
        group by speaker_id order by count(*) desc limit 1`,
    ),
  );
  const speakerId = Buffer.from(`Person:${speaker?.id}`).toString('base64');
  const distinct: number[] = [];
  for (let i = 0; i < rounds; i++) distinct.push(await time(() => query(DISTINCT, { speaker: speakerId })));
  const distinctBefore = await time(() => distinctAtReadTime(db, Number(speaker?.id)));
  console.log(
    `${label}: quotes(filter: { speaker, distinct: true }) { totalCount } over ${speaker?.n} quotes ${fmt(median(distinct))}; searched at read time (before, one run) ${fmt(distinctBefore)}`,
  );
}

async function main(): Promise<void> {
  console.log(`${quoteCount} quotes, ${rounds} rounds (medians)`);
  const url = process.env.DATABASE_URL;
  if (!url) {
    const database = await openDatabase({ statementTimeoutMs: 600_000 });
    await run('pglite', database);
    await database.close();
    return;
  }
  const name = `quotegraph_bench_echoes_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const u = new URL(url);
  u.pathname = `/${name}`;
  const database = await openDatabase({
    url: u.toString(),
    statementTimeoutMs: 600_000,
    // dropping the database below ends connections the pool may still be closing
    onPoolError: () => {},
  });
  try {
    await run('postgres', database);
  } finally {
    await database.close();
    await admin.query(`drop database ${name} with (force)`);
    await admin.end();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
