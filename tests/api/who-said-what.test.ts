import { readFileSync } from 'node:fs';
import type { Database } from '../../src/db/client';
import { createTestApp } from '../support/app';
import { openTestDatabase } from '../support/database';

const seed = readFileSync(new URL('../fixtures/seed-article.txt', import.meta.url), 'utf8');

const INGEST = `mutation($input: IngestArticleInput!) {
  ingestArticle(input: $input) {
    status created counts { quotes entities mentions roles }
    article { id title slug }
    userErrors { field message }
  }
}`;

let database: Database;
let api: ReturnType<typeof createTestApp>;
let editor: Record<string, string>;

beforeAll(async () => {
  database = await openTestDatabase();
  api = createTestApp(database);
  editor = await api.editorHeaders();
  const data = await api.query<{ ingestArticle: { status: string } }>(
    INGEST,
    { input: { content: seed, url: 'https://news.example/seed' } },
    editor,
  );
  expect(data.ingestArticle.status).toBe('NEW');
});

afterAll(() => database.close());

interface QuoteNode {
  text: string;
  kind: string;
  speaker: { name: string } | null;
  article: { title: string };
}

test("Peskov's quotes come back attributed to him, the last one ending in his denial", async () => {
  const data = await api.query<{
    entity: { name: string; quotes: { totalCount: number; nodes: QuoteNode[] } };
  }>(`{ entity(slug: "dmitry-peskov") { name quotes(first: 10, filter: { kind: DIRECT }, orderBy: { field: POSITION, direction: ASC }) {
      totalCount nodes { text kind speaker { name } article { title } } } } }`);
  expect(data.entity.name).toBe('Dmitry Peskov');
  const { nodes, totalCount } = data.entity.quotes;
  expect(totalCount).toBeGreaterThanOrEqual(1);
  expect(totalCount).toBeLessThanOrEqual(2);
  expect(nodes.at(-1)?.text.endsWith('I can neither confirm nor deny it.')).toBe(true);
  for (const q of nodes) {
    expect(q.speaker?.name).toBe('Dmitry Peskov');
    expect(q.article.title).toBe('Trump Says He Has Spoken With Putin by Phone About Ending Ukraine War');
  }
});

test("filtering quotes by Trump's ID gives his three direct quotes; Zelensky has one", async () => {
  const trump = await api.query<{ entities: { nodes: Array<{ id: string; name: string }> } }>(
    `{ entities(filter: { name: "trump", kind: PERSON }) { nodes { id name } } }`,
  );
  expect(trump.entities.nodes).toHaveLength(1);
  const id = trump.entities.nodes[0]?.id;
  const data = await api.query<{ quotes: { totalCount: number; nodes: QuoteNode[] } }>(
    `query($id: ID!) { quotes(filter: { speaker: $id, kind: DIRECT }) { totalCount nodes { text speaker { name } } } }`,
    { id },
  );
  expect(data.quotes.totalCount).toBe(3);
  expect(data.quotes.nodes.map((q) => q.text).sort()).toEqual(
    [
      'I’d better not say.',
      'All those dead people. Young, young, beautiful people. They’re like your kids, two million of them – and for no reason,',
      'I hope it’s fast. Every day people are dying. This war is so bad in Ukraine. I want to end this damn thing,',
    ].sort(),
  );

  const zelensky = await api.query<{ entity: { quotes: { nodes: QuoteNode[] } } }>(
    `{ entity(slug: "volodymyr-zelensky") { quotes(filter: { kind: DIRECT }) { nodes { text speaker { name } } } } }`,
  );
  expect(zelensky.entity.quotes.nodes).toHaveLength(1);
  expect(zelensky.entity.quotes.nodes[0]?.text).toMatch(
    /^If I had the understanding that America and Europe/,
  );
});

