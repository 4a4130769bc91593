import { sql } from 'drizzle-orm';
import { generateArticles } from '../../bench/articles';
import type { Database } from '../../src/db/client';
import { rowsOf } from '../../src/services/echoes';
import { type IngestItem, ingestItem } from '../../src/services/ingest-files';
import { reresolveEntities } from '../../src/services/reresolve-entities';
import { openTestDatabase, testDriver } from '../support/database';

// The embedded database is one connection: articles are stored one at a time there.
const onServer = testDriver === 'postgres' ? test : test.skip;
if (testDriver !== 'postgres') console.log('concurrent ingest test skipped: it needs TEST_DATABASE_URL');

const items: IngestItem[] = [...generateArticles({ articles: 40, seed: 3 })].map((a, i) => ({
  source: `generated ${i}`,
  input: { content: a.content, format: 'markdown' },
}));

async function counts(database: Database) {
  const tables = ['articles', 'entity_aliases', 'mentions', 'quotes', 'roles', 'quote_about'];
  const rows = rowsOf<Record<string, number>>(
    await database.db.execute(
      sql.raw(
        `select ${tables.map((t) => `(select count(*)::int from ${t}) as ${t}`).join(', ')},
          (select count(*)::int from entities where merged_into_id is null) as entities,
          (select count(*)::int from quote_shingles) as shingles, (select count(*)::int from quote_echoes) as echoes,
          (select count(*)::int from quote_echo_links) as echo_links`,
      ),
    ),
  );
  return rows[0];
}

onServer('articles stored four at a time give the same tables as one at a time', async () => {
  const one = await openTestDatabase();
  const four = await openTestDatabase();
  try {
    for (const item of items) expect((await ingestItem(one.db, item)).status).toBe('new');
    let next = 0;
    const statuses: string[] = [];
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        while (next < items.length) {
          const item = items[next++] as IngestItem;
          statuses.push((await ingestItem(four.db, item)).status);
        }
      }),
    );
    expect(statuses).toEqual(items.map(() => 'new'));
    // A bare surname or an acronym links to the full name stored before it, so the order articles
    // land in decides some links; npm run resolve settles them the same way for either order.
    await reresolveEntities(one.db);
    await reresolveEntities(four.db);
    const expected = await counts(one);
    expect(expected?.echoes).toBeGreaterThan(0);
    expect(await counts(four)).toEqual(expected);
  } finally {
    await one.close();
    await four.close();
  }
});
