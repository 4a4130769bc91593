import { readFileSync } from 'node:fs';
import type { Dateline } from './datelines';
import {
  DEMONYMS,
  FEMALE_FIRST_NAMES,
  GENERIC_ACRONYMS,
  HONORIFICS,
  KNOWN_ORGANIZATIONS,
  MALE_FIRST_NAMES,
  NON_ENTITY_HEADS,
  NON_NAME_WORDS,
  OBJECT_SPEECH_VERBS,
  ORGANIZATION_HEADS,
  PEOPLE_WORDS,
  PERSON_NOUNS,
  PLACE_HEADS,
  PLACES,
  POSTAL_CODES,
  REGION_ABBREVIATIONS,
  SPEECH_VERBS,
  TITLE_MODIFIERS,
  TITLES,
} from './lexicon';
import { capsLines } from './models/ner-features';
import { listedOrganization } from './models/ner-gazetteer';
import { kindOf, tagTokens } from './models/ner-tagger';
import { compatiblePersonNames, sameGivenName } from './name-keys';
import { type Token, tokenIndexAt } from './tokens';
import type { EntityKind, Span } from './types';

export type Gender = 'male' | 'female' | null;

export interface EntityRecord {
  key: string;
  kind: EntityKind;
  name: string;
  aliases: Set<string>;
  mentions: Span[];
  firstName: string | null;
  surname: string | null;
  /** "jr.", "iii": Donald Trump Jr. is not Donald Trump. */
  suffix?: string;
  gender: Gender;
  /** Titles written before the name ("President", "spokesman"), lower case. */
  titles: Set<string>;
}

export interface NameMention extends Span {
  text: string;
  key: string;
  /** The name itself, without the titles written before it. */
  core: Span;
  /** Titles, honorifics and qualifiers written before the name in the same capitalized run. */
  prefix: Token[];
}

export interface EntityIndex {
  records: EntityRecord[];
  byKey: Map<string, EntityRecord>;
  /** Sorted by start. */
  mentions: NameMention[];
  /**
   * Names only the tagger reads as people's, named once in passing with no title, no speech verb
   * and no later short form ("… beat Pete Sampras"): entities of the article, but kept out of
   * `mentions`, which speaker resolution reads, so that they never take a "he said".
   */
  passing: NameMention[];
}

type Reading = 'person' | 'organization' | 'place' | 'single' | 'unknown' | 'rejected';

interface NameGroup {
  tokens: Token[];
  prefix: Token[];
  core: Token[];
  reading: Reading;
  /** The name as a page would title it, where the text writes it otherwise ("WASHINGTON —"). */
  name?: string;
  /** Part of a run of capitalized words that fills a pair of quotation marks (“Morning Joe”). */
  quoted?: boolean;
}

const CONNECTORS = new Set(['de', 'da', 'del', 'der', 'van', 'von', 'bin', 'al', 'la', 'le', 'du', 'of']);
export const PARTY_WORDS = new Set(['republican', 'democratic', 'democrat', 'libertarian']);
/** Heads of roles that are not titles by themselves in the lexicon ("Public Advocate", "County Coroner"). */
const ROLE_HEADS = new Set(['advocate', 'recorder', 'counsel', 'secretary-treasurer', 'assessor', 'coroner']);
const SUFFIXES = new Set(['jr.', 'sr.', 'jr', 'sr', 'ii', 'iii', 'iv']);
/** A given name of the lexicon's lists (lower case). */
const isGivenName = (word: string) => MALE_FIRST_NAMES.has(word) || FEMALE_FIRST_NAMES.has(word);
const FEMALE_TITLES = new Set([
  'spokeswoman',
  'congresswoman',
  'chairwoman',
  'businesswoman',
  'queen',
  'princess',
  'first lady',
  'actress',
]);

