// Rebuilds the training corpora from the public corpora (see docs/extraction.md, "Entity tagger"):
//   npx tsx src/train/build-ner-corpus.ts --gum <GUM dep/ folder> --splits <GUM splits.md> <UNER .iob2 files…>
//     → src/train/corpus/ner-train.jsonl.gz
//   npx tsx src/train/build-ner-corpus.ts --columns <CoNLL column files…> (wikigold, BTC, SEC filings)
//     → src/train/corpus/ner-train-columns.jsonl.gz
//   npx tsx src/train/build-ner-corpus.ts --crossner <CrossNER column files…>
//     → src/train/corpus/ner-train-crossner.jsonl.gz
//   npx tsx src/train/build-ner-corpus.ts --uner-train <UNER .iob2 files…> (English-EWT train)
//     → src/train/corpus/ner-train-ewt.jsonl.gz
//   npx tsx src/train/build-ner-corpus.ts --docred <Re-DocRED dev_revised.json test_revised.json>
//     → src/train/corpus/ner-train-docred.jsonl.gz
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { type NerDocument, readColumns, readDocred, readGum, readUner } from './ner-corpus';
import { COLUMNS_FILE, CORPUS_FILE, CROSSNER_FILE, DOCRED_FILE, EWT_FILE } from './train-ner';

/** GUM genres whose texts are CC-BY or CC-BY-SA; the non-commercial ones (fiction, essays, …) are left out. */
const OPEN_GENRES = new Set(['academic', 'bio', 'court', 'interview', 'news', 'voyage']);

function write(file: string, docs: NerDocument[]): void {
  writeFileSync(file, gzipSync(docs.map((d) => JSON.stringify(d)).join('\n'), { level: 9 }));
  const counts: Record<string, number> = {};
  let tokens = 0;
  for (const d of docs) {
    tokens += d.text.split(/\s+/).length;
    for (const [, , kind] of d.entities) counts[kind] = (counts[kind] ?? 0) + 1;
  }
  console.log(`${file}: ${docs.length} documents, ~${tokens} words`, counts);
}

const columns = (raw: string, source: string) => readColumns(raw, source, { dropTitles: true });
/** Each corpus built from a list of files: where it goes, how its files read, the prefix of its sources. */
const FILE_CORPORA: Record<string, [string, (raw: string, source: string) => NerDocument[], string]> = {
  '--columns': [COLUMNS_FILE, columns, 'columns'],
  '--crossner': [CROSSNER_FILE, columns, 'columns'],
  '--uner-train': [EWT_FILE, readUner, 'uner'],
  '--docred': [DOCRED_FILE, readDocred, 'docred'],
};

function main(argv: string[]): void {
  const corpus = FILE_CORPORA[argv[0] ?? ''];
  if (corpus) {
    const [file, read, prefix] = corpus;
    const files = argv.slice(1);
    if (files.length === 0) throw new Error(`usage: build-ner-corpus ${argv[0]} <files…>`);
    write(
      file,
      files.flatMap((f) => read(readFileSync(f, 'utf8'), `${prefix}:${basename(f)}`)),
    );
    return;
  }
  let gum: string | null = null;
  let splits: string | null = null;
  const uner: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--gum') gum = argv[++i] ?? null;
    else if (arg === '--splits') splits = argv[++i] ?? null;
    else uner.push(arg);
  }
  if (!gum || !splits)
    throw new Error('usage: build-ner-corpus --gum <dep folder> --splits <splits.md> <uner.iob2…>');
  // GUM's dev and test documents stay out: its news test documents are a held-out check
  const heldOutPart = readFileSync(splits, 'utf8').split(/^## train/m)[0] ?? '';
  const heldOut = new Set(heldOutPart.match(/GUM_[a-z]+_[a-z0-9]+/g) ?? []);
  const docs: NerDocument[] = [];
  for (const file of readdirSync(gum).sort()) {
    const id = file.replace(/\.conllu$/, '');
    const genre = /^GUM_([a-z]+)_/.exec(id)?.[1] ?? '';
    if (!file.endsWith('.conllu') || !OPEN_GENRES.has(genre) || heldOut.has(id)) continue;
    docs.push(readGum(readFileSync(join(gum, file), 'utf8'), `gum:${id}`));
  }
  for (const file of uner)
    docs.push(...readUner(readFileSync(file, 'utf8'), `uner:${file.split('/').pop()}`));
  write(CORPUS_FILE, docs);
}

main(process.argv.slice(2));
