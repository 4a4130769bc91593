import { readdirSync, readFileSync } from 'node:fs';
import type { createTestApp } from './app';

type TestApp = ReturnType<typeof createTestApp>;

const examples = new URL('../../examples/articles/', import.meta.url);
const INGEST = `mutation($input: IngestArticleInput!) {
  ingestArticle(input: $input) { status userErrors { field message } }
}`;

/** An article whose title, body and quote carry markup: every page must show it as text. */
export const HOSTILE_ARTICLE = {
  title: 'Markup <script>window.__pwned = true</script> in a <b>headline</b>',
  url: 'https://hostile.example/markup',
  outlet: 'Hostile <i>Times</i>',
  publishedAt: '2025-02-03T10:00:00Z',
  body: 'Mayor Ada Quill spoke about the <img src=x onerror="window.__pwned = true"> tag on Monday. "Never trust <script>window.__pwned = true</script> in a page, and never trust a & b < c either," Ada Quill said.',
};

/** One speaker with more quotes than a page holds, for paging. */
export const PROLIFIC_ARTICLE = {
  title: 'The Longest Press Conference',
  url: 'https://riverton-herald.example/press-conference',
  outlet: 'Riverton Herald',
  publishedAt: '2025-04-01T10:00:00Z',
  body: Array.from(
    { length: 25 },
    (_, i) =>
      `"Point number ${i + 1} of my plan is about ${['roads', 'schools', 'parks', 'water', 'housing'][i % 5]} in district ${i + 1}," Mayor Jane Roe said.`,
  ).join('\n\n'),
};

/** The bundled example articles, plus the given JSON articles, ingested through the API. */
export async function ingestExamples(api: TestApp, extra: object[] = []): Promise<void> {
  const editor = await api.editorHeaders();
  const contents = [
    ...readdirSync(examples)
      .filter((f) => !f.endsWith('README.md'))
      .map((f) => ({ content: readFileSync(new URL(f, examples), 'utf8') })),
    ...extra.map((a) => ({ content: JSON.stringify(a), format: 'JSON' })),
  ];
  for (const input of contents) {
    const result = await api.query<{ ingestArticle: { userErrors: unknown[] } }>(INGEST, { input }, editor);
    if (result.ingestArticle.userErrors.length)
      throw new Error(JSON.stringify(result.ingestArticle.userErrors));
  }
}

/** A page of the web app, fetched in-process like the API (yoga.fetch, no port). */
export async function getPage(api: TestApp, path: string) {
  const response = await api.app.fetch(`http://quotegraph.test${path}`, {
    headers: { accept: 'text/html' },
    redirect: 'manual',
  });
  const body = await response.text();
  return { status: response.status, headers: response.headers, body, text: visibleText(body) };
}

/** The text a reader sees, roughly: tags dropped, entities decoded, spaces folded. */
export function visibleText(markup: string): string {
  return markup
    .replace(/<(script|style)[\s\S]*?<\/\1>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}
