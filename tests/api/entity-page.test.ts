import type { Database } from '../../src/db/client';
import { createTestApp } from '../support/app';
import { openTestDatabase, StatementCounter } from '../support/database';

// A mayor who becomes governor: the role a quote carries depends on the article's date.
const articles = [
  {
    title: 'New Library Opens on the East Side',
    url: 'https://riverton-herald.example/library',
    outlet: 'Riverton Herald',
    publishedAt: '2025-03-03T10:00:00Z',
    body: 'Mayor Lena Ortiz opened the new library on Monday with council member Sam Adeyemi. "Every neighborhood deserves a library within walking distance," Ortiz said.',
  },
  {
    title: 'Budget Fight at City Hall',
    url: 'https://riverton-herald.example/budget',
    outlet: 'Riverton Herald',
    publishedAt: '2025-03-20T10:00:00Z',
    body: 'Lena Ortiz and Sam Adeyemi clashed over the budget on Thursday. "We cannot pay for new buses without cutting somewhere else," Lena Ortiz said. Governor Paul Brandt did not comment.',
  },
  {
    title: 'First Order From the New Governor',
    url: 'https://state-journal.example/first-order',
    outlet: 'State Journal',
    publishedAt: '2026-01-10T10:00:00Z',
    body: 'Governor Lena Ortiz signed her first executive order on Saturday. "The state will publish every contract online from now on," Ortiz told reporters. Her deputy, Maria Chen, will lead the effort.',
  },
];

const INGEST = `mutation($input: IngestArticleInput!) { ingestArticle(input: $input) { status } }`;

const counter = new StatementCounter();
let database: Database;
let api: ReturnType<typeof createTestApp>;

beforeAll(async () => {
  database = await openTestDatabase({ logger: counter });
  api = createTestApp(database);
  const editor = await api.editorHeaders();
  for (const article of articles) {
    await api.query(INGEST, { input: { content: JSON.stringify(article), format: 'JSON' } }, editor);
  }
});

afterAll(() => {
  return database.close();
});

interface Page {
  entity: {
    name: string;
    firstSeenAt: string;
    lastSeenAt: string;
    coMentions: Array<{ count: number; entity: { __typename: string; name: string } }>;
    topOutlets: Array<{ count: number; outlet: { name: string } }>;
    months: Array<{ period: string; mentions: number; articles: number; quotes: number }>;
    quotes: {
      nodes: Array<{ text: string; speakerRole: { title: string; article: { title: string } } | null }>;
    };
  };
}

test('one query gives an entity page: seen dates, co-mentions, outlets, timeline and quotes with roles', async () => {
  const data = await api.query<Page>(`{ entity(slug: "lena-ortiz") {
    name firstSeenAt lastSeenAt
    coMentions { count entity { __typename name } }
    topOutlets { count outlet { name } }
    months: timeline(granularity: MONTH) { period mentions articles quotes }
    quotes(orderBy: { field: PUBLISHED_AT, direction: ASC }) { nodes { text speakerRole { title article { title } } } }
  } }`);
  const e = data.entity;
  expect(e.firstSeenAt).toBe('2025-03-03T10:00:00.000Z');
  expect(e.lastSeenAt).toBe('2026-01-10T10:00:00.000Z');
  expect(e.coMentions[0]).toEqual({ count: 2, entity: { __typename: 'Person', name: 'Sam Adeyemi' } });
  expect(e.coMentions.slice(1).map((c) => [c.entity.name, c.count])).toEqual(
    expect.arrayContaining([
      ['Paul Brandt', 1],
      ['Maria Chen', 1],
    ]),
  );
  expect(e.coMentions.map((c) => c.entity.name)).not.toContain('Lena Ortiz');
  expect(e.topOutlets).toEqual([
    { count: 2, outlet: { name: 'Riverton Herald' } },
    { count: 1, outlet: { name: 'State Journal' } },
  ]);
  expect(e.months.map((m) => [m.period, m.articles, m.quotes])).toEqual([
    ['2025-03-01T00:00:00.000Z', 2, 2],
    ['2026-01-01T00:00:00.000Z', 1, 1],
  ]);
  expect(e.months[0]?.mentions).toBeGreaterThanOrEqual(2);

  // The 2025 quotes are the mayor's (the second from the latest role before it), the 2026 one the governor's.
  expect(
    e.quotes.nodes.map((q) => [q.text.slice(0, 20), q.speakerRole?.title, q.speakerRole?.article.title]),
  ).toEqual([
    ['Every neighborhood d', 'Mayor', 'New Library Opens on the East Side'],
    ['We cannot pay for ne', 'Mayor', 'New Library Opens on the East Side'],
    ['The state will publi', 'Governor', 'First Order From the New Governor'],
  ]);
});

