import { tokenize } from '../../src/ingest/tokens';
import { readColumns, readDocred } from '../../src/train/ner-corpus';
import { matchReports, sportsPages, townNames } from '../../src/train/sports-results';
import { examples, goldLabels, shoutLines } from '../../src/train/train-ner';

const spans = (text: string, entities: [number, number, string][]) =>
  entities.map(([start, end, kind]) => `${kind}:${text.slice(start, end)}`);

describe('the CoNLL column reader of the NER training corpora', () => {
  test('reads IOB1 and IOB2 tags, one document per -DOCSTART-, sentences as lines; MISC is no entity', () => {
    const raw = [
      '-DOCSTART- -X- O O',
      '',
      'President NNP I-NP O',
      'Ann NNP I-NP I-PER',
      'Roe NNP I-NP I-PER',
      'met VBD I-VP O',
      'Bo NNP I-NP I-PER',
      'Li NNP I-NP B-PER',
      'in IN I-PP O',
      'Paris NNP I-NP I-LOC',
      '. . O O',
      '',
      'German JJ I-NP I-MISC',
      'Acme NNP I-NP B-ORG',
      'Corp NNP I-NP I-ORG',
      'fell VBD I-VP O',
      '',
      '-DOCSTART- -X- O O',
      '',
      'Rome NNP I-NP B-LOC',
    ].join('\n');
    const docs = readColumns(raw, 'test');
    expect(docs).toHaveLength(2);
    const [first, second] = docs;
    expect(first?.text).toBe('President Ann Roe met Bo Li in Paris .\nGerman Acme Corp fell');
    expect(spans(first?.text ?? '', first?.entities ?? [])).toEqual([
      'person:Ann Roe',
      'person:Bo',
      'person:Li',
      'place:Paris',
      'organization:Acme Corp',
    ]);
    expect(spans(second?.text ?? '', second?.entities ?? [])).toEqual(['place:Rome']);
  });

  test('drops a title inside a person span when asked (training), keeps the gold as it is otherwise', () => {
    const raw = 'President\tB-PER\nObama\tI-PER\nspoke\tO\n\nPresident\tB-PER\n';
    const train = readColumns(raw, 'btc', { dropTitles: true })[0];
    expect(spans(train?.text ?? '', train?.entities ?? [])).toEqual(['person:Obama']);
    const gold = readColumns(raw, 'btc')[0];
    expect(spans(gold?.text ?? '', gold?.entities ?? [])).toEqual([
      'person:President Obama',
      'person:President',
    ]);
  });
});

describe('lines in capitals for training', () => {
  test('writes some lines in capitals without moving a gold span', () => {
    const lines = Array.from({ length: 20 }, (_, i) => `Ann Roe visited Paris on day ${i} .`);
    const text = lines.join('\n');
    const entities: [number, number, 'person' | 'place'][] = [];
    let at = 0;
    for (const line of lines) {
      entities.push([at, at + 7, 'person'], [at + 16, at + 21, 'place']);
      at += line.length + 1;
    }
    const doc = { source: 'test:1', text, entities };
    const shouted = shoutLines(doc, 10);
    expect(shouted.text.length).toBe(text.length);
    const upper = shouted.text.split('\n').filter((l) => l === l.toUpperCase());
    expect(upper).toHaveLength(2);
    expect(shoutLines(doc, 10).text).toBe(shouted.text);
    const tokens = tokenize(shouted.text);
    const gold = goldLabels(shouted, tokens);
    expect(gold.filter((l) => l === 1)).toHaveLength(20);
    expect(gold.filter((l) => l === 5)).toHaveLength(20);
    expect(shoutLines(doc, 0)).toBe(doc);
  });
});

