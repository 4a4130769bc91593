import { createServer } from 'node:http';
import { env } from './env';
import { loadExamplesIfEmpty, openAppDatabase } from './services/bootstrap';
import { createQuoteEvents } from './services/quote-events';
import { createApp } from './yoga';

const log = (message: string) => console.log(message);

async function main(): Promise<void> {
  const config = env();
  const database = await openAppDatabase(config, log);
  if (config.LOAD_EXAMPLES) await loadExamplesIfEmpty(database, log);
  const events = createQuoteEvents(config.REDIS_URL);
  const app = createApp(
    { db: database.db, events },
    { maxDepth: config.MAX_QUERY_DEPTH, maxCost: config.MAX_QUERY_COST },
  );
  const server = createServer(app);
  server.listen(config.PORT, config.HOST, () => {
    log(
      `Quotegraph is serving its web app at http://localhost:${config.PORT}/ and GraphQL (GraphiQL) at /graphql`,
    );
  });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: closing…`);
    server.close(() => {
      Promise.allSettled([database.close(), events.close()]).finally(() => process.exit(0));
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
