import { readdirSync, readFileSync } from 'node:fs';
import type { Database } from '../../src/db/client';
import { createTestApp, type GraphQLResponse } from '../support/app';
import { openTestDatabase, StatementCounter } from '../support/database';

const examples = new URL('../../examples/articles/', import.meta.url);

let database: Database;
let api: ReturnType<typeof createTestApp>;
const counter = new StatementCounter();

beforeAll(async () => {
  database = await openTestDatabase({ logger: counter });
  api = createTestApp(database);
  const editor = await api.editorHeaders();
  for (const file of readdirSync(examples).filter((f) => !f.endsWith('README.md'))) {
    await api.query(
      `mutation($input: IngestArticleInput!) { ingestArticle(input: $input) { status } }`,
      { input: { content: readFileSync(new URL(file, examples), 'utf8') } },
      editor,
    );
  }
});

afterAll(() => database.close());

async function statementsFor(query: string, n: number) {
  counter.reset();
  const data = await api.query<{ entity: { quotes: { nodes: unknown[] } } | null }>(query, { n });
  return { statements: counter.count, rows: data.entity?.quotes.nodes.length ?? 0 };
}

test("the SQL statements for an entity's quotes with speaker and article do not grow with the page size", async () => {
  const query = `query($n: Int!) { entity(slug: "donald-trump") { name quotes(first: $n) {
      totalCount nodes { text speaker { name } article { title } } } } }`;
  const five = await statementsFor(query, 5);
  const twenty = await statementsFor(query, 20);
  expect(five.rows).toBe(5);
  expect(twenty.rows).toBeGreaterThan(5);
  // entity by slug, the page, then its count, the speakers and the articles in one shared statement
  expect(five.statements).toBeLessThanOrEqual(4);
  expect(twenty.statements).toBe(five.statements);
});

test('a wider entity page stays within a statement budget set by its depth', async () => {
  const query = `query($n: Int!) { entity(slug: "donald-trump") { name aliases roles { title organization { name } }
      quotes(first: $n) { totalCount nodes { text context speaker { name aliases } article { title outlet { name } }
      about { name } } } } }`;
  for (const n of [5, 20, 100]) {
    const { statements } = await statementsFor(query, n);
    expect(statements).toBeLessThanOrEqual(12);
  }
});

