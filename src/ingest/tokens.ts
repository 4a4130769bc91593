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
    const lowerRaw = raw.toLowerCase();
    if (
      text[m.index + raw.length] === '.' &&
      (/^\p{L}$/u.test(raw) || /\.\p{L}$/u.test(raw) || ABBREVIATED.has(lowerRaw))
    )
      raw += '.';
    const possessive = /['’]s$/.test(raw);
    const word = possessive ? raw.slice(0, -2) : raw;
    tokens.push({
      text: raw,
      word,
      lower: word.toLowerCase(),
      start: m.index,
      end: m.index + raw.length,
      capitalized: /^\p{Lu}/u.test(word),
      acronym: /^(?:\p{Lu}[\p{Lu}\d&]+|(?:\p{Lu}\.){2,})$/u.test(word),
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
