import { diffWords } from '../../src/web/word-diff';

test('a reworded quote: changed words are added and removed, repunctuation and case are not', () => {
  expect(
    diffWords('The bridge will reopen to traffic, by March.', 'the bridge will reopen to cars by March!'),
  ).toEqual([
    { op: 'same', text: 'the bridge will reopen to' },
    { op: 'added', text: 'cars' },
    { op: 'removed', text: 'traffic,' },
    { op: 'same', text: 'by March!' },
  ]);
});

test('a fragment: the words it left out are removed, nothing is added', () => {
  expect(diffWords('So I can neither confirm nor deny it.', 'can neither confirm nor deny')).toEqual([
    { op: 'removed', text: 'So I' },
    { op: 'same', text: 'can neither confirm nor deny' },
    { op: 'removed', text: 'it.' },
  ]);
});
