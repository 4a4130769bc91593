import { extract } from '../../src/ingest/extract';
import { findQuoteSegments } from '../../src/ingest/quotes';
import { paragraphSpans } from '../../src/ingest/sentences';

const segments = (text: string) =>
  findQuoteSegments(text, paragraphSpans(text)).map((s) => ({ ...s, text: text.slice(s.start, s.end) }));

describe('findQuoteSegments', () => {
  test('curly, straight and doubled-apostrophe marks', () => {
    const text = "“One,” she said. \"Two,\" he said. ''Three,'' they said.";
    expect(segments(text).map((s) => s.text)).toEqual(['One,', 'Two,', 'Three,']);
  });

  test('a quote left open at a paragraph end closes there, and the next paragraph continues it', () => {
    const text = 'He said: “First part.\n\n“Second part,” he added.';
    const found = segments(text);
    expect(found.map((s) => s.text)).toEqual(['First part.', 'Second part,']);
    expect(found[0]?.closed).toBe(false);
    expect(found[1]?.continuesPrevious).toBe(true);
  });

  test('attributes inside markup tags are not quotes', () => {
    expect(segments('<tweet id="12345" author="someone">Hello</tweet>')).toEqual([]);
  });

  test('apostrophes inside words are not marks', () => {
    expect(segments("It isn''t here, O''Brien said.")).toEqual([]);
  });
});

describe('scare quotes and titles', () => {
  test('a quoted title is not a quote', () => {
    const text = 'She appeared on “Evening Report Live” last week and talked about her book.';
    expect(extract(text).quotes.filter((q) => q.kind !== 'indirect')).toEqual([]);
  });

  test('a scare-quoted word with no speech cue is not a quote', () => {
    const text = 'The so-called “reform” left most of the old rules in place.';
    expect(extract(text).quotes.filter((q) => q.kind !== 'indirect')).toEqual([]);
  });
});
