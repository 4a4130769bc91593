import { writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { collectQuoteExamples, trainQuoteModel } from '../ingest/models/quote-training';
import { collectReportedExamples, trainReportedModel } from '../ingest/models/reported-training';
import { collectExamples, trainSpeakerModel } from '../ingest/models/speaker-training';
import { readGoldOrExit } from './eval-report';

// Usage: npm run train:speakers -- TRAIN.jsonl
// Trains the quote classifier, the speaker ranker and its confidence calibration, and the
// reported-speech classifier, and writes the weights the app loads.
const goldPath = process.argv[2] ?? '';
const gold = readGoldOrExit('train:speakers', process.argv[2], false);
const examples = gold.map(collectExamples);
const corpus = `${basename(goldPath)} (PolNeAR v1.0.0 train split, ${gold.length} articles)`;
const quoteModel = trainQuoteModel(gold.map(collectQuoteExamples), corpus);
const quoteTarget = new URL('../ingest/models/quote-weights.json', import.meta.url);
writeFileSync(quoteTarget, `${JSON.stringify(quoteModel, null, 2)}\n`);
console.log(
  `short quotes: ${quoteModel.trainedOn.spans} spans of ${quoteModel.trainedOn.articles} articles: ${Object.keys(quoteModel.weights).length} weights, threshold ${quoteModel.threshold} -> ${quoteTarget.pathname}`,
);
const model = trainSpeakerModel(gold, examples, corpus, quoteModel);
const target = new URL('../ingest/models/speaker-weights.json', import.meta.url);
writeFileSync(target, `${JSON.stringify(model, null, 2)}\n`);
console.log(
  `trained on ${model.trainedOn.quotes} quotes of ${model.trainedOn.articles} articles: ${Object.keys(model.weights).length} weights -> ${target.pathname}`,
);

const reported = trainReportedModel(gold.map(collectReportedExamples), corpus);
const reportedTarget = new URL('../ingest/models/reported-weights.json', import.meta.url);
writeFileSync(reportedTarget, `${JSON.stringify(reported, null, 2)}\n`);
console.log(
  `reported speech: ${reported.trainedOn.candidates} candidates of ${reported.trainedOn.articles} articles: ${Object.keys(reported.weights).length} weights, threshold ${reported.threshold} -> ${reportedTarget.pathname}`,
);
