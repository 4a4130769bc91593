import { costLimitPlugin } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesPlugin } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthPlugin } from '@escape.tech/graphql-armor-max-depth';
import { maxTokensPlugin } from '@escape.tech/graphql-armor-max-tokens';
import { createYoga } from 'graphql-yoga';
import { type AppServices, createContext } from './context';
import { schema } from './schema';
import { renderGraphiQL } from './web/graphiql';
import { useWebApp } from './web/plugin';

export interface YogaLimits {
  maxDepth: number;
  maxCost: number;
}

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

export function createApp(services: AppServices, limits: YogaLimits = { maxDepth: 12, maxCost: 10_000 }) {
  const yoga = createYoga({
    schema,
    context: ({ request }) => createContext(services, request),
    graphqlEndpoint: '/graphql',
    graphiql: { title: 'Quotegraph', defaultQuery: exampleQuery },
    renderGraphiQL,
    landingPage: false,
    // Unexpected errors reach the client as "Unexpected error." with no stack; GraphQLErrors
    // thrown on purpose (bad input, not found, auth) keep their message and extensions.code.
    maskedErrors: true,
    plugins: [
      maxDepthPlugin({ n: limits.maxDepth, exposeLimits: true }),
      costLimitPlugin({ maxCost: limits.maxCost, exposeLimits: true }),
      maxAliasesPlugin({ n: 30, exposeLimits: true }),
      maxTokensPlugin({ n: 2000, exposeLimits: true }),
      useWebApp(async (request): Promise<Response> => yoga.fetch(request), '/graphql'),
    ],
  });
  return yoga;
}

export type App = ReturnType<typeof createApp>;
