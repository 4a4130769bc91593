import { sql } from 'drizzle-orm';
import { generateArticles } from '../../bench/articles';
import type { Database } from '../../src/db/client';
import { rowsOf } from '../../src/services/echoes';
import { ingestBatch } from '../../src/services/ingest';
import { ingestItem } from '../../src/services/ingest-files';
import { countQuotes } from '../../src/services/quote-query';
import { createTestApp } from '../support/app';
import { openTestDatabase } from '../support/database';

// The summaries kept per entity (entity_summaries, entity_days, entity_co_mentions, entity_outlets)
// must equal what the stored mentions and quotes give when counted from scratch, whatever changed
// them: a batch, single articles, a merge, a re-attribution, a deleted article.

const generated = [...generateArticles({ articles: 24, seed: 5 })].map((a) => ({
  content: a.content,
  format: 'markdown' as const,
}));

const articleDate = 'coalesce(a.published_at, a.ingested_at)';

/** Each summary table as it is, and as counted from the stored rows, in one order. */
const tables: Record<string, { kept: string; counted: string }> = {
  totals: {
    kept: `select entity_id, mention_count, article_count, quote_count, quotes_about_count, first_seen_at, last_seen_at
           from entity_summaries`,
    counted: `select id as entity_id, mention_count, article_count, quote_count, quotes_about_count, first_seen_at, last_seen_at from (
        select e.id,
          (select count(*) from mentions m where m.entity_id = e.id)::int as mention_count,
          (select count(distinct m.article_id) from mentions m where m.entity_id = e.id)::int as article_count,
          (select count(*) from quotes q where q.speaker_id = e.id)::int as quote_count,
          (select count(*) from quote_about qa where qa.entity_id = e.id)::int as quotes_about_count,
          (select min(${articleDate}) from mentions m join articles a on a.id = m.article_id where m.entity_id = e.id) as first_seen_at,
          (select max(${articleDate}) from mentions m join articles a on a.id = m.article_id where m.entity_id = e.id) as last_seen_at
        from entities e) c
      where mention_count + quote_count + quotes_about_count > 0`,
  },
  days: {
    kept: 'select entity_id, day, mentions, articles, quotes from entity_days',
    counted: `select entity_id, day, sum(mentions)::int as mentions, sum(articles)::int as articles, sum(quotes)::int as quotes from (
        select m.entity_id, date_trunc('day', ${articleDate}, 'UTC') as day, count(*) as mentions,
          count(distinct m.article_id) as articles, 0 as quotes
        from mentions m join articles a on a.id = m.article_id group by 1, 2
        union all
        select q.speaker_id, date_trunc('day', ${articleDate}, 'UTC'), 0, 0, count(*)
        from quotes q join articles a on a.id = q.article_id where q.speaker_id is not null group by 1, 2) c
      group by 1, 2`,
  },
  coMentions: {
    kept: 'select entity_id, other_id, articles from entity_co_mentions',
    counted: `select x.entity_id, y.entity_id as other_id, count(distinct x.article_id)::int as articles
      from mentions x join mentions y on y.article_id = x.article_id and y.entity_id <> x.entity_id group by 1, 2`,
  },
  outlets: {
    kept: 'select entity_id, outlet_id, articles from entity_outlets',
    counted: `select m.entity_id, a.outlet_id, count(distinct a.id)::int as articles
      from mentions m join articles a on a.id = m.article_id where a.outlet_id is not null group by 1, 2`,
  },
};

async function rows(database: Database, query: string) {
  const result = await database.db.execute(sql.raw(`select * from (${query}) t order by 1, 2`));
  return rowsOf<Record<string, unknown>>(result).map((r) =>
    Object.fromEntries(
      Object.entries(r).map(([k, v]) => [k, v instanceof Date ? v.toISOString() : String(v)]),
    ),
  );
}

/**
 * Each speaker's first reports as kept, and as the distinct filter counts them from the quotes
 * (countQuotes, what the API answered before the summary kept them), for every entity.
 */
