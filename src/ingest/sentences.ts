import type { Span } from './types';

const ABBREVIATIONS = new Set(
  `mr mrs ms dr sen rep gov gen lt col sgt capt maj adm rev prof st jr sr inc co corp ltd supt insp const cpl
coun det cst pte hon atty jan feb mar apr aug
sep sept oct nov dec no vs etc u.s u.k u.n d.c e.u a.m p.m ft mt gov calif fla ill mass mich minn penn pa tex
ste mme mlle messrs sask alta ont dept univ ave blvd
va wash wis ariz colo conn ga ky la md mo nev okla ore tenn n.y n.j n.h n.c s.c n.d s.d w.va`.split(/\s+/),
);

/** Non-empty lines of the text, without their surrounding whitespace: news paragraphs. */
export function paragraphSpans(text: string): Span[] {
  const spans: Span[] = [];
  const line = /[^\n]+/g;
  for (let m = line.exec(text); m; m = line.exec(text)) {
    const lead = m[0].length - m[0].trimStart().length;
    const body = m[0].trim();
    if (body) spans.push({ start: m.index + lead, end: m.index + lead + body.length });
  }
  return spans;
}

// A sentence ends at . ! ? (after any closing quote or bracket) followed by a space and a capital,
// a digit or an opening quote; a period after an abbreviation or an initial does not end one.
const SENTENCE_END = /[.!?]+(?:['’”"»)\]]|'')*(?=\s+(?:["“'‘([]|'')?[\p{Lu}\d])/gu;

export function sentenceSpans(text: string, paragraph: Span): Span[] {
  const body = text.slice(paragraph.start, paragraph.end);
  const spans: Span[] = [];
  let start = 0;
  SENTENCE_END.lastIndex = 0;
  for (let m = SENTENCE_END.exec(body); m; m = SENTENCE_END.exec(body)) {
    if (m[0].startsWith('.') && endsWithAbbreviation(body, m.index, m.index + m[0].length)) continue;
    const end = m.index + m[0].length;
    spans.push({ start: paragraph.start + start, end: paragraph.start + end });
    start = end;
    while (start < body.length && /\s/.test(body[start] ?? '')) start++;
  }
  if (start < body.length) spans.push({ start: paragraph.start + start, end: paragraph.end });
  return spans;
}

function endsWithAbbreviation(body: string, periodAt: number, after: number): boolean {
  const word = /[\p{L}.]+$/u.exec(body.slice(Math.max(0, periodAt - 12), periodAt))?.[0] ?? '';
  // "Jane J.", "J.J. Roe": an initial, or initials, before the period (not the platform: "in a post
  // on X. The …"; "According to E. J. Fleming" keeps its initials)
  if (/^(?:\p{Lu}\.)*\p{Lu}$/u.test(word))
    return (
      word !== 'X' ||
      !/\b(?:on|to|via|from|platform|site)\s$/.test(body.slice(Math.max(0, periodAt - 12), periodAt - 1))
    );
  // "No. 1" abbreviates number; "she said no. Then …" ends a sentence
  if (word.toLowerCase() === 'no') return /^\s*\d/.test(body.slice(after));
  return ABBREVIATIONS.has(word.toLowerCase());
}
