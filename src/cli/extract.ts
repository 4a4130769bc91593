import { createInterface } from 'node:readline';
import { parseArticleLine, predict } from '../ingest/prediction';

// JSONL in (one article per line: {"id", "text", …}), JSONL out (one prediction per line).
const lines = createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY });
let lineNumber = 0;
let failures = 0;
for await (const line of lines) {
  lineNumber++;
  if (!line.trim()) continue;
  const article = parseArticleLine(line);
  if (!article.ok) {
    failures++;
    process.stderr.write(`extract: line ${lineNumber}: ${article.error}\n`);
    continue;
  }
  process.stdout.write(`${JSON.stringify(predict(article.id, article.text))}\n`);
}
if (failures) {
  process.stderr.write(`extract: ${failures} malformed line(s) skipped\n`);
  process.exitCode = 1;
}