async function firstReports(database: Database) {
  const kept = new Map(
    rowsOf<{ entity_id: number; n: number }>(
      await database.db.execute(
        sql.raw(
          'select entity_id, first_direct_quote_count as n from entity_summaries where first_direct_quote_count <> 0',
        ),
      ),
    ).map((r) => [Number(r.entity_id), Number(r.n)]),
  );
  const speakers = rowsOf<{ id: number }>(
    await database.db.execute(
      sql.raw('select distinct speaker_id as id from quotes where speaker_id is not null'),
    ),
  ).map((r) => Number(r.id));
  const counted = new Map<number, number>();
  for (const id of speakers) {
    const n = await countQuotes(database.db, { speakerIds: [id], kind: 'direct', distinct: true });
    if (n) counted.set(id, n);
  }
  const sorted = (m: Map<number, number>) => [...m].sort((a, b) => a[0] - b[0]);
  return { kept: sorted(kept), counted: sorted(counted) };
}

async function expectSummariesCounted(database: Database) {
  for (const [name, { kept, counted }] of Object.entries(tables)) {
    const expected = await rows(database, counted);
    expect(expected.length).toBeGreaterThan(0);
    expect({ name, rows: await rows(database, kept) }).toEqual({ name, rows: expected });
  }
  const { kept, counted } = await firstReports(database);
  expect(counted.length).toBeGreaterThan(0);
  expect({ name: 'first direct reports', rows: kept }).toEqual({
    name: 'first direct reports',
    rows: counted,
  });
}

let database: Database;
let api: ReturnType<typeof createTestApp>;
let editor: Record<string, string>;

beforeAll(async () => {
  database = await openTestDatabase();
  api = createTestApp(database);
  editor = await api.editorHeaders();
  // half in one batch, half one at a time: both store paths
  const half = generated.length / 2;
  const outcomes = await ingestBatch(database.db, generated.slice(0, half));
  expect(outcomes.map((o) => o.status)).toEqual(outcomes.map(() => 'new'));
  for (const [i, input] of generated.slice(half).entries())
    expect((await ingestItem(database.db, { source: `generated ${i}`, input })).status).toBe('new');
});

afterAll(() => database.close());

const globalId = (type: string, id: number | undefined) => Buffer.from(`${type}:${id}`).toString('base64');
const one = async <T>(query: string) => rowsOf<T>(await database.db.execute(sql.raw(query)))[0] as T;

test('after ingest, batched and one at a time', async () => {
  await expectSummariesCounted(database);
});

/** The ids of the direct quotes no earlier direct quote of their speaker echoes or copies. */
async function firstReportIds(): Promise<Set<number>> {
  const speakers = rowsOf<{ id: number }>(
    await database.db.execute(
      sql.raw('select distinct speaker_id as id from quotes where speaker_id is not null'),
    ),
  );
  const ids = rowsOf<{ id: number }>(
    await database.db.execute(
      sql`select id from first_direct_reports(${`{${speakers.map((r) => r.id).join(',')}}`}::int[], 'speaker', '{}')`,
    ),
  );
  return new Set(ids.map((r) => Number(r.id)));
}

test('the distinct direct quotes counted are those the README entity page lists, and some quotes are not', async () => {
  const top = await one<{ slug: string; quotes: number; firsts: number }>(
    `select e.slug, s.first_direct_quote_count as firsts,
       (select count(*)::int from quotes q where q.speaker_id = e.id and q.kind = 'direct') as quotes
     from entity_summaries s join entities e on e.id = s.entity_id order by s.quote_count desc, e.id limit 1`,
  );
  // the generator repeats and restates a story's statements: echoes and copies of one speaker
  expect(top.firsts).toBeGreaterThan(0);
  expect(top.firsts).toBeLessThan(top.quotes);
  const page = await api.query<{ entity: { quotes: { totalCount: number } } }>(
    `{ entity(slug: "${top.slug}") { quotes(first: 2, filter: { kind: DIRECT, distinct: true }) { totalCount } } }`,
  );
  expect(page.entity.quotes.totalCount).toBe(top.firsts);
});

