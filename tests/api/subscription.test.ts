import type { Database } from '../../src/db/client';
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

let database: Database;
let api: ReturnType<typeof createTestApp>;
let editor: Record<string, string>;

/** Opens a subscription over server-sent events and collects its events as they arrive. */
async function subscribe(variables: Record<string, unknown>) {
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
  const events: Event[] = [];
  const errors: unknown[] = [];
  let buffer = '';
  let started: () => void = () => {};
  const ping = new Promise<void>((resolve) => {
    started = resolve;
  });
  const reading = (async () => {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      started();
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
          if (payload.data) events.push(payload.data.quoteAdded);
        }
        end = buffer.indexOf('\n\n');
      }
    }
  })();
  // yoga opens the stream with a ping, then starts the subscription when the stream is read on:
  // after the ping and a tick, an ingest's events reach it.
  await ping;
  await new Promise((resolve) => setTimeout(resolve, 20));
  return {
    events,
    errors,
    async waitFor(count: number, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      while (events.length < count && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      return events;
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
  api = createTestApp(database);
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

    const all = await everything.waitFor(2);
    expect(all.map((e) => e.text)).toEqual(
      expect.arrayContaining([
        'José Álvarez kept the port open against all advice,',
        'The cranes stopped at noon, and nobody was hurt,',
      ]),
    );
    for (const e of all) expect(e.article.title).toBe('Harbor Report 2');

    const his = await bySpeaker.waitFor(1);
    await new Promise((r) => setTimeout(r, 100));
    expect(his.length).toBeGreaterThanOrEqual(1);
    expect(his.every((e) => e.speaker?.name === 'José Álvarez')).toBe(true);
    expect(his.map((e) => e.text)).toContain('The cranes stopped at noon, and nobody was hurt,');

    const about = await aboutAlvarez.waitFor(1);
    expect(about.map((e) => [e.text, e.speaker?.name])).toContainEqual([
      'José Álvarez kept the port open against all advice,',
      'Priya Raman',
    ]);
    expect(about.map((e) => e.speaker?.name)).not.toContain('José Álvarez');
    expect([...everything.errors, ...bySpeaker.errors, ...aboutAlvarez.errors]).toEqual([]);
  } finally {
    await Promise.all([everything.close(), bySpeaker.close(), aboutAlvarez.close()]);
  }
});

test('a malformed speaker ID is a clear error', async () => {
  const result = await api.request(QUOTE_ADDED, { speaker: 'not-an-id' });
  expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'speaker' });
});
