import { findEntities, ruleReadings } from '../../src/ingest/entities';
import { DOCUMENT_FEATURES, documentBuckets } from '../../src/ingest/models/ner-document';
import { LABELS, tokenFeatures } from '../../src/ingest/models/ner-features';
import { organizationMarks } from '../../src/ingest/models/ner-gazetteer';
import { decodeModel, encodeModel, shippedModel, tagEntities } from '../../src/ingest/models/ner-tagger';
import { wordCluster } from '../../src/ingest/models/word-clusters';
import { tokenize } from '../../src/ingest/tokens';

const tagged = (text: string) => {
  const tokens = tokenize(text);
  return tagEntities(text, tokens, ruleReadings(text, tokens)).map(({ kind, first, last }) => {
    const end = tokens[last];
    return `${kind}:${text.slice(tokens[first]?.start, end ? end.start + end.word.length : 0)}`;
  });
};

describe('the shipped entity tagger', () => {
  test('states its version and the corpus it was trained on', () => {
    const model = shippedModel();
    expect(model.version).toMatch(/^ner-\d+$/);
    expect(model.corpus).toContain('GUM');
    expect(model.corpus).toContain('UNER');
    expect(model.corpus).toContain('wikigold');
    expect(model.corpus).toContain('DocRED');
  });

  test('reads an organization it never saw as a firm from the listings and the institutions', () => {
    expect(
      tagged('Maria Gonzalez, a lawyer for the American Civil Liberties Union, said the law was unfair.'),
    ).toEqual(['person:Maria Gonzalez', 'organization:American Civil Liberties Union']);
  });

  test('finds people, organizations and places in written sentences', () => {
    expect(tagged('Prime Minister Justin Trudeau met Angela Merkel in Berlin on Tuesday.')).toEqual([
      'person:Justin Trudeau',
      'person:Angela Merkel',
      'place:Berlin',
    ]);
    expect(tagged('Researchers at Stanford University said the results were strong.')).toEqual([
      'organization:Stanford University',
    ]);
    expect(
      tagged('Maria Gonzalez, a lawyer for the American Civil Liberties Union, said the law was unfair.'),
    ).toEqual(['person:Maria Gonzalez', 'organization:American Civil Liberties Union']);
    expect(tagged('Officials in Texas and California disagreed, said John Smith.')).toEqual([
      'place:Texas',
      'place:California',
      'person:John Smith',
    ]);
  });

  test('reads a headline in capitals by its words, and sees no names in lower-case prose', () => {
    expect(tagged('HILLARY CLINTON IS FEELING THE BERN\nthe senator spoke on monday.')).toEqual([
      'person:HILLARY CLINTON',
    ]);
    expect(
      tagged('SANDERS WINS IN MICHIGAN\nBernie Sanders won the Michigan primary, beating Hillary Clinton.'),
    ).toEqual([
      'person:SANDERS',
      'place:MICHIGAN',
      'person:Bernie Sanders',
      'place:Michigan',
      'person:Hillary Clinton',
    ]);
  });

  test('leaves out a capitalized common word that opens a sentence', () => {
    expect(
      tagged(
        'Fighting continued in Aleppo. The fighting killed 20 people, said Mark Toner of the State Department.',
      ),
    ).toEqual(['place:Aleppo', 'person:Mark Toner', 'organization:State Department']);
  });

  test('has a second stage that reads the first stage’s labels of the same word elsewhere', () => {
    const model = shippedModel();
    expect(model.second).toBeDefined();
    expect(model.version).toBe('ner-6');
    // the first stage reads the lone "Okonjo" as a club, like the "Torino" around it; the full name says otherwise
    expect(tagged('Peter Okonjo signed for Torino on Tuesday. Okonjo, 24, cost Torino 3 million.')).toEqual([
      'person:Peter Okonjo',
      'organization:Torino',
      'person:Okonjo',
      'organization:Torino',
    ]);
  });

  test('weights survive encoding (int16) with the same decisions', () => {
    const model = shippedModel();
    const copy = decodeModel(encodeModel(model));
    const text = 'Chilean President Marta Olave flew from Santiago to the United Nations in New York.';
    const tokens = tokenize(text);
    const readings = ruleReadings(text, tokens);
    expect(tagEntities(text, tokens, readings, copy)).toEqual(tagEntities(text, tokens, readings, model));
  });

  test('makes a person of a surname used alone that it reads as a person, where the rules had no evidence', () => {
    const people = (text: string) =>
      findEntities(text, tokenize(text), [])
        .records.filter((r) => r.kind === 'person')
        .map((r) => r.name);
    expect(people('Later that year Dominguez moved to Madrid, where he taught painting.')).toEqual([
      'Dominguez',
    ]);
    // a common word opening a sentence and written in lower case elsewhere stays out
    expect(people('Fighting continued in the north, and the fighting was heavy.')).toEqual([]);
  });
});

