import { PERSON_NOUNS, REPORTING_VERBS, TITLES } from './lexicon';
import { type ReportedModel, reportedProbability } from './models/reported-classifier';
import { reportedFeatures } from './models/reported-features';
import {
  type ArticleContext,
  describe,
  isAdjectival,
  isNonSpeechCue,
  leadingNounPhrase,
  leadingSubject,
  participleSubject,
  type ResolvedSpeaker,
  resolveSpeaker,
  type SpeakerHistory,
  type SpeakerPhrase,
  subjectAfter,
  subjectBefore,
} from './speakers';
import { type Token, tokenIndexAt } from './tokens';
import type { Span } from './types';

/**
 * Where or how something was said, and nothing said: "“…,” Roe said in an interview with CBC News on
 * Wednesday." Words after a cue that are only such a phrase report nothing.
 */
const SETTING_ONLY =
  /^(?:in|at|during|on|via|through)\s+(?:an?|the|his|her|their|its|a\s+recent)\s+(?:[\p{L}-]+\s+){0,3}(?:interview|statement|speech|e-?mail|post|tweet|release|conference|briefing|rally|hearing|event|appearance|call|meeting|letter|video|podcast|broadcast|op-ed|column|address|remarks|session|news\s+conference)s?\b(?:\s+(?:with|to|on|at|in|for|from|of|before|after|last|this|late|early)\b[^,;]*)?[.,]?$/iu;

