import type { Db } from './db/client';
import type { RequestCost } from './limits/plugin';
import { type ApiKey, findApiKey } from './services/api-keys';
import type { ExtractionPool } from './services/extraction-pool';
import type { JobQueue } from './services/jobs';
import type { QuoteEvents } from './services/quote-events';

export interface Context {
  db: Db;
  events: QuoteEvents;
  extraction?: ExtractionPool;
  /** The ingest job queue; absent on the embedded database, where enqueueArticles answers with an error. */
  jobs?: JobQueue;
  /** The caller's API key, looked up on first use; null when none or an unknown one was sent. */
  apiKey(): Promise<ApiKey | null>;
  /** Whether an Authorization header was sent at all: a wrong key and no key get different errors. */
  sentApiKey: boolean;
  /** What the request was charged, set by the query-limits plugin before execution. */
  cost?: RequestCost;
}

export interface AppServices {
  db: Db;
  events: QuoteEvents;
  /** Where ingestArticle parses and extracts; the process's shared pool when not given. */
  extraction?: ExtractionPool;
  /** The ingest job queue (on a Postgres server only). */
  jobs?: JobQueue;
}

export function createContext(services: AppServices, request: Request): Context {
  const token = /^Bearer\s+(\S+)$/i.exec(request.headers.get('authorization') ?? '')?.[1];
  let lookup: Promise<ApiKey | null> | undefined;
  return {
    ...services,
    sentApiKey: token !== undefined,
    apiKey: () => {
      lookup ??= token ? findApiKey(services.db, token) : Promise.resolve(null);
      return lookup;
    },
  };
}
