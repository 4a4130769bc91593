import { readdirSync, readFileSync } from 'node:fs';
import type { Database } from '../../src/db/client';
import { createTestApp, type GraphQLResponse } from '../support/app';
import { openTestDatabase } from '../support/database';

const examples = new URL('../../examples/articles/', import.meta.url);

let database: Database;
let api: ReturnType<typeof createTestApp>;
let entitySlug: string;
let articleSlug: string;
let echoedQuoteId: string;

beforeAll(async () => {
  database = await openTestDatabase();
  api = createTestApp(database);
  const editor = await api.editorHeaders();
  for (const file of readdirSync(examples).filter((f) => !f.endsWith('README.md'))) {
    await api.query(
      `mutation($input: IngestArticleInput!) { ingestArticle(input: $input) { status } }`,
      { input: { content: readFileSync(new URL(file, examples), 'utf8') } },
      editor,
    );
  }
  const found = await api.query<{
    quotes: { nodes: Array<{ speaker: { slug: string }; article: { slug: string } }> };
  }>(
    '{ quotes(first: 1, orderBy: { field: CONFIDENCE, direction: DESC }) { nodes { speaker { slug } article { slug } } } }',
  );
  const top = found.quotes.nodes[0];
  if (!top) throw new Error('the examples gave no attributed quote');
  const echoed = await api.query<{ quotes: { nodes: Array<{ id: string; echoes: { edges: unknown[] } }> } }>(
    '{ quotes(first: 100) { nodes { id echoes(first: 1) { edges { cursor } } } } }',
  );
  const withEcho = echoed.quotes.nodes.find((q) => q.echoes.edges.length);
  if (!withEcho) throw new Error('the examples gave no echoed quote');
  echoedQuoteId = withEcho.id;
  // an entity with quotes of its own and quotes about it, so that every entity connection has pages
  const people = await api.query<{
    entities: {
      nodes: Array<{ slug: string; quotes: { totalCount: number }; quotesAbout: { totalCount: number } }>;
    };
  }>(
    '{ entities(first: 100) { nodes { slug quotes(first: 1) { totalCount } quotesAbout(first: 1) { totalCount } } } }',
  );
  const both = people.entities.nodes.find((e) => e.quotes.totalCount > 2 && e.quotesAbout.totalCount > 2);
  if (!both) throw new Error('the examples gave no entity with quotes by and about it');
  entitySlug = both.slug;
  articleSlug = top.article.slug;
});

afterAll(() => database.close());

interface Connection {
  name: string;
  /** Wraps connection selections in the query that reaches them. */
  wrap: (inner: string, variables: string) => string;
  field: string;
  extra: string;
  /** The path from data to the connection. */
  path: string[];
}

const page = '{ pageInfo { startCursor endCursor hasNextPage hasPreviousPage } edges { cursor } }';

function connections(): Connection[] {
  const root = (field: string, extra = ''): Connection => ({
    name: `${field}${extra}`,
    wrap: (inner, variables) => `query(${variables}) { ${inner} }`,
    field,
    extra,
    path: [field],
  });
  const under = (parent: string, field: string, extra = ''): Connection => ({
    name: `${parent.split('(')[0]}.${field}${extra}`,
    wrap: (inner, variables) => `query(${variables}) { ${parent} { ${inner} } }`,
    field,
    extra,
    path: [parent.split('(')[0] ?? '', field],
  });
  const orderings = ['PUBLISHED_AT', 'CONFIDENCE', 'POSITION'].flatMap((field) =>
    ['ASC', 'DESC'].map((direction) => `, orderBy: { field: ${field}, direction: ${direction} }`),
  );
  const entity = `entity(slug: "${entitySlug}")`;
  return [
    ...orderings.map((o) => root('quotes', o)),
    ...['PUBLISHED_AT', 'INGESTED_AT'].map((f) =>
      root('articles', `, orderBy: { field: ${f}, direction: ASC }`),
    ),
    root('entities'),
    root('entities', ', orderBy: { field: NAME, direction: DESC }'),
    root('search', ', query: "said"'),
    ...orderings.slice(0, 2).map((o) => under(entity, 'quotes', o)),
    under(entity, 'quotes', ', filter: { distinct: true }'),
    under(entity, 'quotesAbout'),
    under(entity, 'articles'),
    under(`article(slug: "${articleSlug}")`, 'quotes'),
    {
      name: 'Quote.echoes',
      wrap: (inner, variables) =>
        `query(${variables}) { node(id: "${echoedQuoteId}") { ... on Quote { ${inner} } } }`,
      field: 'echoes',
      extra: '',
      path: ['node', 'echoes'],
    },
  ];
}

