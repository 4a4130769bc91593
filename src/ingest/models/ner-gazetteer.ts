import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import type { Token } from '../tokens';

/**
 * Organization names the entity tagger reads as features, not as rules: listed companies, universities,
 * football clubs and institutions (src/train/build-org-gazetteer.ts). A name found here is a hint whose
 * weight the tagger learnt from its corpora: "Chelsea" is a club and a place.
 */
export const ORGANIZATIONS_FILE = fileURLToPath(new URL('./ner-organizations.txt.gz', import.meta.url));
/** Bit k of a name's sources is ORGANIZATION_SOURCES[k]. */
export const ORGANIZATION_SOURCES = ['company', 'university', 'club', 'institution'] as const;

/** Every listed name (lower-case words joined by a space) with its source bits. */
let names: Map<string, number> | null = null;
/** The most words of a listed name opening with a word: "bank" → 5 ("bank of nova scotia …"). */
let longest: Map<string, number> | null = null;

function load(): void {
  names = new Map();
  longest = new Map();
  for (const line of gunzipSync(readFileSync(ORGANIZATIONS_FILE)).toString('utf8').split('\n')) {
    const tab = line.indexOf('\t');
    if (tab < 0) continue;
    const name = line.slice(tab + 1);
    names.set(name, Number(line.slice(0, tab)));
    const space = name.indexOf(' ');
    const first = space < 0 ? name : name.slice(0, space);
    let words = 1;
    for (let i = space; i >= 0; i = name.indexOf(' ', i + 1)) words++;
    if (words > (longest.get(first) ?? 0)) longest.set(first, words);
  }
}

/**
 * For each token, the longest listed name that covers it and opens on a capitalized word (or in a line
 * of capitals): its source bits, plus 16 × its place in the name (1 alone, 2 first, 3 inside, 4 last).
 */
export function organizationMarks(tokens: Token[], caps: Uint8Array): Uint8Array {
  if (!names || !longest) load();
  const marks = new Uint8Array(tokens.length);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (!t.capitalized && !caps[i]) continue;
    const most = Math.min(longest?.get(t.lower) ?? 0, tokens.length - i);
    for (let length = most; length >= 1; length--) {
      let name = t.lower;
      for (let k = 1; k < length; k++) name += ` ${(tokens[i + k] as Token).lower}`;
      const bits = names?.get(name);
      if (bits === undefined) continue;
      if (length === 1) marks[i] = 16 | bits;
      else {
        marks[i] = 32 | bits;
        for (let k = 1; k < length - 1; k++) marks[i + k] = 48 | bits;
        marks[i + length - 1] = 64 | bits;
      }
      i += length - 1;
      break;
    }
  }
  return marks;
}
