import { eq, sql } from 'drizzle-orm';
import type { Database } from '../../src/db/client';
import { quotes } from '../../src/db/schema';
import { ExtractionPool } from '../../src/services/extraction-pool';
import { MAX_QUOTES_PER_ARTICLE } from '../../src/services/extraction-task';
import { createTestApp } from '../support/app';
import { openTestDatabase } from '../support/database';

const INGEST = `mutation($input: IngestArticleInput!) {
  ingestArticle(input: $input) { status counts { quotes } article { id } userErrors { field message } }
}`;

let database: Database;
let pool: ExtractionPool;
let api: ReturnType<typeof createTestApp>;

beforeAll(async () => {
  database = await openTestDatabase();
  // the budget is not what this test is about: a loaded CI machine gets all the time it needs
  pool = new ExtractionPool({ size: 1, timeoutMs: 120_000 });
  api = createTestApp(database, { extraction: pool });
});

afterAll(async () => {
  await pool.close();
  await database.close();
});

function bridges(n: number) {
  const body = Array.from(
    { length: n },
    (_, i) => `“We will repair bridge number ${i + 1},” the mayor said.`,
  ).join('\n\n');
  return {
    format: 'JSON',
    content: JSON.stringify({ title: `${n} Bridges`, body, publishedAt: '2025-04-01' }),
  };
}

interface Payload {
  ingestArticle: {
    status: string | null;
    counts: { quotes: number } | null;
    article: { id: string } | null;
    userErrors: Array<{ field: string; message: string }>;
  };
}

test(`an article with ${MAX_QUOTES_PER_ARTICLE} quotes is stored whole; one with more is refused, naming the cap`, async () => {
  const editor = await api.editorHeaders();
  const stored = await api.query<Payload>(INGEST, { input: bridges(MAX_QUOTES_PER_ARTICLE) }, editor);
  expect(stored.ingestArticle.userErrors).toEqual([]);
  expect(stored.ingestArticle.counts?.quotes).toBe(MAX_QUOTES_PER_ARTICLE);
  const articleId = Number(
    Buffer.from(stored.ingestArticle.article?.id ?? '', 'base64')
      .toString()
      .split(':')[1],
  );
  const [row] = await database.db
    .select({ n: sql<number>`count(*)::int` })
    .from(quotes)
    .where(eq(quotes.articleId, articleId));
  expect(row?.n).toBe(MAX_QUOTES_PER_ARTICLE);

  const before = await database.db.select({ n: sql<number>`count(*)::int` }).from(quotes);
  const refused = await api.query<Payload>(INGEST, { input: bridges(MAX_QUOTES_PER_ARTICLE + 1) }, editor);
  expect(refused.ingestArticle.status).toBeNull();
  expect(refused.ingestArticle.userErrors).toEqual([
    {
      field: 'input.content',
      message: `content: the article holds ${MAX_QUOTES_PER_ARTICLE + 1} quotes, more than the ${MAX_QUOTES_PER_ARTICLE} stored per article; split it`,
    },
  ]);
  expect(await database.db.select({ n: sql<number>`count(*)::int` }).from(quotes)).toEqual(before);
});
