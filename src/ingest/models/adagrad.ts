import { seededRandom } from '../../seeded-random';

export interface AdaGradOptions {
  epochs: number;
  rate: number;
  l2: number;
  seed: number;
}

/**
 * Sparse AdaGrad with L2 over `count` examples visited in a seeded order each epoch; `gradientOf`
 * gives one example's loss gradient by feature under the current weights. Weights are rounded and
 * sorted, so the same examples always write the same file.
 */
export function adaGrad(
  count: number,
  options: AdaGradOptions,
  gradientOf: (example: number, weight: (feature: string) => number) => Map<string, number>,
): Record<string, number> {
  const weights = new Map<string, number>();
  const squares = new Map<string, number>();
  const weight = (f: string) => weights.get(f) ?? 0;
  const next = seededRandom(options.seed);
  const order = Array.from({ length: count }, (_, i) => i);
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [order[i], order[j]] = [order[j] ?? 0, order[i] ?? 0];
    }
    for (const k of order) {
      for (const [f, g0] of gradientOf(k, weight)) {
        const w = weight(f);
        const g = g0 + options.l2 * w;
        const sq = (squares.get(f) ?? 0) + g * g;
        squares.set(f, sq);
        weights.set(f, w - (options.rate * g) / Math.sqrt(sq + 1e-8));
      }
    }
  }
  return Object.fromEntries(
    [...weights]
      .filter(([, w]) => Math.abs(w) > 1e-4)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([f, w]) => [f, Math.round(w * 1e4) / 1e4]),
  );
}