test('coMentions first and kind, timeline from/to and week/day periods', async () => {
  const data = await api.query<{
    entity: {
      top: Array<{ entity: { name: string } }>;
      places: Array<{ entity: { name: string } }>;
      weeks: Array<{ period: string }>;
      days: Array<{ period: string; quotes: number }>;
      outlet: Array<{ outlet: { name: string } }>;
    };
  }>(`{ entity(slug: "lena-ortiz") {
    top: coMentions(first: 1) { entity { name } }
    places: coMentions(kind: PLACE) { entity { name } }
    weeks: timeline(granularity: WEEK, to: "2026-01-01T00:00:00Z") { period }
    days: timeline(granularity: DAY, from: "2026-01-01T00:00:00Z") { period quotes }
    outlet: topOutlets(first: 1) { outlet { name } }
  } }`);
  expect(data.entity.top.map((c) => c.entity.name)).toEqual(['Sam Adeyemi']);
  expect(data.entity.places).toEqual([]);
  // 2025-03-03 is a Monday; 2025-03-20 falls in the week of the 17th.
  expect(data.entity.weeks.map((w) => w.period)).toEqual([
    '2025-03-03T00:00:00.000Z',
    '2025-03-17T00:00:00.000Z',
  ]);
  expect(data.entity.days).toEqual([{ period: '2026-01-10T00:00:00.000Z', quotes: 1 }]);
  expect(data.entity.outlet.map((o) => o.outlet.name)).toEqual(['Riverton Herald']);
});

test('a list of entities asking for page fields costs the same statements as one entity', async () => {
  const query = (first: number) => `{ entities(first: ${first}, filter: { kind: PERSON }) { nodes {
    name firstSeenAt lastSeenAt coMentions(first: 3) { count entity { name } } topOutlets(first: 2) { count outlet { name } }
    timeline(granularity: MONTH) { period mentions } } } }`;
  counter.reset();
  const one = await api.query<{ entities: { nodes: unknown[] } }>(query(1));
  const oneCount = counter.count;
  counter.reset();
  const many = await api.query<{ entities: { nodes: unknown[] } }>(query(10));
  expect(one.entities.nodes).toHaveLength(1);
  expect(many.entities.nodes.length).toBeGreaterThanOrEqual(4);
  expect(counter.count).toBe(oneCount);
});

test('speakerRole is batched across a list of quotes', async () => {
  counter.reset();
  const data = await api.query<{ quotes: { nodes: Array<{ speakerRole: { title: string } | null }> } }>(
    `{ quotes(first: 20) { nodes { speakerRole { title } } } }`,
  );
  expect(data.quotes.nodes.length).toBeGreaterThanOrEqual(3);
  expect(counter.statements.filter((s) => s.includes('"roles"'))).toHaveLength(1);
});

test('limits and ranges are checked', async () => {
  const big = await api.request(`{ entity(slug: "lena-ortiz") { coMentions(first: 1000) { count } } }`);
  expect(big.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  const backwards = await api.request(
    `{ entity(slug: "lena-ortiz") { timeline(granularity: DAY, from: "2026-01-01T00:00:00Z", to: "2025-01-01T00:00:00Z") { period } } }`,
  );
  expect(backwards.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'to' });
});

// The README's entity page (README.md, "An entity page in one query") with a page size of n.
const readmePage = (n: number) => `{ entity(slug: "lena-ortiz") {
  name kind aliases firstSeenAt lastSeenAt mentionCount quoteCount articleCount
  roles { title organization { name } article { title } }
  coMentions(first: 3) { count entity { name } }
  topOutlets(first: 3) { count outlet { name } }
  timeline(granularity: MONTH) { period mentions quotes }
  quotes(first: ${n}, filter: { kind: DIRECT, distinct: true }, orderBy: { field: PUBLISHED_AT, direction: ASC }) {
    totalCount
    nodes { text occurrenceCount firstReported { title } }
  }
} }`;

