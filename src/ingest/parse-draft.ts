/** What a format reader found, before the shared clean-up, validation and offsets in `parseArticle`. */
export interface ArticleDraft {
  title: string | null;
  subtitle: string | null;
  byline: string | null;
  authors: string[];
  url: string | null;
  outlet: string | null;
  /** As written in the source; `parseArticle` turns it into a Date or rejects it. */
  publishedAt: string | null;
  language: string | null;
  paragraphs: string[];
}

export function emptyDraft(): ArticleDraft {
  return {
    title: null,
    subtitle: null,
    byline: null,
    authors: [],
    url: null,
    outlet: null,
    publishedAt: null,
    language: null,
    paragraphs: [],
  };
}

export function collapseWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

export function textOrNull(text: string | null | undefined): string | null {
  const collapsed = collapseWhitespace(text ?? '');
  return collapsed === '' ? null : collapsed;
}
