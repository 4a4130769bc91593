import { ApiError, type GraphQLFetch, loadQuery, runQuery } from '../api-client';
import { quoteHref } from '../article-body';
import { confidenceText, dateTag, ENTITY_KIND_LABELS, kindBadge, plural } from '../format';
import { html, queryString, type SafeHtml } from '../html';
import { errorPage, htmlResponse, page } from '../layout';
import { type Granularity, type TimelinePoint, timelineChart } from '../timeline-chart';

const ENTITY_PAGE = loadQuery('entity-page');
const ENTITY_BY_SLUG = loadQuery('entity-by-slug');
const PAGE_SIZE = 20;
const GRANULARITIES: Granularity[] = ['DAY', 'WEEK', 'MONTH'];
const QUOTE_KINDS = [
  ['DIRECT', 'Direct quotes'],
  ['PARTIAL', 'Partial quotes'],
  ['INDIRECT', 'Reported speech'],
] as const;

type Named = { name: string | null; slug: string | null };
interface ArticleRef {
  title: string | null;
  slug: string | null;
  publishedAt: string | null;
  outlet?: { name: string | null } | null;
}
interface EntityQuote {
  id: string;
  text: string | null;
  kind: string | null;
  confidence: number | null;
  occurrenceCount: number | null;
  speakerRole: { title: string | null; organization: { name: string | null } | null } | null;
  article: ArticleRef | null;
  firstReported: ArticleRef | null;
}
interface EntityData {
  entity: {
    id: string;
    name: string | null;
    slug: string | null;
    kind: string | null;
    aliases: string[] | null;
    description: string | null;
    mentionCount: number | null;
    articleCount: number | null;
    quoteCount: number | null;
    firstSeenAt: string | null;
    lastSeenAt: string | null;
    roles: Array<{
      title: string | null;
      organization: Named | null;
      place: Named | null;
      person: Named | null;
      article: ArticleRef | null;
    }> | null;
    coMentions: Array<{ count: number | null; entity: (Named & { kind: string | null }) | null }> | null;
    topOutlets: Array<{ count: number | null; outlet: Named | null }> | null;
    timeline: TimelinePoint[] | null;
    quotes: {
      totalCount: number | null;
      pageInfo: {
        hasNextPage: boolean;
        hasPreviousPage: boolean;
        startCursor: string | null;
        endCursor: string | null;
      };
      nodes: EntityQuote[];
    } | null;
  } | null;
}

const entityLink = (e: Named | null | undefined) =>
  e?.slug ? html`<a href="/entity/${encodeURIComponent(e.slug)}">${e.name ?? e.slug}</a>` : html`${e?.name}`;
