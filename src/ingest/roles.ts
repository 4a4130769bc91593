import { type EntityIndex, mentionsBetween, type NameMention, PARTY_WORDS } from './entities';
import { DEMONYMS, HONORIFICS, TITLE_MODIFIERS, TITLES } from './lexicon';
import { type Token, tokenIndexAt } from './tokens';
import type { ExtractedRole } from './types';

const HEAD_OF_STATE = new Set([
  'president',
  'prime minister',
  'premier',
  'chancellor',
  'king',
  'queen',
  'leader',
]);

/**
 * Roles stated next to a name: a title before it ("Kremlin spokesman Dmitry Peskov", "Russian President
 * Vladimir Putin") or an apposition after it ("Dave DeCamp is the news editor of Antiwar.com").
 */
export function findRoles(text: string, tokens: Token[], index: EntityIndex): ExtractedRole[] {
  const roles: ExtractedRole[] = [];
  const seen = new Set<string>();
  const add = (role: ExtractedRole) => {
    const id = `${role.personKey}|${role.title.toLowerCase()}|${role.organizationKey}|${role.placeKey}`;
    if (seen.has(id)) return;
    seen.add(id);
    roles.push(role);
  };
  for (const mention of index.mentions) {
    const person = index.byKey.get(mention.key);
    if (person?.kind !== 'person') continue;
    const fromPrefix = titleInPrefix(mention, index);
    const before =
      fromPrefix ?? titleBefore(text, tokens, mention, index) ?? describedBefore(text, mention, index);
    if (before) add({ personKey: person.key, ...before, span: { start: before.start, end: mention.end } });
    const after = titleAfter(text, mention, index);
    if (after) add({ personKey: person.key, ...after.role, span: { start: mention.start, end: after.end } });
  }
  // "President Putin" adds nothing once "Russian President Vladimir Putin" has said where
  return roles.filter(
    (role) =>
      role.organizationKey ||
      role.placeKey ||
      !roles.some(
        (other) =>
          other.personKey === role.personKey &&
          other.title.toLowerCase() === role.title.toLowerCase() &&
          (other.organizationKey || other.placeKey),
      ),
  );
}

interface RoleParts {
  title: string;
  organizationKey: string | null;
  placeKey: string | null;
  start: number;
}

function titleInPrefix(mention: NameMention, index: EntityIndex): RoleParts | null {
  // (a continuation only after a title's word: "Secretary of State", not the "of" of "Bank of Japan")
  let titled = false;
  const titleTokens = mention.prefix.filter((t, k) => {
    if (HONORIFICS.has(t.lower) || DEMONYMS.has(t.lower)) return false;
    if (TITLES.has(t.lower)) titled = true;
    const beforeTitle = TITLES.has(mention.prefix[k + 1]?.lower ?? '');
    return TITLES.has(t.lower) || ((titled || beforeTitle) && isTitleContinuation(t));
  });
  if (!titleTokens.length || !mention.prefix[0]) return null;
  const firstTitle = titleTokens[0];
  const qualifierTokens = mention.prefix.filter((t) => firstTitle && t.start < firstTitle.start);
  // the organization or place the qualifier opens with, and the words of the title after it ("White
  // House | Press Secretary", "Republican | South Carolina | Sen.")
  const from = PARTY_WORDS.has(qualifierTokens[0]?.lower ?? '') ? 1 : 0;
  for (let end = qualifierTokens.length; end > from; end--) {
    const rest = qualifierTokens.slice(end);
    // (a run that ends in a title's word is no name: "Indian | Prime Minister")
    if (!rest.every((t) => TITLE_MODIFIERS.has(t.lower))) continue;
    if (TITLE_MODIFIERS.has(qualifierTokens[end - 1]?.lower ?? '')) continue;
    const qualifier = qualifierOf(qualifierTokens.slice(from, end), index);
    if (!qualifier.organizationKey && !qualifier.placeKey) continue;
    return {
      title: [...rest, ...titleTokens].map((t) => t.word).join(' '),
      ...qualifier,
      start: mention.prefix[0].start,
    };
  }
  // words before the title that name nothing are part of it ("Prime Minister", "Majority Leader",
  // "Saudi | Crown Prince")
  let words = qualifierTokens.length;
  while (words > 0 && TITLE_MODIFIERS.has(qualifierTokens[words - 1]?.lower ?? '')) words--;
  const title = [...qualifierTokens.slice(words), ...titleTokens];
  return {
    title: title.map((t) => t.word).join(' '),
    ...qualifierOf(qualifierTokens, index),
    start: mention.prefix[0].start,
  };
}

