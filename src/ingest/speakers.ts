import {
  type EntityIndex,
  type EntityRecord,
  mentionEndingAt,
  mentionsBetween,
  type NameMention,
} from './entities';
import {
  DEMONYMS,
  FEMALE_FIRST_NAMES,
  INDEFINITE_DETERMINERS,
  MALE_FIRST_NAMES,
  ORGANIZATION_NOUNS,
  PERSON_NOUNS,
  PRONOUN_GENDER,
  SPEECH_VERBS,
  TITLES,
} from './lexicon';
import { titleMatches } from './roles';
import { type Token, tokenIndexAt } from './tokens';
import type { ExtractedRole, Span } from './types';

export interface ArticleContext {
  text: string;
  tokens: Token[];
  index: EntityIndex;
  roles: ExtractedRole[];
  sentences: Span[];
  paragraphs: Span[];
  /** Quoted spans (marks included): names inside them are not candidate speakers. */
  quoted: Span[];
}

export type PhraseKind = 'name' | 'pronoun' | 'description' | 'indefinite';

/** The words that name a speaker, as found next to a cue. */
export interface SpeakerPhrase extends Span {
  text: string;
  kind: PhraseKind;
  mention: NameMention | null;
}

export interface ResolvedSpeaker {
  phrase: SpeakerPhrase;
  entity: EntityRecord | null;
  /** How sure the resolution of the phrase to the entity is, on its own. */
  certainty: number;
}

/** Earlier attributions, newest last: pronouns and descriptions prefer a recent speaker. */
export interface SpeakerHistory {
  at: number;
  entity: EntityRecord;
}

const CLAUSE_WORDS = new Set(
  `and but or that which who whom whose when while as because if after before since although though where said
says told tells added wrote so than then also yet nor with without to for on in at by from about into of is was
are were be been has have had do does did will would can could should may might must not`.split(/\s+/),
);
const COMPANY_NOUNS = new Set([
  'company',
  'organization',
  'group',
  'newspaper',
  'paper',
  'network',
  'agency',
  'firm',
]);

const PRESS_NOUNS = new Set(['newspaper', 'paper', 'magazine', 'daily']);
const PRESS_HEADS = new Set(
  'news times post journal tribune herald press gazette magazine daily examiner inquirer telegraph guardian observer monitor standard express chronicle globe review weekly star sun courier record dispatch bulletin'.split(
    ' ',
  ),
);

const THING_NOUNS = new Set(
  'paper letter statement document report poster number center centre government agreement comment order amendment department parliament movement tweet transcript'.split(
    ' ',
  ),
);

/** A head noun that names a person by its shape: "surgeon", "52-year-old", "chairwoman". */
const looksLikePerson = (head: string) =>
  !THING_NOUNS.has(head) &&
  /(?:er|or|ist|ian|ant|ent|eon|-old|man|woman|wife|husband|mother|father)$/.test(head);

/** Collective heads that are plural in sense ("city police say", "only a third said"). */
const COLLECTIVE_HEADS = new Set(
  'police percent majority minority plurality public staff crowd audience'.split(' '),
);

