import { Redis } from 'ioredis';

/** Where a caller stands in its hourly budget after a request. */
export interface RateLimitState {
  /** Points this request cost. */
  cost: number;
  /** Points per window. */
  limit: number;
  remaining: number;
  resetAt: Date;
  /** Whether the request was refused; refused requests spend nothing. */
  limited: boolean;
}

export interface RateLimiter {
  /** Spends `cost` points of `key`'s budget, unless that would overdraw it. */
  spend(key: string, cost: number): Promise<RateLimitState>;
  close(): Promise<void>;
}

export interface RateLimitOptions {
  pointsPerWindow: number;
  windowMs: number;
}

/** One process's budgets, in memory: fixed windows that start at a caller's first request. */
export function memoryRateLimiter(options: RateLimitOptions, now: () => number = Date.now): RateLimiter {
  const windows = new Map<string, { used: number; resetAt: number }>();
  let lastSweep = now();
  return {
    async spend(key, cost) {
      const time = now();
      if (time - lastSweep > options.windowMs) {
        for (const [k, w] of windows) if (w.resetAt <= time) windows.delete(k);
        lastSweep = time;
      }
      let window = windows.get(key);
      if (!window || window.resetAt <= time) {
        window = { used: 0, resetAt: time + options.windowMs };
        windows.set(key, window);
      }
      const limited = window.used + cost > options.pointsPerWindow;
      if (!limited) window.used += cost;
      return {
        cost,
        limit: options.pointsPerWindow,
        remaining: Math.max(0, options.pointsPerWindow - window.used),
        resetAt: new Date(window.resetAt),
        limited,
      };
    },
    async close() {},
  };
}

/**
 * Budgets shared by every API process through Redis. When Redis cannot be reached the request is
 * let through: an outage of the limiter must not become an outage of the API.
 */
export function redisRateLimiter(
  url: string,
  options: RateLimitOptions,
  log: (message: string) => void = console.error,
): RateLimiter {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  let reported = false;
  redis.on('error', (error: Error) => {
    if (!reported)
      log(`rate limit: Redis unavailable (${error.message}); requests are not limited meanwhile`);
    reported = true;
  });
  redis.on('ready', () => {
    reported = false;
  });
  redis.connect().catch(() => {});
  const fallback = (cost: number): RateLimitState => ({
    cost,
    limit: options.pointsPerWindow,
    remaining: options.pointsPerWindow,
    resetAt: new Date(Date.now() + options.windowMs),
    limited: false,
  });
  return {
    async spend(key, cost) {
      const redisKey = `quotegraph:rate:${key}`;
      try {
        const replies = await redis
          .multi()
          .set(redisKey, 0, 'PX', options.windowMs, 'NX')
          .incrby(redisKey, cost)
          .pttl(redisKey)
          .exec();
        const used = Number(replies?.[1]?.[1]);
        const ttl = Number(replies?.[2]?.[1]);
        if (!Number.isFinite(used)) return fallback(cost);
        const limited = used > options.pointsPerWindow;
        if (limited) await redis.decrby(redisKey, cost);
        const spent = limited ? used - cost : used;
        return {
          cost,
          limit: options.pointsPerWindow,
          remaining: Math.max(0, options.pointsPerWindow - spent),
          resetAt: new Date(Date.now() + (ttl > 0 ? ttl : options.windowMs)),
          limited,
        };
      } catch {
        return fallback(cost);
      }
    },
    async close() {
      redis.disconnect();
    },
  };
}
