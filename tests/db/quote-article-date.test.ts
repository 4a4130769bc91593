import { sql } from 'drizzle-orm';
import type { Database } from '../../src/db/client';
import { ingestBatch } from '../../src/services/ingest';
import { openTestDatabase } from '../support/database';

let database: Database;

beforeAll(async () => {
  database = await openTestDatabase();
});

afterAll(() => database.close());

const rows = async <T>(query: ReturnType<typeof sql>) =>
  ((await database.db.execute(query)) as unknown as { rows: T[] }).rows;

const datesOf = (articleId: number) =>
  rows<{ article_date: string | Date }>(
    sql`select article_date from quotes where article_id = ${articleId} order by id`,
  ).then((r) => r.map((x) => new Date(x.article_date).toISOString()));

test("a quote carries its article's date, ingestion date when unpublished, and follows changes", async () => {
  const [article] = await rows<{ id: number }>(sql`
    insert into articles (slug, content_hash, title, body, paragraphs, ingested_at)
    values ('dated', 'hash-dated', 'Dated', 'Body.', '[]', '2025-05-01T00:00:00Z') returning id`);
  const id = article?.id ?? 0;
  await database.db.execute(sql`
    insert into quotes (article_id, kind, text, start, "end", confidence, normalized_text, normalized_hash)
    values (${id}, 'direct', 'One.', 0, 4, 1, 'one', 'h1'), (${id}, 'direct', 'Two.', 5, 9, 1, 'two', 'h2')`);
  expect(await datesOf(id)).toEqual(['2025-05-01T00:00:00.000Z', '2025-05-01T00:00:00.000Z']);
  await database.db.execute(sql`update articles set published_at = '2024-02-03T04:05:06Z' where id = ${id}`);
  expect(await datesOf(id)).toEqual(['2024-02-03T04:05:06.000Z', '2024-02-03T04:05:06.000Z']);
});

test("ingest stores each quote with its article's date, the ingestion date when it has no other", async () => {
  const body = (who: string) =>
    `"We will open the new bridge in the spring," said ${who}, the mayor of Northbridge.\n\n` +
    `"The council has found the money for it," ${who} added.`;
  const outcomes = await ingestBatch(database.db, [
    {
      content: `---\ntitle: Bridge opens in spring\ndate: 2024-03-04T05:06:07Z\n---\n\n${body('Anna Ortiz')}`,
      format: 'markdown',
    },
    { content: `Council finds the money\n\n${body('Marek Brandt')}`, format: 'text' },
  ]);
  const ids = outcomes.map((o) => (o.status === 'failed' ? 0 : o.articleId));
  const [dated, undated] = await rows<{ published: boolean; quotes: number; dated: number }>(sql`
    select a.published_at is not null as published, count(q.id)::int as quotes,
      count(q.id) filter (where q.article_date = coalesce(a.published_at, a.ingested_at))::int as dated
    from articles a join quotes q on q.article_id = a.id
    where a.id = any(${`{${ids.join(',')}}`}::int[]) group by a.id order by a.id`);
  expect(dated).toEqual({ published: true, quotes: 2, dated: 2 });
  expect(undated).toEqual({ published: false, quotes: 2, dated: 2 });

  // a quote moved to another article takes that article's date
  await database.db.execute(sql`update quotes set article_id = ${ids[1]} where article_id = ${ids[0]}`);
  const [moved] = await rows<{ dated: number }>(sql`
    select count(*) filter (where q.article_date = coalesce(a.published_at, a.ingested_at))::int as dated
    from quotes q join articles a on a.id = q.article_id where a.id = ${ids[1]}`);
  expect(moved).toEqual({ dated: 4 });
});
