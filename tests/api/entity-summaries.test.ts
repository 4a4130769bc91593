import { sql } from 'drizzle-orm';
import { generateArticles } from '../../bench/articles';
import type { Database } from '../../src/db/client';
import { rowsOf } from '../../src/services/echoes';
import { ingestBatch } from '../../src/services/ingest';
import { ingestItem } from '../../src/services/ingest-files';
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

async function expectSummariesCounted(database: Database) {
  for (const [name, { kept, counted }] of Object.entries(tables)) {
    const expected = await rows(database, counted);
    expect(expected.length).toBeGreaterThan(0);
    expect({ name, rows: await rows(database, kept) }).toEqual({ name, rows: expected });
  }
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
  const quote = await one<{ id: number; speaker_id: number }>(
    `select id, speaker_id from quotes where speaker_id is not null order by id limit 1`,
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

  const article = await one<{ id: number }>('select article_id as id from quotes order by id limit 1');
  const deleted = await api.query<{ deleteArticle: { userErrors: unknown[] } }>(
    `mutation($input: DeleteArticleInput!) { deleteArticle(input: $input) { userErrors { field message } } }`,
    { input: { id: globalId('Article', article.id) } },
    editor,
  );
  expect(deleted.deleteArticle.userErrors).toEqual([]);
  await expectSummariesCounted(database);
});
