import { createQuoteEvents } from '../../src/services/quote-events';
import { createApp } from '../../src/yoga';

test('/health is 503 naming the cause when the database does not answer', async () => {
  const events = createQuoteEvents();
  const db = { execute: () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:5432')) };
  const app = createApp({ db: db as never, events });
  const response = await app.fetch('http://quotegraph.test/health');
  expect(response.status).toBe(503);
  expect(await response.json()).toEqual({
    status: 'unavailable',
    database: 'connect ECONNREFUSED 127.0.0.1:5432',
  });
  await events.close();
});
