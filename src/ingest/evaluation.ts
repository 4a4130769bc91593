import type { Prediction } from './prediction';

/** A gold quote as the evaluation files hold it (offsets in code points; the fields used here). */
export interface GoldQuote {
  start: number;
  end: number;
  speaker_start?: number | null;
  speaker_end?: number | null;
  speaker_mention_type?: string | null;
  /** Present in the dev set for every quote; in the training split only for name mentions. */
  speaker_name_gold?: string | null;
  speaker_name_auto?: string | null;
  speaker_name_method?: string | null;
}

/** A gold article as the evaluation files hold it (only the fields the evaluation uses). */
export interface GoldArticle {
  id: string;
  text: string;
  quotes: GoldQuote[];
}

// The name-matching rule of shared/eval/score.mjs: case and accents ignored; the same surname counts
// when either side is a single word or the first names agree.
const normalize = (s: string | null | undefined) =>
  (s ?? '')
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9 ]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
const surname = (s: string) =>
  normalize(s)
    .split(' ')
    .filter((w) => !['jr', 'sr', 'ii', 'iii'].includes(w))
    .pop() ?? '';

export function sameName(predicted: string | null | undefined, gold: string | null | undefined): boolean {
  const p = normalize(predicted);
  const g = normalize(gold);
  if (!p || !g) return false;
  if (p === g) return true;
  const pw = p.split(' ');
  const gw = g.split(' ');
  return surname(p) === surname(g) && (pw.length === 1 || gw.length === 1 || pw[0] === gw[0]);
}

/** Gold offsets are code points; predictions are UTF-16 offsets. */
export function utf16ToCodePoint(text: string): (offset: number) => number {
  const map = new Int32Array(text.length + 1);
  let cp = 0;
  for (let i = 0; i < text.length; i++) {
    map[i] = cp;
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      map[i + 1] = cp;
      i++;
    }
    cp++;
  }
  map[text.length] = cp;
  return (o) => map[Math.max(0, Math.min(text.length, o))] ?? cp;
}

/** The gold quote a predicted span matches as score.mjs matches: the one it covers most, by at least minCover. */
export function matchGold(quotes: GoldQuote[], start: number, end: number, minCover = 0.3): GoldQuote | null {
  let best: GoldQuote | null = null;
  let bestCover = 0;
  for (const g of quotes) {
    const cover = Math.max(0, Math.min(end, g.end) - Math.max(start, g.start)) / Math.max(1, g.end - g.start);
    if (cover > bestCover) {
      bestCover = cover;
      best = g;
    }
  }
  return best && bestCover >= minCover ? best : null;
}

/** Whether a predicted mention (code points) overlaps the gold source mention. */
export const mentionMatches = (g: GoldQuote, start: number, end: number) =>
  g.speaker_start != null &&
  g.speaker_end != null &&
  Math.min(end, g.speaker_end) - Math.max(start, g.speaker_start) > 0;

type PredictedQuote = Prediction['quotes'][number];

/** Each gold quote of the articles with the direct or partial prediction that covers it most (≥ minCover). */
function* matchedQuotes(
  gold: GoldArticle[],
  predictions: Map<string, Prediction>,
  minCover: number,
): Generator<{ g: GoldQuote; best: PredictedQuote; toCodePoint: (offset: number) => number }> {
  for (const article of gold) {
    const toCodePoint = utf16ToCodePoint(article.text);
    const predicted = (predictions.get(article.id)?.quotes ?? [])
      .filter((q) => q.kind !== 'indirect')
      .map((q) => ({ q, s: toCodePoint(q.start), e: toCodePoint(q.end) }));
    for (const g of article.quotes) {
      const length = Math.max(1, g.end - g.start);
      let best: (typeof predicted)[number] | null = null;
      let bestCover = 0;
      for (const p of predicted) {
        const cover = Math.max(0, Math.min(p.e, g.end) - Math.max(p.s, g.start)) / length;
        if (cover > bestCover) {
          bestCover = cover;
          best = p;
        }
      }
      if (best && bestCover >= minCover) yield { g, best: best.q, toCodePoint };
    }
  }
}

export interface MentionAccuracy {
  type: string;
  matched: number;
  right: number;
}

/**
 * Of the matched gold quotes with a gold source mention, how often the predicted mention overlaps it,
 * by the gold mention's type (name, pronoun, nominal). Needs no gold names, so it is comparable
 * between the dev set and the training split.
 */
export function mentionAccuracyByType(
  gold: GoldArticle[],
  predictions: Map<string, Prediction>,
  minCover = 0.3,
): MentionAccuracy[] {
  const byType = new Map<string, MentionAccuracy>();
  for (const { g, best, toCodePoint } of matchedQuotes(gold, predictions, minCover)) {
    if (g.speaker_start == null) continue;
    const type = g.speaker_mention_type ?? 'null';
    const entry = byType.get(type) ?? { type, matched: 0, right: 0 };
    entry.matched++;
    const m = best.speakerMention;
    if (m && mentionMatches(g, toCodePoint(m.start), toCodePoint(m.end))) entry.right++;
    byType.set(type, entry);
  }
  return [...byType.values()].sort((a, b) => b.matched - a.matched);
}

export interface CalibrationBand {
  from: number;
  to: number;
  matched: number;
  right: number;
}

/**
 * Of the gold quotes matched by a prediction (covering ≥ minCover of the gold span, as score.mjs
 * matches), how often the predicted speaker is right, by confidence band. A gold speaker of null
 * (an indefinite source) is right when the prediction names nobody. Quotes with no gold name
 * (pronoun and description mentions in the training split) are left out.
 */
export function confidenceCalibration(
  gold: GoldArticle[],
  predictions: Map<string, Prediction>,
  bands: number[] = [0, 0.5, 0.8, 1.01],
  minCover = 0.3,
): CalibrationBand[] {
  const result: CalibrationBand[] = bands.slice(0, -1).map((from, i) => ({
    from,
    to: bands[i + 1] ?? 1,
    matched: 0,
    right: 0,
  }));
  for (const { g, best } of matchedQuotes(gold, predictions, minCover)) {
    if (!('speaker_name_gold' in g)) continue;
    const band = result.find((b) => best.confidence >= b.from && best.confidence < b.to);
    if (!band) continue;
    band.matched++;
    const right = g.speaker_name_gold ? sameName(best.speaker, g.speaker_name_gold) : best.speaker === null;
    if (right) band.right++;
  }
  return result;
}