describe('the synthetic sports pages of the NER training corpus', () => {
  const corpus = [
    {
      source: 'test:0',
      text: 'Fans in Leeds and Bolton cheered, but France and Bay Island stayed quiet.',
      entities: [
        [8, 13, 'place'],
        [18, 24, 'place'],
        [38, 44, 'place'],
        [49, 59, 'place'],
      ] as [number, number, 'place'][],
    },
  ];

  test('take their clubs from the towns the corpora mark as places, not countries or places with a head word', () => {
    expect(townNames(corpus)).toEqual(['Bolton', 'Leeds']);
  });

  test('mark every club of a results line an organization, and are the same for the same seed', () => {
    const pages = sportsPages(['Bolton', 'Leeds'], 3);
    expect(pages).toEqual(sportsPages(['Bolton', 'Leeds'], 3));
    for (const page of pages) {
      const clubs = page.entities.filter(([, , kind]) => kind === 'organization');
      expect(clubs.length).toBeGreaterThanOrEqual(3);
      for (const [start, end] of clubs)
        expect(page.text.slice(start, end)).toMatch(/^(BOLTON|LEEDS|Bolton|Leeds)( \S+)?$/);
    }
  });

  test('in prose reports, a town is a club where it plays and a place where things happen in it', () => {
    const pages = matchReports(['Bolton', 'Leeds'], ['Dean Jones'], 40);
    expect(pages).toEqual(matchReports(['Bolton', 'Leeds'], ['Dean Jones'], 40));
    const marked = pages.flatMap((page) =>
      page.entities.map(([start, end, kind]) => ({ kind, name: page.text.slice(start, end), page })),
    );
    for (const { kind, name } of marked)
      expect(`${kind}:${name}`).toMatch(
        /^(?:organization:(?:Bolton|Leeds)( \S+)?|place:(?:Bolton|Leeds)( Stadium)?|person:Dean Jones)$/,
      );
    expect(marked.some((m) => m.kind === 'organization' && /^(?:Bolton|Leeds)$/.test(m.name))).toBe(true);
    expect(marked.some((m) => m.kind === 'place' && /^(?:Bolton|Leeds)$/.test(m.name))).toBe(true);
    // the text around a mark is prose, not a results table
    expect(pages.every((page) => !/\d+\n/.test(page.text))).toBe(true);
  });
});

describe('the (Re-)DocRED reader of the NER training corpora', () => {
  const raw = JSON.stringify([
    {
      title: 'Ann Roe',
      sents: [
        ['Ann', 'Roe', 'is', 'a', 'German', 'writer', 'at', 'Acme', 'Corp', 'in', 'Berlin', '.'],
        ['She', 'met', 'Bo', 'Li', 'during', 'the', 'Berlin', 'Film', 'Festival', '.'],
      ],
      vertexSet: [
        [{ type: 'PER', pos: [0, 2], sent_id: 0 }],
        [{ type: 'LOC', pos: [4, 5], sent_id: 0 }],
        [{ type: 'ORG', pos: [7, 9], sent_id: 0 }],
        [{ type: 'LOC', pos: [10, 11], sent_id: 0 }],
        [{ type: 'MISC', pos: [6, 9], sent_id: 1 }],
      ],
    },
  ]);

  test('keeps PER, ORG and LOC, drops a demonym marked as a place, and leaves unmarked capitals unsure', () => {
    const [doc] = readDocred(raw, 'docred');
    const text = doc?.text ?? '';
    expect(spans(text, doc?.entities ?? [])).toEqual([
      'person:Ann Roe',
      'organization:Acme Corp',
      'place:Berlin',
    ]);
    // "Bo Li" was not marked: unsure, not a non-name; "She" opens a sentence; the festival is marked MISC
    expect((doc?.unsure ?? []).map(([start, end]) => text.slice(start, end))).toEqual(['She', 'Bo', 'Li']);
  });

  test('the trainer knows which tokens are unsure', () => {
    const [doc] = readDocred(raw, 'docred');
    const [example] = examples(doc ? [doc] : [], 0);
    const unsure = [...(example?.unsure ?? [])].flatMap((u, i) => (u ? [i] : []));
    expect(unsure).toEqual([11, 13, 14]);
  });
});
