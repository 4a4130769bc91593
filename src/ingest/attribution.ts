import { mentionsBetween } from './entities';
import { SPEECH_VERBS } from './lexicon';
import { type QuoteModel, quoteProbability } from './models/quote-classifier';
import { quoteFeatures, SHORT_QUOTE_WORDS, type ShortQuoteReading } from './models/quote-features';
import type { QuoteSegment } from './quotes';
import {
  type ArticleContext,
  isAdjectival,
  isNonSpeechCue,
  leadingSubject,
  participleSubject,
  type ResolvedSpeaker,
  resolveSpeaker,
  type SpeakerHistory,
  type SpeakerPhrase,
  subjectAfter,
  subjectBefore,
  verbAfterSubject,
} from './speakers';
import { type Token, tokenIndexAt } from './tokens';
import type { QuoteKind, Span } from './types';

/** How the speaker of a quote was found: each way has its own reliability. */
export type AttributionRule =
  | 'cue-after'
  | 'cue-after-inverted'
  | 'cue-before'
  | 'cue-before-partial'
  | 'according-to'
  | 'continued'
  | 'ranked'
  | 'none';

export interface AttributedQuote {
  segment: QuoteSegment;
  kind: QuoteKind;
  rule: AttributionRule;
  cue: string | null;
  speaker: ResolvedSpeaker | null;
  confidence: number;
}

const RULE_RELIABILITY: Record<AttributionRule, number> = {
  'cue-after': 1,
  'cue-after-inverted': 1,
  'cue-before': 0.8,
  'cue-before-partial': 0.8,
  'according-to': 0.95,
  continued: 0.85,
  ranked: 0.5,
  none: 0,
};

/** The quote classifier that decides short quoted spans, and a hook that receives each one (training). */
export interface ShortQuoteOptions {
  /** null keeps the rules' decisions. */
  model: QuoteModel | null;
  onShortQuote?: (segment: QuoteSegment, features: string[]) => void;
}

/**
 * Attributes each quoted segment to a speaker by the cue next to it ("…,” Peskov said / said Peskov /
 * Peskov said: “…” / according to Peskov), or, with no cue of its own, by the quote it continues.
 * Quoted words with no cue and no look of speech (scare quotes, titles) are dropped; a span of a few
 * words dropped so is added back when the quote classifier, reading the rules' decision as one of
 * its features, is sure it is a quote.
 */
export function attributeQuotes(
  context: ArticleContext,
  segments: QuoteSegment[],
  shortQuotes: ShortQuoteOptions = { model: null },
): AttributedQuote[] {
  const history: SpeakerHistory[] = [];
  const found: (AttributedQuote | 'title' | null)[] = segments.map((segment, i) => {
    const attributed = attributeByCue(context, segment, segments[i - 1], segments[i + 1], history);
    if (attributed !== 'title' && attributed?.speaker?.entity)
      history.push({ at: segment.start, entity: attributed.speaker.entity });
    return attributed;
  });
  const cued = found.map((f) => (f === 'title' ? null : f));
  const resolved: (AttributedQuote | null)[] = [];
  segments.forEach((segment, i) => {
    const own = found[i];
    const rules = own === 'title' ? null : continued(context, segments, cued, resolved, i);
    if (!isShort(context, segment) || (!shortQuotes.model && !shortQuotes.onShortQuote)) {
      resolved.push(rules);
      return;
    }
    const reading: ShortQuoteReading = own === 'title' ? 'title' : rules ? { kept: rules.rule } : 'dropped';
    const sentence = sentenceAt(context, segment.open) ?? { start: segment.open, end: segment.close };
    const subject = leadingSubject(context, sentence.start, segment.open);
    const features = quoteFeatures(context, segment, segments[i - 1], sentence, subject, reading);
    shortQuotes.onShortQuote?.(segment, features);
    const { model } = shortQuotes;
    if (!model || rules) resolved.push(rules);
    else if (quoteProbability(model.weights, features) < model.threshold) resolved.push(null);
    else resolved.push(continued(context, segments, cued, resolved, i, true));
  });
  return resolved.filter((q): q is AttributedQuote => q !== null);
}

/** A span of a few words, not the continuation of a quote from the paragraph before. */
const isShort = (context: ArticleContext, segment: QuoteSegment) =>
  !segment.continuesPrevious && wordCount(context.text, segment) <= SHORT_QUOTE_WORDS;

