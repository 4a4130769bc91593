import { createTestApp } from '../support/app';
import { openTestDatabase } from '../support/database';
import { ingestExamples } from '../support/web';

// The web app runs its queries in-process; they must count against the reader who asked for the
// page, not against one budget shared by every reader of the web app.
describe('web pages spend their reader’s rate-limit budget', () => {
  let database: Awaited<ReturnType<typeof openTestDatabase>>;
  let api: ReturnType<typeof createTestApp>;
  beforeAll(async () => {
    database = await openTestDatabase();
    api = createTestApp(database);
    await ingestExamples(api);
  });
  afterAll(async () => {
    await database.close();
  });

  const asReader = (address: string) => ({ req: { socket: { remoteAddress: address } } });
  const remaining = async (address: string) => {
    const response = await api.app.handleRequest(
      new Request('http://quotegraph.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ rateLimit { remaining } }' }),
      }),
      asReader(address) as never,
    );
    const body = (await response.json()) as { data: { rateLimit: { remaining: number } } };
    return body.data.rateLimit.remaining;
  };

  test('an entity page is paid for by the reader who opened it', async () => {
    const page = await api.app.handleRequest(
      new Request('http://quotegraph.test/entity/dmitry-peskov', { headers: { accept: 'text/html' } }),
      asReader('203.0.113.5') as never,
    );
    expect(page.status).toBe(200);
    const reader = await remaining('203.0.113.5');
    const other = await remaining('198.51.100.7');
    expect(reader).toBeLessThan(other);
  });
});
