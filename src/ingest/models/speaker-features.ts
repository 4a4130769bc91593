import { type AttributedQuote, sentenceAt } from '../attribution';
import { mentionsBetween } from '../entities';
import { PRONOUN_GENDER, SPEECH_VERBS } from '../lexicon';
import {
  type ArticleContext,
  descriptionHead,
  isAdjectival,
  isCreditLine,
  isNonSpeechCue,
  leadingNounPhrase,
  leadingSubject,
  resolveSpeaker,
  type SpeakerPhrase,
  subjectAfter,
  subjectBefore,
  verbAfterSubject,
} from '../speakers';
import { tokenIndexAt } from '../tokens';
import type { Span } from '../types';

/** A mention that could be the source of a quote, with the features the ranker scores it by. */
export interface SpeakerCandidate {
  /** Null for the choice of naming no one (an unnamed source, or words no one in reach said). */
  phrase: SpeakerPhrase | null;
  features: string[];
  /** The candidate the rules chose. */
  fromRule: boolean;
}

export interface QuoteCandidates {
  quote: AttributedQuote;
  candidates: SpeakerCandidate[];
}

const PREPOSITIONS = new Set(
  'to of for with against about at on by from into over under than like after before toward including'.split(
    ' ',
  ),
);
const SOURCE_ORDER = [
  'rule',
  'verb-subject',
  'verb-inverted',
  'mention',
  'pronoun',
  'sentence-subject',
  'clause-subject',
] as const;
type Source = (typeof SOURCE_ORDER)[number];

const CLAUSE_OPENING =
  /(?:[,;—–]\s+|\b(?:before|after|while|when|because|since|although|though|that|and|but|where|whereas|until)\s+)(?=\S)/g;

/** Where the last clause before `to` opens inside the sentence (after a comma or a conjunction). */
function lastClauseStart(text: string, from: number, to: number): number {
  const window = text.slice(from, to);
  let at = -1;
  CLAUSE_OPENING.lastIndex = 0;
  for (let m = CLAUSE_OPENING.exec(window); m; m = CLAUSE_OPENING.exec(window)) at = m.index + m[0].length;
  return at < 0 ? from : from + at;
}

const bucket = (n: number) => (n <= 0 ? 0 : Math.min(7, Math.floor(Math.log2(n + 1))));

/**
 * The candidate source mentions of each attributed quote: the rules' choice, the subject of every speech
 * verb near the quote (before it, inverted after it), the names and pronouns of the quote's sentence,
 * the sentences around it and the previous paragraph. Features describe each one against the quote.
 */
export function speakerCandidates(context: ArticleContext, quotes: AttributedQuote[]): QuoteCandidates[] {
  const { index } = context;
  const mentionCount = new Map<string, number>();
  for (const m of index.mentions) mentionCount.set(m.key, (mentionCount.get(m.key) ?? 0) + 1);
  const previousSpeakers: (string | null)[] = [];
  let lastKey: string | null = null;
  for (const q of quotes) {
    previousSpeakers.push(lastKey);
    if (q.speaker?.entity) lastKey = q.speaker.entity.key;
  }
  const shared: ArticleCache = {
    mentionCount,
    quotedToken: quotedTokens(context),
    cueSubjects: new Map(),
    pronounResolutions: new Map(),
  };
  return quotes.map((quote, i) => ({
    quote,
    candidates: candidatesOf(context, quote, previousSpeakers[i] ?? null, shared),
  }));
}

interface ArticleCache {
  mentionCount: Map<string, number>;
  /** 1 for tokens inside quote marks. */
  quotedToken: Uint8Array;
  /** The subject phrases of each speech-verb token, found once for all the quotes near it. */
  cueSubjects: Map<number, (SpeakerPhrase | null)[]>;
  /** What the rules make of each he/she, found once for all the quotes near it. */
  pronounResolutions: Map<number, string>;
}

