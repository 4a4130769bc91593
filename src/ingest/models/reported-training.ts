import type { GoldArticle } from '../evaluation';
import { utf16ToCodePoint } from '../evaluation';
import { extract } from '../extract';
import type { ReportedRule } from '../reported';
import { type AdaGradOptions, adaGrad } from './adagrad';
import { REPORTED_MODEL_VERSION, type ReportedModel, reportedProbability } from './reported-classifier';
import { foldOf } from './speaker-training';

/** A reported-speech candidate as features, and whether it lies on annotated attribution content. */
export interface ReportedExample {
  features: string[];
  rule: ReportedRule;
  /** It overlaps annotated attribution content or a quote (score.mjs's precision). */
  positive: boolean;
  /** It covers at least 30% of a gold reported statement (score.mjs's recall). */
  reported: boolean;
}

/** The gold areas a prediction may overlap (score.mjs's precision): attribution contents and quotes. */
interface GoldAreas extends GoldArticle {
  attribution_contents?: [number, number][];
  reported?: { start: number; end: number }[];
}

/** Every candidate the rules and the loose reading find in one article, labelled against the gold. */
export function collectReportedExamples(article: GoldArticle): ReportedExample[] {
  const toCodePoint = utf16ToCodePoint(article.text);
  const areas = [
    ...((article as GoldAreas).attribution_contents ?? []),
    ...article.quotes.map((q): [number, number] => [q.start, q.end]),
  ];
  const reported = (article as GoldAreas).reported ?? [];
  const examples: ReportedExample[] = [];
  // the rules' speakers (no ranker) so that no model trained on these articles shapes their features
  extract(article.text, {
    speakerModel: null,
    reportedModel: null,
    quoteModel: null,
    onReportedCandidates: (candidates) => {
      for (const { statement, features } of candidates) {
        const s = toCodePoint(statement.start);
        const e = toCodePoint(statement.end);
        examples.push({
          features,
          rule: statement.rule,
          positive: areas.some(([a, b]) => Math.min(e, b) - Math.max(s, a) > 0),
          reported: reported.some(
            (g) => Math.min(e, g.end) - Math.max(s, g.start) >= 0.3 * Math.max(1, g.end - g.start),
          ),
        });
      }
    },
  });
  return examples;
}

export interface ReportedTrainingOptions extends AdaGradOptions {
  /** The precision out-of-fold predictions must keep; the threshold is the lowest p that keeps it. */
  targetPrecision: number;
}

export const DEFAULT_REPORTED_TRAINING: ReportedTrainingOptions = {
  epochs: 10,
  rate: 0.2,
  l2: 1e-4,
  seed: 11,
  targetPrecision: 0.925,
};

/** Logistic regression by AdaGrad in a seeded order: the same examples always give the same weights. */
export function trainReportedWeights(
  examples: { features: string[]; positive: boolean }[],
  options: AdaGradOptions = DEFAULT_REPORTED_TRAINING,
): Record<string, number> {
  return adaGrad(examples.length, options, (k, weight) => {
    const gradient = new Map<string, number>();
    const example = examples[k];
    if (!example) return gradient;
    const z = example.features.reduce((s, f) => s + weight(f), 0);
    const error = 1 / (1 + Math.exp(-z)) - (example.positive ? 1 : 0);
    for (const f of example.features) gradient.set(f, (gradient.get(f) ?? 0) + error);
    return gradient;
  });
}

/** The lowest probability above which at least `target` of the scored candidates are positive. */
function thresholdFor(scored: { p: number; positive: boolean }[], target: number): number {
  const order = [...scored].sort((a, b) => b.p - a.p);
  let right = 0;
  let best = order[0]?.p ?? 0.5;
  order.forEach(({ p, positive }, n) => {
    right += positive ? 1 : 0;
    if (n + 1 >= 50 && right / (n + 1) >= target) best = p;
  });
  return Math.round(best * 1e4) / 1e4;
}

/**
 * Trains the classifier on all the articles' candidates; its threshold comes from out-of-fold
 * predictions (k-fold inside the given articles), so it is chosen on articles each model never saw.
 */
export function trainReportedModel(
  examples: ReportedExample[][],
  corpus: string,
  options: ReportedTrainingOptions = DEFAULT_REPORTED_TRAINING,
  folds = 5,
): ReportedModel {
  const scored: { p: number; positive: boolean }[] = [];
  for (let k = 0; k < folds; k++) {
    const inFold = (i: number) => foldOf(i, folds) === k;
    const weights = trainReportedWeights(examples.filter((_, i) => !inFold(i)).flat(), options);
    for (const example of examples.filter((_, i) => inFold(i)).flat())
      scored.push({ ...example, p: reportedProbability(weights, example.features) });
  }
  const all = examples.flat();
  return {
    version: REPORTED_MODEL_VERSION,
    corpus,
    trainedOn: { articles: examples.length, candidates: all.length },
    threshold: thresholdFor(scored, options.targetPrecision),
    targetPrecision: options.targetPrecision,
    weights: trainReportedWeights(all, options),
  };
}
