/** Markup that is already safe: built by `html` or by a renderer that escaped its own text. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export type Renderable = SafeHtml | string | number | null | undefined | false | Renderable[];

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

function render(value: Renderable): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

/** A template whose every interpolation is escaped unless it is SafeHtml (or a list of them). */
export function html(strings: TemplateStringsArray, ...values: Renderable[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? '');
  });
  return new SafeHtml(out);
}

/**
 * The API's search snippets are HTML-escaped text with <mark> tags. Only those tags are let
 * through; any other markup a snippet might carry is escaped again rather than trusted.
 */
export function markedSnippet(snippet: string): SafeHtml {
  const parts = snippet.split(/(<\/?mark>)/);
  return new SafeHtml(
    parts
      .map((part) =>
        part === '<mark>' || part === '</mark>' ? part : part.replace(/[<>"']/g, (c) => ESCAPES[c] ?? c),
      )
      .join(''),
  );
}

/** A query string from the entries that have a value, e.g. `?q=peskov&kind=DIRECT`. */
export function queryString(params: Record<string, string | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) search.set(key, value);
  const text = search.toString();
  return text ? `?${text}` : '';
}
