import {
  DEMONYMS,
  FEMALE_FIRST_NAMES,
  HONORIFICS,
  KNOWN_ORGANIZATIONS,
  MALE_FIRST_NAMES,
  NON_NAME_WORDS,
  ORGANIZATION_HEADS,
  PERSON_NOUNS,
  PLACES,
  SPEECH_VERBS,
  TITLES,
} from '../lexicon';
import type { Token } from '../tokens';
import { organizationMarks } from './ner-gazetteer';
import { wordCluster } from './word-clusters';

/** BIO labels of the tagger, in weight-table order. */
export const LABELS = ['O', 'B-person', 'I-person', 'B-organization', 'I-organization', 'B-place', 'I-place'];
export const LABEL_COUNT = LABELS.length;
export const BUCKET_BITS = 19;
const MASK = (1 << BUCKET_BITS) - 1;
/** Static features per token; the decoder adds the ones that depend on earlier labels. */
export const STATIC_FEATURES = 47;
export const DYNAMIC_FEATURES = 6;

const FNV = 0x811c9dc5;
const fnvChar = (h: number, c: number) => Math.imul(h ^ c, 0x01000193);

function hashString(s: string): number {
  let h = FNV;
  for (let i = 0; i < s.length; i++) h = fnvChar(h, s.charCodeAt(i));
  return h;
}

/** A feature's bucket: its template number mixed with the hash of its value. */
export function bucket(template: number, value: number): number {
  let h = Math.imul(template + 0x9e3779b9, 0x85ebca6b) ^ value;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return (h ^ (h >>> 16)) & MASK;
}

/** Word shape with runs collapsed: "McCain" → "XxXx", "U.S." → "X.X.", "2016" → "d". */
function shapeHash(word: string): number {
  let h = FNV;
  let last = -1;
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    let cls: number;
    // ASCII without the case conversions (same classes); other characters by their case mappings
    if (c < 128) cls = c >= 48 && c <= 57 ? 100 : c >= 65 && c <= 90 ? 88 : c >= 97 && c <= 122 ? 120 : c;
    else {
      const ch = word[i] ?? '';
      cls = ch !== ch.toLowerCase() ? 88 : ch !== ch.toUpperCase() ? 120 : c;
    }
    if (cls !== last) h = fnvChar(h, cls);
    last = cls;
  }
  return h;
}

enum Gap {
  None = 0,
  Space = 1,
  Comma = 2,
  Paren = 3,
  Quote = 4,
  End = 5,
  Line = 6,
  Colon = 7,
  Dash = 8,
}

function gapClass(text: string, from: number, to: number): Gap {
  if (from >= to) return Gap.None;
  let gap = Gap.Space;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) return Gap.Line;
    if (c === 46 || c === 33 || c === 63) gap = Gap.End;
    else if (gap === Gap.End) continue;
    else if (c === 40 || c === 41 || c === 91 || c === 93) gap = Gap.Paren;
    else if (c === 34 || c === 0x201c || c === 0x201d || c === 0x2018 || c === 0x2019) gap = Gap.Quote;
    else if (c === 44 && gap === Gap.Space) gap = Gap.Comma;
    else if ((c === 58 || c === 59) && gap === Gap.Space) gap = Gap.Colon;
    else if ((c === 45 || c === 0x2013 || c === 0x2014) && gap === Gap.Space) gap = Gap.Dash;
  }
  return gap;
}

const LEXICON: [Iterable<string>, number][] = [
  [TITLES, 1],
  [HONORIFICS, 2],
  [ORGANIZATION_HEADS, 4],
  [MALE_FIRST_NAMES, 8],
  [FEMALE_FIRST_NAMES, 8],
  [DEMONYMS.keys(), 16],
  [PLACES, 32],
  [KNOWN_ORGANIZATIONS, 64],
  [NON_NAME_WORDS, 128],
  [SPEECH_VERBS, 256],
  [PERSON_NOUNS, 512],
];

/** Every lexicon word with the bits of the lists it is in, so that a token costs one lookup. */
const LEXICON_BITS = new Map<string, number>();
for (const [list, bit] of LEXICON)
  for (const word of list) LEXICON_BITS.set(word, (LEXICON_BITS.get(word) ?? 0) | bit);

