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
});
