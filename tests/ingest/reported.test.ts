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

  test('CLAUSE, said X, APPOSITION: the apposition describes X and is not said', () => {
    expect(
      reported('The plan is about fixing inequality, said Marla Kilfoyle, executive director of the group.'),
    ).toEqual([
      { text: 'The plan is about fixing inequality', speaker: 'Marla Kilfoyle', mention: 'Marla Kilfoyle' },
    ]);
    expect(reported('The plan, an aide said, is to win Ohio and Florida by March.')[0]?.text).toBe(
      'The plan, an aide said, is to win Ohio and Florida by March',
    );
  });

  test('a phrase that only opens the sentence is not the statement; an opening clause before one is', () => {
    expect(
      reported(
        'As for the budget deficit in the state, Mayor Ines Falk said she would cut taxes next year.',
      ).map((r) => r.text),
    ).toEqual(['she would cut taxes next year']);
    expect(reported('When the vote came, the economy was strong, Mayor Ines Falk said.')[0]?.text).toBe(
      'When the vote came, the economy was strong',
    );
  });

  test('X said CLAUSE with no “that”', () => {
    expect(reported('Olaf Brandt said he would not run again.')[0]?.text).toBe('he would not run again');
  });

  test('a cue under “if” or “whether” puts a question; its clause is not the subject’s statement', () => {
    const found = reported(
      'Council spokesman Olaf Brandt was asked by the Harbour Gazette if he could confirm that the mayor had resigned.',
    );
    expect(found.filter((r) => r.text === 'the mayor had resigned')).toEqual([]);
    expect(found.filter((r) => r.speaker === 'Olaf Brandt')).toEqual([]);
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

  test('X was asked by Y if CLAUSE: the question is reported as said by the asker Y, not by X', () => {
    const found = reported(
      'Mayor Ines Falk was asked by a local radio station if she could confirm the cuts.',
    );
    expect(found).toEqual([
      { text: 'if she could confirm the cuts', speaker: null, mention: 'a local radio station' },
    ]);
    expect(reported('Ines Falk was asked by host Olaf Brandt whether her aim was to win.')).toEqual([
      { text: 'whether her aim was to win', speaker: 'Olaf Brandt', mention: 'Olaf Brandt' },
    ]);
  });

  test('according to X, CLAUSE', () => {
    const found = reported('According to Olaf Brandt, the plant will close next year.');
    expect(found[0]).toMatchObject({ text: 'the plant will close next year', speaker: 'Olaf Brandt' });
  });

  test('a sentence that introduces a direct quote is not reported speech', () => {
    expect(reported('Olaf Brandt said: “The plant will close.”')).toEqual([]);
  });

  test('CLAUSE, X said, CLAUSE — a parenthetical cue', () => {
    const found = reported('The real risk, Olaf Brandt said, is a slow decline of the plant.');
    expect(found[0]).toMatchObject({ speaker: 'Olaf Brandt' });
    expect(found[0]?.text).toContain('is a slow decline');
  });

  test('…, saying (that) CLAUSE — a participle cue', () => {
    const found = reported('Peter Brandt left the meeting early, saying that the numbers were wrong.');
    expect(found.map((f) => f.text)).toContain('the numbers were wrong');
  });

  test('X asked whether CLAUSE', () => {
    const found = reported('Olaf Brandt asked whether the council had read the report.');
    expect(found[0]?.text).toBe('whether the council had read the report');
  });

  test('two statements in one sentence: X said A, adding B', () => {
    const found = reported('Olaf Brandt said the plant would close, adding that the workers would be paid.');
    expect(found.length).toBeGreaterThanOrEqual(2);
  });

  test('an indefinite source is kept but names no one', () => {
    const found = reported('Two officials said the plan had been dropped.');
    expect(found[0]).toMatchObject({ speaker: null, mention: 'Two officials' });
  });

  test('Asked whether CLAUSE, X said: the question, with no named asker', () => {
    const found = reported('Asked whether the mill would reopen, Olaf Brandt said: “Not this year.”');
    expect(found[0]).toMatchObject({ text: 'whether the mill would reopen', speaker: null, mention: null });
  });

  test('CLAUSE, officials announced — a trailing announcement cue', () => {
    const found = reported('The ferry will stop running in March, city officials announced.');
    expect(found[0]).toMatchObject({
      text: 'The ferry will stop running in March',
      mention: 'city officials',
    });
  });

  test('analysts note that CLAUSE — a base-form reporting verb', () => {
    const found = reported('But analysts note that the river is still rising.');
    expect(found[0]).toMatchObject({ text: 'the river is still rising', mention: 'analysts' });
  });

  test('X pointed to Y — the thing pointed to', () => {
    const found = reported('Olaf Brandt pointed to the long queues at the border crossing.');
    expect(found[0]).toMatchObject({
      text: 'the long queues at the border crossing',
      speaker: 'Olaf Brandt',
    });
  });

  test('… and warned that CLAUSE — a second verb of the same subject', () => {
    const found = reported('Olaf Brandt praised the workers and warned that the plant could close.');
    expect(found.map((f) => f.text)).toContain('the plant could close');
  });

  test('X said in a statement PRONOUN-CLAUSE, with no “that”', () => {
    const found = reported('Harbor Freight Lines said in a statement on Friday it would appeal the fine.');
    expect(found[0]?.text).toBe('it would appeal the fine');
  });

  test('collective heads: city police say CLAUSE', () => {
    const found = reported('City police say they have not identified the driver.');
    expect(found[0]).toMatchObject({ text: 'they have not identified the driver', mention: 'City police' });
  });

  test('financial “note”, “added” and “states” are not speech cues', () => {
    expect(reported('The yield on the 10-year Treasury note rose to 2.4 percent on Friday.')).toEqual([]);
    expect(reported('Shares of Halden Corp. added 3 percent after the report.')).toEqual([]);
    expect(reported('Exports to the United States fell sharply in the third quarter.')).toEqual([]);
    // the speech senses stay
    expect(reported('Analysts note that the yield rose for a third week.')).toHaveLength(1);
    expect(reported('Ann Roe added that the plan would be ready in May.')).toHaveLength(1);
  });
  describe('the speaker of a cue whose subject is not next to it', () => {
    test('auxiliaries between subject and cue: X have said CLAUSE', () => {
      expect(reported('The two agencies have said they followed every procedure in the case.')).toEqual([
        { text: 'they followed every procedure in the case', speaker: null, mention: 'The two agencies' },
      ]);
    });

    test('a modal and a negation: X, an apposition, wouldn’t say …', () => {
      const found = reported(
        'Olaf Brandt, the council leader, wouldn’t say when the council will vote on the plan.',
      );
      expect(found[0]).toMatchObject({ speaker: 'Olaf Brandt', mention: 'Olaf Brandt, the council leader,' });
    });

    test('a participle after another verb: the sentence’s subject, as an unnamed source', () => {
      const found = reported(
        'The departments declined to give details, saying they cannot discuss a continuing investigation.',
      );
      expect(found).toEqual([
        { text: 'they cannot discuss a continuing investigation', speaker: null, mention: 'The departments' },
      ]);
    });

    test('an indefinite subject after an opening phrase: Among X, some are saying …', () => {
      const found = reported('Among party members, some are quietly saying it is time to accept the result.');
      expect(found[0]).toMatchObject({ text: 'it is time to accept the result', mention: 'some' });
    });

    test('force X to acknowledge CLAUSE: the one made to speak', () => {
      const found = reported(
        'The vote will force Mayor Ines Falk to acknowledge that the budget cannot be balanced.',
      );
      expect(found[0]).toMatchObject({ speaker: 'Ines Falk', mention: 'Mayor Ines Falk' });
    });
  });

  test('one cue, one statement: with a clause after the cue, the words before the subject are not said', () => {
    expect(
      reported(
        'Tom Avery, a top adviser to the mayor, said Monday that the council will vote on the budget in May.',
      ).map((r) => r.text),
    ).toEqual(['the council will vote on the budget in May']);
    expect(
      reported('In a later note to staff, Avery said the network would cover fewer stories next year.').map(
        (r) => r.text,
      ),
    ).toEqual(['the network would cover fewer stories next year']);
  });

  test('where something was said is not what was said: “…,” X said in an interview with …', () => {
    const text =
      'Coun. Waye Mason voted against the motion.\n\n“Where are people supposed to go?” Mason said in an interview with CBC News on Wednesday. “We don’t have the beds.”\n\nMason said in a statement that the vote was a mistake.';
    expect(reported(text)).toEqual([
      { text: 'the vote was a mistake', speaker: 'Waye Mason', mention: 'Mason' },
    ]);
  });

  test('a place or a time alone after the cue is not what was said: “…,” Breen said outside the courthouse', () => {
    const text =
      'The jury convicted the former mayor on Thursday.\n\n“We respect the verdict,” Breen said outside the Dirksen Federal Building. He said after the hearing that his client would appeal.';
    expect(reported(text).map((r) => r.text)).toEqual(['his client would appeal']);
  });

  test('"X, which …, is expected to …, according to Y": the relative clause stays inside the statement', () => {
    const text =
      'Meta Platforms, which owns Facebook and Instagram, is expected to announce its own shopping agent next month, according to two people familiar with the plans.';
    const statement = extract(text).quotes.find((q) => q.kind === 'indirect');
    expect(statement?.text).toMatch(
      /^Meta Platforms, which owns Facebook and Instagram, is expected to announce/,
    );
  });
});
