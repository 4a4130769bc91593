import { sql } from 'drizzle-orm';
import type { Database } from '../../src/db/client';
import { createTestApp } from '../support/app';
import { openTestDatabase, StatementCounter } from '../support/database';

// Three outlets report the mayor's promise about a bridge, each in its own wording: the first in
// full, the second reworded and repunctuated, the third trimmed to a fragment. The mayor's other
// statements are different quotes by the same speaker and must not match.
const articles = [
  {
    title: 'Bridge to Reopen by End of March, Mayor Says',
    url: 'https://riverton-herald.example/bridge-reopens',
    outlet: 'Riverton Herald',
    publishedAt: '2025-03-03T09:00:00Z',
    body: `Mayor Lena Ortiz said on Monday that repairs were ahead of schedule. "The Elm Street bridge will reopen to traffic by the end of March, and tolls will not rise this year," Ortiz told reporters at City Hall.

Ortiz also warned that the city budget was tight. "We are still counting the cost of the winter storms across the county," she said. "Governor Paul Brandt has not sent a single dollar for the repairs," Ortiz added.`,
  },
  {
    title: 'Good News for Drivers on Elm Street',
    url: 'https://county-courier.example/elm-street',
    outlet: 'County Courier',
    publishedAt: '2025-03-04T12:00:00Z',
    body: `Drivers in Riverton got good news on Tuesday. "the Elm Street bridge will reopen to cars by the end of March... and tolls won't rise this year!" Mayor Lena Ortiz said.

Council member Sam Adeyemi said the council would review the contract. "Paul Brandt promised help in January, and we are still waiting," Adeyemi said.`,
  },
  {
    title: 'Riverton Residents Count the Days',
    url: 'https://valley-post.example/riverton-days',
    outlet: 'Valley Post',
    publishedAt: '2025-03-05T18:00:00Z',
    body: `Lena Ortiz, the mayor of Riverton, said the Elm Street bridge "will reopen to traffic by the end of March."

Residents have waited since the autumn floods.`,
  },
];

const INGEST = `mutation($input: IngestArticleInput!) {
  ingestArticle(input: $input) { status article { id } userErrors { field message } }
}`;

interface QuoteNode {
  id: string;
  text: string;
  article: { title: string };
  occurrenceCount: number;
  firstReported: { title: string };
  echoes: { nodes: Array<{ text: string; article: { title: string } }> };
}

const QUOTE_FIELDS = `id text article { title } occurrenceCount firstReported { title }
  echoes(first: 5) { nodes { text article { title } } }`;

/**
 * pg-pool's end() resolves before its clients have disconnected, so the `drop database … with
 * (force)` in openTestDatabase's close can kill them first and the pool re-emits that as an
 * unhandled error that fails the suite. Ignore pool errors once the tests are done.
 */
function ignoreErrorsOnClose(database: Database): void {
  if (database.driver !== 'postgres') return;
  (database.db as unknown as { $client: { on(event: 'error', listener: () => void): void } }).$client.on(
    'error',
    () => {},
  );
}

const counter = new StatementCounter();
let database: Database;
let api: ReturnType<typeof createTestApp>;
let ortizId: string;
let brandtId: string;

async function ortizQuotes(extra = ''): Promise<QuoteNode[]> {
  const data = await api.query<{ quotes: { nodes: QuoteNode[] } }>(
    `query($id: ID!) { quotes(first: 20, filter: { speaker: $id ${extra} }) { nodes { ${QUOTE_FIELDS} } } }`,
    { id: ortizId },
  );
  return data.quotes.nodes;
}

const byText = (nodes: QuoteNode[], pattern: RegExp) => nodes.filter((q) => pattern.test(q.text));

beforeAll(async () => {
  database = await openTestDatabase({ logger: counter });
  api = createTestApp(database);
  const editor = await api.editorHeaders();
  // Stored out of date order: firstReported must follow publishedAt, not ingestion.
  for (const article of [articles[2], articles[0], articles[1]]) {
    const data = await api.query<{ ingestArticle: { status: string } }>(
      INGEST,
      { input: { content: JSON.stringify(article), format: 'JSON' } },
      editor,
    );
    expect(data.ingestArticle.status).toBe('NEW');
  }
  const people = await api.query<{ ortiz: { id: string }; brandt: { id: string } }>(
    `{ ortiz: entity(slug: "lena-ortiz") { id } brandt: entity(slug: "paul-brandt") { id } }`,
  );
  ortizId = people.ortiz.id;
  brandtId = people.brandt.id;
});

