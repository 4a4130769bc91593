import { sql } from 'drizzle-orm';
import type { Database } from '../../src/db/client';
import { rowsOf } from '../../src/services/echoes';
import { normalizeQuoteText } from '../../src/services/normalize';
import { echoShingles } from '../../src/services/shingles';
import { openTestDatabase } from '../support/database';

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database.close());

const texts = [
  '',
  'no',
  'national disgrace',
  'I can neither confirm nor deny it.',
  'Many different communications arise through different channels, and I personally may not know something',
  'Ça dépend: the Zürich-based ministère said “non” — twice 😀 and réitéré it',
  'internationalization   of    spaces',
  'a a a a a a',
].map(normalizeQuoteText);

test('shingles computed in TypeScript are the ones the SQL function echo_shingles gives', async () => {
  for (const text of texts) {
    const rows = rowsOf<{ hash: string }>(
      await database.db.execute(sql`select echo_shingles(${text})::text as hash`),
    );
    const fromSql = rows.map((r) => BigInt(r.hash)).sort();
    expect(echoShingles(text).sort()).toEqual(fromSql);
  }
  expect(echoShingles(normalizeQuoteText('I can neither confirm nor deny it.')).length).toBeGreaterThan(3);
});