function quotedTokens(context: ArticleContext): Uint8Array {
  const flags = new Uint8Array(context.tokens.length);
  for (const q of context.quoted)
    for (let k = tokenIndexAt(context.tokens, q.start); k < context.tokens.length; k++) {
      if ((context.tokens[k]?.start ?? Number.POSITIVE_INFINITY) >= q.end) break;
      flags[k] = 1;
    }
  return flags;
}

function cueSubjects(context: ArticleContext, k: number, regionStart: number, regionEnd: number) {
  const { tokens, text } = context;
  const token = tokens[k];
  if (!token) return [];
  const sentence = sentenceAt(context, token.start);
  let from = sentence?.start ?? regionStart;
  for (const q of context.quoted) if (q.end <= token.start && q.end > from) from = q.end;
  const found = [subjectBefore(context, token.start, from)];
  if (/[,”"]\s*$/.test(text.slice(Math.max(0, token.start - 3), token.start)))
    found.push(subjectAfter(context, token.end, sentence?.end ?? regionEnd));
  return found;
}

function candidatesOf(
  context: ArticleContext,
  quote: AttributedQuote,
  previousSpeaker: string | null,
  cache: ArticleCache,
): SpeakerCandidate[] {
  const { tokens, index, paragraphs } = context;
  const segment = quote.segment;
  const paragraph = paragraphs[segment.paragraph];
  const previousParagraph = paragraphs[segment.paragraph - 1];
  const openSentence = sentenceAt(context, segment.open);
  const closeSentence = sentenceAt(context, Math.max(segment.open, segment.close - 1));
  const nextSentence = closeSentence ? sentenceAt(context, closeSentence.end + 1) : undefined;
  const previousSentence = openSentence ? sentenceAt(context, openSentence.start - 2) : undefined;
  const regionStart = Math.max(
    previousParagraph?.start ?? paragraph?.start ?? 0,
    (previousSentence?.start ?? segment.open) - 400,
  );
  const regionEnd = Math.min(
    Math.max(nextSentence?.end ?? segment.close, paragraph?.end ?? segment.close),
    segment.close + 600,
  );
  const found = new Map<number, { phrase: SpeakerPhrase; sources: Set<Source> }>();
  const add = (phrase: SpeakerPhrase | null, source: Source) => {
    if (!phrase || phrase.end <= phrase.start) return;
    if (source !== 'rule' && cache.quotedToken[tokenIndexAt(tokens, phrase.start)]) return;
    const anchor = phrase.mention?.start ?? phrase.start;
    // a name inside a longer phrase ("a spokesman for the Roe campaign") is part of that candidate
    if (source === 'mention' || source === 'pronoun') {
      const container = [...found.values()].find(
        (c) =>
          c.phrase.start <= phrase.start && phrase.end <= c.phrase.end && c.phrase.mention?.start !== anchor,
      );
      if (container) {
        container.sources.add(source);
        return;
      }
    }
    const known = found.get(anchor);
    if (known) known.sources.add(source);
    else found.set(anchor, { phrase, sources: new Set([source]) });
  };
  add(quote.speaker?.phrase ?? null, 'rule');
  const first = tokenIndexAt(tokens, regionStart);
  for (let k = first; k < tokens.length; k++) {
    const token = tokens[k];
    if (!token || token.start >= regionEnd) break;
    if (cache.quotedToken[k]) continue;
    const gender = PRONOUN_GENDER.get(token.lower);
    if (gender && token.text === token.word)
      add(
        { start: token.start, end: token.end, text: token.text, kind: 'pronoun', mention: null },
        'pronoun',
      );
    if (!SPEECH_VERBS.has(token.lower) || token.lower.endsWith('ing') || isAdjectival(tokens, k)) continue;
    if (isNonSpeechCue(context, k)) continue;
    if (/[^s]s$/.test(token.lower) && !verbAfterSubject(context, k)) continue;
    let subjects = cache.cueSubjects.get(k);
    if (!subjects) {
      subjects = cueSubjects(context, k, regionStart, regionEnd);
      cache.cueSubjects.set(k, subjects);
    }
    add(subjects[0] ?? null, 'verb-subject');
    add(subjects[1] ?? null, 'verb-inverted');
  }
  for (const m of mentionsBetween(index.mentions, regionStart, regionEnd)) {
    const kind = index.byKey.get(m.key)?.kind;
    if (kind === 'place') continue;
    add({ start: m.start, end: m.end, text: m.text, kind: 'name', mention: m }, 'mention');
  }
  // "The piece goes on to slam …“…”", "A campaign ad accuses Roe of “…”": the subject of the
  // quote's sentence, whatever its verb
  if (openSentence && openSentence.start < segment.open) {
    const subject =
      leadingSubject(context, openSentence.start, segment.open) ??
      leadingNounPhrase(context, openSentence.start, segment.open);
    if (subject && subject.end <= segment.open) add(subject, 'sentence-subject');
    // "… long before White House officials started to portray it as a “…”": the subject of the
    // clause the quote stands in, when a later clause opens the sentence up to it
    const clauseStart = lastClauseStart(context.text, openSentence.start, segment.open);
    if (clauseStart > openSentence.start) {
      const clauseSubject = leadingNounPhrase(context, clauseStart, segment.open);
      // a subject, not the words right before the mark ("… as a “…”"): a verb stands between them
      if (clauseSubject && /\p{L}/u.test(context.text.slice(clauseSubject.end, segment.open)))
        add(clauseSubject, 'clause-subject');
    }
  }
  const ordered = [...found.values()].sort((a, b) => a.phrase.start - b.phrase.start);
  const context2: FeatureContext = {
    context,
    structure: sentenceStructure(context, ordered, openSentence, segment.open),
    quote,
    openSentence,
    closeSentence,
    nextSentence,
    previousSentence,
    paragraph,
    previousParagraph,
    previousSpeaker,
    mentionCount: cache.mentionCount,
    pronounResolutions: cache.pronounResolutions,
  };
  const nobody: SpeakerCandidate = {
    phrase: null,
    fromRule: !quote.speaker,
    features: [
      'nobody',
      `nobody:rule:${quote.rule}`,
      `nobody:kind:${quote.kind}`,
      `nobody:rule-phrase:${quote.speaker?.phrase.kind ?? 'none'}`,
      `nobody:candidates:${Math.min(3, found.size)}`,
    ],
  };
  return [
    nobody,
    ...ordered.map(({ phrase, sources }) => ({
      phrase,
      fromRule: sources.has('rule'),
      features: featuresOf(context2, phrase, sources),
    })),
  ];
}

interface FeatureContext {
  context: ArticleContext;
  structure: SentenceStructure;
  quote: AttributedQuote;
  openSentence: Span | undefined;
  closeSentence: Span | undefined;
  nextSentence: Span | undefined;
  previousSentence: Span | undefined;
  paragraph: Span | undefined;
  previousParagraph: Span | undefined;
  previousSpeaker: string | null;
  mentionCount: Map<string, number>;
  pronounResolutions: Map<number, string>;
}

const ADVERBS = /^(?:\p{Ll}+ly|also|then|later|now|still|never|again|once|even|already|first|too|not|just)$/u;
/** Auxiliaries and common irregular past forms: a lower-case word that makes the name before it a subject. */
const VERB_WORDS = new Set(
  `has had have is was were are will would could can may might should must did does do began became
  brought came felt fought found gave got went held kept knew led left lost made meant met paid put ran
  saw sent set sought spoke stood took thought told understood won wrote`.split(/\s+/),
);
const RELATIVE_WORDS = new Set(['whom', 'what', 'which', 'who', 'that', 'as']);

/**
 * How the candidates before a quote in its own sentence stand to each other: which of them is the
 * subject of a verb (a lower-case verb-like word after it: "Roe endorsed", "he has long used"), the
 * last such subject before the quote (the clause the quote stands in), and which pronouns follow a
 * person's name earlier in the sentence ("Roe attacked what he calls “…”": the annotation names Roe).
 */
interface SentenceStructure {
  subjects: Set<number>;
  nearestSubject: number;
  pronounAfterName: Set<number>;
  nameBeforePronoun: Set<number>;
}

function sentenceStructure(
  context: ArticleContext,
  candidates: { phrase: SpeakerPhrase }[],
  sentence: Span | undefined,
  open: number,
): SentenceStructure {
  const structure: SentenceStructure = {
    subjects: new Set(),
    nearestSubject: -1,
    pronounAfterName: new Set(),
    nameBeforePronoun: new Set(),
  };
  if (!sentence) return structure;
  const { tokens, index } = context;
  let lastName = -1;
  for (const { phrase } of candidates) {
    if (phrase.start < sentence.start || phrase.end > open) continue;
    const first = tokenIndexAt(tokens, phrase.end);
    let k = first;
    while (tokens[k] && ADVERBS.test(tokens[k]?.text ?? '')) k++;
    const next = tokens[k];
    if (
      next &&
      next.start < open &&
      !/^['’]s\b/.test(context.text.slice(phrase.end, phrase.end + 3)) &&
      /^\p{Ll}+$/u.test(next.text) &&
      /^[\s,]*$/.test(context.text.slice(phrase.end, tokens[first]?.start ?? phrase.end)) &&
      (VERB_WORDS.has(next.lower) || SPEECH_VERBS.has(next.lower) || /(?:[^s]s|ed)$/.test(next.lower))
    ) {
      structure.subjects.add(phrase.start);
      structure.nearestSubject = phrase.start;
    }
    const person = phrase.kind === 'name' && index.byKey.get(phrase.mention?.key ?? '')?.kind === 'person';
    if (person) lastName = phrase.start;
    const lower = phrase.text.toLowerCase();
    if (phrase.kind === 'pronoun' && (lower === 'he' || lower === 'she') && lastName >= 0) {
      structure.pronounAfterName.add(phrase.start);
      structure.nameBeforePronoun.add(lastName);
    }
  }
  return structure;
}

const within = (span: Span | undefined, at: number) => !!span && span.start <= at && at < span.end;

function featuresOf(f: FeatureContext, phrase: SpeakerPhrase, sources: Set<Source>): string[] {
  const { context, quote } = f;
  const { text, index, tokens } = context;
  const segment = quote.segment;
  const features: string[] = ['bias'];
  const kind = phrase.kind;
  const record = phrase.mention ? index.byKey.get(phrase.mention.key) : undefined;
  const entityKind = record?.kind ?? 'none';
  const position = phrase.end <= segment.open ? 'before' : phrase.start >= segment.close ? 'after' : 'inside';
  const where =
    within(f.openSentence, phrase.start) || within(f.closeSentence, phrase.start)
      ? 'same'
      : within(f.nextSentence, phrase.start)
        ? 'next'
        : within(f.previousSentence, phrase.start)
          ? 'previous'
          : within(f.paragraph, phrase.start)
            ? 'paragraph'
            : within(f.previousParagraph, phrase.start)
              ? 'previous-paragraph'
              : 'far';
  const distance =
    position === 'before'
      ? segment.open - phrase.end
      : position === 'after'
        ? phrase.start - segment.close
        : 0;
  const distanceBucket = bucket(Math.floor(distance / 8));
  const rule = sources.has('rule') ? quote.rule : 'no';
  const opensParagraph = f.paragraph?.start === segment.open;
  const wholeParagraph = opensParagraph && (f.paragraph?.end ?? 0) - segment.close <= 1;
  const pronoun = kind === 'pronoun' ? phrase.text.toLowerCase() : '';
  const t = tokenIndexAt(tokens, phrase.start);
  const endToken = tokenIndexAt(tokens, phrase.end);
  const before = tokens[t - 1];
  const after = tokens[endToken];
  const verbAfter =
    !!after &&
    SPEECH_VERBS.has(after.lower) &&
    /^[\s,]*$/.test(text.slice(phrase.end, after.start).replace(/\b\p{Ll}+ly\b/gu, ''));
  const verbBefore =
    !!before && SPEECH_VERBS.has(before.lower) && /^\s*$/.test(text.slice(before.end, phrase.start));
  let quotesBetween = 0;
  if (position !== 'inside')
    for (const q of context.quoted) {
      if (
        position === 'before'
          ? q.start >= phrase.end && q.end <= segment.open
          : q.start >= segment.close && q.end <= phrase.start
      )
        quotesBetween++;
      if (quotesBetween > 1 || q.start > Math.max(segment.open, phrase.start)) break;
    }
  const sentence = sentenceAt(context, phrase.start);
  const sentenceInitial = !!sentence && /^[\s“"']*$/.test(text.slice(sentence.start, phrase.start));
  const credit = isCreditLine(context, phrase.start);
  const key = phrase.mention?.key;
  const salience = key ? bucket(f.mentionCount.get(key) ?? 0) : -1;

  const add = (...parts: (string | number | boolean)[]) => features.push(parts.join(':'));
  add('kind', kind);
  add('entity', entityKind);
  add('kind-entity', kind, entityKind);
  for (const source of sources) add('source', source);
  add('rule', rule);
  add('rule-kind', rule, kind);
  add('position', position);
  add('where', where);
  add('where-position', where, position);
  add('where-kind', where, kind);
  add('distance', distanceBucket);
  add('distance-position', distanceBucket, position);
  add('quote-kind', quote.kind, position, where);
  if (verbAfter) add('verb-after', position, where);
  if (verbBefore) add('verb-before', position, where);
  if (sources.has('verb-subject') || sources.has('verb-inverted')) add('cue-subject', position, where);
  if (before && PREPOSITIONS.has(before.lower)) add('after-preposition', kind);
  if (/^['’]s\b/.test(text.slice(phrase.end, phrase.end + 3))) add('possessive');
  add('quotes-between', Math.min(2, quotesBetween));
  if (sentenceInitial) add('sentence-initial', where);
  if (opensParagraph) add('opens-paragraph', where, kind);
  if (wholeParagraph) add('whole-paragraph', where);
  if (segment.continuesPrevious) add('continues', where);
  if (credit) add('credit-line');
  if (pronoun) add('pronoun', pronoun, where);
  if ((pronoun === 'he' || pronoun === 'she') && f.previousSpeaker) add('pronoun-after-speaker', where);
  if (key && key === f.previousSpeaker) add('previous-speaker', where);
  if (salience >= 0) add('salience', salience);
  if (
    record?.kind === 'organization' &&
    /^\s+(?:said|told|says)\b/.test(text.slice(phrase.end, phrase.end + 8))
  )
    add('organization-cue');
  if (kind === 'name' && record?.kind === 'person' && record.gender) add('gendered-name', where);
  // "helping Mrs. Roe succeed him": a name right after a lower-case verb is its object
  if (
    kind === 'name' &&
    before &&
    /^\p{Ll}+(?:ing|ed|s)$/u.test(before.text) &&
    !SPEECH_VERBS.has(before.lower)
  )
    add('after-verb', where);
  if (f.structure.subjects.has(phrase.start)) add('clause-subject-of-verb', kind);
  if (f.structure.nearestSubject === phrase.start) add('nearest-subject', kind);
  if (f.structure.pronounAfterName.has(phrase.start))
    add('pronoun-after-name', before && RELATIVE_WORDS.has(before.lower) ? 'relative' : 'other');
  if (f.structure.nameBeforePronoun.has(phrase.start)) add('name-before-pronoun');
  if (pronoun && before && RELATIVE_WORDS.has(before.lower)) add('pronoun-relative', pronoun);
  if (kind === 'description') add('description-head', descriptionHead(context, phrase), where);
  if (kind === 'pronoun' && (pronoun === 'he' || pronoun === 'she')) {
    let resolution = f.pronounResolutions.get(phrase.start);
    if (resolution === undefined) {
      const resolved = resolveSpeaker(context, phrase, []);
      resolution = resolved.entity ? String(Math.round(resolved.certainty * 10)) : 'none';
      f.pronounResolutions.set(phrase.start, resolution);
    }
    add('pronoun-resolves', resolution, where);
  }
  return features;
}
