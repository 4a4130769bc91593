// npx tsx bench/read-scale.ts --database postgres://…/db [--database postgres://…/other] [--source DIR]…
//   [--rounds R] [--requests N] [--only TEXT]
// Read latencies of the README's queries against one or more databases (e.g. filled by
// bench/read-corpus.ts at two sizes), in this process through yoga.fetch (no HTTP), in
// interleaved rounds: each round runs every query N times on every database, one request at a
// time. Prints the median over rounds of each query's p50 and of its requests/s, per database.
// With --source, the API of each source tree given (an export of another branch, its node_modules
// beside it; "." is this one) answers on every database, side by side in the same rounds.
// --only keeps the queries whose name holds TEXT.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { openDatabase as OpenDatabase } from '../src/db/client';
import type { createQuoteEvents as CreateQuoteEvents } from '../src/services/quote-events';
import type { createApp as CreateApp } from '../src/yoga';
import { readmeCrossReference, readmeEntityPage } from './readme-queries';

const values = (name: string) =>
  process.argv.flatMap((a, i) => (a === `--${name}` ? [process.argv[i + 1] ?? ''] : []));
const rounds = Number(values('rounds')[0] ?? 5);
const requests = Number(values('requests')[0] ?? 20);
const only = values('only')[0];
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

const queries = (slug: string, aboutId: string, speakerId: string): Record<string, string> =>
  Object.fromEntries(
    Object.entries({
      'entity page (20 newest quotes, article title/date, totalCount)': `{ entity(slug: "${slug}") { name quotes(first: 20) { totalCount nodes { text article { title publishedAt } } } } }`,
      "README's entity page": readmeEntityPage(slug),
      "README's cross-reference": readmeCrossReference('ceasefire talks'),
      'quotes(filter: {speaker, about})': `{ quotes(first: 20, filter: { speaker: "${speakerId}", about: "${aboutId}" }) { totalCount nodes { text article { title } } } }`,
      'search (full text, first 20)': `{ search(query: "ceasefire sanctions", first: 20) { totalCount nodes { kind score snippet } } }`,
    }).filter(([name]) => !only || name.includes(only)),
  );

/** The API of a source tree: its own modules, loaded apart from this checkout's. */
async function apiOf(source: string) {
  const at = (file: string) => pathToFileURL(resolve(source, file)).href;
  const [{ openDatabase }, { createQuoteEvents }, { createApp }] = (await Promise.all([
    import(at('src/db/client.ts')),
    import(at('src/services/quote-events.ts')),
    import(at('src/yoga.ts')),
  ])) as [
    { openDatabase: typeof OpenDatabase },
    { createQuoteEvents: typeof CreateQuoteEvents },
    { createApp: typeof CreateApp },
  ];
  return { openDatabase, createQuoteEvents, createApp };
}

async function main(): Promise<void> {
  const urls = values('database');
  if (!urls.length) throw new Error('--database postgres://… (one or more)');
  const sources = values('source').length ? values('source') : ['.'];
  const apis = await Promise.all(sources.map(apiOf));
  const pairs = urls.flatMap((url) => sources.map((source, i) => ({ url, source, api: apis[i] as Api })));
  const targets = await Promise.all(
    pairs.map(async ({ url: databaseUrl, source, api: { openDatabase, createQuoteEvents, createApp } }) => {
      const label = databaseUrl.replace(/.*\//, '') + (sources.length > 1 ? `, API of ${source}` : '');
      const url = `${databaseUrl} ${source}`;
      const database = await openDatabase({ url: databaseUrl, poolSize: 4 });
      const app = createApp({ db: database.db, events: createQuoteEvents() }, { rateLimitPoints: 1e12 });
      const post = async (query: string) => {
        const res = await app.fetch('http://bench/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query }),
        });
        const body = (await res.json()) as { data?: Record<string, unknown>; errors?: unknown };
        if (body.errors) throw new Error(`${url}: ${JSON.stringify(body.errors)}`);
        return body.data as Record<string, never>;
      };
      // the most quoted person, and the entity their quotes are most often about
      const { rows } = (await database.db.execute(
        `select e.slug, e.id as speaker, (select qa.entity_id from quote_about qa join quotes q on q.id = qa.quote_id
           where q.speaker_id = e.id group by 1 order by count(*) desc limit 1) as about
         from entities e join entity_summaries s on s.entity_id = e.id where e.kind = 'person'
         order by s.quote_count desc, e.id limit 1`,
      )) as unknown as { rows: Array<{ slug: string; speaker: number; about: number }> };
      const pick = rows[0];
      if (!pick) throw new Error(`${url}: no quoted person`);
      const kinds = (await database.db.execute(
        `select kind from entities where id = ${Number(pick.about)}`,
      )) as unknown as { rows: Array<{ kind: string }> };
      const typename = { person: 'Person', organization: 'Organization', place: 'Place' } as const;
      const globalId = (type: string, id: number) => Buffer.from(`${type}:${id}`).toString('base64');
      const aboutType = typename[(kinds.rows[0]?.kind ?? 'person') as keyof typeof typename];
      const size = (await database.db.execute('select count(*)::int as n from articles')) as unknown as {
        rows: Array<{ n: number }>;
      };
      return {
        url,
        label,
        database,
        post,
        articles: Number(size.rows[0]?.n ?? 0),
        queries: queries(
          pick.slug,
          globalId(aboutType, Number(pick.about)),
          globalId('Person', Number(pick.speaker)),
        ),
      };
    }),
  );
  const results = new Map<string, { p50: number[]; rps: number[] }>();
  for (const t of targets) for (const q of Object.values(t.queries)) await t.post(q);
  for (let r = 0; r < rounds; r++) {
    for (const t of r % 2 ? [...targets].reverse() : targets) {
      for (const [name, query] of Object.entries(t.queries)) {
        const times: number[] = [];
        const started = performance.now();
        for (let i = 0; i < requests; i++) {
          const at = performance.now();
          await t.post(query);
          times.push(performance.now() - at);
        }
        const key = `${t.url}\t${name}`;
        const entry = results.get(key) ?? { p50: [], rps: [] };
        entry.p50.push(median(times));
        entry.rps.push(requests / ((performance.now() - started) / 1000));
        results.set(key, entry);
      }
    }
  }
  for (const t of targets) {
    console.log(`${t.articles} articles (${t.label}):`);
    for (const name of Object.keys(t.queries)) {
      const e = results.get(`${t.url}\t${name}`);
      if (e)
        console.log(
          `  ${name.padEnd(62)} p50 ${median(e.p50).toFixed(1).padStart(7)} ms  ${median(e.rps).toFixed(0).padStart(5)} req/s`,
        );
    }
  }
  await Promise.all(targets.map((t) => t.database.close()));
  process.exit(0);
}

type Api = Awaited<ReturnType<typeof apiOf>>;

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