const isTitleContinuation = (t: Token) =>
  /^(of|state|general|minister|secretary|president|leader)$/i.test(t.word);

/** A lower-case title right before the name, with an optional organization or place before it. */
function titleBefore(
  text: string,
  tokens: Token[],
  mention: NameMention,
  index: EntityIndex,
): RoleParts | null {
  const at = tokenIndexAt(tokens, mention.start);
  let from = at;
  for (let length = 1; length <= 3; length++) {
    const candidate = tokens.slice(at - length, at);
    if (candidate.length < length || candidate.some((t) => t.capitalized)) break;
    if (!adjacent(text, candidate, mention.start)) break;
    if (TITLES.has(candidate.map((t) => t.lower).join(' '))) from = at - length;
  }
  if (from === at) return null;
  const titleTokens = tokens.slice(from, at);
  // a modifier before the title ("news editor", "campaign manager") stays part of it
  const modifier = tokens[from - 1];
  const withModifier =
    modifier &&
    !modifier.capitalized &&
    /^(news|campaign|press|deputy|senior|chief|top|executive|managing)$/.test(modifier.lower)
      ? [modifier, ...titleTokens]
      : titleTokens;
  const first = withModifier[0];
  if (!first) return null;
  const qualifierMention = mentionsBetween(index.mentions, Math.max(0, first.start - 80), first.start).find(
    (m) => /^['’s\s]*$/.test(text.slice(m.end, first.start)),
  );
  const demonym = tokens[tokenIndexAt(tokens, first.start) - 1];
  let qualifier: { organizationKey: string | null; placeKey: string | null } = {
    organizationKey: null,
    placeKey: null,
  };
  if (qualifierMention) qualifier = qualifierOf([], index, qualifierMention.key);
  else if (demonym && DEMONYMS.has(demonym.lower) && /^\s+$/.test(text.slice(demonym.end, first.start)))
    qualifier = qualifierOf([demonym], index);
  return {
    title: withModifier.map((t) => t.word).join(' '),
    ...qualifier,
    start: qualifierMention?.start ?? first.start,
  };
}

function adjacent(text: string, candidate: Token[], end: number): boolean {
  const last = candidate[candidate.length - 1];
  return !!last && /^\s+$/.test(text.slice(last.end, end));
}

const APPOSITION =
  /^(?:,\s*|\s+(?:is|was|has been|had been|, who is)\s+)(?:the|a|an|its|their)\s+((?:[\p{Ll}-]+\s+){0,3}?[\p{Ll}-]+)\s+(?:of|at|for|with)\s+(?:the\s+)?/u;

function titleAfter(
  text: string,
  mention: NameMention,
  index: EntityIndex,
): { role: Omit<RoleParts, 'start'>; end: number } | null {
  const rest = text.slice(mention.end, mention.end + 120);
  const m = APPOSITION.exec(rest);
  if (!m?.[1]) return describedAfter(rest, mention, index);
  const words = m[1].split(/\s+/);
  const head = words[words.length - 1] ?? '';
  if (!TITLES.has(head) && !TITLES.has(words.slice(-2).join(' '))) return null;
  const objectStart = mention.end + m[0].length;
  const object = mentionsBetween(index.mentions, objectStart, objectStart + 120).find(
    (o) => o.start === objectStart,
  );
  const record = object && index.byKey.get(object.key);
  if (!object || !record || record.kind === 'person') return null;
  return {
    role: {
      title: m[1],
      organizationKey: record.kind === 'organization' ? record.key : null,
      placeKey: record.kind === 'place' ? record.key : null,
    },
    end: object.end,
  };
}

const DESCRIBED = /^,\s+(?:the|a|an)\s+((?:[\p{L}.'’-]+\s+){0,4}?[\p{Ll}-]+)\s*(?=,|\.|;|\)|$)/u;

/** "Jeb Roe, the former Ohio governor," — a title in apposition with no organization after it. */
function describedAfter(
  rest: string,
  mention: NameMention,
  index: EntityIndex,
): { role: Omit<RoleParts, 'start'>; end: number } | null {
  const m = DESCRIBED.exec(rest);
  const title = m?.[1];
  if (!m || !title) return null;
  const words = title.split(/\s+/);
  const head = words[words.length - 1] ?? '';
  if (!TITLES.has(head)) return null;
  // a place named inside the description ("the former Ohio governor")
  const titleStart = mention.end + m[0].length - title.length - (m[0].length - m[0].trimEnd().length);
  const inside = mentionsBetween(index.mentions, titleStart, titleStart + title.length);
  const place = inside.find((p) => index.byKey.get(p.key)?.kind === 'place');
  // (and an organization whose title it is: "the RNC's finance chairman")
  const organization = inside.find((p) => index.byKey.get(p.key)?.kind === 'organization');
  return {
    role: {
      title: withoutOwner(title),
      organizationKey: organization ? organization.key : null,
      placeKey: place ? place.key : null,
    },
    end: mention.end + m[0].trimEnd().length,
  };
}

/** Whose a title is is no part of it: "the company's chief executive" → "chief executive". */
const withoutOwner = (title: string) => title.replace(/^.*['’]s\s+/u, '');

/** "the chancellor, ", "The Conservative leader, " right before a name, as British papers write. */
const DESCRIBED_BEFORE =
  /(?:^|[\n.!?;:"“”]\s*|\s(?:said|says|as|and|but|while|from|with|by|for|to)\s+)(?:the|The|its|Its|their|Their)\s+((?:[\p{L}.'’-]+\s+){0,3}?[\p{Ll}-]+),\s+$/u;

/**
 * "The Conservative leader, Kemi Badenoch, accused …", "as the chancellor, Rachel Reeves, prepares":
 * a title in apposition before the name, which a comma or the sentence's end closes.
 */
function describedBefore(text: string, mention: NameMention, index: EntityIndex): RoleParts | null {
  if (!/^(?:,|\.|$)/.test(text.slice(mention.end, mention.end + 1))) return null;
  const lead = text.slice(Math.max(0, mention.start - 80), mention.start);
  const m = DESCRIBED_BEFORE.exec(lead);
  const title = m?.[1];
  if (!m || !title) return null;
  const words = title.split(/\s+/);
  const head = words[words.length - 1] ?? '';
  if (!TITLES.has(head) && !TITLES.has(words.slice(-2).join(' ').toLowerCase())) return null;
  const titleStart =
    mention.start -
    lead.length +
    m.index +
    m[0].indexOf(title, m[0].search(/(?:[Tt]he|[Ii]ts|[Tt]heir)\s/) + 4);
  const inside = mentionsBetween(index.mentions, titleStart, titleStart + title.length);
  const place = inside.find((p) => index.byKey.get(p.key)?.kind === 'place');
  const organization = inside.find((p) => index.byKey.get(p.key)?.kind === 'organization');
  return {
    title: withoutOwner(title),
    organizationKey: organization ? organization.key : null,
    placeKey: place ? place.key : null,
    start: titleStart,
  };
}

function qualifierOf(
  tokens: Token[],
  index: EntityIndex,
  knownKey?: string,
): { organizationKey: string | null; placeKey: string | null } {
  if (knownKey) {
    const record = index.byKey.get(knownKey);
    return {
      organizationKey: record?.kind === 'organization' ? record.key : null,
      placeKey: record?.kind === 'place' ? record.key : null,
    };
  }
  if (!tokens.length) return { organizationKey: null, placeKey: null };
  const words = tokens.map((t) => t.lower).join(' ');
  const place = DEMONYMS.get(words) ?? DEMONYMS.get(tokens[0]?.lower ?? '');
  const name = place ?? tokens.map((t) => t.word).join(' ');
  const record =
    index.records.find((r) => r.name.toLowerCase() === name.toLowerCase()) ??
    index.records.find((r) => [...r.aliases].some((a) => a.toLowerCase() === name.toLowerCase()));
  return {
    organizationKey: record?.kind === 'organization' ? record.key : null,
    placeKey: record?.kind === 'place' ? record.key : null,
  };
}

/** Whether a title word ("leader") can stand for a role title ("President"). */
export function titleMatches(described: string, role: string): boolean {
  const d = described.toLowerCase();
  const r = role.toLowerCase();
  // (a minister is not the prime minister)
  if (r === d || (r.endsWith(` ${d}`) && !(d === 'minister' && r.endsWith('prime minister')))) return true;
  return d === 'leader' && HEAD_OF_STATE.has(r);
}
