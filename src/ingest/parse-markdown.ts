import { marked, type Token, type Tokens } from 'marked';
import { bylineFromLine, removeBylineParagraphs, splitAuthors } from './parse-byline';
import { type ArticleDraft, collapseWhitespace, emptyDraft, textOrNull } from './parse-draft';

type FrontMatter = Map<string, string | string[]>;

interface MarkdownBlock {
  text: string;
  headingDepth: number | null;
  /** The whole paragraph is one *emphasis*, as decks are usually written under a Markdown title. */
  emphasized: boolean;
}

const FRONT_MATTER = /^\uFEFF?---[^\S\n]*\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)[^\S\n]*(?:\r?\n|$)/;

const FRONT_MATTER_KEYS: Record<string, keyof ArticleDraft> = {
  title: 'title',
  headline: 'title',
  subtitle: 'subtitle',
  dek: 'subtitle',
  date: 'publishedAt',
  publishedat: 'publishedAt',
  published: 'publishedAt',
  url: 'url',
  canonicalurl: 'url',
  author: 'authors',
  authors: 'authors',
  byline: 'byline',
  outlet: 'outlet',
  publication: 'outlet',
  source: 'outlet',
  site: 'outlet',
  language: 'language',
  lang: 'language',
};

function unquote(value: string): string {
  const trimmed = value.trim();
  return /^(["']).*\1$/.test(trimmed) ? trimmed.slice(1, -1) : trimmed;
}

/**
 * Only the YAML a front matter block holds in practice: `key: value`, `key: [a, b]` and a key
 * followed by `- item` lines. Anything else is skipped rather than guessed at.
 */
function readFrontMatter(yaml: string): FrontMatter {
  const fields: FrontMatter = new Map();
  let listKey: string | null = null;
  for (const line of yaml.split(/\r?\n/)) {
    const item = /^\s+-\s+(.*)$|^-\s+(.*)$/.exec(line);
    const itemValue = item?.[1] ?? item?.[2];
    if (listKey !== null && itemValue !== undefined) {
      const list = fields.get(listKey);
      fields.set(listKey, [...(Array.isArray(list) ? list : []), unquote(itemValue)]);
      continue;
    }
    const pair = /^([A-Za-z][\w-]*)\s*:\s*(.*)$/.exec(line);
    if (pair === null) {
      listKey = null;
      continue;
    }
    const key = (pair[1] ?? '').toLowerCase().replace(/[-_]/g, '');
    const value = (pair[2] ?? '').trim();
    listKey = value === '' ? key : null;
    const inlineList = /^\[(.*)\]$/.exec(value);
    fields.set(
      key,
      inlineList ? (inlineList[1] ?? '').split(',').map(unquote).filter(Boolean) : unquote(value),
    );
  }
  return fields;
}

function applyFrontMatter(draft: ArticleDraft, fields: FrontMatter): void {
  for (const [key, value] of fields) {
    const target = FRONT_MATTER_KEYS[key];
    if (target === undefined) continue;
    if (target === 'authors') {
      draft.authors = (Array.isArray(value) ? value : splitAuthors(value)).map(collapseWhitespace);
    } else if (target !== 'paragraphs') {
      draft[target] = textOrNull(Array.isArray(value) ? value.join(', ') : value);
    }
  }
}

const HTML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** marked leaves entities as written (`&amp;`); the article's text should hold the characters. */
function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, name: string) => {
    if (name.startsWith('#')) {
      const code =
        name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
      return Number.isInteger(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
    }
    return HTML_ENTITIES[name.toLowerCase()] ?? entity;
  });
}

/** Emphasis, links and code become their plain words; inline HTML tags and images are dropped. */
function inlineText(tokens: Token[]): string {
  return tokens
    .map((token): string => {
      switch (token.type) {
        case 'html':
        case 'image':
          return '';
        case 'br':
          return ' ';
        case 'codespan':
        case 'escape':
          return token.text;
        case 'text':
          return 'tokens' in token && token.tokens ? inlineText(token.tokens) : decodeEntities(token.text);
        default:
          return 'tokens' in token && token.tokens ? inlineText(token.tokens) : decodeEntities(token.raw);
      }
    })
    .join('');
}

function isWholeEmphasis(tokens: Token[]): boolean {
  const meaningful = tokens.filter((token) => !(token.type === 'text' && token.raw.trim() === ''));
  return meaningful.length === 1 && (meaningful[0]?.type === 'em' || meaningful[0]?.type === 'strong');
}

/** Code, tables and raw HTML blocks are not the article's prose, so they are left out. */
function markdownBlocks(tokens: Token[]): MarkdownBlock[] {
  return tokens.flatMap((token): MarkdownBlock[] => {
    switch (token.type) {
      case 'heading':
        return [
          {
            text: inlineText(token.tokens ?? []),
            headingDepth: (token as Tokens.Heading).depth,
            emphasized: false,
          },
        ];
      case 'paragraph':
      case 'text': {
        const inner = token.tokens ?? [];
        return [{ text: inlineText(inner), headingDepth: null, emphasized: isWholeEmphasis(inner) }];
      }
      case 'blockquote':
        return markdownBlocks(token.tokens ?? []);
      case 'list':
        return (token as Tokens.List).items.flatMap((item) => markdownBlocks(item.tokens));
      default:
        return [];
    }
  });
}

/**
 * Markdown: front matter first, then a leading heading is the title; a heading or an all-italic
 * paragraph right under it is the subtitle when more text follows; a "By …" line near the start or
 * end is the byline. Front matter wins over what the text shows.
 */
export function parseMarkdownArticle(content: string): ArticleDraft {
  const draft = emptyDraft();
  const frontMatter = FRONT_MATTER.exec(content);
  if (frontMatter !== null) applyFrontMatter(draft, readFrontMatter(frontMatter[1] ?? ''));
  const source = frontMatter === null ? content : content.slice(frontMatter[0].length);

  let blocks = markdownBlocks(marked.lexer(source))
    .map((block) => ({ ...block, text: collapseWhitespace(block.text) }))
    .filter((block) => block.text !== '');

  const [first] = blocks;
  if (first?.headingDepth != null) {
    draft.title ??= first.text;
    blocks = blocks.slice(1);
    const [next, ...afterNext] = blocks;
    const isDeck = next !== undefined && (next.headingDepth !== null || next.emphasized);
    if (isDeck && afterNext.length > 0 && bylineFromLine(next.text) === null) {
      draft.subtitle ??= next.text;
      blocks = afterNext;
    }
  }

  const found = removeBylineParagraphs(blocks.map((block) => block.text));
  if (found.byline !== null) {
    draft.byline ??= found.byline.byline;
    if (draft.authors.length === 0) draft.authors = found.byline.authors;
  }
  draft.paragraphs = found.paragraphs;
  return draft;
}
