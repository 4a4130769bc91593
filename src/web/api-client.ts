import { readFileSync } from 'node:fs';

/** Sends a GraphQL request to the public API and returns its JSON body; transport only. */
export type GraphQLFetch = (request: Request) => Promise<Response>;

export interface GraphQLErrorBody {
  message: string;
  extensions?: { code?: string; field?: string };
  path?: Array<string | number>;
}

/** The API answered, but with errors the page cannot be built without. */
export class ApiError extends Error {
  constructor(
    readonly errors: GraphQLErrorBody[],
    readonly status: number,
    readonly retryAfter: string | null = null,
  ) {
    super(errors.map((e) => e.message).join('; '));
  }

  /** A lookup by an ID or cursor the API refused as malformed: for a reader, that page does not exist. */
  get isBadInput(): boolean {
    return this.errors.some(
      (e) => e.extensions?.code === 'BAD_USER_INPUT' || /invalid global id/i.test(e.message),
    );
  }

  get isNotFound(): boolean {
    return this.errors.some((e) => e.extensions?.code === 'NOT_FOUND');
  }
}

/** The queries the pages run, kept as .graphql files so a front-end developer can copy them. */
export function loadQuery(name: string): string {
  return readFileSync(new URL(`./queries/${name}.graphql`, import.meta.url), 'utf8');
}

/**
 * Runs a query against the public endpoint, exactly as an outside client would (same limits,
 * same error masking), but in-process: no port, no network.
 */
export async function runQuery<T>(
  fetchGraphQL: GraphQLFetch,
  origin: string,
  query: string,
  variables: Record<string, unknown>,
): Promise<T> {
  const response = await fetchGraphQL(
    new Request(new URL('/graphql', origin), {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
      body: JSON.stringify({ query, variables }),
    }),
  );
  let body: { data?: T | null; errors?: GraphQLErrorBody[] };
  try {
    body = (await response.json()) as typeof body;
  } catch {
    throw new ApiError(
      [{ message: `the API answered HTTP ${response.status} without JSON` }],
      response.status,
    );
  }
  if (body.errors?.length)
    throw new ApiError(body.errors, response.status, response.headers.get('retry-after'));
  if (!body.data) throw new ApiError([{ message: 'the API answered without data' }], response.status);
  return body.data;
}
