import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { generateArticles } from '../../bench/articles';
import type { Database } from '../../src/db/client';
import { EchoCache, rowsOf } from '../../src/services/echoes';
import { ExtractionPool } from '../../src/services/extraction-pool';
import { type BatchExtraction, extractBatch, storeBatch } from '../../src/services/ingest';
import { collectArticleFiles, ingestItems, readArticleItems } from '../../src/services/ingest-files';
import { openTestDatabase } from '../support/database';

/**
 * Every stored table with ids replaced by what they point at (entities by slug, articles by slug,
 * quotes by article slug and position), sorted: equal when two databases store the same things
 * whatever ids they were given. ingested_at is left out: it is the time of storing.
 */
const TABLES = {
  entities: `select e.kind, e.name, e.normalized_name, e.slug, e.description, e.wikidata_id,
      m.slug as merged_into, e.match_keys from entities e left join entities m on m.id = e.merged_into_id`,
  entity_aliases: `select e.slug, a.alias, a.normalized_alias, a.source from entity_aliases a join entities e on e.id = a.entity_id`,
  articles: `select a.slug, a.url, a.content_hash, a.title, a.subtitle, a.byline, a.authors, o.slug as outlet,
      a.published_at, a.body, a.paragraphs, a.language, a.search_vector::text from articles a left join entities o on o.id = a.outlet_id`,
  mentions: `select a.slug, e.slug as entity, m.start, m."end", m.text, m.link_confidence
      from mentions m join articles a on a.id = m.article_id join entities e on e.id = m.entity_id`,
  roles: `select p.slug, r.title, o.slug as organization, pl.slug as place, a.slug as article, r.first_seen_at, r.last_seen_at
      from roles r join entities p on p.id = r.person_id join articles a on a.id = r.article_id
      left join entities o on o.id = r.organization_id left join entities pl on pl.id = r.place_id`,
  quotes: `select a.slug, s.slug as speaker, q.speaker_text, q.speaker_mention_start, q.speaker_mention_end, q.kind,
      q.text, q.start, q."end", q.cue, q.confidence, q.normalized_text, q.normalized_hash, q.attribution_edited,
      q.article_date = coalesce(a.published_at, a.ingested_at) as article_dated
      from quotes q join articles a on a.id = q.article_id left join entities s on s.id = q.speaker_id`,
  quote_about: `select a.slug, q.start, e.slug as entity from quote_about qa join quotes q on q.id = qa.quote_id
      join articles a on a.id = q.article_id join entities e on e.id = qa.entity_id`,
  quote_shingles: `select s.hash::text, a.slug, q.start from quote_shingles s join quotes q on q.id = s.quote_id
      join articles a on a.id = q.article_id`,
  quote_echoes: `select a.slug, q.start, ea.slug as echo_article, eq.start as echo_start, x.similarity, x.fragment
      from quote_echoes x join quotes q on q.id = x.quote_id join articles a on a.id = q.article_id
      join quotes eq on eq.id = x.echo_id join articles ea on ea.id = eq.article_id`,
  quote_echo_links: `select a.slug, q.start, ea.slug as echo_article, eq.start as echo_start, x.similarity, x.exact, x.fragment
      from quote_echo_links x join quotes q on q.id = x.quote_id join articles a on a.id = q.article_id
      join quotes eq on eq.id = x.echo_id join articles ea on ea.id = eq.article_id`,
};

async function tables(database: Database): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const [name, query] of Object.entries(TABLES)) {
    const rows = rowsOf<Record<string, unknown>>(await database.db.execute(sql.raw(query)));
    out[name] = rows.map((r) => JSON.stringify(r)).sort();
  }
  return out;
}

/** Every table of the database as `expected` has it, named in a failure. */
async function expectTables(database: Database, expected: Record<string, string[]>): Promise<void> {
  const actual = await tables(database);
  for (const name of Object.keys(TABLES))
    expect({ name, rows: actual[name] }).toEqual({ name, rows: expected[name] });
}

let folder: string;
// one pool for the file: each of its two threads loads the models once (~2 s of CPU), not once a test;
// a generous time budget: on a busy machine an article may wait for a core past the default one
const extraction = new ExtractionPool({ size: 2, timeoutMs: 120_000 });

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'quotegraph-batch-'));
  let n = 0;
  for (const article of generateArticles({ articles: 30, seed: 5 }))
    await writeFile(join(folder, `${String(n++).padStart(3, '0')}.md`), article.content);
  // the same article twice, and one that cannot be read: neither may cost the others their place
  await writeFile(
    join(folder, '100-again.md'),
    [...generateArticles({ articles: 30, seed: 5 })][3]?.content ?? '',
  );
  await writeFile(join(folder, '101-broken.json'), '{"title": "no body"');
});

afterAll(async () => {
  await extraction.close();
  await rm(folder, { recursive: true, force: true });
});

test('a folder stored in batches gives the same tables as one article at a time', async () => {
  const items = (await Promise.all((await collectArticleFiles([folder])).map(readArticleItems))).flat();
  const one = await openTestDatabase();
  const batched = await openTestDatabase();
  try {
    const single = await ingestItems(one.db, items, { batchSize: 1, extraction });
    const inBatches = await ingestItems(batched.db, items, { batchSize: 16, extraction });
    const statuses = single.map((o) => o.status);
    expect(statuses.filter((s) => s === 'new')).toHaveLength(30);
    expect(statuses.slice(30)).toEqual(['unchanged', 'failed']);
    expect(inBatches.map((o) => o.status)).toEqual(statuses);
    expect(inBatches.map((o) => o.quotes)).toEqual(single.map((o) => o.quotes));

    const expected = await tables(one);
    expect(expected.quote_echoes?.length).toBeGreaterThan(0);
    expect(expected.quote_echo_links?.filter((r) => JSON.parse(r).exact).length).toBeGreaterThan(0);
    expect(expected.quote_about?.length).toBeGreaterThan(0);
    await expectTables(batched, expected);
  } finally {
    await one.close();
    await batched.close();
  }
}, 600_000);

test('what the echo step keeps between batches (EchoCache) changes nothing stored', async () => {
  // enough articles that stock phrases pass the posting cap (50) and old quotes are candidates again
  const inputs = [...generateArticles({ articles: 90, seed: 11 })].map((a) => ({
    content: a.content,
    format: 'markdown' as const,
  }));
  const plain = await openTestDatabase();
  const kept = await openTestDatabase();
  const small = await openTestDatabase();
  try {
    const extracted: BatchExtraction[] = await extractBatch(inputs, { extraction });
    const cache = new EchoCache();
    // a cache too small to keep a batch's quotes: evicted entries are read again
    const tiny = new EchoCache(40);
    for (let k = 0; k < extracted.length; k += 15) {
      const batch = extracted.slice(k, k + 15);
      for (const [database, options] of [
        [plain, {}],
        [kept, { echoCache: cache }],
        [small, { echoCache: tiny }],
      ] as const) {
        const outcomes = await storeBatch(database.db, batch, options);
        expect(outcomes.map((o) => o.status)).toEqual(batch.map(() => 'new'));
      }
    }
    expect(cache.size).toBeGreaterThan(1000);
    expect(cache.fullShingles).toBeGreaterThan(0);
    expect(tiny.size).toBe(40);
    const expected = await tables(plain);
    expect(expected.quote_echoes?.length).toBeGreaterThan(0);
    for (const database of [kept, small]) await expectTables(database, expected);
  } finally {
    await plain.close();
    await kept.close();
    await small.close();
  }
}, 900_000);
