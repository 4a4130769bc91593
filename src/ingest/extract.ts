import { type AttributedQuote, attributeQuotes } from './attribution';
import { findDatelines } from './datelines';
import { type EntityIndex, findEntities, inferGenderFromPronouns, mentionsBetween } from './entities';
import { TITLES } from './lexicon';
import { type QuoteModel, shippedQuoteModel } from './models/quote-classifier';
import { type ReportedModel, shippedReportedModel } from './models/reported-classifier';
import {
  type RankingHooks,
  rankSpeakers,
  type SpeakerModel,
  shippedSpeakerModel,
} from './models/speaker-ranker';
import { findQuoteSegments, type QuoteSegment } from './quotes';
import { findReportedSpeech, type ReportedCandidate, type ReportedStatement } from './reported';
import { findRoles } from './roles';
import { paragraphSpans, sentenceSpans } from './sentences';
import { type ArticleContext, type ResolvedSpeaker, resolveSpeaker, type SpeakerHistory } from './speakers';
import { type Token, tokenIndexAt, tokenize } from './tokens';
import type { ExtractedEntity, ExtractedQuote, Extraction, Span } from './types';

export interface ExtractOptions extends RankingHooks {
  /** The trained speaker ranker; null keeps the rules' choices. Default: the shipped weights. */
  speakerModel?: SpeakerModel | null;
  /** The trained reported-speech classifier; null keeps the rules' statements. Default: the shipped weights. */
  reportedModel?: ReportedModel | null;
  onReportedCandidates?: (candidates: ReportedCandidate[]) => void;
  /** The trained quote classifier for short quoted spans; null keeps the rules' decisions. Default: the shipped weights. */
  quoteModel?: QuoteModel | null;
  onShortQuote?: (segment: QuoteSegment, features: string[]) => void;
}

/** Finds the people, organizations and places of an article and who said what in it. Pure. */
export function extract(text: string, options: ExtractOptions = {}): Extraction {
  const paragraphs = paragraphSpans(text);
  const datelines = findDatelines(text, paragraphs);
  // "WASHINGTON (AP) —" is not part of the sentence it opens
  const sentences = paragraphs
    .map((p) => ({ start: datelines.find((d) => d.span.start === p.start)?.span.end ?? p.start, end: p.end }))
    .flatMap((p) => sentenceSpans(text, p))
    .flatMap((s) => boundedSpans(text, s));
  const tokens = tokenize(text);
  const segments = findQuoteSegments(text, paragraphs);
  const index = findEntities(text, tokens, headlineSpans(text, tokens, paragraphs), datelines);
  inferGenderFromPronouns(text, sentences, index);
  const roles = findRoles(text, tokens, index);
  const context: ArticleContext = {
    text,
    tokens,
    index,
    roles,
    sentences,
    paragraphs,
    quoted: segments.map((s) => ({ start: s.open, end: s.close })),
  };
  linkDescriptions(context);
  addRoleAliases(context);
  const model = options.speakerModel === undefined ? shippedSpeakerModel() : options.speakerModel;
  const quotes = attributeQuotes(context, segments, {
    model: options.quoteModel === undefined ? shippedQuoteModel() : options.quoteModel,
    onShortQuote: options.onShortQuote,
  });
  const attributed = rankSpeakers(context, quotes, model, options);
  const history: SpeakerHistory[] = attributed.flatMap((q) =>
    q.speaker?.entity ? [{ at: q.segment.start, entity: q.speaker.entity }] : [],
  );
  const reported = findReportedSpeech(context, history, {
    model: options.reportedModel === undefined ? shippedReportedModel() : options.reportedModel,
    onCandidates: options.onReportedCandidates,
  });
  const mentions = allMentions(context);
  return {
    entities: index.records.map(toExtractedEntity),
    quotes: [
      ...attributed.map((q) => toDirectQuote(context, mentions, q)),
      ...reported.map((r) => toIndirectQuote(context, mentions, r)),
    ].sort((a, b) => a.start - b.start),
    roles,
  };
}

/**
 * Speaker and reported-speech rules look back from each cue to the start of its sentence, so one
 * endless sentence ("he said that she said that …") would cost its length squared. No real sentence
 * is this long; one that is gets cut at spaces into pieces that are.
 */
export const MAX_SENTENCE_CHARS = 1000;

function boundedSpans(text: string, span: Span): Span[] {
  const pieces: Span[] = [];
  let start = span.start;
  while (span.end - start > MAX_SENTENCE_CHARS) {
    const space = text.lastIndexOf(' ', start + MAX_SENTENCE_CHARS);
    const end = space > start ? space : start + MAX_SENTENCE_CHARS;
    pieces.push({ start, end });
    start = end + (space > start ? 1 : 0);
  }
  pieces.push({ start, end: span.end });
  return pieces;
}

const TITLE_CASE_LOWER = new Set(
  'a an the and but or nor of in on at to for by with as from into over per via vs v up off out is are be'.split(
    ' ',
  ),
);