afterAll(() => {
  ignoreErrorsOnClose(database);
  return database.close();
});

test('a reworded, repunctuated or trimmed report of the same statement is an echo in another article', async () => {
  const nodes = await ortizQuotes();
  const [original] = byText(nodes, /^The Elm Street bridge will reopen to traffic/);
  if (!original) throw new Error('the full bridge quote was not extracted');
  const echoes = original.echoes.nodes;
  expect(new Set(echoes.map((e) => e.article.title))).toEqual(
    new Set(['Good News for Drivers on Elm Street', 'Riverton Residents Count the Days']),
  );
  expect(echoes.map((e) => e.text)).toEqual(
    expect.arrayContaining([
      "the Elm Street bridge will reopen to cars by the end of March... and tolls won't rise this year!",
      'will reopen to traffic by the end of March.',
    ]),
  );
  for (const e of echoes) expect(e.article.title).not.toBe(original.article.title);
  expect(original.occurrenceCount).toBe(3);
  expect(original.firstReported.title).toBe('Bridge to Reopen by End of March, Mayor Says');

  // The relation holds from the fragment's side too.
  const [fragment] = byText(nodes, /^will reopen to traffic/);
  expect(fragment?.echoes.nodes.map((e) => e.article.title)).toContain(
    'Bridge to Reopen by End of March, Mayor Says',
  );
  expect(fragment?.occurrenceCount).toBe(3);
  expect(fragment?.firstReported.title).toBe('Bridge to Reopen by End of March, Mayor Says');
});

test('a different quote by the same speaker is not an echo', async () => {
  const nodes = await ortizQuotes();
  const [storms] = byText(nodes, /winter storms/);
  const [governor] = byText(nodes, /Governor Paul Brandt/);
  for (const q of [storms, governor]) {
    expect(q?.echoes.nodes).toEqual([]);
    expect(q?.occurrenceCount).toBe(1);
    expect(q?.firstReported.title).toBe(q?.article.title);
  }
  const [original] = byText(nodes, /^The Elm Street bridge/);
  expect(original?.echoes.nodes.map((e) => e.text).join(' ')).not.toMatch(/storms|Governor/);
});

test('quotes(filter: { distinct: true }) lists each statement once, at its earliest report', async () => {
  const all = await ortizQuotes();
  const distinct = await ortizQuotes('distinct: true');
  expect(byText(all, /reopen/).length).toBeGreaterThanOrEqual(3);
  const bridge = byText(distinct, /reopen/);
  expect(bridge).toHaveLength(1);
  expect(bridge[0]?.article.title).toBe('Bridge to Reopen by End of March, Mayor Says');
  expect(bridge[0]?.occurrenceCount).toBe(3);
  expect(byText(distinct, /winter storms/)).toHaveLength(1);
  expect(byText(distinct, /Governor Paul Brandt/)).toHaveLength(1);
  const count = await api.query<{ quotes: { totalCount: number } }>(
    `query($id: ID!) { quotes(filter: { speaker: $id, distinct: true }) { totalCount } }`,
    { id: ortizId },
  );
  expect(count.quotes.totalCount).toBe(distinct.length);
});