/** Finds names, classifies them and links every later short form ("Putin") to one entity. */
export function findEntities(
  text: string,
  tokens: Token[],
  headlineSpans: Span[],
  datelines: Dateline[] = [],
): EntityIndex {
  const groups = nameGroups(text, tokens);
  const labels = tagTokens(text, tokens, readingsOf(groups, tokens));
  const caps = capsLines(text, tokens);
  joinOfNames(text, tokens, groups);
  const records: EntityRecord[] = [];
  const mentions: NameMention[] = [];
  const byName = new Map<string, EntityRecord>();
  const inHeadline = (group: NameGroup) =>
    headlineSpans.some(
      (s) => (group.tokens[0]?.start ?? 0) >= s.start && (group.tokens[0]?.start ?? 0) < s.end,
    );

  const addRecord = (kind: EntityKind, core: Token[], written?: string): EntityRecord => {
    // (an organization keeps a possessive inside its name: "People's Action Party", "Workers' Party")
    const inner =
      kind !== 'person' &&
      core.slice(0, -1).some((t) => t.possessive || /^['’]s?\s/.test(text.slice(t.end, t.end + 3)));
    const span = text.slice(core[0]?.start ?? 0, core[core.length - 1]?.end ?? 0).replace(/\s+/g, ' ');
    const name =
      written ??
      (inner && !/["“”‘]|['’](?!s? )/.test(span)
        ? span
        : // ("Procter & Gamble": an ampersand between two words of the name stays)
          core
            .map((t, k) =>
              k > 0 && /^\s+&\s+$/.test(text.slice(core[k - 1]?.end ?? 0, t.start)) ? `& ${t.word}` : t.word,
            )
            .join(' '));
    const lookup = `${kind}:${name.toLowerCase()}`;
    const known = byName.get(lookup);
    if (known) return known;
    const words = core.map((t) => t.lower).filter((w) => !SUFFIXES.has(w));
    const record: EntityRecord = {
      key: `e${records.length + 1}`,
      kind,
      name,
      aliases: new Set(),
      mentions: [],
      firstName: kind === 'person' ? givenName(words) : null,
      surname: kind === 'person' ? (words[words.length - 1] ?? null) : null,
      suffix: kind === 'person' ? suffixOf(core) : undefined,
      gender: null,
      titles: new Set(),
    };
    records.push(record);
    byName.set(lookup, record);
    return record;
  };
  const mention = (group: NameGroup, record: EntityRecord) => {
    const first = group.tokens[0];
    const last = group.tokens[group.tokens.length - 1];
    const coreFirst = group.core[0];
    const coreLast = group.core[group.core.length - 1];
    if (!first || !last || !coreFirst || !coreLast) return;
    const span = { start: first.start, end: last.start + last.word.length };
    // no {...span, …}: V8 takes a slow path for a spread followed by new properties (µs each)
    mentions.push({
      start: span.start,
      end: span.end,
      text: text.slice(span.start, span.end),
      key: record.key,
      core: { start: coreFirst.start, end: coreLast.start + coreLast.word.length },
      prefix: group.prefix,
    });
    noteTitles(record, group.prefix);
  };

  for (const group of groups) {
    // "secretary of State Tom Nides": the department belongs to the title before the name
    const first = group.tokens[0];
    // ("secretary of State Clinton": with a department's name, also before a surname alone)
    const department = DEPARTMENT_WORDS.has(group.core[0]?.lower ?? '');
    if (
      first &&
      (group.core.length >= 3 || (group.core.length === 2 && department)) &&
      /\b(?:secretary|minister|department|director|chief|head|general)\s+of\s+$/i.test(
        text.slice(Math.max(0, first.start - 16), first.start),
      )
    ) {
      // and is no part of how the text names the person ("State John Kerry"), whom the rest names
      group.core = group.core.slice(1);
      group.tokens = [...group.prefix, ...group.core];
      // (whom the title names: "Secretary of State Antony Blinken")
      const reading = readGroup(group.core).reading;
      group.reading = reading === 'unknown' && group.core.length >= 2 ? 'person' : reading;
    }
  }
  // what the tagger reads as an organization or a place in every word of a run
  const taggedOtherThanPerson = (g: NameGroup) =>
    g.core.every((t) => {
      const kind = kindOf(labels[tokenIndexAt(tokens, t.start)] ?? 0);
      return kind === 2 || kind === 3;
    });
  // words the text also uses alone, as surnames are (unless the tagger reads them as a firm, a club
  // or a place there: "the Orioles"), or that end a name read as a person's
  const personWords = new Set(
    groups
      .filter((g) => (g.reading === 'single' && !taggedOtherThanPerson(g)) || g.reading === 'person')
      .map((g) => g.core[g.core.length - 1]?.lower),
  );
  // last words of the full names the rules read as people's: a word used alone that ends one is a surname
  // ("Ontario-based Magna" is no full name: applyTagger trims the descriptor; nor is an untitled
  // "Baltimore Orioles" that the tagger reads as an organization or a place throughout)
  const surnames = new Set(
    groups
      .filter(
        (g) =>
          g.core.length > 1 &&
          (g.reading === 'person' || (g.reading === 'unknown' && !taggedOtherThanPerson(g))) &&
          !g.core.some((t) => DESCRIPTOR.test(t.word)),
      )
      .map((g) => g.core[g.core.length - 1]?.lower),
  );
  // what the tagger makes of each word used alone, over the whole text: "Magna" read as a firm four
  // times out of five is a firm also where one occurrence looks like a person's ("Magna said")
  const votes = new Map<string, number[]>();
  for (const g of groups) {
    const word = g.core.length === 1 ? g.core[0] : undefined;
    if (!word || caps[tokenIndexAt(tokens, word.start)]) continue;
    const counts = votes.get(word.lower) ?? [0, 0, 0, 0];
    const kind = kindOf(labels[tokenIndexAt(tokens, word.start)] ?? 0);
    counts[kind] = (counts[kind] ?? 0) + 1;
    votes.set(word.lower, counts);
  }
  const usualKinds = new Map<string, EntityKind>();
  for (const [word, counts] of votes) {
    const [none = 0, person = 0, organization = 0, place = 0] = counts;
    for (const [kind, n] of [
      ['organization', organization],
      ['place', place],
    ] as const)
      if (n >= 2 && n > 2 * (none + person + organization + place - n)) usualKinds.set(word, kind);
  }
  // surnames of full names whose first word is read as a given name ("Hillary Clinton", not "Team
  // Clinton"), with those given names
  const givenSurnames = new Map<string, Set<string>>();
  for (const g of groups) {
    const first = g.core[0];
    const surname = g.core[g.core.length - 1]?.lower;
    if (g.core.length < 2 || !first || !surname) continue;
    if (isGivenName(first.lower) || kindOf(labels[tokenIndexAt(tokens, first.start)] ?? 0) === 1)
      givenSurnames.set(surname, (givenSurnames.get(surname) ?? new Set()).add(first.lower));
  }
  const lowerWords = new Set(tokens.filter((t) => !t.capitalized).map((t) => t.lower));
  const fullNames = new Set(
    groups
      .filter(
        (g) =>
          g.core.length === 2 &&
          isGivenName(g.core[0]?.lower ?? '') &&
          !lowerWords.has(g.core[1]?.lower ?? '') &&
          !NON_NAME_WORDS.has(g.core[1]?.lower ?? ''),
      )
      .map((g) => joinLower(g.core)),
  );
  for (const group of groups) trimLead(group, givenSurnames, lowerWords, fullNames, inHeadline(group));
  for (const group of groups)
    applyTagger(
      text,
      tokens,
      group,
      labels,
      caps,
      personWords,
      surnames,
      usualKinds,
      givenSurnames,
      inHeadline(group),
    );
  cutAtKnownNames(groups);
  widenOrganizations(text, tokens, groups, labels, caps);
  const qualifiers = qualifiersBeforeTitles(text, tokens, groups, labels, caps, inHeadline);
  // A capitalized pair with no title and no known first name is a person only if its last word
  // is also used alone, as surnames are ("Northern Coast" is not).
  const usedAlone = new Set(groups.filter((g) => g.reading === 'single').map((g) => g.core[0]?.lower));
  const passingGroups: NameGroup[] = [];
  // (or all but a first word the tagger leaves out, when the rest is a full name: "Bola | Ahmed Tinubu")
  const taggedFullName = (group: NameGroup) => {
    const at = (k: number) => tokenIndexAt(tokens, group.core[k]?.start ?? 0);
    const from = labels[at(0)] === 1 ? 0 : group.core.length > 2 && labels[at(1)] === 1 ? 1 : -1;
    return (
      group.core.length > 1 &&
      from >= 0 &&
      group.core.every((t, k) => k < from || kindOf(labels[tokenIndexAt(tokens, t.start)] ?? 0) === 1) &&
      (from === 0 || !isWordBeforeName(group.core[0]?.lower ?? '', lowerWords)) &&
      !caps[at(0)]
    );
  };
  // a word used alone that the tagger reads as a person's name is a person even when the text never
  // gives the full name and the word is not the subject of a speech verb ("Mandl", "Herzl")
  const taggedPerson = (group: NameGroup) =>
    group.core.length > 0 &&
    group.core.every((t) => kindOf(labels[tokenIndexAt(tokens, t.start)] ?? 0) === 1) &&
    !caps[tokenIndexAt(tokens, group.core[0]?.start ?? 0)];
  for (const group of groups) {
    // “Good Morning America”, “Morning Joe”: quoted capitalized words are the title of a work, none
    // of whose words are names, unless the tagger reads a person's full name there ("This Week With
    // George Stephanopoulos", “Only Rosie O’Donnell”)
    if (group.quoted && !(group.core.length > 1 && taggedPerson(group))) {
      group.reading = 'rejected';
      continue;
    }
    // "the Harbor Courier", "the Lake Institute": a name behind a lower-case article is not a person's
    if ((group.reading === 'unknown' || group.reading === 'single') && group.prefix.length === 0) {
      const first = group.tokens[0];
      const lead = first ? text.slice(Math.max(0, first.start - 4), first.start) : '';
      const before = first ? text.slice(Math.max(0, first.start - 8), first.start) : '';
      // (also "The Red Cross said" opening a sentence: two or more capitalized words that open with no
      // given name are no one's name after an article)
      const closing = group.core[group.core.length - 1];
      const verb = closing
        ? (/^\s+(\p{Ll}+)/u.exec(text.slice(closing.end, closing.end + 20))?.[1] ?? '')
        : '';
      const opening =
        group.core.length > 1 &&
        !isGivenName(group.core[0]?.lower ?? '') &&
        // (before its verb, not a noun it qualifies: "The Archie Bunker stereotype")
        (verb === '' || SPEECH_VERBS.has(verb) || AUXILIARIES.has(verb) || /(?:ed|s)$/.test(verb)) &&
        /(?:^|[.!?”"]\s+|\n)The $/.test(text.slice(Math.max(0, (first?.start ?? 0) - 6), first?.start ?? 0));
      const article = /\bthe $/.test(lead) || /[^\s.!?“”"\n]\s+The $/.test(before) || opening;
      // (not in a headline written in title case: "Moments From The Fox Business GOP Debate")
      // nor before a noun the name qualifies when the tagger reads a person's name: "the Trayvon
      // Martin shooting")
      const end = group.core[group.core.length - 1]?.end ?? 0;
      const noun = /^\s+(\p{Ll}+)\b/u.exec(text.slice(end, end + 24))?.[1] ?? '';
      const qualifies = taggedPerson(group) && /^\p{Ll}{3,}(?<!s|ed)$/u.test(noun) && !SPEECH_VERBS.has(noun);
      if (
        article &&
        !inHeadline(group) &&
        !qualifies &&
        (group.core.length > 1 ||
          isSpeechSubject(text, group, tokens) ||
          // ("the Government had lost control", "the Post reported": an institution or a paper so
          // written is named)
          INSTITUTIONS_BY_HEAD.has(group.core[0]?.lower ?? ''))
      ) {
        group.reading = 'organization';
        continue;
      }
    }
    // "Boris Pistorius, a Social Democrat,": a name after "a" that heads its phrase says what someone is
    if (
      group.prefix.length === 0 &&
      group.core.length > 0 &&
      (group.reading === 'unknown' || group.reading === 'single' || group.reading === 'person')
    ) {
      const opening = group.core[0] as Token;
      const closing = group.core[group.core.length - 1] as Token;
      if (
        /(?:^|\s)an? $/.test(text.slice(Math.max(0, opening.start - 4), opening.start)) &&
        /^(?:[,.;:)]|$)/.test(text.slice(closing.end, closing.end + 1))
      ) {
        group.reading = 'rejected';
        continue;
      }
    }
    // "the book Clinton Cash", "the film Hail Caesar": a work's title after the kind of work
    const opening = group.tokens[0];
    if (opening && WORK_BEFORE.test(text.slice(Math.max(0, opening.start - 14), opening.start))) {
      group.reading = 'rejected';
      continue;
    }
    if (isStateNickname(text, group)) {
      group.reading = 'place';
      continue;
    }
    if (
      (group.reading === 'unknown' || group.reading === 'single' || group.reading === 'person') &&
      group.prefix.length === 0
    ) {
      // "Vestnik, the state news agency, wrote", "Sandy Hook Promise, a group founded by parents,":
      // the apposition says what the name is
      const last = group.tokens[group.tokens.length - 1];
      const apposition = last ? GROUP_APPOSITION.exec(text.slice(last.end, last.end + 80)) : null;
      if (apposition?.[1] && GROUP_HEADS.has(apposition[1].toLowerCase())) {
        group.reading = 'organization';
        continue;
      }
    }
    if (group.reading !== 'unknown') continue;
    const last = group.core[group.core.length - 1];
    // "Jane A. Roe"; "J.J. Roe" when the tagger reads it as a person's name (not "U.S. Desk")
    const initial =
      group.core.some((t) => /^\p{Lu}\.$/u.test(t.word)) ||
      (taggedPerson(group) && group.core.some((t) => /^(?:\p{Lu}\.){2,3}$/u.test(t.word)));
    if (inHeadline(group) || !last) group.reading = 'rejected';
    else if (!usedAlone.has(last.lower) && !initial && !nearSpeechOrApposition(text, group)) {
      if (taggedFullName(group)) passingGroups.push(group);
      group.reading = 'rejected';
    }
  }
  for (const group of groups) {
    readDateline(group, datelines);
    readRegion(text, group);
    if (
      isBareTitle(text, group) ||
      isTitleAlone(group, surnames) ||
      isCommonNounOpening(text, group) ||
      isHeadAfterPossessive(tokens, group)
    )
      group.reading = 'rejected';
  }
  readCities(text, groups);
  readPlaceLists(text, groups, caps, tokens, surnames);
  const placesAndOrganizations = new Map<string, { kind: EntityKind; name: string }>();
  for (const g of groups)
    if ((g.reading === 'place' || g.reading === 'organization') && g.core.length === 1 && g.core[0])
      placesAndOrganizations.set(g.core[0].lower, {
        kind: g.reading,
        name: g.name ?? g.core[0].word,
      });
  // ("Toyota said" after "Toyota Motor Corp": the company's name without the words saying it is one;
  // "Lufthansa" after "Deutsche Lufthansa AG": the last word before them)
  for (const g of groups) {
    if (g.reading !== 'organization') continue;
    const [head, ...rest] = g.core;
    let named = g.core.length;
    while (named > 0 && CORPORATE_WORDS.has(g.core[named - 1]?.lower ?? '')) named--;
    const last = g.core[named - 1];
    const short =
      head && rest.length && named === 1
        ? head
        : last &&
            named === 2 &&
            named < g.core.length &&
            COMPANY_PREFIXES.test(head?.lower ?? '') &&
            !ORGANIZATION_HEADS.has(last.lower) &&
            !lowerWords.has(last.lower)
          ? last
          : undefined;
    if (short && !placesAndOrganizations.has(short.lower))
      placesAndOrganizations.set(short.lower, { kind: 'organization', name: short.word });
  }
  // Full names and titled names first, so that short forms anywhere in the text can find them.
  const people = groups.filter((g) => g.reading === 'person' || g.reading === 'unknown');
  for (const group of people) mergePerson(records, group.core, addRecord);

  for (const group of groups) {
    if (group.reading === 'organization' || group.reading === 'place') {
      mention(group, addRecord(group.reading, group.core, group.name));
      continue;
    }
    if (group.reading === 'person' || group.reading === 'unknown') {
      const record = personFor(text, records, group.core, group.core[0]?.start ?? 0, mentions);
      // a word alone, untitled, that the text names in full as an organization ("Lufthansa warns"
      // after "Deutsche Lufthansa AG") and as no person's name
      const named =
        group.core.length === 1 && group.prefix.length === 0 && !record?.name.includes(' ')
          ? placesAndOrganizations.get(group.core[0]?.lower ?? '')
          : undefined;
      if (named?.kind === 'organization') mention(group, addRecord(named.kind, group.core, named.name));
      else if (record) mention(group, record);
      continue;
    }
    if (group.reading === 'single') {
      const person = personFor(text, records, group.core, group.core[0]?.start ?? 0, mentions);
      // "the mayor of Surrey said": a word the text names as a place or organization elsewhere
      const named = person ? undefined : placesAndOrganizations.get(group.core[0]?.lower ?? '');
      if (named) {
        mention(group, addRecord(named.kind, group.core, named.name));
        continue;
      }
      const record =
        person ??
        ((isSpeechSubject(text, group, tokens) || taggedPerson(group)) &&
        !isCommonWordAtSentenceStart(text, group) &&
        !isPersonNounAtSentenceStart(text, group)
          ? addRecord('person', group.core)
          : null);
      if (record) mention(group, record);
      continue;
    }
    if (group.quoted) continue;
    for (const part of knownNamesInside(group.tokens))
      mention(part, addRecord(part.reading as EntityKind, part.core));
  }

  mentions.sort((a, b) => a.start - b.start);
  // "the Workers Federation" is the "Harbor Workers Federation" named in full elsewhere
  const organizations = records.filter((r) => r.kind === 'organization');
  const fuller = new Map<string, string>();
  for (const short of organizations) {
    const longers = organizations.filter((r) => r !== short && r.name.endsWith(` ${short.name}`));
    // one word too, where it ends a single organization of the text and is no acronym, place or
    // common noun of it: "the Lakers" are the "Los Angeles Lakers" (not "Wyoming" the "Republican
    // Party of Wyoming", nor "GOP", "Committee" or "Program")
    const word = short.name.toLowerCase();
    if (
      !short.name.includes(' ') &&
      (longers.length !== 1 ||
        /^\p{Lu}{2,}$/u.test(short.name) ||
        ORGANIZATION_HEADS.has(word) ||
        PLACES.has(word) ||
        lowerWords.has(word) ||
        /\b(?:of|for|on|and)\s+\S+$/.test(longers[0]?.name ?? ''))
    )
      continue;
    const longer = longers.sort((a, b) => b.name.length - a.name.length)[0];
    if (longer) fuller.set(short.key, longer.key);
  }
  // "Toyota" is the "Toyota Motor Corp", "HSBC" the "HSBC Holdings Plc" named in full: a company's
  // name without the words that only say it is a company (when one organization of the text has them)
  for (const short of organizations) {
    if (fuller.has(short.key) || ORGANIZATION_HEADS.has(short.name.toLowerCase())) continue;
    // ("Lufthansa": "Deutsche Lufthansa AG", the last word before those words)
    const bare = (name: string) => {
      const words = name.split(' ');
      let named = words.length;
      while (named > 1 && CORPORATE_WORDS.has(words[named - 1]?.toLowerCase() ?? '')) named--;
      return named < words.length ? words.slice(0, named) : null;
    };
    const longer = organizations.filter((r) => {
      const words = r !== short ? bare(r.name) : null;
      return (
        !!words &&
        (words.join(' ') === short.name ||
          (words.length === 2 &&
            words[1] === short.name &&
            COMPANY_PREFIXES.test(words[0]?.toLowerCase() ?? '')))
      );
    });
    if (longer.length === 1 && longer[0]) fuller.set(short.key, longer[0].key);
  }
  // "the HWF" is the "Harbor Workers Federation": an acronym of the capitalized words
  const initials = (name: string) =>
    name
      .split(/\s+/)
      .filter((w) => /^\p{Lu}/u.test(w))
      .map((w) => w[0])
      .join('');
  for (const short of organizations) {
    if (!/^\p{Lu}{2,6}$/u.test(short.name)) continue;
    const expanded = organizations.filter((r) => r !== short && initials(r.name) === short.name);
    if (expanded.length === 1 && expanded[0]) fuller.set(short.key, expanded[0].key);
  }
  for (const m of mentions) m.key = fuller.get(m.key) ?? m.key;
  const recordByKey = new Map(records.map((r) => [r.key, r]));
  for (const m of mentions) {
    const record = recordByKey.get(m.key);
    if (!record) continue;
    record.mentions.push({ start: m.start, end: m.end });
    if (m.text !== record.name) record.aliases.add(m.text);
    const core = text.slice(m.core.start, m.core.end);
    if (core !== record.name && core !== m.text) record.aliases.add(core);
  }
  const passing: NameMention[] = [];
  for (const group of passingGroups) {
    const first = group.core[0];
    const last = group.core[group.core.length - 1];
    if (!first || !last) continue;
    const record = addRecord('person', group.core);
    const span = { start: first.start, end: last.start + last.word.length };
    passing.push({
      start: span.start,
      end: span.end,
      text: text.slice(span.start, span.end),
      key: record.key,
      core: span,
      prefix: [],
    });
    record.mentions.push(span);
    record.mentions.sort((a, b) => a.start - b.start);
  }
  for (const group of qualifiers) {
    const first = group.core[0];
    const last = group.core[group.core.length - 1];
    if (!first || !last) continue;
    const record = addRecord(group.reading as EntityKind, group.core, group.name);
    const span = { start: first.start, end: last.start + last.word.length };
    const written = text.slice(span.start, span.end);
    passing.push({
      start: span.start,
      end: span.end,
      text: written,
      key: record.key,
      core: span,
      prefix: [],
    });
    if (written !== record.name) record.aliases.add(written);
    record.mentions.push(span);
    record.mentions.sort((a, b) => a.start - b.start);
  }
  passing.sort((a, b) => a.start - b.start);
  for (const record of records) assignGender(record, text);
  for (const record of records) if (record.kind === 'organization') keepArticle(record, text);
  const used = records.filter((r) => r.mentions.length > 0);
  return { records: used, byKey: new Map(used.map((r) => [r.key, r])), mentions, passing };
}

/**
 * In a dateline the city and the state or province are places and the agency in brackets an
 * organization, whatever their capitals suggest ("SURREY, B.C. —" is Surrey, British Columbia);
 * the date is not a name.
 */
function readDateline(group: NameGroup, datelines: Dateline[]): void {
  const first = group.tokens[0];
  const dateline = first && datelines.find((d) => first.start >= d.span.start && first.start < d.span.end);
  if (!dateline) return;
  const parts: [Span | null, EntityKind, string | undefined][] = [
    [dateline.place, 'place', dateline.place.name],
    [dateline.region, 'place', dateline.region?.name],
    [dateline.agency, 'organization', undefined],
  ];
  for (const [span, kind, name] of parts) {
    const core = span ? group.tokens.filter((t) => t.start >= span.start && t.end <= span.end) : [];
    if (!core.length) continue;
    Object.assign(group, { tokens: core, prefix: [], core, reading: kind, name });
    return;
  }
  group.reading = 'rejected';
}

const KINDS: EntityKind[] = ['person', 'organization', 'place'];
const COUNTRIES = new Set([...DEMONYMS.values()].map((country) => country.toLowerCase()));
/** "Los Angeles-area", "Pulitzer Prize-winning", "Chicago-based": a name made into a modifier. */
const DESCRIPTOR =
  /-(?:area|based|born|bred|winning|nominated|led|backed|owned|run|style|era|themed|linked|funded|made)$/i;

/**
 * The tagger's say over a capitalized run: it decides the kind of a name the rules read only weakly
 * ("single", "unknown"), rejects what it does not see as a name where the rules have no strong
 * evidence, and trims descriptors and stray words from the front of a name ("Vermonter Bernie
 * Sanders" → "Bernie Sanders"). Laws, events and works, and words of a line written in capitals, are
 * not names whatever either says.
 */
/** The kinds of place a name follows ("the town of Ingham"). */
const PLACE_OF =
  /\b(?:town|city|village|hamlet|suburb|municipality|borough|township|province|state|county|region|district|island|capital|port|mayor|governor)\s+of\s+$/i;

function applyTagger(
  text: string,
  tokens: Token[],
  group: NameGroup,
  labels: Uint8Array,
  caps: Uint8Array,
  personWords: Set<string | undefined>,
  surnames: Set<string | undefined>,
  usualKinds: Map<string, EntityKind>,
  givenSurnames: Map<string, Set<string>>,
  headline: boolean,
): void {
  const at = (t: Token) => tokenIndexAt(tokens, t.start);
  // "Los Angeles-area Sanders" → "Sanders"; "Pulitzer Prize-winning" → nothing
  const descriptor = group.core.findLastIndex((t) => DESCRIPTOR.test(t.word));
  if (descriptor >= 0) {
    group.core = group.core.slice(descriptor + 1);
    group.tokens = [...group.prefix, ...group.core];
    if (group.core.length === 0) {
      group.reading = 'rejected';
      return;
    }
    if (group.reading === 'organization' || group.reading === 'place') group.reading = 'unknown';
  }
  const last = group.core[group.core.length - 1];
  const first = group.core[0];
  if (!last || !first) return;
  const whole = joinLower(group.core);
  const listed = PLACES.has(whole) || KNOWN_ORGANIZATIONS.has(whole);
  const givenName = isGivenName(first.lower);
  // ("World War I.": the head before a number)
  const numbered = group.core.findLastIndex((t) => !/^(?:[IVX]+\.?|\d+)$/.test(t.word));
  const named = group.core[numbered]?.lower ?? last.lower;
  if (NON_ENTITY_HEADS.has(named) && !listed && !(givenName && group.core.length === 2)) {
    group.reading = 'rejected';
    return;
  }
  if (caps[at(first)] && !listed) {
    group.reading = 'rejected';
    return;
  }
  // "(Laughs)": a stage direction in a transcript
  if (
    group.core.length === 1 &&
    /\($/.test(text.slice(Math.max(0, first.start - 1), first.start)) &&
    text[last.end] === ')'
  ) {
    group.reading = 'rejected';
    return;
  }
  if (group.prefix.length === 0 && group.core.length <= 2 && !caps[at(first)]) {
    const tagged = (t: Token) => kindOf(labels[at(t)] ?? 0);
    // "Morgan Stanley", "Wells Fargo": a listed company named like a person, which the tagger reads
    // as a company at least in part ("Charles Schwab", read as a person throughout, stays one)
    const company =
      (listedOrganization(group.core.map((t) => t.lower)) & LISTED_FIRMS) > 0 &&
      // (not the surname of a full name of the text: "Laquan McDonald … McDonald")
      !(group.core.length === 1 && (surnames.has(last.lower) || personWords.has(last.lower))) &&
      group.core.some((t) => tagged(t) === 2);
    // "BBC Sport", "UN Environment": an organization and a word of its own that is no one's name
    // (not a headline's words, "FBI Decision"; nor initials, "W.C. Fields"; nor a party or a place
    // after it, "Senate Republican", "GOP Israel")
    const division =
      group.core.length === 2 &&
      !headline &&
      isOrganization([first]) &&
      !first.word.includes('.') &&
      !GENERIC_ACRONYMS.has(first.lower) &&
      !last.acronym &&
      !PARTY_WORDS.has(last.lower.replace(/s$/, '')) &&
      !DEMONYMS.has(last.lower) &&
      !PLACES.has(last.lower) &&
      !PLACE_HEADS.has(last.lower) &&
      tagged(last) !== 1 &&
      !isGivenName(last.lower) &&
      !TITLES.has(last.lower) &&
      !HONORIFICS.has(last.lower);
    if (company || division) {
      group.reading = 'organization';
      return;
    }
  }
  // "World Affairs Council of Orange County", "Bank of England": the head before "of" says the kind
  // (one word before "of" only before a place: "the Party of Trump" is a phrase)
  const of = group.core.findIndex((t) => t.lower === 'of');
  const head = of > 0 ? group.core[of - 1]?.lower : undefined;
  const after = joinLower(group.core.slice(of + 1));
  if (
    head &&
    head !== 'state' &&
    ORGANIZATION_HEADS.has(head) &&
    (of > 1 || PLACES.has(after)) &&
    group.prefix.length === 0
  ) {
    group.reading = 'organization';
    return;
  }
  // ("Walt Disney Concert Hall", "City Hall": a hall after a word that is no given name; "Arsenio
  // Hall", "John Paul Hall" stay people)
  const beforeLast = group.core[group.core.length - 2]?.lower ?? '';
  const hall =
    last.lower === 'hall' &&
    !!beforeLast &&
    !isGivenName(beforeLast) &&
    (group.core.length > 2 || /^(?:city|town|concert|music|village|county|memorial)$/.test(beforeLast));
  if (group.core.length > 1 && (PLACE_HEADS.has(last.lower) || hall) && group.prefix.length === 0) {
    group.reading = 'place';
    return;
  }
  // "the town of Ingham", "the city of Ferguson": a name after the kind of place it is
  if (
    group.prefix.length === 0 &&
    (group.reading === 'unknown' || group.reading === 'single' || group.reading === 'person') &&
    PLACE_OF.test(text.slice(Math.max(0, first.start - 16), first.start))
  ) {
    group.reading = 'place';
    return;
  }
  // "Reliance Industries' Mukesh Ambani", "China's Xi Jinping": two or three words the rules cannot
  // read, after the possessive of a name, are a person of that organization or place (the tagger,
  // reading on across the apostrophe, gives them the kinds of the name before)
  const outside = tokens[at(first) - 1];
  if (
    group.reading === 'unknown' &&
    group.prefix.length === 0 &&
    group.core.length <= 3 &&
    group.core.length >= 2 &&
    outside?.capitalized &&
    // (of an organization or a place: not "Jean-Luc Mélenchon's France Unbowed")
    (labels[at(outside)] ?? 0) >= B_ORGANIZATION &&
    !caps[at(first)] &&
    group.core.every((t) => t.word !== t.word.toUpperCase()) &&
    // a possessive ("Industries’ ", "China's "), not a closing quote ("‘Missing’ White Voters")
    (/^['’]s\s$/.test(text.slice(outside.end, first.start)) ||
      (/^['’]\s$/.test(text.slice(outside.end, first.start)) && /s$/.test(outside.word))) &&
    // (the whole name: not "Breitbart News’ Washington Political Editor Matthew Boyle")
    !tokens[at(last) + 1]?.capitalized
  ) {
    group.reading = 'person';
    return;
  }
  // (the tagger leaves the "St." of a saint's name out: "St. Petersburg" reads as "Petersburg" does)
  const saintly = isSaint(first) && group.core.length > 1 ? 1 : 0;
  const kinds = group.core.map((t, k) => kindOf(labels[at(group.core[Math.max(k, saintly)] ?? t)] ?? 0));
  const tagged =
    kinds[0] !== 0 && kinds.every((k) => k === kinds[0]) ? KINDS[(kinds[0] as number) - 1] : null;
  const untagged = kinds.every((k) => k === 0);
  // a person's name inside the run, after words that are not part of it (untagged, or tagged as a
  // name of their own: "Vermonter | Bernie Sanders")
  const firstPerson = kinds.indexOf(1);
  const start =
    firstPerson === 0 ? group.core.findIndex((t, k) => k > 0 && labels[at(t)] === 1) : firstPerson;
  if (
    start > 0 &&
    kinds.slice(start).every((k) => k === 1) &&
    (firstPerson === 0 || kinds.slice(0, start).every((k) => k === 0)) &&
    group.core.slice(0, start).every((t) => !isGivenName(t.lower))
  ) {
    const lead = group.core.slice(0, start);
    const titles = lead.every(
      (t) => TITLES.has(t.lower) || PERSON_NOUNS.has(t.lower) || HONORIFICS.has(t.lower),
    );
    // a word naming where someone is from ("Vermonter") goes when a full name stays behind it
    const descriptors =
      group.core.length - start >= 2 && lead.every((t) => /(?:er|ian|ite|an|ese)$/.test(t.lower));
    // "Team Clinton", "Endorse Trump", "Understated Perez": a word the tagger leaves out before
    // the surname of a full name given elsewhere ("Hillary Clinton")
    const surname =
      group.core.length - start === 1 &&
      group.prefix.length === 0 &&
      // (not an initial, a nationality or the given name itself: "A.de Silva", "German Ortega")
      !lead.some(
        (t) => t.word.includes('.') || DEMONYMS.has(t.lower) || givenSurnames.get(last.lower)?.has(t.lower),
      ) &&
      givenSurnames.has(last.lower);
    if (!titles && !descriptors && !surname) return;
    group.core = group.core.slice(start);
    if (titles) group.prefix = [...group.prefix, ...lead];
    group.tokens = [...group.prefix, ...group.core];
    group.reading = surname && !titles ? 'single' : 'person';
    return;
  }
  // a listed town or state the tagger reads as an organization: a club named after it ("Leeds 2
  // Chelsea 1", "CHICAGO 66 67 .496"); a country stays a place ("Russia's TASS news agency")
  if (
    listed &&
    PLACES.has(whole) &&
    !COUNTRIES.has(whole) &&
    tagged === 'organization' &&
    group.reading === 'place' &&
    // (not "the Kentucky Republican", nor "Sen. Rand Paul of Kentucky")
    !PARTY_WORDS.has(/^\s+(\p{L}+)/u.exec(text.slice(last.end, last.end + 16))?.[1]?.toLowerCase() ?? '') &&
    !/\bof\s+$/.test(text.slice(Math.max(0, first.start - 4), first.start))
  ) {
    group.reading = 'organization';
    return;
  }
  // "KHASAVYURT, Russia 1996-08-31": a word in capitals that opens a line before a comma and a name is
  // the city of a dateline (datelines.ts reads those that end in a dash), not an acronym, when the
  // tagger reads it as a place
  if (
    group.core.length === 1 &&
    group.reading === 'organization' &&
    first.acronym &&
    tagged === 'place' &&
    !KNOWN_ORGANIZATIONS.has(whole) &&
    (((first.start === 0 || text[first.start - 1] === '\n') &&
      /^ ?, \p{Lu}/u.test(text.slice(last.end, last.end + 4))) ||
      // "reported from MACAU": a word in capitals the tagger reads as a place is one
      first.word.length >= 5)
  ) {
    group.reading = 'place';
    return;
  }
  // "Neil Jordan … Jordan defends his film", "MaliVai Washington … said Washington": a listed place
  // used alone that ends a full name given in the text and that the tagger reads as a person's here
  // is that person's surname
  if (
    listed &&
    group.reading === 'place' &&
    group.core.length === 1 &&
    tagged === 'person' &&
    surnames.has(first.lower)
  ) {
    group.reading = 'single';
    return;
  }
  if (listed) return;
  // The tagger is weaker than the rules on a person's name seen elsewhere in the text, or next to a
  // speech verb or an apposition: there the rules' reading stands. A single word stays "single", so
  // that it links to the full name it shortens.
  const weak = group.reading === 'single' || group.reading === 'unknown';
  const usual = group.core.length === 1 ? usualKinds.get(first.lower) : undefined;
  if (weak && usual && !surnames.has(first.lower)) {
    group.reading = usual;
    return;
  }
  if (
    weak &&
    (tagged === 'organization' || tagged === 'place') &&
    !(group.core.length > 1 ? personWords.has(last.lower) && group.reading === 'unknown' : false) &&
    !(group.core.length === 1 && surnames.has(last.lower)) &&
    // beside a speech verb the rules' person stands, unless several words without a given name
    // read as an organization ("Judicial Watch stated")
    !(
      nearSpeechOrApposition(text, group) &&
      (group.core.length === 1 || givenName || tagged === 'place' || group.reading !== 'unknown') &&
      // (a word alone after "told", "accused" is their object, as often a firm or a party as anyone:
      // "told Dawn", "accused Labor of")
      !(group.core.length === 1 && tagged === 'organization' && isSpeechObject(tokens, group))
    )
  ) {
    group.reading = tagged;
    return;
  }
  // "WATCH", "ABSTRACT": capitals the tagger does not take for a name, with no article before them
  // and no speech verb after them, that are a word or too long for an acronym ("GCHQ", "IAG", "FDIC"
  // stay: initials the training corpora never write in lower case)
  const before = text.slice(Math.max(0, first.start - 5), first.start);
  const next = /^\s+(\p{Ll}+)/u.exec(text.slice(last.end, last.end + 30))?.[1] ?? '';
  if (
    untagged &&
    group.reading === 'organization' &&
    group.core.length === 1 &&
    first.acronym &&
    !/(?:\bthe|\()\s*$/i.test(before) &&
    !SPEECH_VERBS.has(next) &&
    isWordInCapitals(first)
  )
    group.reading = 'rejected';
}

/** A word before a name that is no given name: one the text writes in lower case, a title, a department, an agent noun. */
function isWordBeforeName(lower: string, lowerWords: Set<string>): boolean {
  return (
    lowerWords.has(lower) ||
    TITLES.has(lower) ||
    PERSON_NOUNS.has(lower) ||
    DEPARTMENT_WORDS.has(lower) ||
    /(?:or|er|ist|ian|ent|ant)$/.test(lower)
  );
}

/** Words of two to five letters written in lower case in the tagger's corpora (src/train/build-short-words.ts). */
const SHORT_WORDS = new Set(
  readFileSync(new URL('./data/short-words.txt', import.meta.url), 'utf8')
    .split('\n')
    .filter(Boolean),
);

/**
 * Capitals that spell a word ("WATCH", "NOT"), run longer than initials do ("ABSTRACT"), or are not
 * Latin initials at all ("SÃ" of mis-decoded text).
 */
function isWordInCapitals(token: Token): boolean {
  const letters = token.lower.replace(/[^\p{L}]/gu, '');
  return (
    letters.length > 5 ||
    /[^a-z]/.test(letters) ||
    SHORT_WORDS.has(letters) ||
    GENERIC_ACRONYMS.has(token.lower)
  );
}

/** Words after a company's name that only say it is a company ("Motor Corp", "Holdings Plc"). */
/** First words of companies' full names that their short names leave out ("Deutsche Lufthansa AG"). */
const COMPANY_PREFIXES =
  /^(?:deutsche|royal|banco|banca|groupe|grupo|compagnie|société|societe|koninklijke|china|japan|british|american|general|national)$/;

const CORPORATE_WORDS = new Set(
  `inc inc. corp corp. corporation co co. company plc ltd ltd. limited llc ag sa s.a. nv n.v. se holdings holding
  group motor motors electronics industries international technologies airlines pharmaceuticals enterprises`.split(
    /\s+/,
  ),
);

/** Label numbers of the tagger's organization spans (see LABELS in ner-features.ts). */
const B_ORGANIZATION = 3;
const I_ORGANIZATION = 4;
const B_PLACE = 5;
const I_PLACE = 6;

/**
 * "Mercantile Bancorp Inc.", "Standard & Poor", "National League for Democracy": where the tagger
 * reads one organization over words the capitalization rules cut into several runs or stop short of
 * (a company suffix, "&", a lower-case "for"), the name is
 * the tagger's span. Only over runs it covers whole, none of them rejected or a titled person's name, outside
 * lines in capitals.
 */
function widenOrganizations(
  text: string,
  tokens: Token[],
  groups: NameGroup[],
  labels: Uint8Array,
  caps: Uint8Array,
): void {
  const indexOf = (t: Token) => tokenIndexAt(tokens, t.start);
  // groups are in text order: `from` is the first that does not end before the span
  let from = 0;
  for (let opened = 0; opened < labels.length; opened++) {
    const place = labels[opened] === B_PLACE;
    if ((labels[opened] !== B_ORGANIZATION && !place) || caps[opened]) continue;
    let last = opened;
    while (labels[last + 1] === (place ? I_PLACE : I_ORGANIZATION)) last++;
    // a place only of two words over a possessive, the second a place's head word: "Queen's Park"
    // (not "Venice's Grand Canal": the place and its canal); or a listed organization the tagger
    // reads as the town it is named after, over an "&": "Brighton & Hove Albion"
    const club =
      place &&
      last > opened + 1 &&
      /^\s+&\s+$/.test(text.slice(tokens[opened]?.end ?? 0, tokens[opened + 1]?.start ?? 0)) &&
      listedOrganization(tokens.slice(opened, last + 1).map((t) => t.lower)) > 0;
    if (
      place &&
      !club &&
      (last !== opened + 1 ||
        !PLACE_HEADS.has(tokens[last]?.lower ?? '') ||
        !tokens.slice(opened, last).some((t) => t.possessive))
    ) {
      opened = last;
      continue;
    }
    // a name before a possessive is one of its own: "Stanford University's Program on Energy" is the
    // program of Stanford University (but "Dick's Sporting Goods", "the People's Party": a possessive
    // of a word that names no organization or place by itself)
    let first = opened > 0 && isSaint(tokens[opened - 1]) ? opened - 1 : opened;
    // (an article the tagger takes in is no part of the name: "DUBLIN — The Government's plan")
    if (tokens[first]?.lower === 'the' && first < last) first++;
    for (let k = opened; k < last; k++) {
      // (not the place ending an organization's name: "University of Virginia's Center for Politics")
      if (possessiveOfName(text, tokens[k] as Token) && tokens[k - 1]?.lower !== 'of') first = k + 1;
      // a common noun in lower case describes the name after it ("the Peronist coalition Fuerza Patria")
      const word = tokens[k] as Token;
      if (k > first && !word.capitalized && GROUP_HEADS.has(word.lower) && tokens[k + 1]?.capitalized)
        first = k + 1;
    }
    const opening = tokens[first];
    const closing = tokens[last];
    // a lower-case word ends no name ("First Union bank")
    if (last === first || !opening?.capitalized || !closing || closing.word === closing.lower) {
      opened = last;
      continue;
    }
    // (a group left without words by an earlier step counts as ending before everything)
    const ends = (g: NameGroup | undefined) => (g?.tokens.length ? indexOf(g.tokens.at(-1) as Token) : -1);
    while (from < groups.length && ends(groups[from]) < first) from++;
    let to = from;
    let whole = true;
    for (; to < groups.length; to++) {
      const g = groups[to] as NameGroup;
      if (g.tokens.length === 0) continue;
      const a = indexOf(g.tokens[0] as Token);
      if (a > last) break;
      const b = ends(g);
      // a run the rules reject (a law, an event, a descriptor) stays rejected; a person's name after a
      // possessive is the person of the organization ("Reliance Industries' Mukesh Ambani")
      if (
        a < first ||
        b > last ||
        g.reading === 'rejected' ||
        (g.reading === 'person' && g.prefix.length > 0) ||
        (a > first &&
          (!!tokens[a - 1]?.possessive || /^['’]\s/.test(text.slice(tokens[a - 1]?.end ?? 0))) &&
          (g.reading === 'person' ||
            isGivenName(g.core[0]?.lower ?? '') ||
            (g.reading === 'unknown' && g.core.length >= 2 && g.core.length <= 3)))
      )
        whole = false;
    }
    const only = to - from === 1 ? groups[from] : undefined;
    const same =
      only &&
      only.core.length > 0 &&
      indexOf(only.core[0] as Token) === first &&
      indexOf(only.core[only.core.length - 1] as Token) === last;
    if (!whole || to === from || same) {
      opened = last;
      continue;
    }
    const core = tokens.slice(first, last + 1);
    groups.splice(from, to - from, {
      tokens: core,
      prefix: [],
      core,
      reading: place && !club ? 'place' : 'organization',
    });
    opened = last;
  }
}

/** "St." or "Ste." opening a saint's name. */
/**
 * "Federal Reserve Chairman Jerome Powell", "Palestinian Authority Secretary General Ahmed
 * Abdel-Rahman", "White House Press Secretary …": the organization or place written before a person's
 * title is an entity of its own, as it is when the title is in lower case ("Kremlin spokesman"). The
 * person's mention keeps its whole span (speaker resolution reads it as before); the organization is
 * a mention in passing, and the role reads it. A nationality ("Russian President"), a party
 * ("Republican South Carolina Sen. …": the state is one, the party is not) or words that read as
 * neither are none.
 */
function qualifiersBeforeTitles(
  text: string,
  tokens: Token[],
  groups: NameGroup[],
  labels: Uint8Array,
  caps: Uint8Array,
  inHeadline: (group: NameGroup) => boolean,
): NameGroup[] {
  const kindAt = (t: Token) => kindOf(labels[tokenIndexAt(tokens, t.start)] ?? 0);
  const found: NameGroup[] = [];
  for (const group of groups) {
    const prefix = group.prefix;
    const opening = prefix[0];
    if (group.reading !== 'person' || prefix.length < 2 || !opening) continue;
    if (caps[tokenIndexAt(tokens, opening.start)] || inHeadline(group)) continue;
    // (not the end of a longer name: "the Council on American-Islamic Relations National Executive Director")
    if (/\b(?:of|on|for|and|the)\s+$/i.test(text.slice(Math.max(0, opening.start - 5), opening.start)))
      continue;
    const title = prefix.findIndex(
      (_, k) => longestMatch(prefix, k, TITLES) > 0 || longestMatch(prefix, k, HONORIFICS) > 0,
    );
    const from = PARTY_WORDS.has(opening.lower) ? 1 : 0;
    // (a nationality of several words names no place of its own: "South Korean President")
    if (title > from && DEMONYMS.has(joinLower(prefix.slice(from, title)))) continue;
    // the longest run opening the qualifier that names an organization or a place
    let split: NameGroup | null = null;
    for (let end = title < 0 ? prefix.length : title; end > from && !split; end--) {
      const run = prefix.slice(from, end);
      const whole = joinLower(run);
      const last = run[run.length - 1] as Token;
      if (DEMONYMS.has(whole) || (run.length === 1 && GENERIC_ACRONYMS.has(whole))) continue;
      if (PARTY_WORDS.has(last.lower) || TITLE_MODIFIERS.has(last.lower)) continue;
      const region = run.length === 1 ? REGION_ABBREVIATIONS[whole] : undefined;
      if (region) {
        split = { tokens: run, prefix: [], core: run, reading: 'place', name: region };
        break;
      }
      const read = readGroup(run);
      // (a listed company or institution, not a club: "Liverpool Mayor Steve Rotheram")
      const listed = !PLACES.has(whole) && (listedOrganization(run.map((t) => t.lower)) & LISTED_FIRMS) > 0;
      const tagged =
        run.every((t) => kindAt(t) === 2) || listed
          ? 'organization'
          : run.every((t) => kindAt(t) === 3)
            ? 'place'
            : null;
      const reading =
        read.reading === 'organization' || read.reading === 'place'
          ? read.reading
          : tagged && (run.length > 1 || last.acronym || read.reading === 'single' || listed)
            ? tagged
            : null;
      if (reading) split = { tokens: run, prefix: [], core: run, reading };
    }
    // (without a title after it the whole prefix must be the organization: "Fox News Sean Hannity",
    // not "Senate Intelligence | Ranking Democrat Dianne Feinstein")
    if (!split || (title < 0 && from + split.core.length < prefix.length)) continue;
    found.push(split);
  }
  return found;
}

/** Source bits of the organization gazetteer for companies and institutions (ORGANIZATION_SOURCES). */
const LISTED_FIRMS = 0b1001;

const isSaint = (token: Token | undefined): boolean => token?.word === 'St.' || token?.word === 'Ste.';

/**
 * A word that ends a name and is followed by its possessive ("University's", "CNN's", "Wyoming’s";
 * not a plural's, which describes: "the Workers' Party").
 */
function possessiveOfName(text: string, token: Token): boolean {
  if (!token.possessive && !/^['’]s\s/.test(text.slice(token.end, token.end + 3))) return false;
  return (
    token.acronym ||
    ORGANIZATION_HEADS.has(token.lower) ||
    PLACES.has(token.lower) ||
    KNOWN_ORGANIZATIONS.has(token.lower)
  );
}

/** The only word of the group, when it opens a sentence. */
function wordOpeningSentence(text: string, group: NameGroup): Token | null {
  const first = group.core[0];
  if (!first || group.core.length !== 1) return null;
  const before = text.slice(Math.max(0, first.start - 3), first.start);
  return first.start === 0 || /(?:[.!?]["”’]?\s+|\n\s*|[—–]\s+)$/.test(before) ? first : null;
}

/**
 * "Fighting continued …": a capitalized word that opens a sentence and is written in lower case
 * elsewhere in the same text is an ordinary word, not a surname.
 */
/**
 * "TORONTO — City council approved …" where the text also writes "the city's": a common noun that
 * opens a sentence before a lower-case word, read as an organization or a place (not a listed one:
 * "Turkey", "Apple" … stay).
 */
function isCommonNounOpening(text: string, group: NameGroup): boolean {
  const only = group.core[0];
  if (!only || (group.reading !== 'organization' && group.reading !== 'place') || group.prefix.length)
    return false;
  if (only.acronym || PLACES.has(only.lower) || KNOWN_ORGANIZATIONS.has(only.lower)) return false;
  return /^\s+\p{Ll}/u.test(text.slice(only.end, only.end + 3)) && isCommonWordAtSentenceStart(text, group);
}

/**
 * "the Prime Minister's House", "the People's Palace": the head word of a building or an office after
 * a possessive is the rest of its name, not a person's surname.
 */
function isHeadAfterPossessive(tokens: Token[], group: NameGroup): boolean {
  const only = group.core.length === 1 && group.prefix.length === 0 ? group.core[0] : undefined;
  if (!only || group.reading === 'organization' || group.reading === 'place') return false;
  if (!ORGANIZATION_HEADS.has(only.lower) && !PLACE_HEADS.has(only.lower)) return false;
  const previous = tokens[tokenIndexAt(tokens, only.start) - 1];
  return !!previous?.possessive && previous.capitalized;
}

function isCommonWordAtSentenceStart(text: string, group: NameGroup): boolean {
  const first = wordOpeningSentence(text, group);
  if (!first) return false;
  const lower = first.word.toLowerCase();
  let at = text.indexOf(lower);
  while (at >= 0) {
    const edgeBefore = at === 0 || !/\p{L}/u.test(text[at - 1] ?? '');
    const edgeAfter = !/\p{L}/u.test(text[at + lower.length] ?? '');
    if (edgeBefore && edgeAfter) return true;
    at = text.indexOf(lower, at + 1);
  }
  return false;
}

/**
 * "Officials said …", "Analysts noted …": a noun for people, capitalized because it opens the
 * sentence, is a source left unnamed, not a person named "Officials".
 */
function isPersonNounAtSentenceStart(text: string, group: NameGroup): boolean {
  return PERSON_NOUNS.has(wordOpeningSentence(text, group)?.lower ?? '');
}

/**
 * "Donald Trump Ties Hillary Clinton", 'the headline "Ted Cruz Refuses"': a title-case run that
 * starts with a full name the text gives on its own is that name; a full name at its end is a
 * second one, and the words between (a headline's verb) are no name.
 */
function cutAtKnownNames(groups: NameGroup[]): void {
  const isPersonLike = (g: NameGroup) => g.reading === 'person' || g.reading === 'unknown';
  const fullNames = new Set(
    groups.filter((g) => g.core.length >= 2 && isPersonLike(g)).map((g) => joinLower(g.core)),
  );
  for (let i = groups.length - 1; i >= 0; i--) {
    const group = groups[i];
    if (!group || group.core.length < 3 || !isPersonLike(group)) continue;
    const { core } = group;
    let cut = 0;
    for (let k = core.length - 1; k >= 2 && !cut; k--)
      if (fullNames.has(joinLower(core.slice(0, k))) && !SUFFIXES.has(core[k]?.lower ?? '')) cut = k;
    if (!cut) continue;
    const parts: NameGroup[] = [
      { ...group, core: core.slice(0, cut), tokens: [...group.prefix, ...core.slice(0, cut)] },
    ];
    for (let k = cut; k <= core.length - 2; k++) {
      if (!fullNames.has(joinLower(core.slice(k)))) continue;
      parts.push(readGroup(core.slice(k)));
      break;
    }
    groups.splice(i, 1, ...parts);
  }
}

/** Organization heads that do not make "X of Y" one name ("the State of Texas"). */
const NOT_OF_HEADS = new Set(['state', 'house', 'senate', 'times', 'post', 'star', 'sun', 'news']);
/** Besides the place heads, words that make "X of Y" a place ("Republic of Korea", "Isle of Man"). */
const PLACE_OF_HEADS = new Set([
  'republic',
  'kingdom',
  'isle',
  'cape',
  'city',
  'commonwealth',
  'principality',
]);

/**
 * "the Bureau of Labor Statistics", "the Museum of Modern Art", "Communications Workers of America":
 * an organization head, "of" and a capitalized name are one organization, not an organization
 * "Bureau" and a name "Labor Statistics"; a place head makes one place ("the Gulf of Mexico").
 * Done after tagging, so the tagger reads the rules as it was trained to.
 */
function joinOfNames(text: string, tokens: Token[], groups: NameGroup[]): void {
  const joined = new Set<NameGroup>();
  for (let i = groups.length - 2; i >= 0; i--) {
    const head = groups[i];
    const tail = groups[i + 1];
    const last = head?.core[head.core.length - 1];
    const next = tail?.tokens[0];
    if (!head || !tail || !last || !next || head.reading === 'person') continue;
    // "Bank of Japan Governor Kazuo Ueda": the organization opens the title's qualifier
    if (
      tail.reading === 'person' &&
      tail.prefix.length > 1 &&
      !head.prefix.length &&
      ORGANIZATION_HEADS.has(last.lower) &&
      text.slice(last.end, next.start) === ' of ' &&
      !TITLES.has(next.lower)
    ) {
      const inner = tokens.slice(tokenIndexAt(tokens, last.end), tokenIndexAt(tokens, next.start));
      tail.prefix = [...head.core, ...inner, ...tail.prefix];
      tail.tokens = [...tail.prefix, ...tail.core];
      groups.splice(i, 1);
      continue;
    }
    if (tail.reading === 'person') continue;
    // ("Airlines for America, the trade group representing …": the apposition says the whole is one)
    const tailEnd = tail.tokens[tail.tokens.length - 1]?.end ?? 0;
    const apposed = GROUP_APPOSITION.exec(text.slice(tailEnd, tailEnd + 80))?.[1]?.toLowerCase() ?? '';
    const named =
      GROUP_HEADS.has(apposed) &&
      head.prefix.length === 0 &&
      !head.core.some((t) => isGivenName(t.lower)) &&
      // (not "Thousands of Oromos, a minority group": a quantity of people)
      !/^(?:thousands|hundreds|millions|dozens|members|supporters|leaders|some|many|most)$/.test(
        head.core[0]?.lower ?? '',
      ) &&
      /^ (?:for|of) $/.test(text.slice(last.end, next.start));
    const reading =
      ORGANIZATION_HEADS.has(last.lower) || named
        ? 'organization'
        : PLACE_HEADS.has(last.lower) || PLACE_OF_HEADS.has(last.lower)
          ? 'place'
          : null;
    if (!reading || (NOT_OF_HEADS.has(last.lower) && !named) || tail.prefix.length) continue;
    // "Bank of England"; an organization also "for" or "on" something: "Office for National
    // Statistics", "Council on Foreign Relations", "Association for the Advancement of …"
    const between = text.slice(last.end, next.start);
    // (not a place after "for": "Member of Parliament for Tooting")
    const purpose = reading === 'organization' && /^ (?:for|on)(?: the)? $/.test(between);
    // ("of the" before a place: "Armed Forces of the Philippines", "University of the Philippines")
    const place = tail.reading === 'place' || PLACES.has(joinLower(tail.core));
    const ofThePlace = between === ' of the ' && place;
    if (between !== ' of ' && !ofThePlace && (!purpose || place) && !named) continue;
    const inner = tokens.slice(tokenIndexAt(tokens, last.end), tokenIndexAt(tokens, next.start));
    const core = [...head.core, ...inner, ...tail.core];
    const whole: NameGroup = { tokens: [...head.prefix, ...core], prefix: head.prefix, core, reading };
    groups.splice(i, 2, whole);
    if (reading === 'organization') joined.add(whole);
  }
  // "Department of Public Works and Highways", "Centers for Disease Control and Prevention": one or
  // two words after "and" that name nothing of their own end such a name
  for (let i = groups.length - 2; i >= 0; i--) {
    const head = groups[i] as NameGroup;
    const tail = groups[i + 1] as NameGroup;
    const last = head.core[head.core.length - 1];
    const next = tail.tokens[0];
    const end = tail.tokens[tail.tokens.length - 1];
    if (!joined.has(head) || !last || !next || !end || tail.prefix.length || tail.core.length > 2) continue;
    // (not after a place: "University of Pennsylvania and Carnegie Mellon")
    if (PLACES.has(last.lower) || PLACES.has(joinLower(head.core.slice(-2)))) continue;
    const between = text.slice(last.end, next.start);
    if (between !== ' and ' && between !== ' of ') continue;
    const whole = joinLower(tail.core);
    if (
      tail.core.some((t) => t.acronym || isGivenName(t.lower)) ||
      PLACES.has(whole) ||
      KNOWN_ORGANIZATIONS.has(whole) ||
      listedOrganization(tail.core.map((t) => t.lower)) > 0 ||
      /^\s*\p{Lu}/u.test(text.slice(end.end, end.end + 2)) ||
      tail.reading === 'person'
    )
      continue;
    const core = [
      ...head.core,
      ...tokens.slice(tokenIndexAt(tokens, last.end), tokenIndexAt(tokens, next.start)),
      ...tail.core,
    ];
    const longer: NameGroup = {
      tokens: [...head.prefix, ...core],
      prefix: head.prefix,
      core,
      reading: 'organization',
    };
    groups.splice(i, 2, longer);
    if (between === ' of ') joined.add(longer);
  }
}

/**
 * "Rhinelander, Wis.", "Lynchburg, VA", "Sen. Rand Paul (Ky.)": a state or province written short
 * after a comma or in brackets is that place, named in full ("Ky." is Kentucky, not a person "Ky").
 * So is the state of a lawmaker's party label ("(D-Calif.)", "(R-Texas)"), not a person "D-Calif".
 */
function readRegion(text: string, group: NameGroup): void {
  const only = group.core[0];
  if (!only || group.core.length !== 1 || group.prefix.length) return;
  const before = text.slice(Math.max(0, only.start - 2), only.start);
  const party = before.endsWith('(') ? /^[DRI]-(\p{Lu}[\p{L}.]*)$/u.exec(only.word)?.[1] : undefined;
  if (party) {
    const state = REGION_ABBREVIATIONS[`${party.replace(/\.$/, '')}.`.toLowerCase()];
    group.reading = 'place';
    group.name = state ?? party.replace(/\.$/, '');
    return;
  }
  const dotted = only.word.endsWith('.') || text[only.end] === '.';
  const abbreviation = dotted
    ? REGION_ABBREVIATIONS[`${only.word.replace(/\.$/, '')}.`.toLowerCase()]
    : undefined;
  const postal =
    /^\p{Lu}{2}$/u.test(only.word) && before === ', ' && !/\p{L}/u.test(text[only.end] ?? '')
      ? POSTAL_CODES[only.word]
      : undefined;
  // ("N.H.", "S.C.": initials of a state are the state wherever they stand)
  const initials = only.acronym && group.reading !== 'person' && /^(?:\p{Lu}\.){2}$/u.test(only.word);
  const name =
    (abbreviation && (before === ', ' || before.endsWith('(') || initials) ? abbreviation : undefined) ??
    postal;
  if (!name) return;
  group.reading = 'place';
  group.name = name;
}

/** "Rhinelander, Wis.": the word before a state named short is a city, not a person's surname. */
/**
 * "Rome, Florence and Bologna": a single word listed among places is a place, though it is also a
 * given name. The list's other members, at least two of them, must all be places.
 */
function readPlaceLists(
  text: string,
  groups: NameGroup[],
  caps: Uint8Array,
  tokens: Token[],
  surnames: Set<string | undefined>,
): void {
  const joins = (a: NameGroup, b: NameGroup) => {
    const end = a.tokens[a.tokens.length - 1];
    const start = b.tokens[0];
    return !!end && !!start && /^(?:, | and |, and )$/.test(text.slice(end.end, start.start));
  };
  for (let i = 0; i < groups.length; i++) {
    const group = groups[i] as NameGroup;
    const only = group.core[0];
    if (!only || group.core.length !== 1 || group.prefix.length || caps[tokenIndexAt(tokens, only.start)])
      continue;
    // (not the surname of a full name of the text: "Iowa, New Hampshire and Clinton")
    if (surnames.has(only.lower) || only.word.includes('-')) continue;
    if (group.reading !== 'single' && group.reading !== 'person' && group.reading !== 'unknown') continue;
    const members: NameGroup[] = [];
    for (let k = i - 1; k >= 0 && joins(groups[k] as NameGroup, groups[k + 1] as NameGroup); k--)
      members.push(groups[k] as NameGroup);
    for (let k = i + 1; k < groups.length && joins(groups[k - 1] as NameGroup, groups[k] as NameGroup); k++)
      members.push(groups[k] as NameGroup);
    if (members.length >= 2 && members.every((m) => m.reading === 'place')) group.reading = 'place';
  }
}

function readCities(text: string, groups: NameGroup[]): void {
  for (let i = 0; i + 1 < groups.length; i++) {
    const city = groups[i];
    const region = groups[i + 1];
    const last = city?.core[city.core.length - 1];
    const next = region?.core[0];
    if (!city || !region || !last || !next || region.reading !== 'place' || !region.name) continue;
    if (text.slice(last.end, next.start) !== ', ' || city.prefix.length) continue;
    if (city.reading === 'single' || city.reading === 'unknown') city.reading = 'place';
  }
}

/**
 * "Premier warns …", "the Chancellor said": a title alone names no one (the text may use it for a
 * person it named before; the speaker steps resolve that), unless it is the surname of a full name
 * the text gives ("John Major … Major said").
 */
function isTitleAlone(group: NameGroup, surnames: Set<string | undefined>): boolean {
  const only = group.core[0];
  return (
    !!only &&
    group.core.length === 1 &&
    group.prefix.length === 0 &&
    (group.reading === 'single' || group.reading === 'unknown' || group.reading === 'person') &&
    TITLES.has(only.lower) &&
    !surnames.has(only.lower)
  );
}

/**
 * "Secretary of State John Kerry", "the Inspector General issued", "Deputy Chief of Staff": a title
 * word left alone by the words around it is part of a title, not a person named "Secretary".
 */
function isBareTitle(text: string, group: NameGroup): boolean {
  const only = group.core[0];
  if (!only || group.core.length !== 1 || group.reading === 'place' || group.reading === 'organization')
    return false;
  if (!TITLES.has(only.lower) && !PERSON_NOUNS.has(only.lower)) return false;
  const lastPrefix = group.prefix[group.prefix.length - 1];
  return /^ of\b/.test(text.slice(only.end, only.end + 4)) || (!!lastPrefix && TITLES.has(lastPrefix.lower));
}

/**
 * "the Hoosier State", "the Granite State": a state by its nickname is a place; "Ohio State" (a
 * university, no article) and "the Islamic State" (a group) are not nicknames.
 */
function isStateNickname(text: string, group: NameGroup): boolean {
  const first = group.core[0];
  const last = group.core[group.core.length - 1];
  if (!first || !last || group.reading !== 'organization' || last.lower !== 'state') return false;
  if (group.core.length < 2 || group.core.length > 3 || group.prefix.length > 0) return false;
  const words = group.core.slice(0, -1);
  return (
    /\bthe $/i.test(text.slice(Math.max(0, first.start - 4), first.start)) &&
    words.every((t) => !PLACES.has(t.lower) && !DEMONYMS.has(t.lower) && !STATE_GROUP_WORDS.has(t.lower))
  );
}

const STATE_GROUP_WORDS = new Set([
  'islamic',
  'deep',
  'nation',
  'welfare',
  'police',
  'one',
  'free',
  'secretary',
]);

const WORK_BEFORE = /\b(?:book|film|movie|documentary|novel|memoir|album|song|musical|sitcom)\s$/;

/** A capitalized adverb ("Interestingly", "Certainly"), not a given name ("Carly", "Waverly"). */
const ADVERB = /^\p{Lu}\p{Ll}{2,}(?:ingly|edly|ally|ately|ously|ively|fully|ably|ibly|ently|antly|ainly)$/u;

/** Words that are part of names ("Southern California", "United States") but never one alone. */
const NOT_NAMES_ALONE = new Set(
  'states southern northern eastern western midwestern northeastern northwestern southeastern southwestern supreme ever'.split(
    ' ',
  ),
);

/**
 * "Get Border Wall Contract Donald Trump", "Meeting Between Clinton", "Longtime Clinton": words
 * run into a full name (or the surname of one the text gives) from a headline in title case, words
 * the text also writes in lower case and party words, or any words before a full name the text
 * gives alone ("apoplectic Cheeto Donald Trump"), are not part of the name. (A place
 * before a name is the tagger's to trim: "New Hampshire" stays a place.)
 */
function trimLead(
  group: NameGroup,
  givenSurnames: Map<string, Set<string>>,
  lowerWords: Set<string>,
  fullNames: Set<string>,
  headline: boolean,
): void {
  const { core } = group;
  if (core.length < 2 || group.prefix.length > 0) return;
  if (group.reading !== 'person' && group.reading !== 'unknown') return;
  const plain = (t: Token) => lowerWords.has(t.lower) || PARTY_WORDS.has(t.lower) || ADVERB.test(t.word);
  for (let i = 1; i < core.length; i++) {
    const rest = core.slice(i);
    const lead = core.slice(0, i);
    if (
      lead.some((t) => isGivenName(t.lower) || t.acronym || t.word.includes('.') || CONNECTORS.has(t.lower))
    )
      return;
    // (a full name the text gives alone, or a given name and the surname of one: not "Rand | Paul
    // Scores Direct Hit"; a surname after words that are not its given name: not "America Ferrera")
    const last = rest[rest.length - 1]?.lower ?? '';
    if (lowerWords.has(last) || NON_NAME_WORDS.has(last)) return;
    const full =
      isGivenName(rest[0]?.lower ?? '') &&
      (fullNames.has(joinLower(rest)) || (rest.length === 2 && givenSurnames.has(last)));
    const surname =
      rest.length === 1 &&
      givenSurnames.has(last) &&
      !lead.some((t) => givenSurnames.get(last)?.has(t.lower));
    const common = lead.every(plain);
    // "New Hampshire Sanders voters": the place is the name
    if (surname && PLACES.has(joinLower(lead))) {
      Object.assign(group, { core: lead, tokens: lead, reading: 'place' });
      return;
    }
    const named = full && fullNames.has(joinLower(rest));
    if (!((full && (headline || common || named)) || (surname && common))) continue;
    group.core = rest;
    group.tokens = rest;
    group.reading = full ? 'person' : 'single';
    return;
  }
}

/** Departments a secretary heads, named by one word ("secretary of State", "of Defense"). */
const DEPARTMENT_WORDS = new Set(
  'state defense defence energy labor labour commerce justice treasury health education agriculture transportation interior homeland veterans'.split(
    ' ',
  ),
);

const GROUP_APPOSITION =
  /^,\s+(?:the|an?)\s+(?:(?!(?:of|for|at|with|in|on|from|to|who)\b)[\p{L}’'-]+\s+){0,4}?([\p{L}-]+)(?:\s*[,).;]|\s+(?:that|which|founded|formed|based|backed|funded|created|run|led|representing|whose)\b)/u;
const GROUP_HEADS = new Set(
  `agency newspaper paper daily weekly magazine network broadcaster channel station website outlet company firm group
  organization organisation party union nonprofit non-profit charity coalition association foundation institute
  watchdog startup start-up retailer manufacturer lender insurer airline automaker carmaker conglomerate publisher
  broadcaster think-tank tank house bank exchange regulator utility carrier supplier
  chain club team ministry committee council`.split(/\s+/),
);

/** Head words that, capitalized after "the", name one institution or paper: "the Government", "the Post". */
const INSTITUTIONS_BY_HEAD = new Set(
  'government house senate parliament cabinet congress legislature assembly post journal times'.split(' '),
);

const AUXILIARIES = new Set(
  'is was are were has had have will would could can may might should must did does'.split(' '),
);

/** Prepositions of place: a name right after one is where something is, not who speaks. */
const LOCATIVE_PREPOSITIONS = new Set([
  'in',
  'at',
  'from',
  'near',
  'across',
  'outside',
  'inside',
  'throughout',
]);

const OF_AFFILIATION = /^\s+of\s+(?:the\s+)?\p{Lu}[\p{L}.’'-]*(?:\s+\p{Lu}[\p{L}.’'-]*){0,4}/u;

/**
 * "Jo Roe, said", "Min Seo, 33, said", "Jo Roe of Acme, vice chair of the board, told", "Jo Roe,
 * 33, a nurse, said", "Jingyi Pan of IG said": up to two appositions after the name, then a speech verb.
 */
function appositionsThenVerb(raw: string): boolean {
  // ("Jens Spahn, leader of the Christian Democratic Union (CDU), said": an acronym in brackets)
  const tail = raw.replace(/\s*\([\p{Lu}\d&.-]{2,8}\)/gu, '');
  const of = OF_AFFILIATION.exec(tail);
  const rest = of ? tail.slice(of[0].length) : tail;
  if (of && SPEECH_VERBS.has(/^\s+(\p{Ll}+)/u.exec(rest)?.[1] ?? '')) return true;
  const parts = rest.split(',');
  if (parts.length < 2 || parts[0] !== '') return false;
  for (let k = 1; k <= 3 && k < parts.length; k++) {
    const part = parts[k] ?? '';
    if (SPEECH_VERBS.has(/^\s*(\p{Ll}+)/u.exec(part)?.[1] ?? '')) return true;
    if (part.length > 100 || /[.;:“”"()]/.test(part)) return false;
  }
  return false;
}

/** "said Jane Roe", "Jane Roe said", "Jane Roe, a lawyer", "lawyer Jane Roe": a person's usual company. */
function nearSpeechOrApposition(text: string, group: NameGroup): boolean {
  const first = group.tokens[0];
  const last = group.tokens[group.tokens.length - 1];
  if (!first || !last) return false;
  const before =
    /([\p{L}]+),?\s*$/u.exec(text.slice(Math.max(0, first.start - 30), first.start))?.[1]?.toLowerCase() ??
    '';
  if (group.core.some((t) => SUFFIXES.has(t.lower))) return true;
  const after = text.slice(last.end, last.end + 30);
  const next = /^\s*([\p{L}]+)/u.exec(after)?.[1]?.toLowerCase() ?? '';
  // (a name after a preposition of place is where the speaker is: "… in Heidelberg, said")
  const locative = LOCATIVE_PREPOSITIONS.has(before) || before === 'of';
  return (
    SPEECH_VERBS.has(before) ||
    TITLES.has(before) ||
    PERSON_NOUNS.has(before) ||
    (SPEECH_VERBS.has(next) && !locative) ||
    /according to\s*$/.test(text.slice(Math.max(0, first.start - 14), first.start)) ||
    /^(?:,|\s+(?:is|was))\s+(?:a|an|the|who|whose|one)\s/.test(after) ||
    // "Meaghan Lloyd, chief of staff at his firm": a title in apposition
    TITLES.has(
      /^,\s+(?:[\p{Ll}-]+\s+){0,2}?([\p{Ll}-]+)\s+(?:of|at|for|to|with)\s/u.exec(after)?.[1] ?? '',
    ) ||
    (!locative && appositionsThenVerb(text.slice(last.end, last.end + 200))) ||
    /^\s*\((?:[DRI]|[DRI]-[\p{L}.]+)\)/u.test(after)
  );
}

const PARTICLES = new Set([
  'le',
  'la',
  'de',
  'da',
  'di',
  'du',
  'del',
  'der',
  'van',
  'von',
  'el',
  'bin',
  'abu',
  'st.',
  // Irish and Arabic: "Eoin Ó Broin", "Mr Ó Broin"; "Máire Ní Bhriain"; "Ahmed ibn Saud"
  'ó',
  'ní',
  'nic',
  'ibn',
]);

/** The given name of a full name; "De Silva" has none. */
function suffixOf(core: Token[]): string | undefined {
  const last = core[core.length - 1]?.lower.replace(/\.$/, '');
  return last && SUFFIXES.has(last) ? last : undefined;
}

function givenName(words: string[]): string | null {
  const first = words[0];
  return words.length > 1 && first && !PARTICLES.has(first) ? first : null;
}

function mergePerson(
  records: EntityRecord[],
  core: Token[],
  addRecord: (kind: EntityKind, core: Token[]) => EntityRecord,
): void {
  const words = core.map((t) => t.lower).filter((w) => !SUFFIXES.has(w));
  const surname = words[words.length - 1];
  const firstName = givenName(words) ?? undefined;
  if (!surname) return;
  const suffix = suffixOf(core);
  const sameSurname = records.filter(
    (r) => r.kind === 'person' && r.surname === surname && r.suffix === suffix,
  );
  const name = core.map((t) => t.word).join(' ');
  // (and middle names that agree: "George W. Bush" is not "George H.W. Bush")
  const compatible = sameSurname.find(
    (r) =>
      (!firstName || !r.firstName || sameGivenName(r.firstName, firstName)) &&
      compatiblePersonNames(r.name, name),
  );
  if (!compatible) {
    addRecord('person', core);
    return;
  }
  const wordCount = name.split(' ').length;
  const knownCount = compatible.name.split(' ').length;
  // "Ken Starr" and "Kenneth Starr", "Hilary" and "Hillary Clinton": the longer given name is the
  // formal one (or the one spelled out)
  const formal =
    wordCount === knownCount &&
    !!firstName &&
    !!compatible.firstName &&
    firstName.length > compatible.firstName.length;
  if (wordCount > knownCount || formal) {
    compatible.aliases.add(compatible.name);
    compatible.name = name;
    compatible.firstName = firstName ?? compatible.firstName;
  }
}

/** A kinship word and up to four words before a name: "his wife, ", "brother of Hollywood legend ". */
const KINSHIP_BEFORE =
  /\b(?:wife|husband|widow|widower|spouse|brother|sister|son|daughter|father|mother|nephew|niece|cousin|grandson|granddaughter)(?:[’']s)?(?:\s+of)?,?\s+(?:[\p{L}.’'-]+\s+){0,4}$/u;

/** The person a (possibly short) name refers to: by full name, surname, or a unique first name. */
function personFor(
  text: string,
  records: EntityRecord[],
  core: Token[],
  at: number,
  mentions: NameMention[],
): EntityRecord | null {
  const words = core.map((t) => t.lower).filter((w) => !SUFFIXES.has(w));
  const surname = words[words.length - 1];
  const firstName = givenName(words) ?? undefined;
  if (!surname) return null;
  const people = records.filter((r) => r.kind === 'person');
  // "Trump Jr." and "Donald Trump" each name one of a father and son; a bare "Trump" either
  const suffix = suffixOf(core);
  const suffixFits = (r: EntityRecord) => r.suffix === suffix || (!suffix && words.length === 1);
  const written = words.length > 2 ? core.map((t) => t.word).join(' ') : '';
  const bySurname = people.filter(
    (r) =>
      r.surname === surname &&
      (!firstName || !r.firstName || sameGivenName(r.firstName, firstName)) &&
      (!written || compatiblePersonNames(r.name, written)) &&
      suffixFits(r),
  );
  if (bySurname.length === 1) return bySurname[0] ?? null;
  // a bare "Trump" beside "Donald Trump" and "Donald Trump Jr." is the father, named without one
  const unsuffixed = !suffix && words.length === 1 ? bySurname.filter((r) => !r.suffix) : [];
  if (unsuffixed.length === 1 && bySurname.length > 1) return unsuffixed[0] ?? null;
  if (bySurname.length > 1) {
    // the same surname for two people: "Mrs. Lund" is the woman; otherwise the one named most recently
    const honorific = /\b(Mr|Mrs|Ms|Miss)\.?\s+$/.exec(text.slice(Math.max(0, at - 6), at))?.[1];
    const wanted: Gender = honorific ? (honorific === 'Mr' ? 'male' : 'female') : null;
    const byGender = wanted
      ? bySurname.filter((r) => (r.gender ?? genderOfName(r.firstName)) === wanted)
      : [];
    if (byGender.length === 1) return byGender[0] ?? null;
    // otherwise the one the article names in full most often, then the one named most recently
    const fullMentions = (r: EntityRecord) =>
      mentions.filter((m) => m.key === r.key && m.text.includes(' ')).length;
    const most = Math.max(...bySurname.map(fullMentions));
    const leaders = bySurname.filter((r) => fullMentions(r) === most);
    if (leaders.length === 1) return leaders[0] ?? null;
    // a relative introduced as one ("his wife, Jane Sanders", "brother of Ron Howard") is named in
    // full again rather than by the surname the article's subject goes by
    const relatives = leaders.filter((r) =>
      mentions.some(
        (m) =>
          m.key === r.key &&
          m.text.includes(' ') &&
          KINSHIP_BEFORE.test(text.slice(Math.max(0, m.start - 60), m.start)),
      ),
    );
    const others = leaders.filter((r) => !relatives.includes(r));
    if (others.length === 1 && relatives.length > 0) return others[0] ?? null;
    for (let i = mentions.length - 1; i >= 0; i--) {
      const m = mentions[i];
      if (m && m.start < at) {
        const hit = leaders.find((r) => r.key === m.key);
        if (hit) return hit;
      }
    }
    return leaders.find((r) => r.firstName) ?? leaders[0] ?? null;
  }
  if (words.length === 1) {
    const byFirst = people.filter((r) => r.firstName === surname);
    if (byFirst.length === 1) return byFirst[0] ?? null;
    // ("Pat" for "Patrick Mahomes": the short form of the given name of one person of the text)
    const byShortForm = byFirst.length
      ? []
      : people.filter((r) => r.firstName && r.name.includes(' ') && sameGivenName(r.firstName, surname));
    if (byShortForm.length === 1) return byShortForm[0] ?? null;
  }
  return null;
}

/** A name right after a speech verb that takes an object: "told Dawn", "accused Labor". */
function isSpeechObject(tokens: Token[], group: NameGroup): boolean {
  const previous = tokens[tokenIndexAt(tokens, group.tokens[0]?.start ?? 0) - 1];
  return !!previous && OBJECT_SPEECH_VERBS.has(previous.lower);
}

function isSpeechSubject(text: string, group: NameGroup, tokens: Token[]): boolean {
  const last = group.tokens[group.tokens.length - 1];
  if (!last || last.possessive) return false;
  const next = tokens[tokenIndexAt(tokens, last.end)];
  const start = group.tokens[0]?.start ?? 0;
  // "Police in Derry said": the name after a preposition is not the verb's subject
  if (LOCATIVE_PREPOSITIONS.has(tokens[tokenIndexAt(tokens, start) - 1]?.lower ?? '')) return false;
  if (next && /^\s*$/.test(text.slice(last.end, next.start)) && SPEECH_VERBS.has(next.lower)) return true;
  // "Okafor, for example, said", "Maria, called for": the verb after an aside
  const aside = /^\s*,(?:[^,.;“”"]{1,80},)?\s+(\p{Ll}+)/u.exec(text.slice(last.end, last.end + 100));
  if (aside?.[1] && SPEECH_VERBS.has(aside[1])) return true;
  const first = group.tokens[0];
  const previous = first ? tokens[tokenIndexAt(tokens, first.start) - 1] : undefined;
  return (
    !!previous &&
    /^\s+$/.test(text.slice(previous.end, first?.start)) &&
    SPEECH_VERBS.has(previous.lower) &&
    !OBJECT_SPEECH_VERBS.has(previous.lower)
  );
}

function noteTitles(record: EntityRecord, prefix: Token[]): void {
  const words = prefix
    .map((t) => t.lower.replace(/\.$/, ''))
    .filter((w) => !HONORIFICS.has(w) && !DEMONYMS.has(w));
  if (words.length) record.titles.add(words.join(' '));
  for (const t of prefix) {
    if (/^(mr|sir|lord)\.?$/.test(t.lower)) record.gender ??= 'male';
    if (/^(mrs|ms|miss|dame|lady)\.?$/.test(t.lower)) record.gender ??= 'female';
  }
}

/** "The New York Post" keeps its article when the text capitalizes it mid-sentence. */
function keepArticle(record: EntityRecord, text: string): void {
  // (an acronym's page is titled without it: "The FBI" in a title-case headline is the FBI)
  if (/^(?:\p{Lu}[\p{Lu}\d&]+|(?:\p{Lu}\.){2,})$/u.test(record.name)) return;
  // a newspaper's name carries its article even at the start of a sentence ("The Post reported")
  const newspaper =
    /\b(?:Times|Post|Journal|Herald|Tribune|Gazette|Examiner|Globe|Chronicle|Guardian|Telegraph|Economist|Federalist|Hill)$/.test(
      record.name,
    );
  const written = record.mentions.some((m) => {
    const before = text.slice(Math.max(0, m.start - 8), m.start);
    // "according to The Hill": "The" inside a sentence; not after a paragraph break ("…\n\nThe RCMP said")
    // (nor after a dateline's dash: "PHOENIX — The Phoenix City Council voted")
    const lineStart = text.lastIndexOf('\n', m.start) + 1;
    // ("GENEVA (Reuters) - The World Health Organization said")
    if (
      /^\p{Lu}[\p{Lu}\s.,'’()-]*(?:\([\p{L}\s.]+\)\s*)?(?:[—–-]|\p{Lu}:)\s*The\s$/u.test(
        text.slice(lineStart, m.start),
      )
    )
      return false;
    return /[^\s.!?“”"'][ \t\u00a0]*The\s$/.test(before) || (newspaper && /(?:^|\s)The\s$/.test(before));
  });
  if (!written) return;
  record.aliases.add(record.name);
  record.name = `The ${record.name}`;
}

/**
 * Gender from the text when names and titles do not give it: a sentence about a person followed by a
 * sentence that opens with "He" or "She" votes for that pronoun; conflicting votes leave it open.
 */
export function inferGenderFromPronouns(text: string, sentences: Span[], index: EntityIndex): void {
  const votes = new Map<string, { male: number; female: number }>();
  let m = 0;
  for (let i = 0; i + 1 < sentences.length; i++) {
    const sentence = sentences[i];
    const next = sentences[i + 1];
    if (!sentence || !next) continue;
    const pronoun = /^[\s“"']*(He|She)\b/.exec(text.slice(next.start, next.start + 8))?.[1];
    while (m < index.mentions.length && (index.mentions[m]?.start ?? 0) < sentence.start) m++;
    if (!pronoun) continue;
    const subject = index.mentions
      .slice(m, m + 12)
      .find((x) => x.start < sentence.end && index.byKey.get(x.key)?.kind === 'person');
    if (!subject) continue;
    const tally = votes.get(subject.key) ?? { male: 0, female: 0 };
    if (pronoun === 'He') tally.male++;
    else tally.female++;
    votes.set(subject.key, tally);
  }
  for (const [key, tally] of votes) {
    const record = index.byKey.get(key);
    if (!record || record.gender) continue;
    if (tally.male > 0 && tally.female === 0) record.gender = 'male';
    if (tally.female > 0 && tally.male === 0) record.gender = 'female';
  }
}

function genderOfName(firstName: string | null): Gender {
  if (!firstName) return null;
  const male = MALE_FIRST_NAMES.has(firstName);
  const female = FEMALE_FIRST_NAMES.has(firstName);
  return male === female ? null : male ? 'male' : 'female';
}

function assignGender(record: EntityRecord, text: string): void {
  if (record.kind !== 'person' || record.gender) return;
  const first = record.firstName ?? record.name.split(' ')[0]?.toLowerCase() ?? '';
  if (record.firstName && MALE_FIRST_NAMES.has(first) && !FEMALE_FIRST_NAMES.has(first))
    record.gender = 'male';
  else if (record.firstName && FEMALE_FIRST_NAMES.has(first) && !MALE_FIRST_NAMES.has(first))
    record.gender = 'female';
  else if ([...record.titles].some((t) => FEMALE_TITLES.has(t))) record.gender = 'female';
  else {
    // a lower-case title right before a mention ("spokeswoman Jane Doe")
    for (const m of record.mentions) {
      const before = text.slice(Math.max(0, m.start - 30), m.start).toLowerCase();
      if (
        /(spokeswoman|congresswoman|chairwoman|businesswoman|actress|wife|mother|daughter)\s+$/.test(before)
      ) {
        record.gender = 'female';
        return;
      }
    }
  }
}

const READING_CODES: Record<Reading, number> = {
  person: 2,
  organization: 3,
  place: 4,
  single: 5,
  unknown: 6,
  rejected: 7,
};

/**
 * What the capitalization rules make of each token, as a feature of the entity tagger: 0 outside any
 * capitalized run, 1 a title or qualifier before a name, else the reading of the name (+8 past its
 * first word).
 */
export function ruleReadings(text: string, tokens: Token[]): Uint8Array {
  return readingsOf(nameGroups(text, tokens), tokens);
}

function readingsOf(groups: NameGroup[], tokens: Token[]): Uint8Array {
  const readings = new Uint8Array(tokens.length);
  for (const group of groups) {
    const code = READING_CODES[group.reading];
    for (const t of group.prefix) readings[tokenIndexAt(tokens, t.start)] = 1;
    group.core.forEach((t, k) => {
      readings[tokenIndexAt(tokens, t.start)] = code + (k > 0 ? 8 : 0);
    });
  }
  return readings;
}

function nameGroups(text: string, tokens: Token[]): NameGroup[] {
  const runs: Token[][] = [];
  let run: Token[] = [];
  const flush = () => {
    if (run.length) runs.push(run);
    run = [];
  };
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (!token) continue;
    const joinable = token.capitalized && !/^[@#]/.test(token.text);
    // not run[run.length - 1]: reading index -1 of an empty run is a slow property lookup in V8
    const prev = run.length ? run[run.length - 1] : undefined;
    const gapOk = prev ? /^[ \u00a0]$/.test(text.slice(prev.end, token.start)) && !prev.possessive : false;
    if (joinable && prev && gapOk) {
      run.push(token);
      continue;
    }
    // "Oscar de la Renta": connectors may follow one another before the name goes on
    const second = tokens[i + 1] && CONNECTORS.has(tokens[i + 1]?.lower ?? '') ? tokens[i + 1] : undefined;
    const next = second ? tokens[i + 2] : tokens[i + 1];
    if (
      prev &&
      gapOk &&
      CONNECTORS.has(token.lower) &&
      next?.capitalized &&
      (!second || (token.lower !== 'of' && second.lower !== 'of')) &&
      /^[ \u00a0]$/.test(text.slice(token.end, (second ?? next).start)) &&
      (!second || /^[ \u00a0]$/.test(text.slice(second.end, next.start))) &&
      (token.lower !== 'of' || ORGANIZATION_HEADS.has(prev.lower) || TITLES.has(prev.lower))
    ) {
      run.push(token);
      if (second) {
        run.push(second);
        i++;
      }
      continue;
    }
    flush();
    if (joinable) run.push(token);
  }
  flush();
  // "George Will", "Theresa May": a word that is also a function word, after a given name, is a
  // surname, there and where the text uses it alone before a verb ("Will wrote")
  const wordSurnames = new Set<string>();
  for (const r of runs)
    for (let k = 1; k < r.length; k++) {
      const word = r[k]?.lower ?? '';
      const given = r[k - 1]?.lower ?? '';
      if (NON_NAME_WORDS.has(word) && isGivenName(given)) wordSurnames.add(word);
    }
  const surnameTokens = new Set<Token>();
  if (wordSurnames.size)
    for (const [k, token] of tokens.entries()) {
      if (!token.capitalized || !wordSurnames.has(token.lower)) continue;
      const before = tokens[k - 1];
      const after = tokens[k + 1];
      const afterGiven = !!before && isGivenName(before.lower);
      const beforeVerb =
        token.word.length > 2 &&
        !!after &&
        /^\p{Ll}+$/u.test(after.word) &&
        !NON_NAME_WORDS.has(after.lower) &&
        !PRONOUNS_AFTER_MODAL.has(after.lower);
      if (afterGiven || beforeVerb) surnameTokens.add(token);
    }
  numberRoads(text, tokens, runs);
  return runs.flatMap((r) => {
    const groups = splitRun(r, surnameTokens).map(readGroup);
    if (quotedRun(text, r)) for (const g of groups) g.quoted = true;
    return groups;
  });
}

/** Roads named by a number: "35th Avenue", "Interstate 10", "Highway 1", "Route 66". */
const NUMBERED_HEADS = new Set(['street', 'avenue', 'road', 'st.', 'ave.', 'rd.', 'parallel']);
const NUMBER_AFTER = new Set(['interstate', 'highway', 'route', 'hwy.', 'hwy', 'i', 'exit', 'pier']);
const ORDINAL = /^\d+(?:st|nd|rd|th)?$/;

/** Puts the number of a road named by one into its run, so the name is whole ("35th Avenue", not "Avenue"). */
function numberRoads(text: string, tokens: Token[], runs: Token[][]): void {
  const spaced = (a: Token | undefined, b: Token | undefined) =>
    !!a && !!b && /^[ \u00a0]$/.test(text.slice(a.end, b.start));
  for (const run of runs) {
    const first = run[0];
    const last = run[run.length - 1];
    if (!first || !last) continue;
    const at = tokenIndexAt(tokens, first.start);
    const before = tokens[at - 1];
    if (
      run.length === 1 &&
      NUMBERED_HEADS.has(first.lower) &&
      ORDINAL.test(before?.word ?? '') &&
      spaced(before, first)
    )
      run.unshift(before as Token);
    // "Second Thomas Shoal", "First Baptist Church": an ordinal word opening a place's or an
    // organization's name
    if (
      before &&
      /^(?:First|Second|Third)$/.test(before.word) &&
      (PLACE_HEADS.has(last.lower) || ORGANIZATION_HEADS.has(last.lower)) &&
      spaced(before, first)
    )
      run.unshift(before);
    const after = tokens[tokenIndexAt(tokens, last.start) + 1];
    if (NUMBER_AFTER.has(last.lower) && /^\d+$/.test(after?.word ?? '') && spaced(last, after))
      run.push(after as Token);
  }
}

/** A run of two or more capitalized words that fills a pair of quotation marks: “Morning Joe”. */
function quotedRun(text: string, run: Token[]): boolean {
  const first = run[0];
  const last = run[run.length - 1];
  return (
    !!first &&
    !!last &&
    run.length >= 2 &&
    /[“"‘]/.test(text[first.start - 1] ?? '') &&
    /^[.,!?]?[”"’]/.test(text.slice(last.end, last.end + 2)) &&
    !KNOWN_ORGANIZATIONS.has(joinLower(run)) &&
    !PLACES.has(joinLower(run))
  );
}

/** Words after which a capitalized "Will" or "May" is the modal verb ("Will he run?"). */
const PRONOUNS_AFTER_MODAL = new Set(['i', 'you', 'he', 'she', 'it', 'we', 'they', 'there', 'not']);

/** Splits a capitalized run at sentence-initial function words and times ("When Putin" → "Putin"). */
function splitRun(run: Token[], surnameTokens: Set<Token>): Token[][] {
  const parts: Token[][] = [];
  let part: Token[] = [];
  for (const [i, token] of run.entries()) {
    if (surnameTokens.has(token)) {
      part.push(token);
      continue;
    }
    const plain = token.lower.replace(/\.$/, '');
    // "Following Okafor on the radio": a participle opening the sentence, not a given name
    const participle = i === 0 && run.length > 1 && /^\p{Lu}\p{Ll}{3,}ing$/u.test(token.word);
    // "Interestingly Brekke said": an adverb opening the sentence, not a given name
    const adverb = i === 0 && run.length > 1 && (ADVERB.test(token.word) || token.word === 'Born');
    // "World War I. Clinton": a numeral after an event's head ends the name before the next sentence
    if (i > 0 && /^[IVX]+\.$/.test(token.word) && NON_ENTITY_HEADS.has(run[i - 1]?.lower ?? '')) {
      part.push(token);
      parts.push(part);
      part = [];
      continue;
    }
    // "I'll", "We're": a contraction is never part of a name
    const contraction = /['’](?:ll|m|re|ve|d)$/i.test(token.word);
    // "Samuel A. Alito Jr.": an initial is not the article "a"
    const initial = /^\p{Lu}\.$/u.test(token.word);
    // "St. Petersburg", "Sault Ste. Marie": a saint's name, not a street's abbreviation
    const saint = isSaint(token) && i + 1 < run.length;
    // "the Liberal Party", "the Conservative Caucus": a political word before an organization head
    // ("the Liberal Democratic Party": two words before the head)
    const partyName =
      PERSON_NOUNS.has(token.lower) &&
      (i + 2 === run.length || i + 3 === run.length) &&
      ORGANIZATION_HEADS.has(run[run.length - 1]?.lower ?? '');
    // "Judicial Watch": an organization's head word ending the run, though alone it is a web page's
    // "Watch"
    const head =
      i > 0 &&
      i + 1 === run.length &&
      part.length > 0 &&
      !token.word.endsWith('.') &&
      ORGANIZATION_HEADS.has(plain);
    // "Second Thomas Shoal" (numberRoads put the ordinal in the run)
    const closing = run[run.length - 1]?.lower ?? '';
    const ordinal =
      i === 0 &&
      run.length > 1 &&
      /^(?:First|Second|Third)$/.test(token.word) &&
      (PLACE_HEADS.has(closing) || ORGANIZATION_HEADS.has(closing));
    // "All Progressives Congress", "All India Trinamool Congress": "All" opening an organization's name
    const all = i === 0 && token.word === 'All' && run.length > 2 && ORGANIZATION_HEADS.has(closing);
    if (
      participle ||
      adverb ||
      contraction ||
      (!token.acronym &&
        !initial &&
        !saint &&
        !partyName &&
        !head &&
        !ordinal &&
        !all &&
        (NON_NAME_WORDS.has(plain) || NON_NAME_WORDS.has(token.lower)))
    ) {
      if (part.length) parts.push(part);
      part = [];
      continue;
    }
    part.push(token);
  }
  if (part.length) parts.push(part);
  return parts.map((p) => {
    let end = p.length;
    while (end > 0 && CONNECTORS.has(p[end - 1]?.lower ?? '')) end--;
    return p.slice(0, end);
  });
}

const joinLower = (tokens: Token[]) => tokens.map((t) => t.lower).join(' ');

function longestMatch(
  tokens: Token[],
  from: number,
  set: ReadonlySet<string> | ReadonlyMap<string, string>,
): number {
  const most = Math.min(4, tokens.length - from);
  const first = tokens[from]?.lower;
  if (most <= 0 || first === undefined) return 0;
  // words are joined only after a word that opens a listed phrase: most runs are of one or two words
  if (most > 1 && phraseOpeners(set).has(first)) {
    for (let length = most; length > 1; length--) {
      if (set.has(joinLower(tokens.slice(from, from + length)))) return length;
    }
  }
  return set.has(first) ? 1 : 0;
}

const openers = new WeakMap<object, Set<string>>();

/** The first words of a list's phrases of several words. */
function phraseOpeners(set: ReadonlySet<string> | ReadonlyMap<string, string>): Set<string> {
  let found = openers.get(set);
  if (!found) {
    found = new Set();
    for (const phrase of set.keys()) {
      const space = phrase.indexOf(' ');
      if (space >= 0) found.add(phrase.slice(0, space));
    }
    openers.set(set, found);
  }
  return found;
}

function readGroup(tokens: Token[]): NameGroup {
  const whole = joinLower(tokens);
  const last = tokens[tokens.length - 1];
  if (PLACES.has(whole)) return { tokens, prefix: [], core: tokens, reading: 'place' };
  // "35th Avenue", "Interstate 10"
  const number = tokens.findIndex((t) => /^\d/.test(t.word));
  if (
    tokens.length === 2 &&
    ((number === 0 && NUMBERED_HEADS.has(last?.lower ?? '')) ||
      (number === 1 && NUMBER_AFTER.has(tokens[0]?.lower ?? '')))
  )
    return { tokens, prefix: [], core: tokens, reading: 'place' };
  if (tokens.length === 1 && last?.acronym && GENERIC_ACRONYMS.has(whole))
    return { tokens, prefix: [], core: tokens, reading: 'rejected' };
  // "Hurricane Melissa", "Typhoon Carina": a storm is an event, not a person
  if (tokens.length > 1 && /^(?:hurricane|typhoon|cyclone|storm|tropical)$/.test(tokens[0]?.lower ?? ''))
    return { tokens, prefix: [], core: tokens, reading: 'rejected' };
  // "super PACs", "CEOs", "NGOs": an acronym in the plural names a kind of thing, not one
  if (tokens.length === 1 && last && /^\p{Lu}{2,}s$/u.test(last.word))
    return { tokens, prefix: [], core: tokens, reading: 'rejected' };
  // ("Labour MPs", "Tory MPs": the party is the name; its members are a kind of people)
  if (tokens.length > 1 && last && /^\p{Lu}{2,}s$/u.test(last.word)) return readGroup(tokens.slice(0, -1));
  if (isOrganization(tokens)) return { tokens, prefix: [], core: tokens, reading: 'organization' };
  // "the Kentucky Republican", "the Indiana Republican primary": a place and a party word describe a
  // person or a contest; the place is the name
  const place = tokens.slice(0, -1);
  if (last && place.length && PARTY_WORDS.has(last.lower.replace(/s$/, '')) && PLACES.has(joinLower(place)))
    return { tokens: place, prefix: [], core: place, reading: 'place' };

  let at = 0;
  let titled = false;
  while (at < tokens.length - 1) {
    const title = longestMatch(tokens, at, TITLES) || longestMatch(tokens, at, HONORIFICS);
    if (title) {
      titled = true;
      at += title;
      continue;
    }
    const qualifier =
      longestMatch(tokens, at, DEMONYMS) ||
      longestMatch(tokens, at, KNOWN_ORGANIZATIONS) ||
      longestMatch(tokens, at, PLACES) ||
      (tokens[at]?.acronym ? 1 : 0);
    if (qualifier && at + qualifier < tokens.length && longestMatch(tokens, at + qualifier, TITLES)) {
      at += qualifier;
      continue;
    }
    // "Fox News Sean Hannity": a listed organization or place before a full name is where the person
    // works or comes from, not part of the name
    const next = tokens[at + qualifier];
    if (
      qualifier &&
      !tokens[at]?.acronym &&
      !isGivenName(tokens[at]?.lower ?? '') &&
      next &&
      isGivenName(next.lower) &&
      tokens.length - at - qualifier >= 2
    ) {
      at += qualifier;
      titled = true;
    }
    break;
  }
  // capitalized words before the last title word are part of the title ("U.S. District Judge Ann Roe")
  for (let k = tokens.length - 2; k >= at; k--) {
    const word = tokens[k]?.lower ?? '';
    const after = tokens.slice(k + 1);
    // "Public Advocate Trish James", "Ranking Democrat Dianne Feinstein": a role's head word, or a
    // party word before a full name, ends the title
    const roleHead = ROLE_HEADS.has(word) || (PARTY_WORDS.has(word) && after.length >= 2);
    // "Martin Luther King Jr.": a title word before nothing but a suffix is the surname
    if (
      (TITLES.has(word) || HONORIFICS.has(word) || roleHead) &&
      after.every((t) => !t.acronym) &&
      !after.every((t) => SUFFIXES.has(t.lower))
    ) {
      at = k + 1;
      titled = true;
      break;
    }
  }
  // "Democrat Ann Roe", "Russian Vladimir Putin": a party or nationality before a full name
  const lead = tokens[at];
  // (not before a place's or an organization's head word: "Indian School Road", "American Red Cross")
  if (
    lead &&
    tokens.length - at >= 3 &&
    (PARTY_WORDS.has(lead.lower) || DEMONYMS.has(lead.lower)) &&
    !PLACE_HEADS.has(last?.lower ?? '') &&
    !ORGANIZATION_HEADS.has(last?.lower ?? '')
  )
    at++;
  const prefix = tokens.slice(0, at);
  const core = tokens.slice(at);
  if (!last || core.length === 0) return { tokens, prefix, core, reading: 'unknown' };
  // "Cuban American": two nationalities are who people are, not a name
  if (core.length === 2 && core.every((t) => DEMONYMS.has(t.lower) || PEOPLE_WORDS.has(t.lower)))
    return { tokens, prefix, core, reading: 'rejected' };
  if (core.some((t) => /\d/.test(t.word))) return { tokens, prefix, core, reading: 'unknown' };
  // ("Best Candidate Ever": a title before a word that is never a name alone)
  if (core.length === 1 && NOT_NAMES_ALONE.has(core[0]?.lower ?? ''))
    return { tokens, prefix, core, reading: 'rejected' };
  if (titled && !core.every((t) => t.acronym)) return { tokens, prefix, core, reading: 'person' };
  if (core.length === 1) {
    const only = core[0];
    // "Iraqi", "Iraqis", "Democrat": who people are, not a name
    const singular = only?.lower.replace(/s$/, '') ?? '';
    // ("African-Americans", "Mexican-American": each part a nationality)
    const people = (w: string) =>
      DEMONYMS.has(w) ||
      PEOPLE_WORDS.has(w) ||
      (w.includes('-') && w.split('-').every((part) => DEMONYMS.has(part) || PEOPLE_WORDS.has(part)));
    // "a standing O.", "R-NY": an initial alone, a party and a state
    if (
      only &&
      (people(only.lower) ||
        people(singular) ||
        PARTY_WORDS.has(only.lower) ||
        NOT_NAMES_ALONE.has(only.lower) ||
        /^\p{Lu}\.$/u.test(only.word) ||
        // ("D-Ariz.", "R-Texas" too)
        /^[RDI]-(?:\p{Lu}{2}|\p{Lu}\p{Ll}+\.?)$/u.test(only.word))
    )
      return { tokens, prefix, core, reading: 'rejected' };
    // "KING-TV": a broadcaster's call sign
    if (only && /^\p{Lu}{3,4}-(?:TV|FM|AM|DT)$/u.test(only.word))
      return { tokens, prefix, core, reading: 'organization' };
    if (only?.acronym && GENERIC_ACRONYMS.has(only.lower))
      return { tokens, prefix, core, reading: 'rejected' };
    if (only?.acronym) return { tokens, prefix, core, reading: 'organization' };
    return { tokens, prefix, core, reading: 'single' };
  }
  const first = core[0]?.lower ?? '';
  if (isGivenName(first)) return { tokens, prefix, core, reading: 'person' };
  if (
    core.every((t) => (!t.acronym && /^\p{Lu}[\p{Ll}'’\-.]/u.test(t.word)) || /^\p{Lu}\.$/u.test(t.word)) &&
    core.length <= 4
  )
    return { tokens, prefix, core, reading: 'unknown' };
  return { tokens, prefix, core, reading: 'unknown' };
}

function isOrganization(tokens: Token[]): boolean {
  const last = tokens[tokens.length - 1];
  if (!last) return false;
  const whole = joinLower(tokens);
  if (KNOWN_ORGANIZATIONS.has(whole) || /\.(com|org|net)$/.test(whole)) return true;
  if (tokens.length === 1) return last.acronym && !PLACES.has(last.lower);
  // (a title and an organization's head word alone are an organization: "Premier League", "General Motors")
  if (ORGANIZATION_HEADS.has(last.lower))
    return tokens.length === 2 || !TITLES.has(joinLower(tokens.slice(0, 1)));
  return false;
}

/** Places and organizations inside a run that is not itself a name ("Ending Ukraine War"). */
function knownNamesInside(tokens: Token[]): NameGroup[] {
  const found: NameGroup[] = [];
  for (let at = 0; at < tokens.length; ) {
    const place = longestMatch(tokens, at, PLACES);
    const organization = longestMatch(tokens, at, KNOWN_ORGANIZATIONS);
    const length = Math.max(place, organization);
    if (length) {
      const part = tokens.slice(at, at + length);
      found.push({
        tokens: part,
        prefix: [],
        core: part,
        reading: place >= organization ? 'place' : 'organization',
      });
      at += length;
    } else at++;
  }
  return found;
}

/** Mentions lying within [start, end), found by binary search over the sorted list. */
export function mentionsBetween(mentions: NameMention[], start: number, end: number): NameMention[] {
  let lo = 0;
  let hi = mentions.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((mentions[mid]?.start ?? 0) < start) lo = mid + 1;
    else hi = mid;
  }
  const found: NameMention[] = [];
  for (let k = lo; k < mentions.length; k++) {
    const m = mentions[k];
    if (!m || m.start >= end) break;
    if (m.end <= end) found.push(m);
  }
  return found;
}

/** The mention that ends exactly at `end`, if any. */
export function mentionEndingAt(mentions: NameMention[], end: number): NameMention | null {
  const near = mentionsBetween(mentions, Math.max(0, end - 120), end);
  for (let k = near.length - 1; k >= 0; k--) if (near[k]?.end === end) return near[k] ?? null;
  return null;
}
