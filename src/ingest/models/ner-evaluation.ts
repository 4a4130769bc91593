import type { EntityKind } from '../types';

export type TypedSpan = [number, number, EntityKind];

export interface KindScore {
  gold: number;
  predicted: number;
  correct: number;
}

export type NerScores = Record<EntityKind | 'all', KindScore>;

/** Exact-span, exact-kind matching, as CoNLL scoring does. */
export function scoreSpans(pairs: { gold: TypedSpan[]; predicted: TypedSpan[] }[]): NerScores {
  const empty = (): KindScore => ({ gold: 0, predicted: 0, correct: 0 });
  const scores: NerScores = { person: empty(), organization: empty(), place: empty(), all: empty() };
  for (const { gold, predicted } of pairs) {
    const keys = new Set(gold.map(([s, e, k]) => `${s}:${e}:${k}`));
    for (const [, , kind] of gold) {
      scores[kind].gold++;
      scores.all.gold++;
    }
    for (const [s, e, kind] of predicted) {
      scores[kind].predicted++;
      scores.all.predicted++;
      if (keys.has(`${s}:${e}:${kind}`)) {
        scores[kind].correct++;
        scores.all.correct++;
      }
    }
  }
  return scores;
}

export function formatScores(label: string, scores: NerScores): string {
  const pct = (x: number) => (100 * x).toFixed(1);
  const lines = [label];
  for (const kind of ['all', 'person', 'organization', 'place'] as const) {
    const { gold, predicted, correct } = scores[kind];
    const p = predicted ? correct / predicted : 0;
    const r = gold ? correct / gold : 0;
    const f = p + r ? (2 * p * r) / (p + r) : 0;
    lines.push(
      `  ${kind.padEnd(12)} P ${pct(p).padStart(5)}  R ${pct(r).padStart(5)}  F1 ${pct(f).padStart(5)}  (gold ${gold}, predicted ${predicted})`,
    );
  }
  return lines.join('\n');
}
