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

export function sportsPages(towns: string[], count: number, seed = 2024): NerDocument[] {
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
    pages.push({ source: `sports:${p}`, text: b.text, entities: b.entities });
  }
  return pages;
}