test('echoes page with first/after; each edge says how close it is', async () => {
  const [original] = byText(await ortizQuotes(), /^The Elm Street bridge will reopen to traffic/);
  const page = `query($id: ID!, $after: String) { node(id: $id) { ... on Quote {
    echoes(first: 1, after: $after) { edges { cursor similarity exact node { id text } } pageInfo { hasNextPage endCursor } } } } }`;
  type Page = {
    node: {
      echoes: {
        edges: Array<{ similarity: number; exact: boolean; node: { id: string; text: string } }>;
        pageInfo: { hasNextPage: boolean; endCursor: string };
      };
    };
  };
  const seen: string[] = [];
  const edges: Page['node']['echoes']['edges'] = [];
  let after: string | null = null;
  for (let i = 0; i < 10; i++) {
    const data: Page = await api.query<Page>(page, { id: original?.id, after });
    seen.push(...data.node.echoes.edges.map((e) => e.node.id));
    edges.push(...data.node.echoes.edges);
    if (!data.node.echoes.pageInfo.hasNextPage) break;
    after = data.node.echoes.pageInfo.endCursor;
  }
  expect(seen.length).toBe(original?.echoes.nodes.length);
  expect(seen.length).toBeGreaterThanOrEqual(2);
  expect(new Set(seen).size).toBe(seen.length);
  for (const e of edges) {
    expect(e.exact).toBe(false);
    expect(e.similarity).toBeGreaterThan(0.4);
    expect(e.similarity).toBeLessThan(1);
  }
  const bad = await api.request(page, { id: original?.id, after: 'nonsense' });
  expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
});

test('echoes, firstReported and occurrenceCount are batched: statements do not grow with the list', async () => {
  const run = async (first: number) => {
    counter.reset();
    const data = await api.query<{ quotes: { nodes: QuoteNode[] } }>(
      `{ quotes(first: ${first}, orderBy: { field: POSITION, direction: ASC }) { nodes { ${QUOTE_FIELDS} } } }`,
    );
    const echoStatements = counter.statements.filter((s) => s.includes('source_id')).length;
    const summaryStatements = counter.statements.filter((s) => s.includes('first_article_id')).length;
    return { rows: data.quotes.nodes.length, statements: counter.count, echoStatements, summaryStatements };
  };
  const one = await run(1);
  const many = await run(20);
  expect(many.rows).toBeGreaterThanOrEqual(8);
  expect(many).toMatchObject({ echoStatements: 1, summaryStatements: 1 });
  // Echoes' own articles may join the first article batch or come a tick later.
  expect(many.statements).toBeLessThanOrEqual(one.statements + 1);
});

test('what X said about Y: quotes(filter: { speaker, about }) and Entity.quotesAbout(filter: { speaker })', async () => {
  const both = await api.query<{
    quotes: { totalCount: number; nodes: Array<{ text: string; speaker: { name: string } }> };
  }>(
    `query($s: ID!, $a: ID!) { quotes(filter: { speaker: $s, about: $a }) { totalCount nodes { text speaker { name } } } }`,
    { s: ortizId, a: brandtId },
  );
  expect(both.quotes.totalCount).toBe(1);
  expect(both.quotes.nodes[0]?.text).toMatch(/^Governor Paul Brandt has not sent a single dollar/);

  const about = await api.query<{
    entity: {
      all: { totalCount: number; nodes: Array<{ speaker: { name: string } }> };
      byOrtiz: { nodes: Array<{ text: string }> };
    };
  }>(
    `query($s: ID!) { entity(slug: "paul-brandt") {
      all: quotesAbout { totalCount nodes { speaker { name } } }
      byOrtiz: quotesAbout(filter: { speaker: $s }) { nodes { text } } } }`,
    { s: ortizId },
  );
  expect(about.entity.all.totalCount).toBe(2);
  expect(about.entity.all.nodes.map((q) => q.speaker.name).sort()).toEqual(['Lena Ortiz', 'Sam Adeyemi']);
  expect(about.entity.byOrtiz.nodes.map((q) => q.text)).toEqual([both.quotes.nodes[0]?.text]);
});

