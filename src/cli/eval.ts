import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { confidenceCalibration, type GoldArticle } from '../ingest/evaluation';
import { extract } from '../ingest/extract';
import { type Prediction, toPrediction } from '../ingest/prediction';

// Usage: npm run eval -- GOLD.jsonl   (score.mjs is expected beside the gold file)
const goldPath = process.argv[2];
if (!goldPath || !existsSync(goldPath)) {
  console.error(goldPath ? `eval: no such file: ${goldPath}` : 'usage: npm run eval -- GOLD.jsonl');
  process.exit(2);
}
const scorer = resolve(dirname(goldPath), 'score.mjs');
if (!existsSync(scorer)) {
  console.error(`eval: the scorer is missing: ${scorer}`);
  process.exit(2);
}

const gold: GoldArticle[] = readFileSync(goldPath, 'utf8')
  .split('\n')
  .filter((line) => line.trim())
  .map((line) => JSON.parse(line) as GoldArticle);

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

const predictionsPath = join(mkdtempSync(join(tmpdir(), 'quotegraph-eval-')), 'predictions.jsonl');
writeFileSync(predictionsPath, `${predictions.map((p) => JSON.stringify(p)).join('\n')}\n`);

const rate = (ms: number) => ((gold.length * 1000) / ms).toFixed(0);
console.log(
  `extracted ${gold.length} articles in ${elapsed.toFixed(0)} ms (${rate(elapsed)} articles/second) on a first pass; ` +
    `warm, median of 5 passes: ${warm.toFixed(0)} ms (${rate(warm)} articles/second), one core`,
);
console.log(`predictions: ${predictionsPath}`);
process.stdout.write(
  execFileSync(process.execPath, [scorer, goldPath, predictionsPath], { encoding: 'utf8' }),
);

const bands = confidenceCalibration(gold, new Map(predictions.map((p) => [p.id, p])));
const pct = (a: number, b: number) => (b ? ((100 * a) / b).toFixed(1) : '-');
const confident = bands.filter((b) => b.from >= 0.8);
const confidentRight = confident.reduce((n, b) => n + b.right, 0);
const confidentMatched = confident.reduce((n, b) => n + b.matched, 0);
console.log(
  `confidence >= 0.8: speaker right ${pct(confidentRight, confidentMatched)}% of ${confidentMatched} matched quotes`,
);
for (const band of bands)
  console.log(
    `         [${band.from.toFixed(1)}, ${Math.min(1, band.to).toFixed(1)}${band.to > 1 ? ']' : ')'}: right ${pct(band.right, band.matched)}% of ${band.matched}`,
  );
