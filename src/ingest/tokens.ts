export interface Token {
  text: string;
  /** The word without a possessive ending ("Russia’s" → "Russia"). */
  word: string;
  lower: string;
  start: number;
  end: number;
  capitalized: boolean;
  acronym: boolean;
  possessive: boolean;
}

const ACRONYM = /^(?:\p{Lu}[\p{Lu}\d&]+|(?:\p{Lu}\.){2,})$/u;
const WORD = /[\p{L}\p{N}@#][\p{L}\p{N}\p{M}]*(?:[.'’\-&][\p{L}\p{N}\p{M}]+)*/gu;
const ABBREVIATED = new Set(
  'mr mrs ms dr sen rep gov gen pres lt col sgt capt maj adm rev prof st ste mme jr sr inc co corp ltd mt ft supt insp const cpl coun det cst pte hon atty'.split(
    ' ',
  ),
);

/**
 * Words a page's text runs into the word before when its markup is dropped: "said Mr. TrumpThe
 * candidate", a comment box's "Daniel MaransFlagShareLikeReplyAni Vrabel". The sentence words split
 * off; the comment box's buttons are dropped. ("LinkedIn" is a name: "In" stays glued.)
 */
const GLUED_WORDS = new Set('The He She It They We But And This That When While After According'.split(' '));
const PAGE_BUTTONS = new Set(['Flag', 'Share', 'Like', 'Reply']);
const CAMEL_JOIN = /(?<=\p{Ll})(?=\p{Lu})/u;

/** A lower-case letter followed by a capital, tested by character codes (a regular expression with a
 * look-behind, run on every word, made tokenizing eight times slower). */
function hasCamelJoin(raw: string): boolean {
  for (let i = 1; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c >= 65 && c <= 90) {
      const before = raw.charCodeAt(i - 1);
      if (before >= 97 && before <= 122) return true;
    }
  }
  return false;
}

/** Pieces of a word with glued words in it, as [start, end] offsets within it; null when none. */
function gluedPieces(raw: string): Array<[number, number]> | null {
  // (capitalized words only: names are what a glued word spoils)
  const first = raw.charCodeAt(0);
  if (raw.length < 5 || first < 65 || first > 90 || !hasCamelJoin(raw)) return null;
  const parts = raw.split(CAMEL_JOIN);
  // the buttons also open a word when two of them follow one another ("FlagShareLikeReplyPaige")
  const button = (k: number) =>
    PAGE_BUTTONS.has(parts[k] ?? '') && (k > 0 || PAGE_BUTTONS.has(parts[k + 1] ?? ''));
  const glued = (k: number) => button(k) || (k > 0 && GLUED_WORDS.has(parts[k] ?? ''));
  if (!parts.some((_, k) => glued(k))) return null;
  const pieces: Array<[number, number]> = [];
  let at = 0;
  for (const [k, part] of parts.entries()) {
    // a piece opens at a glued word and after one; other joins stay inside ("McDonald")
    const last = pieces[pieces.length - 1];
    if (last && !glued(k) && !glued(k - 1) && last[1] === at) last[1] += part.length;
    else if (!button(k)) pieces.push([at, at + part.length]);
    at += part.length;
  }
  return pieces;
}

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m; m = WORD.exec(text)) {
    const pieces = gluedPieces(m[0]);
    if (pieces) {
      for (const [start, end] of pieces) tokens.push(token(m[0].slice(start, end), m.index + start));
      continue;
    }
    let raw = m[0];
    if (
      text.charCodeAt(m.index + raw.length) === 46 &&
      (/^\p{L}$/u.test(raw) || /\.\p{L}$/u.test(raw) || ABBREVIATED.has(raw.toLowerCase()))
    )
      raw += '.';
    tokens.push(token(raw, m.index));
  }
  return tokens;
}

const ARTICLED = /^(?:al|el)-\p{Lu}/u;

function token(raw: string, start: number): Token {
  // character tests where the regular expressions they replace would say the same, for speed
  const n = raw.length;
  const possessive =
    n >= 2 &&
    raw.charCodeAt(n - 1) === 115 &&
    (raw.charCodeAt(n - 2) === 39 || raw.charCodeAt(n - 2) === 0x2019);
  const word = possessive ? raw.slice(0, -2) : raw;
  const first = word.charCodeAt(0);
  // ("al-Sharaa", "el-Sisi": an Arabic surname after its article is part of a name)
  const capitalized =
    first < 128
      ? (first >= 65 && first <= 90) || ((first === 97 || first === 101) && ARTICLED.test(word))
      : /^\p{Lu}/u.test(word);
  return {
    text: raw,
    word,
    lower: word.toLowerCase(),
    start,
    end: start + raw.length,
    capitalized,
    // both forms open on a capital
    acronym: capitalized && ACRONYM.test(word),
    possessive,
  };
}

/** Index of the first token starting at or after `offset` (binary search). */
export function tokenIndexAt(tokens: Token[], offset: number): number {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((tokens[mid]?.start ?? 0) < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
