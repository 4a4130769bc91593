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
  'mr mrs ms dr sen rep gov gen lt col sgt capt maj adm rev prof st jr sr inc co corp ltd mt ft supt insp const cpl coun det cst pte hon atty'.split(
    ' ',
  ),
);

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m; m = WORD.exec(text)) {
    let raw = m[0];
    if (
      text.charCodeAt(m.index + raw.length) === 46 &&
      (/^\p{L}$/u.test(raw) || /\.\p{L}$/u.test(raw) || ABBREVIATED.has(raw.toLowerCase()))
    )
      raw += '.';
    // character tests where the regular expressions they replace would say the same, for speed
    const n = raw.length;
    const possessive =
      n >= 2 &&
      raw.charCodeAt(n - 1) === 115 &&
      (raw.charCodeAt(n - 2) === 39 || raw.charCodeAt(n - 2) === 0x2019);
    const word = possessive ? raw.slice(0, -2) : raw;
    const first = word.charCodeAt(0);
    const capitalized = first < 128 ? first >= 65 && first <= 90 : /^\p{Lu}/u.test(word);
    tokens.push({
      text: raw,
      word,
      lower: word.toLowerCase(),
      start: m.index,
      end: m.index + raw.length,
      capitalized,
      // both forms open on a capital
      acronym: capitalized && ACRONYM.test(word),
      possessive,
    });
  }
  return tokens;
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