// The harbour master's order, reported three ways and ingested out of order: the partial quote
// (not a near match: similarity 0.46) before the full one, the reworded one after it. Echo links
// are made at ingest, so each search has to find the quotes stored before and after it. (The
// first article's sentence also gives an indirect quote, a near match of the full one.)
const harbour = [
  {
    title: 'Cargo Crews Wait Out the Storms',
    url: 'https://coast-daily.example/cargo-crews',
    outlet: 'Coast Daily',
    publishedAt: '2025-05-02T08:00:00Z',
    body: `Noor Hassan, the harbour master, said the north harbour "will stay closed to cargo ships until the storm season ends."

Crews have tied up along the river.`,
  },
  {
    title: 'Harbour Closed Until Storms Pass',
    url: 'https://port-gazette.example/harbour-closed',
    outlet: 'Port Gazette',
    publishedAt: '2025-05-01T08:00:00Z',
    body: `"The north harbour will stay closed to cargo ships until the storm season ends, and any crew that ignores the order will lose its licence for a year," harbour master Noor Hassan said on Thursday.`,
  },
  {
    title: 'Harbour Shut to Cargo',
    url: 'https://bay-times.example/harbour-shut',
    outlet: 'Bay Times',
    publishedAt: '2025-05-03T08:00:00Z',
    body: `"The north harbour will stay shut to cargo ships until the storm season is over, and any crew that ignores the order will lose its licence for a year," Noor Hassan said.`,
  },
];

async function hassanQuotes(): Promise<QuoteNode[]> {
  const data = await api.query<{ entity: { quotes: { nodes: QuoteNode[] } } }>(
    `{ entity(slug: "noor-hassan") { quotes(first: 20) { nodes { ${QUOTE_FIELDS} } } } }`,
  );
  return data.entity.quotes.nodes;
}

const titles = (q: QuoteNode | undefined) => q?.echoes.nodes.map((e) => e.article.title).sort();

test('echo links are made whichever of two reports is ingested first', async () => {
  const editor = await api.editorHeaders();
  for (const article of harbour) {
    const data = await api.query<{ ingestArticle: { status: string } }>(
      INGEST,
      { input: { content: JSON.stringify(article), format: 'JSON' } },
      editor,
    );
    expect(data.ingestArticle.status).toBe('NEW');
  }
  const nodes = await hassanQuotes();
  const [fragment] = byText(nodes, /^will stay closed/);
  const [full] = byText(nodes, /^The north harbour will stay closed/);
  const [reworded] = byText(nodes, /^The north harbour will stay shut/);
  if (!fragment || !full || !reworded) throw new Error('the harbour quotes were not extracted');

  // Ingested before the full quote, the fragment still lists it (found from the full quote's side).
  expect(titles(fragment)).toContain('Harbour Closed Until Storms Pass');
  expect(fragment.firstReported.title).toBe('Harbour Closed Until Storms Pass');
  expect(fragment.occurrenceCount).toBe(3);
  // Near matches link both ways, whichever came first; the full quote does not list the short fragment.
  expect(titles(full)).toContain('Harbour Shut to Cargo');
  expect(full.echoes.nodes.map((e) => e.text)).not.toContain(fragment.text);
  expect(titles(reworded)).toContain('Harbour Closed Until Storms Pass');
});

test('a fragment link holds only while the two quotes do not name different speakers', async () => {
  const editor = await api.editorHeaders();
  const reattribute = (quote: string, speaker: string | null) =>
    api.query(
      `mutation($input: ReattributeQuoteInput!) { reattributeQuote(input: $input) { userErrors { message } } }`,
      { input: { quote, speaker } },
      editor,
    );
  const [fragment] = byText(await hassanQuotes(), /^will stay closed/);
  if (!fragment) throw new Error('no fragment');
  const echoTitles = async () => {
    const data = await api.query<{ node: QuoteNode }>(
      `query($id: ID!) { node(id: $id) { ... on Quote { ${QUOTE_FIELDS} } } }`,
      { id: fragment.id },
    );
    return titles(data.node);
  };
  await reattribute(fragment.id, ortizId);
  expect(await echoTitles()).not.toContain('Harbour Closed Until Storms Pass');
  const hassan = await api.query<{ entity: { id: string } }>(`{ entity(slug: "noor-hassan") { id } }`);
  await reattribute(fragment.id, hassan.entity.id);
  expect(await echoTitles()).toContain('Harbour Closed Until Storms Pass');
});

