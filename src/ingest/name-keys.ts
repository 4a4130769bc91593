import { readFileSync } from 'node:fs';
import { GENERIC_ACRONYMS, givenNameGender } from './lexicon';
import type { EntityKind } from './types';

/**
 * The keys that let one real-world entity be found under the ways news names it across articles.
 * Two entities sharing a `same` key are one: "Donald J. Trump", "Donald Trump" and "Mr. Donald
 * Trump" all have `p:donald trump`. A short form only proposes candidates: a bare surname
 * ("Obama") probes `s:obama`, offered by every full-name person with that surname, and an acronym
 * ("AP", "U.S.") probes `i:ap`, offered by every organization or place with those initials; the
 * resolver takes a candidate only when one dominates, so two full names never meet through them.
 */
export interface NameKeys {
  same: string[];
  probe: string | null;
  offers: string[];
}

const HONORIFIC = /^(mr|mrs|ms|miss|mx|dr|sir|dame|lord|lady|prof|professor|rev|reverend)$/;
const SUFFIX = /^(jr|sr|ii|iii|iv|phd|md|esq)$/;
// Lower-case name particles belong to the surname: "Ursula von der Leyen", "Charles de Gaulle".
const PARTICLE = /^(van|von|der|den|de|del|della|da|di|du|la|le|bin|al|el|ibn|st)$/;
const ACRONYM_STOP = new Set(['of', 'the', 'for', 'and', 'on', 'in', 'at', 'to', 'a', 'an', '&']);

// Acronyms of common nouns: whatever an article tags them as, they name no particular entity.

/**
 * Formal given names by nickname ("bill" → ["william"]), built by `npm run build:nicknames` from an
 * Apache-2.0 lookup (docs/entity-resolution.md says how it was filtered).
 */
const FORMALS_OF: Readonly<Record<string, readonly string[]>> = JSON.parse(
  readFileSync(new URL('./data/nicknames.json', import.meta.url), 'utf8'),
);

/** Whether two given names can be one person's: the same, or one a nickname of the other ("Bill", "William"). */
export function sameGivenName(a: string, b: string): boolean {
  return a === b || !!FORMALS_OF[a]?.includes(b) || !!FORMALS_OF[b]?.includes(a);
}

const stripAccents = (s: string) => s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');