/** Multi-word gazetteer names by their first word: "new" → [["new", "york"], …]. */
function byFirstWord(set: ReadonlySet<string>): Map<string, string[][]> {
  const index = new Map<string, string[][]>();
  for (const phrase of set) {
    const words = phrase.split(' ');
    if (words.length < 2 || words.length > 4) continue;
    const first = words[0] as string;
    const list = index.get(first) ?? [];
    list.push(words);
    index.set(first, list);
  }
  for (const list of index.values()) list.sort((x, y) => y.length - x.length);
  return index;
}
const GAZETTEERS = [byFirstWord(PLACES), byFirstWord(KNOWN_ORGANIZATIONS), byFirstWord(TITLES)];

/** Multi-word gazetteer names ("new york", "white house") over the tokens: 1 = first word, 2 = inside. */
function gazetteerMarks(
  lowers: string[],
  index: Map<string, string[][]>,
  marks: Uint8Array,
  shift: number,
): void {
  for (let i = 0; i < lowers.length; i++) {
    const candidates = index.get(lowers[i] as string);
    if (!candidates) continue;
    for (const words of candidates) {
      if (i + words.length > lowers.length) continue;
      let match = true;
      for (let k = 1; k < words.length && match; k++) match = lowers[i + k] === words[k];
      if (!match) continue;
      marks[i] = (marks[i] as number) | (1 << shift);
      for (let k = 1; k < words.length; k++) marks[i + k] = (marks[i + k] as number) | (2 << shift);
      i += words.length - 1;
      break;
    }
  }
}

/** Per-token facts the feature templates combine; the buckets of a token are made when it is scored. */
export interface TokenFeatures {
  text: string;
  tokens: Token[];
  /** Whether words, shapes, lex and the gap before a token are filled (see prepareToken). */
  ready: Uint8Array;
  /** Hash of each token's normalized word. */
  words: Int32Array;
  shapes: Int32Array;
  lex: Int32Array;
  /** Packed word clusters (see wordCluster), -1 for a word without one. */
  clusters: Int32Array;
  marks: Uint8Array;
  /** Listed organization names over the tokens (see organizationMarks). */
  organizations: Uint8Array;
  caps: Uint8Array;
  /** Punctuation class of the gap before each token (n + 1 entries). */
  gaps: Uint8Array;
  readings: Uint8Array | undefined;
  /** Tokens the decoder scores: capitalized, numbers, and anything after an entity token. */
  candidate: Uint8Array;
  /**
   * What the rest of the text says about each token's word: 1 = it is also written in lower case,
   * 2 = it is also capitalized inside a sentence (not after a full stop, not in a line of capitals).
   */
  elsewhere: Uint8Array;
}

/**
 * Lines written in capitals (a headline, "CORRECTION"): their words are read in lower case, since the
 * capitals say nothing about names there.
 */
export function capsLines(text: string, tokens: Token[]): Uint8Array {
  const caps = new Uint8Array(tokens.length);
  let i = 0;
  while (i < tokens.length) {
    const first = tokens[i];
    if (!first) break;
    const lineEnd = text.indexOf('\n', first.start);
    const end = lineEnd < 0 ? text.length : lineEnd;
    let j = i;
    let upper = 0;
    let letters = 0;
    while (j < tokens.length && (tokens[j]?.start ?? end) < end) {
      const t = tokens[j] as Token;
      const c = t.word.charCodeAt(0);
      if (c < 48 || c > 57) {
        letters++;
        if (t.acronym || (t.capitalized && t.word.length > 1 && t.word === t.word.toUpperCase())) upper++;
      }
      j++;
    }
    if (letters >= 1 && upper >= letters * 0.8) caps.fill(1, i, j);
    i = j > i ? j : i + 1;
  }
  return caps;
}

/**
 * `readings`: what the capitalization rules of entities.ts make of each token (see ruleReadings), so
 * that the model learns when to trust them.
 */