test('the links stored at ingest are the pairs the echo rules give over all quotes', async () => {
  type Pair = { quote_id: number; echo_id: number };
  const pairs = async (query: ReturnType<typeof sql>) =>
    ((await database.db.execute(query)) as unknown as { rows: Pair[] }).rows
      .map((r) => `${r.quote_id}>${r.echo_id}`)
      .sort();
  // The rules as the read-time search applied them before quote_echoes, over every pair of quotes.
  const rules = sql`o.normalized_hash = q.normalized_hash
    or similarity(o.normalized_text, q.normalized_text) >= 0.5
    or (length(q.normalized_text) >= 15 and word_similarity(q.normalized_text, o.normalized_text) >= 0.8
      and (q.speaker_id is null or o.speaker_id is null or q.speaker_id = o.speaker_id))`;
  const searched = await pairs(sql`select q.id as quote_id, o.id as echo_id
    from quotes q join quotes o on o.article_id <> q.article_id where ${rules}`);
  const stored = await pairs(sql`
    select e.quote_id, e.echo_id from quote_echo_links e
      join quotes q on q.id = e.quote_id join quotes o on o.id = e.echo_id
    where not e.fragment or q.speaker_id is null or o.speaker_id is null or q.speaker_id = o.speaker_id`);
  // Among them a fragment stored before a quote it is not cut from word for word, which a trigram
  // search from the new quote could not find: the indirect "the north harbour will stay closed…"
  // against the reworded "…will stay shut…", ingested later. Shared shingles find it.
  const reworded = await pairs(sql`select q.id as quote_id, o.id as echo_id
    from quotes q join quotes o on o.article_id <> q.article_id
    where (${rules}) and q.article_id < o.article_id and o.normalized_hash <> q.normalized_hash
      and similarity(o.normalized_text, q.normalized_text) < 0.5
      and position(q.normalized_text in o.normalized_text) = 0`);
  expect(stored.length).toBeGreaterThan(4);
  expect(reworded).toHaveLength(1);
  expect(stored).toEqual(searched);
});

test("deleting an article removes its echo links and its quotes' shingles", async () => {
  const rows = async <T>(query: ReturnType<typeof sql>) =>
    ((await database.db.execute(query)) as unknown as { rows: T[] }).rows;
  const quoteIds = (
    await rows<{ id: number }>(
      sql`select q.id from quotes q join articles a on a.id = q.article_id where a.title = 'Harbour Shut to Cargo'`,
    )
  ).map((r) => Number(r.id));
  const links = async (table: 'quote_echo_links' | 'quote_echoes' = 'quote_echo_links') =>
    Number(
      (
        await rows<{ n: number }>(
          sql`select count(*)::int as n from ${sql.identifier(table)}
            where quote_id in ${sql.raw(`(${quoteIds.join(',')})`)} or echo_id in ${sql.raw(`(${quoteIds.join(',')})`)}`,
        )
      )[0]?.n,
    );
  const shingles = async () =>
    Number(
      (
        await rows<{ n: number }>(
          sql`select count(*)::int as n from quote_shingles where quote_id in ${sql.raw(`(${quoteIds.join(',')})`)}`,
        )
      )[0]?.n,
    );
  expect(quoteIds.length).toBeGreaterThan(0);
  expect(await links()).toBeGreaterThan(0);
  // the stored links too (migration 0018 follows deleted quotes by a trigger, not foreign keys)
  expect(await links('quote_echoes')).toBeGreaterThan(0);
  expect(await shingles()).toBeGreaterThan(0);
  const article = await api.query<{ article: { id: string } }>(
    `{ article(url: "https://bay-times.example/harbour-shut") { id } }`,
  );
  const deleted = await api.query<{ deleteArticle: { deletedArticleId: string } }>(
    `mutation($id: ID!) { deleteArticle(input: { id: $id }) { deletedArticleId } }`,
    { id: article.article.id },
    await api.editorHeaders(),
  );
  expect(deleted.deleteArticle.deletedArticleId).toBe(article.article.id);
  expect(await links()).toBe(0);
  expect(await links('quote_echoes')).toBe(0);
  expect(await shingles()).toBe(0);
  const [full] = byText(await hassanQuotes(), /^The north harbour will stay closed/);
  expect(titles(full)).toEqual(['Cargo Crews Wait Out the Storms']);
  expect(full?.occurrenceCount).toBe(2);
});
