import { removeBylineParagraphs } from './parse-byline';
import { type ArticleDraft, collapseWhitespace, emptyDraft } from './parse-draft';

const TITLE_MAX_LENGTH = 200;
const SUBTITLE_MAX_LENGTH = 200;

/**
 * Blank lines separate paragraphs and a paragraph's own line breaks are wrapping. A text with no
 * blank line at all is one paragraph per line (how many exports write it).
 */
function splitTextBlocks(text: string): string[] {
  const normalized = text.replace(/\r\n?/g, '\n').trim();
  return /\n[^\S\n]*\n/.test(normalized) ? normalized.split(/\n[^\S\n]*\n\s*/) : normalized.split('\n');
}

function toParagraphs(blocks: string[]): string[] {
  return blocks.map(collapseWhitespace).filter((paragraph) => paragraph !== '');
}

export function splitTextParagraphs(text: string): string[] {
  return toParagraphs(splitTextBlocks(text));
}

/**
 * A dek is printed like a headline: short, one sentence, without closing punctuation. A short first
 * paragraph that ends in a full stop or a quote mark is far more often the lede, and taking the lede
 * out of the body would lose its quotes, so it stays in the body.
 */
function looksLikeSubtitle(paragraph: string): boolean {
  return (
    paragraph.length <= SUBTITLE_MAX_LENGTH &&
    !/[.!;:,"'”’»]$/.test(paragraph) &&
    !/[.!?]\s+\p{Lu}/u.test(paragraph) &&
    !/^["“«]/.test(paragraph)
  );
}

function looksLikeTitle(line: string): boolean {
  return line.length <= TITLE_MAX_LENGTH && !/[^.]\.$/.test(line);
}

/**
 * Plain text: the first line is the title when it reads like one and text follows it; the rest of
 * the title's block is taken line by line (a dek or byline printed under it); then a byline line near
 * the start or end, then a dek (see `looksLikeSubtitle`) when body paragraphs follow it.
 */
export function parseTextArticle(content: string): ArticleDraft {
  const draft = emptyDraft();
  const blocks = splitTextBlocks(content);
  const [firstBlock = '', ...otherBlocks] = blocks;
  const [firstLine = '', ...headerLines] = firstBlock.split('\n');
  const title = collapseWhitespace(firstLine);
  const afterTitle = toParagraphs([...headerLines, ...otherBlocks]);
  const hasTitle = looksLikeTitle(title) && afterTitle.length > 0;
  if (hasTitle) draft.title = title;

  const found = removeBylineParagraphs(hasTitle ? afterTitle : toParagraphs(blocks));
  if (found.byline !== null) {
    draft.byline = found.byline.byline;
    draft.authors = found.byline.authors;
  }

  const [first, ...afterFirst] = found.paragraphs;
  if (hasTitle && first !== undefined && afterFirst.length > 0 && looksLikeSubtitle(first)) {
    draft.subtitle = first;
    draft.paragraphs = afterFirst;
  } else {
    draft.paragraphs = found.paragraphs;
  }
  return draft;
}
