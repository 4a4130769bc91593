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

/**
 * The listed names (lower-case words joined by a space) as a trie of words: a name's source bits sit
 * on the node of its last word, -1 on nodes that only lead to longer names. One lookup per word,
 * where joining the words for each candidate length cost a string and a hash each.
 */
export interface NameTrie {
  bits: number;
  next: Map<string, NameTrie> | null;
}

let names: NameTrie | null = null;

function load(): NameTrie {
  names ??= nameTrie(gunzipSync(readFileSync(ORGANIZATIONS_FILE)).toString('utf8').split('\n'));
  return names;
}

/** The trie of the gazetteer's lines ("bits<TAB>name"). */
export function nameTrie(lines: string[]): NameTrie {
  const root: NameTrie = { bits: -1, next: new Map() };
  for (const line of lines) {
    const tab = line.indexOf('\t');
    if (tab < 0) continue;
    let node = root;
    for (const word of line.slice(tab + 1).split(' ')) {
      node.next ??= new Map();
      let child = node.next.get(word);
      if (!child) {
        child = { bits: -1, next: null };
        node.next.set(word, child);
      }
      node = child;
    }
    node.bits = Number(line.slice(0, tab));
  }
  return root;
}

/**
 * For each token, the longest listed name that covers it and opens on a capitalized word (or in a line
 * of capitals): its source bits, plus 16 × its place in the name (1 alone, 2 first, 3 inside, 4 last).
 */
export function organizationMarks(tokens: Token[], caps: Uint8Array, trie?: NameTrie): Uint8Array {
  const root = trie ?? load();
  const marks = new Uint8Array(tokens.length);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (!t.capitalized && !caps[i]) continue;
    // the longest listed name that opens here
    let length = 0;
    let bits = 0;
    let node = root.next?.get(t.lower);
    for (let k = 1; node; k++) {
      if (node.bits >= 0) {
        length = k;
        bits = node.bits;
      }
      const next = tokens[i + k];
      node = next ? node.next?.get(next.lower) : undefined;
    }
    if (length === 0) continue;
    if (length === 1) marks[i] = 16 | bits;
    else {
      marks[i] = 32 | bits;
      for (let k = 1; k < length - 1; k++) marks[i + k] = 48 | bits;
      marks[i + length - 1] = 64 | bits;
    }
    i += length - 1;
  }
  return marks;
}

/** The source bits of a name listed whole (its lower-case words), 0 when it is not listed. */
export function listedOrganization(words: string[]): number {
  let node: NameTrie | undefined = load();
  for (const word of words) {
    node = node.next?.get(word);
    if (!node) return 0;
  }
  return Math.max(0, node.bits);
}
