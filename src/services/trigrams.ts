import { ECHO_THRESHOLDS } from './echoes';

/**
 * The trigrams pg_trgm takes from a text, for texts it reads as we do: lowercase ASCII letters and
 * digits, every other character a word break. Each word padded with two spaces before and one
 * after, as pg_trgm does. Each trigram is its three character codes in one number; the set comes
 * sorted. Null for a text with any other character (a letter with an accent, a digit of another
 * script): pg_trgm's view of those depends on the server's locale.
 */
export function pgTrigrams(text: string): Int32Array | null {
  if (/[^a-z0-9' ]/.test(text)) return null;
  const codes: number[] = [];
  for (const word of text.split(/[^a-z0-9]+/)) {
    if (!word) continue;
    const padded = `  ${word} `;
    for (let i = 0; i + 3 <= padded.length; i++)
      codes.push((padded.charCodeAt(i) << 16) | (padded.charCodeAt(i + 1) << 8) | padded.charCodeAt(i + 2));
  }
  const sorted = Int32Array.from(codes).sort();
  let n = 0;
  for (let i = 0; i < sorted.length; i++)
    if (i === 0 || sorted[i] !== sorted[i - 1]) sorted[n++] = sorted[i] as number;
  return sorted.subarray(0, n);
}

/** How many trigrams two sorted sets share. */
export function sharedTrigrams(a: Int32Array, b: Int32Array): number {
  let shared = 0;
  for (let i = 0, j = 0; i < a.length && j < b.length; ) {
    const x = a[i] as number;
    const y = b[j] as number;
    if (x === y) {
      shared++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return shared;
}

/**
 * pg_trgm's similarity() of two texts from their trigram sets: the shared trigrams over the union,
 * divided in float4 as pg_trgm does (a float64 quotient rounded to float4 is the float4 quotient),
 * 0 when either set is empty.
 */
export function trigramSimilarity(a: Int32Array, b: Int32Array): number {
  if (!a.length || !b.length) return 0;
  const shared = sharedTrigrams(a, b);
  return Math.fround(shared / (a.length + b.length - shared));
}

/** Slack for float4 rounding in pg_trgm's scores. */
const SLACK = 0.01;

/**
 * Whether two quotes may pass the echo rules, from their trigram sets alone: similarity() is the
 * shared trigrams over the union, and word_similarity(a, b) is at most the shared trigrams over
 * a's (its best extent of b shares no more than the whole of b). A pair this says no to cannot be
 * linked; one it says yes to is scored by pg_trgm. Unknown sets (null) always may.
 */
export function mayEcho(a: Int32Array | null, b: Int32Array | null): boolean {
  if (!a || !b) return true;
  if (!a.length || !b.length) return a.length === b.length;
  const shared = sharedTrigrams(a, b);
  const near = shared / (a.length + b.length - shared) >= ECHO_THRESHOLDS.near - SLACK;
  const fragment = shared / Math.min(a.length, b.length) >= ECHO_THRESHOLDS.fragment - SLACK;
  return near || fragment;
}

/**
 * Whether `text` may pass the fragment rule inside the other quote, word_similarity(text, other) ≥
 * the fragment threshold, from the trigram sets (`set` is text's): at most the shared trigrams over
 * text's, and only for texts of fragmentMinChars characters or more. Unknown sets always may.
 */
export function mayBeFragment(text: string, set: Int32Array | null, other: Int32Array | null): boolean {
  if (!set || !other) return true;
  if (text.length < ECHO_THRESHOLDS.fragmentMinChars || !set.length) return false;
  return sharedTrigrams(set, other) / set.length >= ECHO_THRESHOLDS.fragment - SLACK;
}
