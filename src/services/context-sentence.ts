const MAX_CONTEXT = 1200;
const SENTENCE_END = /[.!?]["”’]?$/;

/**
 * The sentence (or sentences) a quote stands in: from the end of the sentence before it to the
 * end of the one the quote ends in, never across a paragraph break.
 */
export function contextSentence(body: string, start: number, end: number): string {
  let from = start;
  while (from > 0 && body[from - 1] !== '\n') {
    if (/\s/.test(body[from - 1] ?? '') && SENTENCE_END.test(body.slice(Math.max(0, from - 3), from - 1)))
      break;
    from--;
  }
  let to = end;
  while (to < body.length && body[to] !== '\n') {
    to++;
    if (SENTENCE_END.test(body.slice(Math.max(end, to - 2), to)) && !/\S/.test(body[to] ?? ' ')) break;
  }
  const text = body.slice(from, to).trim();
  return text.length > MAX_CONTEXT ? `${text.slice(0, MAX_CONTEXT)}…` : text;
}
