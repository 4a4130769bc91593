import { readFileSync } from 'node:fs';
import { ApiError, type GraphQLFetch } from './api-client';
import { GRAPHIQL_ASSET_PREFIX, graphiqlAsset } from './graphiql';
import { html } from './html';
import { errorPage } from './layout';
import { articlePage } from './pages/article';
import { entityPage } from './pages/entity';
import { quotePage } from './pages/quote';
import { searchPage } from './pages/search';

const STATIC_FILES: Record<string, string> = {
  'app.css': 'text/css; charset=utf-8',
  'app.js': 'text/javascript; charset=utf-8',
  'favicon.svg': 'image/svg+xml',
};
const staticFiles = new Map(
  Object.entries(STATIC_FILES).map(([name, type]) => [
    name,
    { type, body: readFileSync(new URL(`./static/${name}`, import.meta.url)) },
  ]),
);

type Route = (fetchGraphQL: GraphQLFetch, url: URL, param: string) => Promise<Response>;
const ROUTES: Array<[RegExp, Route]> = [
  [/^\/entity\/([^/]+)$/, entityPage],
  [/^\/quote\/([^/]+)$/, quotePage],
  [/^\/article\/([^/]+)$/, articlePage],
];

function staticResponse(name: string): Response | null {
  const file = staticFiles.get(name);
  if (!file) return null;
  return new Response(new Uint8Array(file.body), {
    headers: { 'content-type': file.type, 'cache-control': 'public, max-age=3600' },
  });
}

function decode(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

/**
 * The reader's web app: server-rendered pages built only from the public GraphQL API, which
 * `fetchGraphQL` reaches in-process. Returns null for requests that are not its own (the API).
 */
export function createWebApp(fetchGraphQL: GraphQLFetch) {
  async function route(url: URL): Promise<Response | null> {
    const path = url.pathname;
    if (path.startsWith('/static/')) return staticResponse(path.slice('/static/'.length));
    if (path.startsWith(GRAPHIQL_ASSET_PREFIX))
      return graphiqlAsset(path.slice(GRAPHIQL_ASSET_PREFIX.length));
    if (path === '/') return searchPage(fetchGraphQL, url);
    for (const [pattern, handler] of ROUTES) {
      const match = pattern.exec(path);
      const param = match?.[1] && decode(match[1]);
      if (param) return handler(fetchGraphQL, url, param);
    }
    return null;
  }

  return {
    async handle(request: Request): Promise<Response | null> {
      const url = new URL(request.url);
      if (request.method !== 'GET' && request.method !== 'HEAD') return null;
      try {
        return (await route(url)) ?? (isOwnPath(url.pathname) ? notFound() : null);
      } catch (error) {
        return apiErrorPage(error);
      }
    },
  };
}

function isOwnPath(path: string): boolean {
  return path === '/' || /^\/(entity|quote|article|static|graphiql)\//.test(path);
}

function notFound(): Response {
  return errorPage(404, 'Page not found', html`<p>There is no page at this address.</p>`);
}

function apiErrorPage(error: unknown): Response {
  if (error instanceof ApiError && error.status === 429) {
    const page = errorPage(
      429,
      'Too many requests',
      html`<p>Quotegraph is answering too many requests just now. Try again ${error.retryAfter ? `in ${error.retryAfter} seconds` : 'shortly'}.</p>`,
    );
    if (error.retryAfter) page.headers.set('retry-after', error.retryAfter);
    return page;
  }
  if (error instanceof ApiError && error.isBadInput) {
    // the API names what it refused; its messages are written for callers
    return errorPage(400, 'The request could not be answered', html`<p>${error.message}</p>`);
  }
  console.error('web page failed:', error);
  return errorPage(
    503,
    'The data service did not answer',
    html`<p>Quotegraph could not get this page's data just now. Try again in a moment; if it keeps happening, the API or its database is down.</p>`,
  );
}