function continued(
  context: ArticleContext,
  segments: QuoteSegment[],
  cued: (AttributedQuote | null)[],
  resolved: (AttributedQuote | null)[],
  i: number,
  /** The quote classifier has kept it: the scare-quote rules do not drop it. */
  keep = false,
): AttributedQuote | null {
  const segment = segments[i];
  const own = cued[i];
  if (!segment) return null;
  if (own && own.rule !== 'none') return own;
  const kind = own?.kind ?? 'direct';
  const colon = introducedByColon(context, segment, segments[i - 1], resolved);
  if (colon) return colon;
  // "Roe’s “production hell”": words credited to the person named right before them
  const owner = possessiveOwner(context, segment);
  if (owner) {
    const speaker = resolveSpeaker(context, owner, historyOf(resolved));
    return {
      segment,
      kind: 'partial',
      rule: 'none',
      cue: null,
      speaker,
      confidence: round(speaker.certainty * 0.6),
    };
  }
  // a word or two in quote marks with no cue of its own is a scare quote, not speech, unless the
  // quote is a paragraph of its own (a short answer in a running quote: “I regret it.”)
  if (
    !keep &&
    wordCount(context.text, segment) < 4 &&
    !segment.continuesPrevious &&
    !isWholeParagraph(context, segment) &&
    !isSentenceAfterQuote(context, segment, segments[i - 1])
  )
    return null;
  // a second fragment quoted in the same sentence ("…" and "…") shares the first one's speaker
  const previous = segments[i - 1];
  const previousQuote = resolved[i - 1];
  const sameSentence = previous && sentenceAt(context, previous.open) === sentenceAt(context, segment.open);
  if (kind === 'partial' && sameSentence && previousQuote?.speaker)
    return {
      ...previousQuote,
      segment,
      kind,
      rule: 'continued',
      confidence: round(previousQuote.confidence * 0.9),
    };
  // words quoted inside a sentence that has no cue: the sentence's subject, at a guess
  if (kind === 'partial') {
    const phrase = leadingSubject(
      context,
      sentenceAt(context, segment.open)?.start ?? segment.open,
      segment.open,
    );
    // a short phrase in quote marks, with no cue and no one in the sentence to say it, is a scare quote
    if (!phrase && !keep && wordCount(context.text, segment) < 6) return null;
    const history = historyOf(resolved);
    const speaker = phrase ? resolveSpeaker(context, phrase, history) : null;
    return {
      segment,
      kind,
      rule: 'none',
      cue: null,
      speaker,
      confidence: round((speaker?.certainty ?? 0.5) * 0.6),
    };
  }
  const donor = continuationDonor(context, segments, cued, resolved, i);
  if (donor?.speaker)
    return {
      segment,
      kind,
      rule: 'continued',
      cue: donor.cue,
      speaker: donor.speaker,
      confidence: round(donor.confidence * RULE_RELIABILITY.continued),
    };
  // "Roe praised the new budget. “We need …”": a quote after a sentence about someone, in the same paragraph
  const paragraph = context.paragraphs[segment.paragraph];
  const previousSentence = sentenceAt(context, segment.open - 2);
  if (
    paragraph &&
    previousSentence &&
    previousSentence.start >= paragraph.start &&
    previousSentence.end <= segment.open &&
    !segments.some((s) => s.close > previousSentence.start && s.open < segment.open && s !== segment)
  ) {
    const phrase = leadingSubject(context, previousSentence.start, previousSentence.end);
    if (phrase?.kind === 'name') {
      const speaker = resolveSpeaker(context, phrase, historyOf(resolved));
      return { segment, kind, rule: 'none', cue: null, speaker, confidence: round(speaker.certainty * 0.4) };
    }
  }
  return { segment, kind, rule: 'none', cue: null, speaker: null, confidence: 0.2 };
}

const historyOf = (resolved: (AttributedQuote | null)[]) =>
  resolved.flatMap((q) => (q?.speaker?.entity ? [{ at: q.segment.start, entity: q.speaker.entity }] : []));

