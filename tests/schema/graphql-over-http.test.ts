import { serverAudits } from 'graphql-http';
import { createQuoteEvents } from '../../src/services/quote-events';
import { createApp } from '../../src/yoga';

// The audits send `{ __typename }` and malformed requests only: no database is reached.
const events = createQuoteEvents();
const app = createApp({ db: undefined as never, events }, { rateLimitPoints: 100_000 });

afterAll(() => events.close());

test('the server passes every GraphQL-over-HTTP audit of graphql-http (MUST and SHOULD)', async () => {
  const audits = serverAudits({
    url: 'http://quotegraph.test/graphql',
    fetchFn: (input: RequestInfo | URL, init?: RequestInit) => app.fetch(input as URL, init ?? {}),
  });
  const failed: string[] = [];
  for (const audit of audits) {
    const result = await audit.fn();
    if (result.status !== 'ok') failed.push(`${audit.name}: ${result.reason}`);
  }
  expect(audits.length).toBeGreaterThan(50);
  expect(failed).toEqual([]);
});

test('a request body over the limit is refused with 413, with or without a Content-Length', async () => {
  const small = createApp(
    { db: undefined as never, events },
    { rateLimitPoints: 100_000, maxRequestBodySize: 200 },
  );
  const query = (padding: number) => JSON.stringify({ query: `{ __typename }${' '.repeat(padding)}` });
  const post = (body: BodyInit, headers: Record<string, string> = {}) =>
    small.fetch('http://quotegraph.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
      duplex: 'half',
    } as RequestInit);
  const chunked = (text: string) =>
    new ReadableStream<Uint8Array>({
      start(controller) {
        const bytes = new TextEncoder().encode(text);
        for (let i = 0; i < bytes.length; i += 64) controller.enqueue(bytes.slice(i, i + 64));
        controller.close();
      },
    });

  const fits = await post(query(10), { 'content-length': String(query(10).length) });
  expect((await fits.json()).data).toEqual({ __typename: 'Query' });
  const declared = await post(query(500), { 'content-length': String(query(500).length) });
  expect(declared.status).toBe(413);
  expect((await declared.json()).errors[0].extensions.code).toBe('REQUEST_ENTITY_TOO_LARGE');
  const invalid = await post(query(10), { 'content-length': '12, 12' });
  expect(invalid.status).toBe(400);

  const streamedFits = await post(chunked(query(10)));
  expect((await streamedFits.json()).data).toEqual({ __typename: 'Query' });
  const streamed = await post(chunked(query(500)));
  expect(streamed.status).toBe(413);
});
