import { DEMONYMS, PLACE_HEADS } from '../ingest/lexicon';
import type { EntityKind } from '../ingest/types';
import { seededRandom } from '../seeded-random';
import type { NerDocument } from './ner-corpus';

/**
 * Synthetic sports pages: results ("Leeds 2 Chelsea 1") and standings lines whose clubs are named after
 * their town, as news agencies print them. None of the open corpora has such pages, and a club named
 * after its town is an organization there, not a place; the towns are the place names of the training
 * corpora themselves (countries left out: a national side is written as its country). Deterministic.
 */
const SUFFIXES = ['United', 'City', 'Rovers', 'Athletic', 'Town', 'County', 'Wanderers'];
const SPORTS = ['SOCCER', 'RUGBY UNION', 'BASEBALL', 'ICE HOCKEY', 'BASKETBALL', 'CRICKET'];
const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

class Builder {
  text = '';
  entities: [number, number, EntityKind][] = [];
  add(s: string, kind?: EntityKind): void {
    if (kind) this.entities.push([this.text.length, this.text.length + s.length, kind]);
    this.text += s;
  }
  addParts(parts: Part[]): void {
    for (const part of parts) {
      if (typeof part === 'string') this.add(part);
      else this.add(part[0], part[1]);
    }
  }
}

/** Town names (one or two capitalized words) the corpora mark as places, countries left out. */
export function townNames(docs: NerDocument[]): string[] {
  const countries = new Set([...DEMONYMS.values()].map((c) => c.toLowerCase()));
  const towns = new Set<string>();
  for (const doc of docs)
    for (const [start, end, kind] of doc.entities) {
      const name = doc.text.slice(start, end);
      const lower = name.toLowerCase();
      if (kind !== 'place' || countries.has(lower) || DEMONYMS.has(lower)) continue;
      if (PLACE_HEADS.has(lower.split(' ').pop() ?? '')) continue;
      if (/^[A-Z][a-z]+( [A-Z][a-z]+)?$/.test(name)) towns.add(name);
    }
  return [...towns].sort();
}

/** Two-word person names ("Dean Jones") the corpora mark, for the report sentences of the pages. */
export function personNames(docs: NerDocument[]): string[] {
  const people = new Set<string>();
  for (const doc of docs)
    for (const [start, end, kind] of doc.entities) {
      const name = doc.text.slice(start, end);
      if (kind === 'person' && /^[A-Z][a-z]+ [A-Z][a-z]+$/.test(name)) people.add(name);
    }
  return [...people].sort();
}

type Part = string | [string, EntityKind];
/** A templated sentence: `club`, `town` and `person` give fresh names, `n` a number. */
type Sentence = (club: () => string, town: () => string, person: () => string, n: () => string) => Part[];

/**
 * Sentences of a match report: a club named after its town is an organization when it plays, wins
 * or employs ("Derbyshire beat Worcestershire", "title rivals Essex"), the venue a place ("At
 * Chesterfield"). `club`, `town` and `person` give fresh names.
 */
const REPORTS: Sentence[] = [
  (c, t, _p, n) => [
    'At ',
    [t(), 'place'],
    ' : ',
    [c(), 'organization'],
    ` beat `,
    [c(), 'organization'],
    ` by ${n()} wickets .`,
  ],
  (c, _t, _p, n) => [[c(), 'organization'], ` beat `, [c(), 'organization'], ` ${n()}-${n()} on Saturday .`],
  (c, t, _p, n) => [
    [c(), 'organization'],
    ' drew ',
    n(),
    '-',
    n(),
    ' with ',
    [c(), 'organization'],
    ' in ',
    [t(), 'place'],
    ' .',
  ],
  (c, _t, p) => [[p(), 'person'], ' scored twice for ', [c(), 'organization'], ' .'],
  (c, _t, p) => [[p(), 'person'], ' homered for ', [c(), 'organization'], ' .'],
  (c, _t, p) => [[c(), 'organization'], " 's captain ", [p(), 'person'], ' was out for 12 .'],
  (c) => [
    'Title rivals ',
    [c(), 'organization'],
    ' , ',
    [c(), 'organization'],
    ' and ',
    [c(), 'organization'],
    ' all won .',
  ],
  (c, _t, _p, n) => [[c(), 'organization'], ` , ${n()} for three overnight , were bowled out for ${n()} .`],
  (c) => [[c(), 'organization'], " 's lead over ", [c(), 'organization'], ' shrank to two games .'],
  (c, t) => [[c(), 'organization'], ' moved to ', [t(), 'place'], ' in 1995 .'],
  (c, _t, p) => [
    [p(), 'person'],
    ' joined ',
    [c(), 'organization'],
    ' from ',
    [c(), 'organization'],
    ' last season .',
  ],
  (c, _t, _p, n) => [
    [c(), 'organization'],
    ` ${n()} and ${n()}-${n()} v `,
    [c(), 'organization'],
    ` ${n()} .`,
  ],
];