export const articleLink = (a: ArticleRef | null | undefined) =>
  a?.slug
    ? html`<a href="/article/${encodeURIComponent(a.slug)}">${a.title ?? a.slug}</a>`
    : html`an article`;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export async function entityPage(fetchGraphQL: GraphQLFetch, url: URL, slug: string): Promise<Response> {
  const params = url.searchParams;
  const granularity = (GRANULARITIES as string[]).includes(params.get('granularity') ?? '')
    ? (params.get('granularity') as Granularity)
    : 'MONTH';
  const kind = QUOTE_KINDS.some(([k]) => k === params.get('kind')) ? params.get('kind') : null;
  const from = params.get('from') || null;
  const to = params.get('to') || null;
  for (const [name, value] of [
    ['from', from],
    ['to', to],
  ] as const) {
    if (value && (!DATE.test(value) || Number.isNaN(Date.parse(value)))) {
      return errorPage(
        400,
        'That date is not one we can read',
        html`<p>The <code>${name}</code> date "${value}" should look like 2025-01-27.</p>`,
      );
    }
  }
  const aboutSlug = params.get('about') || null;
  type AboutEntity = { id: string; name: string | null; slug: string | null };
  let about: AboutEntity | null = null;
  if (aboutSlug) {
    about = (
      await runQuery<{ entity: AboutEntity | null }>(fetchGraphQL, url.origin, ENTITY_BY_SLUG, {
        slug: aboutSlug,
      })
    ).entity;
    if (!about) {
      return errorPage(
        400,
        'No such entity to filter by',
        html`<p>Nothing in Quotegraph has the slug "${aboutSlug}".</p>`,
      );
    }
  }
  const before = params.get('before') || null;
  const after = before ? null : params.get('after') || null;
  const quotesFilter = {
    ...(kind && { kind }),
    ...(about && { about: about.id }),
    ...(from && { publishedAfter: `${from}T00:00:00Z` }),
    // the form's "to" includes that whole day
    ...(to && { publishedBefore: new Date(Date.parse(`${to}T00:00:00Z`) + 86_400_000).toISOString() }),
  };
  let data: EntityData;
  try {
    data = await runQuery<EntityData>(fetchGraphQL, url.origin, ENTITY_PAGE, {
      slug,
      granularity,
      quotesFilter,
      ...(before ? { last: PAGE_SIZE, before } : { first: PAGE_SIZE, after }),
    });
  } catch (error) {
    if (error instanceof ApiError && error.isBadInput && (after || before)) {
      return errorPage(
        400,
        'That page of quotes no longer exists',
        html`<p>The link's page position is not valid. <a href="/entity/${encodeURIComponent(slug)}">Start from the newest quotes</a>.</p>`,
      );
    }
    throw error;
  }
  const entity = data.entity;
  if (!entity) return notFoundEntity(slug);
  if (entity.slug && entity.slug !== slug) {
    return new Response(null, {
      status: 301,
      headers: { location: `/entity/${encodeURIComponent(entity.slug)}${url.search}` },
    });
  }
  const name = entity.name ?? entity.slug ?? slug;
  const base = `/entity/${encodeURIComponent(entity.slug ?? slug)}`;
  const state = {
    granularity: granularity === 'MONTH' ? null : granularity,
    kind,
    from,
    to,
    about: aboutSlug,
  };
  const link = (changes: Record<string, string | null>) => `${base}${queryString({ ...state, ...changes })}`;

  const aliases = (entity.aliases ?? []).filter((a) => a !== entity.name);
  const roles = entity.roles ?? [];
  const coMentions = entity.coMentions ?? [];
  const outlets = entity.topOutlets ?? [];
  const quotes = entity.quotes;

  const body = html`<article class="entity">
<header class="entity-head">
<p class="kind">${ENTITY_KIND_LABELS[entity.kind ?? ''] ?? entity.kind}</p>
<h1>${name}</h1>
${entity.description && html`<p>${entity.description}</p>`}
${aliases.length > 0 && html`<p class="aliases"><span class="label">Also called</span> ${aliases.map((a, i) => html`${i > 0 && ', '}<span class="alias">${a}</span>`)}</p>`}
</header>
<dl class="counts">
<div><dt>Quotes</dt><dd>${entity.quoteCount ?? 0}</dd></div>
<div><dt>Articles</dt><dd>${entity.articleCount ?? 0}</dd></div>
<div><dt>Mentions</dt><dd>${entity.mentionCount ?? 0}</dd></div>
<div><dt>First seen</dt><dd>${dateTag(entity.firstSeenAt)}</dd></div>
<div><dt>Last seen</dt><dd>${dateTag(entity.lastSeenAt)}</dd></div>
</dl>
${
  roles.length > 0 &&
  html`<section aria-labelledby="roles-h"><h2 id="roles-h">Roles</h2><ul class="roles">${roles.map(
    (r) =>
      html`<li><strong>${r.title}</strong>${r.organization && html`, ${entityLink(r.organization)}`}${r.place && html`, ${entityLink(r.place)}`}${
        r.person && entity.kind !== 'PERSON' && html` (${entityLink(r.person)})`
      } <span class="meta">stated in ${articleLink(r.article)}, ${dateTag(r.article?.publishedAt)}</span></li>`,
  )}</ul></section>`
}
<section aria-labelledby="timeline-h" class="timeline-section">
<h2 id="timeline-h">Mentions and quotes over time</h2>
<nav class="switch" aria-label="Chart granularity">${GRANULARITIES.map((g) =>
    g === granularity
      ? html`<a aria-current="true" href="${link({ granularity: g === 'MONTH' ? null : g })}#timeline-h">By ${g.toLowerCase()}</a>`
      : html`<a href="${link({ granularity: g === 'MONTH' ? null : g })}#timeline-h">By ${g.toLowerCase()}</a>`,
  )}</nav>
${timelineChart(entity.timeline ?? [], granularity)}
</section>
<div class="columns">
<section aria-labelledby="co-h"><h2 id="co-h">Often mentioned with</h2>
${
  coMentions.length
    ? html`<ol class="ranked">${coMentions.map((c) => html`<li>${entityLink(c.entity)} <span class="meta">${plural(c.count ?? 0, 'shared article')}</span></li>`)}</ol>`
    : html`<p class="muted">No other entity yet.</p>`
}</section>
<section aria-labelledby="outlets-h"><h2 id="outlets-h">Top outlets</h2>
${
  outlets.length
    ? html`<ol class="ranked">${outlets.map((o) => html`<li>${o.outlet?.name} <span class="meta">${plural(o.count ?? 0, 'article')}</span></li>`)}</ol>`
    : html`<p class="muted">No outlet recorded.</p>`
}</section>
</div>
<section aria-labelledby="quotes-h" id="quotes">
<h2 id="quotes-h">Quotes by ${name}</h2>
${filterForm(
  base,
  { kind, from, to, about, granularity: state.granularity },
  coMentions.map((c) => c.entity),
)}
${
  quotes &&
  html`<p class="result-count">${plural(quotes.totalCount ?? 0, 'quote')}${(kind || from || to || about) && ' match these filters'}, newest first.</p>
${quotes.nodes.length ? html`<ol class="quotes">${quotes.nodes.map((q) => quoteItem(q))}</ol>` : html`<p class="muted">No quotes here.</p>`}
<nav class="pager" aria-label="Quote pages">${
    quotes.pageInfo.startCursor && (after || (before && quotes.pageInfo.hasPreviousPage))
      ? html`<a rel="prev" href="${link({ before: quotes.pageInfo.startCursor })}#quotes">Newer quotes</a>`
      : ''
  }${quotes.pageInfo.endCursor && (before || quotes.pageInfo.hasNextPage) ? html`<a rel="next" href="${link({ after: quotes.pageInfo.endCursor })}#quotes">Older quotes</a>` : ''}</nav>`
}
</section>
</article>`;
  return htmlResponse(page({ title: name, query: 'entity-page' }, body));
}

