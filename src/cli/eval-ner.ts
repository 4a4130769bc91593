// npm run eval:ner -- <file.iob2 | GUM .conllu files | CoNLL column files…>: typed P/R/F1 of the entity tagger on held-out gold.
import { readFileSync } from 'node:fs';
import { findEntities, ruleReadings } from '../ingest/entities';
import { formatScores, scoreSpans, type TypedSpan } from '../ingest/models/ner-evaluation';
import { shippedModel, tagEntities, useWeightsFile } from '../ingest/models/ner-tagger';
import { type Token, tokenize } from '../ingest/tokens';
import { type NerDocument, readColumns, readGum, readUner } from '../train/ner-corpus';

function load(paths: string[]): NerDocument[] {
  return paths.flatMap((path) => {
    const raw = readFileSync(path, 'utf8');
    if (path.endsWith('.conllu')) return [readGum(raw, path)];
    return path.endsWith('.iob2') ? readUner(raw, path) : readColumns(raw, path);
  });
}

function main(paths: string[]): void {
  if (paths.length === 0) {
    console.error('usage: npm run eval:ner -- <UNER .iob2 file | GUM .conllu files | CoNLL column files…>');
    process.exit(2);
  }
  const modelAt = paths.indexOf('--model');
  const modelFile = modelAt >= 0 ? paths.splice(modelAt, 2)[1] : undefined;
  const docs = load(paths);
  const model = modelFile ? useWeightsFile(modelFile) : shippedModel();
  const tagger: { gold: TypedSpan[]; predicted: TypedSpan[] }[] = [];
  const pipeline: { gold: TypedSpan[]; predicted: TypedSpan[] }[] = [];
  const started = performance.now();
  for (const doc of docs) {
    const tokens = tokenize(doc.text);
    const end = (t: Token) => t.start + t.word.length;
    const predicted = tagEntities(doc.text, tokens, ruleReadings(doc.text, tokens), model).map(
      ({ first, last, kind }): TypedSpan => [
        (tokens[first] as Token).start,
        end(tokens[last] as Token),
        kind,
      ],
    );
    tagger.push({ gold: doc.entities, predicted });
    const index = findEntities(doc.text, tokens, []);
    const kinds = new Map(index.records.map((r) => [r.key, r.kind]));
    pipeline.push({
      gold: doc.entities,
      predicted: [...index.mentions, ...index.passing].map(
        (m): TypedSpan => [m.core.start, m.core.end, kinds.get(m.key) ?? 'person'],
      ),
    });
  }
  const words = docs.reduce((n, d) => n + d.text.split(/\s+/).length, 0);
  console.log(`${docs.length} documents, ~${words} words; model ${model.version} (${model.corpus})`);
  console.log(formatScores('tagger', scoreSpans(tagger)));
  console.log(formatScores('pipeline (findEntities, names without titles)', scoreSpans(pipeline)));
  console.log(`(${Math.round(performance.now() - started)} ms)`);
}

main(process.argv.slice(2));
