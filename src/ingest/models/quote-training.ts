import type { GoldArticle } from '../evaluation';
import { utf16ToCodePoint } from '../evaluation';
import { extract } from '../extract';
import type { AdaGradOptions } from './adagrad';
import { QUOTE_MODEL_VERSION, type QuoteModel, quoteProbability } from './quote-classifier';
import { trainReportedWeights } from './reported-training';
import { foldOf } from './speaker-training';

/** A short quoted span as features, and whether it lies on a gold quote. */
export interface QuoteExample {
  features: string[];
  positive: boolean;
}

/** Every short quoted span of one article, read by the rules alone, labelled against the gold quotes. */
export function collectQuoteExamples(article: GoldArticle): QuoteExample[] {
  const toCodePoint = utf16ToCodePoint(article.text);
  const examples: QuoteExample[] = [];
  extract(article.text, {
    speakerModel: null,
    reportedModel: null,
    quoteModel: null,
    onShortQuote: (segment, features) => {
      const s = toCodePoint(segment.start);
      const e = toCodePoint(segment.end);
      examples.push({
        features,
        positive: article.quotes.some((g) => Math.min(e, g.end) - Math.max(s, g.start) > 0),
      });
    },
  });
  return examples;
}

export const DEFAULT_QUOTE_TRAINING: AdaGradOptions = { epochs: 5, rate: 0.1, l2: 1e-3, seed: 13 };

/** Logistic regression by AdaGrad in a seeded order (the reported-speech classifier's trainer). */
export const trainQuoteWeights = (
  examples: QuoteExample[],
  options: AdaGradOptions = DEFAULT_QUOTE_TRAINING,
): Record<string, number> => trainReportedWeights(examples, options);

/** The share of the spans the rules dropped that the classifier may add back must be quotes. */
const ADD_PRECISION = 0.9;

/**
 * The threshold, from out-of-fold predictions: a span the rules dropped is added back when p ≥ the
 * lowest p at which the spans added so far are still at least 90% quotes (each added scare quote
 * counts against the scare-quote target, so additions must be sure). Spans the rules keep stay:
 * dropping those below p = 0.5 would have removed about as many quotes as scare quotes.
 */
function thresholdFor(scored: (QuoteExample & { p: number })[]): number {
  const added = scored
    .filter((s) => !s.features.some((f) => f.startsWith('rules=kept:')))
    .sort((a, b) => b.p - a.p);
  let right = 0;
  let threshold = 1;
  added.forEach(({ p, positive }, n) => {
    right += positive ? 1 : 0;
    if (n + 1 >= 20 && right / (n + 1) >= ADD_PRECISION) threshold = p;
  });
  return Math.round(threshold * 1e4) / 1e4;
}

/**
 * Trains the classifier on all the articles' short spans; its threshold comes from out-of-fold
 * predictions (k-fold inside the given articles), so it is chosen on articles each model never saw.
 */
export function trainQuoteModel(examples: QuoteExample[][], corpus: string, folds = 5): QuoteModel {
  const scored: (QuoteExample & { p: number })[] = [];
  for (let k = 0; k < folds; k++) {
    const inFold = (i: number) => foldOf(i, folds) === k;
    const weights = trainQuoteWeights(examples.filter((_, i) => !inFold(i)).flat());
    for (const example of examples.filter((_, i) => inFold(i)).flat())
      scored.push({ ...example, p: quoteProbability(weights, example.features) });
  }
  const all = examples.flat();
  return {
    version: QUOTE_MODEL_VERSION,
    corpus,
    trainedOn: { articles: examples.length, spans: all.length },
    threshold: thresholdFor(scored),
    weights: trainQuoteWeights(all),
  };
}