function attributeByCue(
  context: ArticleContext,
  segment: QuoteSegment,
  previous: QuoteSegment | undefined,
  next: QuoteSegment | undefined,
  history: SpeakerHistory[],
): AttributedQuote | 'title' | null {
  const { text } = context;
  const sentenceOpen = sentenceAt(context, segment.open);
  const sentenceClose = sentenceAt(context, Math.max(segment.open, segment.close - 1));
  const beforeStart = Math.max(
    sentenceOpen?.start ?? segment.open,
    previous && previous.paragraph === segment.paragraph ? previous.close : 0,
  );
  // a quote ending in . ? ! ends its sentence; the cue then comes in the next one (“Why?” she asked.)
  const embeddedHere = /[\p{L}\p{N}]/u.test(
    text.slice(Math.max(sentenceOpen?.start ?? segment.open, previous?.close ?? 0), segment.open),
  );
  const closesSentence = !embeddedHere && (sentenceClose?.end ?? segment.close) <= segment.close;
  const cueSentence = closesSentence ? sentenceAt(context, nextWordAt(text, segment.close)) : sentenceClose;
  const afterEnd = Math.min(
    Math.max(segment.close, cueSentence?.end ?? segment.close),
    next && next.paragraph === segment.paragraph ? next.open : Number.POSITIVE_INFINITY,
    context.paragraphs[segment.paragraph]?.end ?? Number.POSITIVE_INFINITY,
  );
  const before = text.slice(beforeStart, segment.open);
  const quoteText = text.slice(segment.start, segment.end);
  const after = text.slice(segment.close, segment.close + 40);
  // words in quote marks that the sentence runs on from ("“going door to door” for the campaign")
  const runsOn =
    !/[.!?,;:—–-]\s*$/.test(quoteText) &&
    /^\s+(?:for|of|to|in|on|at|with|from|and|that|is|was)\b/.test(after);
  const embedded = (/[\p{L}\p{N}]/u.test(before) && !/[:,]\s*$/.test(before)) || runsOn;
  const kind: QuoteKind = embedded ? 'partial' : 'direct';
  if (isTitleLike(quoteText, before, after) && !/:\s*$/.test(before)) return 'title';
  // an excerpt under a credited headline (“…,” by Jane Doe: “…”) or a pull quote with its credit line
  if (/[”"'],?\s+by\s+[^:“”"]{2,80}:\s*$/u.test(text.slice(Math.max(0, segment.open - 120), segment.open)))
    return 'title';
  if (!segment.closed && isCreditLine(text, context.paragraphs[segment.paragraph + 1])) return 'title';
  if (/<a\s[^>]*>[^<]*$/.test(text.slice(Math.max(0, segment.open - 300), segment.open))) return 'title';

  const make = (rule: AttributionRule, cue: string, phrase: SpeakerPhrase | null): AttributedQuote => {
    const speaker = phrase ? resolveSpeaker(context, phrase, history) : null;
    const confidence = speaker ? speaker.certainty * RULE_RELIABILITY[rule] : 0.3;
    return { segment, kind, rule, cue, speaker, confidence: round(confidence) };
  };

  const beforeCue = cueBefore(context, beforeStart, segment.open);
  const afterCue = segment.closed ? cueAfter(context, segment.close, afterEnd) : null;
  // a cue right after the closing mark ("…," she said) names the speaker even inside a sentence
  const adjacent =
    afterCue?.phrase && /^[\s,.!?—–-]*$/.test(text.slice(segment.close, afterCue.phrase.start));
  // otherwise words quoted inside reported speech belong to the statement's speaker, named before them
  if (embedded && beforeCue && !adjacent) return make('cue-before-partial', beforeCue.cue, beforeCue.phrase);
  if (afterCue) return make(afterCue.rule, afterCue.cue, afterCue.phrase);
  if (beforeCue) {
    const intro =
      /[:,]\s*$/.test(before) || /\b(?:said|says|told|wrote|writes|added|tweeted|asked)\s*$/.test(before);
    if (!intro && !embedded) return null;
    return make(intro ? 'cue-before' : 'cue-before-partial', beforeCue.cue, beforeCue.phrase);
  }
  return { segment, kind, rule: 'none', cue: null, speaker: null, confidence: 0 };
}

interface Cue {
  rule: AttributionRule;
  cue: string;
  phrase: SpeakerPhrase | null;
}

const ACCORDING_TO = /^[\s,—–-]*according to\s+/i;

