import { clubNames, companyName } from '../../src/train/build-org-gazetteer';

describe('the sources of the organization gazetteer', () => {
  test('a listing is cut to the name a news text writes; funds, notes and units are no companies', () => {
    expect(companyName('Agilent Technologies, Inc. Common Stock')).toBe('Agilent Technologies');
    expect(companyName('Alcoa Corporation Common Stock ')).toBe('Alcoa');
    expect(companyName('Artius II Acquisition Inc. - Class A Ordinary Shares')).toBeNull();
    expect(companyName('Pacer Barings CLO Market Flex ETF')).toBeNull();
    expect(companyName('Ford Motor Company Common Stock')).toBe('Ford Motor');
  });

  test('a club line gives its name and every other name, comments and addresses left out', () => {
    const raw = [
      '= England',
      '# note: see wal.txt',
      'Arsenal FC, 1886, @ Emirates Stadium, London   ## Greater London',
      '  | Arsenal | FC Arsenal',
      '  | Bayern Munich [en] | The Arsenal FC  # old name',
      ' Säbener Straße 51-57 // 81547 München',
      'ii) Bayern München II',
    ].join('\n');
    expect(clubNames(raw)).toEqual([
      'Arsenal FC',
      'Arsenal',
      'FC Arsenal',
      'Bayern Munich',
      'The Arsenal FC',
      'Bayern München II',
    ]);
  });
});