test('after an article published before the reports it repeats, ingested after them', async () => {
  const before = await firstReportIds();
  // a generated article again, under another address and dated before all the others: its copies
  // of the stories' statements are now their first reports
  const source = generated[generated.length - 1]?.content ?? '';
  const backdated = source
    .replace(/^publishedAt: .*$/m, 'publishedAt: 2023-06-01T09:00:00.000Z')
    .replace(/^url: .*$/m, 'url: https://backdated.example/2023-06-01/1')
    .replace(/^title: /m, 'title: Earlier: ');
  expect(backdated).not.toBe(source);
  const outcome = await ingestItem(database.db, {
    source: 'backdated',
    input: { content: backdated, format: 'markdown' },
  });
  expect(outcome.status).toBe('new');
  const after = await firstReportIds();
  // reports that were first are first no longer
  expect([...before].filter((id) => !after.has(id)).length).toBeGreaterThan(0);
  await expectSummariesCounted(database);
});

test('after a merge', async () => {
  // the two most quoted people, so that quotes, mentions, co-mentions and days all move
  const top = rowsOf<{ id: number }>(
    await database.db.execute(
      sql.raw(`select e.id from entities e join quotes q on q.speaker_id = e.id where e.kind = 'person'
        group by e.id order by count(*) desc, e.id limit 2`),
    ),
  );
  const [target, source] = top.map((r) => Number(r.id));
  const merged = await api.query<{ mergeEntities: { userErrors: unknown[] } }>(
    `mutation($input: MergeEntitiesInput!) { mergeEntities(input: $input) { userErrors { field message } } }`,
    { input: { target: globalId('Person', target), sources: [globalId('Person', source)] } },
    editor,
  );
  expect(merged.mergeEntities.userErrors).toEqual([]);
  expect(
    await one<{ n: number }>(`select count(*)::int as n from mentions where entity_id = ${source}`),
  ).toEqual({
    n: 0,
  });
  await expectSummariesCounted(database);
});

test('after a re-attribution, and after an article is deleted', async () => {
  // a first report that a later copy by the same speaker follows: the copy becomes first
  const quote = await one<{ id: number; speaker_id: number }>(
    `select q.id, q.speaker_id from quotes q join articles a on a.id = q.article_id
     where q.kind = 'direct' and exists (
       select 1 from quotes c join articles ca on ca.id = c.article_id
       where c.normalized_hash = q.normalized_hash and c.speaker_id = q.speaker_id and c.kind = 'direct'
         and ca.published_at > a.published_at)
     order by q.id limit 1`,
  );
  const other = await one<{ id: number }>(
    `select id from entities where kind = 'person' and merged_into_id is null and id <> ${quote.speaker_id} order by id limit 1`,
  );
  const reattributed = await api.query<{ reattributeQuote: { userErrors: unknown[] } }>(
    `mutation($input: ReattributeQuoteInput!) { reattributeQuote(input: $input) { userErrors { field message } } }`,
    {
      input: {
        quote: globalId('Quote', quote.id),
        speaker: globalId('Person', other.id),
      },
    },
    editor,
  );
  expect(reattributed.reattributeQuote.userErrors).toEqual([]);
  await expectSummariesCounted(database);

  // the backdated article: the reports it took first place from take it back
  const article = await one<{ id: number }>(
    `select id from articles where url = 'https://backdated.example/2023-06-01/1'`,
  );
  const deleted = await api.query<{ deleteArticle: { userErrors: unknown[] } }>(
    `mutation($input: DeleteArticleInput!) { deleteArticle(input: $input) { userErrors { field message } } }`,
    { input: { id: globalId('Article', article.id) } },
    editor,
  );
  expect(deleted.deleteArticle.userErrors).toEqual([]);
  await expectSummariesCounted(database);
});
