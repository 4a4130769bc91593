import { datelineAt, findDatelines } from '../../src/ingest/datelines';
import { extract } from '../../src/ingest/extract';
import { paragraphSpans } from '../../src/ingest/sentences';

function dateline(paragraph: string) {
  const found = datelineAt(paragraph, { start: 0, end: paragraph.length });
  if (!found) return null;
  return {
    written: paragraph.slice(found.span.start, found.span.end),
    place: found.place.name,
    region: found.region?.name ?? null,
    agency: found.agency ? paragraph.slice(found.agency.start, found.agency.end) : null,
  };
}

describe('datelines', () => {
  test('city, state or province, date and agency are read apart', () => {
    expect(dateline('PASADENA, Calif., Jan. 1 (UPI) — The rally drew thousands.')).toEqual({
      written: 'PASADENA, Calif., Jan. 1 (UPI) — ',
      place: 'Pasadena',
      region: 'California',
      agency: 'UPI',
    });
    expect(dateline('SURREY, B.C. — The line opens late.')).toMatchObject({
      place: 'Surrey',
      region: 'British Columbia',
    });
    expect(dateline('NEW DELHI: Prime Minister Narendra Modi held talks.')).toEqual({
      written: 'NEW DELHI: ',
      place: 'New Delhi',
      region: null,
      agency: null,
    });
    // a colon after capitals that name no known place is a headline's, not a dateline
    expect(dateline('TRUMP: I will win.')).toBeNull();
    expect(dateline('NEW YORK, Nov. 19 (UPI) — Markets fell.')).toMatchObject({
      place: 'New York',
      region: null,
      agency: 'UPI',
    });
    expect(dateline('ST. LOUIS (AP) -- A judge ruled.')).toMatchObject({ place: 'St. Louis', agency: 'AP' });
    expect(dateline('RANGOON, Burma - The vote was counted.')).toMatchObject({ region: 'Burma' });
  });

  test('labels, headings and unknown bare capitals are not datelines', () => {
    expect(dateline('UPDATE — The story has changed.')).toBeNull();
    expect(dateline("EDITOR'S NOTE — This story was corrected.")).toBeNull();
    expect(dateline('FAREWELL— The shop closes.')).toBeNull();
    expect(dateline('NOW OPEN — Our new store.')).toBeNull();
    expect(dateline('WASHINGTON is a city.')).toBeNull();
    expect(dateline('Washington — The Senate voted.')).toBeNull();
  });

  test('only the top of a story carries one', () => {
    const text = [
      'Headline',
      'By A Writer',
      'WASHINGTON (AP) — One.',
      'Two.',
      'Three.',
      'Four.',
      'Five.',
      'BOSTON (AP) — Six.',
    ].join('\n');
    expect(findDatelines(text, paragraphSpans(text)).map((d) => d.place.name)).toEqual(['Washington']);
  });

  test('in an article: the place and agency are entities and the first statement starts after the dash', () => {
    const text = [
      'Transit line opens a year late',
      '',
      'SURREY, B.C. (CP) — The new SkyTrain line will open a year late, the mayor of Surrey said Tuesday.',
    ].join('\n');
    const { entities, quotes } = extract(text);
    const byName = new Map(entities.map((e) => [e.name, e]));
    expect(byName.get('Surrey')).toMatchObject({ kind: 'place' });
    expect(byName.get('Surrey')?.mentions).toHaveLength(2);
    expect(entities.filter((e) => e.kind === 'person')).toEqual([]);
    expect(byName.get('British Columbia')).toMatchObject({ kind: 'place', aliases: ['B.C.'] });
    expect(byName.get('CP')).toMatchObject({ kind: 'organization' });
    expect(byName.has('SURREY')).toBe(false);
    const statement = quotes.find((q) => q.kind === 'indirect');
    expect(statement?.text).toBe('The new SkyTrain line will open a year late');
  });
});
