import { performance } from 'node:perf_hooks';
import { extract } from '../ingest/extract';
import { collectQuoteExamples, trainQuoteModel } from '../ingest/models/quote-training';
import { collectReportedExamples, trainReportedModel } from '../ingest/models/reported-training';
import { collectExamples, foldOf, trainSpeakerModel } from '../ingest/models/speaker-training';
import { type Prediction, toPrediction } from '../ingest/prediction';
import { writeErrorsIfAsked } from './eval-errors';
import { printEvaluation, readGoldOrExit } from './eval-report';

// Usage: npm run eval:cv -- TRAIN.jsonl [FOLDS] [--errors FILE]
// k-fold cross-validation of the trained parts of extraction: each fold is predicted by a model
// trained (quote classifier, ranker, confidence calibration, reported-speech classifier) on the other folds only; then `npm run eval`'s figures.
const goldPath = process.argv[2] ?? '';
const gold = readGoldOrExit('eval:cv', process.argv[2]);
const foldsArgument = process.argv[3];
const folds = Number(foldsArgument && !foldsArgument.startsWith('--') ? foldsArgument : 5);
if (!Number.isInteger(folds) || folds < 2 || folds > gold.length) {
  console.error(`eval:cv: the number of folds must be an integer from 2 to ${gold.length}`);
  process.exit(2);
}

const started = performance.now();
const examples = gold.map(collectExamples);
const reportedExamples = gold.map(collectReportedExamples);
const quoteExamples = gold.map(collectQuoteExamples);
const predictions: Prediction[] = [];
for (let k = 0; k < folds; k++) {
  const inFold = (i: number) => foldOf(i, folds) === k;
  const quoteModel = trainQuoteModel(
    quoteExamples.filter((_, i) => !inFold(i)),
    `${goldPath} without fold ${k + 1} of ${folds}`,
  );
  const model = trainSpeakerModel(
    gold.filter((_, i) => !inFold(i)),
    examples.filter((_, i) => !inFold(i)),
    `${goldPath} without fold ${k + 1} of ${folds}`,
    quoteModel,
  );
  const reportedModel = trainReportedModel(
    reportedExamples.filter((_, i) => !inFold(i)),
    `${goldPath} without fold ${k + 1} of ${folds}`,
  );
  gold.forEach((article, i) => {
    if (inFold(i))
      predictions.push(
        toPrediction(article.id, extract(article.text, { speakerModel: model, reportedModel, quoteModel })),
      );
  });
}
console.log(
  `${folds}-fold cross-validation on ${gold.length} articles (${((performance.now() - started) / 1000).toFixed(0)} s): each fold predicted by a model trained on the others`,
);
printEvaluation(goldPath, gold, predictions);
writeErrorsIfAsked(process.argv, gold, predictions);
