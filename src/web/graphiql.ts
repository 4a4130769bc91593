import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { GraphiQLOptions } from 'graphql-yoga';

/**
 * GraphiQL from node_modules instead of yoga's default page, which loads its scripts from a CDN and
 * never renders offline. @graphql-yoga/render-graphiql ships the same bundle as strings but inlines
 * all 9 MB into every page; here each part is its own cacheable asset under /graphiql/.
 */
interface GraphiQLBundle {
  js: string;
  css: string;
  favicon: string;
  editorWorkerService: string;
  jsonWorker: string;
  graphqlWorker: string;
}

let bundle: GraphiQLBundle | undefined;

function loadBundle(): GraphiQLBundle {
  if (!bundle) {
    const require = createRequire(import.meta.url);
    // the package exports only its HTML renderer; its asset module sits beside the entry point
    const entry = require.resolve('@graphql-yoga/render-graphiql');
    bundle = require(join(dirname(entry), 'graphiql.js')) as GraphiQLBundle;
  }
  return bundle;
}

const ASSETS: Record<
  string,
  { type: string; body: (b: GraphiQLBundle) => string | Uint8Array<ArrayBuffer> }
> = {
  'graphiql.js': { type: 'text/javascript; charset=utf-8', body: (b) => b.js },
  'graphiql.css': { type: 'text/css; charset=utf-8', body: (b) => b.css },
  'editor.worker.js': { type: 'text/javascript; charset=utf-8', body: (b) => b.editorWorkerService },
  'json.worker.js': { type: 'text/javascript; charset=utf-8', body: (b) => b.jsonWorker },
  'graphql.worker.js': { type: 'text/javascript; charset=utf-8', body: (b) => b.graphqlWorker },
  'favicon.ico': {
    type: 'image/x-icon',
    body: (b) => new Uint8Array(Buffer.from(b.favicon.slice(b.favicon.indexOf(',') + 1), 'base64')),
  },
};

export const GRAPHIQL_ASSET_PREFIX = '/graphiql/';

/** One GraphiQL asset by file name, or null for a name it does not have. */
export function graphiqlAsset(name: string): Response | null {
  const asset = ASSETS[name];
  if (!asset) return null;
  const body = asset.body(loadBundle());
  return new Response(body, {
    headers: { 'content-type': asset.type, 'cache-control': 'public, max-age=86400' },
  });
}

/** The GraphiQL page (yoga's `renderGraphiQL`), referring only to this server's assets. */
export function renderGraphiQL(options: GraphiQLOptions): string {
  const title = (options.title ?? 'GraphiQL').replace(/[<>&"]/g, '');
  // JSON inside <script>: "<" escaped so that no value can close the element
  const opts = JSON.stringify(options).replace(/</g, '\\u003c');
  const p = GRAPHIQL_ASSET_PREFIX;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${title}</title>
<link rel="icon" href="${p}favicon.ico">
<link rel="stylesheet" href="${p}graphiql.css">
</head>
<body id="body" class="no-focus-outline">
<noscript>GraphiQL needs JavaScript. The web app at <a href="/">/</a> works without it.</noscript>
<div id="root">Loading GraphiQL…</div>
<script>
const workerUrls = { editorWorkerService: '${p}editor.worker.js', json: '${p}json.worker.js', graphql: '${p}graphql.worker.js' };
const workers = {};
function prepareWorkers() {
  return Promise.all(Object.entries(workerUrls).map(async ([label, url]) => {
    const source = await (await fetch(url)).text();
    workers[label] = URL.createObjectURL(new Blob([source], { type: 'application/javascript' }));
  }));
}
self.MonacoEnvironment = { globalAPI: false, getWorkerUrl: (_moduleId, label) => workers[label] };
</script>
<script src="${p}graphiql.js"></script>
<script>
prepareWorkers().finally(() => YogaGraphiQL.renderYogaGraphiQL(document.getElementById('root'), ${opts}));
</script>
</body>
</html>`;
}