export function tokenFeatures(text: string, tokens: Token[], readings?: Uint8Array): TokenFeatures {
  const n = tokens.length;
  const caps = capsLines(text, tokens);
  const lowers = tokens.map((t) => t.lower);
  const marks = new Uint8Array(n);
  GAZETTEERS.forEach((index, k) => {
    gazetteerMarks(lowers, index, marks, 2 * k);
  });
  const features: TokenFeatures = {
    text,
    tokens,
    words: new Int32Array(n),
    shapes: new Int32Array(n),
    lex: new Int32Array(n),
    clusters: new Int32Array(n),
    marks,
    organizations: organizationMarks(tokens, caps),
    caps,
    gaps: new Uint8Array(n + 1),
    ready: new Uint8Array(n),
    readings,
    candidate: new Uint8Array(n),
    elsewhere: new Uint8Array(n),
  };
  features.gaps[n] = gapClass(text, n ? (tokens[n - 1] as Token).end : 0, text.length);
  const lowerForms = new Set<string>();
  const innerCapitals = new Set<string>();
  for (let i = 0; i < n; i++) {
    const t = tokens[i] as Token;
    const c = t.word.charCodeAt(0);
    if (c >= 48 && c <= 57) features.candidate[i] = 1;
    else if (caps[i]) {
      // a line in capitals: its words are scored by what they are, not by how they are written
      prepareToken(features, i);
      features.candidate[i] = (features.lex[i] as number) & 128 || t.word.length < 2 ? 0 : 1;
    } else if (t.capitalized) {
      // a capitalized function word ("The", "But") opening a sentence is never scored
      prepareToken(features, i);
      features.candidate[i] = (features.lex[i] as number) & 128 && !t.acronym ? 0 : 1;
      const gap = features.gaps[i] as number;
      if (i > 0 && gap !== Gap.End && gap !== Gap.Line && gap !== Gap.Quote && gap !== Gap.Colon)
        innerCapitals.add(t.lower);
    } else if (t.word === t.lower) lowerForms.add(t.lower);
  }
  for (let i = 0; i < n; i++) {
    if (!features.candidate[i]) continue;
    const lower = (tokens[i] as Token).lower;
    features.elsewhere[i] = (lowerForms.has(lower) ? 1 : 0) + (innerCapitals.has(lower) ? 2 : 0);
  }
  return features;
}

/** Fills the per-token facts of token i; only tokens the decoder scores, and their neighbours, need them. */
export function prepareToken(features: TokenFeatures, i: number): void {
  if (i < 0 || i >= features.tokens.length || features.ready[i]) return;
  const { tokens, text } = features;
  const t = tokens[i] as Token;
  features.ready[i] = 1;
  features.words[i] = hashString(t.lower);
  features.shapes[i] = features.caps[i] ? 7 : shapeHash(t.word);
  features.lex[i] = LEXICON_BITS.get(t.lower) ?? 0;
  features.clusters[i] = wordCluster(t.lower);
  features.gaps[i] =
    i === 0 && t.start === 0 ? Gap.Line : gapClass(text, i === 0 ? 0 : (tokens[i - 1] as Token).end, t.start);
}

const NONE = 0x5bd1e995;

/** 1 when token i opens a line or a sentence (its gap must be filled: prepareToken). */
export function opensSentence(features: TokenFeatures, i: number): number {
  const before = features.gaps[i] as number;
  return before === Gap.Line || before === Gap.End || (before === Gap.Quote && i === 0) ? 1 : 0;
}

