// npx tsx bench/read-migrate.ts postgres://…/db
// Applies the migrations a database lacks, as the server does on start, and prints how long they
// took: what a release's migration costs on a large database (bench/read-corpus.ts).
import { openDatabase } from '../src/db/client';
import { migrate } from '../src/db/migrate';

async function main(): Promise<void> {
  const database = await openDatabase({ url: process.argv[2] ?? '', statementTimeoutMs: 3_600_000 });
  const started = performance.now();
  await migrate(database);
  console.log(`migrated in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  await database.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