function cueAfter(context: ArticleContext, from: number, to: number): Cue | null {
  const { text, tokens } = context;
  const according = ACCORDING_TO.exec(text.slice(from, to));
  if (according) {
    const phrase = subjectAfter(context, from + according[0].length, to);
    return phrase ? { rule: 'according-to', cue: 'according to', phrase } : null;
  }
  const first = tokenIndexAt(tokens, from);
  for (let i = first; i < tokens.length && i - first < 30; i++) {
    const token = tokens[i];
    if (!token || token.start >= to) break;
    if (!SPEECH_VERBS.has(token.lower) || token.lower.endsWith('ing') || isNonSpeechCue(context, i)) continue;
    const inverted = () => {
      const phrase = subjectAfter(context, token.end, to);
      const named = phrase && (phrase.mention || phrase.kind === 'indefinite' || /^the\b/i.test(phrase.text));
      return named ? { rule: 'cue-after-inverted' as const, cue: token.lower, phrase } : null;
    };
    if (i === first) return inverted();
    const phrase = subjectBefore(context, token.start, from);
    // the speaker follows the closing mark directly ("…,” Peskov said), not after a clause
    if (phrase && followsQuoteDirectly(text.slice(from, phrase.start)) && !/^(that|this)$/i.test(phrase.text))
      return { rule: 'cue-after', cue: cueText(text, tokens, i), phrase };
    // "…” to the mayor, said Ann Roe"
    if (/,\s*$/.test(text.slice(tokens[i - 1]?.end ?? from, token.start))) return inverted();
    return null;
  }
  return null;
}

function cueBefore(context: ArticleContext, from: number, to: number): Cue | null {
  const { text, tokens } = context;
  const according = /according to\s+/gi;
  let accordingAt = -1;
  for (let m = according.exec(text.slice(from, to)); m; m = according.exec(text.slice(from, to)))
    accordingAt = from + m.index + m[0].length;
  const first = tokenIndexAt(tokens, from);
  for (let i = tokenIndexAt(tokens, to) - 1; i >= first; i--) {
    const token = tokens[i];
    if (!token) continue;
    if (accordingAt > token.start) {
      const phrase = subjectAfter(context, accordingAt, to);
      return phrase ? { rule: 'according-to', cue: 'according to', phrase } : null;
    }
    if (!SPEECH_VERBS.has(token.lower)) continue;
    if (isAdjectival(tokens, i) || isNonSpeechCue(context, i)) continue;
    // "voters would say “never”": a cue under a modal is hypothetical, not the attribution
    if (/^(?:will|would|could|should|might|may|can|must|to)$/.test(tokens[i - 1]?.lower ?? '')) continue;
    // "was branded “…”": in the passive the subject is not the one speaking
    if (/^(?:was|were|been|being|is|are|be)$/.test(tokens[i - 1]?.lower ?? '')) continue;
    // "his promises", "the United States": a verb ending in -s also reads as a plural noun
    if (/[^s]s$/.test(token.lower) && !verbAfterSubject(context, i)) continue;
    const phrase = token.lower.endsWith('ing')
      ? participleSubject(context, i, sentenceAt(context, token.start)?.start ?? from)
      : subjectBefore(context, token.start, from);
    if (!phrase) continue;
    return { rule: 'cue-before', cue: cueText(text, tokens, i), phrase };
  }
  return null;
}

function cueText(text: string, tokens: Token[], i: number): string {
  const token = tokens[i];
  if (!token) return '';
  const next = tokens[i + 1];
  if (next && /^(out|up|on)$/.test(next.lower) && /^\s+$/.test(text.slice(token.end, next.start)))
    return `${token.lower} ${next.lower}`;
  return token.lower;
}

const CLAUSE_LINKS =
  /\b(?:and|but|or|that|which|because|while|when|if|as|after|before|is|are|was|were|has|have|had|will|would|can|could)\b|[;:!?]/i;

