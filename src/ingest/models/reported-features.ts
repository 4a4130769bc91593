import type { ReportedStatement } from '../reported';
import { type ArticleContext, isAdjectival, isNonSpeechCue } from '../speakers';
import { type Token, tokenIndexAt } from '../tokens';
import type { Span } from '../types';

const bucket = (n: number, edges: number[]) => {
  const i = edges.findIndex((e) => n <= e);
  return i < 0 ? `>${edges[edges.length - 1]}` : `<=${edges[i]}`;
};

export const DETERMINERS = new Set(
  'the a an this that these those his her its their our my your one every each any some no another'.split(
    ' ',
  ),
);
const PRONOUNS = new Set('he she they it we i you who'.split(' '));

/**
 * The kind of word next to the cue, for the senses a word alone does not give: a determiner before
 * it makes a noun ("this point", "a report"), a capitalized word after it a name ("a group called
 * Ginbot").
 */
function wordClass(token: Token | undefined, sentence: Span): string {
  if (!token || token.start < sentence.start || token.start >= sentence.end) return 'edge';
  if (token.lower === 'that') return 'that';
  if (DETERMINERS.has(token.lower)) return 'determiner';
  if (PRONOUNS.has(token.lower)) return 'pronoun';
  if (token.capitalized) return 'capitalized';
  if (/^\p{Ll}/u.test(token.word)) return /(?:ed|s)$/.test(token.lower) ? 'lower-inflected' : 'lower';
  return 'other';
}

const SUBORDINATORS = new Set(
  'when while since despite although though because if as after before until once whether unless'.split(' '),
);
const PREPOSITIONS = new Set(
  'in on at with by for from during amid among about after before over under into through throughout without within following'.split(
    ' ',
  ),
);

/** The kind of the content's first word: a subordinator, preposition, participle or adverb opens a phrase. */
function openingClass(word: string): string {
  if (SUBORDINATORS.has(word)) return 'subordinator';
  if (PREPOSITIONS.has(word)) return 'preposition';
  if (/^\p{L}{3,}ing$/u.test(word)) return 'participle';
  if (/^\p{L}{3,}ly$/u.test(word)) return 'adverb';
  return 'other';
}

/**
 * What the classifier knows of a reported-speech candidate: the rule that found it (the rules kept
 * as features), the cue word and its neighbours, the speaker phrase, where the content lies and
 * how long it is, and the non-speech senses of cue words the rules know.
 */
