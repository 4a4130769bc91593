import { getTableColumns, inArray } from 'drizzle-orm';
import type { Db } from '../db/client';
import { quoteAbout, quotes } from '../db/schema';
import { alignBy, groupBy } from './align';
import { selectShared } from './shared-statement';

export type QuoteRow = Omit<typeof quotes.$inferSelect, 'searchVector'>;

const { searchVector: _searchVector, ...quoteColumns } = getTableColumns(quotes);

export { quoteColumns };

export async function loadQuotes(db: Db, ids: readonly number[]): Promise<(QuoteRow | null)[]> {
  const valid = [...new Set(ids.filter(Number.isSafeInteger))];
  const rows = valid.length
    ? await selectShared(db, db.select(quoteColumns).from(quotes).where(inArray(quotes.id, valid)))
    : [];
  return alignBy(ids, rows, (r) => r.id);
}

export async function loadQuoteAboutIds(db: Db, quoteIds: readonly number[]): Promise<number[][]> {
  const rows = await selectShared(
    db,
    db
      .select({ quoteId: quoteAbout.quoteId, entityId: quoteAbout.entityId })
      .from(quoteAbout)
      .where(inArray(quoteAbout.quoteId, [...quoteIds])),
  );
  return groupBy(quoteIds, rows, (r) => r.quoteId).map((group) => group.map((r) => r.entityId));
}
