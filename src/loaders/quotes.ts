import { getTableColumns } from 'drizzle-orm';
import type { Db } from '../db/client';
import { quoteAbout, quotes } from '../db/schema';
import { alignBy, groupBy } from './align';
import { anyOf, anyOfPlaceholder, readTemplate, selectShared, selectTemplate } from './shared-statement';

/** A quote as the API reads it: without the columns only ingest and SQL use (echo keys, the search vector). */
export type QuoteRow = Omit<typeof quotes.$inferSelect, 'searchVector' | 'normalizedText' | 'normalizedHash'>;

// the normalized text is as long as the quote's own: a page of 20 carried it (and its hash) as a
// third of its JSON, decoded and dropped
const {
  searchVector: _searchVector,
  normalizedText: _normalizedText,
  normalizedHash: _normalizedHash,
  ...quoteColumns
} = getTableColumns(quotes);

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
