import { createRedisEventTarget } from '@graphql-yoga/redis-event-target';
import { createPubSub } from 'graphql-yoga';
import { Redis } from 'ioredis';

export interface QuoteAddedEvent {
  quoteId: number;
  speakerId: number | null;
  aboutIds: number[];
}

type Topics = { quoteAdded: [QuoteAddedEvent] };

export type QuoteEvents = ReturnType<typeof createPubSub<Topics>> & { close(): Promise<void> };

/**
 * In one process events stay in memory. With a Redis URL they go through Redis, so that an
 * ingest in one API process or worker reaches subscribers connected to another.
 */
export function createQuoteEvents(redisUrl?: string): QuoteEvents {
  if (!redisUrl) return Object.assign(createPubSub<Topics>(), { close: async () => {} });
  const publishClient = quietlyRetrying(new Redis(redisUrl, { lazyConnect: false, maxRetriesPerRequest: 3 }));
  const subscribeClient = quietlyRetrying(
    new Redis(redisUrl, { lazyConnect: false, maxRetriesPerRequest: 3 }),
  );
  const pubsub = createPubSub<Topics>({
    eventTarget: createRedisEventTarget({ publishClient, subscribeClient }),
  });
  return Object.assign(pubsub, {
    close: async () => {
      publishClient.disconnect();
      subscribeClient.disconnect();
    },
  });
}

/**
 * ioredis reconnects by itself with a growing delay; without an error listener it prints
 * "Unhandled error event" on every attempt. An outage is logged once when it starts and once when
 * Redis is back.
 */
export function quietlyRetrying(client: Redis, log: (message: string) => void = console.error): Redis {
  let down = false;
  client.on('error', (error: Error) => {
    if (down) return;
    down = true;
    log(`Redis unavailable (${error.message || (error as NodeJS.ErrnoException).code}); retrying quietly`);
  });
  client.on('ready', () => {
    if (down) log('Redis is back');
    down = false;
  });
  return client;
}
