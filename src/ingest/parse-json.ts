import { z } from 'zod';
import { type ArticleDraft, emptyDraft, textOrNull } from './parse-draft';
import { ArticleParseError } from './parse-error';
import { splitTextParagraphs } from './parse-text';

const optionalText = z.string().nullish();
const textOrParagraphs = z.union([z.string(), z.array(z.string())]).nullish();

const jsonArticleSchema = z.looseObject({
  title: optionalText,
  subtitle: optionalText,
  body: textOrParagraphs,
  text: textOrParagraphs,
  url: optionalText,
  publishedAt: optionalText,
  published_at: optionalText,
  date: optionalText,
  author: z.union([z.string(), z.array(z.string())]).nullish(),
  authors: z.array(z.string()).nullish(),
  byline: optionalText,
  outlet: optionalText,
  language: optionalText,
});

function paragraphsOf(body: string | string[]): string[] {
  return typeof body === 'string' ? splitTextParagraphs(body) : body.flatMap(splitTextParagraphs);
}

function parseJsonValue(content: string): unknown {
  try {
    return JSON.parse(content);
  } catch (error) {
    throw new ArticleParseError('json', error instanceof Error ? error.message : String(error));
  }
}

/**
 * JSON: one article object. `body` (or `text`) is required, as a string with blank-line paragraphs
 * or as an array of paragraphs; `publishedAt`, `published_at` and `date` are the same field, and so
 * are `author` and `authors`.
 */
export function parseJsonArticle(content: string): ArticleDraft {
  const value = parseJsonValue(content);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ArticleParseError('json', 'expected an object with the article’s fields');
  }
  const result = jsonArticleSchema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new ArticleParseError(issue?.path.join('.') || 'json', issue?.message ?? 'invalid article');
  }
  const article = result.data;
  const body = article.body ?? article.text;
  if (body === undefined || body === null) {
    throw new ArticleParseError('body', 'the JSON article has no "body" or "text" field');
  }
  const authorList = article.authors ?? article.author ?? [];
  const authors = (Array.isArray(authorList) ? authorList : [authorList])
    .map(textOrNull)
    .filter((name) => name !== null);

  return {
    ...emptyDraft(),
    title: textOrNull(article.title),
    subtitle: textOrNull(article.subtitle),
    byline: textOrNull(article.byline),
    authors,
    url: textOrNull(article.url),
    outlet: textOrNull(article.outlet),
    publishedAt: textOrNull(article.publishedAt ?? article.published_at ?? article.date),
    language: textOrNull(article.language),
    paragraphs: paragraphsOf(body),
  };
}