/** Scorers and scorecard lines: a name ends where the numbers begin ("Croft b Gough 12", "Croft 8-0-37-2"). */
const SCORECARDS: ((
  club: () => string,
  person: () => string,
  surname: () => string,
  n: () => string,
) => Part[])[] = [
  (_c, p, _s, n) => [
    'Scorers : ',
    [p(), 'person'],
    ` ( ${n()}th , ${n()}th ) , `,
    [p(), 'person'],
    ` ${n()}th`,
  ],
  (_c, _p, s, n) => [[s(), 'person'], ' b ', [s(), 'person'], ` ${n()}`],
  (_c, _p, s, n) => [[s(), 'person'], ' c ', [s(), 'person'], ' b ', [s(), 'person'], ` ${n()}`],
  (_c, _p, s, n) => [[s(), 'person'], ` not out ${n()}`],
  (_c, _p, s, n) => [[s(), 'person'], ` ${n()}-${n()}-${n()}-${n()}`],
  (c, p, _s, n) => [
    [c(), 'organization'],
    ` ${n()}-${n()} ( `,
    [p(), 'person'],
    ` ${n()} , `,
    [p(), 'person'],
    ` ${n()}-${n()} )`,
  ],
];

export function sportsPages(
  towns: string[],
  count: number,
  seed = 2024,
  people: string[] = [],
): NerDocument[] {
  if (towns.length < 2 || count <= 0) return [];
  const random = seededRandom(seed);
  const pick = <T>(list: T[]): T => list[Math.floor(random() * list.length)] as T;
  const demonyms = [...DEMONYMS.keys()].map((d) => d.replace(/\b[a-z]/g, (c) => c.toUpperCase()));
  const goals = () => String(Math.floor(random() * (random() < 0.8 ? 5 : 40)));
  const pages: NerDocument[] = [];
  for (let p = 0; p < count; p++) {
    const b = new Builder();
    // home sides in capitals, as in some agencies' baseball results
    const shouting = random() < 0.3;
    const club = () => {
      // most clubs are printed by their town alone ("Leeds 2 Chelsea 1")
      const suffix = random() < 0.6 ? '' : pick(SUFFIXES);
      const name = `${pick(towns)}${suffix ? ` ${suffix}` : ''}`;
      return shouting && random() < 0.5 ? name.toUpperCase() : name;
    };
    b.add(
      `${pick(SPORTS)} - ${pick(demonyms).toUpperCase()} ${random() < 0.5 ? 'LEAGUE' : 'CUP'} RESULTS .\n`,
    );
    b.add(pick(towns).toUpperCase(), 'place');
    b.add(` ${DAYS[Math.floor(random() * 7)]}\n`);
    b.add(`Results of ${pick(demonyms)} matches played on ${pick(DAYS)} :\n`);
    const lines = 3 + Math.floor(random() * 8);
    const standings = random() < 0.4;
    for (let l = 0; l < lines; l++) {
      b.add(club(), 'organization');
      if (standings) {
        for (let k = 0; k < 6; k++) b.add(` ${goals()}`);
      } else {
        b.add(` ${goals()} `);
        b.add(club(), 'organization');
        b.add(` ${goals()}`);
        if (random() < 0.2) b.add(` ( halftime ${goals()}-${goals()} )`);
      }
      b.add('\n');
    }
    if (people.length > 0) {
      const plain = () => (random() < 0.6 ? pick(towns) : `${pick(towns)} ${pick(SUFFIXES)}`);
      const score = () => String(Math.floor(random() * 300));
      const sentences = Math.floor(random() * 4);
      const surname = () => pick(people).split(' ')[1] as string;
      const small = () => String(Math.floor(random() * 90));
      const cards = random() < 0.4 ? 2 + Math.floor(random() * 6) : 0;
      for (let k = 0; k < cards; k++) {
        b.addParts(pick(SCORECARDS)(plain, () => pick(people), surname, small));
        b.add('\n');
      }
      for (let k = 0; k < sentences; k++) {
        b.addParts(
          pick(REPORTS)(
            plain,
            () => pick(towns),
            () => pick(people),
            score,
          ),
        );
        b.add(random() < 0.5 ? '\n' : ' ');
      }
    }
    pages.push({ source: `sports:${p}`, text: b.text, entities: b.entities });
  }
  return pages;
}

