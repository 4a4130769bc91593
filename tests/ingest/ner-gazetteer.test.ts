import { nameTrie, organizationMarks } from '../../src/ingest/models/ner-gazetteer';
import { tokenize } from '../../src/ingest/tokens';

describe('organization marks over a word trie', () => {
  // source bits: 1 company, 2 university, 4 club, 8 institution
  const trie = nameTrie([
    '1\tharbor',
    '1\tharbor freight',
    '8\tharbor freight safety board',
    '2\tlake college',
    '4\tlake college rovers fc',
    'not a line',
  ]);
  const marked = (text: string) => {
    const tokens = tokenize(text);
    const marks = organizationMarks(tokens, new Uint8Array(tokens.length), trie);
    return tokens.flatMap((t, i) =>
      marks[i] ? [`${t.word}:${(marks[i] as number) >> 4}:${(marks[i] as number) & 15}`] : [],
    );
  };

  test('the longest listed name opening on a word wins, with its own source', () => {
    expect(marked('Harbor Freight Safety Board staff left.')).toEqual([
      'Harbor:2:8',
      'Freight:3:8',
      'Safety:3:8',
      'Board:4:8',
    ]);
    expect(marked('Harbor Freight Safety officials left.')).toEqual(['Harbor:2:1', 'Freight:4:1']);
    expect(marked('Harbor shares fell.')).toEqual(['Harbor:1:1']);
  });

  test('a path that only leads to a longer name marks nothing, and the text may end inside a name', () => {
    expect(marked('Lake Geneva')).toEqual([]);
    expect(marked('He studied at Lake College Rovers')).toEqual(['Lake:2:2', 'College:4:2']);
    expect(marked('Lake College Rovers FC won.')).toEqual([
      'Lake:2:4',
      'College:3:4',
      'Rovers:3:4',
      'FC:4:4',
    ]);
  });

  test('a name opens only on a capitalized word or in a line of capitals', () => {
    expect(marked('the harbor freight safety board')).toEqual([]);
    const tokens = tokenize('lake college');
    expect(Array.from(organizationMarks(tokens, new Uint8Array([1, 1]), trie))).toEqual([32 | 2, 64 | 2]);
  });
});
