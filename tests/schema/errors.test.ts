import { GraphQLError } from 'graphql';
import { boundedLogger, ERROR_CODES, summarizeForLog } from '../../src/limits/errors';
import { createQuoteEvents } from '../../src/services/quote-events';
import { createApp } from '../../src/yoga';

// Only requests refused before any resolver runs: no database is reached.
const events = createQuoteEvents();
afterAll(() => events.close());

async function post(
  app: ReturnType<typeof createApp>,
  query: string,
  variables: Record<string, unknown> = {},
) {
  const response = await app.fetch('http://quotegraph.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as {
    errors?: Array<{ message: string; extensions?: { code?: string } }>;
  };
  return { status: response.status, codes: body.errors?.map((e) => e.extensions?.code), body };
}

test('errors graphql-js makes itself carry a documented code', async () => {
  const app = createApp({ db: undefined as never, events });
  expect((await post(app, '{ quotes(')).codes).toEqual(['GRAPHQL_PARSE_FAILED']);
  expect((await post(app, '{ noSuchField }')).codes).toEqual(['GRAPHQL_VALIDATION_FAILED']);
  const variables = await post(app, 'query($n: Int) { quotes(first: $n) { totalCount } }', { n: 'ten' });
  expect(variables.codes).toEqual(['BAD_USER_INPUT']);
  for (const { codes } of [variables]) for (const code of codes ?? []) expect(ERROR_CODES).toContain(code);
});

test('in production mode neither GraphiQL nor introspection is offered', async () => {
  const app = createApp({ db: undefined as never, events }, { graphiql: false, introspection: false });
  const page = await app.fetch('http://quotegraph.test/graphql', { headers: { accept: 'text/html' } });
  expect(await page.text()).not.toMatch(/graphiql/i);
  const introspection = await post(app, '{ __schema { types { name } } }');
  expect(new Set(introspection.codes)).toEqual(new Set(['GRAPHQL_VALIDATION_FAILED']));
  const open = createApp({ db: undefined as never, events });
  expect((await post(open, '{ __schema { queryType { name } } }')).codes).toBeUndefined();
});

test('a logged error is one bounded line, and an error shared by a batch is logged once', () => {
  const body = 'word '.repeat(20_000);
  const cause = Object.assign(
    new Error(`Failed query: insert into articles values ($1)\nparams: ${body.replace(/ /g, '_')}`),
    {
      code: '23505',
    },
  );
  const line = summarizeForLog(cause);
  expect(line.length).toBeLessThanOrEqual(700);
  expect(line).toMatch(/^Error: Failed query: insert into articles/);
  const lines: string[] = [];
  const logger = boundedLogger((l) => lines.push(l));
  for (let i = 0; i < 400; i++) {
    logger.error(new GraphQLError('Unexpected error.', { originalError: cause, path: ['nodes', i] }));
  }
  expect(lines).toHaveLength(1);
});
