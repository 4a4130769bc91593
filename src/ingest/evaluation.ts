import type { Prediction } from './prediction';

/** A gold article as the evaluation files hold it (only the fields calibration needs). */
export interface GoldArticle {
  id: string;
  text: string;
  quotes: { start: number; end: number; speaker_name_gold?: string | null }[];
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
function utf16ToCodePoint(text: string): (offset: number) => number {
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

export interface CalibrationBand {
  from: number;
  to: number;
  matched: number;
  right: number;
}

/**
 * Of the gold quotes matched by a prediction (covering ≥ minCover of the gold span, as score.mjs
 * matches), how often the predicted speaker is right, by confidence band. A gold speaker of null
 * (an indefinite source) is right when the prediction names nobody.
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
  for (const article of gold) {
    const toCodePoint = utf16ToCodePoint(article.text);
    const predicted = (predictions.get(article.id)?.quotes ?? [])
      .filter((q) => q.kind !== 'indirect')
      .map((q) => ({ ...q, s: toCodePoint(q.start), e: toCodePoint(q.end) }));
    for (const g of article.quotes) {
      const length = Math.max(1, g.end - g.start);
      let best: (typeof predicted)[number] | null = null;
      let bestCover = 0;
      for (const q of predicted) {
        const cover = Math.max(0, Math.min(q.e, g.end) - Math.max(q.s, g.start)) / length;
        if (cover > bestCover) {
          bestCover = cover;
          best = q;
        }
      }
      if (!best || bestCover < minCover || !('speaker_name_gold' in g)) continue;
      const band = result.find((b) => best.confidence >= b.from && best.confidence < b.to);
      if (!band) continue;
      band.matched++;
      const right = g.speaker_name_gold ? sameName(best.speaker, g.speaker_name_gold) : best.speaker === null;
      if (right) band.right++;
    }
  }
  return result;
}
