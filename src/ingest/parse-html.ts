import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { bylineFromLine, removeBylineParagraphs, splitAuthors } from './parse-byline';
import { type ArticleDraft, collapseWhitespace, emptyDraft, textOrNull } from './parse-draft';
import { ArticleParseError } from './parse-error';

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;

const BLOCK_TAGS = new Set([
  ...'ADDRESS ARTICLE ASIDE BLOCKQUOTE CAPTION DD DETAILS DIV DL DT FIELDSET FIGCAPTION FIGURE'.split(' '),
  ...'FOOTER FORM H1 H2 H3 H4 H5 H6 HEADER HR LI MAIN NAV OL P PRE SECTION SUMMARY TABLE'.split(' '),
  ...'TBODY TD TFOOT TH THEAD TR UL'.split(' '),
]);
/** Never article text, even when Readability keeps them because the page has nothing else. */
const SKIPPED_TAGS = new Set('SCRIPT STYLE NOSCRIPT TEMPLATE SVG IFRAME BUTTON SELECT NAV FORM'.split(' '));
/** Parents in which a <time> is part of a sentence rather than a dateline. */
const PROSE_TAGS = new Set('P LI BLOCKQUOTE FIGCAPTION TD TH DD H1 H2 H3 H4 H5 H6'.split(' '));
const BLOCK_SELECTOR = [...BLOCK_TAGS].map((tag) => tag.toLowerCase()).join(', ');
const SUBTITLE_SELECTOR =
  '[itemprop="alternativeHeadline"], .dek, .deck, .subtitle, .standfirst, .subheadline, .article-subtitle';
/** Page furniture dropped when Readability finds no article and the whole page is read instead. */
const PAGE_FURNITURE_SELECTOR = 'nav, header, footer, aside, form, script, style, noscript';

function metaContent(document: Document, selector: string): string | null {
  return textOrNull(document.querySelector(selector)?.getAttribute('content'));
}

function textOf(node: Node): string {
  if (node.nodeType === TEXT_NODE) return node.textContent ?? '';
  if (node.nodeType !== ELEMENT_NODE) return '';
  const tag = (node as Element).tagName.toUpperCase();
  if (SKIPPED_TAGS.has(tag)) return '';
  if (tag === 'BR') return ' ';
  const text = [...node.childNodes].map(textOf).join('');
  return BLOCK_TAGS.has(tag) ? ` ${text} ` : text;
}

/**
 * One paragraph per block element that holds no other block (p, li, h2, blockquote, a div of
 * inline text); inline content sitting between blocks forms a paragraph of its own.
 */
function blockParagraphs(root: Element): string[] {
  const paragraphs: string[] = [];
  let inlineRun = '';
  const flush = () => {
    paragraphs.push(inlineRun);
    inlineRun = '';
  };
  const visit = (parent: Node) => {
    for (const child of parent.childNodes) {
      if (child.nodeType === TEXT_NODE) {
        inlineRun += child.textContent ?? '';
        continue;
      }
      if (child.nodeType !== ELEMENT_NODE) continue;
      const element = child as Element;
      const tag = element.tagName.toUpperCase();
      if (SKIPPED_TAGS.has(tag)) continue;
      const holdsBlocks = element.querySelector(BLOCK_SELECTOR) !== null;
      if (!BLOCK_TAGS.has(tag) && !holdsBlocks) {
        inlineRun += textOf(element);
        continue;
      }
      flush();
      if (holdsBlocks) visit(element);
      else paragraphs.push(textOf(element));
      flush();
    }
  };
  visit(root);
  flush();
  return paragraphs.map(collapseWhitespace).filter((paragraph) => paragraph !== '');
}

/** A <time> standing on its own (in a header, beside the byline) is a dateline, not article text. */
function removeStandaloneTimes(root: Element): void {
  for (const time of root.querySelectorAll('time')) {
    const parentTag = time.parentElement?.tagName.toUpperCase() ?? '';
    if (!PROSE_TAGS.has(parentTag)) time.remove();
  }
}

/**
 * Real pages nest a few dozen elements deep (Lighthouse calls more than 32 excessive); Readability's
 * cost grows with the cube of the depth (~1 s at 128 nested divs), so deeper input is refused.
 */
export const MAX_HTML_DEPTH = 100;

const VOID_TAGS = new Set('area base br col embed hr img input link meta param source track wbr'.split(' '));
/** Closed by their next sibling without an end tag; counting them as nested would overstate depth. */
const SELF_ENDING_TAGS = new Set('p li dt dd tr td th option thead tbody tfoot colgroup'.split(' '));
const TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)[^<>]*?(\/?)>/g;

