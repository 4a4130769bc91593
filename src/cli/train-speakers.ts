import { writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { collectExamples, trainSpeakerModel } from '../ingest/models/speaker-training';
import { readGoldOrExit } from './eval-report';

// Usage: npm run train:speakers -- TRAIN.jsonl
// Trains the speaker ranker and its confidence calibration, and writes the weights the app loads.
const goldPath = process.argv[2] ?? '';
const gold = readGoldOrExit('train:speakers', process.argv[2], false);
const examples = gold.map(collectExamples);
const model = trainSpeakerModel(
  gold,
  examples,
  `${basename(goldPath)} (PolNeAR v1.0.0 train split, ${gold.length} articles)`,
);
const target = new URL('../ingest/models/speaker-weights.json', import.meta.url);
writeFileSync(target, `${JSON.stringify(model, null, 2)}\n`);
console.log(
  `trained on ${model.trainedOn.quotes} quotes of ${model.trainedOn.articles} articles: ${Object.keys(model.weights).length} weights -> ${target.pathname}`,
);