describe('the shipped organization gazetteer', () => {
  const marked = (text: string) => {
    const tokens = tokenize(text);
    const marks = organizationMarks(tokens, new Uint8Array(tokens.length));
    return tokens.flatMap((t, i) => (marks[i] ? [`${t.word}:${(marks[i] as number) >> 4}`] : []));
  };
  test('marks listed names that open on a capital: alone (1), first (2), inside (3), last (4)', () => {
    expect(marked('Shares of Agilent Technologies rose after the Bank of England spoke.')).toEqual([
      'Agilent:2',
      'Technologies:4',
      'Bank:2',
      'of:3',
      'England:4',
    ]);
    expect(marked('Fans of Arsenal cheered.')).toEqual(['Arsenal:1']);
    expect(marked('the bank of england')).toEqual([]);
  });
});

describe('the shipped word clusters', () => {
  const fine = (word: string) => wordCluster(word) % 1024;
  test('put words used alike together and leave unknown words out', () => {
    expect(fine('leeds')).toBe(fine('bolton'));
    expect(fine('chelsea')).toBe(fine('juventus'));
    expect(fine('leeds')).not.toBe(fine('said'));
    expect(wordCluster('qzxwv')).toBe(-1);
  });
});

describe('document features of the second stage', () => {
  const text = 'Leeds won. Arsenal lost to Leeds on Sunday, and Leeds moved up.';
  const tokens = tokenize(text);
  const features = tokenFeatures(text, tokens, ruleReadings(text, tokens));
  const at = (word: string, nth = 0) =>
    tokens.map((t, i) => [t.word, i] as const).filter(([w]) => w === word)[nth]?.[1] as number;
  const bucketsOf = (buckets: Int32Array, i: number) => [
    ...buckets.subarray(i * DOCUMENT_FEATURES, (i + 1) * DOCUMENT_FEATURES),
  ];
  const labelled = (marks: [number, string][]) => {
    const labels = new Uint8Array(tokens.length);
    for (const [i, label] of marks) labels[i] = LABELS.indexOf(label);
    return labels;
  };
  test('a word’s features change with what the first stage made of it later in the text, not of other words', () => {
    const first = at('Leeds');
    const base = documentBuckets(features, labelled([[at('Arsenal'), 'B-organization']]));
    const laterClub = documentBuckets(
      features,
      labelled([
        [at('Arsenal'), 'B-organization'],
        [at('Leeds', 2), 'B-organization'],
      ]),
    );
    const otherWord = documentBuckets(features, labelled([[at('Arsenal'), 'B-place']]));
    expect(bucketsOf(laterClub, first)).not.toEqual(bucketsOf(base, first));
    // its own label apart, a word's facts do not depend on how a different word was read
    expect(bucketsOf(otherWord, first).slice(0, 2)).toEqual(bucketsOf(base, first).slice(0, 2));
  });
});
