import { bucket, opensSentence, prepareToken, type TokenFeatures } from './ner-features';

/**
 * Second-stage features (Ratinov & Roth 2009, "extended prediction history"): what a first tagging
 * pass made of the same word everywhere else in the text, later occurrences included, so that
 * "Leeds" read as a club in a results line informs every "Leeds" of the page.
 */
export const DOCUMENT_FEATURES = 9;

/** Kind (0 none, 1–3) and place in its entity (0 alone, 1 first, 2 inside, 3 last) of token j. */
function kindAndPlace(labels: Uint8Array, j: number): number {
  const label = labels[j] as number;
  const kind = (label + 1) >> 1;
  if (kind === 0) return 0;
  const next = j + 1 < labels.length ? (labels[j + 1] as number) : 0;
  const continues = next !== 0 && next % 2 === 0 && (next + 1) >> 1 === kind;
  const place = label % 2 === 1 ? (continues ? 1 : 0) : continues ? 2 : 3;
  return kind * 4 + place;
}

const SLOTS = 16;

/**
 * The DOCUMENT_FEATURES buckets of every token (n × DOCUMENT_FEATURES), from the first pass's labels.
 * Only words the decoder scores for themselves (capitalized, in capitals, numbers) count as occurrences.
 */
export function documentBuckets(features: TokenFeatures, labels: Uint8Array): Int32Array {
  const n = labels.length;
  const { words, candidate, caps, tokens } = features;
  const counts = new Map<number, Int32Array>();
  const slotOf = new Int8Array(n).fill(-1);
  for (let j = 0; j < n; j++) {
    if (!candidate[j]) continue;
    // a number is prepared only once scored: the trainer may read its jackknifed labels before that
    prepareToken(features, j);
    const slot = kindAndPlace(labels, j);
    slotOf[j] = slot;
    const word = words[j] as number;
    let row = counts.get(word);
    if (!row) {
      row = new Int32Array(SLOTS);
      counts.set(word, row);
    }
    row[slot] = (row[slot] as number) + 1;
  }
  // adjacent scored words ("Derby County"): how often the first pass kept them in one name, by kind
  const pairs = new Map<number, Int32Array>();
  const pairOf = new Int8Array(n).fill(-1);
  for (let j = 0; j + 1 < n; j++) {
    if (!candidate[j] || !candidate[j + 1]) continue;
    const a = labels[j] as number;
    const b = labels[j + 1] as number;
    const joined = a !== 0 && b !== 0 && b % 2 === 0 && (b + 1) >> 1 === (a + 1) >> 1 ? (a + 1) >> 1 : 0;
    pairOf[j] = joined;
    const key = Math.imul(words[j] as number, 31) ^ (words[j + 1] as number);
    let row = pairs.get(key);
    if (!row) {
      row = new Int32Array(4);
      pairs.set(key, row);
    }
    row[joined] = (row[joined] as number) + 1;
  }
  const pairReading = (j: number): number => {
    const self = pairOf[j] as number;
    if (self < 0) return -1;
    const row = pairs.get(Math.imul(words[j] as number, 31) ^ (words[j + 1] as number)) as Int32Array;
    let best = -1;
    let bestCount = 0;
    for (let k = 0; k < 4; k++) {
      const c = (row[k] as number) - (k === self ? 1 : 0);
      if (c > bestCount) {
        best = k;
        bestCount = c;
      }
    }
    return best;
  };
  const out = new Int32Array(n * DOCUMENT_FEATURES);
  const kinds = new Int32Array(4);
  for (let i = 0; i < n; i++) {
    // a word scored only because it follows a name ("of") has no document facts
    const row = candidate[i] ? counts.get(words[i] as number) : undefined;
    const self = slotOf[i] as number;
    kinds.fill(0);
    let slots = 0;
    let bestSlot = -1;
    let bestSlotCount = 0;
    if (row)
      for (let s = 0; s < SLOTS; s++) {
        const c = (row[s] as number) - (s === self ? 1 : 0);
        if (c <= 0) continue;
        kinds[s >> 2] = (kinds[s >> 2] as number) + c;
        if (s >= 4) {
          slots |= 1 << (s - 4);
          if (c > bestSlotCount) {
            bestSlot = s;
            bestSlotCount = c;
          }
        }
      }
    let total = 0;
    let major = -1;
    let present = 0;
    for (let k = 0; k < 4; k++) {
      const c = kinds[k] as number;
      total += c;
      if (c > 0) present |= 1 << k;
      if (c > 0 && (major < 0 || c > (kinds[major] as number))) major = k;
    }
    const many = total === 0 ? 0 : total === 1 ? 1 : total < 4 ? 2 : 3;
    const label = labels[i] as number;
    const form = candidate[i]
      ? (caps[i] as number) * 4 + opensSentence(features, i) * 2 + ((tokens[i]?.capitalized ?? false) ? 1 : 0)
      : 8;
    const at = i * DOCUMENT_FEATURES;
    out[at] = bucket(70, (major + 1) * 8 + many);
    out[at + 1] = bucket(71, present);
    out[at + 2] = bucket(72, label * 16 + major + 1);
    out[at + 3] = bucket(
      73,
      (i > 0 ? (labels[i - 1] as number) : 7) * 8 + (i + 1 < n ? (labels[i + 1] as number) : 7),
    );
    out[at + 4] = bucket(74, (major + 1) * 8 + form);
    out[at + 5] = bucket(75, bestSlot);
    out[at + 6] = bucket(76, slots);
    out[at + 7] = bucket(77, pairReading(i));
    out[at + 8] = bucket(78, i > 0 ? pairReading(i - 1) : -2);
  }
  return out;
}
