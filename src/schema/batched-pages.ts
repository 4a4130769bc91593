import { createContextCache } from '@pothos/core';
import DataLoader from 'dataloader';
import type { Context } from '../context';
import type { Page } from './pagination';

/**
 * A connection inside a list (`entities { nodes { articles(first: 5) } }`) would otherwise run one
 * query per parent. Parents asking with the same arguments share one loader: one statement ranks
 * the rows within each parent (row_number() over a partition) and cuts every page at once.
 */
export function batchedPages<Row>(
  fetchMany: (ctx: Context, parentIds: number[], page: Page) => Promise<Map<number, Row[]>>,
) {
  const loaders = createContextCache(() => new Map<string, DataLoader<number, Row[]>>());
  return (ctx: Context, argsKey: string, page: Page, parentId: number): Promise<Row[]> => {
    const byArgs = loaders(ctx);
    let loader = byArgs.get(argsKey);
    if (!loader) {
      loader = new DataLoader(async (ids: readonly number[]) => {
        const pages = await fetchMany(ctx, [...ids], page);
        return ids.map((id) => pages.get(id) ?? []);
      });
      byArgs.set(argsKey, loader);
    }
    return loader.load(parentId);
  };
}
