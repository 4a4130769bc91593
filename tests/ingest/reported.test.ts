import { extract } from '../../src/ingest/extract';

function reported(text: string) {
  const result = extract(text);
  return result.quotes
    .filter((q) => q.kind === 'indirect')
    .map((q) => ({
      text: q.text,
      speaker: result.entities.find((e) => e.key === q.speakerKey)?.name ?? null,
      mention: q.speakerMention?.text ?? null,
    }));
}

describe('findReportedSpeech', () => {
  test('X said on DAY that CLAUSE: the content is the clause after “that”', () => {
    expect(reported('Mayor Ines Falk said Tuesday that the budget would be balanced by June.')).toEqual([
      { text: 'the budget would be balanced by June', speaker: 'Ines Falk', mention: 'Mayor Ines Falk' },
    ]);
  });

  test('X said CLAUSE with no “that”', () => {
    expect(reported('Olaf Brandt said he would not run again.')[0]?.text).toBe('he would not run again');
  });

  test('X told Y that CLAUSE', () => {
    expect(reported('Olaf Brandt told the council that the plan had failed.')[0]?.text).toBe(
      'the plan had failed',
    );
  });

  test('CLAUSE, X said.', () => {
    const found = reported('The plant will close next year, Olaf Brandt said.');
    expect(found[0]).toMatchObject({ text: 'The plant will close next year', speaker: 'Olaf Brandt' });
  });

  test('according to X, CLAUSE', () => {
    const found = reported('According to Olaf Brandt, the plant will close next year.');
    expect(found[0]).toMatchObject({ text: 'the plant will close next year', speaker: 'Olaf Brandt' });
  });

  test('a sentence that introduces a direct quote is not reported speech', () => {
    expect(reported('Olaf Brandt said: “The plant will close.”')).toEqual([]);
  });
});
