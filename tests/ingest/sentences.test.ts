import { paragraphSpans, sentenceSpans } from '../../src/ingest/sentences';

describe('sentenceSpans', () => {
  test('abbreviations and initials do not end a sentence', () => {
    const text = 'Sen. John Q. Adams met Mr. Brown in the U.S. capital. They talked.';
    const [paragraph] = paragraphSpans(text);
    const sentences = paragraph ? sentenceSpans(text, paragraph).map((s) => text.slice(s.start, s.end)) : [];
    expect(sentences).toEqual(['Sen. John Q. Adams met Mr. Brown in the U.S. capital.', 'They talked.']);
  });

  test('"No." before a number abbreviates it; "said no." ends a sentence', () => {
    const text = 'He was ranked No. 1 in the state. Supt. Ann Lee said no. Dr. Bonnie Henry agreed.';
    const [paragraph] = paragraphSpans(text);
    const sentences = paragraph ? sentenceSpans(text, paragraph).map((s) => text.slice(s.start, s.end)) : [];
    expect(sentences).toEqual([
      'He was ranked No. 1 in the state.',
      'Supt. Ann Lee said no.',
      'Dr. Bonnie Henry agreed.',
    ]);
  });

  test('a sentence ends after a closing quote mark', () => {
    const text = '“We won.” Then they left.';
    const [paragraph] = paragraphSpans(text);
    const sentences = paragraph ? sentenceSpans(text, paragraph).map((s) => text.slice(s.start, s.end)) : [];
    expect(sentences).toEqual(['“We won.”', 'Then they left.']);
  });

  test('paragraphs are the non-empty lines, trimmed', () => {
    const text = '  First.\n\n\nSecond. \n';
    expect(paragraphSpans(text).map((p) => text.slice(p.start, p.end))).toEqual(['First.', 'Second.']);
  });

  test('"on X." ends a sentence; initials after a lower-case word do not', () => {
    const text = 'Musk wrote it in a post on X. The yield rose. According to E. J. Fleming the studio knew.';
    const [paragraph] = paragraphSpans(text);
    const sentences = paragraph ? sentenceSpans(text, paragraph).map((s) => text.slice(s.start, s.end)) : [];
    expect(sentences).toEqual([
      'Musk wrote it in a post on X.',
      'The yield rose.',
      'According to E. J. Fleming the studio knew.',
    ]);
  });
});
