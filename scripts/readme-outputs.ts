// Rewrites the example outputs in README.md from the running code: each query of the README runs
// through the API over a fresh in-memory database loaded with the example articles, and its answer
// replaces the block between <!-- NAME-output --> and <!-- /NAME-output -->.
// Usage: npm run docs:readme
import { readFileSync, writeFileSync } from 'node:fs';
import { openDatabase } from '../src/db/client';
import { migrate } from '../src/db/migrate';
import { loadExamplesIfEmpty } from '../src/services/bootstrap';
import { createQuoteEvents } from '../src/services/quote-events';
import { createApp } from '../src/yoga';

const readmePath = new URL('../README.md', import.meta.url);

function between(text: string, name: string): { start: number; end: number } {
  const open = `<!-- ${name} -->\n`;
  const start = text.indexOf(open);
  const end = text.indexOf(`<!-- /${name} -->`);
  if (start < 0 || end < start) throw new Error(`README.md has no <!-- ${name} --> block`);
  return { start: start + open.length, end };
}

/** The README's queries: the curl example's payload, and the fenced GraphQL blocks. */
function queries(readme: string): Map<string, string> {
  const curl = /-d '(\{"query":.*\})'/.exec(readme)?.[1];
  if (!curl) throw new Error('README.md has no curl example with a query');
  const found = new Map([['who', (JSON.parse(curl) as { query: string }).query]]);
  for (const name of ['page', 'xref']) {
    const { start, end } = between(readme, `${name}-query`);
    found.set(name, readme.slice(start, end).replace(/^```graphql\n|```\n?$/gm, ''));
  }
  return found;
}

async function main(): Promise<void> {
  let readme = readFileSync(readmePath, 'utf8');
  const database = await openDatabase();
  await migrate(database);
  await loadExamplesIfEmpty(database, (m) => console.error(m));
  const app = createApp({ db: database.db, events: createQuoteEvents() });
  for (const [name, query] of queries(readme)) {
    const response = await app.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query }),
    });
    const body = (await response.json()) as { errors?: unknown; extensions?: unknown };
    if (body.errors) throw new Error(`${name}: ${JSON.stringify(body.errors)}`);
    delete body.extensions;
    const { start, end } = between(readme, `${name}-output`);
    readme = `${readme.slice(0, start)}\`\`\`json\n${JSON.stringify(body, null, 2)}\n\`\`\`\n${readme.slice(end)}`;
    console.error(`${name}: updated`);
  }
  writeFileSync(readmePath, readme);
  await database.close();
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
