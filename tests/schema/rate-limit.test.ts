import { randomUUID } from 'node:crypto';
import { memoryRateLimiter, type RateLimiter, redisRateLimiter } from '../../src/limits/rate-limit';
import { createQuoteEvents } from '../../src/services/quote-events';
import { createApp } from '../../src/yoga';

const redisUrl = process.env.TEST_REDIS_URL;

async function spendsAndRefuses(limiter: RateLimiter) {
  const key = randomUUID();
  expect(await limiter.spend(key, 4)).toMatchObject({ cost: 4, limit: 10, remaining: 6, limited: false });
  expect(await limiter.spend(key, 5)).toMatchObject({ remaining: 1, limited: false });
  // a refused request spends nothing: the last point is still there
  expect(await limiter.spend(key, 2)).toMatchObject({ remaining: 1, limited: true });
  expect(await limiter.spend(key, 1)).toMatchObject({ remaining: 0, limited: false });
  expect(await limiter.spend(randomUUID(), 1)).toMatchObject({ remaining: 9, limited: false });
}

test('an in-memory budget is spent per key and renewed when its hour is over', async () => {
  let now = 1_000_000;
  const limiter = memoryRateLimiter({ pointsPerWindow: 10, windowMs: 3_600_000 }, () => now);
  await spendsAndRefuses(limiter);
  const first = await limiter.spend('k', 10);
  expect(first.resetAt.getTime()).toBe(now + 3_600_000);
  expect((await limiter.spend('k', 1)).limited).toBe(true);
  now += 3_600_000;
  expect(await limiter.spend('k', 1)).toMatchObject({ remaining: 9, limited: false });
});

(redisUrl ? test : test.skip)('a Redis budget is shared by every limiter on the same Redis', async () => {
  const options = { pointsPerWindow: 10, windowMs: 60_000 };
  const a = redisRateLimiter(redisUrl ?? '', options);
  const b = redisRateLimiter(redisUrl ?? '', options);
  try {
    await spendsAndRefuses(a);
    const key = randomUUID();
    await a.spend(key, 7);
    const state = await b.spend(key, 7);
    expect(state).toMatchObject({ remaining: 3, limited: true });
    expect(state.resetAt.getTime()).toBeGreaterThan(Date.now());
  } finally {
    await Promise.all([a.close(), b.close()]);
  }
});

test('once the budget is spent, requests get 429 with Retry-After and RATE_LIMITED', async () => {
  const events = createQuoteEvents();
  // `{ __typename }` never reaches the database
  const app = createApp({ db: undefined as never, events }, { rateLimitPoints: 2 });
  const ask = () =>
    app.fetch('http://quotegraph.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
  expect((await ask()).status).toBe(200);
  expect((await ask()).status).toBe(200);
  const refused = await ask();
  expect(refused.status).toBe(429);
  const retryAfter = Number(refused.headers.get('retry-after'));
  expect(retryAfter).toBeGreaterThan(0);
  expect(retryAfter).toBeLessThanOrEqual(3600);
  const body = (await refused.json()) as { errors: Array<{ message: string; extensions: { code: string } }> };
  expect(body.errors[0]?.extensions.code).toBe('RATE_LIMITED');
  expect(body.errors[0]?.message).toMatch(
    /^The hourly budget of 2 points is spent \(this query costs 1, 0 remain\)/,
  );
  await events.close();
});

if (!redisUrl)
  console.log('Redis rate-limit test skipped: set TEST_REDIS_URL=redis://127.0.0.1:6379 to run it');
