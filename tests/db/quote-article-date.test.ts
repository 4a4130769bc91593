import { sql } from 'drizzle-orm';
import type { Database } from '../../src/db/client';
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