/**
 * Sentences of a football report as a website writes it today, in plain prose with no results table:
 * a club named after its town is an organization when it plays, hosts, wins or employs, and a town is
 * a place where something happens in it or someone comes from it ("born in Leeds", "the game in
 * Leeds").
 */
const PROSE: Sentence[] = [
  (c, _t, _p, n) => [
    [c(), 'organization'],
    ' came from behind to beat ',
    [c(), 'organization'],
    ` ${n()}-${n()} on Saturday.`,
  ],
  (c, t, _p, n) => [
    [c(), 'organization'],
    ` drew ${n()}-${n()} with `,
    [c(), 'organization'],
    ' at the ',
    [`${t()} Stadium`, 'place'],
    '.',
  ],
  (c, _t, _p, n) => [[c(), 'organization'], ` lost ${n()}-${n()} at home to `, [c(), 'organization'], '.'],
  (c, _t, p, n) => [
    [p(), 'person'],
    ' headed the winner for ',
    [c(), 'organization'],
    ` in the ${n()}0th minute.`,
  ],
  (c, _t, p) => [[c(), 'organization'], ' manager ', [p(), 'person'], ' said his side had been "unlucky".'],
  (c, _t, p, n) => [
    [p(), 'person'],
    `'s side are ${3 + Number(n())}th in the table, ${n()} points behind `,
    [c(), 'organization'],
    '.',
  ],
  (c) => [
    [c(), 'organization'],
    ' host ',
    [c(), 'organization'],
    ' on Sunday, while ',
    [c(), 'organization'],
    ' visit ',
    [c(), 'organization'],
    '.',
  ],
  (c, t, p) => [
    [p(), 'person'],
    ', who was born in ',
    [t(), 'place'],
    ', joined ',
    [c(), 'organization'],
    ' from ',
    [c(), 'organization'],
    ' in January.',
  ],
  (c) => [
    'Elsewhere, ',
    [c(), 'organization'],
    ' beat ',
    [c(), 'organization'],
    ' and ',
    [c(), 'organization'],
    ' were held by ',
    [c(), 'organization'],
    '.',
  ],
  (_c, t) => ['The game in ', [t(), 'place'], ' was delayed by heavy rain.'],
  (c, _t, _p, n) => [[c(), 'organization'], ` have won their last ${n()} matches.`],
  (c, _t, p) => [
    '"We were the better side," ',
    [c(), 'organization'],
    ' coach ',
    [p(), 'person'],
    ' told reporters.',
  ],
  (c, _t, _p, n) => [
    [c(), 'organization'],
    ` sit top of the league after a ${n()}-${n()} win over `,
    [c(), 'organization'],
    '.',
  ],
  (c, t) => [[c(), 'organization'], ' fans travelled to ', [t(), 'place'], ' in their thousands.'],
  (c, _t, p) => [[p(), 'person'], ' equalised for ', [c(), 'organization'], ' before half-time.'],
  (c, t) => [
    'Police in ',
    [t(), 'place'],
    ' said two ',
    [c(), 'organization'],
    ' supporters had been arrested.',
  ],
];

/**
 * Football reports in prose (PROSE), 3–7 sentences a page from the same towns and people as
 * sportsPages. Deterministic for a seed.
 */
export function matchReports(towns: string[], people: string[], count: number, seed = 2025): NerDocument[] {
  if (towns.length < 2 || people.length === 0 || count <= 0) return [];
  const random = seededRandom(seed);
  const pick = <T>(list: T[]): T => list[Math.floor(random() * list.length)] as T;
  const club = () => (random() < 0.6 ? pick(towns) : `${pick(towns)} ${pick(SUFFIXES)}`);
  const small = () => String(1 + Math.floor(random() * 5));
  const pages: NerDocument[] = [];
  for (let p = 0; p < count; p++) {
    const b = new Builder();
    const sentences = 3 + Math.floor(random() * 5);
    for (let k = 0; k < sentences; k++) {
      b.addParts(
        pick(PROSE)(
          club,
          () => pick(towns),
          () => pick(people),
          small,
        ),
      );
      b.add(random() < 0.5 ? '\n\n' : ' ');
    }
    pages.push({ source: `match:${p}`, text: b.text, entities: b.entities });
  }
  return pages;
}
