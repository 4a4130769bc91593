import { html, type SafeHtml } from './html';

export interface BodyQuote {
  id: string;
  kind: string | null;
  span: { start: number | null; end: number | null } | null;
  speaker: { name: string | null; slug: string | null } | null;
  speakerText: string | null;
}
export interface BodyMention {
  span: { start: number | null; end: number | null } | null;
  entity: { name: string | null; slug: string | null } | null;
}

interface Range<T> {
  start: number;
  end: number;
  item: T;
}

function ranges<T extends { span: BodyQuote['span'] }>(items: T[], length: number): Range<T>[] {
  return items.flatMap((item) => {
    const start = item.span?.start;
    const end = item.span?.end;
    if (start == null || end == null || start < 0 || end > length || end <= start) return [];
    return [{ start, end, item }];
  });
}

export const quoteHref = (id: string) => `/quote/${encodeURIComponent(id)}`;

/**
 * The article body as paragraphs, with every quote span marked (linked to its page, its speaker
 * named after it) and every entity mention linked. Spans are UTF-16 offsets, as JS strings are,
 * and may nest (a partial quote inside reported speech), so the text is cut at every span
 * boundary and each piece takes the innermost quote and mention that cover it.
 */
export function articleBody(body: string, quotes: BodyQuote[], mentions: BodyMention[]): SafeHtml {
  const quoteRanges = ranges(quotes, body.length);
  const mentionRanges = ranges(mentions, body.length);
  const paragraphs: Array<{ start: number; end: number }> = [];
  const breaks = /\n\s*\n/g;
  let from = 0;
  for (let m = breaks.exec(body); m; m = breaks.exec(body)) {
    paragraphs.push({ start: from, end: m.index });
    from = m.index + m[0].length;
  }
  paragraphs.push({ start: from, end: body.length });

  // a quote's speaker tag goes after its closing quote mark, which the span leaves out
  const tagAt = (r: Range<BodyQuote>) => (/[”"’'»]/.test(body[r.end] ?? '') ? r.end + 1 : r.end);

  const innermost = <T>(list: Range<T>[], a: number, b: number) =>
    list.filter((r) => r.start <= a && r.end >= b).sort((x, y) => x.end - x.start - (y.end - y.start))[0];

  return html`${paragraphs
    .filter((p) => body.slice(p.start, p.end).trim())
    .map((p) => {
      const cuts = new Set([p.start, p.end]);
      for (const r of [...quoteRanges, ...mentionRanges]) {
        if (r.start > p.start && r.start < p.end) cuts.add(r.start);
        if (r.end > p.start && r.end < p.end) cuts.add(r.end);
      }
      for (const r of quoteRanges) {
        const at = tagAt(r);
        if (at > p.start && at < p.end) cuts.add(at);
      }
      const points = [...cuts].sort((a, b) => a - b);
      const pieces: SafeHtml[] = [];
      for (let i = 0; i + 1 < points.length; i++) {
        const a = points[i] as number;
        const b = points[i + 1] as number;
        const text = body.slice(a, b);
        const mention = innermost(mentionRanges, a, b);
        const quote = innermost(quoteRanges, a, b);
        let piece = mention?.item.entity?.slug
          ? html`<a href="/entity/${encodeURIComponent(mention.item.entity.slug)}">${text}</a>`
          : html`${text}`;
        if (quote)
          piece = html`<mark class="q q-${(quote.item.kind ?? 'direct').toLowerCase()}">${piece}</mark>`;
        pieces.push(piece);
        const ending = quoteRanges.filter((r) => tagAt(r) === b);
        for (const r of ending) pieces.push(quoteTag(r.item));
      }
      return html`<p>${pieces}</p>`;
    })}`;
}

function quoteTag(quote: BodyQuote): SafeHtml {
  const who = quote.speaker?.slug
    ? html`<a href="/entity/${encodeURIComponent(quote.speaker.slug)}">${quote.speaker.name}</a>`
    : html`${quote.speakerText ?? 'unattributed'}`;
  return html`<sup class="quote-tag">[${who} · <a href="${quoteHref(quote.id)}">quote</a>]</sup>`;
}
