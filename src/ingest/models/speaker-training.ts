import type { AttributionRule } from '../attribution';
import {
  type GoldArticle,
  type GoldQuote,
  matchGold,
  mentionMatches,
  sameName,
  utf16ToCodePoint,
} from '../evaluation';
import { extract } from '../extract';
import { type AdaGradOptions, adaGrad } from './adagrad';
import { KEEP_EVERY_SHORT_QUOTE, type QuoteModel } from './quote-classifier';
import { SPEAKER_MODEL_VERSION, type SpeakerModel } from './speaker-ranker';

/** One quote's candidates as feature lists, and which of them overlap the gold source mention. */
export interface RankingExample {
  candidates: string[][];
  positive: boolean[];
}

/**
 * The ranking examples of one article: its quotes that match a gold quote with a source mention,
 * every short quoted span included (whichever the quote classifier keeps, the ranker has seen its kind).
 */
export function collectExamples(article: GoldArticle): RankingExample[] {
  const toCodePoint = utf16ToCodePoint(article.text);
  const examples: RankingExample[] = [];
  extract(article.text, {
    speakerModel: null,
    quoteModel: KEEP_EVERY_SHORT_QUOTE,
    onCandidates: (all) => {
      for (const { quote, candidates } of all) {
        const g = matchGold(article.quotes, toCodePoint(quote.segment.start), toCodePoint(quote.segment.end));
        if (!g || g.speaker_start == null || !candidates.length) continue;
        const positive = candidates.map(
          (c) => !!c.phrase && mentionMatches(g, toCodePoint(c.phrase.start), toCodePoint(c.phrase.end)),
        );
        // when no candidate is the source, naming no one is the right choice
        if (!positive.some(Boolean)) positive[candidates.findIndex((c) => !c.phrase)] = true;
        examples.push({ candidates: candidates.map((c) => c.features), positive });
      }
    },
  });
  return examples;
}

export type TrainingOptions = AdaGradOptions;

export const DEFAULT_TRAINING: TrainingOptions = { epochs: 15, rate: 0.3, l2: 1e-4, seed: 7 };

/**
 * Conditional log-linear ranking (softmax over a quote's candidates; the gold is any candidate that
 * overlaps the source mention), trained by AdaGrad in a seeded order.
 */
export function trainWeights(
  examples: RankingExample[],
  options: TrainingOptions = DEFAULT_TRAINING,
): Record<string, number> {
  return adaGrad(examples.length, options, (k, weight) => {
    const gradient = new Map<string, number>();
    const example = examples[k];
    if (!example) return gradient;
    const scores = example.candidates.map((fs) => fs.reduce((s, f) => s + weight(f), 0));
    const top = Math.max(...scores);
    const exps = scores.map((s) => Math.exp(s - top));
    const total = exps.reduce((a, b) => a + b, 0);
    const goldTotal = exps.reduce((a, e, c) => a + (example.positive[c] ? e : 0), 0);
    // gradient of -log P(gold): expected features minus features expected under the gold candidates
    example.candidates.forEach((fs, c) => {
      const g = (exps[c] ?? 0) / total - (example.positive[c] ? (exps[c] ?? 0) / goldTotal : 0);
      if (g === 0) return;
      for (const f of fs) gradient.set(f, (gradient.get(f) ?? 0) + g);
    });
    return gradient;
  });
}

interface CalibrationRecord {
  rule: string;
  margin: number;
  probability: number;
  certainty: number;
  kind: string;
  right: boolean;
}

const KINDS = ['name', 'pronoun', 'description', 'indefinite', 'nobody'];
const RULES: AttributionRule[] = [
  'cue-after',
  'cue-after-inverted',
  'cue-before',
  'cue-before-partial',
  'according-to',
  'continued',
  'ranked',
  'none',
];

/**
 * The name a quote's speaker should resolve to: the checked gold name where there is one; in the
 * training split, for pronoun and description mentions, CoreNLP's resolution (a noisy reference, but
 * one that keeps the confidence of pronoun and description resolutions from being fitted as if every
 * resolution were right); undefined when neither says.
 */
function referenceName(g: GoldQuote): string | null | undefined {
  if ('speaker_name_gold' in g) return g.speaker_name_gold;
  if (g.speaker_name_method === 'unnamed_or_unresolved') return null;
  if (g.speaker_name_method && g.speaker_name_auto && g.speaker_name_method !== 'unresolved')
    return g.speaker_name_auto;
  return undefined;
}

/**
 * The model's decisions on held-out articles, each marked right when its mention overlaps the gold
 * mention and, where a gold name exists, the resolved name matches it.
 */