/** Heads that stay anonymous even after "the" ("the source said", "this official told"). */
const ANONYMOUS_HEADS = new Set(
  'source sources official officials insider insiders person people witness witnesses man woman aide aides staffer staffers member members'.split(
    ' ',
  ),
);
const DETERMINERS = new Set(
  'the a an one two three four five several some many his her their its our this that these those other another most all both any few each every'.split(
    ' ',
  ),
);
const TRAILING_ADVERBS =
  /(?:\s+(?:(?:last|this|next) (?:week|month|year|night|weekend)|on (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|today|\p{Ll}+ly|also|later|then|here|there|has|had|have|once|again|further|even|still|long|never|not|just|would|will|did|does|do|was|is|had|first|often|always|now|too|soon|since|already|previously|recently|repeatedly|publicly|privately|himself|herself|themselves|itself))+\s*$/u;

/** The speaker phrase that ends right before `end` (a cue verb), looking no further back than `limit`. */
export function subjectBefore(context: ArticleContext, end: number, limit: number): SpeakerPhrase | null {
  const { text, index } = context;
  let window = text.slice(limit, end);
  window = window.replace(TRAILING_ADVERBS, '');
  let stop = limit + window.trimEnd().length;
  // an apposition or relative clause between subject and verb: "Roe, a top adviser, said"
  if (text[stop - 1] === ',' || text[stop - 1] === ')') {
    // the first name in the clause with an apposition after it: "Jane Roe, a lawyer in Ames, Iowa, said"
    const opensClause = (m: NameMention) =>
      // "Jane Roe, …", "and 45-year-old Jane Roe, …"
      /(?:^\s*|[,;:.!?“”"—]\s*|\b(?:and|but|as|while|when)\s+)(?:\d+-year-old\s+)?$/u.test(
        text.slice(Math.max(limit, m.start - 20), m.start),
      );
    const named = mentionsBetween(index.mentions, limit, stop).find(
      (m) =>
        m.end < stop &&
        stop - m.end < 200 &&
        (/^\s*[,(]/.test(text.slice(m.end, m.end + 3)) || ofAffiliation(context, m, stop)) &&
        opensClause(m) &&
        index.byKey.get(m.key)?.kind !== 'place',
    );
    if (named)
      return {
        start: named.start,
        end: stop,
        text: text.slice(named.start, stop),
        kind: 'name',
        mention: named,
      };
    const inner = text.slice(limit, stop - 1);
    const open = inner.lastIndexOf(',');
    if (open >= 0 && stop - 1 - (limit + open) < 200) {
      const head =
        phraseEndingAt(context, limit + open, limit) ?? looseDescription(context, limit + open, limit);
      if (head) return { ...head, end: stop, text: text.slice(head.start, stop) };
    }
    return null;
  }
  while (stop > limit && /\s/.test(text[stop - 1] ?? '')) stop--;
  // "Roe, who says …": the relative pronoun stands for the name before it
  if (/(?:^|\s)who$/.test(text.slice(Math.max(limit, stop - 4), stop))) {
    const antecedent = lastMentionEndingAt(index.mentions, trimCommaBefore(text, stop - 3));
    if (antecedent && antecedent.start >= limit)
      return {
        start: antecedent.start,
        end: stop,
        text: text.slice(antecedent.start, stop),
        kind: 'name',
        mention: antecedent,
      };
    const described = phraseEndingAt(context, trimCommaBefore(text, stop - 3), limit);
    if (described) return { ...described, end: stop, text: text.slice(described.start, stop) };
  }
  // "Jane Roe became a delegate and said …": the subject of the sentence
  if (/(?:^|\s)(?:and|but)$/.test(text.slice(Math.max(limit, stop - 4), stop))) {
    const verb = tokenIndexAt(context.tokens, end);
    return participleSubject(context, verb, limit);
  }
  return phraseEndingAt(context, stop, limit) ?? looseDescription(context, stop, limit);
}

const CLAUSE_BREAKS = new Set([...',;:.!?“”"()—–\n']);

/**
 * The text after the last punctuation mark (a backward scan: the regex /[^…]*$/ is quadratic); the
 * period of a short capitalized abbreviation inside the phrase ("the nominee for the Nov. 8 election",
 * "former Gov. Jo Roe") does not end it.
 */
function clauseTail(window: string): string {
  let at = window.length;
  for (;;) {
    while (at > 0 && !CLAUSE_BREAKS.has(window[at - 1] ?? '')) at--;
    if (
      at > 1 &&
      window[at - 1] === '.' &&
      / \S/.test(window.slice(at, at + 2)) &&
      ABBREVIATION_BEFORE.test(window.slice(Math.max(0, at - 6), at - 1))
    ) {
      at--;
      continue;
    }
    return window.slice(at);
  }
}

const ABBREVIATION_BEFORE =
  /(?:^|\s)(?:Jan|Feb|Mar|Apr|Aug|Sept?|Oct|Nov|Dec|Gov|Sen|Rep|Gen|Lt|Col|Dr|Mr|Mrs|Ms|St|Ft|Mt)$/;

/** Any short noun phrase before the cue ("supporters of the plan say"): it names no one we know. */
function looseDescription(context: ArticleContext, stop: number, limit: number): SpeakerPhrase | null {
  const { text } = context;
  const tail = clauseTail(text.slice(limit, stop));
  const words = tail.trim().split(/\s+/).filter(Boolean);
  if (!words.length || words.length > 14) return null;
  if (/^(?:and|but|or|that|which|when|while|if|as|because|so|then)$/i.test(words[0] ?? '')) return null;
  // "Vestnik, the state news agency, wrote": a name we could not type still marks the speaker
  if (words.length <= 3 && words.every((w) => /^\p{Lu}/u.test(w))) {
    const start = stop - tail.trimStart().length;
    return { start, end: stop, text: text.slice(start, stop), kind: 'indefinite', mention: null };
  }
  if (!/^[\p{L}\d]/u.test(words[0] ?? '') || !/s$/i.test(words[words.length - 1] ?? '')) {
    const last = (words[words.length - 1] ?? '').toLowerCase();
    if (!PERSON_NOUNS.has(last) && !COLLECTIVE_HEADS.has(last)) return null;
  }
  const start = stop - tail.trimStart().length;
  return { start, end: stop, text: text.slice(start, stop), kind: 'indefinite', mention: null };
}

const OPENING_CLAUSE =
  /^(?:When|After|As|While|Although|Though|If|Because|Since|Before|Until|Once|In|On|At|During|With|For|From|Despite|Challenged|Asked|Pressed)\b[^,;:.“”"]{0,120},\s*/;

/** The main subject of a sentence, for cues in a participle clause ("…, saying “…”"). */
export function leadingSubject(context: ArticleContext, from: number, to: number): SpeakerPhrase | null {
  const sentence = context.sentences.find((s) => s.start <= to && to <= s.end);
  let start = Math.max(from, sentence?.start ?? from);
  // "When Ms. Roe moved in, Okafor told her …": the subject follows an opening clause
  const opener = OPENING_CLAUSE.exec(context.text.slice(start, to));
  if (opener) start += opener[0].length;
  const lead = context.text.slice(start, to);
  const pronoun = /^(?:\p{L}+,?\s+){0,2}?(he|she|they|it)\b/iu.exec(lead);
  const kindOf = (m: NameMention) => context.index.byKey.get(m.key)?.kind;
  const inLead = mentionsBetween(context.index.mentions, start, Math.min(to, start + 80)).filter(
    (m) => !qualifiesAnother(context, m) && !isQuoted(context, m.start),
  );
  const mention =
    inLead.find((m) => kindOf(m) === 'person') ?? inLead.find((m) => kindOf(m) === 'organization');
  const pronounAt = pronoun?.[1] ? start + pronoun[0].length - pronoun[1].length : -1;
  if (pronoun?.[1] && (!mention || pronounAt < mention.start))
    return {
      start: pronounAt,
      end: pronounAt + pronoun[1].length,
      text: pronoun[1],
      kind: 'pronoun',
      mention: null,
    };
  // "the Roe campaign sent an email and accused …": the name qualifies the group that acts
  const group = mention && /^\s+campaign\b/.exec(context.text.slice(mention.end, mention.end + 10));
  if (
    mention &&
    group &&
    /\bthe\s+$/i.test(context.text.slice(Math.max(0, mention.start - 4), mention.start))
  ) {
    const phraseStart = mention.start - 4;
    const phraseEnd = mention.end + group[0].length;
    return {
      start: phraseStart,
      end: phraseEnd,
      text: context.text.slice(phraseStart, phraseEnd),
      kind: 'description',
      mention: null,
    };
  }
  if (mention) return { start: mention.start, end: mention.end, text: mention.text, kind: 'name', mention };
  // "Later that day, outside the courthouse, Roe voiced …": a person after the opening phrases
  const later = mentionsBetween(context.index.mentions, start, to).find(
    (m) =>
      kindOf(m) === 'person' &&
      /,\s*$/.test(context.text.slice(Math.max(start, m.start - 3), m.start)) &&
      /^\s+\p{Ll}+(?:ed|s)\b/u.test(context.text.slice(m.end, m.end + 20)) &&
      !isQuoted(context, m.start),
  );
  if (later) return { start: later.start, end: later.end, text: later.text, kind: 'name', mention: later };
  // "The retired surgeon has said little, adding …": a definite description as the subject
  // the shortest "The … NOUN" that describes a person and is followed by a lower-case word (the verb)
  const words = DEFINITE_SUBJECT.exec(lead)?.[0].split(/\s+/) ?? [];
  for (let n = 2; n < words.length; n++) {
    const next = words[n] ?? '';
    if (!/^\p{Ll}+$/u.test(next) || PERSON_NOUNS.has(next) || ORGANIZATION_NOUNS.has(next)) continue;
    const length = words.slice(0, n).join(' ').length;
    const phrase = describe(context, start, start + length);
    if (phrase?.kind === 'description' && !ORGANIZATION_NOUNS.has(words[n - 1]?.toLowerCase() ?? ''))
      return phrase;
  }
  return null;
}

const DEFINITE_SUBJECT = /^[Tt]he(?: [\p{L}-]+){1,5}/u;

const SENTENCE_OPENER =
  /^(?:(?:But|Yet|And|So|Still|Indeed|Meanwhile|However|Instead|Now|Also|Then)\b,?\s+)*/;
/** Words that end a subject: auxiliaries, common verbs of belief and speech, past forms, adverbs. */
const SUBJECT_END =
  /^(?:is|are|was|were|has|have|had|would|will|could|can|may|might|must|should|did|do|does|believe|think|want|say|says|see|know|need|remain|seem|seems|\p{Ll}+ed|\p{Ll}+ly|[\p{Ll}’']+n[’']t)$/u;

/**
 * "proponents of more controls here say …", "One employee at a firm declined …, saying": the words
 * that open the sentence up to its first verb-like word, as a description or an unnamed source.
 */
export function leadingNounPhrase(
  context: ArticleContext,
  sentenceStart: number,
  to: number,
): SpeakerPhrase | null {
  const { text } = context;
  const opener = SENTENCE_OPENER.exec(text.slice(sentenceStart, to));
  const start = sentenceStart + (opener?.[0].length ?? 0);
  const clause = /^[^,;:“”"()—–]*/.exec(text.slice(start, to))?.[0] ?? '';
  const words = clause.split(/\s+/).filter(Boolean);
  const subject: string[] = [];
  for (const word of words) {
    if (SUBJECT_END.test(word)) break;
    subject.push(word);
  }
  // the subject ends at a verb-like word or at the cue itself, not at a comma
  const reachesCue = start + clause.length >= to;
  if (!subject.length || subject.length > 10 || (subject.length === words.length && !reachesCue)) return null;
  if (
    /^(?:that|which|who|it|this|there|these|those|what|if|when|where|how|why|as|while)$/i.test(
      subject[0] ?? '',
    )
  )
    return null;
  const end = start + subject.join(' ').length;
  if (text.slice(start, end) !== subject.join(' ')) return null;
  return (
    describe(context, start, end) ?? {
      start,
      end,
      text: text.slice(start, end),
      kind: 'indefinite',
      mention: null,
    }
  );
}

/** A phrase up to its first punctuation; the period of a short capitalized abbreviation ("former Rep. Roe") does not end it. */
const PHRASE_RUN = /^(?:[^,.;:!?“”"()—]|(?<=(?:^|\s)\p{Lu}\p{Ll}{0,3})\.(?=\s+\p{Lu}))+/u;

/** The speaker phrase that starts at `start` (after an inverted cue: "said Dmitry Peskov, the spokesman"). */
export function subjectAfter(context: ArticleContext, start: number, limit: number): SpeakerPhrase | null {
  const { text, index } = context;
  let at = start;
  while (at < limit && /\s/.test(text[at] ?? '')) at++;
  const rest = text.slice(at, limit);
  const phraseEnd = at + (PHRASE_RUN.exec(rest)?.[0].trimEnd().length ?? 0);
  // "said Virginia delegate Jane Roe": the person named in the phrase, not the place before the title
  // "said campaign spokeswoman Lena Ostrowski": the last person named is the speaker
  const inPhrase = mentionsBetween(index.mentions, at, at + 160);
  // the phrase may run on after the name ("said RNC spokesman Sean Spicer in a Friday tweet")
  const endsName = (m: NameMention) =>
    m.end === phraseEnd ||
    /^\s+(?:in|at|on|of|for|from|during|after|before|to|with|who|via)\b/.test(text.slice(m.end, m.end + 8));
  const person = inPhrase
    .filter((m) => m.end <= phraseEnd && endsName(m) && index.byKey.get(m.key)?.kind === 'person')
    .pop();
  const mention = person ?? inPhrase.find((m) => m.start === at);
  if (mention) return { start: mention.start, end: mention.end, text: mention.text, kind: 'name', mention };
  // "said his oldest friend, Tom Pratt, who …": the name in apposition
  const apposed = mentionsBetween(index.mentions, phraseEnd, phraseEnd + 80).find(
    (m) => m.start > phraseEnd && m.start <= phraseEnd + 3 && /^,\s*$/.test(text.slice(phraseEnd, m.start)),
  );
  if (apposed && index.byKey.get(apposed.key)?.kind === 'person' && phraseEnd - at < 60)
    return { start: at, end: apposed.end, text: text.slice(at, apposed.end), kind: 'name', mention: apposed };
  const pronoun = /^(he|she|they|it|we|I)\b/.exec(rest);
  if (pronoun)
    return { start: at, end: at + pronoun[0].length, text: pronoun[0], kind: 'pronoun', mention: null };
  // "said one of the neighbors who saw the crash": the description ends before its relative clause
  const phrase =
    /^[^,.;:!?“”"()—]{1,80}/
      .exec(rest)?.[0]
      .replace(/\s+(?:who|that|which|whose)\b.*$/s, '')
      .trimEnd() ?? '';
  if (!phrase) return null;
  const end = at + phrase.length;
  return describe(context, at, end) ?? looseDescription(context, end, at);
}

/**
 * "Sen. Jane Roe of Ohio, the chairman, said", "Jane Roe of Acme said": the name before "of/from
 * PLACE-OR-ORGANIZATION" (ending at a comma or at `stop`) is the person; the place or organization is
 * where they come from.
 */
function ofAffiliation(context: ArticleContext, m: NameMention, stop: number): NameMention | null {
  const { text, index } = context;
  const link = /^\s+(?:of|from|at|with|in)\s+(?:the\s+)?/.exec(text.slice(m.end, m.end + 12));
  if (!link || (index.byKey.get(m.key)?.kind !== 'person' && !/\s/.test(m.text.trim()))) return null;
  const affiliation = mentionsBetween(index.mentions, m.end + link[0].length, stop).find(
    (a) => a.start === m.end + link[0].length,
  );
  if (!affiliation || affiliation.key === m.key) return null;
  // (and where it is: "Jane Roe of York University in Toronto, who …, said")
  let end = affiliation.end;
  const where = /^\s+(?:in|of)\s+/.exec(text.slice(end, end + 6));
  const place =
    where &&
    mentionsBetween(index.mentions, end + where[0].length, stop).find(
      (p) => p.start === end + where[0].length && index.byKey.get(p.key)?.kind === 'place',
    );
  if (place) end = place.end;
  return /^\s*(?:[,(]|$)/.test(text.slice(end, stop)) ? affiliation : null;
}

const UNKNOWN_OWNER =
  /(?:^\s*|[,;:.“”"—]\s*|\b(?:and|but)\s+)(\p{Lu}\p{Ll}[\p{L}'’-]*(?:\s+\p{Lu}\p{Ll}[\p{L}'’-]*){1,2})\s+(?:of|from|at)\s+(?:the\s+)?$/u;

function phraseEndingAt(context: ArticleContext, stop: number, limit: number): SpeakerPhrase | null {
  const { text, index } = context;
  const mention = lastMentionEndingAt(index.mentions, stop);
  // "Jane Roe of Acme Capital said": the person, not the firm
  const owner =
    mention &&
    mentionsBetween(index.mentions, Math.max(limit, mention.start - 80), mention.start)
      .reverse()
      .find((m) => ofAffiliation(context, m, stop) === mention);
  if (owner && owner.start >= limit)
    return {
      start: owner.start,
      end: stop,
      text: text.slice(owner.start, stop),
      kind: 'name',
      mention: owner,
    };
  // the same when the person's name was not recognized as one: "Jingyi Roe of Acme said"
  const unknownOwner =
    mention && mention.start >= limit && index.byKey.get(mention.key)?.kind !== 'person'
      ? UNKNOWN_OWNER.exec(text.slice(Math.max(limit, mention.start - 60), mention.start))
      : null;
  if (unknownOwner?.[1]) {
    const start =
      (mention?.start ?? stop) - unknownOwner[0].length + unknownOwner[0].indexOf(unknownOwner[1]);
    return { start, end: stop, text: text.slice(start, stop), kind: 'name', mention: null };
  }
  if (mention && mention.start >= limit) {
    // "another source speaking to the Courier said": the name is an object inside a longer description
    const before = text.slice(limit, mention.start);
    const head = HEADED_BY_PERSON_NOUN.exec(before);
    const isObject = /\b(?:to|with|for|of|at|from|on|in|by|about)\s+(?:the\s+)?$/i.test(before);
    const headNoun = head?.[0]
      .split(/\s+/)
      .slice(1, 5)
      .find((w) => PERSON_NOUNS.has(w.toLowerCase()));
    if (isObject && head && headNoun) return describe(context, limit + head.index, stop);
    // "a reader from Ottawa wrote", "Residents of Surrey said": a place after a preposition says
    // where the speakers are from; it does not speak
    if (
      isObject &&
      index.byKey.get(mention.key)?.kind === 'place' &&
      /(?:^|\s)\p{L}\p{Ll}+\s+(?:of|from|in|at)\s+(?:the\s+)?$/u.test(before)
    ) {
      const tail = clauseTail(text.slice(limit, stop));
      const start = stop - tail.trimStart().length;
      return { start, end: stop, text: text.slice(start, stop), kind: 'indefinite', mention: null };
    }
    return { start: mention.start, end: mention.end, text: mention.text, kind: 'name', mention };
  }
  const words = text.slice(limit, stop);
  const pronoun = /(?:^|[^\p{L}])(he|she|they|it|we|I|He|She|They|It|We)$/u.exec(words);
  if (pronoun?.[1]) {
    const start = stop - pronoun[1].length;
    return { start, end: stop, text: pronoun[1], kind: 'pronoun', mention: null };
  }
  // a description: back over words to a clause boundary, then forward to its determiner
  const tail = clauseTail(words);
  const parts = [...tail.matchAll(/[\p{L}\p{N}'’.-]+/gu)];
  let from = parts.length;
  for (let i = parts.length - 1; i >= 0 && parts.length - i <= 9; i--) {
    const word = parts[i]?.[0].toLowerCase() ?? '';
    const attachesToNoun =
      /^(for|of|at|with|from|in|on|to|close)$/.test(word) &&
      PERSON_NOUNS.has(parts[i - 1]?.[0].toLowerCase() ?? '');
    if (CLAUSE_WORDS.has(word) && !DETERMINERS.has(word) && !attachesToNoun) break;
    from = i;
  }
  const kept = parts.slice(from);
  const firstDeterminer = kept.findIndex((p) => DETERMINERS.has(p[0].toLowerCase()));
  const chosen = firstDeterminer >= 0 ? kept.slice(firstDeterminer) : kept;
  const first = chosen[0];
  if (!first || first.index === undefined) return null;
  const start = stop - tail.length + first.index;
  return describe(context, start, stop);
}

function trimCommaBefore(text: string, at: number): number {
  let end = at;
  while (end > 0 && /[\s,]/.test(text[end - 1] ?? '')) end--;
  return end;
}

const HEADED_BY_PERSON_NOUN =
  /\b(?:[Aa]n?|[Tt]he|[Oo]ne|[Aa]nother|[Tt]wo|[Ss]ome|[Ss]everal|[Mm]any)\s+(?:[\p{L}-]+\s+){0,3}?(\p{L}+)\s+[^,;:.“”"]*$/u;

function lastMentionEndingAt(mentions: NameMention[], stop: number): NameMention | null {
  return mentionEndingAt(mentions, stop);
}

/** Classifies a phrase that is not a bare name: a description ("the president") or an indefinite source. */
export function describe(context: ArticleContext, start: number, end: number): SpeakerPhrase | null {
  const { text, index } = context;
  const phraseText = text.slice(start, end);
  const words = phraseText.toLowerCase().split(/\s+/).filter(Boolean);
  if (!words.length || words.length > 10) return null;
  const inside = mentionsBetween(index.mentions, start, end);
  // "Brandt campaign manager Ann Roe": the last person named is the speaker
  const person = [...inside].reverse().find((m) => index.byKey.get(m.key)?.kind === 'person');
  const headWords = headOf(words);
  const head = headWords[headWords.length - 1] ?? '';
  if (person && person.end === end) return { start, end, text: phraseText, kind: 'name', mention: person };
  const determiner = words[0] ?? '';
  // a title is a person noun too ("the MP", "the councillor", "the premier")
  const isPersonNoun =
    PERSON_NOUNS.has(head) || PERSON_NOUNS.has(headWords.slice(-2).join(' ')) || TITLES.has(head);
  const isGroupNoun = ORGANIZATION_NOUNS.has(head);
  if (!isPersonNoun && !isGroupNoun) {
    if (inside.length === 1 && inside[0]?.end === end)
      return { start, end, text: phraseText, kind: 'name', mention: inside[0] ?? null };
    if (words.length > 6) return null;
    // "the 52-year-old", "the retired surgeon": a definite description of someone named before
    const properHead = /^\p{Lu}/u.test(phraseText.split(/\s+/).pop() ?? '');
    if (determiner === 'the' && words.length > 1 && looksLikePerson(head) && !properHead)
      return { start, end, text: phraseText, kind: 'description', mention: null };
    // any other short noun phrase ("city police", "40 percent of voters") names no one we know
    // ("another commenter", "one reader": a person we are not told the name of)
    if (/^(?:the|\d[\d,]*)$/.test(determiner) || INDEFINITE_DETERMINERS.has(determiner) || /s$/.test(head))
      return { start, end, text: phraseText, kind: 'indefinite', mention: null };
    return null;
  }
  if (
    INDEFINITE_DETERMINERS.has(determiner) ||
    (!DETERMINERS.has(determiner) && /s$/.test(head)) ||
    (ANONYMOUS_HEADS.has(head) && !context.roles.some((r) => r.title.toLowerCase() === head))
  )
    return { start, end, text: phraseText, kind: 'indefinite', mention: null };
  if (['his', 'her', 'their', 'its', 'our'].includes(determiner))
    return { start, end, text: phraseText, kind: 'indefinite', mention: null };
  return { start, end, text: phraseText, kind: 'description', mention: null };
}

/** The words of a description before any prepositional tail ("a spokesman for the campaign" → "a spokesman"). */
function headOf(words: string[]): string[] {
  const cut = words.findIndex(
    (w, i) =>
      i > 0 && (/^(for|of|at|with|in|from|on|to|who|close|familiar)$/.test(w) || /\p{L}{3}ing$/u.test(w)),
  );
  return (cut > 0 ? words.slice(0, cut) : words).map((w) =>
    w.replace(/[’']s$/, '').replace(/[^\p{L}\-.]/gu, ''),
  );
}

/** Resolves a speaker phrase to an entity of the article. */
export function resolveSpeaker(
  context: ArticleContext,
  phrase: SpeakerPhrase,
  history: SpeakerHistory[],
): ResolvedSpeaker {
  const resolved = resolvePhrase(context, phrase, history);
  const fuller = resolved.entity && fullerPersonOnce(context.index, resolved.entity);
  return fuller ? { ...resolved, entity: fuller } : resolved;
}

/** fullerPerson, asked again only when the article's entities have grown since (derived entities). */
const fullerPeople = new WeakMap<EntityRecord, { records: number; fuller: EntityRecord | null }>();

function fullerPersonOnce(index: EntityIndex, entity: EntityRecord): EntityRecord | null {
  const known = fullerPeople.get(entity);
  if (known?.records === index.records.length) return known.fuller;
  const fuller = fullerPerson(index, entity);
  fullerPeople.set(entity, { records: index.records.length, fuller });
  return fuller;
}

function resolvePhrase(
  context: ArticleContext,
  phrase: SpeakerPhrase,
  history: SpeakerHistory[],
): ResolvedSpeaker {
  const { index } = context;
  if (phrase.kind === 'name' && phrase.mention) {
    const entity = index.byKey.get(phrase.mention.key) ?? null;
    // a bare surname two people in the article share ("Lund") may be either of them
    const shared =
      entity?.kind === 'person' &&
      !phrase.mention.text.includes(' ') &&
      index.records.some((r) => r !== entity && r.kind === 'person' && r.surname === entity.surname);
    return { phrase, entity, certainty: shared ? 0.7 : 0.97 };
  }
  if (phrase.kind === 'name') {
    const name = phrase.text.replace(/\s+(?:of|from|at)\s[\s\S]*$/, '');
    return { phrase, entity: derivedEntity(context, 'person', name, phrase), certainty: 0.85 };
  }
  if (phrase.kind === 'indefinite') {
    // "Cuban said" after "Mark Cuban": a surname the name lists took for something else
    const named = personBySurname(index, phrase.text);
    return named ? { phrase, entity: named, certainty: 0.85 } : { phrase, entity: null, certainty: 0.78 };
  }
  if (phrase.kind === 'pronoun') return resolvePronoun(context, phrase, history);
  return resolveDescription(context, phrase, history);
}

/** The one person of the article whose surname is `text` (one or two capitalized words, "Mr." dropped). */
function personBySurname(index: EntityIndex, text: string): EntityRecord | null {
  const words = text.replace(/^(?:Mr|Mrs|Ms|Dr)\.?\s+/, '').trim();
  if (!/^\p{Lu}[\p{L}'’-]+(?:\s\p{Lu}[\p{L}'’-]+)?$/u.test(words)) return null;
  const found = index.records.filter(
    (r) => r.kind === 'person' && r.name.includes(' ') && r.name.endsWith(` ${words}`),
  );
  return found.length === 1 ? (found[0] ?? null) : null;
}

/**
 * "Wasserman Schultz" read as a person of its own while the article also names "Debbie Wasserman
 * Schultz": the one person whose name is it after a given name. A name that opens with a given name
 * ("Ted Cruz") is a full name already.
 */
function fullerPerson(index: EntityIndex, entity: EntityRecord): EntityRecord | null {
  if (entity.kind !== 'person') return null;
  const words = entity.name.toLowerCase().split(/\s+/);
  const first = words[0] ?? '';
  if (words.length > 2 || MALE_FIRST_NAMES.has(first) || FEMALE_FIRST_NAMES.has(first)) return null;
  let found: EntityRecord | null = null;
  for (const r of index.records) {
    if (r === entity || r.kind !== 'person' || !r.name.endsWith(` ${entity.name}`)) continue;
    if (r.name.split(/\s+/).length !== words.length + 1) continue;
    if (found) return null;
    found = r;
  }
  return found;
}

function resolvePronoun(
  context: ArticleContext,
  phrase: SpeakerPhrase,
  history: SpeakerHistory[],
): ResolvedSpeaker {
  const gender = PRONOUN_GENDER.get(phrase.text.toLowerCase());
  if (gender !== 'male' && gender !== 'female') {
    if (gender === 'neuter') {
      const organization = recentMentions(context, phrase.start, 2).find(
        (m) => context.index.byKey.get(m.key)?.kind === 'organization',
      );
      const entity = organization ? (context.index.byKey.get(organization.key) ?? null) : null;
      return { phrase, entity, certainty: entity ? 0.6 : 0.5 };
    }
    return { phrase, entity: null, certainty: 0.5 };
  }
  // "he told the host": the person spoken to is not the speaker
  const addressee = /^\s+(?:told|asked|tells|asks)\s+/.exec(context.text.slice(phrase.end, phrase.end + 12));
  const addressed = addressee
    ? mentionsBetween(context.index.mentions, phrase.end, phrase.end + 60).find(
        (m) => m.start === phrase.end + addressee[0].length,
      )?.key
    : undefined;
  const fits = (r: EntityRecord | undefined) =>
    r?.kind === 'person' &&
    !namedLikeOrganization(r) &&
    r.key !== addressed &&
    (r.gender === null || r.gender === gender);
  const paragraph = context.paragraphs.find((p) => p.start <= phrase.start && phrase.start <= p.end);
  // the newest of: an earlier speaker in this or the previous paragraph, the subject of a recent sentence
  const lastSpeaker = [...history].reverse().find((h) => h.at < phrase.start && fits(h.entity));
  // "Lund" may have been read as the wrong Lund: a namesake of the pronoun's gender will do
  const fitting = (m: NameMention): EntityRecord | undefined => {
    const record = context.index.byKey.get(m.key);
    if (fits(record)) return record;
    if (record?.kind !== 'person' || !record.surname) return undefined;
    return context.index.records.find(
      (r) => r !== record && r.surname === record.surname && r.gender === gender,
    );
  };
  const subjectMention = sentenceSubjects(context, phrase.start, phrase.text.toLowerCase()).find((m) =>
    fitting(m),
  );
  const subjectEntity = subjectMention ? fitting(subjectMention) : undefined;
  const subject =
    subjectMention && subjectEntity ? { start: subjectMention.start, key: subjectEntity.key } : undefined;
  const previousParagraphStart = previousParagraphOf(context, paragraph)?.start ?? paragraph?.start ?? 0;
  const speakerIsRecent = lastSpeaker && lastSpeaker.at >= previousParagraphStart;
  // a name named after the last speaker takes over only as a subject, not as the object of a
  // preposition ("… more liberal nominees than Obama? “…,” he said" stays with the last speaker, even
  // a paragraph further back)
  const subjectSentence = subjectMention
    ? context.sentences[sentenceIndexAt(context.sentences, subjectMention.start)]
    : undefined;
  const takesOver =
    !!subjectMention &&
    (subjectRank(context, subjectMention, subjectSentence?.start ?? 0) < 2 ||
      (subjectSentence?.end ?? 0) >= phrase.start ||
      // "For Roe, a retiree, …": the topic of its sentence
      /^[\s“"']*\p{L}+\s+$/u.test(context.text.slice(subjectSentence?.start ?? 0, subjectMention.start)));
  if (
    subject &&
    (!lastSpeaker ||
      (!speakerIsRecent && takesOver) ||
      (takesOver && subject.start > lastSpeaker.at && subject.key !== lastSpeaker.entity.key))
  ) {
    const entity = context.index.byKey.get(subject.key) ?? null;
    const sameParagraph = paragraph ? subject.start >= paragraph.start : false;
    return { phrase, entity, certainty: sameParagraph ? 0.75 : 0.6 };
  }
  if (lastSpeaker) return { phrase, entity: lastSpeaker.entity, certainty: speakerIsRecent ? 0.78 : 0.55 };
  // no subject and no speaker before: the one person of its gender named as a possessor in the
  // sentence ("approved Mayor Olivia Chow's budget, an increase that she said …")
  const sentence = context.sentences[sentenceIndexAt(context.sentences, phrase.start)];
  const possessors = sentence
    ? mentionsBetween(context.index.mentions, sentence.start, phrase.start).filter(
        (m) => followedByPossessiveObject(context, m) && !isQuoted(context, m.start),
      )
    : [];
  const owners = [...new Set(possessors.map(fitting).filter((r) => !!r))];
  if (owners.length === 1) return { phrase, entity: owners[0] ?? null, certainty: 0.5 };
  return { phrase, entity: null, certainty: 0.3 };
}

/**
 * "TransLink", "NASA", "MTVu": one word with an inner capital, or opening with an acronym, names an
 * organization, never "he" or "she"; so does a name ending in a company word ("Northwind Analytics")
 * that the tagger read as a person's.
 */
const namedLikeOrganization = (r: EntityRecord) =>
  COMPANY_ENDING.test(r.name) ||
  (!/\s/.test(r.name) &&
    (/\p{Ll}\p{Lu}/u.test(r.name.replace(/^(?:Mc|Mac|De|Di|La|Le|O['’])/, '')) ||
      /^\p{Lu}{2}/u.test(r.name)));

const COMPANY_ENDING =
  /\s(?:Inc\.?|Corp\.?|Co\.|LLC|Ltd\.?|Group|Holdings|Technologies|Systems|Solutions|Labs|Laboratories|Industries|Motors|Airlines|Partners|Associates|Capital|Bank|Fund|Foundation|Institute|University|College|Association|Agency|Committee|Council|Party|Media|Networks?|Transit|Authority|Commission|Department|Board|Police|Services?|Energy|Hydro|Railways?|Airways|Coalition|Alliance|Union|League|Ministry|Hospital|Cent(?:er|re)|\p{L}+(?:ics|ceuticals))$/u;

/** "Jane Roe / Daily Courier", "Photo: …", "(Getty Images)": a credit line or byline, whose names never speak. */
export const CREDIT_LINE =
  /\s\/\s|^\(?(?:photo|photograph|credit|image|file photo|by)\b|\b(?:getty|reuters|associated press|canadian press)\b/i;
/** "Jane Roe/CBC": a name and an outlet joined by a slash. */
const SLASH_CREDIT = /\p{L}\s?\/\s?\p{Lu}/u;
/** A caption's closing credit in parentheses: "… on Tuesday. (Jane Roe/CBC News)". */
const CLOSING_CREDIT = /\(([^()]{3,80})\)\s*$/;

export function isCreditLine(context: ArticleContext, at: number): boolean {
  const i = sentenceIndexAt(context.paragraphs, at);
  const paragraph = context.paragraphs[i];
  if (!paragraph || at >= paragraph.end) return false;
  let starts = creditStarts.get(context.paragraphs);
  if (!starts) {
    starts = new Map();
    creditStarts.set(context.paragraphs, starts);
  }
  let start = starts.get(i);
  if (start === undefined) {
    start = creditStart(context.text, paragraph);
    starts.set(i, start);
  }
  return at >= start;
}

/** Where the credit of a paragraph begins (the whole line, or its closing parenthesis), else Infinity. */
function creditStart(text: string, paragraph: Span): number {
  const line = text.slice(paragraph.start, paragraph.end);
  const closing = CLOSING_CREDIT.exec(line);
  if (paragraph.end - paragraph.start <= 120 && isCredit(line) && !/[“”"]/.test(line) && !/[.!?]$/.test(line))
    return paragraph.start;
  if (closing?.[1] && isCredit(closing[1])) return paragraph.start + closing.index;
  return Number.POSITIVE_INFINITY;
}

/** The credit start of each paragraph, found once per article (keyed by its paragraph list). */
const creditStarts = new WeakMap<Span[], Map<number, number>>();

const isCredit = (line: string) => CREDIT_LINE.test(line) || SLASH_CREDIT.test(line);

function resolveDescription(
  context: ArticleContext,
  phrase: SpeakerPhrase,
  history: SpeakerHistory[],
): ResolvedSpeaker {
  const { index, roles } = context;
  // the head noun comes before any apposition or relative clause ("the lawsuit, which was filed on Friday, …")
  const words = headOf((phrase.text.split(',')[0] ?? '').toLowerCase().split(/\s+/));
  const head = words[words.length - 1] ?? '';
  // "the two senators", "the ministers": a group speaks, not one person
  if (PERSON_NOUNS.has(head) && /[^s]s$/.test(head) && !titleHolders(context, head))
    return { phrase, entity: null, certainty: 0.7 };
  if (/\beditorial (?:board|page)$/i.test(phrase.text)) {
    const board = editorialBoard(context, phrase);
    if (board) return { phrase, entity: board, certainty: 0.6 };
  }
  if (ORGANIZATION_NOUNS.has(head) && !PERSON_NOUNS.has(head)) {
    // "the campaign said" → the "… Campaign" named before; "the newspaper" → the last paper named
    const named = recentMentions(context, phrase.start, 12).find((m) => {
      const record = index.byKey.get(m.key);
      const last = record?.name.toLowerCase().split(/\s+/).pop() ?? '';
      return (
        record?.kind === 'organization' && (last === head || (PRESS_NOUNS.has(head) && PRESS_HEADS.has(last)))
      );
    });
    if (named) return { phrase, entity: index.byKey.get(named.key) ?? null, certainty: 0.6 };
    if (head === 'campaign') {
      const campaign = personsCampaign(context, phrase);
      if (campaign) return { phrase, entity: campaign, certainty: 0.6 };
    }
    // "the company wrote", "the newspaper said": the organization just named (not where a name owns
    // it: "Greece's civil protection agency said" is no agency named before)
    if (!COMPANY_NOUNS.has(head) || /^\p{Lu}[\p{L}.-]*(?:\s+\p{Lu}[\p{L}.-]*)*['’]s?\s/u.test(phrase.text))
      return { phrase, entity: null, certainty: 0.6 };
    const organization = recentMentions(context, phrase.start, 3).find(
      (m) => index.byKey.get(m.key)?.kind === 'organization',
    );
    const entity = organization ? (index.byKey.get(organization.key) ?? null) : null;
    return { phrase, entity, certainty: 0.5 };
  }
  const twoWordHead = words.slice(-2).join(' ');
  const qualifiers = descriptionQualifiers(phrase.text, words, twoWordHead);
  const roleText = (role: ExtractedRole) =>
    ` ${context.text
      .slice(role.span.start, role.span.end)
      .toLowerCase()
      .replace(/[^\p{L}.-]+/gu, ' ')} `;
  const holdsTitle = (role: ExtractedRole) =>
    titleMatches(head, role.title) || titleMatches(twoWordHead, role.title);
  // "the New Jersey governor", "the Russian leader", "the Democratic candidate": every qualifier must fit the role
  const qualified = (role: ExtractedRole) => {
    const rolePlace = role.placeKey ? index.byKey.get(role.placeKey)?.name.toLowerCase() : undefined;
    return qualifiers.every(
      (q) =>
        roleText(role).includes(` ${q} `) ||
        (!!rolePlace && (rolePlace === q || DEMONYMS.get(q)?.toLowerCase() === rolePlace)),
    );
  };
  const matching = roles.filter((role) => holdsTitle(role) && qualified(role));
  const candidates = [...new Set(matching.map((r) => r.personKey))]
    .map((k) => index.byKey.get(k))
    .filter((r): r is EntityRecord => !!r);
  if (candidates.length) {
    // an unqualified title points to the holder with no foreign qualifier ("the president")
    const domestic = qualifiers.length
      ? candidates
      : candidates.filter(
          (c) => !roles.some((r) => r.personKey === c.key && r.placeKey && titleMatches(head, r.title)),
        );
    const pool = domestic.length ? domestic : candidates;
    const entity = mostRecent(context, pool, phrase.start);
    return { phrase, entity, certainty: pool.length === 1 ? 0.85 : 0.6 };
  }
  // a qualifier the role does not state ("the Canadian-born executive" for "Tesla chief executive
  // Elon Moss") still fits a holder of the title whose role names no place or party that contradicts it
  const unstated = roles.filter((role) => holdsTitle(role) && !contradicts(context, role, qualifiers));
  const unstatedHolders = [...new Set(unstated.map((r) => r.personKey))]
    .map((k) => index.byKey.get(k))
    .filter((r): r is EntityRecord => r?.kind === 'person');
  if (unstatedHolders.length) {
    const entity = mostRecent(context, unstatedHolders, phrase.start);
    return { phrase, entity, certainty: unstatedHolders.length === 1 ? 0.6 : 0.45 };
  }
  // no stated role fits: the person the recent sentences are about (not one who holds the title
  // with another qualifier, the Florida governor for "the New Jersey governor"), else the last speaker
  const otherHolders = new Set(qualifiers.length ? roles.filter(holdsTitle).map((r) => r.personKey) : []);
  // (nor one who holds another office: "the chancellor, Rachel Reeves," is not "the prime minister")
  if (OFFICES.has(head) || OFFICES.has(twoWordHead))
    for (const role of roles) if (!holdsTitle(role) && isOffice(role.title)) otherHolders.add(role.personKey);
  const isPerson = (r: EntityRecord | undefined) => r?.kind === 'person' && !otherHolders.has(r.key);
  const subject = sentenceSubjects(context, phrase.start, undefined, true).find((m) =>
    isPerson(index.byKey.get(m.key)),
  );
  if (subject) return { phrase, entity: index.byKey.get(subject.key) ?? null, certainty: 0.45 };
  const lastSpeaker = [...history].reverse().find((h) => h.at < phrase.start && isPerson(h.entity));
  return { phrase, entity: lastSpeaker?.entity ?? null, certainty: 0.4 };
}

/** Offices one person does not hold beside another in the same story. */
const OFFICES = new Set([
  'president',
  'prime minister',
  'chancellor',
  'premier',
  'governor',
  'mayor',
  'treasurer',
  'king',
  'queen',
  'pope',
]);

function isOffice(title: string): boolean {
  const words = title.toLowerCase().split(/\s+/);
  return OFFICES.has(words.slice(-2).join(' ')) || OFFICES.has(words[words.length - 1] ?? '');
}

const PARTY_WORDS = new Set(
  'democratic democrat republican gop liberal conservative ndp green labour labor tory'.split(' '),
);

/**
 * Whether a title holder's role rules out a qualifier of the description that it does not state:
 * a nationality ("Canadian-born") only when the role names another country; a party only when the
 * role names another party; any other name ("the New Jersey governor", "the Tesla executive") when
 * the role names a place or organization of its own ("former Florida governor Tom Reyes").
 */
function contradicts(context: ArticleContext, role: ExtractedRole, qualifiers: string[]): boolean {
  const written = context.text.slice(role.span.start, role.span.end).toLowerCase();
  const roleWords = new Set(written.split(/[^\p{L}-]+/u));
  const rolePlace = role.placeKey ? context.index.byKey.get(role.placeKey)?.name.toLowerCase() : undefined;
  const rulesOut = (q: string): boolean => {
    if (roleWords.has(q) || written.includes(q)) return false;
    const country = DEMONYMS.get(q.replace(/-(?:born|raised|based)$/, ''));
    if (country) return !!rolePlace && rolePlace !== country.toLowerCase();
    if (PARTY_WORDS.has(q)) return [...PARTY_WORDS].some((p) => roleWords.has(p));
    return !!role.placeKey || !!role.organizationKey;
  };
  // ("the Senate Democratic leader" for "Senate Minority Leader Harry Reid": each word of a run in turn)
  return qualifiers.some((q) => rulesOut(q) && (!q.includes(' ') || q.split(' ').some(rulesOut)));
}

/**
 * The words that qualify a description's title, lower-cased, a run of adjacent words as one
 * qualifier: capitalized words before the title ("the New Jersey governor" → "new jersey"; "the
 * Democratic presidential candidate" → "democratic") and demonyms ("the russian leader").
 */
function descriptionQualifiers(text: string, words: string[], twoWordHead: string): string[] {
  const written = (text.split(',')[0] ?? '').split(/\s+/).filter(Boolean).slice(1, words.length);
  const titleWords = new Set(PERSON_NOUNS.has(twoWordHead) ? twoWordHead.split(' ') : words.slice(-1));
  const runs: string[] = [];
  let run: string[] = [];
  written.forEach((w, i) => {
    const word = w
      .toLowerCase()
      .replace(/['’]s$/, '')
      .replace(/[^\p{L}.-]/gu, '');
    const qualifies =
      (/^\p{Lu}/u.test(w) || DEMONYMS.has(words[i + 1] ?? '')) &&
      !!word &&
      !titleWords.has(word) &&
      !PERSON_NOUNS.has(word);
    if (qualifies) run.push(word);
    if ((!qualifies || i === written.length - 1) && run.length) {
      runs.push(run.join(' '));
      run = [];
    }
  });
  return [...new Set(runs)];
}

const CAMPAIGN_OF =
  /\b(\p{Lu}[\p{L}’'-]+)(?:['’]s)?\s+(?:(?:presidential|re-?election|senate|Senate)\s+)?campaign\b/gu;

/** "the Roe campaign said", or "the campaign said" after one: the campaign of a person the article names. */
function personsCampaign(context: ArticleContext, phrase: SpeakerPhrase): EntityRecord | null {
  const { index, text } = context;
  const from = Math.max(0, phrase.start - 4000);
  let owner: string | null = null;
  CAMPAIGN_OF.lastIndex = 0;
  const window = text.slice(from, phrase.end);
  for (let m = CAMPAIGN_OF.exec(window); m; m = CAMPAIGN_OF.exec(window)) {
    const at = from + m.index;
    const named = mentionsBetween(index.mentions, at, at + (m[1]?.length ?? 0))[0];
    if (named && index.byKey.get(named.key)?.kind === 'person') owner = m[1] ?? null;
  }
  return owner ? derivedOrganization(context, `${owner} campaign`, phrase) : null;
}

/** An organization the text names only through a person or a paper ("the Roe campaign", "the Post's editorial board"). */
function derivedOrganization(context: ArticleContext, name: string, phrase: SpeakerPhrase): EntityRecord {
  return derivedEntity(context, 'organization', name, phrase);
}

/** An entity the text names only in a speaker phrase ("Jane Roe of Acme said" when "Jane Roe" was not recognized). */
function derivedEntity(
  context: ArticleContext,
  kind: 'organization' | 'person',
  name: string,
  phrase: SpeakerPhrase,
): EntityRecord {
  const { index } = context;
  const key = `${kind === 'person' ? 'person' : 'org'}:${name.toLowerCase()}`;
  let record = index.byKey.get(key);
  if (!record) {
    const words = name.split(/\s+/);
    record = {
      key,
      kind,
      name,
      aliases: new Set(),
      mentions: [],
      firstName: kind === 'person' ? (words[0] ?? null) : null,
      surname: kind === 'person' ? (words[words.length - 1] ?? null) : null,
      gender: null,
      titles: new Set(),
    };
    index.records.push(record);
    index.byKey.set(key, record);
  }
  if (!record.mentions.some((m) => m.start === phrase.start)) {
    record.mentions.push({ start: phrase.start, end: phrase.end });
    record.mentions.sort((a, b) => a.start - b.start);
    if (phrase.text !== record.name) record.aliases.add(phrase.text);
  }
  return record;
}

/** "the editorial board", "the paper's editorial board": the board of the last newspaper named, as a speaker of its own. */
function editorialBoard(context: ArticleContext, phrase: SpeakerPhrase): EntityRecord | null {
  const { index } = context;
  let paper: EntityRecord | undefined;
  for (const m of index.mentions) {
    if (m.start >= phrase.start) break;
    const record = index.byKey.get(m.key);
    const last = record?.name.toLowerCase().split(/\s+/).pop() ?? '';
    if (record?.kind === 'organization' && PRESS_HEADS.has(last)) paper = record;
  }
  if (!paper) return null;
  return derivedOrganization(context, `${paper.name.replace(/^The\s+/, '')} editorial board`, phrase);
}

/**
 * What a description's head noun says of whom it may stand for, without resolving it: a title some
 * person of the article holds ("role"), a person noun no one holds ("person"), a group noun ("group").
 */
export function descriptionHead(
  context: ArticleContext,
  phrase: SpeakerPhrase,
): 'role' | 'person' | 'group' | 'other' {
  const words = headOf((phrase.text.split(',')[0] ?? '').toLowerCase().split(/\s+/));
  const head = words[words.length - 1] ?? '';
  if (titleHolders(context, head) || titleHolders(context, words.slice(-2).join(' '))) return 'role';
  if (ORGANIZATION_NOUNS.has(head) && !PERSON_NOUNS.has(head)) return 'group';
  return PERSON_NOUNS.has(head) || looksLikePerson(head) ? 'person' : 'other';
}

const titleHolders = (context: ArticleContext, head: string) =>
  context.roles.some((r) => titleMatches(head, r.title));

function mostRecent(context: ArticleContext, pool: EntityRecord[], before: number): EntityRecord | null {
  const keys = new Set(pool.map((p) => p.key));
  let best: NameMention | null = null;
  for (const m of context.index.mentions) {
    if (m.start >= before) break;
    if (keys.has(m.key)) best = m;
  }
  return best ? (context.index.byKey.get(best.key) ?? null) : (pool[0] ?? null);
}

function previousParagraphOf(context: ArticleContext, paragraph: Span | undefined): Span | undefined {
  if (!paragraph) return undefined;
  const i = context.paragraphs.indexOf(paragraph);
  return i > 0 ? context.paragraphs[i - 1] : undefined;
}

const isQuoted = (context: ArticleContext, at: number) =>
  context.quoted.some((q) => q.start <= at && at < q.end);

/**
 * Names outside quotes in recent sentences, newest sentence first. Within a sentence a name next to a
 * speech verb comes first, then the grammatical subject (the first name not after a preposition and
 * not qualifying someone else's title), then the rest. A sentence that opens with the same pronoun
 * ("She said she'd rather …") talks about the same person, so its names are not candidates.
 */
function sentenceSubjects(
  context: ArticleContext,
  before: number,
  samePronoun?: string,
  subjectsOnlyInOwnSentence = false,
): NameMention[] {
  const { text } = context;
  const ordered: NameMention[] = [];
  const sentenceIndex = sentenceIndexAt(context.sentences, before);
  for (let i = sentenceIndex; i >= 0 && sentenceIndex - i < 6; i--) {
    const sentence = context.sentences[i];
    if (!sentence) continue;
    if (isCreditLine(context, sentence.start)) continue;
    const opening = /^[\s“"']*(\p{L}+)/u
      .exec(text.slice(sentence.start, sentence.start + 20))?.[1]
      ?.toLowerCase();
    if (i < sentenceIndex && samePronoun && opening === samePronoun) continue;
    const inSentence = mentionsBetween(
      context.index.mentions,
      sentence.start,
      Math.min(sentence.end, before),
    ).filter(
      (m) =>
        !isQuoted(context, m.start) &&
        !isCreditLine(context, m.start) &&
        !followedByPossessiveObject(context, m) &&
        !qualifiesAnother(context, m),
    );
    const rank = (m: NameMention) => subjectRank(context, m, sentence.start);
    // "In an interview with hosts Joe Roe and …, the candidate said": a name after a preposition in the
    // mention's own clause is not what the mention stands for
    ordered.push(
      ...inSentence
        .map((m, k) => ({ m, k, r: rank(m) }))
        .filter(
          (x) =>
            !(
              subjectsOnlyInOwnSentence &&
              i === sentenceIndex &&
              (x.r === 2 || OPENING_PHRASE.test(text.slice(sentence.start, x.m.start)))
            ),
        )
        .sort((a, b) => a.r - b.r || a.k - b.k)
        .map((x) => x.m),
    );
  }
  return ordered;
}

/** 0: next to a speech verb; 1: a subject or other name; 2: the object of a preposition or of "told". */
function subjectRank(context: ArticleContext, m: NameMention, sentenceStart: number): number {
  const { text } = context;
  const lead = text.slice(Math.max(sentenceStart, m.start - 12), m.start);
  const next = /^\s+(\p{L}+)/u.exec(text.slice(m.end, m.end + 20))?.[1]?.toLowerCase() ?? '';
  const previous = /(\p{L}+)\s*$/u.exec(lead)?.[1]?.toLowerCase() ?? '';
  if (SPEECH_VERBS.has(next) || INVERTED_CUES.has(previous)) return 0;
  if (
    PREPOSITIONS.has(previous) ||
    /^(?:told|asked|tells|asks|urged|thanked|praised|attacked|criticized)$/.test(previous)
  )
    return 2;
  return 1;
}

/** The sentence so far is an opening phrase not yet closed by its comma ("In an interview with hosts Jo Roe"). */
const OPENING_PHRASE =
  /^[\s“"']*(?:In|At|On|During|With|After|Before|From|For|Over|Unlike|Like|Despite|Following|Speaking|Writing|Talking|Asked)\b[^,;:]*$/;

/** Verbs that put the speaker after them ("…, said Jane Roe"). */
const INVERTED_CUES = new Set([
  'said',
  'says',
  'added',
  'wrote',
  'asked',
  'continued',
  'explained',
  'recalled',
]);
const PREPOSITIONS = new Set(
  'to of for with against about at on by from into onto over under than like after before toward towards including'.split(
    ' ',
  ),
);

/** "Brandt" in "Brandt spokesman Carl Ek" names whom the spokesman works for, not a speaker. */
const qualifiesAnother = (context: ArticleContext, m: NameMention) =>
  context.roles.some((r) => r.personKey !== m.key && r.span.start <= m.start && m.end < r.span.end);

/** "Brandt's plan" or "the Brandt phone bank": the name qualifies something else. */
const followedByPossessiveObject = (context: ArticleContext, m: NameMention) =>
  /^['’]s\b/.test(context.text.slice(m.end, m.end + 2)) ||
  (/\b[Tt]he\s+$/.test(context.text.slice(Math.max(0, m.start - 4), m.start)) &&
    /^\s+\p{Ll}/u.test(context.text.slice(m.end, m.end + 3)));

function recentMentions(context: ArticleContext, before: number, sentences: number): NameMention[] {
  const sentenceIndex = sentenceIndexAt(context.sentences, before);
  const from = context.sentences[Math.max(0, sentenceIndex - sentences)]?.start ?? 0;
  const { mentions } = context.index;
  const found: NameMention[] = [];
  for (let k = firstAtOrAfter(mentions, from); k < mentions.length; k++) {
    const m = mentions[k];
    if (!m || m.start >= before) break;
    if (!isQuoted(context, m.start)) found.push(m);
  }
  return found.reverse();
}

/**
 * The first span (of spans sorted by start and end) that ends at or after `at`, when it holds `at`;
 * else -1. Speaker resolution asks this for every cue, so it must not scan the article each time.
 */
function sentenceIndexAt(sentences: Span[], at: number): number {
  let lo = 0;
  let hi = sentences.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sentences[mid]?.end ?? 0) < at) lo = mid + 1;
    else hi = mid;
  }
  const sentence = sentences[lo];
  return sentence && sentence.start <= at ? lo : -1;
}

/** The index of the first of the spans (sorted by start) that starts at or after `at`. */
function firstAtOrAfter(spans: Span[], at: number): number {
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((spans[mid]?.start ?? 0) < at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** "he said, adding: “…”" → he; "Roe lashed out, saying “…”" → Roe. */
export function participleSubject(
  context: ArticleContext,
  i: number,
  sentenceStart: number,
): SpeakerPhrase | null {
  const { tokens } = context;
  // "Roe kept asking her …", "she was telling reporters …": the subject of the auxiliary
  const auxiliary = tokens[i - 1];
  if (
    auxiliary &&
    /^(?:was|were|is|are|kept|keeps|been|be|began|begins|started|starts|continued|went|goes)$/.test(
      auxiliary.lower,
    )
  ) {
    const phrase = subjectBefore(context, auxiliary.start, sentenceStart);
    if (phrase) return phrase;
  }
  for (let j = i - 1; j >= 0; j--) {
    const token = tokens[j];
    if (!token || token.start < sentenceStart) break;
    if (context.quoted.some((q) => q.start <= token.start && token.start < q.end)) continue;
    if (!SPEECH_VERBS.has(token.lower) || token.lower.endsWith('ing')) continue;
    if (/[^s]s$/.test(token.lower) && !verbAfterSubject(context, j)) continue;
    if (isAdjectival(tokens, j)) continue;
    const start = context.quoted
      .filter((q) => q.end <= token.start)
      .reduce((at, q) => Math.max(at, q.end), sentenceStart);
    const phrase = subjectBefore(context, token.start, start);
    if (phrase) return phrase;
  }
  const lead = tokens[i];
  return lead ? leadingSubject(context, sentenceStart, lead.start) : null;
}

/** "Roe's repeated calls", "the reported deal": a participle used as an adjective. */
export function isAdjectival(tokens: Token[], j: number): boolean {
  const previous = tokens[j - 1];
  return (
    !!previous &&
    (previous.possessive || /^(?:the|a|an|his|her|their|its|our|my|your|this|that)$/.test(previous.lower))
  );
}

const PLURAL_SUBJECTS = /^(?:they|we|i|you|who|also|and|often|sometimes|still|both)$/;

/**
 * A cue word read in a sense that is not speech: "the 10-year Treasury note rose", "shares added 3
 * percent", "the United States", "50 states". Base "note" needs a plural or pronoun subject, "added"
 * with an amount is a rise, and "states"/"notes"/"reports" need a subject the verb can follow.
 */
export function isNonSpeechCue(context: ArticleContext, i: number): boolean {
  const { tokens, text } = context;
  const token = tokens[i];
  if (!token) return false;
  const previous = tokens[i - 1];
  const after = text.slice(token.end, token.end + 40);
  switch (token.lower) {
    case 'note':
      return !(
        previous &&
        (PLURAL_SUBJECTS.test(previous.lower) || /^\p{L}\p{Ll}*(?:s|ly)$/u.test(previous.word))
      );
    case 'added':
    case 'adds':
    case 'add':
      return /^\s+(?:(?:about|nearly|almost|roughly|another|more than|over|some)\s+)?[$€£]?\d/.test(after);
    case 'states':
    case 'notes':
    case 'reports':
      return !verbAfterSubject(context, i);
    default:
      return false;
  }
}

export function verbAfterSubject(context: ArticleContext, i: number): boolean {
  const previous = context.tokens[i - 1];
  const token = context.tokens[i];
  // "the report notes:", "the website says that": a plural noun is not followed by a colon or "that"
  if (token && /^\s*(?::|that\b)/.test(context.text.slice(token.end, token.end + 6))) return true;
  if (!previous || !token || !/^\s+$/.test(context.text.slice(previous.end, token.start))) return false;
  return (
    /^(he|she|it|they|who)$/.test(previous.lower) ||
    mentionEndingAt(context.index.mentions, previous.start + previous.word.length) !== null
  );
}
