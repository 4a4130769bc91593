import { readFileSync } from 'node:fs';

/**
 * Logistic regression over reported-speech candidates: p = sigmoid(Σ weights of the candidate's
 * features), the chance that the candidate is the content of an attribution. A candidate is kept
 * when p ≥ threshold, the lowest p at which out-of-fold predictions on the training articles kept a
 * precision (share of candidates on annotated attribution content) of at least `targetPrecision`.
 */
export interface ReportedModel {
  version: number;
  corpus: string;
  trainedOn: { articles: number; candidates: number };
  threshold: number;
  targetPrecision: number;
  weights: Record<string, number>;
}

export const REPORTED_MODEL_VERSION = 1;

let shipped: ReportedModel | null = null;

/** The weights committed beside this file (trained on the PolNeAR training split by `npm run train:speakers`). */
export function shippedReportedModel(): ReportedModel {
  if (shipped) return shipped;
  const model = JSON.parse(
    readFileSync(new URL('./reported-weights.json', import.meta.url), 'utf8'),
  ) as ReportedModel;
  if (model.version !== REPORTED_MODEL_VERSION)
    throw new Error(
      `reported-weights.json is version ${model.version}; this code reads version ${REPORTED_MODEL_VERSION}: run npm run train:speakers`,
    );
  shipped = model;
  return model;
}

const weightMaps = new WeakMap<Record<string, number>, Map<string, number>>();

export function reportedProbability(weights: Record<string, number>, features: string[]): number {
  let map = weightMaps.get(weights);
  if (!map) {
    map = new Map(Object.entries(weights));
    weightMaps.set(weights, map);
  }
  let sum = 0;
  for (const f of features) sum += map.get(f) ?? 0;
  return 1 / (1 + Math.exp(-sum));
}
