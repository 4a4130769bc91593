import { readFileSync } from 'node:fs';
import { reportedProbability } from './reported-classifier';

/**
 * Logistic regression over short quoted spans (up to SHORT_QUOTE_WORDS words): p = sigmoid(Σ
 * weights of the span's features), the chance that the span is a quote someone said rather than a
 * scare quote or a title. A span the rules dropped is added back when p ≥ threshold (chosen on
 * out-of-fold predictions inside the training articles, see quote-training.ts); the spans the rules
 * keep stay.
 */
export interface QuoteModel {
  version: number;
  corpus: string;
  trainedOn: { articles: number; spans: number };
  threshold: number;
  weights: Record<string, number>;
}

export const QUOTE_MODEL_VERSION = 1;

/** Keeps every short quoted span the rules attribute or drop (p = 0.5 ≥ 0): what the ranker trains on. */
export const KEEP_EVERY_SHORT_QUOTE: QuoteModel = {
  version: QUOTE_MODEL_VERSION,
  corpus: 'none',
  trainedOn: { articles: 0, spans: 0 },
  threshold: 0,
  weights: {},
};

let shipped: QuoteModel | null = null;

/** The weights committed beside this file (trained on the PolNeAR training split by `npm run train:speakers`). */
export function shippedQuoteModel(): QuoteModel {
  if (shipped) return shipped;
  const model = JSON.parse(
    readFileSync(new URL('./quote-weights.json', import.meta.url), 'utf8'),
  ) as QuoteModel;
  if (model.version !== QUOTE_MODEL_VERSION)
    throw new Error(
      `quote-weights.json is version ${model.version}; this code reads version ${QUOTE_MODEL_VERSION}: run npm run train:speakers`,
    );
  shipped = model;
  return model;
}

/** The chance that a short quoted span with these features is a quote. */
export const quoteProbability = (weights: Record<string, number>, features: string[]): number =>
  reportedProbability(weights, features);
