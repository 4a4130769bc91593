// Trains the named-entity tagger: npm run train:ner [-- --epochs N --sources <regex> --caps-every N --out <file>]
// Reads src/train/corpus/ner-train*.jsonl.gz (built by src/train/build-ner-corpus.ts), writes src/ingest/models/ner-weights.bin.gz.

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { deserialize, serialize } from 'node:v8';
import { gzipSync } from 'node:zlib';
import { ruleReadings } from '../ingest/entities';
import { DOCUMENT_FEATURES, documentBuckets } from '../ingest/models/ner-document';
import {
  BUCKET_BITS,
  DYNAMIC_FEATURES,
  LABEL_COUNT,
  LABELS,
  prepareToken,
  STATIC_FEATURES,
  type TokenFeatures,
  tokenFeatures,
} from '../ingest/models/ner-features';
import {
  allowed,
  decodeTokens,
  dynamic,
  encodeModel,
  kindOf,
  scoreToken,
  staticScratch,
  WEIGHTS_FILE,
} from '../ingest/models/ner-tagger';
import { type Token, tokenize } from '../ingest/tokens';
import { type NerDocument, readCorpus } from './ner-corpus';
import { matchReports, personNames, sportsPages, townNames } from './sports-results';

export const CORPUS_FILE = fileURLToPath(new URL('./corpus/ner-train.jsonl.gz', import.meta.url));
/** The CoNLL column corpora (wikigold, BTC, SEC filings), built by build-ner-corpus.ts --columns. */
export const COLUMNS_FILE = fileURLToPath(new URL('./corpus/ner-train-columns.jsonl.gz', import.meta.url));
/** CrossNER's five Wikipedia domains, built by build-ner-corpus.ts --crossner. */
export const CROSSNER_FILE = fileURLToPath(new URL('./corpus/ner-train-crossner.jsonl.gz', import.meta.url));
/** Universal NER English-EWT train (web text), built by build-ner-corpus.ts --uner-train. */
export const EWT_FILE = fileURLToPath(new URL('./corpus/ner-train-ewt.jsonl.gz', import.meta.url));
/** Re-DocRED dev and test (Wikipedia, names partly marked), built by build-ner-corpus.ts --docred. */
export const DOCRED_FILE = fileURLToPath(new URL('./corpus/ner-train-docred.jsonl.gz', import.meta.url));
export const MODEL_VERSION = 'ner-6';
/** Synthetic sports pages added to the corpus (sports-results.ts); --sports N to change. */
const SPORTS_PAGES = 150;
/** Synthetic football reports in prose added to the corpus (sports-results.ts); --match-reports N to change. */
const MATCH_REPORTS = 150;
/** Folds of the jackknife that gives the second stage its first-stage labels; --folds 0 = one stage. */
const FOLDS = 5;
const CORPUS_DESCRIPTION =
  'GUM @72ce5ac (open-licence genres, train split) + UNER v1 English-EWT train, dev and test + wikigold + BTC + SEC filings + re3d (open parts) + WNUT17 train + CrossNER (5 domains) + Re-DocRED dev and test (names partly marked) + 150 synthetic sports pages (results, match reports, scorecards) + 150 synthetic football reports in prose; two stages, the second reading document features of 5-fold jackknifed first-stage labels; word clusters of GloVe 6B; organization gazetteer (listings, universities, clubs, institutions); src/train/corpus/ner-train*.jsonl.gz';

interface Example {
  features: TokenFeatures;
  gold: Uint8Array;
  /** Tokens whose "no name" gold is not to be trusted (NerDocument.unsure). */
  unsure: Uint8Array;
}

/** Gold BIO labels of the tokens; an entity that ends inside a token is left out. */
export function goldLabels(doc: NerDocument, tokens: Token[]): Uint8Array {
  const gold = new Uint8Array(tokens.length);
  let k = 0;
  for (const [start, end, kind] of doc.entities) {
    while (k < tokens.length && (tokens[k] as Token).start < start) k++;
    const first = k;
    let last = k - 1;
    while (last + 1 < tokens.length && (tokens[last + 1] as Token).start < end) last++;
    const lastToken = tokens[last];
    if (last < first || !lastToken || lastToken.start + lastToken.word.length > end) continue;
    const b = LABELS.indexOf(`B-${kind}`);
    gold[first] = b;
    for (let i = first + 1; i <= last; i++) gold[i] = b + 1;
  }
  return gold;
}

