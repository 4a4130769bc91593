import { collapseWhitespace } from './parse-draft';

export interface Byline {
  byline: string;
  authors: string[];
}

const BYLINE_PREFIX = /^(?:(?:written\s+)?by|authors?)\s*:?\s+(.+)$/i;
const NAME_PARTICLES = new Set('de del der da di van von la le bin al du dos'.split(' '));
/** A byline is looked for only this close to the start or the end of the text, where outlets print it. */
const BYLINE_WINDOW = 3;

export function splitAuthors(names: string): string[] {
  return names
    .split(/\s*,\s*|\s*&\s*|\s+and\s+/i)
    .map(collapseWhitespace)
    .filter((name) => name !== '');
}

function isPersonName(name: string): boolean {
  const words = name.split(' ');
  return (
    words.length >= 1 &&
    words.length <= 5 &&
    words.every((word) => /^\p{Lu}[\p{L}\p{M}.'’-]*$/u.test(word) || NAME_PARTICLES.has(word))
  );
}

/**
 * "By Jane Doe", "Author: Jane Doe", "By Jane Doe and John Roe": a line that is nothing but a byline.
 * Every listed name must look like a name (capitalised words), so "By Friday, the talks had stalled"
 * stays a sentence.
 */
export function bylineFromLine(line: string): Byline | null {
  const match = BYLINE_PREFIX.exec(collapseWhitespace(line));
  const names = match?.[1]?.replace(/[.;]$/, '');
  if (names === undefined || names.length > 120) return null;
  const authors = splitAuthors(names);
  if (authors.length === 0 || !authors.every(isPersonName)) return null;
  return { byline: names, authors };
}

/**
 * Takes byline paragraphs out of the first and last few paragraphs; the first one found is the byline.
 * A byline in the middle of the text is left alone: there it is more likely a quoted sentence.
 */
export function removeBylineParagraphs(paragraphs: string[]): {
  paragraphs: string[];
  byline: Byline | null;
} {
  let byline: Byline | null = null;
  const kept = paragraphs.filter((paragraph, index) => {
    const nearEdge = index < BYLINE_WINDOW || index >= paragraphs.length - BYLINE_WINDOW;
    const found = nearEdge ? bylineFromLine(paragraph) : null;
    if (found === null) return true;
    byline ??= found;
    return false;
  });
  return { paragraphs: kept, byline };
}
