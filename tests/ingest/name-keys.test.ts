import { chooseLink, compatiblePersonNames, nameKeys, personNameParts } from '../../src/ingest/name-keys';

describe('name keys', () => {
  test('middle names, initials and honorifics leave one key for a full name', () => {
    for (const name of ['Donald J. Trump', 'Donald Trump', 'Mr. Donald Trump'])
      expect(nameKeys('person', name).same).toEqual(['p:donald trump']);
    expect(nameKeys('person', 'Hillary Rodham Clinton').same).toEqual(['p:hillary clinton']);
    expect(personNameParts('Ursula von der Leyen')).toMatchObject({
      given: 'ursula',
      surname: 'von der leyen',
    });
  });

  test('a bare surname and an acronym only probe; full names offer what they answer', () => {
    expect(nameKeys('person', 'Mr. Obama')).toEqual({ same: [], probe: 's:obama', offers: [] });
    expect(nameKeys('person', 'Barack Obama').offers).toEqual(['s:obama']);
    expect(nameKeys('organization', 'U.S.').probe).toBe('i:us');
    expect(nameKeys('place', 'United States').offers).toEqual(['i:us']);
    expect(nameKeys('organization', 'the Associated Press')).toEqual({
      same: ['n:associated press'],
      probe: null,
      offers: ['i:ap'],
    });
    expect(nameKeys('organization', 'TV').probe).toBeNull();
  });

  test('namesakes differ by a middle initial or a suffix', () => {
    expect(compatiblePersonNames('Donald J. Trump', 'Donald Trump')).toBe(true);
    expect(compatiblePersonNames('George W. Bush', 'George H. W. Bush')).toBe(false);
    expect(compatiblePersonNames('Donald Trump Jr.', 'Donald Trump')).toBe(false);
    expect(compatiblePersonNames('Barack Obama', 'Michelle Obama')).toBe(false);
  });

  test('a nickname finds and fits its formal given name only', () => {
    expect(nameKeys('person', 'Bill Clinton').same).toEqual(['p:bill clinton', 'p:william clinton']);
    expect(nameKeys('person', 'Joe Biden').same).toContain('p:joseph biden');
    expect(compatiblePersonNames('Bill Clinton', 'William Jefferson Clinton')).toBe(true);
    expect(compatiblePersonNames('Jim Jordan', 'James Jordan')).toBe(true);
    // genealogy pairings no reader would make, and two nicknames of one formal name, stay apart
    expect(compatiblePersonNames('Bill Smith', 'Robert Smith')).toBe(false);
    expect(compatiblePersonNames('Erin Burnett', 'Aaron Burnett')).toBe(false);
    expect(compatiblePersonNames('Joe Smith', 'Josh Smith')).toBe(false);
    expect(compatiblePersonNames('Bill Clinton', 'Hillary Clinton')).toBe(false);
  });
});

describe('chooseLink', () => {
  test('the candidate whose company the article shares, when it dominates', () => {
    const decision = chooseLink([
      { id: 1, mentions: 200, shared: 6 },
      { id: 2, mentions: 10, shared: 1 },
    ]);
    expect(decision).toMatchObject({ kind: 'linked', id: 1 });
    if (decision.kind === 'linked') expect(decision.confidence).toBeGreaterThan(0.8);
  });

  test('two candidates of like weight stay apart; no shared company links nothing', () => {
    expect(
      chooseLink([
        { id: 1, mentions: 50, shared: 3 },
        { id: 2, mentions: 40, shared: 3 },
      ]),
    ).toEqual({ kind: 'ambiguous', ids: [1, 2] });
    expect(chooseLink([{ id: 1, mentions: 500, shared: 0 }])).toEqual({ kind: 'none' });
    expect(chooseLink([])).toEqual({ kind: 'none' });
  });
});