/**
 * Every `every`-th line of a document written in capitals (where that keeps its length), so that the
 * tagger learns headlines and datelines from the words and the context alone. Deterministic.
 */
export function shoutLines(doc: NerDocument, every = 10): NerDocument {
  if (every <= 0) return doc;
  const lines = doc.text.split('\n');
  if (lines.length < 2) return doc;
  let seed = 0;
  for (let i = 0; i < doc.source.length; i++) seed = (seed * 31 + doc.source.charCodeAt(i)) >>> 0;
  const text = lines
    .map((line, i) => {
      if ((seed + i) % every !== 0) return line;
      const upper = line.toUpperCase();
      return upper.length === line.length ? upper : line;
    })
    .join('\n');
  return { ...doc, text };
}

export function examples(docs: NerDocument[], shoutEvery = 10): Example[] {
  return docs.map((original) => {
    const doc = shoutLines(original, shoutEvery);
    const tokens = tokenize(doc.text);
    const unsure = new Uint8Array(tokens.length);
    if (doc.unsure) {
      let k = 0;
      for (const [start, end] of doc.unsure) {
        while (k < tokens.length && (tokens[k] as Token).start < start) k++;
        for (let i = k; i < tokens.length && (tokens[i] as Token).start < end; i++) unsure[i] = 1;
      }
    }
    return {
      features: tokenFeatures(doc.text, tokens, ruleReadings(doc.text, tokens)),
      gold: goldLabels(doc, tokens),
      unsure,
    };
  });
}

/**
 * Averaged perceptron over greedy left-to-right decoding (the decoder's own history as features).
 * `documents` (one per example) trains a second stage: each token's document buckets (ner-document.ts).
 */
export function train(data: Example[], epochs: number, documents?: Int32Array[]): Float32Array {
  const size = (1 << BUCKET_BITS) * LABEL_COUNT;
  const weights = new Float32Array(size);
  const totals = new Float64Array(size);
  const stamps = new Float64Array(size);
  let time = 1;
  const scores = new Float64Array(LABEL_COUNT);
  const update = (index: number, delta: number) => {
    totals[index] =
      (totals[index] as number) + (time - (stamps[index] as number)) * (weights[index] as number);
    stamps[index] = time;
    weights[index] = (weights[index] as number) + delta;
  };
  let seed = 12345;
  const random = () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed / 2 ** 32;
  };
  const order = data.map((_, i) => i);
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j] as number, order[i] as number];
    }
    let errors = 0;
    let seen = 0;
    for (const index of order) {
      const { features, gold, unsure } = data[index] as Example;
      const document = documents?.[index];
      let prev = 0;
      let prev2 = 0;
      const memory = new Map<number, number>();
      for (let i = 0; i < gold.length; i++) {
        // an inside label cannot follow a wrong guess before it: learn the entity's start instead,
        // else the unreachable label's weights grow without bound
        const truth = allowed(prev, gold[i] as number) ? (gold[i] as number) : (gold[i] as number) - 1;
        if (!features.candidate[i] && prev === 0) {
          prev2 = prev;
          prev = 0;
          continue;
        }
        prepareToken(features, i);
        const word = features.words[i] as number;
        const remembered = memory.get(word) ?? 0;
        const guess = scoreToken(weights, features, i, prev, prev2, remembered, scores, document);
        if (guess !== 0) memory.set(word, kindOf(guess));
        seen++;
        if (guess !== truth && !(truth === 0 && unsure[i])) {
          errors++;
          // scoreToken left this token's buckets in the decoder's scratch arrays
          for (let f = 0; f < STATIC_FEATURES; f++) {
            const row = (staticScratch[f] as number) * LABEL_COUNT;
            update(row + truth, 1);
            update(row + guess, -1);
          }
          for (let f = 0; f < DYNAMIC_FEATURES; f++) {
            const row = (dynamic[f] as number) * LABEL_COUNT;
            update(row + truth, 1);
            update(row + guess, -1);
          }
          if (document)
            for (let f = i * DOCUMENT_FEATURES; f < (i + 1) * DOCUMENT_FEATURES; f++) {
              const row = (document[f] as number) * LABEL_COUNT;
              update(row + truth, 1);
              update(row + guess, -1);
            }
        }
        time++;
        prev2 = prev;
        prev = guess;
      }
    }
    console.log(
      `epoch ${epoch + 1}: ${((100 * errors) / Math.max(1, seen)).toFixed(2)}% of scored tokens wrong`,
    );
  }
  const averaged = new Float32Array(size);
  for (let i = 0; i < size; i++) {
    const total = (totals[i] as number) + (time - (stamps[i] as number)) * (weights[i] as number);
    averaged[i] = total / time;
  }
  return averaged;
}

