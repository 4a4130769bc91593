import { ECHO_THRESHOLDS } from './echoes';

/** A character of a trigram as a digit of base 37: the padding space, a–z, 0–9. */
const digitOf = (code: number) => (code === 32 ? 0 : code >= 97 ? code - 96 : code - 21);

/** How many trigrams there can be: three characters of 37. */
const TRIGRAM_CODES = 37 ** 3;

/**
 * The trigrams pg_trgm takes from a text, for texts it reads as we do: lowercase ASCII letters and
 * digits, every other character a word break. Each word padded with two spaces before and one
 * after, as pg_trgm does. Each trigram is one number below 37³ (its characters as digits of base
 * 37), so that TrigramCounter can mark a set in a small table; the set comes sorted. Null for a
 * text with any other character (a letter with an accent, a digit of another script): pg_trgm's
 * view of those depends on the server's locale.
 */
export function pgTrigrams(text: string): Int32Array | null {
  if (/[^a-z0-9' ]/.test(text)) return null;
  const codes: number[] = [];
  for (const word of text.split(/[^a-z0-9]+/)) {
    if (!word) continue;
    const padded = `  ${word} `;
    for (let i = 0; i + 3 <= padded.length; i++)
      codes.push(
        (digitOf(padded.charCodeAt(i)) * 37 + digitOf(padded.charCodeAt(i + 1))) * 37 +
          digitOf(padded.charCodeAt(i + 2)),
      );
  }
  const sorted = Int32Array.from(codes).sort();
  let n = 0;
  for (let i = 0; i < sorted.length; i++)
    if (i === 0 || sorted[i] !== sorted[i - 1]) sorted[n++] = sorted[i] as number;
  return sorted.subarray(0, n);
}

/**
 * Counts the trigrams one set shares with each of many others: the set is marked once in a table
 * of every trigram, and each other set looked up in it, rather than two sorted sets merged for
 * every pair (a batch's echo step checks tens of thousands of pairs, most of them sharing two
 * stock phrases and little else).
 */
export class TrigramCounter {
  private readonly marks = new Int32Array(TRIGRAM_CODES);
  private mark = 0;
  private length = 0;

  /** The set the next counts are against. */
  set(a: Int32Array): void {
    this.mark++;
    this.length = a.length;
    for (let i = 0; i < a.length; i++) this.marks[a[i] as number] = this.mark;
  }

  /**
   * How many trigrams `b` shares with the set; -1 as soon as it cannot share as many as `mayEcho`
   * asks of the pair, which is most pairs, their sets left half read.
   */
  sharedIfMayEcho(b: Int32Array): number {
    const needed = Math.min(
      ((ECHO_THRESHOLDS.near - SLACK) * (this.length + b.length)) / (1 + ECHO_THRESHOLDS.near - SLACK),
      (ECHO_THRESHOLDS.fragment - SLACK) * Math.min(this.length, b.length),
    );
    // rounding aside, fewer than `needed` shared fails both of mayEcho's bounds
    const atLeast = Math.floor(needed) - 1;
    let shared = 0;
    for (let i = 0; i < b.length; i++) {
      if (this.marks[b[i] as number] === this.mark) shared++;
      else if (shared + b.length - i - 1 < atLeast) return -1;
    }
    return shared;
  }
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
  return similarityOf(a.length, b.length, sharedTrigrams(a, b));
}

/** trigramSimilarity of sets of these sizes sharing `shared` trigrams. */
export function similarityOf(a: number, b: number, shared: number): number {
  if (!a || !b) return 0;
  return Math.fround(shared / (a + b - shared));
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
  return mayEchoSharing(a.length, b.length, sharedTrigrams(a, b));
}

/** mayEcho of sets of these sizes sharing `shared` trigrams. */
export function mayEchoSharing(a: number, b: number, shared: number): boolean {
  if (!a || !b) return a === b;
  const near = shared / (a + b - shared) >= ECHO_THRESHOLDS.near - SLACK;
  const fragment = shared / Math.min(a, b) >= ECHO_THRESHOLDS.fragment - SLACK;
  return near || fragment;
}

/**
 * Whether `text` may pass the fragment rule inside the other quote, word_similarity(text, other) ≥
 * the fragment threshold, from the trigram sets (`set` is text's): at most the shared trigrams over
 * text's, and only for texts of fragmentMinChars characters or more. Unknown sets always may.
 */
export function mayBeFragment(text: string, set: Int32Array | null, other: Int32Array | null): boolean {
  if (!set || !other) return true;
  return mayBeFragmentSharing(text, set.length, sharedTrigrams(set, other));
}

/** mayBeFragment of a text whose set has `size` trigrams, `shared` of them with the other's. */
export function mayBeFragmentSharing(text: string, size: number, shared: number): boolean {
  if (text.length < ECHO_THRESHOLDS.fragmentMinChars || !size) return false;
  return shared / size >= ECHO_THRESHOLDS.fragment - SLACK;
}
