import { readFileSync } from 'node:fs';
import { jest } from '@jest/globals';
import { count, sql } from 'drizzle-orm';
import type { Database } from '../../src/db/client';
import { articles, entities, mentions, quotes, roles } from '../../src/db/schema';
import { createApiKey } from '../../src/services/api-keys';
import { createTestApp } from '../support/app';
import { openTestDatabase } from '../support/database';

const seed = readFileSync(new URL('../fixtures/seed-article.txt', import.meta.url), 'utf8');

const INGEST = `mutation($input: IngestArticleInput!) {
  ingestArticle(input: $input) {
    status created counts { quotes entities mentions roles }
    article { id title }
    userErrors { field message }
  }
}`;

interface IngestPayload {
  ingestArticle: {
    status: 'NEW' | 'UNCHANGED' | null;
    created: boolean;
    counts: { quotes: number; entities: number; mentions: number; roles: number } | null;
    article: { id: string; title: string } | null;
    userErrors: Array<{ field: string; message: string }>;
  };
}

let database: Database;
let api: ReturnType<typeof createTestApp>;
let editor: Record<string, string>;

beforeAll(async () => {
  database = await openTestDatabase();
  api = createTestApp(database);
  editor = await api.editorHeaders();
});

afterAll(() => database.close());

async function tableCounts() {
  const db = database.db;
  const one = async (
    table: typeof articles | typeof quotes | typeof entities | typeof mentions | typeof roles,
  ) => (await db.select({ n: count() }).from(table))[0]?.n ?? 0;
  return {
    articles: await one(articles),
    quotes: await one(quotes),
    entities: await one(entities),
    mentions: await one(mentions),
    roles: await one(roles),
  };
}

test('the same article twice, by content or by URL, is stored once and reported unchanged', async () => {
  const first = await api.query<IngestPayload>(
    INGEST,
    { input: { content: seed, url: 'https://news.example/a' } },
    editor,
  );
  expect(first.ingestArticle.status).toBe('NEW');
  expect(first.ingestArticle.created).toBe(true);
  expect(first.ingestArticle.counts?.quotes).toBeGreaterThanOrEqual(6);
  const before = await tableCounts();

  const again = await api.query<IngestPayload>(INGEST, { input: { content: seed } }, editor);
  expect(again.ingestArticle.status).toBe('UNCHANGED');
  expect(again.ingestArticle.created).toBe(false);
  expect(again.ingestArticle.article?.id).toBe(first.ingestArticle.article?.id);
  expect(again.ingestArticle.counts).toEqual(first.ingestArticle.counts);

  const sameUrl = await api.query<IngestPayload>(
    INGEST,
    { input: { content: `${seed}\n\nA correction appended later.`, url: 'https://news.example/a' } },
    editor,
  );
  expect(sameUrl.ingestArticle.status).toBe('UNCHANGED');
  expect(await tableCounts()).toEqual(before);
});

test('an entity seen in a second article is the same entity, matched by name or alias', async () => {
  const json = JSON.stringify({
    title: 'Kremlin again declines to comment',
    body: 'Dmitry Peskov, the Kremlin spokesman, declined to comment on Monday.\n\n“We have nothing to add,” Peskov said.',
    publishedAt: '2025-01-27T09:00:00Z',
    outlet: 'Example Wire',
  });
  const result = await api.query<IngestPayload>(INGEST, { input: { content: json, format: 'JSON' } }, editor);
  expect(result.ingestArticle.status).toBe('NEW');
  const data = await api.query<{
    entities: { totalCount: number };
    entity: { articles: { totalCount: number }; quotes: { nodes: Array<{ text: string }> } };
  }>(`{ entities(filter: { name: "peskov" }) { totalCount }
        entity(slug: "dmitry-peskov") { articles { totalCount } quotes(filter: { kind: DIRECT }) { nodes { text } } } }`);
  expect(data.entities.totalCount).toBe(1);
  expect(data.entity.articles.totalCount).toBe(2);
  expect(data.entity.quotes.nodes.map((q) => q.text)).toContain('We have nothing to add,');
});

test('a malformed article gets a user error naming the problem and stores nothing', async () => {
  const before = await tableCounts();
  const cases: Array<[Record<string, unknown>, string, RegExp]> = [
    [{ content: '' }, 'input.content', /empty/i],
    [{ content: '{"title": "x", ', format: 'JSON' }, 'input.content', /^json: /i],
    [{ content: JSON.stringify({ title: 'No body here' }), format: 'JSON' }, 'input.content', /^body: /],
    [
      { content: JSON.stringify({ title: 'T', body: 'Text.', publishedAt: 'yesterday' }) },
      'input.content',
      /^publishedAt: .*not a date/,
    ],
    [{ content: 'Text.', url: 'ftp://x.example/a' }, 'input.url', /not an http/],
  ];
  for (const [input, field, message] of cases) {
    const result = await api.query<IngestPayload>(INGEST, { input }, editor);
    expect(result.ingestArticle.article).toBeNull();
    expect(result.ingestArticle.status).toBeNull();
    expect(result.ingestArticle.userErrors).toEqual([{ field, message: expect.stringMatching(message) }]);
  }
  expect(await tableCounts()).toEqual(before);
});

test('a failure while storing rolls the whole article back, and the client sees no internals', async () => {
  const before = await tableCounts();
  // A trigger makes the quote insert fail after the article, entities and mentions were written.
  await database.db.execute(sql`create function fail_quote_insert() returns trigger language plpgsql as
    $$ begin raise exception 'quote store failed on purpose'; end $$`);
  await database.db.execute(sql`create trigger fail_quote_insert before insert on quotes
    for each statement execute function fail_quote_insert()`);
  const quiet = jest.spyOn(console, 'error').mockImplementation(() => {});
  try {
    const result = await api.request<IngestPayload>(
      INGEST,
      {
        input: { content: 'Kremlin official speaks\n\n“We will see,” Kremlin spokesman Dmitry Peskov said.' },
      },
      editor,
    );
    expect(result.errors?.[0]?.message).toBe('Unexpected error.');
    expect(JSON.stringify(result)).not.toMatch(/on purpose|at .*\.ts/);
    expect(quiet).toHaveBeenCalled();
  } finally {
    quiet.mockRestore();
    await database.db.execute(sql`drop trigger fail_quote_insert on quotes`);
    await database.db.execute(sql`drop function fail_quote_insert()`);
  }
  expect(await tableCounts()).toEqual(before);
});

test('mutations need an editor API key; reads need none', async () => {
  const input = { content: 'Title\n\n“Hello,” Jane Doe said.' };
  const none = await api.request(INGEST, { input });
  expect(none.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  expect(none.errors?.[0]?.message).toMatch(/Authorization: Bearer/);

  const wrong = await api.request(INGEST, { input }, { authorization: 'Bearer qg_not-a-key' });
  expect(wrong.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');

  const reader = await createApiKey(database.db, 'a reader', 'reader');
  const forbidden = await api.request(INGEST, { input }, { authorization: `Bearer ${reader.key}` });
  expect(forbidden.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

  const read = await api.request('{ articles { totalCount } }');
  expect(read.errors).toBeUndefined();
});
