import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import type { Token } from '../tokens';
import type { EntityKind } from '../types';
import { DOCUMENT_FEATURES, documentBuckets } from './ner-document';
import {
  BUCKET_BITS,
  DYNAMIC_FEATURES,
  dynamicBuckets,
  LABEL_COUNT,
  LABELS,
  prepareToken,
  STATIC_FEATURES,
  staticBuckets,
  type TokenFeatures,
  tokenFeatures,
} from './ner-features';

export const WEIGHTS_FILE = fileURLToPath(new URL('./ner-weights.bin.gz', import.meta.url));

export interface NerModel {
  version: string;
  corpus: string;
  /** BUCKETS × LABEL_COUNT scores. */
  weights: Float32Array;
  /**
   * The second stage (since ner-5): the same table shape, read with the document features that the
   * first stage's labels give (ner-document.ts). Absent, the first stage's labels stand.
   */
  second?: Float32Array;
}

interface Header {
  version: string;
  corpus: string;
  bucketBits: number;
  /** Static feature templates per token: weights trained with other templates read as noise. */
  staticFeatures: number;
  labels: string[];
  scale: number;
  /** Document features of the second stage; absent when the file holds one stage. */
  documentFeatures?: number;
}

/** Weights file: one JSON header line, then the weights as little-endian int16 (× scale), gzipped. */
export function encodeModel(model: NerModel): Buffer {
  const tables = model.second ? [model.weights, model.second] : [model.weights];
  let max = 0;
  for (const table of tables) for (const w of table) max = Math.max(max, Math.abs(w));
  const scale = max / 32767 || 1;
  const header: Header = {
    version: model.version,
    corpus: model.corpus,
    bucketBits: BUCKET_BITS,
    staticFeatures: STATIC_FEATURES,
    labels: LABELS,
    scale,
    ...(model.second ? { documentFeatures: DOCUMENT_FEATURES } : {}),
  };
  const size = model.weights.length;
  const data = new Int16Array(size * tables.length);
  tables.forEach((table, t) => {
    for (let i = 0; i < size; i++) data[t * size + i] = Math.round((table[i] as number) / scale);
  });
  return Buffer.concat([Buffer.from(`${JSON.stringify(header)}\n`), Buffer.from(data.buffer)]);
}

export function decodeModel(raw: Buffer): NerModel {
  const newline = raw.indexOf(10);
  const header = JSON.parse(raw.subarray(0, newline).toString('utf8')) as Header;
  if (
    header.bucketBits !== BUCKET_BITS ||
    header.staticFeatures !== STATIC_FEATURES ||
    header.labels.join() !== LABELS.join() ||
    (header.documentFeatures !== undefined && header.documentFeatures !== DOCUMENT_FEATURES)
  )
    throw new Error('NER weights do not match the feature layout of this version; run npm run train:ner');
  const body = raw.subarray(newline + 1);
  let data: Int16Array;
  if (body.byteOffset % 2 === 0) data = new Int16Array(body.buffer, body.byteOffset, body.length >> 1);
  else {
    const copy = new Uint8Array(body.length);
    copy.set(body);
    data = new Int16Array(copy.buffer);
  }
  const all = new Float32Array(data.length);
  for (let i = 0; i < data.length; i++) all[i] = (data[i] as number) * header.scale;
  const size = (1 << BUCKET_BITS) * LABELS.length;
  const weights = all.subarray(0, size);
  const second = header.documentFeatures !== undefined ? all.subarray(size, 2 * size) : undefined;
  return { version: header.version, corpus: header.corpus, weights, ...(second ? { second } : {}) };
}

let shipped: NerModel | null = null;

/** The weights shipped in the repository, read once (or the file given to useWeightsFile). */
export function shippedModel(): NerModel {
  shipped ??= decodeModel(gunzipFile(WEIGHTS_FILE));
  return shipped;
}

/** Makes the whole extraction use another weights file (npm run eval:ner -- --model <file>). */
export function useWeightsFile(path: string): NerModel {
  shipped = decodeModel(gunzipFile(path));
  return shipped;
}

/** Inflated into one buffer of the size the gzip trailer gives: half the time of 16 KB chunks joined. */
function gunzipFile(path: string): Buffer {
  const file = readFileSync(path);
  return gunzipSync(file, { chunkSize: Math.max(64 * 1024, file.readUInt32LE(file.length - 4)) });
}

// local copies: imported bindings are read through accessors, too slow for the inner loops
const LABELS_N = LABEL_COUNT;
const STATIC_N = STATIC_FEATURES;
const DYNAMIC_N = DYNAMIC_FEATURES;
const DOCUMENT_N = DOCUMENT_FEATURES;
const dynamicOf = dynamicBuckets;
const staticOf = staticBuckets;
const prepare = prepareToken;
export const staticScratch = new Int32Array(STATIC_FEATURES);
const featuresOf = tokenFeatures;
const scores = new Float64Array(LABEL_COUNT);
export const dynamic = new Int32Array(DYNAMIC_FEATURES);

/** Whether label `to` may follow label `from`: an inside label continues an entity of its own kind. */
export function allowed(from: number, to: number): boolean {
  return to === 0 || to % 2 === 1 || from === to || from === to - 1;
}

/**
 * Adds the weight rows of the first n buckets to out, label by label in bucket order. Seven labels
 * are summed in locals: the same additions in the same order as the loop, twice as fast.
 */
