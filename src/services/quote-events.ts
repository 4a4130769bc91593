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
  const publishClient = new Redis(redisUrl, { lazyConnect: false, maxRetriesPerRequest: 3 });
  const subscribeClient = new Redis(redisUrl, { lazyConnect: false, maxRetriesPerRequest: 3 });
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
