export type DiffPart = { op: 'same' | 'added' | 'removed'; text: string };

const comparable = (word: string) =>
  word
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');

/**
 * A word-level diff of `changed` against `base` (longest common subsequence), comparing words
 * without case or punctuation so that only changed, added or cut wording stands out, not
 * repunctuation. Quotes are short, so the quadratic table is small.
 */
export function diffWords(base: string, changed: string): DiffPart[] {
  const a = base.split(/\s+/).filter(Boolean);
  const b = changed.split(/\s+/).filter(Boolean);
  const ka = a.map(comparable);
  const kb = b.map(comparable);
  const rows = a.length + 1;
  const cols = b.length + 1;
  const lcs = new Uint16Array(rows * cols);
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i * cols + j] =
        ka[i] === kb[j]
          ? (lcs[(i + 1) * cols + j + 1] ?? 0) + 1
          : Math.max(lcs[(i + 1) * cols + j] ?? 0, lcs[i * cols + j + 1] ?? 0);
    }
  }
  const parts: DiffPart[] = [];
  const push = (op: DiffPart['op'], word: string) => {
    const last = parts[parts.length - 1];
    if (last?.op === op) last.text += ` ${word}`;
    else parts.push({ op, text: word });
  };
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && ka[i] === kb[j]) {
      push('same', b[j++] as string);
      i++;
    } else if (
      j < b.length &&
      (i >= a.length || (lcs[i * cols + j + 1] ?? 0) >= (lcs[(i + 1) * cols + j] ?? 0))
    ) {
      push('added', b[j++] as string);
    } else {
      push('removed', a[i++] as string);
    }
  }
  return parts;
}
