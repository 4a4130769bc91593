import type { Plugin } from 'graphql-yoga';
import type { GraphQLFetch } from './api-client';
import { createWebApp } from './app';

/** Serves the web app's pages from the API's own process and port; the API's paths pass through. */
export function useWebApp(fetchGraphQL: GraphQLFetch, graphqlEndpoint: string): Plugin {
  const web = createWebApp(fetchGraphQL);
  return {
    async onRequest({ request, url, endResponse }) {
      if (url.pathname === graphqlEndpoint) return;
      const response = await web.handle(request);
      if (response) endResponse(response);
    },
  };
}