test('an entity page: aliases, roles, counts and the articles that mention it', async () => {
  const data = await api.query<{
    entity: {
      __typename: string;
      kind: string;
      aliases: string[];
      roles: Array<{ title: string; organization: { name: string } | null }>;
      mentionCount: number;
      quoteCount: number;
      articles: { totalCount: number; nodes: Array<{ slug: string }> };
    };
  }>(`{ entity(slug: "dmitry-peskov") { __typename kind aliases roles { title organization { name } }
      mentionCount quoteCount articles { totalCount nodes { slug } } } }`);
  const e = data.entity;
  expect(e.__typename).toBe('Person');
  expect(e.kind).toBe('PERSON');
  expect(e.aliases).toEqual(expect.arrayContaining(['Dmitry Peskov', 'Peskov']));
  expect(e.roles).toContainEqual({ title: 'spokesman', organization: { name: 'Kremlin' } });
  expect(e.mentionCount).toBeGreaterThanOrEqual(2);
  expect(e.quoteCount).toBeGreaterThanOrEqual(2);
  expect(e.articles.totalCount).toBe(1);
});

test('a quote carries its span, context sentence, cue, confidence and the article it came from', async () => {
  const data = await api.query<{
    entity: {
      quotes: {
        nodes: Array<{
          text: string;
          span: { start: number; end: number };
          context: string;
          cue: string | null;
          confidence: number;
          speakerText: string | null;
          article: { body: string };
        }>;
      };
    };
  }>(`{ entity(slug: "volodymyr-zelensky") { quotes(filter: { kind: DIRECT }) { nodes {
      text span { start end } context cue confidence speakerText article { body } } } } }`);
  const q = data.entity.quotes.nodes[0];
  expect(q).toBeDefined();
  if (!q) return;
  expect(q.article.body.slice(q.span.start, q.span.end)).toBe(q.text);
  expect(q.context).toContain(q.text);
  expect(q.context).toMatch(/Zelensky said\.$/);
  expect(q.cue).toMatch(/said/);
  expect(q.confidence).toBeGreaterThan(0);
  expect(q.confidence).toBeLessThanOrEqual(1);
  expect(q.speakerText).toBe('Zelensky');
});

test('node(id) and nodes(ids) resolve global IDs of every node type', async () => {
  const list = await api.query<{
    quotes: { nodes: Array<{ id: string; article: { id: string }; speaker: { id: string } | null }> };
  }>(`{ quotes(first: 1, filter: { kind: DIRECT }) { nodes { id article { id } speaker { id } } } }`);
  const q = list.quotes.nodes[0];
  if (!q?.speaker) throw new Error('expected an attributed quote');
  const data = await api.query<{
    node: { __typename: string } | null;
    nodes: Array<{ __typename: string } | null>;
  }>(`query($q: ID!, $ids: [ID!]!) { node(id: $q) { __typename } nodes(ids: $ids) { __typename } }`, {
    q: q.id,
    ids: [q.article.id, q.speaker.id],
  });
  expect(data.node?.__typename).toBe('Quote');
  expect(data.nodes.map((n) => n?.__typename)).toEqual(['Article', 'Person']);
});

test('article by slug, URL and ID; paragraphs and quotes in reading order', async () => {
  const bySlug = await api.query<{ articles: { nodes: Array<{ id: string; slug: string }> } }>(
    `{ articles { nodes { id slug } } }`,
  );
  const first = bySlug.articles.nodes[0];
  if (!first) throw new Error('no article');
  const data = await api.query<{
    a: {
      title: string;
      subtitle: string;
      byline: string;
      paragraphs: string[];
      quotes: { nodes: Array<{ span: { start: number } }> };
    };
    b: { id: string };
    c: { id: string };
  }>(
    `query($id: ID!, $slug: String!) {
      a: article(id: $id) { title subtitle byline paragraphs quotes(first: 50) { nodes { span { start } } } }
      b: article(slug: $slug) { id }
      c: article(url: "https://news.example/seed") { id } }`,
    { id: first.id, slug: first.slug },
  );
  expect(data.a.subtitle).toBe("The Kremlin said it couldn't confirm or deny Trump's claim");
  expect(data.a.byline).toBe('Dave DeCamp');
  expect(data.a.paragraphs[0]).toMatch(/^President Trump told The New York Post/);
  const starts = data.a.quotes.nodes.map((q) => q.span.start);
  expect(starts).toEqual([...starts].sort((x, y) => x - y));
  expect(data.b.id).toBe(first.id);
  expect(data.c.id).toBe(first.id);
});