function filterForm(
  base: string,
  current: {
    kind: string | null;
    from: string | null;
    to: string | null;
    about: Named | null;
    granularity: string | null;
  },
  candidates: Array<Named | null>,
): SafeHtml {
  const options = candidates.filter((c): c is Named => Boolean(c?.slug));
  if (current.about?.slug && !options.some((o) => o.slug === current.about?.slug))
    options.unshift(current.about);
  return html`<form class="filters" action="${base}" method="get">
${current.granularity && html`<input type="hidden" name="granularity" value="${current.granularity}">`}
<div><label for="f-kind">Kind</label><select id="f-kind" name="kind"><option value="">All kinds</option>${QUOTE_KINDS.map(
    ([value, label]) =>
      html`<option value="${value}"${current.kind === value ? html` selected` : ''}>${label}</option>`,
  )}</select></div>
<div><label for="f-from">From</label><input id="f-from" name="from" type="date" value="${current.from ?? ''}"></div>
<div><label for="f-to">To</label><input id="f-to" name="to" type="date" value="${current.to ?? ''}"></div>
<div><label for="f-about">Said about</label><select id="f-about" name="about"><option value="">Anyone or anything</option>${options.map(
    (o) =>
      html`<option value="${o.slug}"${current.about?.slug === o.slug ? html` selected` : ''}>${o.name}</option>`,
  )}</select></div>
<div class="filter-actions"><button type="submit">Apply filters</button> <a href="${base}#quotes">Clear</a></div>
</form>`;
}

function quoteItem(q: EntityQuote): SafeHtml {
  const others = Math.max(0, (q.occurrenceCount ?? 1) - 1);
  const firstHere = q.firstReported?.slug && q.firstReported.slug === q.article?.slug;
  return html`<li class="quote-item">
<blockquote><p>${q.text}</p></blockquote>
<p class="meta">${kindBadge(q.kind)} <span class="confidence">${confidenceText(q.confidence)}</span></p>
<p class="meta">${q.speakerRole?.title && html`As ${q.speakerRole.title}${q.speakerRole.organization?.name && html`, ${q.speakerRole.organization.name}`} · `}${q.article?.outlet?.name ?? 'Unknown outlet'}, ${dateTag(q.article?.publishedAt)}: ${articleLink(q.article)}</p>
<p class="meta">${
    others > 0
      ? html`<a href="${quoteHref(q.id)}">Also in ${plural(others, 'other article')}</a>`
      : html`<a href="${quoteHref(q.id)}">About this quote</a>`
  } · ${
    firstHere
      ? html`<span class="first">First reported here</span>`
      : q.firstReported &&
        html`First reported by ${q.firstReported.outlet?.name ?? 'another outlet'}, ${dateTag(q.firstReported.publishedAt)}`
  }</p>
</li>`;
}

export function notFoundEntity(slug: string): Response {
  return errorPage(
    404,
    'No such person, organization or place',
    html`<p>Nothing in Quotegraph has the slug "${slug}". <a href="/?q=${encodeURIComponent(slug.replace(/-/g, ' '))}">Search for it</a> instead.</p>`,
  );
}
