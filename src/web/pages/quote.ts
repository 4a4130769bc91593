import { ApiError, type GraphQLFetch, loadQuery, runQuery } from '../api-client';
import { quoteHref } from '../article-body';
import { confidenceText, dateTag, kindBadge, plural } from '../format';
import { html, queryString, type SafeHtml } from '../html';
import { errorPage, htmlResponse, page } from '../layout';
import { diffWords } from '../word-diff';
import { articleLink } from './entity';

const QUOTE_PAGE = loadQuery('quote-page');
const ECHOES_PAGE_SIZE = 20;

type Named = { name: string | null; slug: string | null };
interface Report {
  id: string;
  text: string | null;
  kind: string | null;
  speaker: Named | null;
  article: {
    title: string | null;
    slug: string | null;
    publishedAt: string | null;
    ingestedAt: string | null;
    outlet: { name: string | null } | null;
  } | null;
}
interface QuoteData {
  quote:
    | (Report & {
        __typename: 'Quote';
        confidence: number | null;
        context: string | null;
        cue: string | null;
        speakerText: string | null;
        occurrenceCount: number | null;
        speaker: (Named & { kind: string | null }) | null;
        speakerRole: { title: string | null; organization: Named | null; place: Named | null } | null;
        article: Report['article'] & { byline: string | null };
        firstReported: { slug: string | null } | null;
        about: Named[] | null;
        echoes: {
          pageInfo: { hasNextPage: boolean; endCursor: string | null };
          edges: Array<{ exact: boolean | null; similarity: number | null; node: Report }>;
        } | null;
      })
    | { __typename: string }
    | null;
}

const notFound = () =>
  errorPage(
    404,
    'No such quote',
    html`<p>This link does not lead to a quote Quotegraph knows. It may have been deleted with its article.</p>`,
  );

const entityLink = (e: Named | null | undefined, fallback: string) =>
  e?.slug ? html`<a href="/entity/${encodeURIComponent(e.slug)}">${e.name ?? e.slug}</a>` : html`${fallback}`;

const reportDate = (r: Report) => r.article?.publishedAt ?? r.article?.ingestedAt ?? '';

/** The sentence with the quote's own words marked, when they stand in it as written. */
function quoteInSentence(context: string, text: string): SafeHtml {
  const at = context.indexOf(text);
  if (at < 0) return html`${context}`;
  return html`${context.slice(0, at)}<mark>${text}</mark>${context.slice(at + text.length)}`;
}

function wordingDiff(base: string, text: string): SafeHtml {
  return html`${diffWords(base, text).map((part, i) => {
    const gap = i > 0 ? ' ' : '';
    if (part.op === 'same') return html`${gap}${part.text}`;
    if (part.op === 'added') return html`${gap}<ins title="Not in the quote above">${part.text}</ins>`;
    return html`${gap}<del title="In the quote above, not here">${part.text}</del>`;
  })}`;
}

