import { useGraphQlJit } from '@envelop/graphql-jit';
import { NoSchemaIntrospectionCustomRule } from 'graphql';
import { createYoga, type Plugin } from 'graphql-yoga';
import { type AppServices, createContext } from './context';
import { healthPlugin } from './health';
import { boundedLogger, errorPolicyPlugin, maskError } from './limits/errors';
import { queryLimitsPlugin } from './limits/plugin';
import { memoryRateLimiter, type RateLimiter } from './limits/rate-limit';
import { requestBodyLimitPlugin } from './limits/request-body';
import { schema } from './schema';
import { DEFAULT_PAGE_SIZE } from './schema/pagination';
import { renderGraphiQL } from './web/graphiql';
import { useWebApp } from './web/plugin';

export interface AppOptions {
  maxDepth: number;
  /** The most objects one response may hold (docs/api.md, "Cost"). */
  maxCost: number;
  maxAliases: number;
  maxTokens: number;
  /** The largest request body accepted, in bytes. */
  maxRequestBodySize: number;
  /** Per caller and hour; used when no rateLimiter is given. */
  rateLimitPoints: number;
  rateLimiter?: RateLimiter;
  graphiql: boolean;
  introspection: boolean;
}

export const defaultAppOptions: AppOptions = {
  maxDepth: 12,
  maxCost: 10_000,
  maxAliases: 30,
  maxTokens: 2_000,
  maxRequestBodySize: 25_000_000,
  rateLimitPoints: 5_000,
  graphiql: true,
  introspection: true,
};

const HOUR_MS = 3_600_000;

const exampleQuery = `# Who said what: everything Dmitry Peskov said, and where.
{
  entity(slug: "dmitry-peskov") {
    name
    aliases
    roles { title organization { name } }
    quotes(first: 10) {
      totalCount
      nodes { text kind confidence article { title publishedAt } }
    }
  }
}
`;

const noIntrospection: Plugin = {
  onValidate: ({ addValidationRule }) => addValidationRule(NoSchemaIntrospectionCustomRule),
};

export function createApp(services: AppServices, options: Partial<AppOptions> = {}) {
  const settings = { ...defaultAppOptions, ...options };
  const rateLimiter =
    settings.rateLimiter ??
    memoryRateLimiter({ pointsPerWindow: settings.rateLimitPoints, windowMs: HOUR_MS });
  const yoga = createYoga({
    schema,
    context: ({ request }) => createContext(services, request),
    graphqlEndpoint: '/graphql',
    graphiql: settings.graphiql ? { title: 'Quotegraph', defaultQuery: exampleQuery } : false,
    renderGraphiQL,
    landingPage: false,
    // Unexpected errors reach the client as "Unexpected error." with no stack or SQL in any mode;
    // GraphQLErrors thrown on purpose (bad input, not found, auth) keep their message and code.
    maskedErrors: { maskError, isDev: false },
    logging: boundedLogger(),
    // /health is ours (it checks the database), not yoga's always-200 one
    healthCheckEndpoint: '/health-yoga',
    // our own check (limits/request-body.ts) instead of yoga's, which streams every body
    maxRequestBodySize: false,
    plugins: [
      healthPlugin(services.db),
      requestBodyLimitPlugin(settings.maxRequestBodySize),
      errorPolicyPlugin(),
      queryLimitsPlugin(schema, {
        maxDepth: settings.maxDepth,
        maxCost: settings.maxCost,
        maxAliases: settings.maxAliases,
        maxTokens: settings.maxTokens,
        model: { defaultPageSize: DEFAULT_PAGE_SIZE, unsizedListSize: DEFAULT_PAGE_SIZE },
        rateLimiter,
      }),
      ...(settings.introspection ? [] : [noIntrospection]),
      useGraphQlJit(),
      useWebApp(
        async (request, serverContext): Promise<Response> =>
          yoga.handleRequest(request, serverContext as never),
        '/graphql',
      ),
    ],
  });
  return yoga;
}

export type App = ReturnType<typeof createApp>;
