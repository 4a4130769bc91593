import { type GraphQLFetch, loadQuery, runQuery } from '../api-client';
import { dateTag, ENTITY_KIND_LABELS, kindBadge, plural } from '../format';
import { html, markedSnippet, queryString, type SafeHtml } from '../html';
import { htmlResponse, page } from '../layout';

const SEARCH_PAGE = loadQuery('search');
const PAGE_SIZE = 10;

interface Group<N> {
  totalCount: number | null;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  nodes: Array<{ snippet: string | null; node: N | null }>;
}
interface SearchData {
  entities: Group<{
    id: string;
    name?: string;
    slug?: string;
    kind?: string;
    quoteCount?: number;
    articleCount?: number;
  }>;
  quotes: Group<{
    id: string;
    kind?: string;
    speaker?: { name: string | null; slug: string | null } | null;
    speakerText?: string | null;
    article?: {
      title: string | null;
      slug: string | null;
      publishedAt: string | null;
      outlet: { name: string | null } | null;
    } | null;
  }>;
  articles: Group<{
    id: string;
    title?: string;
    slug?: string;
    publishedAt?: string | null;
    outlet?: { name: string | null } | null;
  }>;
}

const CURSOR_PARAMS = {
  entities: 'entitiesAfter',
  quotes: 'quotesAfter',
  articles: 'articlesAfter',
} as const;

export async function searchPage(fetchGraphQL: GraphQLFetch, url: URL): Promise<Response> {
  const q = (url.searchParams.get('q') ?? '').trim();
  const form = html`<form class="search-box" role="search" action="/" method="get">
<label for="q">Search people, organizations, places, quotes and articles</label>
<div class="search-row"><input id="q" name="q" type="search" value="${q}" maxlength="500" autofocus><button type="submit">Search</button></div>
<p class="hint">Names tolerate misspellings; use "quotes" for a phrase and -word to leave a word out.</p>
</form>`;
  if (!q) {
    return htmlResponse(
      page(
        { title: 'Search', searchBox: false, query: 'search' },
        html`<h1>Who said what in the news</h1>${form}
<p>Try <a href="/?q=peskov">peskov</a>, <a href="/?q=${'"neither confirm nor deny"'}">"neither confirm nor deny"</a> or <a href="/?q=ukraine">ukraine</a>.</p>`,
      ),
    );
  }
  const after = Object.fromEntries(
    Object.values(CURSOR_PARAMS).map((param) => [param, url.searchParams.get(param) || null]),
  );
  const data = await runQuery<SearchData>(fetchGraphQL, url.origin, SEARCH_PAGE, {
    query: q,
    first: PAGE_SIZE,
    ...after,
  });
  const more = (group: keyof typeof CURSOR_PARAMS, cursor: string | null) =>
    html`<p class="more"><a href="/${queryString({ q, ...after, [CURSOR_PARAMS[group]]: cursor })}#${group}">More ${group}</a></p>`;
  const restart = (group: keyof typeof CURSOR_PARAMS) =>
    after[CURSOR_PARAMS[group]] &&
    html`<p class="more"><a href="/${queryString({ q, ...after, [CURSOR_PARAMS[group]]: null })}#${group}">Back to the first ${group}</a></p>`;

  const section = (
    group: keyof typeof CURSOR_PARAMS,
    heading: string,
    items: SafeHtml[],
    g: Group<unknown>,
  ) =>
    html`<section class="results" id="${group}" aria-labelledby="${group}-h">
<h2 id="${group}-h">${heading} <span class="count">${g.totalCount ?? 0}</span></h2>
${items.length ? html`<ol class="hits">${items}</ol>` : html`<p class="muted">No ${group} match.</p>`}
${restart(group)}${g.pageInfo.hasNextPage && more(group, g.pageInfo.endCursor)}
</section>`;

  const entities = data.entities.nodes.flatMap(({ snippet, node }) =>
    node?.slug
      ? [
          html`<li><a class="hit-title" href="/entity/${encodeURIComponent(node.slug)}">${markedSnippet(snippet ?? node.name ?? node.slug)}</a>
<span class="meta">${ENTITY_KIND_LABELS[node.kind ?? ''] ?? node.kind} · ${plural(node.quoteCount ?? 0, 'quote')} · ${plural(node.articleCount ?? 0, 'article')}</span></li>`,
        ]
      : [],
  );
  const quotes = data.quotes.nodes.flatMap(({ snippet, node }) =>
    node
      ? [
          html`<li><blockquote><a href="/quote/${encodeURIComponent(node.id)}">${markedSnippet(snippet ?? '')}</a></blockquote>
<span class="meta">${kindBadge(node.kind)} ${
            node.speaker?.slug
              ? html`<a href="/entity/${encodeURIComponent(node.speaker.slug)}">${node.speaker.name}</a>`
              : html`${node.speakerText ?? 'unattributed'}`
          } · ${node.article?.outlet?.name ?? 'unknown outlet'}, ${dateTag(node.article?.publishedAt)}</span></li>`,
        ]
      : [],
  );
  const articles = data.articles.nodes.flatMap(({ snippet, node }) =>
    node?.slug
      ? [
          html`<li><a class="hit-title" href="/article/${encodeURIComponent(node.slug)}">${node.title}</a>
<span class="meta">${node.outlet?.name ?? 'unknown outlet'}, ${dateTag(node.publishedAt)}</span>
<p class="snippet">${markedSnippet(snippet ?? '')}</p></li>`,
        ]
      : [],
  );
  return htmlResponse(
    page(
      { title: `${q}: search`, searchBox: false, query: 'search' },
      html`<h1 class="sr-only">Search results for ${q}</h1>${form}
<nav class="jump" aria-label="Result groups"><a href="#entities">People and organizations</a> <a href="#quotes">Quotes</a> <a href="#articles">Articles</a></nav>
${section('entities', 'People, organizations and places', entities, data.entities)}
${section('quotes', 'Quotes', quotes, data.quotes)}
${section('articles', 'Articles', articles, data.articles)}`,
    ),
  );
}
