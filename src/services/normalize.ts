import { createHash } from 'node:crypto';

const stripAccents = (s: string) => s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');

/** The key names and aliases are matched on: case, accents, punctuation and a leading "the" ignored. */
export function normalizeName(name: string): string {
  return stripAccents(name)
    .toLowerCase()
    .replace(/[’'`]s\b/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .replace(/^the /, '');
}

export function slugify(text: string): string {
  const slug = stripAccents(text)
    .toLowerCase()
    .replace(/[’']/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug || 'untitled';
}

/**
 * Quotes reported by several outlets differ in punctuation, case, curly vs straight marks and
 * ellipses; this form drops all of that so that the same words hash alike.
 */
export function normalizeQuoteText(text: string): string {
  return stripAccents(text)
    .toLowerCase()
    .replace(/[’‘`]/g, "'")
    .replace(/\.\.\.|…/g, ' ')
    .replace(/[^\p{L}\p{N}' ]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
