import { extract } from '../../src/ingest/extract';

/** The speaker names of the direct and partial quotes of `text`, in order. */
function quoteSpeakers(text: string): (string | null)[] {
  const result = extract(text);
  return result.quotes
    .filter((q) => q.kind !== 'indirect')
    .map((q) => result.entities.find((e) => e.key === q.speakerKey)?.name ?? null);
}

describe('speaker resolution', () => {
  test('a qualified description goes to the person whose role has that qualifier, not another holder of the title', () => {
    const text =
      'Carl Dunmore spent the morning at a diner in Keene, shaking hands. Later, the Ohio governor told the crowd, “every vote here counts.”\n\n' +
      'Former Texas governor Tom Reyes spoke at a school nearby.\n\n' +
      '“We are not leaving,” the Ohio governor said.';
    expect(quoteSpeakers(text)).toEqual(['Carl Dunmore', 'Carl Dunmore']);
  });

  test('a title written in capitals is a description of its holder ("the MP")', () => {
    const text =
      'Liberal MP Sean Farrow announced the ferry funding on Friday. Critic Pat Doane called it late.\n\n' +
      '“This is a good day for the island,” the MP said.';
    expect(quoteSpeakers(text)).toEqual(['Sean Farrow']);
  });

  test('a nationality the role does not state still fits the one holder of the title', () => {
    const text =
      'Vexa Motors chief executive Elan Moore, who grew up in Winnipeg, spoke on Monday. Analysts were unimpressed.\n\n' +
      '“We are in production hell,” the Canadian-born executive said.';
    expect(quoteSpeakers(text)).toEqual(['Elan Moore']);
  });

  test('a qualifier still rules out a holder whose role names another place', () => {
    const text =
      'Former Ohio governor Tom Reyes spoke first. Then Gov. Chris Crandall took the stage.\n\n' +
      '“We will win this state,” the New Jersey governor said.';
    expect(quoteSpeakers(text)).toEqual(['Chris Crandall']);
  });

  test('a place after a preposition in the speaker phrase is where the speaker is from, not the speaker', () => {
    expect(quoteSpeakers('A reader from Ottawa wrote that the budget was “a mess” and a letdown.')).toEqual([
      null,
    ]);
    expect(quoteSpeakers('Residents of Surrey said, “We want the train back.”')).toEqual([null]);
    expect(quoteSpeakers('“It is a mess,” said Ann Roe of Ottawa.')).toEqual(['Ann Roe']);
  });

  test('a description is not the name in its own opening phrase', () => {
    const text =
      'BOSTON — Helen Marsh has changed her view of the race. Speaking on a podcast with hosts Joe Carver and Mia Lentz, the Green Party nominee said the debate had been “a waste of an evening.”';
    expect(quoteSpeakers(text)).toEqual(['Helen Marsh']);
  });

  test('a description runs over the period of an abbreviation ("the Oct. 3 vote")', () => {
    const text =
      'Dana Whitlow asked the council to publish the budget.\n\n' +
      'The Republican nominee for the Oct. 3 vote later said he had been “joking” in his remarks.';
    const result = extract(text);
    const partial = result.quotes.find((q) => q.kind === 'partial');
    expect(partial?.speakerMention?.text).toBe('The Republican nominee for the Oct. 3 vote');
    expect(result.entities.find((e) => e.key === partial?.speakerKey)?.name).toBe('Dana Whitlow');
  });

  test('he is never a one-word name that opens with an acronym (a broadcaster)', () => {
    const text =
      'The channel KTVx ran a long interview this week.\n\n' +
      'Former Mayor Warren Pike backed the plan. In a talk that spring with KTVx, he was asked about the budget. “We ran out of road,” he said.';
    expect(quoteSpeakers(text)).toEqual(['Warren Pike']);
  });

  test('he is never a name ending in a company word, even when the tagger reads it as a person', () => {
    const text =
      'Northwind Analytics reported a loss. The firm blamed weak demand.\n\n“We expect a better year,” he said.';
    expect(quoteSpeakers(text)).toEqual([null]);
  });

  test('a name after a preposition does not take a pronoun from the last speaker', () => {
    const text =
      'Mayor Daniel Ferro approved 12 permits this spring.\n\n' +
      '“The board will stall until the election,” Okafor said. “Then the backlog falls to the next council.”\n\n' +
      'And if Rachel Stein wins the seat? Would the board then see permits pushed faster than under Ferro?\n\n' +
      '“Rachel can do as she likes,” he said.';
    expect(quoteSpeakers(text)).toEqual(['Okafor', 'Okafor', 'Okafor']);
  });

  test('the topic of a sentence ("For Major, a retiree, …") stays the antecedent of the next pronoun', () => {
    const text =
      '“We knock on every door,” said Stephanie Formas, the field director.\n\n' +
      'For Gloria Major, a retired nurse who volunteers twice a week, the phone bank is a way to stay involved.\n\n' +
      '“The young people come for the music,” she said.';
    expect(quoteSpeakers(text)).toEqual(['Stephanie Formas', 'Gloria Major']);
  });

  test('a name in a caption’s credit is never the antecedent of a pronoun', () => {
    for (const credit of [
      'Residents line up for water in Halifax on Tuesday. (Lauren Pelley/CBC News)',
      'Lauren Pelley/CBC',
      'Lauren Pelley / CBC News',
    ]) {
      const text = `Crews worked through the night to clear the road.\n\n${credit}\n\n“It was the worst storm we have seen,” she said.`;
      expect(quoteSpeakers(text)).toEqual([null]);
    }
  });

  test('a two-word surname used alone is the person the article named in full', () => {
    const text =
      'Debbie Wasserman Schultz opened the meeting on Monday.\n\n“We will be united,” Wasserman Schultz said.';
    expect(quoteSpeakers(text)).toEqual(['Debbie Wasserman Schultz']);
  });

  test('a name and its organization keep their places: Sen. X of PLACE, X of FIRM, MP X', () => {
    expect(
      quoteSpeakers(
        '“We have the votes,” said Sen. Richard Shelby of Alabama, the chairman of the Appropriations Committee.',
      ),
    ).toEqual(['Richard Shelby']);
    expect(quoteSpeakers('Markets fell. “Investors are nervous,” Jingyi Pan of IG said.')).toEqual([
      'Jingyi Pan',
    ]);
    expect(quoteSpeakers('“This is a good day for Nova Scotia,” MP Sean Fraser said.')).toEqual([
      'Sean Fraser',
    ]);
  });

  test('"another commenter", "one reader": a person noun after an indefinite determiner is an unnamed source of its own, not the last speaker', () => {
    const text =
      'Readers wrote in all week. One man wrote, “The mayor never listens.” Another commenter said, “We all know how she feels about the police.”';
    const result = extract(text);
    const mentions = result.quotes.filter((q) => q.kind === 'direct').map((q) => q.speakerMention?.text);
    expect(mentions).toEqual(['One man', 'Another commenter']);
    expect(quoteSpeakers(text)).toEqual([null, null]);
  });

  test('a name only read once, with an apposition before a speech verb, is still the speaker ("X, 33, said")', () => {
    expect(quoteSpeakers('“It was loud all night,” Min Seo, 33, said.')).toEqual(['Min Seo']);
    expect(
      quoteSpeakers('“Sales are down,” Tobias Fenn, vice chairman of Brightwell, told the paper.'),
    ).toEqual(['Tobias Fenn']);
    expect(
      quoteSpeakers('The party lost. “We will appeal,” Myint Thu, its acting chairman, told reporters.'),
    ).toEqual(['Myint Thu']);
  });

  test('the subject before one or two appositions is the speaker, with initials and an age before it', () => {
    expect(
      quoteSpeakers('“The yield will fall,” Jingyi Pan of Norfolk Markets, a strategist, said on Monday.'),
    ).toEqual(['Jingyi Pan']);
    expect(quoteSpeakers('“I saw it all,” Tove Lindqvist, 41, a nurse from Ames, told reporters.')).toEqual([
      'Tove Lindqvist',
    ]);
    expect(quoteSpeakers('“We are ready,” J.J. Harlan, the team’s coach, said.')).toEqual(['J.J. Harlan']);
    expect(
      quoteSpeakers('The fire spread fast, and 45-year-old Dara Quill, a baker, said, “We lost everything.”'),
    ).toEqual(['Dara Quill']);
  });

  test('a name in apposition to an indefinite source is the speaker ("another user, Jo Roe, said")', () => {
    expect(quoteSpeakers('“It was chaos,” another forum user, Linnea Vask, said on Monday.')).toEqual([
      'Linnea Vask',
    ]);
  });

  test('“pressed”, “questioned”, “remembered” after a quote are speech verbs', () => {
    expect(
      quoteSpeakers(
        'Dana Hanley interviewed the candidate on Monday.\n\n“Would it be negotiable?” Hanley pressed. “What was the pivot point?” she questioned.',
      ),
    ).toEqual(['Dana Hanley', 'Dana Hanley']);
    expect(
      quoteSpeakers(
        '"Analysts said no," remembered Roy Verlane, the former spokesman. "And the more the criticism mounted, the more determined she became."',
      ),
    ).toEqual(['Roy Verlane', 'Roy Verlane']);
  });

  test('a bare surname is the article’s subject, not a relative introduced by kinship ("his wife, X")', () => {
    expect(
      quoteSpeakers(
        'The actor Milo Brandt spoke on Monday. Brandt, the younger brother of the film director Anton Brandt, backed the mayor.\n\n“It is time,” Brandt said.',
      ),
    ).toEqual(['Milo Brandt']);
    expect(
      quoteSpeakers(
        'Senator Paul Okafor came to Syracuse. At the urging of his wife, Grace Okafor, he has talked to aides.\n\n“We go on,” Okafor said.',
      ),
    ).toEqual(['Paul Okafor']);
  });

  test('an organization named by its kind ("Harbor Transit", "… Authority") is never “he” or “she”', () => {
    expect(
      quoteSpeakers(
        'Harbor Transit said on Monday that fares would rise.\n\n“We had no choice this year,” he said.',
      ),
    ).toEqual([null]);
    expect(
      quoteSpeakers('The Delmar Port Authority raised its fees.\n\n“Nobody likes this,” she said.'),
    ).toEqual([null]);
  });

  test('a pronoun with no subject or speaker before it goes to the one person of its gender named as a possessor', () => {
    const text =
      'TORONTO — City council approved Mayor Olivia Chow’s budget on Wednesday, including a tax increase that she said was needed to fund transit.';
    const result = extract(text);
    const statement = result.quotes.find((q) => q.kind === 'indirect');
    expect(result.entities.find((e) => e.key === statement?.speakerKey)?.name).toBe('Olivia Chow');
    // two possessors of that gender: it stays open
    const two = extract(
      'Council approved Mayor Olivia Chow’s budget and Councillor Ana Bailão’s motion, a tax increase that she said was needed to fund transit.',
    );
    const open = two.quotes.find((q) => q.kind === 'indirect');
    expect(open?.speakerMention?.text).toBe('she');
    expect(open?.speakerKey).toBeNull();
  });

  test('"X of Y in Z, who …, said": the person, past the place of the organization', () => {
    const text =
      'The study was published on Thursday.\n\nDr. Isaac Smith of York University in Toronto, who was not part of the team, called the findings “exciting but preliminary.”';
    const result = extract(text);
    const partial = result.quotes.find((q) => q.kind === 'partial');
    expect(result.entities.find((e) => e.key === partial?.speakerKey)?.name).toBe('Isaac Smith');
  });

  test('"the U.S. Embassy in Manila called …": the organization, past the place it is in', () => {
    const result = extract(
      'China’s coast guard fired water cannon on Monday.\n\nThe U.S. Embassy in Manila called China’s actions “dangerous and destabilizing.”',
    );
    const partial = result.quotes.find((q) => q.kind === 'partial');
    expect(result.entities.find((e) => e.key === partial?.speakerKey)?.name).toBe('U.S. Embassy');
  });

  test('“Greece’s civil protection agency said”: an agency a name owns is not the organization named before', () => {
    const result = extract(
      'ATHENS, Greece (AP) — Firefighters battled wildfires near Athens on Wednesday.\n\nGreece’s civil protection agency said 55 fires had broken out in the previous 24 hours.',
    );
    const statement = result.quotes.find((q) => q.kind === 'indirect');
    expect(statement?.speakerMention?.text).toBe('Greece’s civil protection agency');
    expect(statement?.speakerKey).toBeNull();
  });

  test('"the prime minister said" is not the chancellor named in apposition before', () => {
    const result = extract(
      [
        'Keir Starmer has ruled out raising income tax before the budget.',
        'The chancellor, Rachel Reeves, is expected to freeze income tax thresholds for two more years.',
        'Speaking in Birmingham, the prime minister said working people would be "protected".',
      ].join('\n\n'),
    );
    const statement = result.quotes.find((q) => q.speakerMention?.text === 'the prime minister');
    expect(statement).toBeDefined();
    const reeves = result.entities.find((e) => e.name === 'Rachel Reeves');
    expect(statement?.speakerKey).not.toBe(reeves?.key);
  });

  test('a description in apposition after a name is that person\'s, and "the minister" is not the prime minister', () => {
    const result = extract(
      [
        'OTTAWA — Prime Minister Mark Carney says Canada will not retaliate against new U.S. tariffs for now.',
        'He said Dominic LeBlanc, the minister responsible for Canada-U.S. trade, would travel to Washington next week.',
      ].join('\n\n'),
    );
    const carney = result.entities.find((e) => e.name === 'Mark Carney');
    expect(carney?.aliases).not.toContain('the minister');
  });

  test('an apposition with acronyms in brackets still leads to the name before it', () => {
    const result = extract(
      'Jens Spahn, parliamentary leader of the Christian Democratic Union (CDU) and its Bavarian sister party, the Christian Social Union (CSU), said conscription could return if too few volunteers came forward.',
    );
    const statement = result.quotes.find((q) => q.kind === 'indirect');
    expect(result.entities.find((e) => e.key === statement?.speakerKey)?.name).toBe('Jens Spahn');
  });
});
