import type { GraphQLFetch } from '../api-client';
import { loadQuery, runQuery } from '../api-client';
import { articleBody, type BodyMention, type BodyQuote, quoteHref } from '../article-body';
import { dateTag, kindBadge, plural } from '../format';
import { html } from '../html';
import { errorPage, htmlResponse, page } from '../layout';

const ARTICLE_PAGE = loadQuery('article-page');
const QUOTES_PAGE_SIZE = 100;
/** An article with more quotes than this is shown with the first ones marked. */
const MAX_QUOTE_PAGES = 10;

interface ArticleData {
  article: {
    id: string;
    slug: string | null;
    title: string | null;
    subtitle: string | null;
    byline: string | null;
    publishedAt: string | null;
    url: string | null;
    outlet: { name: string | null; slug: string | null } | null;
    body: string | null;
    mentions: BodyMention[] | null;
    quotes: {
      totalCount: number | null;
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
      nodes: Array<BodyQuote & { text: string | null }>;
    } | null;
  } | null;
}

export async function articlePage(fetchGraphQL: GraphQLFetch, url: URL, slug: string): Promise<Response> {
  const fetchPage = (quotesAfter: string | null) =>
    runQuery<ArticleData>(fetchGraphQL, url.origin, ARTICLE_PAGE, {
      slug,
      quotesFirst: QUOTES_PAGE_SIZE,
      quotesAfter,
    });
  const data = await fetchPage(null);
  const article = data.article;
  if (!article) {
    return errorPage(
      404,
      'No such article',
      html`<p>Quotegraph has no article at "${slug}". It may have been deleted.</p>`,
    );
  }
  const quotes = [...(article.quotes?.nodes ?? [])];
  let pageInfo = article.quotes?.pageInfo;
  for (let i = 1; pageInfo?.hasNextPage && i < MAX_QUOTE_PAGES; i++) {
    const next = (await fetchPage(pageInfo.endCursor)).article?.quotes;
    quotes.push(...(next?.nodes ?? []));
    pageInfo = next?.pageInfo;
  }
  const mentions = article.mentions ?? [];
  const entities = new Map<string, string>();
  for (const m of mentions) if (m.entity?.slug) entities.set(m.entity.slug, m.entity.name ?? m.entity.slug);
  const title = article.title ?? 'Untitled article';

  const body = html`<article class="article-page">
<header>
<h1>${title}</h1>
${article.subtitle && html`<p class="dek">${article.subtitle}</p>`}
<p class="meta">${article.outlet?.name ?? 'Unknown outlet'}, ${dateTag(article.publishedAt)}${article.byline && html` · ${article.byline}`}${
    article.url &&
    /^https?:\/\//i.test(article.url) &&
    html` · <a href="${article.url}" rel="noreferrer nofollow">original</a>`
  }</p>
<p class="meta">${plural(article.quotes?.totalCount ?? quotes.length, 'quote')} marked: <mark class="q q-direct">direct</mark> <mark class="q q-partial">partial</mark> <mark class="q q-indirect">reported</mark>; names link to their pages.</p>
</header>
<div class="article-body">${articleBody(article.body ?? '', quotes, mentions)}</div>
<div class="columns">
<section aria-labelledby="aq-h"><h2 id="aq-h">Quotes in this article</h2>
<ol class="article-quotes">${quotes.map(
    (q) =>
      html`<li>${kindBadge(q.kind)} <a href="${quoteHref(q.id)}">${q.text}</a> <span class="meta">— ${
        q.speaker?.slug
          ? html`<a href="/entity/${encodeURIComponent(q.speaker.slug)}">${q.speaker.name}</a>`
          : html`${q.speakerText ?? 'unattributed'}`
      }</span></li>`,
  )}</ol></section>
<section aria-labelledby="ae-h"><h2 id="ae-h">Named in this article</h2>
<ul class="entity-list">${[...entities].map(([s, name]) => html`<li><a href="/entity/${encodeURIComponent(s)}">${name}</a></li>`)}</ul></section>
</div>
</article>`;
  return htmlResponse(page({ title, query: 'article-page' }, body));
}
