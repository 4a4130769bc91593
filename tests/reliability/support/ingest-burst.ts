// A child process for the crash test: ingests distinct articles 16 at a time until it is killed,
// printing a line per article stored.
import { openDatabase } from '../../../src/db/client';
import { ingestArticle } from '../../../src/services/ingest';
import { burstArticle } from './articles';

const database = await openDatabase({ url: process.env.BURST_DATABASE_URL, poolSize: 16 });
let next = 0;
await Promise.all(
  Array.from({ length: 16 }, async () => {
    for (;;) {
      const result = await ingestArticle(database.db, burstArticle(next++));
      process.stdout.write(`${result.status}\n`);
    }
  }),
);