test.each([5, 50])("the README's entity page costs at most 4 SQL statements (first: %i)", async (n) => {
  counter.reset();
  const data = await api.query<{
    entity: { aliases: string[]; roles: unknown[]; quotes: { totalCount: number; nodes: unknown[] } };
  }>(readmePage(n));
  expect(data.entity.aliases.length).toBeGreaterThan(0);
  expect(data.entity.roles.length).toBeGreaterThan(0);
  expect(data.entity.quotes.nodes).toHaveLength(Math.min(n, data.entity.quotes.totalCount));
  expect(counter.count).toBeLessThanOrEqual(4);
});

test('fields read in the same statement answer as they do alone', async () => {
  const together = await api.query<Record<string, unknown>>(readmePage(5));
  const alone = await Promise.all(
    [
      'aliases',
      'firstSeenAt',
      'mentionCount',
      'roles { title organization { name } article { title } }',
      'timeline(granularity: MONTH) { period mentions quotes }',
    ].map((field) =>
      api.query<{ entity: Record<string, unknown> }>(`{ entity(slug: "lena-ortiz") { ${field} } }`),
    ),
  );
  const entity = together.entity as Record<string, unknown>;
  expect(alone[0]?.entity.aliases).toEqual(entity.aliases);
  expect(alone[1]?.entity.firstSeenAt).toEqual(entity.firstSeenAt);
  expect(alone[2]?.entity.mentionCount).toEqual(entity.mentionCount);
  expect(alone[3]?.entity.roles).toEqual(entity.roles);
  expect(alone[4]?.entity.timeline).toEqual(entity.timeline);
});

test.each([1, 50])(
  'entity(slug) with a page of quotes, their articles and totalCount is one statement, and answers as Query.quotes does (first: %i)',
  async (n) => {
    const { entity } = await api.query<{ entity: { id: string } }>(`{ entity(slug: "lena-ortiz") { id } }`);
    counter.reset();
    const page = await api.query<{
      entity: { quotes: { totalCount: number; nodes: Array<{ text: string; article: { title: string } }> } };
    }>(
      `{ entity(slug: "lena-ortiz") { quotes(first: ${n}) { totalCount nodes { text article { title publishedAt } } } } }`,
    );
    // the entity by its slug, its page, count and articles: one statement
    expect(counter.count).toBe(1);
    const alone = await api.query<{ quotes: typeof page.entity.quotes }>(
      `{ quotes(first: ${n}, filter: { speaker: "${entity.id}" }) { totalCount nodes { text article { title publishedAt } } } }`,
    );
    expect(page.entity.quotes).toEqual(alone.quotes);
    expect(page.entity.quotes.nodes).toHaveLength(Math.min(n, 3));
  },
);

// Last: it adds an article.
test('a role stated in several articles is one role, with its first article and its first and last dates', async () => {
  const editor = await api.editorHeaders();
  const later = {
    title: 'Governor Tours the Flooded Valley',
    url: 'https://state-journal.example/floods',
    outlet: 'State Journal',
    publishedAt: '2026-04-02T10:00:00Z',
    body: 'Governor Lena Ortiz toured the flooded valley on Thursday. "We will rebuild every bridge," Ortiz said.',
  };
  await api.query(INGEST, { input: { content: JSON.stringify(later), format: 'JSON' } }, editor);
  type Roles = {
    entity: {
      roles: Array<{ title: string; firstSeenAt: string; lastSeenAt: string; article: { title: string } }>;
    };
  };
  const all = await api.query<Roles>(
    `{ entity(slug: "lena-ortiz") { roles { title firstSeenAt lastSeenAt article { title } } } }`,
  );
  expect(all.entity.roles.map((r) => r.title.toLowerCase())).toEqual(['mayor', 'governor']);
  expect(all.entity.roles[1]).toMatchObject({
    firstSeenAt: '2026-01-10T10:00:00.000Z',
    lastSeenAt: '2026-04-02T10:00:00.000Z',
    article: { title: 'First Order From the New Governor' },
  });
  const first = await api.query<Roles>(`{ entity(slug: "lena-ortiz") { roles(first: 1) { title } } }`);
  expect(first.entity.roles.map((r) => r.title.toLowerCase())).toEqual(['mayor']);
  const big = await api.request(`{ entity(slug: "lena-ortiz") { roles(first: 500) { title } } }`);
  expect(big.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
});
