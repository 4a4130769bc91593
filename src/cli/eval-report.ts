import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { confidenceCalibration, type GoldArticle, mentionAccuracyByType } from '../ingest/evaluation';
import type { Prediction } from '../ingest/prediction';

/** Reads a gold JSONL file (for scoring, with score.mjs beside it), or exits naming what is missing. */
export function readGoldOrExit(
  command: string,
  goldPath: string | undefined,
  needsScorer = true,
): GoldArticle[] {
  if (!goldPath || !existsSync(goldPath)) {
    console.error(
      goldPath ? `${command}: no such file: ${goldPath}` : `usage: npm run ${command} -- GOLD.jsonl`,
    );
    process.exit(2);
  }
  if (needsScorer && !existsSync(scorerOf(goldPath))) {
    console.error(`${command}: the scorer is missing: ${scorerOf(goldPath)}`);
    process.exit(2);
  }
  return readFileSync(goldPath, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as GoldArticle);
}

const scorerOf = (goldPath: string) => resolve(dirname(goldPath), 'score.mjs');

const pct = (a: number, b: number) => (b ? ((100 * a) / b).toFixed(1) : '-');

/**
 * Prints the figures of score.mjs for the predictions, then the mention accuracy by mention type and
 * the confidence calibration. Where a gold file has no checked name for a quote (pronoun and
 * description mentions in the training split), the scorer is given none, so name accuracy counts
 * checked names only instead of CoreNLP's guesses.
 */
export function printEvaluation(goldPath: string, gold: GoldArticle[], predictions: Prediction[]): void {
  const directory = mkdtempSync(join(tmpdir(), 'quotegraph-eval-'));
  const predictionsPath = join(directory, 'predictions.jsonl');
  writeFileSync(predictionsPath, `${predictions.map((p) => JSON.stringify(p)).join('\n')}\n`);
  let scoredGold = goldPath;
  if (gold.some((a) => a.quotes.some((q) => !('speaker_name_gold' in q)))) {
    scoredGold = join(directory, 'gold-checked-names.jsonl');
    const lines = readFileSync(goldPath, 'utf8')
      .split('\n')
      .filter((line) => line.trim())
      .map((line) => {
        const article = JSON.parse(line) as GoldArticle;
        for (const q of article.quotes)
          if (!('speaker_name_gold' in q)) {
            q.speaker_name_auto = null;
            q.speaker_name_method = 'unchecked';
          }
        return JSON.stringify(article);
      });
    writeFileSync(scoredGold, `${lines.join('\n')}\n`);
  }
  console.log(`predictions: ${predictionsPath}`);
  process.stdout.write(
    execFileSync(process.execPath, [scorerOf(goldPath), scoredGold, predictionsPath], { encoding: 'utf8' }),
  );
  const byId = new Map(predictions.map((p) => [p.id, p]));
  const mentions = mentionAccuracyByType(gold, byId);
  console.log(
    `speaker mention by gold mention type: ${mentions
      .map((m) => `${m.type} ${pct(m.right, m.matched)}% of ${m.matched}`)
      .join(', ')}`,
  );
  const bands = confidenceCalibration(gold, byId);
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
}