function calibrationRecords(
  articles: GoldArticle[],
  model: SpeakerModel,
  quoteModel: QuoteModel | undefined,
): CalibrationRecord[] {
  const records: CalibrationRecord[] = [];
  for (const article of articles) {
    const toCodePoint = utf16ToCodePoint(article.text);
    extract(article.text, {
      speakerModel: model,
      quoteModel,
      onRanked: (quote, ranking) => {
        const g = matchGold(article.quotes, toCodePoint(quote.segment.start), toCodePoint(quote.segment.end));
        const speaker = quote.speaker;
        if (!g || g.speaker_start == null) return;
        const name = referenceName(g);
        const mentionRight =
          !!speaker && mentionMatches(g, toCodePoint(speaker.phrase.start), toCodePoint(speaker.phrase.end));
        const nameRight =
          name === undefined ? mentionRight : name ? sameName(speaker?.entity?.name, name) : !speaker?.entity;
        records.push({
          rule: quote.rule,
          margin: ranking.margin,
          probability: ranking.probability,
          certainty: speaker?.certainty ?? 0,
          kind: speaker?.phrase.kind ?? 'nobody',
          right: speaker ? mentionRight && nameRight : nameRight,
        });
      },
    });
  }
  return records;
}

/** Logistic regression of "right" on the ranking's margin and probability, the resolution certainty and the mention kind. */
function fitCalibration(records: CalibrationRecord[]): SpeakerModel['calibration'] {
  const rows = records.map((r) => [
    1,
    r.margin,
    r.probability,
    r.certainty,
    ...KINDS.map((k) => (k === r.kind ? 1 : 0)),
    ...RULES.map((k) => (k === r.rule ? 1 : 0)),
  ]);
  const width = 4 + KINDS.length + RULES.length;
  const beta = new Array<number>(width).fill(0);
  for (let iteration = 0; iteration < 3000; iteration++) {
    const gradient = new Array<number>(width).fill(0);
    rows.forEach((x, n) => {
      const z = x.reduce((s, v, j) => s + v * (beta[j] ?? 0), 0);
      const error = 1 / (1 + Math.exp(-z)) - (records[n]?.right ? 1 : 0);
      x.forEach((v, j) => {
        gradient[j] = (gradient[j] ?? 0) + error * v;
      });
    });
    for (let j = 0; j < width; j++)
      beta[j] =
        (beta[j] ?? 0) - 0.5 * ((gradient[j] ?? 0) / Math.max(1, rows.length) + 1e-3 * (beta[j] ?? 0));
  }
  const r = (v: number | undefined) => Math.round((v ?? 0) * 1e4) / 1e4;
  const p = rows.map((x) => 1 / (1 + Math.exp(-x.reduce((s, v, j) => s + v * (beta[j] ?? 0), 0))));
  return {
    high: r(highBand(p, records)),
    bias: r(beta[0]),
    margin: r(beta[1]),
    probability: r(beta[2]),
    certainty: r(beta[3]),
    kind: Object.fromEntries(KINDS.map((k, i) => [k, r(beta[4 + i])])),
    rule: Object.fromEntries(RULES.map((k, i) => [k, r(beta[4 + KINDS.length + i])])),
  };
}

/**
 * The lowest probability above which at least 95% of the decisions were right, and at least 50
 * of them: where confidence 0.8 goes.
 */
function highBand(p: number[], records: CalibrationRecord[]): number {
  const order = p.map((v, i) => [v, records[i]?.right ? 1 : 0] as const).sort((a, b) => b[0] - a[0]);
  let right = 0;
  let best = order[0]?.[0] ?? 0.99;
  order.forEach(([value, ok], n) => {
    right += ok;
    if (n + 1 >= 50 && right / (n + 1) >= 0.95) best = value;
  });
  return Math.min(0.99, best);
}

/** Article i goes to fold i mod k: deterministic, and spread over the file's order. */
export const foldOf = (i: number, k: number) => i % k;

const EMPTY_CALIBRATION: SpeakerModel['calibration'] = {
  bias: 0,
  margin: 0,
  probability: 0,
  certainty: 0,
  kind: {},
  rule: {},
};

/**
 * Trains the ranker on the articles, and its confidence calibration on out-of-fold decisions
 * (k-fold inside the given articles), so the calibration is fitted on articles each model never saw;
 * `quoteModel` decides which short quoted spans those decisions are made on (default: the shipped one).
 */
export function trainSpeakerModel(
  articles: GoldArticle[],
  examples: RankingExample[][],
  corpus: string,
  quoteModel?: QuoteModel,
  folds = 5,
): SpeakerModel {
  const model = (weights: Record<string, number>): SpeakerModel => ({
    version: SPEAKER_MODEL_VERSION,
    corpus,
    trainedOn: { articles: articles.length, quotes: examples.reduce((n, e) => n + e.length, 0) },
    weights,
    calibration: EMPTY_CALIBRATION,
  });
  const records: CalibrationRecord[] = [];
  for (let k = 0; k < folds; k++) {
    const inFold = (i: number) => foldOf(i, folds) === k;
    const weights = trainWeights(examples.filter((_, i) => !inFold(i)).flat());
    records.push(
      ...calibrationRecords(
        articles.filter((_, i) => inFold(i)),
        model(weights),
        quoteModel,
      ),
    );
  }
  return { ...model(trainWeights(examples.flat())), calibration: fitCalibration(records) };
}