/** Title-case paragraphs of headline length: capitalized words there are not evidence of a name. */
function headlineSpans(text: string, tokens: Token[], paragraphs: Span[]): Span[] {
  // line by line: a headline run into the text under it by a single line break is still one
  const lines = paragraphs.flatMap((paragraph) => {
    const found: Span[] = [];
    let start = paragraph.start;
    for (let at = text.indexOf('\n', start); at >= 0 && at < paragraph.end; at = text.indexOf('\n', start)) {
      found.push({ start, end: at });
      start = at + 1;
    }
    found.push({ start, end: paragraph.end });
    return found;
  });
  return lines.filter((p) => {
    let words = 0;
    let capitalized = 0;
    // lower-case words other than the short ones title case leaves in lower case
    let lowerContent = 0;
    for (let k = tokenIndexAt(tokens, p.start), end = tokenIndexAt(tokens, p.end); k < end; k++) {
      const t = tokens[k] as Token;
      const c = t.word.charCodeAt(0) | 32;
      if (c < 128 ? c < 97 || c > 122 : !/^\p{L}/u.test(t.word)) continue;
      words++;
      if (t.capitalized) capitalized++;
      else if (!TITLE_CASE_LOWER.has(t.lower)) lowerContent++;
    }
    // (a sentence of body text can be as dense with names, "Egypt's President Abdel Fattah el-Sisi and
    // Nigeria's Bola Ahmed Tinubu were among the guests", but has more words in lower case than title
    // case leaves)
    return words >= 4 && capitalized / words > 0.6 && lowerContent <= 2;
  });
}

const DESCRIPTION =
  /\b[Tt]he\s+((?:former|current|outgoing|incoming|then|new|top)\s+)?((?:\p{Lu}[\p{L}.]+\s+){0,2})([a-z][a-z-]+(?:\s[a-z]+)?)\b/gu;

/** Adds "the Russian leader" / "the president" as mentions of the person whose stated role fits. */
function linkDescriptions(context: ArticleContext): void {
  const { text, index } = context;
  if (!context.roles.length) return;
  for (let m = DESCRIPTION.exec(text); m; m = DESCRIPTION.exec(text)) {
    const noun = m[3] ?? '';
    const head = TITLES.has(noun) ? noun : (noun.split(' ')[0] ?? '');
    if (!TITLES.has(head)) continue;
    const end = m.index + m[0].length - (noun.length - head.length);
    if (mentionsBetween(index.mentions, Math.max(0, m.index - 120), end).some((x) => m && x.end > m.index))
      continue;
    // ("Dominic LeBlanc, the minister responsible for trade,": an apposition describes the name before it)
    const at = m.index;
    const apposed = mentionsBetween(index.mentions, Math.max(0, at - 120), at).find((x) =>
      /^,\s*$/.test(text.slice(x.end, at)),
    );
    const phrase = {
      start: m.index,
      end,
      text: text.slice(m.index, end),
      kind: 'description' as const,
      mention: null,
    };
    const resolved = resolveSpeaker(context, phrase, []);
    if (!resolved.entity || resolved.certainty < 0.85 || (apposed && apposed.key !== resolved.entity.key))
      continue;
    resolved.entity.mentions.push({ start: phrase.start, end: phrase.end });
    resolved.entity.aliases.add(phrase.text);
  }
  for (const record of index.records) record.mentions.sort((a, b) => a.start - b.start);
}

/** "Kremlin spokesman Dmitry Peskov" is also a way the text names Peskov (appositions are not). */
function addRoleAliases(context: ArticleContext): void {
  for (const role of context.roles) {
    const written = context.text.slice(role.span.start, role.span.end);
    if (/[,\n]|\s(?:is|was|has been)\s/.test(written)) continue;
    context.index.byKey.get(role.personKey)?.aliases.add(written);
  }
}

function toExtractedEntity(record: EntityIndex['records'][number]): ExtractedEntity {
  return {
    key: record.key,
    kind: record.kind,
    name: record.name,
    aliases: [...record.aliases].filter((a) => a !== record.name),
    mentions: record.mentions,
    ...(record.kind === 'person' && record.gender ? { gender: record.gender } : {}),
  };
}

function speakerFields(speaker: ResolvedSpeaker | null) {
  const phrase = speaker?.phrase ?? null;
  return {
    speakerKey: speaker?.entity?.key ?? null,
    speakerMention: phrase ? { start: phrase.start, end: phrase.end, text: phrase.text } : null,
    speakerText: phrase?.text ?? null,
  };
}

interface KeyedSpan extends Span {
  key: string;
}

/** Every mention of every entity (names and linked descriptions), sorted by start. */
function allMentions(context: ArticleContext): KeyedSpan[] {
  return context.index.records
    .flatMap((r) => r.mentions.map((m) => ({ start: m.start, end: m.end, key: r.key })))
    .sort((a, b) => a.start - b.start);
}

function aboutKeys(mentions: KeyedSpan[], span: Span, speakerKey: string | null): string[] {
  let lo = 0;
  let hi = mentions.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((mentions[mid]?.start ?? 0) < span.start) lo = mid + 1;
    else hi = mid;
  }
  const keys = new Set<string>();
  for (let k = lo; k < mentions.length; k++) {
    const m = mentions[k];
    if (!m || m.start >= span.end) break;
    if (m.end <= span.end && m.key !== speakerKey) keys.add(m.key);
  }
  return [...keys];
}

function toDirectQuote(
  context: ArticleContext,
  mentions: KeyedSpan[],
  quote: AttributedQuote,
): ExtractedQuote {
  const { start, end } = quote.segment;
  const fields = speakerFields(quote.speaker);
  return {
    kind: quote.kind,
    text: context.text.slice(start, end),
    start,
    end,
    ...fields,
    cue: quote.cue,
    confidence: quote.confidence,
    aboutKeys: aboutKeys(mentions, quote.segment, fields.speakerKey),
  };
}

function toIndirectQuote(
  context: ArticleContext,
  mentions: KeyedSpan[],
  statement: ReportedStatement,
): ExtractedQuote {
  const fields = speakerFields(statement.speaker);
  return {
    kind: 'indirect',
    text: context.text.slice(statement.start, statement.end),
    start: statement.start,
    end: statement.end,
    ...fields,
    cue: statement.cue,
    confidence: statement.confidence,
    aboutKeys: aboutKeys(mentions, statement, fields.speakerKey),
  };
}
