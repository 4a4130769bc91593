import { formatDate, plural } from './format';
import { html, type SafeHtml } from './html';

export type Granularity = 'DAY' | 'WEEK' | 'MONTH';
export interface TimelinePoint {
  period: string;
  mentions: number;
  quotes: number;
}

const monthFormat = new Intl.DateTimeFormat('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' });

export function periodLabel(period: string, granularity: Granularity): string {
  if (granularity === 'MONTH') return monthFormat.format(new Date(period));
  if (granularity === 'WEEK') return `week of ${formatDate(period)}`;
  return formatDate(period);
}

function periodEnd(start: Date, granularity: Granularity): number {
  if (granularity === 'MONTH') return Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1);
  return start.getTime() + (granularity === 'WEEK' ? 7 : 1) * 86_400_000;
}

const WIDTH = 640;
const HEIGHT = 180;
// labels are HTML around the SVG, which stretches to the page's width and would distort text
const PLOT = { left: 4, right: 4, top: 6, bottom: 2 };

/**
 * Mentions and quotes per period as an inline SVG bar chart on a time axis: periods without
 * activity are gaps, not bars, so the API's sparse timeline needs no filling. Every bar carries a
 * <title>, so the figures read without script; a data table follows for screen readers.
 */
export function timelineChart(points: TimelinePoint[], granularity: Granularity): SafeHtml {
  if (points.length === 0) return html`<p class="muted">No dated mentions or quotes yet.</p>`;
  const starts = points.map((p) => new Date(p.period));
  const min = (starts[0] as Date).getTime();
  const max = periodEnd(starts[starts.length - 1] as Date, granularity);
  const span = Math.max(max - min, 1);
  const plotWidth = WIDTH - PLOT.left - PLOT.right;
  const plotHeight = HEIGHT - PLOT.top - PLOT.bottom;
  const top = Math.max(1, ...points.map((p) => Math.max(p.mentions, p.quotes)));
  const x = (t: number) => PLOT.left + ((t - min) / span) * plotWidth;
  const y = (v: number) => PLOT.top + plotHeight - (v / top) * plotHeight;
  const bars = points.map((p, i) => {
    const start = starts[i] as Date;
    const x0 = x(start.getTime());
    const width = Math.max(2, x(periodEnd(start, granularity)) - x0 - 1);
    const half = width / 2;
    const label = periodLabel(p.period, granularity);
    const summary = `${label}: ${plural(p.mentions, 'mention')}, ${plural(p.quotes, 'quote')}`;
    return html`<g class="period" data-summary="${summary}"><title>${summary}</title><rect class="bar-mentions" x="${x0.toFixed(1)}" y="${y(p.mentions).toFixed(1)}" width="${half.toFixed(1)}" height="${(PLOT.top + plotHeight - y(p.mentions)).toFixed(1)}"/><rect class="bar-quotes" x="${(x0 + half).toFixed(1)}" y="${y(p.quotes).toFixed(1)}" width="${half.toFixed(1)}" height="${(PLOT.top + plotHeight - y(p.quotes)).toFixed(1)}"/></g>`;
  });
  const baseline = PLOT.top + plotHeight;
  const first = periodLabel(points[0]?.period ?? '', granularity);
  const last = periodLabel(points[points.length - 1]?.period ?? '', granularity);
  return html`<figure class="chart">
<svg viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-labelledby="chart-title" tabindex="0" class="timeline" preserveAspectRatio="none">
<title id="chart-title">Mentions and quotes per ${granularity.toLowerCase()}, ${first} to ${last}; the table below has the figures</title>
<line class="axis" x1="${PLOT.left}" y1="${baseline}" x2="${WIDTH - PLOT.right}" y2="${baseline}"/>
${bars}
</svg>
<div class="chart-range" aria-hidden="true"><span>${first}</span><span>highest bar: ${top}</span><span>${last}</span></div>
<figcaption><span class="key key-mentions">mentions</span> <span class="key key-quotes">quotes</span> <output class="chart-readout" aria-live="polite"></output></figcaption>
</figure>
<details class="chart-table"><summary>The figures as a table</summary>
<table><thead><tr><th scope="col">Period</th><th scope="col">Mentions</th><th scope="col">Quotes</th></tr></thead>
<tbody>${points.map((p) => html`<tr><th scope="row">${periodLabel(p.period, granularity)}</th><td>${p.mentions}</td><td>${p.quotes}</td></tr>`)}</tbody></table>
</details>`;
}
