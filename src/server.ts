import { createServer } from 'node:http';
import { env } from './env';
import { memoryRateLimiter, redisRateLimiter } from './limits/rate-limit';
import { watchPendingApiKeys } from './services/api-keys';
import { loadExamplesIfEmpty, openAppDatabase } from './services/bootstrap';
import { JobQueue, jobQueueSettings } from './services/jobs';
import { createQuoteEvents } from './services/quote-events';
import { createApp } from './yoga';

const log = (message: string) => console.log(message);

async function main(): Promise<void> {
  const config = env();
  const database = await openAppDatabase(config, log);
  if (config.LOAD_EXAMPLES) await loadExamplesIfEmpty(database, log);
  const events = createQuoteEvents(config.REDIS_URL);
  const production = config.NODE_ENV === 'production';
  const budget = { pointsPerWindow: config.RATE_LIMIT_POINTS, windowMs: 3_600_000 };
  const rateLimiter = config.REDIS_URL
    ? redisRateLimiter(config.REDIS_URL, budget)
    : memoryRateLimiter(budget);
  const graphiql = config.GRAPHIQL ?? !production;
  // enqueueArticles needs a server; the queue connects on its first use
  const jobs = config.DATABASE_URL
    ? new JobQueue(jobQueueSettings(config, 'the job queue'), 'client')
    : undefined;
  const app = createApp(
    { db: database.db, events, jobs },
    {
      maxDepth: config.MAX_QUERY_DEPTH,
      maxCost: config.MAX_QUERY_COST,
      rateLimiter,
      graphiql,
      introspection: config.INTROSPECTION ?? !production,
    },
  );
  const server = createServer(app);
  server.on('error', (error: NodeJS.ErrnoException) => {
    console.error(
      error.code === 'EADDRINUSE'
        ? `Port ${config.PORT} on ${config.HOST} is already in use (another Quotegraph?): stop that process or set PORT.`
        : `Cannot listen on ${config.HOST}:${config.PORT}: ${error.message}`,
    );
    process.exit(1);
  });
  const keyImport = config.DATABASE_URL ? undefined : watchPendingApiKeys(database.db, config.DATA_DIR, log);
  server.listen(config.PORT, config.HOST, () => {
    log(
      `Quotegraph is serving its web app at http://localhost:${config.PORT}/ and GraphQL${graphiql ? ' (with GraphiQL)' : ''} at /graphql`,
    );
  });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: closing…`);
    clearInterval(keyImport);
    server.close(() => {
      Promise.allSettled([database.close(), events.close(), rateLimiter.close(), jobs?.stop()]).finally(() =>
        process.exit(0),
      );
    });
    server.closeAllConnections();
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
