import { decodeGlobalID } from '@pothos/plugin-relay';
import type { Context } from '../context';
import { badInput } from './errors';
import { isRowId } from './pagination';
import { EntityRef } from './refs';

const entityTypes = new Set(['Person', 'Organization', 'Place']);

export function decodeId(field: string, globalId: string | number, typenames: Set<string> | string): number {
  const allowed = typeof typenames === 'string' ? new Set([typenames]) : typenames;
  let decoded: { typename: string; id: string };
  try {
    decoded = decodeGlobalID(String(globalId));
  } catch {
    throw badInput(field, `${JSON.stringify(String(globalId).slice(0, 100))} is not a valid ID`);
  }
  const id = Number(decoded.id);
  if (!allowed.has(decoded.typename) || !/^\d{1,10}$/.test(decoded.id) || !isRowId(id)) {
    throw badInput(
      field,
      `${JSON.stringify(String(globalId).slice(0, 100))} is not the ID of a ${[...allowed].join(' or ')}`,
    );
  }
  return id;
}

/** Entity IDs in filters: a merged entity's old ID stands for the entity it was merged into. */
export async function decodeEntityIds(ctx: Context, field: string, globalIds: readonly (string | number)[]) {
  const ids = globalIds.map((g) => decodeId(field, g, entityTypes));
  const rows = await EntityRef.getDataloader(ctx).loadMany(ids);
  return rows.map((row, i) => (row && !(row instanceof Error) ? row.id : (ids[i] as number)));
}
