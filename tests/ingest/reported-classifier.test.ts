import { extract } from '../../src/ingest/extract';
import {
  REPORTED_MODEL_VERSION,
  reportedProbability,
  shippedReportedModel,
} from '../../src/ingest/models/reported-classifier';
import { trainReportedWeights } from '../../src/ingest/models/reported-training';

const indirect = (text: string, options = {}) =>
  extract(text, options)
    .quotes.filter((q) => q.kind === 'indirect')
    .map((q) => q.text);

describe('reported-speech classifier', () => {
  test('the shipped weights load, with a threshold between 0 and 1', () => {
    const model = shippedReportedModel();
    expect(model.version).toBe(REPORTED_MODEL_VERSION);
    expect(model.threshold).toBeGreaterThan(0);
    expect(model.threshold).toBeLessThan(1);
    expect(model.trainedOn.articles).toBeGreaterThan(0);
  });

  test('a cue the rules read too strictly: "told" with a long object before "that"', () => {
    const text =
      'Olaf Brandt told a crowded banquet hall at a hotel in downtown Baltimore on Tuesday that he would not run again.';
    expect(indirect(text, { reportedModel: null })).toEqual([]);
    expect(indirect(text)).toEqual(['he would not run again']);
  });

  test('the words after a direct quote’s cue are not reported speech', () => {
    expect(
      indirect('“We will win this,” Olaf Brandt said on Tuesday during a long speech in Halden.'),
    ).toEqual([]);
  });

  test('a cue word in a financial sense is not even a candidate', () => {
    let candidates = -1;
    extract('Shares of Halden Corp. added 3 percent after the report.', {
      onReportedCandidates: (all) => {
        candidates = all.length;
      },
    });
    expect(candidates).toBe(0);
  });

  test('training is deterministic and learns which features mark the content of an attribution', () => {
    const examples = Array.from({ length: 40 }, (_, i) => ({
      features: ['bias', i % 2 ? 'cue:said' : 'cue:boasts'],
      rule: 'loose' as const,
      positive: i % 2 === 1,
      reported: i % 2 === 1,
    }));
    const weights = trainReportedWeights(examples);
    expect(trainReportedWeights(examples)).toEqual(weights);
    expect(reportedProbability(weights, ['bias', 'cue:said'])).toBeGreaterThan(0.9);
    expect(reportedProbability(weights, ['bias', 'cue:boasts'])).toBeLessThan(0.1);
  });
});
