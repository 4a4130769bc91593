import type { AppServices } from '../../src/context';
import type { Database } from '../../src/db/client';
import { createApiKey } from '../../src/services/api-keys';
import { createQuoteEvents } from '../../src/services/quote-events';
import { createApp } from '../../src/yoga';

export interface GraphQLResponse<T = Record<string, unknown>> {
  data?: T;
  errors?: Array<{ message: string; extensions?: Record<string, unknown>; path?: unknown[] }>;
  extensions?: Record<string, unknown>;
}

/** A yoga app over the given database, called with real HTTP requests through yoga.fetch (no port). */
export function createTestApp(database: Database, services: Partial<AppServices> = {}) {
  const events = createQuoteEvents();
  const app = createApp({ db: database.db, events, ...services });
  async function request<T = Record<string, unknown>>(
    query: string,
    variables: Record<string, unknown> = {},
    headers: Record<string, string> = {},
  ): Promise<GraphQLResponse<T>> {
    const response = await app.fetch('http://quotegraph.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as GraphQLResponse<T>;
  }
  return {
    app,
    events,
    request,
    /** Like request, but fails the test on any GraphQL error. */
    async query<T = Record<string, unknown>>(
      query: string,
      variables: Record<string, unknown> = {},
      headers = {},
    ) {
      const result = await request<T>(query, variables, headers);
      if (result.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors)}`);
      return result.data as T;
    },
    async editorHeaders(): Promise<Record<string, string>> {
      const key = await createApiKey(database.db, 'test editor', 'editor');
      return { authorization: `Bearer ${key.key}` };
    },
  };
}
