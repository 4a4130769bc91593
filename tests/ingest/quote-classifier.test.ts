import { extract } from '../../src/ingest/extract';
import {
  KEEP_EVERY_SHORT_QUOTE,
  QUOTE_MODEL_VERSION,
  quoteProbability,
  shippedQuoteModel,
} from '../../src/ingest/models/quote-classifier';
import { trainQuoteModel, trainQuoteWeights } from '../../src/ingest/models/quote-training';

const quoted = (text: string, options = {}) =>
  extract(text, options)
    .quotes.filter((q) => q.kind !== 'indirect')
    .map((q) => q.text);

describe('short-quote classifier', () => {
  test('the shipped weights load, adding back only spans it is sure of', () => {
    const model = shippedQuoteModel();
    expect(model.version).toBe(QUOTE_MODEL_VERSION);
    expect(model.trainedOn.articles).toBeGreaterThan(0);
    expect(model.threshold).toBeGreaterThan(0.5);
    expect(model.threshold).toBeLessThan(1);
  });

  test('a second clause quoted in a statement is a quote too, not a scare quote', () => {
    const text = 'Ida Olsen says the plan is “dead on arrival,” and that the council “will not budge.”';
    expect(quoted(text, { quoteModel: null })).toEqual(['dead on arrival,']);
    expect(quoted(text)).toEqual(['dead on arrival,', 'will not budge.']);
  });

  test('spans the rules keep stay, whatever the classifier scores: words after a possessive name', () => {
    expect(quoted('The plant went through Elena Brooks’s “production hell” last year.')).toEqual([
      'production hell',
    ]);
  });

  test('the title of a show is still not a quote', () => {
    expect(quoted('Fans of “Star Quest” lined up outside the theater on Friday.')).toEqual([]);
  });

  test('every short span is offered to the classifier with its features, the rules’ reading among them', () => {
    const seen: string[][] = [];
    extract('Roe called the plan “bold” on Monday. Fans of “Star Quest” lined up.', {
      quoteModel: null,
      onShortQuote: (_, features) => seen.push(features),
    });
    expect(seen).toHaveLength(2);
    expect(seen[0]).toContain('rules=kept:cue-before-partial');
    expect(seen[1]).toContain('rules=title');
  });

  test('keeping every short span keeps what the rules drop', () => {
    const text = 'Supporters of the plan were “cautiously hopeful” on Monday.';
    expect(quoted(text, { quoteModel: null })).toEqual([]);
    expect(quoted(text, { quoteModel: KEEP_EVERY_SHORT_QUOTE })).toEqual(['cautiously hopeful']);
  });

  test('training is deterministic, learns which features mark a quote and sets a threshold', () => {
    const examples = Array.from({ length: 200 }, (_, i) => ({
      features: [
        'bias',
        i % 2 ? 'before=said' : 'before=the',
        i % 4 < 2 ? 'rules=dropped' : 'rules=kept:none',
      ],
      positive: i % 2 === 1,
    }));
    const weights = trainQuoteWeights(examples);
    expect(trainQuoteWeights(examples)).toEqual(weights);
    expect(quoteProbability(weights, ['bias', 'before=said'])).toBeGreaterThan(0.9);
    expect(quoteProbability(weights, ['bias', 'before=the'])).toBeLessThan(0.1);
    const articles = Array.from({ length: 10 }, (_, k) => examples.slice(k * 20, k * 20 + 20));
    const model = trainQuoteModel(articles, 'synthetic');
    expect(trainQuoteModel(articles, 'synthetic')).toEqual(model);
    expect(model.threshold).toBeGreaterThan(0);
    expect(model.threshold).toBeLessThan(1);
  });
});
