// PostGraphile 4 over a Quotegraph database, for bench/compare-postgraphile.ts: introspects the
// public schema and serves /graphql on 127.0.0.1:PORT. Usage: tsx bench/postgraphile-server.ts URL PORT POOL
import { createServer } from 'node:http';
import Module, { createRequire } from 'node:module';
import { dirname } from 'node:path';
import pg from 'pg';

// PostGraphile 4 needs graphql 15 and npm installs a copy of it under each of its packages (the
// project's own is 16); graphql refuses types from another copy, so every graphile package is
// pointed at postgraphile's copy.
const require = createRequire(import.meta.url);
const graphql15 = dirname(createRequire(require.resolve('postgraphile')).resolve('graphql/package.json'));
const resolver = Module as unknown as { _resolveFilename: (request: string, ...rest: unknown[]) => string };
const resolve = resolver._resolveFilename;
resolver._resolveFilename = (request, ...rest) =>
  request === 'graphql' || request.startsWith('graphql/')
    ? resolve(request.replace(/^graphql/, graphql15), ...rest)
    : resolve(request, ...rest);
const { postgraphile } = require('postgraphile') as typeof import('postgraphile');

const [url, port, poolSize] = process.argv.slice(2);
if (!url || !port) throw new Error('usage: tsx bench/postgraphile-server.ts DATABASE_URL PORT [POOL_SIZE]');
const pool = new pg.Pool({ connectionString: url, max: Number(poolSize) || 10 });
const handler = postgraphile(pool, 'public', {
  disableQueryLog: true,
  retryOnInitFail: false,
  graphiql: false,
  dynamicJson: true,
});
createServer(handler).listen(Number(port), '127.0.0.1', () => console.log('ready'));
