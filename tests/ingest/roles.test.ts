import { extract } from '../../src/ingest/extract';

function rolesOf(text: string) {
  const result = extract(text);
  const name = (key: string | null) => result.entities.find((e) => e.key === key)?.name ?? null;
  return result.roles.map((r) => ({
    person: name(r.personKey),
    title: r.title,
    organization: name(r.organizationKey),
    place: name(r.placeKey),
  }));
}

describe('findRoles', () => {
  test('organization and lower-case title before a name', () => {
    expect(rolesOf('Pentagon spokesman Carl Brenner declined to comment.')).toContainEqual({
      person: 'Carl Brenner',
      title: 'spokesman',
      organization: 'Pentagon',
      place: null,
    });
  });

  test('nationality and capitalized title before a name', () => {
    expect(rolesOf('Kenya has a new leader. Kenyan President Amos Wekesa spoke.')).toContainEqual({
      person: 'Amos Wekesa',
      title: 'President',
      organization: null,
      place: 'Kenya',
    });
  });

  test('an apposition with “is the … of”', () => {
    expect(rolesOf('Nora Vidal is the managing editor of Harbor Daily.')).toContainEqual({
      person: 'Nora Vidal',
      title: 'managing editor',
      organization: 'Harbor Daily',
      place: null,
    });
  });

  test('an apposition with a title and no organization ("X, the former Ohio governor,")', () => {
    expect(rolesOf('Jeb Roe, the former Ohio governor, spoke on Monday.')).toContainEqual({
      person: 'Jeb Roe',
      title: 'former Ohio governor',
      organization: null,
      place: 'Ohio',
    });
  });

  test('an organization or place before a capitalized title is an entity of its own, and the role reads it', () => {
    const text = [
      'WASHINGTON (Reuters) — Federal Reserve Chairman Jerome Powell said on Tuesday that rates would stay high for a while.',
      'White House Press Secretary Karoline Leavitt said the decision was one for the bank to make alone.',
      'Republican South Carolina Sen. Lindsey Graham said he was not sure it would help anyone in the state.',
      'In a statement, N.J. Gov. Chris Christie said he was pleased, and Russian President Vladimir Putin said nothing.',
    ].join('\n\n');
    const result = extract(text);
    const kinds = new Map(result.entities.map((e) => [e.name, e.kind]));
    expect(kinds.get('Federal Reserve')).toBe('organization');
    expect(kinds.get('White House')).toBe('organization');
    expect(kinds.get('South Carolina')).toBe('place');
    expect(kinds.get('New Jersey')).toBe('place');
    // a party or a nationality is no entity; the person's own name and mention are unchanged
    expect([...kinds.keys()].filter((n) => /Republican|Russian/.test(n))).toEqual([]);
    expect(kinds.get('Jerome Powell')).toBe('person');
    expect(result.quotes.find((q) => q.text.startsWith('rates'))?.speakerMention?.text).toBe(
      'Federal Reserve Chairman Jerome Powell',
    );
    const roles = rolesOf(text);
    expect(roles).toContainEqual({
      person: 'Jerome Powell',
      title: 'Chairman',
      organization: 'Federal Reserve',
      place: null,
    });
    expect(roles).toContainEqual({
      person: 'Karoline Leavitt',
      title: 'Press Secretary',
      organization: 'White House',
      place: null,
    });
    expect(roles).toContainEqual({
      person: 'Lindsey Graham',
      title: 'Sen.',
      organization: null,
      place: 'South Carolina',
    });
    expect(roles).toContainEqual({
      person: 'Chris Christie',
      title: 'Gov.',
      organization: null,
      place: 'New Jersey',
    });
  });

  test('a title keeps its words after a nationality ("Indian | Prime Minister", "Saudi | Crown Prince")', () => {
    const text = [
      'India has a new cabinet, and Indian Prime Minister Narendra Modi met Indian External Affairs Minister S. Jaishankar on Monday.',
      'Saudi Crown Prince Mohammed bin Salman did not attend the meeting in New Delhi this week.',
    ].join('\n\n');
    const roles = rolesOf(text);
    expect(roles).toContainEqual({
      person: 'Narendra Modi',
      title: 'Prime Minister',
      organization: null,
      place: 'India',
    });
    expect(roles).toContainEqual({
      person: 'S. Jaishankar',
      title: 'External Affairs Minister',
      organization: null,
      place: 'India',
    });
    expect(roles.find((r) => r.person === 'Mohammed bin Salman')?.title).toBe('Crown Prince');
  });

  test('a title in apposition before the name, as British papers write ("the chancellor, Rachel Reeves,")', () => {
    const text = [
      'Keir Starmer has insisted he will not raise income tax, as the chancellor, Rachel Reeves, prepares a budget.',
      'The Conservative leader, Kemi Badenoch, accused the government of "making it up as they go along".',
      'The deal was signed by the company’s chief executive, John Ferriola.',
    ].join('\n\n');
    const roles = rolesOf(text);
    expect(roles.find((r) => r.person === 'Rachel Reeves')?.title).toBe('chancellor');
    expect(roles.find((r) => r.person === 'Kemi Badenoch')?.title).toBe('Conservative leader');
    expect(roles.find((r) => r.person === 'John Ferriola')?.title).toBe('chief executive');
    expect(roles.find((r) => r.person === 'Keir Starmer')).toBeUndefined();
  });

  test('"Bank of Japan Governor Kazuo Ueda", "Its chief financial officer, Kenta Kon,", "the RNC\'s finance chairman"', () => {
    const text = [
      'Bank of Japan Governor Kazuo Ueda has signalled that rates could rise, and South Korean President Lee Jae-myung met Chinese President Xi Jinping.',
      'Toyota Motor Corp raised its forecast. Its chief financial officer, Kenta Kon, said tariffs would cost the company dearly.',
      'The Republican National Committee met. Lew Eisenberg, the RNC’s finance chairman, said donors were wary.',
    ].join('\n\n');
    const roles = rolesOf(text);
    expect(roles).toContainEqual({
      person: 'Kazuo Ueda',
      title: 'Governor',
      organization: 'Bank of Japan',
      place: null,
    });
    expect(roles.find((r) => r.person === 'Kenta Kon')?.title).toBe('chief financial officer');
    expect(roles).toContainEqual({
      person: 'Lew Eisenberg',
      title: 'finance chairman',
      organization: 'Republican National Committee',
      place: null,
    });
    expect(extract(text).entities.map((e) => e.name)).not.toContain('South');
  });
});
