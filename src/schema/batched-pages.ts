import { createContextCache } from '@pothos/core';
import DataLoader from 'dataloader';
import type { Context } from '../context';
import type { Page } from './pagination';

/**
 * A connection inside a list (`entities { nodes { quotes(first: 5) } }`) would otherwise run one
 * query per parent. Parents asking with the same arguments share one loader: one statement ranks
 * the rows within each parent (row_number() over a partition) and cuts every page at once.
 * `input` is what the arguments mean (a decoded filter); the same arguments give the same input.
 */
export function batchedPages<Row, Input = undefined>(
  fetchMany: (ctx: Context, parentIds: number[], page: Page, input: Input) => Promise<Map<number, Row[]>>,
) {
  const loaders = createContextCache(() => new Map<string, DataLoader<number, Row[]>>());
  return (ctx: Context, argsKey: string, page: Page, parentId: number, input: Input): Promise<Row[]> => {
    const byArgs = loaders(ctx);
    let loader = byArgs.get(argsKey);
    if (!loader) {
      loader = new DataLoader(async (ids: readonly number[]) => {
        const pages = await fetchMany(ctx, [...ids], page, input);
        return ids.map((id) => pages.get(id) ?? []);
      });
      byArgs.set(argsKey, loader);
    }
    return loader.load(parentId);
  };
}

/** The totalCount beside batchedPages: one grouped count for every parent with the same arguments. */
export function batchedCounts<Input>(
  countMany: (ctx: Context, parentIds: number[], input: Input) => Promise<Map<number, number>>,
) {
  const loaders = createContextCache(() => new Map<string, DataLoader<number, number>>());
  return (ctx: Context, argsKey: string, parentId: number, input: Input): Promise<number> => {
    const byArgs = loaders(ctx);
    let loader = byArgs.get(argsKey);
    if (!loader) {
      loader = new DataLoader(async (ids: readonly number[]) => {
        const counts = await countMany(ctx, [...ids], input);
        return ids.map((id) => counts.get(id) ?? 0);
      });
      byArgs.set(argsKey, loader);
    }
    return loader.load(parentId);
  };
}
