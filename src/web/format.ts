import { html, type SafeHtml } from './html';

const dateFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});

export function formatDate(iso: string | null | undefined): string {
  return iso ? dateFormat.format(new Date(iso)) : 'undated';
}

/** A <time> element: the readable date, with the machine date for assistive tech and copying. */
export function dateTag(iso: string | null | undefined): SafeHtml {
  return iso ? html`<time datetime="${iso}">${formatDate(iso)}</time>` : html`<span>undated</span>`;
}

const KIND_LABELS: Record<string, string> = {
  DIRECT: 'Direct quote',
  PARTIAL: 'Partial quote',
  INDIRECT: 'Reported speech',
};

export function kindBadge(kind: string | null | undefined): SafeHtml {
  const k = kind ?? 'DIRECT';
  return html`<span class="badge badge-${k.toLowerCase()}">${KIND_LABELS[k] ?? k}</span>`;
}

/** Attribution confidence in words a reader can act on, with the figure. */
export function confidenceText(confidence: number | null | undefined): string {
  if (confidence === null || confidence === undefined) return 'speaker confidence unknown';
  const level = confidence >= 0.8 ? 'high' : confidence >= 0.5 ? 'medium' : 'low';
  return `${level} confidence in the speaker (${Math.round(confidence * 100)}%)`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;
}

export const ENTITY_KIND_LABELS: Record<string, string> = {
  PERSON: 'Person',
  ORGANIZATION: 'Organization',
  PLACE: 'Place',
};
