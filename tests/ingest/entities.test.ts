import { extract } from '../../src/ingest/extract';

const entities = (text: string) => extract(text).entities;

describe('findEntities', () => {
  test('a titled full name, its surname and its title form are one person', () => {
    const text =
      'Chilean President Marta Olave arrived on Monday. Olave spoke for an hour. Later, President Olave left.';
    const people = entities(text).filter((e) => e.kind === 'person');
    expect(people).toHaveLength(1);
    expect(people[0]?.name).toBe('Marta Olave');
    expect(people[0]?.aliases).toEqual(
      expect.arrayContaining(['Olave', 'Chilean President Marta Olave', 'President Olave']),
    );
    expect(people[0]?.mentions).toHaveLength(3);
  });

  test('a description that fits a stated role is an alias ("the Chilean leader")', () => {
    const text = 'Chilean President Marta Olave arrived on Monday. The visit was the Chilean leader’s first.';
    const person = entities(text).find((e) => e.kind === 'person');
    expect(person?.aliases).toContain('the Chilean leader');
  });

  test('organizations by head word, acronym and known name; places by gazetteer', () => {
    const found = entities('The Harbor Workers Union met the FBI and the Pentagon in Ohio and in Kenya.');
    const byName = new Map(found.map((e) => [e.name, e.kind]));
    expect(byName.get('Harbor Workers Union')).toBe('organization');
    expect(byName.get('FBI')).toBe('organization');
    expect(byName.get('Pentagon')).toBe('organization');
    expect(byName.get('Ohio')).toBe('place');
    expect(byName.get('Kenya')).toBe('place');
  });

  test('two people with one surname stay apart', () => {
    const text = 'Maria Lund and Peter Lund both ran. Maria Lund won.';
    const people = entities(text).filter((e) => e.kind === 'person');
    expect(people.map((p) => p.name).sort()).toEqual(['Maria Lund', 'Peter Lund']);
  });

  test('sentence-initial words and weekdays are not names', () => {
    const found = entities('When Tuesday came, nothing happened. However, it rained.');
    expect(found).toEqual([]);
  });

  test('a sentence-opening word written in lower case elsewhere is not a surname', () => {
    const text =
      'The strike went on. Picketing continued outside the plant, and picketing, Olaf Brandt said, would go on.';
    expect(entities(text).map((e) => e.name)).not.toContain('Picketing');
  });

  test('a noun for people opening a sentence is an unnamed source, not a person ("Officials said")', () => {
    const { entities: found, quotes } = extract(
      'The plan failed. Officials said it would be revived. Analysts noted that it cost $2 billion.',
    );
    expect(found.filter((e) => e.kind === 'person')).toEqual([]);
    expect(quotes.map((q) => [q.speakerText, q.speakerKey])).toEqual([
      ['Officials', null],
      ['Analysts', null],
    ]);
  });

  test('a title word cut off from its name is no person ("Secretary of State John Kerry")', () => {
    const found = entities(
      'Secretary of State John Kerry said talks would resume. The Inspector General issued subpoenas. Later, Sen. Angus King spoke, and King said no more.',
    );
    const people = found.filter((e) => e.kind === 'person');
    expect(people.map((p) => p.name).sort()).toEqual(['Angus King', 'John Kerry']);
    expect(people.find((p) => p.name === 'John Kerry')?.aliases).toEqual([]);
    // a surname that is also a title word still links to the person named in full
    expect(people.find((p) => p.name === 'Angus King')?.mentions).toHaveLength(2);
  });

  test('an organization head, "of" and a name are one organization; a department after a title is not', () => {
    const found = entities(
      'The Bureau of Labor Statistics, the Museum of Modern Art and the Communications Workers of America met. The State of Texas sued. The talks included the Secretary of State John Kerry.',
    );
    expect(found.map((e) => [e.name, e.kind]).sort()).toEqual([
      ['Bureau of Labor Statistics', 'organization'],
      ['Communications Workers of America', 'organization'],
      ['John Kerry', 'person'],
      ['Museum of Modern Art', 'organization'],
      ['Texas', 'place'],
    ]);
    const places = entities('Storms hit the Gulf of Mexico, the South China Sea and the Golan Heights.');
    expect(places.map((e) => [e.name, e.kind])).toEqual([
      ['Gulf of Mexico', 'place'],
      ['South China Sea', 'place'],
      ['Golan Heights', 'place'],
    ]);
  });

  test('initials and chains of particles stay inside a name', () => {
    const people = entities(
      'The court (Samuel A. Alito Jr., Clarence Thomas) ruled. She helped make Oscar de la Renta a star.',
    ).filter((e) => e.kind === 'person');
    expect(people.map((p) => p.name).sort()).toEqual([
      'Clarence Thomas',
      'Oscar de la Renta',
      'Samuel A. Alito Jr.',
    ]);
  });

  test('a title-case run that starts with a name the text gives is that name ("Ted Cruz Refuses")', () => {
    const people = entities(
      'Donald Trump Ties Hillary Clinton In Poll\n\nDonald Trump and Hillary Clinton are tied. A headline read "Ted Cruz Refuses" after Ted Cruz left.',
    ).filter((e) => e.kind === 'person');
    expect(people.map((p) => [p.name, p.mentions.length])).toEqual([
      ['Donald Trump', 2],
      ['Hillary Clinton', 2],
      ['Ted Cruz', 2],
    ]);
  });

  test('a father and a son of one name stay two people; "King" before "Jr." is a surname', () => {
    const people = entities(
      'Donald Trump and Donald Trump Jr. spoke. Trump said he would win. Trump Jr. left. Martin Luther King Jr. was cited.',
    ).filter((e) => e.kind === 'person');
    expect(people.map((p) => [p.name, p.aliases])).toEqual([
      ['Donald Trump', ['Trump']],
      ['Donald Trump Jr.', ['Trump Jr.']],
      ['Martin Luther King Jr.', []],
    ]);
  });

  test('a state written short after a comma or in brackets is that place; the word before it a city', () => {
    const found = entities(
      'Sen. Rand Paul (Ky.) released a video. He spoke in Lynchburg, VA, on Monday.\n\nBruce R. Gary\n\nRhinelander, Wis.',
    );
    expect(found.map((e) => [e.name, e.kind]).sort()).toEqual([
      ['Bruce R. Gary', 'person'],
      ['Kentucky', 'place'],
      ['Lynchburg', 'place'],
      ['Rand Paul', 'person'],
      ['Rhinelander', 'place'],
      ['Virginia', 'place'],
      ['Wisconsin', 'place'],
    ]);
  });

  test('a lawmaker\'s party label names the state, not a person ("(D-Calif.)", "(R-Texas)")', () => {
    const found = entities(
      'Sen. Ann Weller (I-Vt.) spoke first. Rep. Tom Ruiz (D-Calif.) and Sen. Bo Hart (R-Texas) agreed.',
    );
    expect(found.map((e) => [e.name, e.kind]).sort()).toEqual([
      ['Ann Weller', 'person'],
      ['Bo Hart', 'person'],
      ['California', 'place'],
      ['Texas', 'place'],
      ['Tom Ruiz', 'person'],
      ['Vermont', 'place'],
    ]);
  });

  test('an acronym in the plural is a kind of thing, not an entity ("super PACs", "NGOs")', () => {
    const found = entities('Two super PACs and several NGOs backed the plan, said Ann Weller of the FBI.');
    expect(found.map((e) => [e.name, e.kind])).toEqual([
      ['Ann Weller', 'person'],
      ['FBI', 'organization'],
    ]);
  });

  test('police and municipal ranks written short are titles ("Const.", "Cpl.", "Coun.", "Insp.")', () => {
    const found = entities(
      'RCMP Const. Jane Doe said the suspect fled. Cpl. Mark Hall said officers searched. Coun. Linda Annis spoke. Supt. Ann Lee said no. Insp. Dave Chauhan agreed.',
    );
    expect(found.filter((e) => e.kind === 'person').map((e) => [e.name, e.aliases])).toEqual([
      ['Jane Doe', ['RCMP Const. Jane Doe']],
      ['Mark Hall', ['Cpl. Mark Hall']],
      ['Linda Annis', ['Coun. Linda Annis']],
      ['Ann Lee', ['Supt. Ann Lee']],
      ['Dave Chauhan', ['Insp. Dave Chauhan']],
    ]);
  });

  test('Canadian provinces and cities are places, also as the subject of a clause after "said"', () => {
    const found = entities('The premier said Ontario families deserved better. Doug Ford spoke in Toronto.');
    expect(found.map((e) => [e.name, e.kind])).toEqual([
      ['Doug Ford', 'person'],
      ['Ontario', 'place'],
      ['Toronto', 'place'],
    ]);
  });

  test('parties named by a political word, and Canadian institutions, are organizations', () => {
    const found = entities(
      'Votes are in\n\nThe RCMP said the Liberal Party and the Conservative Party met. Statistics Canada and BC Hydro agreed, and TransLink said so too.',
    );
    expect(found.map((e) => [e.name, e.kind])).toEqual([
      ['RCMP', 'organization'],
      ['Liberal Party', 'organization'],
      ['Conservative Party', 'organization'],
      ['Statistics Canada', 'organization'],
      ['BC Hydro', 'organization'],
      ['TransLink', 'organization'],
    ]);
  });

  test('a full name only the tagger reads as a person\'s is an entity, but no antecedent of "he"', () => {
    const { entities: found, quotes } = extract(
      'It rained. The award went to Olusegun Adeyemi last year. He said the prize was late.',
    );
    expect(found.map((e) => [e.name, e.kind])).toEqual([['Olusegun Adeyemi', 'person']]);
    expect(quotes.map((q) => [q.speakerText, q.speakerKey])).toEqual([['He', null]]);
  });

  test('a name behind a lower-case “the” is an organization', () => {
    const found = entities('According to the Harbor Courier, the vote was delayed.');
    expect(found.find((e) => e.name === 'Harbor Courier')?.kind).toBe('organization');
  });

  test('a name in a title-case headline is not enough to make a person', () => {
    const found = entities('Ending The Long War Is Near\n\nTalks resumed in Geneva.');
    expect(found.filter((e) => e.kind === 'person')).toEqual([]);
  });

  test('“Mrs. Lund” goes to the woman of that name', () => {
    const text = 'Maria Lund and her husband, Peter Lund, voted. Later Mrs. Lund spoke.';
    const result = extract(text);
    const maria = result.entities.find((e) => e.name === 'Maria Lund');
    expect(maria?.aliases).toContain('Mrs. Lund');
  });

  test('a name in apposition with "the … agency" is an organization, not a person', () => {
    const found = entities('“The visit was a mistake,” Vestnik, the state news agency, wrote on Monday.');
    expect(found.find((e) => e.name === 'Vestnik')?.kind).toBe('organization');
  });

  test('an acronym and a shorter form link to the organization named in full', () => {
    const found = entities(
      'The Harbor Workers Federation met on Monday. Later the HWF said it would strike. The Workers Federation agreed.',
    );
    const organizations = found.filter((e) => e.kind === 'organization');
    expect(organizations).toHaveLength(1);
    expect(organizations[0]?.aliases).toEqual(expect.arrayContaining(['HWF', 'Workers Federation']));
  });

  test('a company suffix the capitalization rules stop before stays in the tagged organization', () => {
    const found = entities(
      'Bank holding company Mercantile Bancorp Inc. said on Monday it would cut 300 jobs.',
    );
    const organization = found.find((e) => e.name.startsWith('Mercantile'));
    expect([organization?.name, organization?.kind]).toEqual(['Mercantile Bancorp Inc.', 'organization']);
  });

  test('a listed place used alone that ends a full name in the text is that person ("Neil Jordan … Jordan")', () => {
    const found = entities(
      'Director Neil Jordan defended his new film on Monday. Jordan said the story had to be told.',
    );
    expect(found.map((e) => `${e.kind}:${e.name}`)).toEqual(['person:Neil Jordan']);
    expect(found[0]?.mentions).toHaveLength(2);
  });

  test('a city in capitals opening a dated line before its country is a place, not an acronym', () => {
    const found = entities('NABLUS, West Bank 1996-08-30\nIsraeli troops sealed off the town on Friday.');
    expect(found.find((e) => e.name.toUpperCase() === 'NABLUS')?.kind).toBe('place');
    expect(found.filter((e) => e.kind === 'organization')).toEqual([]);
  });

  test('a club named in full and by its nickname alone is one organization, not a person', () => {
    const found = entities(
      'The Baltimore Orioles beat the Boston Red Sox 5-3 on Tuesday. The Orioles have won six games in a row.',
    );
    const kinds = new Map(found.map((e) => [e.name, e.kind]));
    expect(kinds.get('Baltimore Orioles')).toBe('organization');
    expect(found.filter((e) => e.kind === 'person')).toEqual([]);
  });
});

