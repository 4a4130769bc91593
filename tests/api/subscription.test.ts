import { createPubSub } from 'graphql-yoga';
import type { Database } from '../../src/db/client';
import type { QuoteAddedEvent, QuoteEvents } from '../../src/services/quote-events';
import { createTestApp } from '../support/app';
import { openTestDatabase } from '../support/database';

const INGEST = `mutation($input: IngestArticleInput!) { ingestArticle(input: $input) { status } }`;

const article = (n: number, publishedAt: string, body: string) =>
  JSON.stringify({ title: `Harbor Report ${n}`, url: `https://harbor-news.example/${n}`, publishedAt, body });

const first = article(
  1,
  '2025-05-01T09:00:00Z',
  'Harbor master José Álvarez said the port would stay open. "We will keep the cranes running," Álvarez said.',
);
const second = article(
  2,
  '2025-05-02T09:00:00Z',
  'Council member Priya Raman criticized José Álvarez on Friday. "José Álvarez kept the port open against all advice," Raman said. "The cranes stopped at noon, and nobody was hurt," Álvarez told reporters.',
);

const QUOTE_ADDED = `subscription($speaker: ID, $about: ID) {
  quoteAdded(speaker: $speaker, about: $about) { text speaker { name } article { title } }
}`;

interface Event {
  text: string;
  speaker: { name: string } | null;
  article: { title: string };
}

/**
 * The in-memory event target createQuoteEvents uses, counting its listeners: a subscription is
 * live once yoga has added its listener, which the test waits for instead of a delay.
 */
class ObservedTarget extends EventTarget {
  private listeners = 0;
  private waiting: Array<{ count: number; resolve: () => void }> = [];
  override addEventListener(...args: Parameters<EventTarget['addEventListener']>): void {
    super.addEventListener(...args);
    this.listeners++;
    this.waiting = this.waiting.filter((w) => (w.count <= this.listeners ? void w.resolve() : true));
  }
  get count(): number {
    return this.listeners;
  }
  /** Resolves once `count` listeners have been added. */
  until(count: number): Promise<void> {
    if (count <= this.listeners) return Promise.resolve();
    return new Promise((resolve) => this.waiting.push({ count, resolve }));
  }
}

const target = new ObservedTarget();
const events: QuoteEvents = Object.assign(
  createPubSub<{ quoteAdded: [QuoteAddedEvent] }>({ eventTarget: target }),
  { close: async () => {} },
);

let database: Database;
let api: ReturnType<typeof createTestApp>;
let editor: Record<string, string>;

/** Opens a subscription over server-sent events and collects its events as they arrive. */
async function subscribe(variables: Record<string, unknown>) {
  const live = target.until(target.count + 1);
  const response = await api.app.fetch('http://quotegraph.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
    body: JSON.stringify({ query: QUOTE_ADDED, variables }),
  });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
  const body = response.body;
  if (!body) throw new Error('no event stream');
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  const received: Event[] = [];
  const errors: unknown[] = [];
  let arrived: () => void = () => {};
  let buffer = '';
  const reading = (async () => {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += value;
      let end = buffer.indexOf('\n\n');
      while (end >= 0) {
        const message = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = message
          .split('\n')
          .filter((line) => line.startsWith('data:'))
          .map((line) => line.slice(5).trim())
          .join('\n');
        if (/^event: next/m.test(message) && data) {
          const payload = JSON.parse(data) as { data?: { quoteAdded: Event }; errors?: unknown[] };
          if (payload.errors) errors.push(...payload.errors);
          if (payload.data) received.push(payload.data.quoteAdded);
          arrived();
        }
        end = buffer.indexOf('\n\n');
      }
    }
  })();
  // yoga starts the subscription once the stream is read on; it is live when its listener is added
  await live;
  return {
    errors,
    /** The events received once there are `count` of them (the test's timeout stops a hang). */
    async waitFor(count: number) {
      while (received.length < count) await new Promise<void>((resolve) => (arrived = resolve));
      return received;
    },
    async close() {
      await reader.cancel();
      await reading.catch(() => undefined);
    },
  };
}

async function entityId(slug: string): Promise<string> {
  const data = await api.query<{ entity: { id: string } }>(
    `query($slug: String!) { entity(slug: $slug) { id } }`,
    { slug },
  );
  return data.entity.id;
}

beforeAll(async () => {
  database = await openTestDatabase();
  api = createTestApp(database, { events });
  editor = await api.editorHeaders();
  await api.query(INGEST, { input: { content: first, format: 'JSON' } }, editor);
});

afterAll(() => {
  return database.close();
});

test('quoteAdded streams the quotes an ingest stores, filtered by speaker and by subject', async () => {
  const alvarez = await entityId('jose-alvarez');
  const everything = await subscribe({});
  const bySpeaker = await subscribe({ speaker: alvarez });
  const aboutAlvarez = await subscribe({ about: alvarez });
  try {
    const result = await api.query<{ ingestArticle: { status: string } }>(
      INGEST,
      { input: { content: second, format: 'JSON' } },
      editor,
    );
    expect(result.ingestArticle.status).toBe('NEW');

    // every quote the ingest stored is published once: wait for exactly those, no delay
    const stored = await api.query<{
      quotes: {
        nodes: Array<{
          text: string;
          speaker: { id: string } | null;
          about: Array<{ id: string }>;
          article: { title: string };
        }>;
      };
    }>('{ quotes(first: 100) { nodes { text speaker { id } about { id } article { title } } } }');
    const published = stored.quotes.nodes.filter((q) => q.article.title === 'Harbor Report 2');
    const texts = (list: Array<{ text: string }>) => list.map((q) => q.text).sort();

    const all = await everything.waitFor(published.length);
    expect(all.map((e) => e.text)).toEqual(
      expect.arrayContaining([
        'José Álvarez kept the port open against all advice,',
        'The cranes stopped at noon, and nobody was hurt,',
      ]),
    );
    expect(texts(all)).toEqual(texts(published));
    for (const e of all) expect(e.article.title).toBe('Harbor Report 2');

    const his = await bySpeaker.waitFor(published.filter((q) => q.speaker?.id === alvarez).length);
    expect(his.length).toBeGreaterThanOrEqual(1);
    expect(his.every((e) => e.speaker?.name === 'José Álvarez')).toBe(true);
    expect(his.map((e) => e.text)).toContain('The cranes stopped at noon, and nobody was hurt,');

    const about = await aboutAlvarez.waitFor(
      published.filter((q) => q.about.some((entity) => entity.id === alvarez)).length,
    );
    expect(about.map((e) => [e.text, e.speaker?.name])).toContainEqual([
      'José Álvarez kept the port open against all advice,',
      'Priya Raman',
    ]);
    expect(about.map((e) => e.speaker?.name)).not.toContain('José Álvarez');
    // exactly his quotes: none of another speaker's got through the filter
    expect(texts(his)).toEqual(texts(published.filter((q) => q.speaker?.id === alvarez)));
    expect([...everything.errors, ...bySpeaker.errors, ...aboutAlvarez.errors]).toEqual([]);
  } finally {
    await Promise.all([everything.close(), bySpeaker.close(), aboutAlvarez.close()]);
  }
});

test('a malformed speaker ID is a clear error', async () => {
  const result = await api.request(QUOTE_ADDED, { speaker: 'not-an-id' });
  expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'speaker' });
});
