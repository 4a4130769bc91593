import { eq, sql } from 'drizzle-orm';
import type { Database } from '../../src/db/client';
import { articles, entities, mentions, quotes, roles } from '../../src/db/schema';
import { createTestApp } from '../support/app';
import { openTestDatabase } from '../support/database';

const INGEST = `mutation($input: IngestArticleInput!) {
  ingestArticle(input: $input) {
    status counts { quotes entities mentions roles }
    article { id slug title }
    userErrors { field message }
  }
}`;

interface IngestPayload {
  ingestArticle: {
    status: 'NEW' | 'UNCHANGED' | null;
    counts: { quotes: number; entities: number; mentions: number; roles: number } | null;
    article: { id: string; slug: string; title: string } | null;
    userErrors: Array<{ field: string; message: string }>;
  };
}

const CLIENTS = 16;

let database: Database;
let api: ReturnType<typeof createTestApp>;
let editor: Record<string, string>;

beforeAll(async () => {
  database = await openTestDatabase();
  api = createTestApp(database);
  editor = await api.editorHeaders();
});

afterAll(() => database.close());

function article(title: string, body: string, publishedAt = '2025-03-01') {
  return { format: 'JSON', content: JSON.stringify({ title, body, publishedAt }) };
}

async function ingestAll(inputs: Array<ReturnType<typeof article>>) {
  const results = await Promise.all(
    inputs.map((input) => api.query<IngestPayload>(INGEST, { input }, editor)),
  );
  return results.map((r) => r.ingestArticle);
}

/** What the database holds for one article, counted the way the ingest payload counts it. */
async function storedCounts(articleId: number) {
  const db = database.db;
  const [row] = await db
    .select({
      quotes: sql<number>`(select count(*)::int from ${quotes} where ${quotes.articleId} = ${articleId})`,
      mentions: sql<number>`(select count(*)::int from ${mentions} where ${mentions.articleId} = ${articleId})`,
      entities: sql<number>`(select count(distinct ${mentions.entityId})::int from ${mentions} where ${mentions.articleId} = ${articleId})`,
      roles: sql<number>`(select count(*)::int from ${roles} where ${roles.articleId} = ${articleId})`,
    })
    .from(articles)
    .where(eq(articles.id, articleId));
  return row;
}

const idOf = (globalId: string) => Number(Buffer.from(globalId, 'base64').toString('utf8').split(':')[1]);

test(`${CLIENTS} different articles sharing one headline, sent at once, are all stored under distinct slugs`, async () => {
  const inputs = Array.from({ length: CLIENTS }, (_, i) =>
    article(
      'Council Votes on the Harbour Budget',
      `“We will rebuild pier ${i + 1} this year,” Mayor Ilse Varkonyi said on Tuesday. Council member Tomas Brandvold said the vote was close.`,
    ),
  );
  const results = await ingestAll(inputs);
  for (const r of results) {
    expect(r.userErrors).toEqual([]);
    expect(r.status).toBe('NEW');
    expect(r.article?.title).toBe('Council Votes on the Harbour Budget');
  }
  const slugs = results.map((r) => r.article?.slug);
  expect(new Set(slugs).size).toBe(CLIENTS);
  expect(slugs).toContain('council-votes-on-the-harbour-budget');
  for (const r of results) {
    const counts = await storedCounts(idOf(r.article?.id ?? ''));
    expect(r.counts).toEqual(counts);
    expect(r.counts?.quotes).toBeGreaterThan(0);
  }
});

test(`${CLIENTS} articles naming the same new person, sent at once, create that person once and are all stored`, async () => {
  const inputs = Array.from({ length: CLIENTS }, (_, i) =>
    article(
      `Port Authority Update Number ${i + 1}`,
      `“The cranes arrive in week ${i + 1},” said Oskarina Pellegrew-Haugland, the head of the Vestby Port Authority. Oskarina Pellegrew-Haugland added that shifts would change.`,
    ),
  );
  const results = await ingestAll(inputs);
  for (const r of results) {
    expect(r.userErrors).toEqual([]);
    expect(r.status).toBe('NEW');
  }
  const people = await database.db
    .select({ id: entities.id })
    .from(entities)
    .where(eq(entities.normalizedName, 'oskarina pellegrew haugland'));
  expect(people).toHaveLength(1);
  const speakerIds = await database.db
    .selectDistinct({ speakerId: quotes.speakerId })
    .from(quotes)
    .innerJoin(articles, eq(articles.id, quotes.articleId))
    .where(sql`${articles.title} like 'Port Authority Update Number %' and ${quotes.kind} = 'direct'`);
  expect(speakerIds).toEqual([{ speakerId: people[0]?.id }]);
  for (const r of results) expect(r.counts).toEqual(await storedCounts(idOf(r.article?.id ?? '')));
});

test(`the same article sent ${CLIENTS} times at once is stored once; the others get it back, unchanged, with its counts`, async () => {
  const input = article(
    'Ferry Strike Ends',
    '“The ferries sail again tomorrow,” union leader Marit Solheimsvik said on Friday, adding that talks had been hard.',
  );
  const results = await ingestAll(Array.from({ length: CLIENTS }, () => input));
  for (const r of results) expect(r.userErrors).toEqual([]);
  expect(results.filter((r) => r.status === 'NEW')).toHaveLength(1);
  expect(results.filter((r) => r.status === 'UNCHANGED')).toHaveLength(CLIENTS - 1);
  const ids = new Set(results.map((r) => r.article?.id));
  expect(ids.size).toBe(1);
  const stored = await storedCounts(idOf([...ids][0] ?? ''));
  expect(stored?.quotes).toBeGreaterThan(0);
  for (const r of results) expect(r.counts).toEqual(stored);
  const [{ n } = { n: 0 }] = await database.db
    .select({ n: sql<number>`count(*)::int` })
    .from(articles)
    .where(eq(articles.title, 'Ferry Strike Ends'));
  expect(n).toBe(1);
});