/** The nesting depth of the elements, read in one pass over the tags (a fair estimate, not a parse). */
export function htmlDepthExceeds(content: string, limit: number): boolean {
  const open: string[] = [];
  TAG.lastIndex = 0;
  for (let m = TAG.exec(content); m; m = TAG.exec(content)) {
    const name = (m[2] ?? '').toLowerCase();
    if (VOID_TAGS.has(name) || SELF_ENDING_TAGS.has(name) || m[3]) continue;
    if (m[1]) {
      const at = open.lastIndexOf(name);
      if (at >= 0) open.length = at;
    } else {
      open.push(name);
      if (open.length > limit) return true;
    }
  }
  return false;
}

/** linkedom builds no <html> or <body> around a fragment, and Readability needs both. */
function asHtmlDocument(content: string): string {
  if (/<(?:html|body)[\s>]/i.test(content)) return content;
  return `<!doctype html><html><head></head><body>${content}</body></html>`;
}

/** Readability gives up on some odd documents by throwing; the fallback reads those. */
function readableContent(document: Document) {
  try {
    return new Readability<Node>(document, { serializer: (node) => node }).parse();
  } catch {
    return null;
  }
}

function resolveUrl(href: string | null, base: string | undefined): string | null {
  if (href === null) return null;
  try {
    return new URL(href, base).href;
  } catch {
    return null;
  }
}

/**
 * HTML: metadata from the page's head (Open Graph, article:published_time, canonical link, author),
 * read before Readability rewrites the document; the text from Readability's main content, falling
 * back to <article>, <main> or <body> without page furniture. Lines repeating the title, subtitle or
 * byline at the edges of the content are dropped.
 */
export function parseHtmlArticle(content: string, pageUrl?: string): ArticleDraft {
  if (htmlDepthExceeds(content, MAX_HTML_DEPTH)) {
    throw new ArticleParseError('content', `the HTML nests elements more than ${MAX_HTML_DEPTH} deep`);
  }
  const draft = emptyDraft();
  const { document: linkedomDocument } = parseHTML(asHtmlDocument(content));
  const document = linkedomDocument as unknown as Document;

  const titleElementText = textOrNull(document.querySelector('title')?.textContent);
  const ogTitle = metaContent(document, 'meta[property="og:title"]');
  const articleElement: ParentNode = document.querySelector('article') ?? document;
  const headline = textOrNull(articleElement.querySelector('h1')?.textContent);
  draft.subtitle = textOrNull(articleElement.querySelector(SUBTITLE_SELECTOR)?.textContent);
  draft.byline = metaContent(document, 'meta[name="author"], meta[property="article:author"]');
  draft.publishedAt =
    metaContent(document, 'meta[property="article:published_time"], meta[itemprop="datePublished"]') ??
    textOrNull(articleElement.querySelector('time[datetime]')?.getAttribute('datetime')) ??
    metaContent(document, 'meta[name="date"], meta[name="pubdate"]');
  draft.url =
    resolveUrl(document.querySelector('link[rel="canonical"]')?.getAttribute('href') ?? null, pageUrl) ??
    resolveUrl(metaContent(document, 'meta[property="og:url"]'), pageUrl);
  draft.outlet = metaContent(document, 'meta[property="og:site_name"]');
  draft.language = textOrNull(document.documentElement?.getAttribute('lang'));

  const fallbackRoot = document.querySelector('article') ?? document.querySelector('main') ?? document.body;
  const fallback = fallbackRoot?.cloneNode(true) as Element | undefined;
  for (const furniture of fallback?.querySelectorAll(PAGE_FURNITURE_SELECTOR) ?? []) furniture.remove();

  const readable = readableContent(document);
  draft.title = textOrNull(readable?.title) ?? ogTitle ?? titleElementText ?? headline;
  draft.byline ??= textOrNull(readable?.byline);
  draft.publishedAt ??= textOrNull(readable?.publishedTime);
  draft.outlet ??= textOrNull(readable?.siteName);

  const readableRoot = readable?.content?.nodeType === ELEMENT_NODE ? (readable.content as Element) : null;
  const root = readableRoot ?? fallback ?? null;
  if (root === null) return draft;
  removeStandaloneTimes(root);

  if (draft.byline !== null) {
    const names = bylineFromLine(draft.byline) ?? bylineFromLine(`By ${draft.byline}`);
    draft.byline = names?.byline ?? draft.byline;
    draft.authors = names?.authors ?? splitAuthors(draft.byline);
  }

  const repeated = new Set(
    [draft.title, draft.subtitle, headline, draft.byline].filter((text) => text !== null),
  );
  const paragraphs = blockParagraphs(root);
  const edge = (index: number) => index < 3 || index >= paragraphs.length - 3;
  const found = removeBylineParagraphs(
    paragraphs.filter((text, index) => !(edge(index) && repeated.has(text))),
  );
  if (found.byline !== null) {
    draft.byline ??= found.byline.byline;
    if (draft.authors.length === 0) draft.authors = found.byline.authors;
  }
  draft.paragraphs = found.paragraphs;
  return draft;
}
