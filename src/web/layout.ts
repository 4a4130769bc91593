import { html, type Renderable, type SafeHtml } from './html';

export interface PageOptions {
  title: string;
  /** The search box in the header; the search page has its own. */
  searchBox?: boolean;
  /** The .graphql file the page is built from, named in the footer for developers. */
  query?: string;
}

export function page(options: PageOptions, main: Renderable): SafeHtml {
  const { title, searchBox = true, query } = options;
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · Quotegraph</title>
<link rel="stylesheet" href="/static/app.css">
<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="site">
<a class="brand" href="/">Quotegraph</a>
${
  searchBox &&
  html`<form class="site-search" role="search" action="/" method="get">
<label for="site-q" class="sr-only">Search people, quotes and articles</label>
<input id="site-q" name="q" type="search" placeholder="Search people, quotes, articles">
<button type="submit">Search</button>
</form>`
}
</header>
<main id="main">
${main}
</main>
<footer class="site">
<p>Built on the public <a href="/graphql">GraphQL API</a> (GraphiQL)${
    query && html`; this page's query is <code>src/web/queries/${query}.graphql</code>`
  }.</p>
</footer>
<script src="/static/app.js" defer></script>
</body>
</html>`;
}

/** A page for a problem the reader should understand: what happened and where to go next. */
export function errorPage(status: number, heading: string, detail: Renderable): Response {
  const body = page(
    { title: heading },
    html`<div class="error-page"><h1>${heading}</h1>${detail}<p><a href="/">Search Quotegraph</a></p></div>`,
  );
  return htmlResponse(body, status);
}

export function htmlResponse(body: SafeHtml, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(body.value, {
    status,
    headers: { 'content-type': 'text/html; charset=utf-8', ...headers },
  });
}
