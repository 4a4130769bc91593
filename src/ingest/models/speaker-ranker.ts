import { readFileSync } from 'node:fs';
import type { AttributedQuote } from '../attribution';
import { type ArticleContext, resolveSpeaker, type SpeakerHistory } from '../speakers';
import { type QuoteCandidates, type SpeakerCandidate, speakerCandidates } from './speaker-features';

/** A log-linear ranker over speaker candidates, and the logistic that turns its choice into a confidence. */
export interface SpeakerModel {
  version: number;
  corpus: string;
  trainedOn: { articles: number; quotes: number };
  weights: Record<string, number>;
  /**
   * p = sigmoid(bias + margin·m + probability·p + certainty·c + kind[k] + rule[r]), the chance the
   * speaker is right; confidence stretches it so that 0.8 falls at `high`, the p above which at
   * least 95% of out-of-fold decisions were right (the promise docs/extraction.md makes of 0.8).
   */
  calibration: {
    high?: number;
    bias: number;
    margin: number;
    probability: number;
    certainty: number;
    kind: Record<string, number>;
    rule: Record<string, number>;
  };
}

export const SPEAKER_MODEL_VERSION = 1;

let shipped: SpeakerModel | null = null;

/** The weights committed beside this file (trained on the PolNeAR training split by `npm run train:speakers`). */
export function shippedSpeakerModel(): SpeakerModel {
  if (shipped) return shipped;
  const model = JSON.parse(
    readFileSync(new URL('./speaker-weights.json', import.meta.url), 'utf8'),
  ) as SpeakerModel;
  if (model.version !== SPEAKER_MODEL_VERSION)
    throw new Error(
      `speaker-weights.json is version ${model.version}; this code reads version ${SPEAKER_MODEL_VERSION}: run npm run train:speakers`,
    );
  shipped = model;
  return model;
}

const weightMaps = new WeakMap<Record<string, number>, Map<string, number>>();

function weightMap(weights: Record<string, number>): Map<string, number> {
  let map = weightMaps.get(weights);
  if (!map) {
    map = new Map(Object.entries(weights));
    weightMaps.set(weights, map);
  }
  return map;
}

export function scoreCandidate(weights: Record<string, number>, candidate: SpeakerCandidate): number {
  const map = weightMap(weights);
  let sum = 0;
  for (const f of candidate.features) sum += map.get(f) ?? 0;
  return sum;
}

export interface Ranking {
  best: number;
  probability: number;
  /** The best score minus the runner-up's (0 with a single candidate). */
  margin: number;
}

/** Softmax over the candidates' scores; the best one, its probability and its margin over the next. */
export function rank(weights: Record<string, number>, candidates: SpeakerCandidate[]): Ranking | null {
  if (!candidates.length) return null;
  const scores = candidates.map((c) => scoreCandidate(weights, c));
  let best = 0;
  for (let i = 1; i < scores.length; i++) if ((scores[i] ?? 0) > (scores[best] ?? 0)) best = i;
  const top = scores[best] ?? 0;
  let total = 0;
  let second = Number.NEGATIVE_INFINITY;
  scores.forEach((s, i) => {
    total += Math.exp(s - top);
    if (i !== best && s > second) second = s;
  });
  return { best, probability: 1 / total, margin: Number.isFinite(second) ? Math.min(10, top - second) : 10 };
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

export function calibratedConfidence(
  model: SpeakerModel,
  ranking: Ranking,
  kind: string,
  certainty: number,
  rule: string,
): number {
  const c = model.calibration;
  const p = sigmoid(
    c.bias +
      c.margin * ranking.margin +
      c.probability * ranking.probability +
      c.certainty * certainty +
      (c.kind[kind] ?? 0) +
      (c.rule[rule] ?? 0),
  );
  const high = c.high;
  if (high === undefined || high <= 0 || high >= 1) return p;
  return p < high ? (0.8 * p) / high : 0.8 + (0.2 * (p - high)) / (1 - high);
}

/**
 * Re-decides the source mention of every quote with the ranker: the candidate it scores highest
 * becomes the speaker phrase (resolved to an entity by the rules), and the confidence comes from the
 * calibrated score. Without a model the rules' choices stand. `collect` receives the candidates (training).
 */
export interface RankingHooks {
  /** Receives each quote's candidates and their features (training). */
  onCandidates?: (candidates: QuoteCandidates[]) => void;
  /** Receives each quote the model decided, with the ranking behind it (calibration). */
  onRanked?: (quote: AttributedQuote, ranking: Ranking) => void;
}

export function rankSpeakers(
  context: ArticleContext,
  quotes: AttributedQuote[],
  model: SpeakerModel | null,
  hooks: RankingHooks = {},
): AttributedQuote[] {
  if (!model && !hooks.onCandidates) return quotes;
  const all = speakerCandidates(context, quotes);
  hooks.onCandidates?.(all);
  if (!model) return quotes;
  const history: SpeakerHistory[] = [];
  return all.map(({ quote, candidates }) => {
    const ranking = rank(model.weights, candidates);
    const chosen = ranking ? candidates[ranking.best] : undefined;
    let result = quote;
    if (ranking && chosen) {
      const speaker = !chosen.phrase
        ? null
        : chosen.fromRule && quote.speaker
          ? quote.speaker
          : resolveSpeaker(context, chosen.phrase, history);
      const rule = chosen.fromRule ? quote.rule : 'ranked';
      const confidence = calibratedConfidence(
        model,
        ranking,
        speaker?.phrase.kind ?? 'nobody',
        speaker?.certainty ?? 0,
        rule,
      );
      result = {
        ...quote,
        rule,
        cue: speaker ? quote.cue : null,
        speaker,
        confidence: Math.round(confidence * 100) / 100,
      };
      hooks.onRanked?.(result, ranking);
    }
    if (result.speaker?.entity) history.push({ at: quote.segment.start, entity: result.speaker.entity });
    return result;
  });
}