function addRows(weights: Float32Array, buckets: Int32Array, n: number, out: Float64Array): void {
  if (LABELS_N !== 7) {
    for (let f = 0; f < n; f++) {
      const row = (buckets[f] as number) * LABELS_N;
      for (let c = 0; c < LABELS_N; c++) out[c] = (out[c] as number) + (weights[row + c] as number);
    }
    return;
  }
  let s0 = out[0] as number;
  let s1 = out[1] as number;
  let s2 = out[2] as number;
  let s3 = out[3] as number;
  let s4 = out[4] as number;
  let s5 = out[5] as number;
  let s6 = out[6] as number;
  for (let f = 0; f < n; f++) {
    const row = (buckets[f] as number) * 7;
    s0 += weights[row] as number;
    s1 += weights[row + 1] as number;
    s2 += weights[row + 2] as number;
    s3 += weights[row + 3] as number;
    s4 += weights[row + 4] as number;
    s5 += weights[row + 5] as number;
    s6 += weights[row + 6] as number;
  }
  out[0] = s0;
  out[1] = s1;
  out[2] = s2;
  out[3] = s3;
  out[4] = s4;
  out[5] = s5;
  out[6] = s6;
}

/**
 * Scores every label of token i (into out) and returns the best one that may follow prev. The
 * token's buckets are left in staticScratch / dynamic for the trainer's update; `document` holds the
 * second stage's document buckets of every token (documentBuckets).
 */
export function scoreToken(
  weights: Float32Array,
  features: TokenFeatures,
  i: number,
  prev: number,
  prev2: number,
  remembered: number,
  out: Float64Array,
  document?: Int32Array,
  staticCache?: StaticCache,
): number {
  out.fill(0);
  if (!staticCache) staticOf(features, i, staticScratch);
  else if (staticCache.done[i]) {
    const { rows } = staticCache;
    for (let f = 0, at = i * STATIC_N; f < STATIC_N; f++, at++) staticScratch[f] = rows[at] as number;
  } else {
    staticOf(features, i, staticScratch);
    staticCache.rows.set(staticScratch, i * STATIC_N);
    staticCache.done[i] = 1;
  }
  addRows(weights, staticScratch, STATIC_N, out);
  dynamicOf(features, i, prev, prev2, remembered, dynamic);
  addRows(weights, dynamic, DYNAMIC_N, out);
  if (document)
    for (let f = i * DOCUMENT_N, end = f + DOCUMENT_N; f < end; f++) {
      const row = (document[f] as number) * LABELS_N;
      for (let c = 0; c < LABELS_N; c++) out[c] = (out[c] as number) + (weights[row + c] as number);
    }
  let best = 0;
  for (let c = 1; c < LABELS_N; c++)
    if (allowed(prev, c) && (out[c] as number) > (out[best] as number)) best = c;
  return best;
}

/** The kind (1 person, 2 organization, 3 place) a label gives, 0 for none. */
export const kindOf = (label: number) => (label + 1) >> 1;

/**
 * Labels every token (indices into LABELS), left to right. `readings` are the rule readings of
 * entities.ts (ruleReadings), which the model was trained with. A two-stage model tags the text
 * twice, the second time knowing what the first made of each word elsewhere in it.
 */
export function tagTokens(
  text: string,
  tokens: Token[],
  readings: Uint8Array,
  model: NerModel = shippedModel(),
): Uint8Array {
  const features = featuresOf(text, tokens, readings);
  if (!model.second) return decodeTokens(model.weights, features);
  // a token's static buckets are the same for both stages: the second reads them from the first's
  const cache: StaticCache = {
    rows: new Int32Array(tokens.length * STATIC_N),
    done: new Uint8Array(tokens.length),
  };
  const first = decodeTokens(model.weights, features, undefined, cache);
  return decodeTokens(model.second, features, documentBuckets(features, first), cache);
}

/** The static buckets of the tokens scored so far in one text (STATIC_N a token). */
interface StaticCache {
  rows: Int32Array;
  done: Uint8Array;
}

/** Greedy left-to-right labels of one table (and the document buckets of a second stage). */
export function decodeTokens(
  weights: Float32Array,
  features: TokenFeatures,
  document?: Int32Array,
  staticCache?: StaticCache,
): Uint8Array {
  const { tokens } = features;
  const labels = new Uint8Array(tokens.length);
  const memory = new Map<number, number>();
  let prev = 0;
  let prev2 = 0;
  for (let i = 0; i < tokens.length; i++) {
    const scored = features.candidate[i] || prev !== 0;
    if (scored) prepare(features, i);
    const word = features.words[i] as number;
    const label = scored
      ? scoreToken(weights, features, i, prev, prev2, memory.get(word) ?? 0, scores, document, staticCache)
      : 0;
    if (label !== 0) memory.set(word, kindOf(label));
    labels[i] = label;
    prev2 = prev;
    prev = label;
  }
  return labels;
}

export interface TaggedEntity {
  kind: EntityKind;
  /** Token indices [first, last]. */
  first: number;
  last: number;
}

const KINDS: EntityKind[] = ['person', 'organization', 'place'];

export function labelSpans(labels: Uint8Array): TaggedEntity[] {
  const spans: TaggedEntity[] = [];
  let open: TaggedEntity | null = null;
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i] as number;
    if (label !== 0 && label % 2 === 0 && open && KINDS[(label - 2) / 2] === open.kind) {
      open.last = i;
      continue;
    }
    if (open) spans.push(open);
    open = label === 0 ? null : { kind: KINDS[Math.floor((label - 1) / 2)] as EntityKind, first: i, last: i };
  }
  if (open) spans.push(open);
  return spans;
}

/** The named entities of a text as token spans. */
export function tagEntities(
  text: string,
  tokens: Token[],
  readings: Uint8Array,
  model?: NerModel,
): TaggedEntity[] {
  return labelSpans(tagTokens(text, tokens, readings, model));
}