/** "… Breen said outside the Dirksen Federal Building.", "… she said after the hearing." */
const PLACE_OR_TIME_ONLY =
  /^(?:(?:outside|inside|at|near|in|on|from|after|before|following|during)\s+(?:the\s+)?(?:\p{Lu}[\p{L}.'’-]*\s*)+|(?:after|before|following|during)\s+(?:the|a|an|his|her|their|its)\s+[\p{L}-]+)[.,]?$/u;

function isSettingOnly(text: string, statement: Span): boolean {
  const words = text.slice(statement.start, statement.end).trim();
  return SETTING_ONLY.test(words) || PLACE_OR_TIME_ONLY.test(words);
}

/** Which reading found a statement: the rules', or `loose`, any cue word left to the classifier. */
export type ReportedRule = 'according-to' | 'cue-after' | 'cue-around' | 'participle' | 'question' | 'loose';

export interface ReportedStatement extends Span {
  cue: string;
  /** Where the cue word starts. */
  cueAt: number;
  rule: ReportedRule;
  /** Null when the text leaves the asker unnamed ("Asked whether …, Roe said"). */
  speaker: ResolvedSpeaker | null;
  confidence: number;
}

export interface ReportedCandidate {
  statement: ReportedStatement;
  sentence: Span;
  features: string[];
}

export interface ReportedOptions {
  /** The trained classifier; null keeps the rules' statements only. */
  model: ReportedModel | null;
  /** Sees every candidate with its features before the classifier decides (training). */
  onCandidates?: (candidates: ReportedCandidate[]) => void;
}

const OBJECT_TAKING = new Set([
  'told',
  'tells',
  'tell',
  'telling',
  'informed',
  'assured',
  'assures',
  'reminded',
  'reminds',
]);
const CLAUSE_START =
  /^(?:he|she|they|it|we|i|you|there|the|a|an|his|her|their|its|our|this|that|these|those|no|some|many|most|all|every|if|how|what|why|whether|when)\b/i;
const CONTENT_END =
  /,\s+(?:but|which|according to|while|as|although|though|adding|saying|noting|arguing|explaining|insisting|warning|calling)\b|;|\s+—\s+|,?\s+(?:he|she|they)\s+(?:said|added)\b/;
const THAT_AFTER_OBJECT = /^(?:\s+[^\s,;:“”"]+){1,8}?\s+that\s+/u;
const ADVERBIAL =
  /^(?:,\s*(?:however|though|too|also|again|in fact|of course|for example|for instance),|\s+(?:\p{Ll}+ly|however|though|on|in|at|during|after|before|last|this|earlier|later|recently|repeatedly|also|again|publicly|privately|previously|to|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Monday's|yesterday|today|tonight|Sunday's|an?|the|his|her|their|its|interview|statement|speech|rally|news|conference|press|release|call|with|reporters|me|us|him|her|them|[\p{Lu}][\p{L}’'.]*)\b)*?\s+that\s+/u;

/**
 * Reported speech without quote marks: "X said (that) CLAUSE", "X told Y that CLAUSE",
 * "CLAUSE, X said." and "according to X, CLAUSE". The content span is the clause.
 */
export function findReportedSpeech(
  context: ArticleContext,
  history: SpeakerHistory[],
  options: ReportedOptions = { model: null },
): ReportedStatement[] {
  const { sentences } = context;
  const { model, onCandidates } = options;
  const classify = !!model || !!onCandidates;
  const found: ReportedStatement[] = [];
  const all: ReportedCandidate[] = [];
  for (const sentence of sentences) {
    const candidates = [
      reportedByAccordingTo(context, sentence, history),
      ...reportedAfterCues(context, sentence, history),
      reportedAroundCue(context, sentence, history),
      ...reportedByParticiples(context, sentence, history),
      reportedQuestion(context, sentence, history),
      ...(classify ? looseStatements(context, sentence, history) : []),
    ].flatMap((c) =>
      c ? [{ statement: c, sentence, features: classify ? reportedFeatures(context, c, sentence) : [] }] : [],
    );
    all.push(...candidates);
    // one sentence may report several statements ("X said A, adding B"); overlapping readings keep
    // the rules' first, then the loose readings the classifier likes best
    // Object.assign, not {...c, p}: V8 takes a slow path for a spread followed by a new property
    const scored = candidates
      .filter((c) => !isSettingOnly(context.text, c.statement))
      .map((c) => Object.assign({}, c, { p: model ? reportedProbability(model.weights, c.features) : 0 }))
      .filter((c) => (model ? c.p >= model.threshold : c.statement.rule !== 'loose'));
    const loose = scored.filter((c) => c.statement.rule === 'loose').sort((a, b) => b.p - a.p);
    const kept: ReportedStatement[] = [];
    for (const { statement, p } of [...scored.filter((c) => c.statement.rule !== 'loose'), ...loose]) {
      if (kept.some((k) => k.start < statement.end && statement.start < k.end)) continue;
      // one cue reports one statement: "Jo Roe, an adviser, said Monday that CLAUSE" is not also
      // "CLAUSE, X said" for the words before it (the question a cue answers is a statement of its own)
      if (
        statement.rule !== 'question' &&
        kept.some((k) => k.cueAt === statement.cueAt && k.rule !== 'question')
      )
        continue;
      if (statement.rule === 'loose')
        statement.confidence = round((statement.speaker?.certainty ?? 0.5) * 0.85 * p);
      kept.push(statement);
    }
    found.push(...kept.sort((a, b) => a.start - b.start));
  }
  onCandidates?.(all);
  return found;
}

/** Cue words beyond the rules' verbs that introduce reported speech in news ("reportedly", "denounced"). */
const LOOSE_CUES = new Set([
  // questions are the question reading's ("Asked whether …, Roe said"): the asker is not the subject
  ...[...REPORTING_VERBS].filter((verb) => !/^ask/.test(verb)),
  'according',
  'reportedly',
  'denounced',
  'denounces',
  'denouncing',
  'calling',
  'announcing',
  'promising',
  'pledging',
  'pointing',
  'point',
  'urging',
  'telling',
  'mentioned',
  'mention',
  'declaring',
  'insisting',
  'predicting',
  'warning',
  'arguing',
  'saying',
  'suggesting',
  'noting',
  'claiming',
  'denying',
  'accusing',
  'vowing',
  'explaining',
  'acknowledging',
]);

/**
 * Every cue word of the sentence outside quote marks, read permissively: the clause after the cue
 * (after "that" when one follows) and the sentence before it are both candidates; with "according
 * to" inside a sentence, the whole sentence. The classifier decides which, if any, to keep. A cue
 * that follows a direct quote in its sentence is that quote's cue, and no content overlaps a quote.
 */
function looseStatements(
  context: ArticleContext,
  sentence: Span,
  history: SpeakerHistory[],
): ReportedStatement[] {
  const { text, tokens } = context;
  const found: ReportedStatement[] = [];
  const quotes = context.quoted.filter((q) => q.start < sentence.end && sentence.start < q.end);
  const clear = (start: number, end: number) =>
    end - start >= 12 && !quotes.some((q) => q.start < end && start < q.end);
  for (let i = tokenIndexAt(tokens, sentence.start); i < tokens.length; i++) {
    const verb = tokens[i];
    if (!verb || verb.start >= sentence.end) break;
    if (!LOOSE_CUES.has(verb.lower) || isNonSpeechCue(context, i) || inOpenQuestion(tokens, i)) continue;
    if (quotes.some((q) => q.start <= verb.start && (verb.start < q.end || verb.start - q.end < 80)))
      continue;
    const accordingTo = verb.lower === 'according';
    if (accordingTo && tokens[i + 1]?.lower !== 'to') continue;
    const cueEnd = accordingTo ? (tokens[i + 1]?.end ?? verb.end) : verb.end;
    const cue = accordingTo ? 'according to' : verb.lower;
    const add = (phrase: SpeakerPhrase | null, start: number, end: number) => {
      if (!clear(start, end)) return;
      const speaker = phrase ? resolveSpeaker(context, phrase, history) : null;
      found.push({ start, end, cue, cueAt: verb.start, rule: 'loose', speaker, confidence: 0 });
    };
    if (accordingTo) {
      const phrase = subjectAfter(context, cueEnd, sentence.end);
      const lead = text.slice(sentence.start, verb.start).trim() === '';
      const comma = lead ? text.indexOf(',', cueEnd) : -1;
      let start = lead && comma > 0 && comma < sentence.end ? comma + 1 : sentence.start;
      while (start < sentence.end && /\s/.test(text[start] ?? '')) start++;
      add(phrase, start, trimmedEnd(text, start, sentence.end));
      continue;
    }
    const before = verb.lower.endsWith('ing')
      ? participleSubject(context, i, sentence.start)
      : subjectBefore(context, verb.start, sentence.start);
    // "…, said Roe." / "…, wrote Roe, a senator, on Facebook": a subject after the cue ends the clause
    const after = before ? null : subjectAfter(context, cueEnd, sentence.end);
    const inverted = after && /^\s*(?:[,.;(—–]|$)/.test(text.slice(after.end, sentence.end)) ? after : null;
    const phrase = before ?? inverted ?? looseSubject(context, i, sentence.start);
    if (!inverted) {
      const rest = text.slice(cueEnd, sentence.end);
      const that = /^[^;:“”"]{0,150}?\bthat\s+/u.exec(rest);
      const start = cueEnd + (that ? that[0].length : (/^[\s,:]*/.exec(rest)?.[0].length ?? 0));
      const end = contentEnd(text, start, sentence.end);
      const words = text.slice(start, end).split(/\s+/);
      const phraseOfTime = NOT_A_CLAUSE.has(words[0]?.toLowerCase() ?? '') || TIME_WORDS.test(words[0] ?? '');
      if (words.length >= 3 && !(phraseOfTime && words.length < 8)) add(phrase, start, end);
    }
    // "CLAUSE, X said …" / "CLAUSE, said X": the sentence before the comma that sets off the attribution;
    // never before a participle ("Roe declined to give details, saying …": the clause is what Roe did)
    const cut = before && before.end <= verb.start ? before.start : verb.start;
    if (
      !verb.lower.endsWith('ing') &&
      /[,—–]\s*$/.test(text.slice(sentence.start, cut)) &&
      !isOpeningPhrase(text.slice(sentence.start, cut))
    )
      add(phrase, sentence.start, trimmedEnd(text, sentence.start, cut));
  }
  return found;
}

/** Auxiliaries, modals, negation and adverbs between a subject and its cue ("have said", "was quick to point out"). */
const VERB_GROUP =
  /(?:\s+(?:have|has|had|would|will|could|should|can|may|might|must|did|do|does|is|are|was|were|been|be|not|never|also|still|(?:quick|eager|willing|able|going|trying|careful)\s+to|(?:would|could|should|did|does|do|is|are|was|were|has|have|had|wo|ca)n[’']t|\p{Ll}+ly))+\s*$/u;

/**
 * Whether a cue sits in a clause opened by "if" or "whether" ("asked if he could confirm that Trump
 * and Putin had spoken"): what follows is put to someone as a question or a condition, not said.
 */
function inOpenQuestion(tokens: ArticleContext['tokens'], i: number): boolean {
  for (let k = i - 1; k >= Math.max(0, i - 6); k--) {
    const word = tokens[k]?.lower ?? '';
    if (word === 'if' || word === 'whether') return true;
    if (!/^[\p{L}'’-]+$/u.test(word)) return false;
  }
  return false;
}

/**
 * The subject of a loose reading's cue when the subject finders see none next to it: the subject
 * before an auxiliary group ("The departments have said", "Advisers are quick to point out"), else the
 * sentence's leading subject ("Biden was arranging calls", "Murphy — after a gesture — told me").
 */
function looseSubject(context: ArticleContext, i: number, sentenceStart: number): SpeakerPhrase | null {
  const verb = context.tokens[i];
  if (!verb) return null;
  return (
    subjectBeforeVerbGroup(context, i, sentenceStart, true) ??
    leadingSubject(context, sentenceStart, verb.start) ??
    leadingNounPhrase(context, sentenceStart, verb.start)
  );
}

/** The subject before the auxiliaries and adverbs that precede cue `i` ("The departments have said"). */
function subjectBeforeVerbGroup(
  context: ArticleContext,
  i: number,
  sentenceStart: number,
  infinitive = false,
): SpeakerPhrase | null {
  const { text, tokens } = context;
  const verb = tokens[i];
  if (!verb) return null;
  const lead = text.slice(sentenceStart, verb.start);
  // "force Roe to acknowledge": the one made to speak (a loose reading only; the classifier judges it)
  const group = VERB_GROUP.exec(lead) ?? (infinitive ? /\s+to\s+$/.exec(lead) : null);
  if (group && group.index > 0) {
    const stop = sentenceStart + group.index;
    const phrase = subjectBefore(context, stop, sentenceStart);
    if (phrase) return phrase;
    // "Among voters, some are quietly saying": the words of the clause before the auxiliaries
    const tail = /[^,;:“”"()—–]*$/.exec(text.slice(sentenceStart, stop))?.[0] ?? '';
    const words = tail.trim().split(/\s+/).filter(Boolean);
    if (words.length && words.length <= 6 && !/^(?:that|which|who|it|this|there)$/i.test(words[0] ?? '')) {
      const start = stop - tail.trimStart().length;
      return (
        describe(context, start, stop) ?? {
          start,
          end: stop,
          text: tail.trim(),
          kind: 'indefinite',
          mention: null,
        }
      );
    }
  }
  return null;
}

/** "X said (that) CLAUSE", "X told Y that CLAUSE": the first reporting verb with a subject and a clause. */
function reportedAfterCues(
  context: ArticleContext,
  sentence: Span,
  history: SpeakerHistory[],
): ReportedStatement[] {
  const { text, tokens } = context;
  const found: ReportedStatement[] = [];
  for (let i = tokenIndexAt(tokens, sentence.start); i < tokens.length; i++) {
    const verb = tokens[i];
    if (!verb || verb.start >= sentence.end) break;
    if (!REPORTING_VERBS.has(verb.lower) || verb.lower.endsWith('ing') || isAdjectival(tokens, i)) continue;
    if (isNonSpeechCue(context, i) || inOpenQuestion(tokens, i)) continue;
    if (context.quoted.some((q) => q.start <= verb.start && verb.start < q.end)) continue;
    if (found.some((f) => f.end > verb.start)) continue;
    // "X was asked by Y whether …": the question was put to the subject, who did not say it
    if (verb.lower === 'asked' && isPassive(tokens, i)) continue;
    const rest = text.slice(verb.end, sentence.end);
    if (/^\s*[,:]?\s*["“']/.test(rest)) continue;
    const start =
      contentStart(context, verb.lower, verb.end, sentence.end) ??
      complementStart(text, verb.lower, verb.end);
    if (start === null) continue;
    const phrase =
      subjectBefore(context, verb.start, sentence.start) ??
      subjectBeforeVerbGroup(context, i, sentence.start) ??
      nounPhraseBefore(text, verb.start, sentence.start);
    if (!phrase) continue;
    const end = contentEnd(text, start, sentence.end);
    if (end - start < 12 || text.slice(start, end).split(/\s+/).length < 3) continue;
    const speaker = resolveSpeaker(context, phrase, history);
    found.push({
      start,
      end,
      cue: verb.lower,
      cueAt: verb.start,
      rule: 'cue-after',
      speaker,
      confidence: round(speaker.certainty * 0.85),
    });
  }
  return found;
}

const PASSIVE_AUXILIARIES = new Set(['was', 'were', 'is', 'are', 'be', 'been', 'being']);

function isPassive(tokens: Token[], verbIndex: number): boolean {
  for (let j = verbIndex - 1; j >= Math.max(0, verbIndex - 2); j--) {
    const word = tokens[j]?.lower ?? '';
    if (PASSIVE_AUXILIARIES.has(word)) return true;
    if (!/ly$/.test(word) && word !== 'not' && word !== 'also') return false;
  }
  return false;
}

const COMPLEMENT_VERBS = new Set(
  'asked asks ask urged urges urge accused accuses demanded demands proposed proposes pledged pledges called calls pointed points'.split(
    ' ',
  ),
);

/** "asked whether …", "called for …", "urged Congress to …", "accused her of …": the request or charge. */
function complementStart(text: string, verb: string, from: number): number | null {
  if (!COMPLEMENT_VERBS.has(verb)) return null;
  const rest = text.slice(from, from + 200);
  if (verb.startsWith('call') || verb.startsWith('point')) {
    const form = /^\s+(?:for|on|to|out(?: that)?)\s+/.exec(rest);
    return form ? from + form[0].length : null;
  }
  const lead = /^\s+(?=[\p{L}\d])/u.exec(rest);
  return lead ? from + lead[0].length : null;
}

/** "new survey data suggests …": a short lower-case noun phrase as an unnamed source. */
function nounPhraseBefore(text: string, end: number, limit: number): SpeakerPhrase | null {
  // "new survey data suggests", "But city police say": a lower-case head, maybe after a proper qualifier
  const tail =
    /(?:^|[,;:—(]\s*|\b(?:[Aa]nd|[Bb]ut|while|as)\s+)((?:[\p{L}\d][\p{L}\d’'-]*\s+){0,3}[\p{Ll}\d][\p{L}\d’'-]*\s+)$/u.exec(
      text.slice(limit, end),
    );
  const words = tail?.[1]?.trimEnd();
  if (!tail || !words || /^(?:that|which|who|it|this|there)\b/.test(words)) return null;
  const start = end - (tail[1]?.length ?? 0);
  return { start, end: start + words.length, text: words, kind: 'indefinite', mention: null };
}

function contentStart(context: ArticleContext, verb: string, from: number, to: number): number | null {
  const { text } = context;
  const rest = text.slice(from, to);
  const that = ADVERBIAL.exec(rest) ?? (OBJECT_TAKING.has(verb) ? THAT_AFTER_OBJECT.exec(rest) : null);
  if (that && that[0].length < 90) return from + that[0].length;
  // "said in a statement on Friday they would appeal": a short phrase, then a clause with a pronoun subject
  const framed =
    /^\s+(?:in|on|at|during|after|via|through)\s+(?:[^\s,;:“”"]+\s+){1,7}?(?=(?:he|she|they|it|we|there)\s)/u.exec(
      rest,
    );
  if (framed) return from + framed[0].length;
  const lead =
    /^(?:\s+(?:\p{Ll}+ly|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|today|tonight|again|also|then|now))*\s+/u.exec(
      rest,
    );
  if (!lead) return null;
  let at = lead[0].length;
  if (OBJECT_TAKING.has(verb)) {
    // told (the) NAME (of X) + a clause with its own subject
    const object =
      /^(?:(?:the|a|an|his|her|their)\s+)?(?:[\p{L}’'.-]+\s+){1,4}?(?=(?:he|she|they|it|we|i|there)\b)/iu.exec(
        rest.slice(at),
      );
    if (!object) return null;
    at += object[0].length;
    return from + at;
  }
  const after = rest.slice(at);
  if (CLAUSE_START.test(after)) return from + at;
  // "said local voters should …": any word that does not start a phrase of time, place or manner
  const first = /^[\p{L}\d][\p{L}\d’'.-]*/u.exec(after)?.[0].toLowerCase() ?? '';
  if (/^(?:at least|at most|more than|less than|fewer than)\b/i.test(after)) return from + at;
  if (/^to\s+\p{Ll}/u.test(after) && INFINITIVE_CUES.has(verb)) return from + at;
  if (!first || NOT_A_CLAUSE.has(first) || /ly$/.test(first)) {
    // "admitted in a filing last week that …": a short phrase before "that"
    const that = SHORT_PHRASE_THEN_THAT.exec(rest);
    return that ? from + that[0].length : null;
  }
  return from + at;
}

/** Verbs whose reported content can be an infinitive ("vowed to repeal …"). */
const INFINITIVE_CUES = new Set([
  'vowed',
  'vows',
  'vow',
  'promised',
  'promises',
  'promise',
  'pledged',
  'pledges',
  'threatened',
  'threatens',
  'agreed',
  'agrees',
  'urged',
  'offered',
  'refused',
  'declined',
]);
const SHORT_PHRASE_THEN_THAT =
  /^(?:\s+(?!(?:is|was|are|were|has|had|have|be|will|would)\b)[^\s,;:“”"]+){1,6}?\s+that\s+/u;

const TIME_WORDS =
  /^(?:earlier|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|today|tonight|recently|previously)$/;
const NOT_A_CLAUSE = new Set(
  `in on at during after before with to from for of by about as when while if last this earlier later and but or so
then than yes no so-called goodbye hello it's thanks nothing something otherwise too only just`.split(/\s+/),
);

const OPENING_WORDS = new Set(
  'despite although though because since until unless contrary unlike amid following asked'.split(' '),
);

/**
 * "As for Trump's ability to deflect attacks, Roe said …", "Sunday morning, …", "Challenged by a
 * reporter, …": a phrase that only opens the sentence, with no clause of its own after a comma of
 * its own, is not what the speaker said.
 */
function isOpeningPhrase(clause: string): boolean {
  const body = clause.replace(/[\s,—–]+$/, '');
  if (/[,;:]/.test(body)) return false;
  const first = /^[\p{L}’'-]+/u.exec(body)?.[0] ?? '';
  const lower = first.toLowerCase();
  return (
    NOT_A_CLAUSE.has(lower) ||
    OPENING_WORDS.has(lower) ||
    TIME_WORDS.test(first) ||
    /^\p{Lu}\p{Ll}{2,}(?:ed|ing)$/u.test(first)
  );
}

function trimmedEnd(text: string, start: number, end: number): number {
  let at = end;
  while (at > start && /[\s.,;:!?”"’']/.test(text[at - 1] ?? '')) at--;
  return at;
}

function contentEnd(text: string, start: number, sentenceEnd: number): number {
  const body = text.slice(start, sentenceEnd);
  const cut = CONTENT_END.exec(body);
  let end = start + (cut ? cut.index : body.length);
  while (end > start && /[\s.,;:!?”"’']/.test(text[end - 1] ?? '')) end--;
  return end;
}

/** "CLAUSE, Roe said." and "CLAUSE, said Roe." with no quote marks. */
const TRAILING_VERBS =
  'said|says|say|added|adds|argued|argues|argue|noted|notes|note|explained|explains|wrote|writes|claimed|claims|claim|insisted|insists|insist|warned|warns|warn|reported|reports|suggested|suggests|suggest|believes|believe|contends|contend|predicted|predicts|acknowledged|acknowledge|acknowledges|conceded|concede|concedes|recalled|recalls|conclude|concluded|concludes|maintain|maintains|maintained|agreed|agree|agrees|admitted|admit|admits|announced|announces|stated';
const TRAILING_CUE = new RegExp(
  `(?:,|\\bas)\\s+((?:[\\p{L}’'.-]+\\s+){0,6}?)(${TRAILING_VERBS}|told\\s+[\\p{L}’'.-]+(?:\\s+[\\p{L}’'.-]+)?)\\b([^,.;]*)(,\\s+|\\s*[.!?;]?$|\\s*;)`,
  'u',
);
const CLAUSE_AFTER_CUE = /^\s*(?:that|he|she|they|it|we|i|there)\b/i;

/** "CLAUSE, Roe said." / "CLAUSE, said Roe." / "The plan, an aide said, is to …" (no quote marks). */
function reportedAroundCue(
  context: ArticleContext,
  sentence: Span,
  history: SpeakerHistory[],
): ReportedStatement | null {
  const { text } = context;
  const body = text.slice(sentence.start, sentence.end);
  if (/["“”]|''/.test(body)) return null;
  const m = TRAILING_CUE.exec(body);
  if (!m?.[2] || m.index < 3 || CLAUSE_AFTER_CUE.test(m[3] ?? '')) return null;
  const verb = m[2].split(/\s+/)[0] ?? m[2];
  const verbAt = sentence.start + m.index + m[0].indexOf(m[2], (m[1]?.length ?? 0) + 1);
  const subjectText = m[1]?.trim() ?? '';
  const phrase = subjectText
    ? subjectBefore(context, verbAt, sentence.start + m.index + 1)
    : subjectAfter(context, verbAt + verb.length, sentence.end);
  if (!phrase) return null;
  const speaker = resolveSpeaker(context, phrase, history);
  // "The plan, an aide said, is to …" goes on after the cue; "…, said Ann Roe, executive director of
  // …" does not: what follows the inverted speaker describes her
  const rest = /^[\p{L}’'-]+/u.exec(body.slice(m.index + m[0].length))?.[0] ?? '';
  const apposition =
    !subjectText &&
    (/^(?:a|an|the|who|whose|one|\p{Lu}.*)$/u.test(rest) || PERSON_NOUNS.has(rest) || TITLES.has(rest));
  const parenthetical = (m[4] ?? '').startsWith(',') && !apposition;
  const start = sentence.start;
  const end = parenthetical
    ? trimmedEnd(text, start, sentence.end)
    : contentEnd(text, start, sentence.start + m.index);
  if (end - start < 12) return null;
  return {
    start,
    end,
    cue: verb.toLowerCase(),
    cueAt: verbAt,
    rule: 'cue-around',
    speaker,
    confidence: round(speaker.certainty * 0.85),
  };
}

const PARTICIPLE_CUES = new Set([
  'warning',
  'claiming',
  'predicting',
  'asking',
  'urging',
  'arguing',
  'telling',
  'calling',
  'accusing',
  'vowing',
  'promising',
  'denying',
  'saying',
  'adding',
  'noting',
  'arguing',
  'explaining',
  'insisting',
  'claiming',
  'warning',
  'suggesting',
  'predicting',
  'declaring',
  'stressing',
  'acknowledging',
  'conceding',
  'contending',
  'asserting',
  'explaining',
  'stating',
  'announcing',
  'confirming',
  'recalling',
]);

/** "Roe lashed out, saying (that) CLAUSE": the speaker is the subject of the sentence. */
function reportedByParticiples(
  context: ArticleContext,
  sentence: Span,
  history: SpeakerHistory[],
): ReportedStatement[] {
  const { text, tokens } = context;
  const found: ReportedStatement[] = [];
  for (let i = tokenIndexAt(tokens, sentence.start); i < tokens.length; i++) {
    const verb = tokens[i];
    if (!verb || verb.start >= sentence.end) break;
    if (!PARTICIPLE_CUES.has(verb.lower)) continue;
    // ", saying", ",'' adding", ", while also noting", "has been warning": a participle cue
    const lead = text.slice(Math.max(sentence.start, verb.start - 24), verb.start);
    const progressive = /\b(?:is|are|was|were|been|be)\s+(?:\p{Ll}+ly\s+)?$/u.test(lead);
    if (
      !progressive &&
      !/,['’”"]*\s+(?:(?:while|also|then|before|after|by)\s+){0,2}$/.test(lead) &&
      !/,\s*$/.test(lead) &&
      // "lashed out and warned that …", "before explaining why …": a second verb of the same subject
      !/\b(?:and|before|after|by)\s+(?:\p{Ll}+ly\s+)?$/u.test(lead)
    )
      continue;
    const rest = text.slice(verb.end, sentence.end);
    if (/^\s*[,:]?\s*["“']/.test(rest)) continue;
    const start = contentStart(context, 'saying', verb.end, sentence.end);
    if (start === null) continue;
    const phrase = participleSubject(context, i, sentence.start);
    if (!phrase) continue;
    const end = contentEnd(text, start, sentence.end);
    if (end - start < 12) continue;
    const speaker = resolveSpeaker(context, phrase, history);
    found.push({
      start,
      end,
      cue: verb.lower,
      cueAt: verb.start,
      rule: 'participle',
      speaker,
      confidence: round(speaker.certainty * 0.75),
    });
  }
  return found;
}

function reportedByAccordingTo(
  context: ArticleContext,
  sentence: Span,
  history: SpeakerHistory[],
): ReportedStatement | null {
  const { text } = context;
  const body = text.slice(sentence.start, sentence.end);
  const m = /(^|,\s*)according to\s+/i.exec(body);
  if (!m) return null;
  const sourceStart = sentence.start + m.index + m[0].length;
  const sourceText = /^[^,.;]*/.exec(text.slice(sourceStart, sentence.end))?.[0] ?? '';
  const source = sourceText.trimEnd();
  const phrase =
    subjectAfter(context, sourceStart, sourceStart + sourceText.length) ??
    (source
      ? {
          start: sourceStart,
          end: sourceStart + source.length,
          text: source,
          kind: 'indefinite' as const,
          mention: null,
        }
      : null);
  if (!phrase) return null;
  const speaker = resolveSpeaker(context, phrase, history);
  let start: number;
  let end: number;
  if (m.index === 0) {
    start = sourceStart + sourceText.length;
    while (start < sentence.end && /[\s,]/.test(text[start] ?? '')) start++;
    end = contentEnd(text, start, sentence.end);
  } else {
    start = sentence.start;
    const limit = sentence.start + m.index;
    end = contentEnd(text, start, limit);
    // "Meta, which owns Facebook, is expected to …, according to …": a relative clause set off by
    // commas inside the statement does not end it
    while (/^,\s+(?:which|who)\b/.test(text.slice(end, end + 10))) {
      const comma = text.indexOf(',', end + 1);
      if (comma < 0 || comma >= limit) break;
      end = contentEnd(text, comma + 1, limit);
    }
  }
  if (end - start < 12) return null;
  const cueAt = sentence.start + m.index + (m[1]?.length ?? 0);
  return {
    start,
    end,
    cue: 'according to',
    cueAt,
    rule: 'according-to',
    speaker,
    confidence: round(speaker.certainty * 0.8),
  };
}

const ASKED =
  /(?:^|,\s*|\b[Ww]hen\s+|\bafter\s+being\s+|\bonce\s+|\b(?:was|were|is|are|been)\s+)[Aa]sked(?:\s+(?:later|again|repeatedly|directly|recently|\p{Lu}\p{Ll}+day))?(?:\s+by\s+([^,;:“”"]{1,40}?))?\s+(?:(about|on)\s+|(?=(?:whether|if|why|how|what|which|who|when|where)\b))/u;

/**
 * "Asked whether the deal was dead, Roe said …", "when asked about the leak", "Roe was asked by a
 * paper if …": the question put to the speaker, by an asker the text leaves unnamed or names after
 * "by" (then the asker is the speaker). The question runs to the comma before the answer.
 */
function reportedQuestion(
  context: ArticleContext,
  sentence: Span,
  history: SpeakerHistory[],
): ReportedStatement | null {
  const { text } = context;
  const body = text.slice(sentence.start, sentence.end);
  if (!body.includes('sked ')) return null;
  const m = ASKED.exec(body);
  if (!m) return null;
  const start = sentence.start + m.index + m[0].length;
  if (context.quoted.some((q) => q.start <= start && start < q.end)) return null;
  const rest = text.slice(start, sentence.end);
  // the answer's clause: ", Roe said", ", the senator would only say", ", she replied"
  const answer =
    /,\s+(?:[^,;:“”"]{1,60}?\s)?(?:said|says|replied|replies|answered|told|would|added|responded|declined|laughed|shrugged)\b/.exec(
      rest,
    );
  const end = trimmedEnd(text, start, start + (answer ? answer.index : rest.length));
  if (end - start < 8) return null;
  const cueAt = sentence.start + m.index + m[0].search(/[Aa]sked/);
  const asker = m[1] ? sentence.start + m.index + m[0].lastIndexOf(m[1]) : -1;
  const phrase = m[1] ? subjectAfter(context, asker, asker + m[1].length) : null;
  const speaker = phrase ? resolveSpeaker(context, phrase, history) : null;
  const confidence = speaker ? round(speaker.certainty * 0.8) : 0.7;
  return { start, end, cue: 'asked', cueAt, rule: 'question', speaker, confidence };
}

const round = (n: number) => Math.round(n * 100) / 100;