describe('what is not an entity, and clean names', () => {
  const names = (text: string) => entities(text).map((e) => `${e.kind}:${e.name}`);

  test('laws, events, prizes and diseases are not entities', () => {
    const found = names(
      'The Affordable Care Act was passed in 2010, and the New Deal changed the country, said Ann Roe.',
    );
    expect(found).toEqual(['person:Ann Roe']);
    expect(names('The Pulitzer Prize-winning reporter said HIV rates fell.')).toEqual([]);
    expect(names("Twelve people were held over the New Year's weekend and freed on New Year's Eve.")).toEqual(
      [],
    );
  });

  test('capitals lines, stage directions and contractions are not names', () => {
    expect(names('ABSTRACT\nThe study looks at voters.')).toEqual([]);
    expect(names('CORRECTION\nAn earlier version misspelled a name.')).toEqual([]);
    expect(names('HILLARY CLINTON IS FEELING THE BERN\nThe senator spoke on Monday.')).toEqual([]);
    expect(names('“I’ll tell you what,” she said.')).toEqual([]);
    expect(names('“We won.” (Laughs) “We really did,” Roe said.')).toEqual(['person:Roe']);
  });

  test('words before a name that are not part of it stay out of it', () => {
    expect(names('Neither Hillary Clinton nor her aides answered.')).toEqual(['person:Hillary Clinton']);
    expect(names('Given Sanders’ lead, the party was worried.')).toEqual([]);
    expect(names('Los Angeles-area Sanders supporters rallied, and Bernie Sanders spoke.')).toEqual([
      'person:Bernie Sanders',
    ]);
    expect(names('Vermonter Bernie Sanders said he would win.')).toEqual(['person:Bernie Sanders']);
  });

  test('a title before a name is the role, not the name', () => {
    const mp = extract('MP Sean Fraser said the bill would pass.');
    expect(mp.entities.map((e) => e.name)).toEqual(['Sean Fraser']);
    expect(mp.roles.map((r) => r.title)).toEqual(['MP']);
    const organizer = extract('Organizer Dwayne Croteau said the march was peaceful.');
    expect(organizer.entities.map((e) => e.name)).toEqual(['Dwayne Croteau']);
  });

  test('an adverb opening a sentence is not a given name', () => {
    expect(names('Unsurprisingly Okafor said no.')).toEqual(['person:Okafor']);
    expect(names('John Connally said the plan would work.')).toEqual(['person:John Connally']);
  });

  test('a word the tagger leaves out before the surname of a full name is not a given name ("Team Clinton")', () => {
    expect(
      names(
        'Hillary Clinton spoke on Monday. Clinton said she would win. He disputed Team Clinton’s contention that he won.',
      ),
    ).toEqual(['person:Hillary Clinton']);
    const vance = extract(
      'Labor Secretary Thomas Vance moved to the last row. Understated Vance raised his profile. Vance said he was happy.',
    );
    expect(vance.entities.map((e) => e.name)).toEqual(['Thomas Vance']);
    expect(vance.entities[0]?.mentions).toHaveLength(3);
  });

  test('a surname that is also a function word ("Will", "May") is a name after a given name and before a verb', () => {
    const will = extract(
      'Conservative columnist George Will reignited his feud. Will urged voters to abandon Trump. “It is over,” Will wrote. Will he run?',
    );
    const person = will.entities.find((e) => e.name === 'George Will');
    expect(person?.mentions).toHaveLength(3);
    expect(will.quotes.filter((q) => q.speakerKey === person?.key)).toHaveLength(2);
    expect(names('Queen Elizabeth I was born in 1533. I think she was a great queen.')).toEqual([
      'person:Elizabeth I',
    ]);
    expect(names('Sales fell in May, and Will Trump win?')).toEqual(['person:Trump']);
  });

  test('words without a given name that the tagger reads as an organization stay one before a speech verb', () => {
    expect(names('Dutch supermarkets group Veldhoven NV said on Friday it had launched a bid.')).toContain(
      'organization:Veldhoven NV',
    );
    expect(names('The rig count fell by one, Offshore Rig Services said.')).toEqual([
      'organization:Offshore Rig Services',
    ]);
    expect(names('Marta Olave said on Friday it was over.')).toEqual(['person:Marta Olave']);
  });

  test('a nickname and the formal given name are one person in an article, named by the formal one', () => {
    const found = extract(
      'Len Varga praises, laments the mayor.\n\nLeonard Varga, the former prosecutor, spoke on Monday. “He was gifted,” Varga said.',
    );
    const people = found.entities.filter((e) => e.kind === 'person');
    expect(people.map((e) => e.name)).toEqual(['Leonard Varga']);
    // the two names, the surname and the apposition that states his role ("the former prosecutor")
    expect(people[0]?.mentions).toHaveLength(4);
    expect(found.quotes[0]?.speakerKey).toBe(people[0]?.key);
    // two given names that are not one another's nickname stay two people
    expect(names('Barack Obama spoke first. Michelle Obama spoke next.').sort()).toEqual([
      'person:Barack Obama',
      'person:Michelle Obama',
    ]);
  });

  test('a name after a preposition of place is not the subject of the speech verb after it ("Police in Derry said")', () => {
    expect(names('Police in Derry said two men were arrested.')).not.toContain('person:Derry');
    expect(names('“They are unharmed,” a police official in Liege said.')).not.toContain('person:Liege');
    expect(names('Okafor said two men were arrested.')).toEqual(['person:Okafor']);
  });

  test('a word in capitals that the tagger reads as a place is a place, not an acronym ("MACAU")', () => {
    expect(names('Fox News reported from MACAU on Tuesday.')).toEqual([
      'organization:Fox News',
      'place:MACAU',
    ]);
  });

  test('a role head or a party word before a full name is not part of the name', () => {
    expect(names('Public Advocate Trish Jamison said the rent rules failed.')).toEqual([
      'person:Trish Jamison',
    ]);
    expect(names('Senate Intelligence Ranking Democrat Dinah Feldmann said the report was late.')).toContain(
      'person:Dinah Feldmann',
    );
    expect(names('County Coroner Eli Marsh said the cause was unknown.')).toEqual(['person:Eli Marsh']);
  });

  test('a seat of power is an organization; an airport named for a person is a place', () => {
    expect(
      names('The Kremlin said on Monday that talks would go on. The White House announced a visit.'),
    ).toEqual(['organization:Kremlin', 'organization:White House']);
    const found = names('He landed at Ronald Reagan Washington National Airport on Friday.');
    expect(found).toEqual(['place:Ronald Reagan Washington National Airport']);
  });

  test('a firm named after a "-based" descriptor is no surname: "Magna" stays the firm', () => {
    const found = names(
      [
        'Magna International Inc. agreed to buy the seat maker for $31 a share.',
        "The acquisition will beef up Markham, Ontario-based Magna's seating business.",
        'Magna was up 1/8 to 48-1/4 on the New York Stock Exchange.',
        'It should give Magna the critical mass to be a bigger player.',
      ].join('\n'),
    );
    // ("Magna" is the short form of the company named in full)
    expect(found).toContain('organization:Magna International Inc.');
    expect(found.filter((n) => n.startsWith('person:'))).toEqual([]);
  });

  test('a listed place the tagger reads as a club in a results line is an organization', () => {
    const found = names(
      [
        'BASEBALL - MAJOR LEAGUE RESULTS',
        'Results of Major League Baseball games played on Thursday:',
        'Minnesota 6 Milwaukee 1',
        'Chicago 4 Houston 3',
      ].join('\n'),
    );
    for (const club of ['Minnesota', 'Milwaukee', 'Chicago', 'Houston'])
      expect(found).toContain(`organization:${club}`);
    expect(names('Sales rose in Minnesota and Chicago, the governor said.')).toEqual([
      'place:Minnesota',
      'place:Chicago',
    ]);
    // a country stays a place, also where the tagger reads a government or its agency
    expect(names("Peskov was asked by Russia's TASS news agency if he could confirm it.")).toContain(
      'place:Russia',
    );
  });
  test('an apposition naming a group makes the name an organization, even one that opens on a given name', () => {
    const found = names('Sandy Hook Promise, a group founded by parents, said the bill was a start.');
    expect(found).toEqual(['organization:Sandy Hook Promise']);
  });

  test('an organization head that alone is page furniture ("Watch") ends a name', () => {
    expect(names('The emails were withheld, the conservative group Judicial Watch said on Monday.')).toEqual([
      'organization:Judicial Watch',
    ]);
  });

  test('a state by its nickname is a place; "the Islamic State" and "Ohio State" are not nicknames', () => {
    const found = names(
      'Trump won the Hoosier State. The Islamic State claimed the attack. Ohio State lost.',
    );
    expect(found).toContain('place:Hoosier State');
    expect(found).toContain('organization:Islamic State');
    expect(found).toContain('organization:Ohio State');
  });

  test('a listed organization or place, or a place and a title, before a full name is not part of it', () => {
    expect(names('At the convention, Fox News Sean Hannity asked Kasich about the race.')).toContain(
      'person:Sean Hannity',
    );
    expect(
      names('The email notes that San Francisco Supervisor Jane Kim is a civil rights attorney.'),
    ).toContain('person:Jane Kim');
    expect(names('Former AG Mukasey spoke at the convention, and Mukasey said it was a scandal.')).toEqual([
      'person:Mukasey',
    ]);
  });

  test('"secretary of State" before a surname is the title, not a given name', () => {
    const found = names('Hillary Clinton spoke. Former secretary of State Clinton was for the TPP before.');
    expect(found).toContain('person:Hillary Clinton');
    expect(found.filter((n) => n.includes('State'))).toEqual([]);
  });

  test('title-case headlines, hyphenated nationalities and region words alone are no entities', () => {
    expect(
      names('Watch The Best Moments From The Fox Business GOP Debate.\n\nThe debate began.'),
    ).not.toContain('organization:The Best Moments');
    expect(
      names("Christie said Trump's tweet saying African-Americans will vote for him was wrong."),
    ).toEqual(['person:Christie', 'person:Trump']);
    expect(names('Voters in Southern states favored Clinton. States typically keep records.')).not.toContain(
      'place:Southern',
    );
  });

  test('a quoted title of a show is not a name, unless a person is named in it', () => {
    const found = names(
      'He told ABC’s “Good Morning America” that he agrees, and on MSNBC\'s "Morning Joe." he said more. ' +
        'Rubio said on ABC\'s "This Week With George Stephanopoulos." that it was so.',
    );
    expect(found).not.toContain('place:America');
    expect(found).not.toContain('person:Joe');
    expect(found).toContain('person:George Stephanopoulos');
    expect(names('"Only Rosie O’Donnell," he said, laughing.')).toEqual(['person:Rosie O’Donnell']);
  });

  test('a name and the head before "of" decide the kind, not the place after it; a name before a noun stays a person', () => {
    expect(names('He chaired the World Affairs Council of Orange County for a decade.')).toEqual([
      'organization:World Affairs Council of Orange County',
    ]);
    expect(names('They discussed the Trayvon Martin shooting in Florida.')).toContain(
      'person:Trayvon Martin',
    );
  });

  test("a comment box's buttons glued to the names around them are dropped", () => {
    const found = names(
      'Posted by Daniel MaransFlagShareLikeReplyAni Vrabel on Monday. Read more on LinkedIn today.',
    );
    expect(found).toContain('person:Daniel Marans');
    expect(found.filter((n) => n.includes('Flag'))).toEqual([]);
  });
  test('a place before a party word is the place; two nationalities and an era are no names', () => {
    const found = names(
      'The Kentucky Republican and the New York businessman spoke. Trump won the Indiana Republican primary.',
    );
    expect(found).toContain('place:Kentucky');
    expect(found).toContain('place:Indiana');
    expect(found.filter((n) => n.includes('Republican'))).toEqual([]);
    expect(names('Prominent Republican Cuban American politicians agreed.')).toEqual([]);
    expect(names('It was the worst downturn since the Great Depression, she said.')).toEqual([]);
  });
  test('events with a numeral, call signs, initials alone, party-state labels and works after their kind', () => {
    const found = names(
      [
        'The lines were drawn after World War I. Clinton spoke at length.',
        'In Chicago, KING-TV reported, marchers walked. It led to a standing O. The problem is clear.',
        'Rep. Chris Collins, R-NY, says participants agreed. Peter Schweizer wrote the book Clinton Cash.',
        'After the Supreme court failed, Syrian Pres. Bashar Assad spoke.',
      ].join('\n'),
    );
    expect(found).toEqual([
      'person:Chris Collins',
      'person:Peter Schweizer',
      'person:Bashar Assad',
      'person:Clinton',
      'place:Chicago',
      'organization:KING-TV',
    ]);
  });
  test('two people who differ by their middle initials stay two ("George W. Bush", "George H.W. Bush")', () => {
    const found = names(
      'Former President George W. Bush spoke, and his father, George H.W. Bush, listened. George W. Bush said it was a good day.',
    );
    expect(found).toContain('person:George W. Bush');
    expect(found).toContain('person:George H.W. Bush');
  });

  test('words run into a full name or a surname are not part of it, unless they are its given name', () => {
    const found = names(
      [
        'Donald Trump and Chris Christie spoke. Unlike apoplectic Cheeto Donald Trump, they have mixed feelings.',
        'Certainly Ronald Reagan had no doubts. Carly Fiorina spoke; Fiorina said more.',
        'New Hampshire Sanders voters cheered Bernie Sanders.',
      ].join('\n'),
    );
    for (const name of ['Donald Trump', 'Ronald Reagan', 'Carly Fiorina', 'Bernie Sanders'])
      expect(found).toContain(`person:${name}`);
    expect(found).toContain('place:New Hampshire');
    expect(found.filter((n) => /Cheeto|Certainly|Hampshire Sanders/.test(n))).toEqual([]);
  });
  test('a state after "of" is a place, "Business Insider" and "Priorities USA" are organizations', () => {
    const found = names(
      'Sen. Rand Paul of Kentucky spoke. "It is over," Trump told Business Insider in March. ' +
        'Priorities USA, a pro-Clinton super PAC, said it would spend more. The Best Candidate Ever.',
    );
    expect(found).toEqual([
      'person:Rand Paul',
      'place:Kentucky',
      'person:Trump',
      'organization:Business Insider',
      'organization:Priorities USA',
    ]);
  });
  test('an acronym is named without the article a title-case headline gives it', () => {
    const found = names(
      'Bombshell: The FBI Just Gave Hillary Clinton A WHOLE New Reason.\n\nThe FBI said it would look again.',
    );
    expect(found).toContain('organization:FBI');
    expect(found).not.toContain('organization:The FBI');
  });
  test('news from outside the US: titles, parties and places of British, Irish, Australian and Indian papers', () => {
    const found = names(
      [
        'Det Supt Mark Evans of the Metropolitan Police declined to comment. Sgt Paul Jones was injured.',
        'Cllr Sarah Jones spoke. Tánaiste Simon Harris and Field Marshal Asim Munir met.',
        'Shadow health secretary Victoria Atkins accused Labour of taking credit. The Tories lost.',
        'Flooding cut off the town of Ingham in Queensland.',
      ].join('\n\n'),
    );
    for (const name of [
      'Mark Evans',
      'Paul Jones',
      'Sarah Jones',
      'Simon Harris',
      'Asim Munir',
      'Victoria Atkins',
    ])
      expect(found).toContain(`person:${name}`);
    expect(found).toContain('organization:Labour');
    expect(found).toContain('organization:Tories');
    expect(found).toContain('place:Ingham');
    expect(found).toContain('place:Queensland');
    expect(
      found.filter((n) => n.startsWith('person:') && /Cllr|Sgt|Supt|Tánaiste|Marshal|Labour|Ingham/.test(n)),
    ).toEqual([]);
  });
  test('a title alone names no one, unless it is the surname of a full name in the text', () => {
    expect(names('Queensland floods: Premier warns worst yet to come\n\nThe rain went on.')).toEqual([
      'place:Queensland',
    ]);
    expect(names('John Major spoke in London. Major said the vote was close.')).toContain(
      'person:John Major',
    );
  });
  test("a possessive: the person after an organization's, the organization's own name kept whole", () => {
    const found = names(
      "Reliance Industries' Mukesh Ambani and Apple's Tim Cook were there. The People's Action Party and the " +
        "Workers' Party met. Larry Sabato spoke at Stanford University's Program on Energy on Monday.",
    );
    expect(found).toContain('person:Mukesh Ambani');
    expect(found).toContain('person:Tim Cook');
    expect(found).toContain("organization:People's Action Party");
    expect(found).toContain("organization:Workers' Party");
    expect(found).toContain('organization:Stanford University');
    expect(found).toContain('organization:Program on Energy');
  });
  test('an Arabic surname after its article, a title before an organization word, a company without its suffix', () => {
    const found = names(
      [
        'Syrian President Bashar al-Assad met Ahmed al-Sharaa. Arsenal went top of the Premier League.',
        'Toyota Motor Corp cut its forecast. Toyota said tariffs hurt. HSBC Holdings Plc named a new chief; HSBC said so.',
      ].join('\n\n'),
    );
    expect(found).toContain('person:Bashar al-Assad');
    expect(found).toContain('person:Ahmed al-Sharaa');
    expect(found).toContain('organization:Premier League');
    expect(found.filter((n) => /^person:(?:Ahmed|League)$/.test(n))).toEqual([]);
    const companies = entities(
      'Toyota Motor Corp cut its forecast. Toyota said tariffs hurt. HSBC Holdings Plc named a new chief; HSBC said so.',
    ).filter((e) => e.kind === 'organization');
    expect(companies.map((e) => [e.name, e.aliases])).toEqual([
      ['Toyota Motor Corp', ['Toyota']],
      ['HSBC Holdings Plc', ['HSBC']],
    ]);
  });
  test("a saint's name keeps its St. or Ste., which ends no sentence", () => {
    const text =
      'Ontario Premier Doug Ford said steelworkers in Sault Ste. Marie were "being hung out to dry." ' +
      'He flew to St. Petersburg, then to St. Louis.';
    const found = names(text);
    for (const place of ['Sault Ste. Marie', 'St. Petersburg', 'St. Louis'])
      expect(found).toContain(`place:${place}`);
    expect(found.filter((n) => /^place:(?:Sault Ste|Petersburg|Louis)$/.test(n))).toEqual([]);
    const quote = extract(text).quotes.find((q) => q.text.startsWith('being hung'));
    expect(quote?.speakerMention?.text).toBe('Ontario Premier Doug Ford');
  });
  test('local news: roads named by a number, party-state labels, a transit agency, an article after a dateline', () => {
    const found = names(
      [
        "PHOENIX — The Phoenix City Council voted to extend Valley Metro's light rail along Interstate 10.",
        'Rosa Martinez owns a taqueria on 35th Avenue. A spokeswoman for Sen. Mark Kelly, D-Ariz., agreed.',
      ].join('\n\n'),
    );
    for (const name of [
      'organization:Phoenix City Council',
      'organization:Valley Metro',
      'place:Interstate 10',
    ])
      expect(found).toContain(name);
    expect(found).toContain('place:35th Avenue');
    expect(found).toContain('person:Mark Kelly');
    expect(found.filter((n) => /D-Ariz|^place:(?:Interstate|Avenue)$|The Phoenix/.test(n))).toEqual([]);
  });

  test('initials that are no word are organizations; capitals that spell a word, or a state, are not', () => {
    const found = names(
      [
        'The course has been certified by the spy agency GCHQ, officials in London said on Monday.',
        'But it may be that BA and IAG have cracked it, and that regulators at FDIC will follow.',
        'WATCH the full interview below. Voters in Salem, N.H., said they were NOT convinced.',
      ].join('\n\n'),
    );
    for (const name of ['organization:GCHQ', 'organization:IAG', 'organization:FDIC'])
      expect(found).toContain(name);
    expect(found).toContain('place:New Hampshire');
    expect(found.filter((n) => /WATCH|NOT|N\.H\./.test(n))).toEqual([]);
  });

  test('a listed company named like a person, an outlet and its section, a place with a possessive, a common noun opening a sentence', () => {
    const found = names(
      [
        'TORONTO — City council approved the budget on Wednesday, a move analysts at Morgan Stanley said would help.',
        'Ontario Premier Doug Ford told reporters at Queen’s Park that the city’s shortfall was its own.',
        'Mikel Arteta told BBC Sport that Arsenal had to be more clinical.',
      ].join('\n\n'),
    );
    for (const name of ['organization:Morgan Stanley', 'organization:BBC Sport', 'place:Queen’s Park'])
      expect(found).toContain(name);
    expect(
      found.filter(
        (n) => /:(?:City|Queen|Park|Morgan Stanley)$/.test(n) && !n.startsWith('organization:Morgan'),
      ),
    ).toEqual([]);
    expect(found.filter((n) => n.startsWith('person:')).sort()).toEqual([
      'person:Doug Ford',
      'person:Mikel Arteta',
    ]);
  });

  test('an organization "for" or "on" something, and the words after its "and", are one name', () => {
    const found = names(
      [
        'MANILA: The Department of Public Works and Highways said the bridge was safe, and the Office for National Statistics agreed.',
        'He is a fellow at the Council on Foreign Relations and at the Center for Earth and Planetary Studies.',
        'The Department of Justice and Google settled, and the Bank of England and Barclays agreed.',
      ].join('\n\n'),
    );
    for (const name of [
      'organization:Department of Public Works and Highways',
      'organization:Office for National Statistics',
      'organization:Council on Foreign Relations',
      'organization:Center for Earth and Planetary Studies',
      'organization:Department of Justice',
      'organization:Google',
      'organization:Bank of England',
      'organization:Barclays',
    ])
      expect(found).toContain(name);
    expect(found.filter((n) => n.startsWith('person:') || n.startsWith('organization:The '))).toEqual([]);
  });

  test('a person after "Secretary of State", a road that opens with a nationality', () => {
    const found = names(
      'The State Department said U.S. Secretary of State Antony Blinken would visit. Officers found her near 43rd Avenue and Indian School Road.',
    );
    expect(found).toContain('person:Antony Blinken');
    expect(found).toContain('place:Indian School Road');
    expect(found).not.toContain('place:School Road');
  });

  test('one word that ends a single organization of the text is that organization ("the Lakers")', () => {
    const found = extract(
      [
        'LOS ANGELES — The Los Angeles Lakers beat the Golden State Warriors on Saturday night, and they looked good doing it.',
        'The Lakers host the Denver Nuggets next, and the coach said he expected a hard game.',
        'The Republican Party of Wyoming met in Casper, Wyoming, on the same day to choose its delegates.',
      ].join('\n\n'),
    ).entities;
    const lakers = found.find((e) => e.name === 'Los Angeles Lakers');
    expect(lakers?.aliases).toContain('Lakers');
    expect(found.filter((e) => e.name === 'Lakers')).toEqual([]);
    expect(found.find((e) => e.name === 'Wyoming')?.kind).toBe('place');
  });

  test('a paragraph dense with names is body text, not a headline; a full name whose given name the tagger leaves out', () => {
    const found = names(
      [
        'Leaders meet in Kazan',
        'South African President Cyril Ramaphosa and Brazil’s Luiz Inácio Lula da Silva, who joined by video link, called for reform of the United Nations Security Council.',
        'Egypt’s President Abdel Fattah el-Sisi and Nigeria’s Bola Ahmed Tinubu were among the guests.',
      ].join('\n\n'),
    );
    for (const name of [
      'person:Luiz Inácio Lula da Silva',
      'person:Bola Ahmed Tinubu',
      'person:Cyril Ramaphosa',
    ])
      expect(found).toContain(name);
  });

  test('an ordinal opening a place or an organization, "of the" before a place', () => {
    const found = names(
      'Chinese ships fired water cannon near Second Thomas Shoal on Monday, and First Republic Bank lost money. Armed Forces of the Philippines troops said no one was hurt.',
    );
    for (const name of [
      'place:Second Thomas Shoal',
      'organization:First Republic Bank',
      'organization:Armed Forces of the Philippines',
    ])
      expect(found).toContain(name);
  });

  test('a company named with a legal suffix and a leading word, then by its short name', () => {
    const found = extract(
      [
        'Lufthansa warns on profit as strikes bite',
        'FRANKFURT (Reuters) - Deutsche Lufthansa AG cut its full-year profit forecast on Thursday, blaming strikes by ground staff.',
      ].join('\n\n'),
    ).entities;
    const company = found.find((e) => e.name === 'Deutsche Lufthansa AG');
    expect(company?.kind).toBe('organization');
    expect(company?.aliases).toContain('Lufthansa');
    expect(found.filter((e) => e.kind === 'person')).toEqual([]);
  });

  test('Irish news: an organization named by its apposition, an Irish surname with its particle, no article in a name', () => {
    const found = extract(
      [
        'DUBLIN — The Government’s new housing plan will not end the crisis, according to Focus Ireland, the homeless charity.',
        'Sinn Féin’s housing spokesperson, Eoin Ó Broin, said the Government had lost control of the crisis.',
        '“We need a different approach,” Mr Ó Broin added.',
      ].join('\n\n'),
    ).entities;
    const kinds = new Map(found.map((e) => [e.name, e.kind]));
    expect(kinds.get('Focus Ireland')).toBe('organization');
    expect(kinds.get('Government')).toBe('organization');
    expect(kinds.has('The Government')).toBe(false);
    expect(found.filter((e) => e.kind === 'person').map((e) => e.name)).toEqual(['Eoin Ó Broin']);
  });

  test('a given name listed among places is a place ("Rome, Florence and Bologna")', () => {
    const found = names(
      'In Italy, the health ministry issued red alerts for 16 cities, including Rome, Florence and Bologna, on Wednesday.',
    );
    expect(found).toContain('place:Florence');
    expect(found).not.toContain('person:Florence');
  });

  test('a party named with two words before its head, a securities firm before a title', () => {
    const found = names(
      'Ishiba won the leadership of the ruling Liberal Democratic Party last week, according to Mizuho Securities strategist Masahiko Loo.',
    );
    expect(found).toContain('organization:Liberal Democratic Party');
    expect(found).toContain('organization:Mizuho Securities');
    expect(found).not.toContain('organization:Democratic Party');
    expect(found).not.toContain('person:Mizuho Securities');
  });

  test('a place after "in" before an apposition\'s speech verb stays a place', () => {
    const found = names(
      'Laura Kreidberg, director at the Max Planck Institute for Astronomy in Heidelberg, said the data could also be explained by starspots.',
    );
    expect(found).toContain('place:Heidelberg');
    expect(found).toContain('person:Laura Kreidberg');
  });

  test('the object of "told" or "accused" that the tagger reads as an organization is one', () => {
    const found = names(
      'Opposition Leader Sussan Ley accused Labor of breaking its promises on power prices. Gohar Ali Khan told Yahoo on Friday that the party would fight on.',
    );
    expect(found).toContain('organization:Labor');
    expect(found).not.toContain('person:Labor');
    expect(found).not.toContain('person:Yahoo');
  });

  test('the head word of a building after a possessive is no person ("the Prime Minister\'s House")', () => {
    const found = names(
      'Addressing a ceremony at the Prime Minister’s House, Shehbaz Sharif said terrorism was the biggest threat to the economy.',
    );
    expect(found).not.toContain('person:House');
    expect(found).toContain('person:Shehbaz Sharif');
  });

  test('"UN Secretary-General" and "Barrister" are titles, not names', () => {
    const found = names(
      'UN Secretary-General Antonio Guterres called for access. Party chairman Barrister Gohar Ali Khan criticised the government.',
    );
    expect(found).toContain('person:Antonio Guterres');
    expect(found).toContain('person:Gohar Ali Khan');
    expect(found.filter((n) => n.includes('Secretary') || n.includes('Barrister'))).toEqual([]);
  });

  test("an ampersand stays inside a company's or a club's name", () => {
    const found = names(
      'Procter & Gamble said sales rose. Brighton & Hove Albion beat Newcastle on Saturday.',
    );
    expect(found).toContain('organization:Procter & Gamble');
    expect(found).toContain('organization:Brighton & Hove Albion');
    expect(found).not.toContain('place:Brighton');
  });

  test('football copy in prose: clubs named after their towns are organizations', () => {
    const found = names(
      [
        'Brighton & Hove Albion came from behind to beat Newcastle 2-1 at the Amex Stadium on Saturday.',
        'Newcastle had led through an early penalty.',
        'Elsewhere, Leicester drew 1-1 with Everton, while Wolves lost 3-0 at home to Aston Villa.',
        'Liverpool host Southampton at Anfield next weekend.',
      ].join('\n\n'),
    );
    for (const club of ['Newcastle', 'Leicester', 'Liverpool', 'Southampton', 'Brighton & Hove Albion'])
      expect(found).toContain(`organization:${club}`);
    expect(found).not.toContain('place:Newcastle');
    expect(found).toContain('place:Amex Stadium');
  });

  test('a town after "mayor of", a party before its "MPs", a firm named by "the … clearing house", no telescope a person', () => {
    const found = names(
      [
        'Former Vice President Leni Robredo, now mayor of Naga, said local governments should do more.',
        'The chancellor prepares a budget that Labour MPs fear will break the party’s promises.',
        'Euroclear, the Brussels-based clearing house that holds the assets, said it was studying the proposal.',
        'Astronomers using the James Webb Space Telescope found water vapour, the team said.',
      ].join('\n\n'),
    );
    expect(found).toContain('place:Naga');
    expect(found).toContain('organization:Labour');
    expect(found).not.toContain('organization:Labour MPs');
    expect(found).toContain('organization:Euroclear');
    expect(found.filter((n) => n.includes('Telescope'))).toEqual([]);
  });

  test('Nigerian, WHO and Argentine copy: hyphenated titles, "of Police", "All" opening a party, a noun before a name', () => {
    const found = names(
      [
        '"The situation is extremely worrying," WHO Director-General Tedros Adhanom Ghebreyesus told a briefing.',
        'Inspector-General of Police Kayode Egbetokun warned that anyone who disrupted the vote would be arrested.',
        'Representatives of the All Progressives Congress (APC) attended. The APC said it would win.',
        'La Libertad Avanza finished ahead of the Peronist coalition Fuerza Patria, according to official results.',
      ].join('\n\n'),
    );
    expect(found).toContain('person:Tedros Adhanom Ghebreyesus');
    expect(found).toContain('person:Kayode Egbetokun');
    expect(found).toContain('organization:All Progressives Congress');
    expect(found).not.toContain('organization:APC');
    expect(found).toContain('organization:Fuerza Patria');
    expect(found.filter((n) => /General|Police Kayode|coalition/.test(n))).toEqual([]);
  });

  test('an article after a wire dateline with a hyphen is no part of the name', () => {
    const found = extract(
      'GENEVA (Reuters) - The World Health Organization said on Thursday a cholera outbreak had killed 2,000 people.',
    ).entities.map((e) => e.name);
    expect(found).toContain('World Health Organization');
    expect(found).not.toContain('The World Health Organization');
  });

  test('a storm is no person, "The Red Cross said" opening a sentence is an organization, "a Social Democrat" no one', () => {
    const found = names(
      [
        'Hurricane Melissa made landfall in Jamaica on Tuesday as a Category 5 storm, officials said.',
        'The Red Cross said it was sending supplies from Panama.',
        'Defence Minister Boris Pistorius, a Social Democrat, said the deal would help.',
      ].join('\n\n'),
    );
    expect(found.filter((n) => n.startsWith('person:'))).toEqual(['person:Boris Pistorius']);
    expect(found).toContain('organization:Red Cross');
  });

  test('an obituary and a court report: a concert hall, "Born" opening a sentence, a title in apposition, a town after "of"', () => {
    const result = extract(
      [
        'His death was confirmed by Meaghan Lloyd, chief of staff at his firm, Gehry Partners. She said he had died after a short illness.',
        'Born Frank Owen Goldberg in Toronto in 1929, he designed the Walt Disney Concert Hall in Los Angeles.',
        'Sarah Jenkins, 38, of Swindon, admitted 12 counts of fraud at Swindon Crown Court on Monday.',
      ].join('\n\n'),
    );
    const kinds = new Map(result.entities.map((e) => [e.name, e.kind]));
    expect(kinds.get('Meaghan Lloyd')).toBe('person');
    expect(kinds.get('Walt Disney Concert Hall')).toBe('place');
    expect(kinds.get('Swindon')).toBe('place');
    expect([...kinds.keys()].filter((n) => n.startsWith('Born'))).toEqual([]);
    const statement = result.quotes.find((q) => q.speakerMention?.text === 'She');
    expect(result.entities.find((e) => e.key === statement?.speakerKey)?.name).toBe('Meaghan Lloyd');
  });

  test('"X for Y, the trade group …": the apposition makes the whole one organization', () => {
    const found = names(
      'Airlines for America, the trade group representing major U.S. carriers, said the industry already refunds most customers. Thousands of Oromos, a minority group, have been jailed.',
    );
    expect(found).toContain('organization:Airlines for America');
    expect(found).not.toContain('place:America');
    expect(found.filter((n) => n.includes('Thousands'))).toEqual([]);
  });

  test('a short form of the given name of one person of the text is that person ("Pat" for Patrick Mahomes)', () => {
    const found = extract(
      'Patrick Mahomes threw three touchdown passes on Sunday. "Pat just kept giving us chances," Travis Kelce said.',
    ).entities;
    const mahomes = found.find((e) => e.name === 'Patrick Mahomes');
    expect(mahomes?.aliases).toContain('Pat');
    expect(found.map((e) => e.name)).not.toContain('Pat');
  });
});