function words(name: string): string[] {
  return stripAccents(name)
    .toLowerCase()
    .replace(/[’'`]s\b/g, '')
    .replace(/[^\p{L}\p{N}.&-]+/gu, ' ')
    .split(' ')
    .map((w) => w.replace(/^[.-]+|[.-]+$/g, ''))
    .filter(Boolean);
}

/** "U.S." → "us", "NATO" → "nato"; null when the name is not written as an acronym. */
export function acronymForm(name: string): string | null {
  const compact = name.trim();
  if (/^(?:\p{Lu}\.){2,}$/u.test(compact) || /^(?:\p{Lu}\.)+\p{Lu}$/u.test(compact))
    return compact.replace(/\./g, '').toLowerCase();
  if (/^\p{Lu}{2,6}$/u.test(compact)) return compact.toLowerCase();
  return null;
}

/** "Associated Press" → "ap", "United Nations Children's Fund" → "uncf"; null for one word. */
export function initialsOf(name: string): string | null {
  const content = words(name.replace(/-/g, ' ')).filter((w) => !ACRONYM_STOP.has(w));
  if (content.length < 2 || content.length > 8) return null;
  return content.map((w) => w[0]).join('');
}

export interface PersonNameParts {
  given: string | null;
  /** Middle names and initials ("j", "rodham", "w"): where both forms give them, they must agree. */
  middle: string[];
  /** "jr", "iii": a father and his son differ by it alone, so it must always agree. */
  suffix: string;
  surname: string | null;
}

/** A person's name as words, honorifics taken off. */
export function personNameParts(name: string): PersonNameParts {
  const parts = words(name).map((w) => w.replace(/\./g, ''));
  const tokens = parts.filter((w) => w && !HONORIFIC.test(w));
  const suffixes: string[] = [];
  while (tokens.length > 1 && SUFFIX.test(tokens.at(-1) ?? '')) suffixes.unshift(tokens.pop() ?? '');
  if (!tokens.length) return { given: null, middle: [], suffix: '', surname: null };
  let surnameStart = tokens.length - 1;
  while (surnameStart > 1 && PARTICLE.test(tokens[surnameStart - 1] ?? '')) surnameStart--;
  const surname = tokens.slice(surnameStart).join(' ');
  const given = surnameStart > 0 ? (tokens[0] ?? null) : null;
  return { given, middle: tokens.slice(1, surnameStart), suffix: suffixes.join(' '), surname };
}

/**
 * Whether two forms of a name can be one person: the same given name (or a nickname of it) and
 * surname, middle parts that agree where both give them ("George W. Bush" is not "George H. W.
 * Bush") and the same suffix ("Donald Trump Jr." is not "Donald Trump").
 */
export function compatiblePersonNames(a: string, b: string): boolean {
  const x = personNameParts(a);
  const y = personNameParts(b);
  if (!x.surname || x.surname !== y.surname || x.suffix !== y.suffix) return false;
  if (x.given && y.given && !sameGivenName(x.given, y.given)) return false;
  if (!x.middle.length || !y.middle.length) return true;
  return x.middle.join(' ') === y.middle.join(' ');
}

export function nameKeys(kind: EntityKind, name: string): NameKeys {
  if (kind === 'person') {
    const { given, surname } = personNameParts(name);
    if (!surname) return { same: [], probe: null, offers: [] };
    if (!given) return { same: [], probe: `s:${surname}`, offers: [] };
    // Given name and surname, middle parts left out ("Hillary Rodham Clinton"), and the formal
    // given names a nickname stands for ("Bill Clinton" also as "william clinton"): keys that
    // find candidates, kept only when compatiblePersonNames agrees.
    const formals = (FORMALS_OF[given] ?? []).map((formal) => `p:${formal} ${surname}`);
    return { same: [`p:${given} ${surname}`, ...formals], probe: null, offers: [`s:${surname}`] };
  }
  const plain = words(name)
    .filter((w, i) => i > 0 || w !== 'the')
    .join(' ')
    .replace(/\./g, '');
  const same = plain ? [`n:${plain}`] : [];
  const acronym = acronymForm(name);
  if (acronym) return { same, probe: GENERIC_ACRONYMS.has(acronym) ? null : `i:${acronym}`, offers: [] };
  const initials = initialsOf(name);
  return { same, probe: null, offers: initials ? [`i:${initials}`] : [] };
}

/** What an entity is stored under: the keys probes and other names find it by. */
export function storedKeys(kind: EntityKind, name: string): string[] {
  const keys = nameKeys(kind, name);
  return [...keys.same, ...keys.offers];
}

/**
 * Whether a person of a known gender can be the one a stored full name names: "Mrs. Obama" (she)
 * is not Barack Obama. A given name of either gender, or no gender known, agrees.
 */
export function genderAgrees(gender: 'male' | 'female' | undefined, candidateName: string): boolean {
  if (!gender) return true;
  const other = givenNameGender(personNameParts(candidateName).given);
  return !other || other === gender;
}

export interface LinkCandidate {
  id: number;
  /** Mentions of the candidate stored so far (counted up to a cap). */
  mentions: number;
  /** Entities of the article at hand that also appear in the candidate's recent articles. */
  shared: number;
}

export type LinkDecision =
  | { kind: 'linked'; id: number; confidence: number }
  | { kind: 'ambiguous'; ids: number[] }
  | { kind: 'none' };

/**
 * Whom a short form (a bare surname, an acronym) stands for, among the stored entities it could
 * name. A candidate is taken when the article's company agrees with it (it shares entities with
 * the candidate's own articles: "Obama" beside the White House and Biden) and it outweighs every
 * other candidate by `margin`; otherwise two candidates stay apart, and an unknown name is new.
 * Acronyms need that company as much as surnames: initials alone join "TV" to "Trump Victory".
 */
export function chooseLink(
  candidates: readonly LinkCandidate[],
  options: { minShared?: number; margin?: number } = {},
): LinkDecision {
  const minShared = options.minShared ?? 2;
  const margin = options.margin ?? 3;
  if (!candidates.length) return { kind: 'none' };
  const score = (c: LinkCandidate) => (1 + c.shared) * Math.log2(2 + c.mentions);
  const ranked = [...candidates].sort((a, b) => score(b) - score(a) || a.id - b.id);
  const [top, second] = ranked as [LinkCandidate, LinkCandidate | undefined];
  const agrees = top.shared >= minShared;
  const dominant = !second || score(top) >= margin * score(second);
  if (agrees && dominant) {
    const total = ranked.reduce((sum, c) => sum + score(c), 0);
    const share = score(top) / total;
    const support = Math.min(1, top.shared / (minShared + 2));
    return { kind: 'linked', id: top.id, confidence: Math.round((0.5 + 0.45 * share * support) * 100) / 100 };
  }
  if (ranked.length > 1) return { kind: 'ambiguous', ids: ranked.map((c) => c.id) };
  return { kind: 'none' };
}
