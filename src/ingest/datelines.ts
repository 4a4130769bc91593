import { PLACES, REGION_ABBREVIATIONS } from './lexicon';
import type { Span } from './types';

/**
 * A news dateline opening a paragraph: "WASHINGTON (AP) —", "SURREY, B.C. —",
 * "PARIS, Aug 31 (Reuters) - ", "NEW YORK, Nov. 19 (UPI) —", "NEW DELHI:". It is not part of the first
 * sentence; it names the place the story was filed from, and the agency that filed it.
 */
export interface Dateline {
  /** The whole dateline, up to and including the dash. */
  span: Span;
  /** The city, written in capitals, and its name as a page would title it ("Surrey"). */
  place: Span & { name: string };
  /** The state, province or country after the city, with its full name ("B.C." → "British Columbia"). */
  region: (Span & { name: string }) | null;
  /** The news agency in brackets ("AP", "Reuters"). */
  agency: Span | null;
}

/** Datelines stand at the top of a story: after the headline, the byline and a photo credit or two. */
const MAX_PARAGRAPH_INDEX = 5;

const CITY = /^\p{Lu}[\p{Lu}.'’-]*(?:[ \u00a0]\p{Lu}[\p{Lu}.'’-]*){0,3}/u;
const PART = /^,[ \u00a0]+(\p{Lu}[\p{L}.'’-]*(?:[ \u00a0]\p{Lu}[\p{L}.'’-]*){0,2}(?:[ \u00a0]\d{1,2}\b)?)/u;
const MONTH = /^(?:Jan|Feb|Mar|Apr|May|June?|July?|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?[ \u00a0]+\d{1,2}$/;
const AGENCY = /^[ \u00a0]*\(([^()\n]{1,40})\)/;
// (or a colon, as South Asian papers write it: "NEW DELHI: Prime Minister …")
const DASH = /^(?:[ \u00a0]+(?:—|–|--|-)|:)[ \u00a0]*(?=["“‘'\p{Lu}\d])/u;

/** Capitals that open a paragraph with a dash but are labels, not places. */
const LABELS = new Set(
  `update | updated | breaking | exclusive | analysis | opinion | editorial | correction | clarification |
  watch | live | note | editor's note | editors' note | fact check | photos | video | advertisement |
  sponsored | review | recap | warning`.split(/\s*\|\s*/),
);

/** The datelines of an article's paragraphs (at most one per paragraph, near the top). */
export function findDatelines(text: string, paragraphs: Span[]): Dateline[] {
  return paragraphs.slice(0, MAX_PARAGRAPH_INDEX + 1).flatMap((p) => {
    const found = datelineAt(text, p);
    return found ? [found] : [];
  });
}

export function datelineAt(text: string, paragraph: Span): Dateline | null {
  const body = text.slice(paragraph.start, Math.min(paragraph.end, paragraph.start + 120));
  const city = CITY.exec(body)?.[0].replace(/[ \u00a0]+$/, '');
  if (!city || !/\p{Lu}{2}/u.test(city)) return null;
  let at = city.length;
  let region: Dateline['region'] = null;
  let dated = false;
  for (let parts = 0; parts < 2; parts++) {
    const part = PART.exec(body.slice(at));
    if (!part?.[1]) break;
    const value = part[1];
    const start = at + part[0].length - value.length;
    if (MONTH.test(value)) dated = true;
    else if (!region && !/\d/.test(value)) {
      const name = REGION_ABBREVIATIONS[value.toLowerCase()] ?? value;
      region = { start: paragraph.start + start, end: paragraph.start + start + value.length, name };
    } else break;
    at += part[0].length;
  }
  const agencyMatch = AGENCY.exec(body.slice(at));
  let agency: Span | null = null;
  if (agencyMatch?.[1]) {
    const start = at + agencyMatch[0].indexOf('(') + 1;
    agency = { start: paragraph.start + start, end: paragraph.start + start + agencyMatch[1].length };
    at += agencyMatch[0].length;
  }
  const dash = DASH.exec(body.slice(at));
  if (!dash) return null;
  const cityLower = city.toLowerCase();
  if (LABELS.has(cityLower)) return null;
  // a bare "WORD —" is a dateline only when the word is a place we know
  if (!region && !dated && !agency && !PLACES.has(cityLower)) return null;
  return {
    span: { start: paragraph.start, end: paragraph.start + at + dash[0].length },
    place: { start: paragraph.start, end: paragraph.start + city.length, name: titleCase(city) },
    region,
    agency,
  };
}

/** "NEW YORK" → "New York", "ST. LOUIS" → "St. Louis", "WINSTON-SALEM" → "Winston-Salem". */
function titleCase(capitals: string): string {
  return capitals
    .toLowerCase()
    .replace(/(^|[\s\u00a0\-'’.])(\p{Ll})/gu, (_, lead, c) => lead + c.toUpperCase());
}
