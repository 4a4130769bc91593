import { performance } from 'node:perf_hooks';
import { extract } from '../ingest/extract';
import { type Prediction, toPrediction } from '../ingest/prediction';
import { writeErrorsIfAsked } from './eval-errors';
import { printEvaluation, readGoldOrExit } from './eval-report';

// Usage: npm run eval -- GOLD.jsonl [--errors FILE]   (score.mjs is expected beside the gold file;
// --errors writes every wrong decision with the text around it)
const goldPath = process.argv[2] ?? '';
const gold = readGoldOrExit('eval', process.argv[2]);

const started = performance.now();
const extractions = gold.map((article) => extract(article.text));
const elapsed = performance.now() - started;
// The first pass includes the JIT warming up; the speed of a running service is the warm one.
const warmRuns = Array.from({ length: 5 }, () => {
  const start = performance.now();
  for (const article of gold) extract(article.text);
  return performance.now() - start;
}).sort((a, b) => a - b);
const warm = warmRuns[Math.floor(warmRuns.length / 2)] ?? elapsed;
const predictions: Prediction[] = gold.map((article, i) => {
  const extraction = extractions[i];
  if (!extraction) throw new Error(`no extraction for ${article.id}`);
  return toPrediction(article.id, extraction);
});

const rate = (ms: number) => ((gold.length * 1000) / ms).toFixed(0);
console.log(
  `extracted ${gold.length} articles in ${elapsed.toFixed(0)} ms (${rate(elapsed)} articles/second) on a first pass; ` +
    `warm, median of 5 passes: ${warm.toFixed(0)} ms (${rate(warm)} articles/second), one core`,
);
printEvaluation(goldPath, gold, predictions);
writeErrorsIfAsked(process.argv, gold, predictions);