test('first and last are capped at 100 with a clear error, and a bad cursor is named', async () => {
  const big = await api.request('query($n: Int) { quotes(first: $n) { nodes { text } } }', { n: 1000 });
  expect(big.errors?.[0]?.message).toBe('first: must be between 0 and 100 (got 1000)');
  expect(big.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  const negative = await api.request('{ articles(last: -1) { nodes { title } } }');
  expect(negative.errors?.[0]?.message).toMatch(/^last: must be between 0 and 100/);
  const cursor = await api.request('{ quotes(after: "garbage") { nodes { text } } }');
  expect(cursor.errors?.[0]?.message).toBe('after: is not a cursor from this list');
  const fallback = await api.query<{ quotes: { nodes: unknown[]; totalCount: number } }>(
    '{ quotes { totalCount nodes { text } } }',
  );
  expect(fallback.quotes.nodes.length).toBe(Math.min(20, fallback.quotes.totalCount));
});

test('cursors walk a list forwards and backwards without gaps or repeats', async () => {
  type Page = {
    quotes: {
      totalCount: number;
      pageInfo: { endCursor: string; hasNextPage: boolean; startCursor: string; hasPreviousPage: boolean };
      nodes: Array<{ id: string }>;
    };
  };
  const all = await api.query<Page>(
    '{ quotes(first: 100) { totalCount pageInfo { endCursor hasNextPage startCursor hasPreviousPage } nodes { id } } }',
  );
  const seen: string[] = [];
  let after: string | null = null;
  for (;;) {
    const page: Page = await api.query<Page>(
      'query($after: String) { quotes(first: 7, after: $after) { totalCount pageInfo { endCursor hasNextPage startCursor hasPreviousPage } nodes { id } } }',
      { after },
    );
    seen.push(...page.quotes.nodes.map((n) => n.id));
    if (!page.quotes.pageInfo.hasNextPage) break;
    after = page.quotes.pageInfo.endCursor;
  }
  expect(seen).toEqual(all.quotes.nodes.map((n) => n.id));
  const back = await api.query<Page>(
    'query($before: String) { quotes(last: 3, before: $before) { totalCount pageInfo { endCursor hasNextPage startCursor hasPreviousPage } nodes { id } } }',
    { before: all.quotes.nodes[5]?.id ? await cursorAt(5) : null },
  );
  expect(back.quotes.nodes.map((n) => n.id)).toEqual(all.quotes.nodes.slice(2, 5).map((n) => n.id));
});

async function cursorAt(index: number): Promise<string> {
  const data = await api.query<{ quotes: { edges: Array<{ cursor: string }> } }>(
    `{ quotes(first: ${index + 1}) { edges { cursor } } }`,
  );
  const edge = data.quotes.edges[index];
  if (!edge) throw new Error(`no edge ${index}`);
  return edge.cursor;
}

test('unknown IDs and slugs give null or a clear error, never a stack trace', async () => {
  const missing = await api.query<{ entity: null; article: null }>(
    '{ entity(slug: "no-such-person") { name } article(slug: "no-such-article") { title } }',
  );
  expect(missing).toEqual({ entity: null, article: null });
  const malformed = await api.request('{ quotes(filter: { speaker: "not-an-id" }) { nodes { text } } }');
  expect(malformed.errors?.[0]?.message).toBe('filter.speaker: "not-an-id" is not a valid ID');
  const both = await api.request('{ entity(id: "x", slug: "y") { name } }');
  expect(both.errors?.[0]?.message).toBe('entity: give exactly one of id or slug');
  expect(JSON.stringify([malformed, both])).not.toMatch(/\.ts:\d+/);
});

test('a query that is too deep, too aliased, too long or too costly is refused before it runs, with a 400 and a code', async () => {
  const refused = async (query: string, variables: Record<string, unknown> = {}) => {
    counter.reset();
    const response = await api.app.fetch('http://quotegraph.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as GraphQLResponse;
    expect(counter.count).toBe(0);
    expect(body.data).toBeUndefined();
    expect(body.errors?.[0]?.message).not.toMatch(/syntax error/i);
    return {
      status: response.status,
      code: body.errors?.[0]?.extensions?.code,
      message: body.errors?.[0]?.message,
    };
  };
  const deep = `{ quotes { nodes { article { quotes { nodes { speaker { quotes { nodes { article { quotes { nodes {
      speaker { quotes { nodes { text } } } } } } } } } } } } } } }`;
  expect(await refused(deep)).toEqual({
    status: 400,
    code: 'QUERY_TOO_DEEP',
    message: 'The query is 15 levels deep; the limit is 12.',
  });

  const aliases = Array.from({ length: 40 }, (_, i) => `a${i}: articles(first: 1) { totalCount }`).join('\n');
  expect(await refused(`{ ${aliases} }`)).toEqual({
    status: 400,
    code: 'TOO_MANY_ALIASES',
    message: 'The query has 40 aliases; the limit is 30.',
  });

  const long = `{ ${Array.from({ length: 2500 }, () => '__typename').join(' ')} }`;
  expect(await refused(long)).toEqual({
    status: 400,
    code: 'TOO_MANY_TOKENS',
    message: 'The query has 2502 tokens; the limit is 2000.',
  });

  const literal = await refused(
    '{ entities(first: 100) { nodes { quotes(first: 100) { nodes { text } } } } }',
  );
  expect(literal.status).toBe(400);
  expect(literal.code).toBe('QUERY_TOO_COSTLY');
  expect(literal.message).toMatch(/^The query can return 10100 objects; the limit is 10000\./);
});

test('the 1,000,000-node query of page sizes given as variables is refused', async () => {
  const query = `query($n: Int) { quotes(first: $n) { nodes { speaker { quotes(first: $n) { nodes {
      speaker { quotes(first: $n) { nodes { text } } } } } } } } }`;
  counter.reset();
  const result = await api.request(query, { n: 100 });
  expect(counter.count).toBe(0);
  expect(result.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COSTLY');
  expect(result.errors?.[0]?.message).toMatch(/^The query can return 1020200 objects; the limit is 10000\./);
});

test('every response carries its cost, and rateLimit reports the budget', async () => {
  const response = await api.app.fetch('http://quotegraph.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query:
        '{ rateLimit { cost nodeCount limit remaining resetAt } quotes(first: 3) { nodes { speaker { name } } } }',
    }),
  });
  const body = (await response.json()) as GraphQLResponse<{
    rateLimit: { cost: number; nodeCount: number; limit: number; remaining: number; resetAt: string };
  }>;
  expect(body.extensions?.cost).toMatchObject({ nodes: 7, points: 1 });
  const rate = body.data?.rateLimit;
  expect(rate).toMatchObject({ cost: 1, nodeCount: 7, limit: 5000 });
  expect(rate?.remaining).toBe((body.extensions?.cost as { remaining?: number } | undefined)?.remaining);
  expect(new Date(rate?.resetAt ?? 0).getTime()).toBeGreaterThan(Date.now());
});

test('a connection under a list is fetched for all parents at once, each page the same as asked alone', async () => {
  const lists = `articles(first: 2) { totalCount pageInfo { hasNextPage } nodes { slug } }
      quotes(first: 2, orderBy: { field: CONFIDENCE, direction: DESC }) { totalCount pageInfo { hasNextPage } nodes { text } }
      quotesAbout(first: 3) { totalCount pageInfo { hasNextPage } nodes { text } }`;
  const query = `query($n: Int!) { entities(first: $n) { nodes { id slug ${lists} } } }`;
  type Result = {
    entities: {
      nodes: Array<{ id: string; slug: string; articles: unknown; quotes: unknown; quotesAbout: unknown }>;
    };
  };
  counter.reset();
  const few = await api.query<Result>(query, { n: 3 });
  const fewStatements = counter.count;
  counter.reset();
  const many = await api.query<Result>(query, { n: 15 });
  expect(many.entities.nodes.length).toBe(15);
  expect(counter.count).toBe(fewStatements);

  // the unbatched reference: the same lists through the root fields, filtered by this entity
  const reference = `query($id: ID!) {
      articles(first: 2, filter: { mentions: [$id] }) { totalCount pageInfo { hasNextPage } nodes { slug } }
      quotes(first: 2, filter: { speaker: $id }, orderBy: { field: CONFIDENCE, direction: DESC }) {
        totalCount pageInfo { hasNextPage } nodes { text } }
      quotesAbout: quotes(first: 3, filter: { about: $id }) { totalCount pageInfo { hasNextPage } nodes { text } } }`;
  for (const entity of many.entities.nodes) {
    const alone = await api.query<Record<string, unknown>>(reference, { id: entity.id });
    expect({ ...entity, id: undefined, slug: undefined }).toEqual({
      ...alone,
      id: undefined,
      slug: undefined,
    });
  }
  expect(few.entities.nodes.map((n) => n.slug)).toEqual(many.entities.nodes.slice(0, 3).map((n) => n.slug));
});
