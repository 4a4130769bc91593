// npx tsx src/train/build-short-words.ts: writes src/ingest/data/short-words.txt, the words of two to
// five letters that the NER training corpora (src/train/corpus/) write in lower case at least twice.
// An acronym that is also such a word ("WATCH", "NOT", "HATE") is emphasis or a heading when the
// tagger does not read it as a name; one that is not ("GCHQ", "FDIC", "IAG") is kept as a name.
// Deterministic: the same corpora give the same file.
import { readdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readCorpus } from './ner-corpus';

const folder = fileURLToPath(new URL('./corpus/', import.meta.url));
const out = fileURLToPath(new URL('../ingest/data/short-words.txt', import.meta.url));
const counts = new Map<string, number>();
for (const file of readdirSync(folder)
  .filter((f) => f.endsWith('.jsonl.gz'))
  .sort())
  for (const doc of readCorpus(`${folder}${file}`))
    for (const [word] of doc.text.matchAll(/(?<![\p{L}\p{N}@./_-])[a-z]{2,5}(?![\p{L}\p{N}@/_-]|\.\p{L})/gu))
      counts.set(word, (counts.get(word) ?? 0) + 1);
const words = [...counts].filter(([, n]) => n >= 2).map(([w]) => w);
writeFileSync(out, `${words.sort().join('\n')}\n`);
console.log(`${words.length} words → ${out}`);