export function reportedFeatures(
  context: ArticleContext,
  statement: ReportedStatement,
  sentence: Span,
): string[] {
  const { tokens, text } = context;
  const i = tokenIndexAt(tokens, statement.cueAt);
  const cue = tokens[i];
  const previous = tokens[i - 1];
  const next = tokens[i + 1];
  const rule = statement.rule;
  const cueWord = statement.cue;
  const kind = statement.speaker?.phrase.kind ?? 'none';
  const entity = statement.speaker?.entity?.kind ?? 'none';
  const after = statement.start >= (cue?.end ?? statement.cueAt);
  const content = text.slice(statement.start, statement.end);
  const words = content.split(/\s+/).length;
  const first = tokenIndexAt(tokens, sentence.start);
  const lead = text.slice(sentence.start, statement.cueAt);
  const previousWord = previous && previous.start >= sentence.start ? previous.lower : '<s>';
  const previous2 = tokens[i - 2];
  const previous2Word = previous2 && previous2.start >= sentence.start ? previous2.lower : '<s>';
  const nextWord = next && next.start < sentence.end ? next.lower : '</s>';
  const features = [
    'bias',
    `rule:${rule}`,
    `cue:${cueWord}`,
    `rule-cue:${rule}:${cueWord}`,
    `kind:${kind}`,
    `rule-kind:${rule}:${kind}`,
    `entity:${entity}`,
    `cue-kind:${cueWord}:${kind}`,
    `previous:${previousWord}`,
    `next:${nextWord}`,
    `side:${after ? 'after' : 'before'}`,
    `rule-side:${rule}:${after ? 'after' : 'before'}`,
    `cue-side:${cueWord}:${after ? 'after' : 'before'}`,
    `side-kind:${after ? 'after' : 'before'}:${kind}`,
    `cue-previous:${cueWord}:${previousWord}`,
    `rule-previous:${rule}:${previousWord}`,
    `sentence-words:${bucket(text.slice(sentence.start, sentence.end).split(/\s+/).length, [8, 15, 25, 40])}`,
    `coverage:${bucket(content.length / Math.max(1, sentence.end - sentence.start), [0.2, 0.4, 0.6, 0.8])}`,
    `words:${bucket(words, [2, 4, 8, 16, 32])}`,
    `cue-position:${bucket(i - first, [0, 2, 5, 10, 20])}`,
    `certainty:${bucket(statement.speaker?.certainty ?? 0, [0, 0.3, 0.6, 0.8, 0.95])}`,
    `cue-next:${cueWord}:${nextWord}`,
    `previous2:${previous2Word}:${previousWord}`,
    `entity-side:${entity}:${after ? 'after' : 'before'}`,
    `rule-entity-cue:${rule}:${entity}:${cueWord}`,
    `previous-class:${wordClass(previous, sentence)}`,
    `next-class:${wordClass(next, sentence)}`,
    `cue-around:${cueWord}:${wordClass(previous, sentence)}:${wordClass(next, sentence)}`,
  ];
  if (cue) {
    const suffix = /(ing|ed|s)$/.exec(cue.lower)?.[1] ?? 'base';
    features.push(`suffix:${suffix}`);
    if (isNonSpeechCue(context, i)) features.push('non-speech-sense');
    if (isAdjectival(tokens, i)) features.push('adjectival');
    if (cue.capitalized && i !== first) features.push('cue-capitalized');
  }
  if (/^\s*that\b/.test(text.slice(cue?.end ?? statement.cueAt, sentence.end))) features.push('that-next');
  if (/\bthat\s*$/.test(text.slice(sentence.start, statement.start))) features.push('that-before-content');
  if (/\b(?:is|are|was|were|be|been|being)\s+(?:\p{Ll}+ly\s+)?$/u.test(lead))
    features.push('after-auxiliary');
  if (/\b(?:to|will|would|could|should|may|might|must|can|did|does|do)\s+(?:not\s+)?$/.test(lead))
    features.push('after-modal');
  if (/,\s*$/.test(lead)) features.push('after-comma');
  if (/["“”]|''/.test(text.slice(sentence.start, sentence.end))) features.push('sentence-quoted');
  if (/["“”]|''/.test(content)) features.push('content-quoted');
  if (/\?\s*$/.test(text.slice(sentence.start, sentence.end))) features.push('question-mark');
  if (/\d/.test(content.slice(0, 20))) features.push('content-number');
  if (
    /\b(?:is|are|was|were|has|have|had|will|would|could|should|can|may|might|must|did|does|do|won’t|can’t|isn’t|wasn’t)\b/i.test(
      content,
    )
  )
    features.push('content-auxiliary');
  const capitalized = content.split(/\s+/).filter((w) => /^\p{Lu}/u.test(w)).length / words;
  features.push(`capitalized:${bucket(capitalized, [0.1, 0.3, 0.6, 0.9])}`);
  const firstWord = /^[\p{L}’']+/u.exec(content)?.[0].toLowerCase() ?? '';
  if (/^(?:he|she|they|it|we|i|there|the|a|an|this|that|his|her|their|its)$/.test(firstWord))
    features.push(`content-first:${firstWord}`, `side-first:${after ? 'after' : 'before'}:${firstWord}`);
  if (/^(?:to|of|on|in|at|for|as|earlier|during|about|after|before|with)$/.test(firstWord))
    features.push(`content-first-phrase:${firstWord}`);
  // "Speaking to supporters on Friday, Roe said …", "After the event, …": an opening phrase, not a clause
  features.push(`content-opens:${after ? 'after' : 'before'}:${openingClass(firstWord)}`);
  if (context.paragraphs.some((p) => p.start === sentence.start)) features.push('paragraph-first');
  if (!/[.!?'"”’)]\s*$/.test(text.slice(sentence.start, sentence.end))) features.push('no-final-stop');
  return features;
}