/** One page of the connection, its cursor in $c. */
const single = (c: Connection, args: string) => c.wrap(`${c.field}(${args}${c.extra}) ${page}`, '$c: String');

/** A filter is not part of a cursor's scope: the same list in the same order, filtered, takes it. */
const scopeOf = (name: string) =>
  name.replace(', filter: { distinct: true }', ', orderBy: { field: PUBLISHED_AT, direction: DESC }');

type PageResult = { pageInfo: { startCursor: string | null; endCursor: string | null }; edges: unknown[] };

const at = (data: unknown, path: string[]) =>
  path.reduce((value, key) => (value as Record<string, unknown> | undefined)?.[key], data) as PageResult;

/** A deterministic stream of pseudo-random numbers, so a failure can be replayed. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

function forgeries(real: string, next: () => number): string[] {
  const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const pick = <T>(items: T[]) => items[Math.floor(next() * items.length)] as T;
  const values = [
    'x',
    '',
    '\u0000',
    '2025-02-30 00:00:00+00',
    '99999-01-01',
    1e308,
    -1,
    99_999_999_999,
    2 ** 31,
    null,
    [],
    {},
    'NaN',
    '9'.repeat(40),
  ];
  const out = [pick(['garbage', 'a'.repeat(5000)]), pick([b64([]), b64({ a: 1 })])];
  for (const cursor of [real]) {
    const parts = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    for (let i = 0; i < 3; i++) {
      const forged = [...parts];
      forged[1 + Math.floor(next() * (parts.length - 1))] = pick(values);
      out.push(b64(forged));
    }
    out.push(pick([b64([...parts, 1]), b64(parts.slice(0, -1))]), cursor.slice(0, -2));
  }
  for (let i = 0; i < 1; i++) {
    out.push(
      Buffer.from(
        Array.from({ length: 1 + Math.floor(next() * 40) }, () => Math.floor(next() * 256)),
      ).toString('base64url'),
    );
  }
  return out;
}

// Some 300 requests: generous time, so a busy machine slows it down without failing it.
test('every connection refuses random, forged and foreign cursors as BAD_USER_INPUT naming the argument', async () => {
  const all = connections();
  const real = new Map<string, string>();
  for (const connection of all) {
    const result = await api.query(single(connection, 'first: 2, after: $c'), { c: null });
    const cursor = at(result, connection.path).pageInfo.endCursor;
    if (cursor) real.set(connection.name, cursor);
  }
  expect(real.size).toBe(all.length);
  const next = random(42);
  const internal: unknown[] = [];
  for (const connection of all) {
    const own = forgeries(real.get(connection.name) ?? '', next);
    // three cursors of other lists, a different sample for each connection
    const foreign = [...real.values()]
      .filter((c) => c !== real.get(connection.name))
      .sort(() => next() - 0.5);
    for (const direction of ['after', 'before']) {
      const size = direction === 'after' ? 'first: 2' : 'last: 2';
      const candidates = direction === 'after' ? [...foreign.slice(0, 3), ...own] : own.slice(0, 4);
      for (const cursor of candidates) {
        const result = await api.request(single(connection, `${size}, ${direction}: $c`), { c: cursor });
        for (const error of result.errors ?? []) {
          if (error.extensions?.code !== 'BAD_USER_INPUT' || !error.message.startsWith(`${direction}: `)) {
            internal.push({ connection: connection.name, direction, cursor: cursor.slice(0, 80), error });
          }
        }
        // another connection's cursor is refused even when its values would fit
        const source = [...real.entries()].find(([, c]) => c === cursor)?.[0];
        if (source && scopeOf(source) !== scopeOf(connection.name)) {
          expect({ connection: connection.name, source, refused: Boolean(result.errors) }).toEqual({
            connection: connection.name,
            source,
            refused: true,
          });
        }
      }
    }
  }
  expect(internal).toEqual([]);
}, 300_000);

test('an empty page has null cursors', async () => {
  for (const connection of connections()) {
    const result = await api.query(single(connection, 'first: 0, after: $c'), { c: null });
    expect(at(result, connection.path).pageInfo).toMatchObject({ startCursor: null, endCursor: null });
  }
});

const code = (result: GraphQLResponse) => result.errors?.map((e) => [e.extensions?.code, e.message]);

test('malformed IDs, IDs beyond any row and NUL characters are the caller’s error, named', async () => {
  expect(code(await api.request('{ node(id: "garbage!!") { id } }'))).toEqual([
    ['BAD_USER_INPUT', 'id: "garbage!!" is not a valid ID'],
  ]);
  const huge = Buffer.from('Person:99999999999').toString('base64');
  expect(code(await api.request(`{ node(id: "${huge}") { id } }`))?.[0]?.[0]).toBe('BAD_USER_INPUT');
  expect(code(await api.request(`{ entity(id: "${huge}") { name } }`))?.[0]?.[0]).toBe('BAD_USER_INPUT');
  expect(code(await api.request(`{ quotes(filter: { speaker: "${huge}" }) { nodes { text } } }`))).toEqual([
    ['BAD_USER_INPUT', `filter.speaker: "${huge}" is not the ID of a Person or Organization or Place`],
  ]);
  for (const [query, field] of [
    ['query($s: String!) { search(query: $s) { totalCount } }', 'query'],
    ['query($s: String!) { entity(slug: $s) { name } }', 'slug'],
    ['query($s: String!) { article(slug: $s) { title } }', 'slug'],
    ['query($s: String!) { quotes(filter: { search: $s }) { totalCount } }', 'filter.search'],
    ['query($s: String!) { entities(filter: { name: $s }) { totalCount } }', 'filter.name'],
  ] as const) {
    expect(code(await api.request(query, { s: 'peskov\u0000' }))).toEqual([
      ['BAD_USER_INPUT', `${field}: must not contain NUL characters (\\u0000)`],
    ]);
  }
});

test('every string and list argument has a maximum: search text, slugs, ids per nodes', async () => {
  const long = 'x'.repeat(10_000);
  expect(
    code(
      await api.request('query($s: String!) { quotes(filter: { search: $s }) { totalCount } }', { s: long }),
    ),
  ).toEqual([['BAD_USER_INPUT', 'filter.search: must be at most 500 characters (got 10000)']]);
  expect(code(await api.request('query($s: String!) { entity(slug: $s) { name } }', { s: long }))).toEqual([
    ['BAD_USER_INPUT', 'slug: must be at most 200 characters (got 10000)'],
  ]);
  const ids = Array.from({ length: 4000 }, (_, i) =>
    Buffer.from(`Quote:${i + 1_000_000}`).toString('base64'),
  );
  expect(code(await api.request('query($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids }))).toEqual([
    ['BAD_USER_INPUT', 'ids: at most 100 items (got 4000)'],
  ]);
  const misses = await api.request<{ nodes: unknown[] }>('query($ids: [ID!]!) { nodes(ids: $ids) { id } }', {
    ids: ids.slice(0, 100),
  });
  expect(misses.errors).toBeUndefined();
  expect(misses.data?.nodes.every((n) => n === null)).toBe(true);
});

test('/health answers 200 once the database answers', async () => {
  const response = await api.app.fetch('http://quotegraph.test/health');
  expect(response.status).toBe(200);
  expect(await response.json()).toEqual({ status: 'ok', database: 'ok' });
});

test('Relay: every connection walks forwards with first/after and backwards with last/before to the same items', async () => {
  type Walk = {
    pageInfo: { startCursor: string; endCursor: string; hasNextPage: boolean; hasPreviousPage: boolean };
    edges: Array<{ cursor: string }>;
  };
  for (const connection of connections()) {
    const forwards: string[] = [];
    let cursor: string | null = null;
    for (let pages = 0; pages < 50; pages++) {
      const page: Walk = at(
        await api.query(single(connection, 'first: 20, after: $c'), { c: cursor }),
        connection.path,
      ) as unknown as Walk;
      forwards.push(...page.edges.map((e) => e.cursor));
      if (!page.pageInfo.hasNextPage) break;
      cursor = page.pageInfo.endCursor;
    }
    expect(new Set(forwards).size).toBe(forwards.length);
    const backwards: string[] = [];
    cursor = null;
    for (let pages = 0; pages < 50; pages++) {
      const page: Walk = at(
        await api.query(single(connection, 'last: 20, before: $c'), { c: cursor }),
        connection.path,
      ) as unknown as Walk;
      backwards.unshift(...page.edges.map((e) => e.cursor));
      if (!page.pageInfo.hasPreviousPage) break;
      cursor = page.pageInfo.startCursor;
    }
    expect({ connection: connection.name, items: backwards }).toEqual({
      connection: connection.name,
      items: forwards,
    });
  }
});

test('Relay: node(id:) and nodes(ids:) give back every object by the id it has', async () => {
  const data = await api.query<{
    articles: { nodes: Array<{ id: string }> };
    quotes: { nodes: Array<{ id: string }> };
    entities: { nodes: Array<{ id: string }> };
  }>(
    '{ articles(first: 3) { nodes { id } } quotes(first: 3) { nodes { id } } entities(first: 5) { nodes { id } } }',
  );
  const ids = [...data.articles.nodes, ...data.quotes.nodes, ...data.entities.nodes].map((n) => n.id);
  for (const id of ids) {
    const one = await api.query<{ node: { id: string; __typename: string } }>(
      'query($id: ID!) { node(id: $id) { id __typename } }',
      { id },
    );
    expect(one.node.id).toBe(id);
  }
  const many = await api.query<{ nodes: Array<{ id: string }> }>(
    'query($ids: [ID!]!) { nodes(ids: $ids) { id } }',
    {
      ids: [...ids].reverse(),
    },
  );
  expect(many.nodes.map((n) => n.id)).toEqual([...ids].reverse());
});

test('Query.edits lists the audit trail, newest first, deletions included, filtered and paged', async () => {
  const editor = await api.editorHeaders();
  const article = await api.query<{ article: { id: string; title: string } }>(
    `{ article(slug: "${articleSlug}") { id title } }`,
  );
  const entity = await api.query<{ entity: { id: string } }>(`{ entity(slug: "${entitySlug}") { id } }`);
  await api.query(
    'mutation($id: ID!) { updateEntity(input: { id: $id, description: "described" }) { userErrors { message } } }',
    { id: entity.entity.id },
    editor,
  );
  await api.query(
    'mutation($id: ID!) { deleteArticle(input: { id: $id }) { userErrors { message } } }',
    { id: article.article.id },
    editor,
  );
  type Edits = {
    edits: {
      totalCount: number;
      pageInfo: { endCursor: string | null; hasNextPage: boolean };
      nodes: Array<{ action: string; actor: string; before: { title?: string } | null }>;
    };
  };
  const query = `query($filter: EditFilter, $after: String) { edits(first: 1, after: $after, filter: $filter) {
      totalCount pageInfo { endCursor hasNextPage } nodes { action actor before } } }`;
  const first = await api.query<Edits>(query, {});
  expect(first.edits.totalCount).toBe(2);
  expect(first.edits.nodes.map((n) => n.action)).toEqual(['DELETE_ARTICLE']);
  const second = await api.query<Edits>(query, { after: first.edits.pageInfo.endCursor });
  expect(second.edits.nodes.map((n) => n.action)).toEqual(['UPDATE_ENTITY']);
  expect(second.edits.pageInfo.hasNextPage).toBe(false);

  const deleted = await api.query<Edits>(query, { filter: { article: article.article.id } });
  expect(deleted.edits.nodes[0]?.before?.title).toBe(article.article.title);
  const byEntity = await api.query<Edits>(query, {
    filter: { entity: entity.entity.id, action: 'UPDATE_ENTITY' },
  });
  expect(byEntity.edits.totalCount).toBe(1);
  const byActor = await api.query<Edits>(query, { filter: { actor: 'nobody' } });
  expect(byActor.edits).toMatchObject({ totalCount: 0, nodes: [], pageInfo: { endCursor: null } });
});
