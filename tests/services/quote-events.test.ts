import { createQuoteEvents, type QuoteAddedEvent } from '../../src/services/quote-events';

const redisUrl = process.env.TEST_REDIS_URL;
const inMemory = createQuoteEvents();

afterAll(() => inMemory.close());

async function firstEvent(events: ReturnType<typeof createQuoteEvents>): Promise<QuoteAddedEvent> {
  const iterator = events.subscribe('quoteAdded')[Symbol.asyncIterator]();
  const next = iterator.next();
  return next.then(async (r) => {
    await iterator.return?.();
    return r.value as QuoteAddedEvent;
  });
}

test('in one process a published quote reaches its subscribers', async () => {
  const received = firstEvent(inMemory);
  inMemory.publish('quoteAdded', { quoteId: 1, speakerId: 2, aboutIds: [3] });
  await expect(received).resolves.toEqual({ quoteId: 1, speakerId: 2, aboutIds: [3] });
});

(redisUrl ? test : test.skip)('through Redis an event published by one process reaches another', async () => {
  const publisher = createQuoteEvents(redisUrl);
  const subscriber = createQuoteEvents(redisUrl);
  try {
    const received = firstEvent(subscriber);
    // the subscription reaches Redis asynchronously: publish until it is heard
    let heard = false;
    received.then(() => {
      heard = true;
    });
    for (let i = 0; i < 50 && !heard; i++) {
      publisher.publish('quoteAdded', { quoteId: 7, speakerId: null, aboutIds: [] });
      await new Promise((r) => setTimeout(r, 50));
    }
    await expect(received).resolves.toEqual({ quoteId: 7, speakerId: null, aboutIds: [] });
  } finally {
    await Promise.all([publisher.close(), subscriber.close()]);
  }
});

if (!redisUrl) console.log('Redis event test skipped: set TEST_REDIS_URL=redis://127.0.0.1:6379 to run it');
