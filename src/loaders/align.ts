/** DataLoader wants one result per key, in key order; a missing row becomes null. */
export function alignBy<K, R>(keys: readonly K[], rows: R[], keyOf: (row: R) => K): (R | null)[] {
  const byKey = new Map(rows.map((r) => [keyOf(r), r]));
  return keys.map((k) => byKey.get(k) ?? null);
}

export function groupBy<K, R>(keys: readonly K[], rows: R[], keyOf: (row: R) => K): R[][] {
  const byKey = new Map<K, R[]>(keys.map((k) => [k, []]));
  for (const r of rows) byKey.get(keyOf(r))?.push(r);
  return keys.map((k) => byKey.get(k) ?? []);
}