export async function quotePage(fetchGraphQL: GraphQLFetch, url: URL, id: string): Promise<Response> {
  const echoesAfter = url.searchParams.get('echoes') || null;
  let data: QuoteData;
  try {
    data = await runQuery<QuoteData>(fetchGraphQL, url.origin, QUOTE_PAGE, {
      id,
      echoesFirst: ECHOES_PAGE_SIZE,
      echoesAfter,
    });
  } catch (error) {
    if (error instanceof ApiError && (error.isBadInput || error.isNotFound)) {
      return echoesAfter
        ? errorPage(
            400,
            'That page of echoes does not exist',
            html`<p><a href="${quoteHref(id)}">See the first echoes</a>.</p>`,
          )
        : notFound();
    }
    throw error;
  }
  const quote = data.quote;
  if (!quote || !('echoes' in quote)) return notFound();
  const text = quote.text ?? '';
  const firstSlug = quote.firstReported?.slug;
  const echoes = quote.echoes?.edges ?? [];
  const reports = [
    { report: quote as Report, self: true, exact: true, similarity: 1 },
    ...echoes.map((e) => ({ report: e.node, self: false, exact: e.exact, similarity: e.similarity })),
  ].sort((a, b) => reportDate(a.report).localeCompare(reportDate(b.report)));
  const speakerName = quote.speaker?.name ?? quote.speakerText ?? 'Unattributed';
  const role = quote.speakerRole;

  const body = html`<article class="quote-page">
<p class="kind">${kindBadge(quote.kind)}</p>
<h1 class="sr-only">Quote by ${speakerName}</h1>
<blockquote class="big"><p>${text}</p></blockquote>
<p class="attribution">— ${entityLink(quote.speaker, speakerName)}${
    role?.title &&
    html`, ${role.title}${role.organization && html`, ${entityLink(role.organization, role.organization.name ?? '')}`}${
      role.place && html`, ${entityLink(role.place, role.place.name ?? '')}`
    }`
  }${quote.speakerText && quote.speaker && quote.speakerText !== quote.speaker.name && html` <span class="meta">(the article says "${quote.speakerText}")</span>`}</p>
<dl class="facts">
<div><dt>Article</dt><dd>${articleLink(quote.article)}, ${quote.article?.outlet?.name ?? 'unknown outlet'}, ${dateTag(quote.article?.publishedAt)}</dd></div>
<div><dt>In its sentence</dt><dd class="context">${quote.context ? quoteInSentence(quote.context, text) : 'not recorded'}</dd></div>
${quote.cue && html`<div><dt>Cue</dt><dd>${quote.cue}</dd></div>`}
<div><dt>Attribution</dt><dd>${confidenceText(quote.confidence)}</dd></div>
${
  quote.about?.length
    ? html`<div><dt>About</dt><dd>${quote.about.map((a, i) => html`${i > 0 && ', '}${entityLink(a, a.name ?? '')}`)}</dd></div>`
    : ''
}
</dl>
<section aria-labelledby="echoes-h" id="echoes">
<h2 id="echoes-h">Where else it was reported</h2>
<p>${plural(quote.occurrenceCount ?? 1, 'article')} carry this quote or an echo of it, in order of publication. In other versions, <ins>added or changed words</ins> and <del>words left out</del> are marked against the quote above.</p>
<ol class="echoes">${reports.map(({ report, self, exact, similarity }) => {
    const first = report.article?.slug && report.article.slug === firstSlug;
    return html`<li class="echo${self ? ' self' : ''}">
<p class="meta">${first && html`<span class="badge badge-first">First reported</span> `}${self && html`<span class="badge">This quote</span> `}<strong>${report.article?.outlet?.name ?? 'Unknown outlet'}</strong>, ${dateTag(reportDate(report))}: ${articleLink(report.article)}</p>
<blockquote><p>${self ? text : wordingDiff(text, report.text ?? '')}</p></blockquote>
${
  !self &&
  html`<p class="meta">${kindBadge(report.kind)} ${exact ? 'Same words' : `Reworded or cut: ${Math.round((similarity ?? 0) * 100)}% similar`}${
    report.speaker && html` · attributed to ${entityLink(report.speaker, report.speaker.name ?? '')}`
  } · <a href="${quoteHref(report.id)}">this version's page</a></p>`
}
</li>`;
  })}</ol>
${
  quote.echoes?.pageInfo.hasNextPage &&
  html`<p class="more"><a href="${quoteHref(quote.id)}${queryString({ echoes: quote.echoes.pageInfo.endCursor })}#echoes">More echoes</a></p>`
}
${echoes.length === 0 && html`<p class="muted">No other outlet carries it yet.</p>`}
</section>
</article>`;
  return htmlResponse(page({ title: `${speakerName}: “${text.slice(0, 60)}”`, query: 'quote-page' }, body));
}
