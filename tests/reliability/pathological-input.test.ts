import { sql } from 'drizzle-orm';
import type { Database } from '../../src/db/client';
import { articles } from '../../src/db/schema';
import { MAX_HTML_DEPTH } from '../../src/ingest/parse-html';
import { ExtractionPool } from '../../src/services/extraction-pool';
import { createTestApp } from '../support/app';
import { openTestDatabase } from '../support/database';

const INGEST = `mutation($input: IngestArticleInput!) {
  ingestArticle(input: $input) { status counts { quotes } userErrors { field message } }
}`;

interface Payload {
  ingestArticle: {
    status: 'NEW' | 'UNCHANGED' | null;
    counts: { quotes: number } | null;
    userErrors: Array<{ field: string; message: string }>;
  };
}

/** The inputs that once stalled the server for minutes, generated here rather than committed. */
const fixtures = {
  nestedDivs: {
    format: 'HTML',
    content: `<html><body>${'<div>'.repeat(8800)}x${'</div>'.repeat(8800)}</body></html>`,
  },
  saidThat: { format: 'TEXT', content: `${'he said that she said that '.repeat(20_770)}it rained.` },
  alsoAlso: { format: 'TEXT', content: `The minister ${'also '.repeat(80_000)}said it rained.` },
};

let database: Database;
let pool: ExtractionPool;
let api: ReturnType<typeof createTestApp>;
let editor: Record<string, string>;

beforeAll(async () => {
  database = await openTestDatabase();
  pool = new ExtractionPool({ size: 2, timeoutMs: 5_000 });
  api = createTestApp(database, { extraction: pool });
  editor = await api.editorHeaders();
});

afterAll(async () => {
  await pool.close();
  await database.close();
});

const articleCount = async () =>
  (await database.db.select({ n: sql<number>`count(*)::int` }).from(articles))[0]?.n ?? 0;

test('HTML nested thousands deep is refused before it reaches the parser', async () => {
  const before = await articleCount();
  const { ingestArticle } = await api.query<Payload>(INGEST, { input: fixtures.nestedDivs }, editor);
  expect(ingestArticle.userErrors).toEqual([
    { field: 'input.content', message: `content: the HTML nests elements more than ${MAX_HTML_DEPTH} deep` },
  ]);
  expect(await articleCount()).toBe(before);
});

test.each([
  ['"he said that she said that …" (540 KB)', fixtures.saidThat],
  ['"The minister also also … said" (400 KB)', fixtures.alsoAlso],
])(
  'while %s is read, other requests are answered first; it is then stored or refused whole',
  async (_name, input) => {
    const before = await articleCount();
    const settled: string[] = [];
    const heavy = api.query<Payload>(INGEST, { input }, editor).then((r) => {
      settled.push('ingest');
      return r;
    });
    const light = api.query<{ __typename: string }>('{ __typename }').then((r) => {
      settled.push('__typename');
      return r;
    });
    expect(await light).toEqual({ __typename: 'Query' });
    const { ingestArticle } = await heavy;
    expect(settled).toEqual(['__typename', 'ingest']);
    if (ingestArticle.status === 'NEW') {
      expect(await articleCount()).toBe(before + 1);
    } else {
      expect(ingestArticle.userErrors).toEqual([
        { field: 'input.content', message: expect.stringMatching(/^content: /) },
      ]);
      expect(await articleCount()).toBe(before);
    }
  },
);

test('an article over the time budget is refused, nothing is stored, and the next worker takes over', async () => {
  const tight = new ExtractionPool({ size: 1, timeoutMs: 20 });
  const tightApi = createTestApp(database, { extraction: tight });
  try {
    const before = await articleCount();
    for (let attempt = 0; attempt < 2; attempt++) {
      const { ingestArticle } = await tightApi.query<Payload>(INGEST, { input: fixtures.saidThat }, editor);
      expect(ingestArticle.status).toBeNull();
      expect(ingestArticle.userErrors).toEqual([
        {
          field: 'input.content',
          message:
            'content: reading the article took longer than the 20 ms allowed (EXTRACTION_TIMEOUT_MS); nothing was stored',
        },
      ]);
    }
    expect(await articleCount()).toBe(before);
  } finally {
    await tight.close();
  }
});
