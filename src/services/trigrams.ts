import { ECHO_THRESHOLDS } from './echoes';

/**
 * The trigrams pg_trgm takes from a text, for texts it reads as we do: lowercase ASCII letters and
 * digits, every other character a word break. Each word padded with two spaces before and one
 * after, as pg_trgm does. Null for a text with any other character (a letter with an accent, a
 * digit of another script): pg_trgm's view of those depends on the server's locale.
 */
export function pgTrigrams(text: string): Set<string> | null {
  if (/[^a-z0-9' ]/.test(text)) return null;
  const trigrams = new Set<string>();
  for (const word of text.split(/[^a-z0-9]+/)) {
    if (!word) continue;
    const padded = `  ${word} `;
    for (let i = 0; i + 3 <= padded.length; i++) trigrams.add(padded.slice(i, i + 3));
  }
  return trigrams;
}

/** Slack for float4 rounding in pg_trgm's scores. */
const SLACK = 0.01;

/**
 * Whether two quotes may pass the echo rules, from their trigram sets alone: similarity() is the
 * shared trigrams over the union, and word_similarity(a, b) is at most the shared trigrams over
 * a's (its best extent of b shares no more than the whole of b). A pair this says no to cannot be
 * linked; one it says yes to is scored by pg_trgm. Unknown sets (null) always may.
 */
export function mayEcho(a: Set<string> | null, b: Set<string> | null): boolean {
  if (!a || !b) return true;
  if (!a.size || !b.size) return a.size === b.size;
  let shared = 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const t of small) if (large.has(t)) shared++;
  const near = shared / (a.size + b.size - shared) >= ECHO_THRESHOLDS.near - SLACK;
  const fragment = shared / small.size >= ECHO_THRESHOLDS.fragment - SLACK;
  return near || fragment;
}
