import { sql } from 'drizzle-orm';
import { generateArticles } from '../../bench/articles';
import type { Database } from '../../src/db/client';
import { rowsOf } from '../../src/services/echoes';
import { normalizeQuoteText } from '../../src/services/normalize';
import {
  mayBeFragment,
  mayEcho,
  pgTrigrams,
  sharedTrigrams,
  TrigramCounter,
  trigramSimilarity,
} from '../../src/services/trigrams';
import { openTestDatabase } from '../support/database';

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database.close());

// the quoted sentences of generated articles, and a few edge cases
const quoted = [...generateArticles({ articles: 3, seed: 2 })]
  .flatMap((a) => [...a.content.matchAll(/“([^”]+)”/g)].map((m) => m[1] ?? ''))
  .slice(0, 30);
const texts = ['', 'no', 'a a a', "don't stop 2 the 10 o'clock", ...quoted].map(normalizeQuoteText);

test("trigram sets give pg_trgm's similarity exactly, and bound its word_similarity", async () => {
  const pairs = texts.flatMap((a, i) => texts.slice(i).map((b) => [a, b] as const));
  const counter = new TrigramCounter();
  let checkedOut = 0;
  for (const [a, b] of pairs) {
    const [row] = rowsOf<{ s: number; ab: number; ba: number }>(
      await database.db.execute(
        sql`select similarity(${a}, ${b})::float8 as s, word_similarity(${a}, ${b})::float8 as ab, word_similarity(${b}, ${a})::float8 as ba`,
      ),
    );
    const ta = pgTrigrams(a) as Int32Array;
    const tb = pgTrigrams(b) as Int32Array;
    const shared = sharedTrigrams(ta, tb);
    const union = ta.length + tb.length - shared;
    expect(union ? shared / union : 0).toBeCloseTo(Number(row?.s), 5);
    // to the bit: a near pair's score is stored from it
    expect(trigramSimilarity(ta, tb)).toBe(Number(row?.s));
    if (ta.length) expect(Number(row?.ab)).toBeLessThanOrEqual(shared / ta.length + 1e-6);
    if (tb.length) expect(Number(row?.ba)).toBeLessThanOrEqual(shared / tb.length + 1e-6);
    if (Number(row?.s) >= 0.5 || Number(row?.ab) >= 0.8 || Number(row?.ba) >= 0.8)
      expect(mayEcho(ta, tb)).toBe(true);
    if (a.length >= 15 && Number(row?.ab) >= 0.8) expect(mayBeFragment(a, ta, tb)).toBe(true);
    if (b.length >= 15 && Number(row?.ba) >= 0.8) expect(mayBeFragment(b, tb, ta)).toBe(true);
    // the counter's count is the merge's, or -1 only for a pair mayEcho rules out
    counter.set(ta);
    const counted = counter.sharedIfMayEcho(tb);
    if (mayEcho(ta, tb)) expect(counted).toBe(shared);
    else expect([-1, shared]).toContain(counted);
    if (counted === -1) checkedOut++;
  }
  expect(checkedOut).toBeGreaterThan(0);
  expect(quoted.length).toBeGreaterThan(10);
  expect(pgTrigrams('ça dépend')).toBeNull();
});
