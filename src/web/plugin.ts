import type { Plugin } from 'graphql-yoga';
import type { GraphQLFetch } from './api-client';
import { createWebApp } from './app';

/**
 * Serves the web app's pages from the API's own process and port; the API's paths pass through.
 * A page's queries carry the reader's own server context (their socket), so each reader spends
 * their own rate-limit budget rather than one shared by every reader of the web app.
 */
export function useWebApp(
  fetchGraphQL: (request: Request, serverContext: object) => Promise<Response>,
  graphqlEndpoint: string,
): Plugin {
  return {
    async onRequest({ request, url, endResponse, serverContext }) {
      if (url.pathname === graphqlEndpoint) return;
      const asReader: GraphQLFetch = (inner) => fetchGraphQL(inner, serverContext);
      const response = await createWebApp(asReader).handle(request);
      if (response) endResponse(response);
    },
  };
}