/**
 * The first stage's labels of every training document as a tagger that never saw it would give them
 * (k-fold jackknife), so that the second stage learns how far to trust them.
 */
export function jackknifeLabels(data: Example[], epochs: number, folds: number): Uint8Array[] {
  const labels: Uint8Array[] = new Array(data.length);
  for (let fold = 0; fold < folds; fold++) {
    const weights = train(
      data.filter((_, i) => i % folds !== fold),
      epochs,
    );
    data.forEach((example, i) => {
      if (i % folds === fold) labels[i] = decodeTokens(weights, example.features);
    });
    console.log(`fold ${fold + 1} of ${folds} tagged`);
  }
  return labels;
}

function option(argv: string[], name: string): string | undefined {
  const at = argv.indexOf(name);
  return at >= 0 ? argv[at + 1] : undefined;
}

/**
 * npm run train:ner [-- --epochs N] [--sources <regex>] [--out <weights file>]: --sources keeps the
 * documents whose source matches (for ablations), --out writes somewhere other than the shipped file.
 */
function main(argv: string[]): void {
  const epochs = Number(option(argv, '--epochs') ?? 12);
  const sources = option(argv, '--sources');
  const out = option(argv, '--out') ?? WEIGHTS_FILE;
  const shoutEvery = Number(option(argv, '--caps-every') ?? 10);
  const sports = Number(option(argv, '--sports') ?? SPORTS_PAGES);
  const matches = Number(option(argv, '--match-reports') ?? MATCH_REPORTS);
  const folds = Number(option(argv, '--folds') ?? FOLDS);
  const reports = !argv.includes('--no-reports');
  let docs = [CORPUS_FILE, COLUMNS_FILE, CROSSNER_FILE, EWT_FILE, DOCRED_FILE].flatMap((file) =>
    existsSync(file) ? readCorpus(file) : [],
  );
  const towns = townNames(docs);
  const people = personNames(docs);
  docs.push(...sportsPages(towns, sports, undefined, reports ? people : []));
  docs.push(...matchReports(towns, people, matches));
  if (sources) docs = docs.filter((d) => new RegExp(sources).test(d.source));
  const data = examples(docs, shoutEvery);
  // --first-stage <file>: keeps the first stage and its jackknife labels between experiments on the second
  const cache = option(argv, '--first-stage');
  const cached =
    cache && existsSync(cache)
      ? (deserialize(readFileSync(cache)) as { weights: Float32Array; jackknife: Uint8Array[] })
      : undefined;
  const weights = cached?.weights ?? train(data, epochs);
  const jackknife = cached?.jackknife ?? (folds > 1 ? jackknifeLabels(data, epochs, folds) : []);
  if (cache && !cached) writeFileSync(cache, serialize({ weights, jackknife }));
  const second =
    folds > 1
      ? train(
          data,
          epochs,
          data.map((example, i) => documentBuckets(example.features, jackknife[i] as Uint8Array)),
        )
      : undefined;
  const corpus = `${CORPUS_DESCRIPTION}${sources ? ` (sources matching /${sources}/)` : ''}`;
  const model = { version: MODEL_VERSION, corpus, weights, ...(second ? { second } : {}) };
  writeFileSync(out, gzipSync(encodeModel(model), { level: 9 }));
  console.log(`wrote ${out} from ${docs.length} documents, ${epochs} epochs`);
}

if (process.argv[1]?.endsWith('train-ner.ts')) main(process.argv.slice(2));
