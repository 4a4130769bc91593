import { mentionEndingAt } from '../entities';
import { PEOPLE_WORDS, SPEECH_VERBS } from '../lexicon';
import type { QuoteSegment } from '../quotes';
import type { ArticleContext, SpeakerPhrase } from '../speakers';
import { tokenIndexAt } from '../tokens';
import type { Span } from '../types';
import { DETERMINERS } from './reported-features';

/** Quoted spans of at most this many words are decided by the quote classifier; longer ones are speech. */
export const SHORT_QUOTE_WORDS = 6;

/** What the rules made of a short quoted span: kept with an attribution rule, dropped, or a title. */
export type ShortQuoteReading = { kept: string } | 'dropped' | 'title';

const NAMING_WORDS = new Set(
  'called calls calling dubbed labeled labelled branded termed named titled known as so-called described describes term phrase word slogan label motto nickname headline chant chants chanted chanting sign banner read reads'.split(
    ' ',
  ),
);
/** A word that makes a clause of the quoted words: an auxiliary, a modal, a negation. */
const CLAUSE =
  /\b(?:is|are|was|were|be|been|will|would|can|could|should|must|not|n['’]t|have|has|had|do|does|did|going|gonna|it['’]s|that['’]s)\b/i;
const FIRST_PERSON = /\b(?:I|I'm|I’m|I've|I’ve|I'll|I’ll|we|we're|we’re|my|our|us|me|you|your)\b/i;

/**
 * What the quote classifier knows of a short quoted span: its length and shape, the words around
 * its marks, a speech verb or a naming word ("called", "so-called", "slogan") before or after it in
 * its sentence, someone who could say it (the sentence's subject, a possessive name before it), the
 * quote before it in the sentence, and what the rules made of it (kept as features).
 */
export function quoteFeatures(
  context: ArticleContext,
  segment: QuoteSegment,
  previous: QuoteSegment | undefined,
  sentence: Span,
  subject: SpeakerPhrase | null,
  reading: ShortQuoteReading,
): string[] {
  const { text, tokens } = context;
  const inner = text.slice(segment.start, segment.end).trim();
  const words = inner.split(/\s+/);
  const features = ['bias', `words=${Math.min(words.length, SHORT_QUOTE_WORDS + 1)}`];
  const rules = typeof reading === 'string' ? reading : `kept:${reading.kept}`;
  features.push(`rules=${rules}`, `rules=${rules}&words=${Math.min(words.length, 4)}`);

  const capitalized = words.filter((w) => /^[\p{Lu}\d]/u.test(w)).length;
  const shape =
    capitalized === words.length
      ? 'all'
      : capitalized === 0
        ? 'none'
        : /^\p{Lu}/u.test(inner)
          ? 'first'
          : 'some';
  features.push(`capitalized=${shape}`);
  if (CLAUSE.test(inner)) features.push('clause');
  const last = inner.slice(-1);
  features.push(`ends=${/[.!?]/.test(last) ? 'stop' : /[,;:]/.test(last) ? 'comma' : 'word'}`);
  if (FIRST_PERSON.test(inner)) features.push('first-person');
  if (/\d/.test(inner)) features.push('digits');
  if (/[.!?,;:]\s/.test(inner)) features.push('inner-punctuation');
  if (/^[\p{Ll}]/u.test(inner) && /[.!?]$/.test(inner)) features.push('lower-to-stop');

  // the words just outside the marks
  const first = tokenIndexAt(tokens, segment.open);
  const before = tokens[first - 1];
  const beforeWord = before && before.start >= sentence.start ? before.lower : '^';
  const gap = before ? text.slice(before.end, segment.open) : '';
  features.push(`before=${beforeWord}`);
  if (before && before.start >= sentence.start) {
    if (/[:,]\s*$/.test(gap)) features.push(`before-punct=${gap.trim().slice(-1)}`);
    if (before.possessive) features.push(before.capitalized ? 'before=possessive-name' : 'before=possessive');
    else if (DETERMINERS.has(before.lower)) features.push('before=determiner');
    else if (before.capitalized) features.push('before=capitalized');
    if (SPEECH_VERBS.has(before.lower)) features.push('before=speech-verb');
    if (NAMING_WORDS.has(before.lower)) features.push('before=naming');
    const two = tokens[first - 2];
    if (two && two.start >= sentence.start) {
      features.push(`before2=${two.lower} ${before.lower}`);
      if (NAMING_WORDS.has(two.lower)) features.push('before2=naming');
      if (SPEECH_VERBS.has(two.lower)) features.push('before2=speech-verb');
    }
  }
  const afterIndex = tokenIndexAt(tokens, segment.close);
  const after = tokens[afterIndex];
  const afterGap = after ? text.slice(segment.close, after.start) : '';
  const afterWord = after && after.start < sentence.end ? after.lower : '$';
  features.push(`after=${afterWord}`);
  if (after && after.start < sentence.end) {
    if (/^[\s]*[,.;:!?—–-]/.test(afterGap)) features.push(`after-punct=${afterGap.trim().slice(0, 1)}`);
    if (SPEECH_VERBS.has(after.lower)) features.push('after=speech-verb');
    if (PEOPLE_WORDS.has(after.lower)) features.push('after=people-word');
    if (after.capitalized) features.push('after=capitalized');
  }

  // speech and naming words in the sentence, outside this quote
  let speechBefore = -1;
  let naming = false;
  for (let i = tokenIndexAt(tokens, sentence.start); i < first; i++) {
    const t = tokens[i];
    if (!t) continue;
    if (SPEECH_VERBS.has(t.lower) && !inside(context, t.start)) speechBefore = i;
    if (NAMING_WORDS.has(t.lower)) naming = true;
  }
  const speech = speechBefore < 0 ? 'none' : first - speechBefore > 4 ? 'far' : 'near';
  features.push(`speech-before=${speech}`);
  for (let i = afterIndex; i < tokens.length && i < afterIndex + 6; i++) {
    const t = tokens[i];
    if (!t || t.start >= sentence.end) break;
    if (SPEECH_VERBS.has(t.lower)) {
      features.push('speech-after');
      break;
    }
  }
  if (naming) features.push('naming-in-sentence');
  if (/so-called\s*$/i.test(text.slice(Math.max(0, segment.open - 12), segment.open)))
    features.push('so-called');

  // who could say it
  features.push(
    `subject=${subject?.kind ?? 'none'}`,
    `subject=${subject?.kind ?? 'none'}&speech-before=${speech}`,
  );
  const owner = before?.possessive ? mentionEndingAt(context.index.mentions, before.end - 2) : null;
  if (owner || (before?.possessive && before.capitalized)) features.push('possessive-owner');

  // where it sits
  const paragraph = context.paragraphs[segment.paragraph];
  if (paragraph?.start === segment.open) features.push('opens-paragraph');
  if (sentence.start >= segment.open) features.push('opens-sentence');
  if (!segment.closed) features.push('unclosed');
  if (previous && previous.close > sentence.start) {
    const between = text.slice(previous.close, segment.open).trim();
    features.push(`previous-in-sentence=${/^(?:and|or|,|, and|, or)$/.test(between) ? 'listed' : 'apart'}`);
  }
  return features;
}

function inside(context: ArticleContext, at: number): boolean {
  return context.quoted.some((q) => q.start <= at && at < q.end);
}