/** The STATIC_FEATURES buckets of token i, written into out. */
export function staticBuckets(features: TokenFeatures, i: number, out: Int32Array): void {
  prepareToken(features, i - 1);
  prepareToken(features, i);
  prepareToken(features, i + 1);
  const { tokens, words, shapes, lex, marks, caps, gaps, readings } = features;
  const n = tokens.length;
  const t = tokens[i] as Token;
  const w = words[i] as number;
  const prev = i > 0 ? (words[i - 1] as number) : NONE;
  const next = i + 1 < n ? (words[i + 1] as number) : NONE;
  const shape = shapes[i] as number;
  const before = gaps[i] as number;
  const after = gaps[i + 1] as number;
  const opens = before === Gap.Line || before === Gap.End || (before === Gap.Quote && i === 0) ? 1 : 0;
  out[0] = bucket(0, 1);
  out[1] = bucket(1, w);
  out[2] = bucket(2, shape);
  const lower = t.lower;
  let p = FNV;
  for (let k = 0; k < 4; k++) {
    if (k < lower.length) p = fnvChar(p, lower.charCodeAt(k));
    out[3 + k] = bucket(3 + k, k < lower.length ? p : NONE);
  }
  let s = FNV;
  for (let k = 0; k < 4; k++) {
    const c = lower.length - 1 - k;
    if (c >= 0) s = fnvChar(s, lower.charCodeAt(c));
    out[7 + k] = bucket(7 + k, c >= 0 ? s : NONE);
  }
  out[11] = bucket(11, prev);
  out[12] = bucket(12, next);
  out[13] = bucket(13, i > 0 ? (shapes[i - 1] as number) : NONE);
  out[14] = bucket(14, i + 1 < n ? (shapes[i + 1] as number) : NONE);
  out[15] = bucket(15, opens * 2 + (t.capitalized ? 1 : 0));
  out[16] = bucket(16, before);
  out[17] = bucket(17, after);
  out[18] = bucket(18, lex[i] as number);
  out[19] = bucket(19, i > 0 ? (lex[i - 1] as number) : -1);
  out[20] = bucket(20, i + 1 < n ? (lex[i + 1] as number) : -1);
  out[21] = bucket(21, marks[i] as number);
  out[22] = bucket(
    22,
    (i > 0 ? (marks[i - 1] as number) : 0) * 256 + (i + 1 < n ? (marks[i + 1] as number) : 0),
  );
  out[23] = bucket(23, (t.possessive ? 1 : 0) + (t.acronym ? 2 : 0) + (caps[i] as number) * 4);
  out[24] = bucket(24, Math.imul(shape, 31) ^ (i + 1 < n ? (shapes[i + 1] as number) : NONE));
  out[25] = bucket(25, Math.imul(i > 0 ? (shapes[i - 1] as number) : NONE, 31) ^ shape);
  out[26] = bucket(26, Math.imul(shape, 17) ^ (opens * 7 + before));
  out[27] = bucket(27, Math.imul(lex[i] as number, 1031) ^ shape);
  out[28] = bucket(28, i > 0 ? Math.imul(lex[i - 1] as number, 131) ^ shape : NONE);
  out[29] = bucket(
    29,
    Math.imul(i > 0 ? (lex[i - 1] as number) : 0, 4099) ^ (i + 1 < n ? (lex[i + 1] as number) : 0),
  );
  out[30] = bucket(30, Math.min(t.word.length, 12));
  const reading = readings ? (readings[i] as number) : 0;
  out[31] = bucket(31, reading);
  out[32] = bucket(32, Math.imul(reading, 977) ^ shape);
  out[33] = bucket(
    33,
    (i > 0 && readings ? (readings[i - 1] as number) : 99) * 256 +
      (i + 1 < n && readings ? (readings[i + 1] as number) : 99),
  );
  const elsewhere = features.elsewhere[i] as number;
  out[34] = bucket(34, elsewhere * 8 + (caps[i] as number) * 4 + opens * 2 + (t.capitalized ? 1 : 0));
  out[35] = bucket(35, Math.imul(elsewhere + 1, 7919) ^ (Math.imul(reading, 131) + (caps[i] as number)));
  const { clusters } = features;
  const cluster = clusters[i] as number;
  const mid = cluster < 0 ? -1 : cluster >> 10;
  const prevMid = i > 0 && (clusters[i - 1] as number) >= 0 ? (clusters[i - 1] as number) >> 10 : -1;
  const nextMid = i + 1 < n && (clusters[i + 1] as number) >= 0 ? (clusters[i + 1] as number) >> 10 : -1;
  out[36] = bucket(36, cluster < 0 ? -1 : cluster & 1023);
  out[37] = bucket(37, mid * 8 + (caps[i] as number) * 4 + opens * 2 + (t.capitalized ? 1 : 0));
  out[38] = bucket(38, cluster < 0 ? -1 : cluster >> 17);
  out[39] = bucket(39, prevMid);
  out[40] = bucket(40, nextMid);
  out[41] = bucket(41, (prevMid >> 7) * 64 + (nextMid >> 7) + Math.imul(mid, 4096));
  out[42] = bucket(42, i > 0 ? (clusters[i - 1] as number) & 1023 : -2);
  out[43] = bucket(43, i + 1 < n ? (clusters[i + 1] as number) & 1023 : -2);
  const { organizations } = features;
  const organization = organizations[i] as number;
  out[44] = bucket(44, organization);
  out[45] = bucket(
    45,
    (i > 0 ? (organizations[i - 1] as number) : 255) * 256 +
      (i + 1 < n ? (organizations[i + 1] as number) : 255),
  );
  out[46] = bucket(46, organization * 16 + (caps[i] as number) * 4 + opens * 2 + (t.capitalized ? 1 : 0));
}

/**
 * The label-conditioned features of token i, given the two labels before it and the kind this word
 * was given earlier in the text (a name is usually the same thing throughout an article).
 */
export function dynamicBuckets(
  features: TokenFeatures,
  i: number,
  prevLabel: number,
  prev2Label: number,
  remembered: number,
  out: Int32Array,
): void {
  out[0] = bucket(60, prevLabel);
  out[1] = bucket(61, prevLabel * 8 + prev2Label);
  out[2] = bucket(62, Math.imul(features.words[i] as number, 7) ^ prevLabel);
  out[3] = bucket(63, Math.imul(features.shapes[i] as number, 7) ^ prevLabel);
  out[4] = bucket(64, remembered * 8 + prevLabel);
  const cluster = features.clusters[i] as number;
  out[5] = bucket(65, Math.imul(cluster < 0 ? -1 : cluster >> 10, 7) ^ prevLabel);
}
