import { jest } from '@jest/globals';
import pg from 'pg';
import { collectArticleFiles, ingestItems, readArticleItems } from '../../src/services/ingest-files';
import { openTestDatabase } from '../support/database';

// An article stored again is counted, not stored: the counts are read on the batch's transaction,
// one connection, where pg deprecates (and pg 9 refuses) a query sent while another runs.
test('storing articles already stored sends no query on a connection that is still busy', async () => {
  const files = await collectArticleFiles([new URL('../../examples/articles', import.meta.url).pathname]);
  const items = (await Promise.all(files.map(readArticleItems))).flat();
  const database = await openTestDatabase();
  // queries each pg connection has running (PGlite runs none through pg: nothing to count there)
  const running = new Map<object, number>();
  const overlaps: string[] = [];
  const query = pg.Client.prototype.query;
  const spy = jest.spyOn(pg.Client.prototype, 'query').mockImplementation(function (
    this: pg.Client,
    ...args: unknown[]
  ) {
    const busy = running.get(this) ?? 0;
    if (busy > 0) overlaps.push(String((args[0] as { text?: string })?.text ?? args[0]).slice(0, 80));
    running.set(this, busy + 1);
    const result = (query as (...a: unknown[]) => unknown).apply(this, args);
    const done = () => running.set(this, (running.get(this) ?? 1) - 1);
    if (result instanceof Promise) result.then(done, done);
    else done();
    return result;
  } as never);
  try {
    // in batches: the stored articles are found and counted inside the batch's transaction
    const first = await ingestItems(database.db, items, { batchSize: 4 });
    const again = await ingestItems(database.db, items, { batchSize: 4 });
    expect(first.map((o) => o.status)).toEqual(items.map(() => 'new'));
    expect(again.map((o) => o.status)).toEqual(items.map(() => 'unchanged'));
    expect(again.map((o) => o.quotes)).toEqual(first.map((o) => o.quotes));
    expect(overlaps).toEqual([]);
  } finally {
    spy.mockRestore();
    await database.close();
  }
}, 120_000);