/** Between a closing mark and the speaker: punctuation and words describing the speaker, not a clause. */
const followsQuoteDirectly = (between: string) =>
  !/[;:!?“”"]/.test(between) && between.trim().split(/\s+/).length <= (CLAUSE_LINKS.test(between) ? 12 : 8);

/** The segment earlier in its paragraph, or the one a paragraph-opening quote continues, that carries a speaker. */
function continuationDonor(
  context: ArticleContext,
  segments: QuoteSegment[],
  cued: (AttributedQuote | null)[],
  resolved: (AttributedQuote | null)[],
  i: number,
): AttributedQuote | null {
  const segment = segments[i];
  if (!segment) return null;
  for (let j = i - 1; j >= 0; j--) {
    const earlier = segments[j];
    const attributed = resolved[j];
    if (!earlier || earlier.paragraph < segment.paragraph - 1) break;
    if (earlier.paragraph === segment.paragraph) {
      if (attributed?.speaker && attributed.rule !== 'none') return attributed;
      continue;
    }
    // a paragraph that opens with a quote continues the last quote of the paragraph before
    const opensParagraph = context.paragraphs[segment.paragraph]?.start === segment.open;
    if (opensParagraph && attributed?.speaker && attributed.rule !== 'none' && isLastInParagraph(segments, j))
      return attributed;
    break;
  }
  const later = segments[i + 1];
  const attributedLater = cued[i + 1];
  if (
    later &&
    later.paragraph === segment.paragraph &&
    attributedLater?.speaker &&
    attributedLater.rule === 'cue-after'
  )
    return attributedLater;
  // a quote running over paragraphs may name its speaker only in a later paragraph
  for (let j = i + 1; j < segments.length; j++) {
    const next = segments[j];
    const previous = segments[j - 1];
    if (!next?.continuesPrevious || previous?.closed || next.paragraph !== (previous?.paragraph ?? -1) + 1)
      break;
    const attributed = cued[j];
    if (attributed?.speaker && attributed.rule !== 'none') return attributed;
  }
  // a paragraph that is nothing but a quote, followed by a paragraph opening with a cued quote
  const paragraph = context.paragraphs[segment.paragraph];
  const following = segments[i + 1];
  const followingQuote = cued[i + 1];
  const wholeParagraph = paragraph?.start === segment.open && paragraph.end - segment.close <= 1;
  if (
    wholeParagraph &&
    following?.paragraph === segment.paragraph + 1 &&
    context.paragraphs[following.paragraph]?.start === following.open &&
    followingQuote?.speaker &&
    (followingQuote.rule === 'cue-after' || followingQuote.rule === 'cue-after-inverted')
  )
    return { ...followingQuote, confidence: round(followingQuote.confidence * 0.85) };
  return null;
}

const isWholeParagraph = (context: ArticleContext, segment: QuoteSegment) => {
  const paragraph = context.paragraphs[segment.paragraph];
  return !!paragraph && paragraph.start === segment.open && paragraph.end - segment.close <= 1;
};

/**
 * "“We made a promise,” Phillips said. “We kept it.”": a short quote that is a whole sentence of its
 * own, after another quote in the same paragraph, goes on speaking; scare quotes and titles sit
 * inside a sentence or do not end one.
 */
function isSentenceAfterQuote(
  context: ArticleContext,
  segment: QuoteSegment,
  previous: QuoteSegment | undefined,
): boolean {
  if (!previous || previous.paragraph !== segment.paragraph) return false;
  const { text } = context;
  const inside = text.slice(segment.start, segment.end);
  if (!/^\p{Lu}/u.test(inside) || !/[.!?]$/.test(inside)) return false;
  const before = text.slice(previous.close, segment.open);
  return /[.!?]\s+$/.test(before);
}

/** The person whose possessive stands right before the opening mark ("Roe’s “…”"). */
function possessiveOwner(context: ArticleContext, segment: QuoteSegment): SpeakerPhrase | null {
  const lead = /['’]s\s*$/.exec(context.text.slice(Math.max(0, segment.open - 4), segment.open));
  if (!lead) return null;
  const end = segment.open - lead[0].length;
  const mention = mentionsBetween(context.index.mentions, Math.max(0, end - 80), end).pop();
  if (!mention || mention.end !== end || context.index.byKey.get(mention.key)?.kind !== 'person') return null;
  return { start: mention.start, end: mention.end, text: mention.text, kind: 'name', mention };
}

/** “Here is what she wrote:”, “Roe continued:” or “Roe: …” right before the quote. */
function introducedByColon(
  context: ArticleContext,
  segment: QuoteSegment,
  previousSegment: QuoteSegment | undefined,
  resolved: (AttributedQuote | null)[],
): AttributedQuote | null {
  const { text } = context;
  const paragraph = context.paragraphs[segment.paragraph];
  const previous = context.paragraphs[segment.paragraph - 1];
  if (!paragraph) return null;
  const after =
    previousSegment && previousSegment.paragraph === segment.paragraph
      ? previousSegment.close
      : paragraph.start;
  const intro =
    segment.open > after
      ? { start: after, end: segment.open }
      : previous && paragraph.start === segment.open
        ? previous
        : null;
  if (!intro || !/:\s*$/.test(text.slice(intro.start, intro.end))) return null;
  const sentence = sentenceAt(context, Math.max(intro.start, intro.end - 2));
  const from = Math.max(intro.start, sentence?.start ?? intro.start);
  const cue = cueBefore(context, from, intro.end);
  if (cue?.phrase) {
    const speaker = resolveSpeaker(context, cue.phrase, historyOf(resolved));
    return {
      segment,
      kind: 'direct',
      rule: 'cue-before',
      cue: cue.cue,
      speaker,
      confidence: round(speaker.certainty * 0.8),
    };
  }
  const people = mentionsIn(context, from, intro.end).filter(
    (m) => context.index.byKey.get(m.key)?.kind === 'person',
  );
  const last = people[people.length - 1];
  const phrase: SpeakerPhrase | null = last
    ? { start: last.start, end: last.end, text: last.text, kind: 'name', mention: last }
    : leadingSubject(context, from, intro.end);
  // "The rules are these:" introduces a list, not a speaker
  if (!phrase || (phrase.kind === 'pronoun' && !/^(he|she)$/i.test(phrase.text))) return null;
  const speaker = resolveSpeaker(context, phrase, historyOf(resolved));
  return {
    segment,
    kind: 'direct',
    rule: 'cue-before',
    cue: ':',
    speaker,
    confidence: round(speaker.certainty * 0.8),
  };
}

function mentionsIn(context: ArticleContext, start: number, end: number) {
  return mentionsBetween(context.index.mentions, start, end).filter(
    (m) => !/^['’]s\b/.test(context.text.slice(m.end, m.end + 2)),
  );
}

const isLastInParagraph = (segments: QuoteSegment[], j: number) =>
  segments[j + 1] === undefined || segments[j + 1]?.paragraph !== segments[j]?.paragraph;

/** The sentence holding the offset, else the nearest one after it (the last one past the end). */
export function sentenceAt(context: ArticleContext, at: number): Span | undefined {
  const { sentences } = context;
  const i = spanIndexAt(sentences, at);
  return sentences[i >= 0 ? i : Math.max(0, Math.min(-i - 1, sentences.length - 1))];
}

/** Binary search of a sorted span list: the index of the span holding the offset, or -(insertion point) - 1. */
export function spanIndexAt(spans: Span[], at: number): number {
  let lo = 0;
  let hi = spans.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = spans[mid];
    if (!s) break;
    if (at < s.start) hi = mid - 1;
    else if (at >= s.end) lo = mid + 1;
    else return mid;
  }
  return -lo - 1;
}

const SMALL_WORDS = new Set([
  'of',
  'the',
  'a',
  'an',
  'and',
  'in',
  'on',
  'for',
  'to',
  'with',
  'at',
  'by',
  'or',
  'from',
  'is',
  'are',
]);

/** A short paragraph that only closes a quote: "Jane Roe, deputy adviser.”" */
function isCreditLine(text: string, paragraph: Span | undefined): boolean {
  if (!paragraph || paragraph.end - paragraph.start > 120) return false;
  return /^[^“"]*[”"]$/.test(text.slice(paragraph.start, paragraph.end));
}

/** Titles of shows, books, campaigns: every word capitalized and no sentence punctuation. */
function isTitleLike(quote: string, before: string, after: string): boolean {
  // a headline credited to its outlet: “…,” by Jane Doe
  if (/^\s*,?\s*by\s+(?:the\s+)?\p{Lu}/u.test(after)) return true;
  const trimmed = quote.trim();
  const words = trimmed.split(/\s+/);
  const punctuated = /[.!?,;]$/.test(trimmed);
  if (words.length > 8) return false;
  // "Evening Report," after a possessive or "on": a show; a capitalized sentence on its own is not a title
  if (
    punctuated &&
    (words.length > 5 ||
      !/(?:['’]s|\b(?:on|to|of|the|with|by|in|at|from|for|or|and|titled|called|named|dubbed))\s*$/.test(
        before,
      ))
  )
    return false;
  const capitalized = words.filter((w) => /^[\p{Lu}\d]/u.test(w));
  return (
    capitalized.length > 0 &&
    words.every((w) => /^[\p{Lu}\d#@"“'‘]/u.test(w) || SMALL_WORDS.has(w.toLowerCase()))
  );
}

const wordCount = (text: string, segment: QuoteSegment) =>
  text.slice(segment.start, segment.end).trim().split(/\s+/).length;

function nextWordAt(text: string, from: number): number {
  let at = from;
  while (at < text.length && /[\s.,]/.test(text[at] ?? '')) at++;
  return at;
}

const round = (n: number) => Math.round(n * 100) / 100;
