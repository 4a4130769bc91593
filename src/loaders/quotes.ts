import { getTableColumns } from 'drizzle-orm';
import type { Db } from '../db/client';
import { quoteAbout, quotes } from '../db/schema';
import { alignBy, groupBy } from './align';
import { anyOf, anyOfPlaceholder, readTemplate, selectShared, selectTemplate } from './shared-statement';

export type QuoteRow = Omit<typeof quotes.$inferSelect, 'searchVector'>;

const { searchVector: _searchVector, ...quoteColumns } = getTableColumns(quotes);

export { quoteColumns };

const quotesById = readTemplate((db) =>
  db
    .select(quoteColumns)
    .from(quotes)
    .where(anyOfPlaceholder(quotes.id, 'ids', 'int')),
);

export async function loadQuotes(db: Db, ids: readonly number[]): Promise<(QuoteRow | null)[]> {
  const valid = [...new Set(ids.filter(Number.isSafeInteger))];
  const rows = valid.length ? await selectTemplate(db, quotesById, { ids: valid }) : [];
  return alignBy(ids, rows, (r) => r.id);
}

export async function loadQuoteAboutIds(db: Db, quoteIds: readonly number[]): Promise<number[][]> {
  const rows = await selectShared(
    db,
    db
      .select({ quoteId: quoteAbout.quoteId, entityId: quoteAbout.entityId })
      .from(quoteAbout)
      .where(anyOf(quoteAbout.quoteId, quoteIds)),
  );
  return groupBy(quoteIds, rows, (r) => r.quoteId).map((group) => group.map((r) => r.entityId));
}
