import type { Database } from '../../src/db/client';
import { createTestApp } from '../support/app';
import { openTestDatabase } from '../support/database';

const articles = [
  {
    title: 'Port Stays Open as Storm Nears',
    url: 'https://coastal-times.example/port-open',
    publishedAt: '2025-04-01T08:00:00Z',
    body: 'Harbor master José Álvarez said the port would stay open through the storm. "We will keep the cranes running as long as the wind allows," Álvarez told reporters.',
  },
  {
    title: 'Council Votes to Expand Ferry Service',
    url: 'https://coastal-times.example/ferry-vote',
    publishedAt: '2025-04-02T08:00:00Z',
    body: 'The city council voted on Monday to expand the ferry service. "More ferries mean fewer cars on the bridge," council member Priya Raman said. Raman said the vote was close.',
  },
  {
    title: 'Schools Close Along the Coast',
    url: 'https://coastal-times.example/schools-close',
    publishedAt: '2025-04-03T08:00:00Z',
    body: 'Storm warnings closed schools along the coast on Tuesday, with gusts of >60 mph & heavy rain. The ferry service will pause until the wind drops.',
  },
];

const INGEST = `mutation($input: IngestArticleInput!) { ingestArticle(input: $input) { status } }`;

const SEARCH = `query($query: String!, $kinds: [SearchKind!], $first: Int, $after: String) {
  search(query: $query, kinds: $kinds, first: $first, after: $after) {
    totalCount
    edges { cursor node { kind score snippet node { __typename id
      ... on Article { title } ... on Quote { text } ... on Person { name } } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

interface Hit {
  kind: 'ARTICLE' | 'QUOTE' | 'ENTITY';
  score: number;
  snippet: string;
  node: { __typename: string; id: string; title?: string; text?: string; name?: string };
}
interface SearchData {
  search: {
    totalCount: number;
    edges: Array<{ cursor: string; node: Hit }>;
    pageInfo: { hasNextPage: boolean; endCursor: string };
  };
}

let database: Database;
let api: ReturnType<typeof createTestApp>;

async function search(query: string, vars: { kinds?: string[]; first?: number; after?: string } = {}) {
  const data = await api.query<SearchData>(SEARCH, { query, ...vars });
  return data.search;
}
const hitsOf = async (query: string, vars: { kinds?: string[]; first?: number } = {}) =>
  (await search(query, vars)).edges.map((e) => e.node);

beforeAll(async () => {
  database = await openTestDatabase();
  api = createTestApp(database);
  const editor = await api.editorHeaders();
  for (const article of articles) {
    await api.query(INGEST, { input: { content: JSON.stringify(article), format: 'JSON' } }, editor);
  }
});

afterAll(() => {
  return database.close();
});

test('articles and quotes by full text, ranked, with highlighted snippets', async () => {
  const hits = await hitsOf('ferry', { kinds: ['ARTICLE', 'QUOTE'] });
  expect(hits.filter((h) => h.kind === 'ARTICLE').map((h) => h.node.title)).toEqual(
    expect.arrayContaining(['Council Votes to Expand Ferry Service', 'Schools Close Along the Coast']),
  );
  // Stemming: "ferry" finds "ferries" in the quote.
  expect(hits.filter((h) => h.kind === 'QUOTE').map((h) => h.node.text)).toEqual([
    'More ferries mean fewer cars on the bridge,',
  ]);
  const scores = hits.map((h) => h.score);
  expect(scores).toEqual([...scores].sort((a, b) => b - a));
  for (const h of hits) {
    expect(h.score).toBeGreaterThan(0);
    expect(h.score).toBeLessThanOrEqual(1);
    expect(h.snippet).toMatch(/<mark>ferr(y|ies)<\/mark>/i);
  }
  // The article at the top has "ferry" in its title, which weighs most.
  expect(hits[0]?.node.title).toBe('Council Votes to Expand Ferry Service');
});

test('web-search syntax: a phrase, OR and -exclusion', async () => {
  const phrase = await hitsOf('"ferry service" -storm', { kinds: ['ARTICLE'] });
  expect(phrase.map((h) => h.node.title)).toEqual(['Council Votes to Expand Ferry Service']);
  const either = await hitsOf('cranes OR ferries', { kinds: ['QUOTE'] });
  expect(either.map((h) => h.node.text).sort()).toEqual([
    'More ferries mean fewer cars on the bridge,',
    'We will keep the cranes running as long as the wind allows,',
  ]);
});

test('snippets are HTML-escaped around the <mark> tags', async () => {
  const [hit] = await hitsOf('gusts', { kinds: ['ARTICLE'] });
  expect(hit?.snippet).toContain('<mark>gusts</mark> of &gt;60 mph &amp; heavy rain');
});

test('entities by name or alias, whatever the case, accents or a small misspelling', async () => {
  for (const query of ['José Álvarez', 'jose alvarez', 'ALVAREZ', 'alvares', 'Alvarez', 'priya ramen']) {
    const hits = await hitsOf(query, { kinds: ['ENTITY'] });
    const expected = query.startsWith('priya') ? 'Priya Raman' : 'José Álvarez';
    expect({ query, top: hits[0]?.node.name }).toEqual({ query, top: expected });
    expect(hits[0]?.node.__typename).toBe('Person');
    expect(hits[0]?.snippet).toBe(`<mark>${expected}</mark>`);
  }
  expect(await hitsOf('zzqx', { kinds: ['ENTITY'] })).toEqual([]);
});

test('all kinds together; kinds narrows them', async () => {
  const all = await hitsOf('Raman');
  expect(new Set(all.map((h) => h.kind))).toEqual(new Set(['ENTITY', 'ARTICLE']));
  expect(all[0]).toMatchObject({ kind: 'ENTITY', node: { name: 'Priya Raman' } });
  const quotesOnly = await hitsOf('wind', { kinds: ['QUOTE'] });
  expect(quotesOnly.every((h) => h.kind === 'QUOTE' && h.node.__typename === 'Quote')).toBe(true);
});

test('pages with first/after walk every hit once, in score order', async () => {
  const query = 'storm OR ferry OR wind OR council';
  const whole = await search(query, { first: 50 });
  expect(whole.totalCount).toBe(whole.edges.length);
  expect(whole.edges.length).toBeGreaterThanOrEqual(5);
  const walked: string[] = [];
  let after: string | undefined;
  for (let i = 0; i < 20; i++) {
    const page = await search(query, { first: 2, after });
    walked.push(...page.edges.map((e) => `${e.node.kind}:${e.node.node.id}`));
    expect(page.totalCount).toBe(whole.totalCount);
    if (!page.pageInfo.hasNextPage) break;
    after = page.pageInfo.endCursor;
  }
  expect(walked).toEqual(whole.edges.map((e) => `${e.node.kind}:${e.node.node.id}`));
});

test('an empty query, a bad cursor or too big a page are clear errors', async () => {
  for (const query of ['', '   ']) {
    const result = await api.request(SEARCH, { query });
    expect(result.errors?.[0]?.message).toBe('query: must not be empty');
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  }
  const cursor = await api.request(SEARCH, { query: 'ferry', after: 'not-a-cursor' });
  expect(cursor.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  const big = await api.request(SEARCH, { query: 'ferry', first: 1000 });
  expect(big.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  const none = await api.request(SEARCH, { query: 'ferry', kinds: [] });
  expect(none.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'kinds' });
});
