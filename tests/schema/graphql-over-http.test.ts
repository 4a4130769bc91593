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
