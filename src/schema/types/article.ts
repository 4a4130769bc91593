import type { Context } from '../../context';
import { ArticleParseError } from '../../ingest/parse';
import { loadMentionsByArticle, type MentionRow } from '../../loaders/mentions';
import {
  type ArticleFilter,
  type ArticleOrderField,
  articleKeyset,
  countArticles,
  findArticleBy,
  findArticles,
} from '../../services/article-query';
import { ingestArticle } from '../../services/ingest';
import { requireEditor } from '../auth';
import { builder } from '../builder';
import { badInput, type UserError, UserErrorType } from '../errors';
import { decodeEntityIds, decodeId } from '../ids';
import { keysetConnection, type PageArgs } from '../pagination';
import { readDb } from '../reads';
import { ArticleRef, type ArticleRow, articleTextOf, EntityRef, loadEntity, OrganizationRef } from '../refs';
import { OrderDirection, SpanType } from './common';
import { QuoteConnection, QuoteKindEnum, quoteConnection } from './quote';

export const ArticleConnection = builder.connectionObject(
  {
    type: ArticleRef,
    name: 'ArticleConnection',
    description: 'A page of articles.',
    fields: (t) => ({
      totalCount: t.int({
        description: 'How many articles the whole list has.',
        resolve: (c) => (c as unknown as { totalCount(): Promise<number> }).totalCount(),
      }),
    }),
  },
  { description: 'An article with its cursor.' },
);

export function articleConnection(
  ctx: Context,
  args: PageArgs,
  filter: ArticleFilter,
  field: ArticleOrderField,
  direction: 'asc' | 'desc',
) {
  const keyset = articleKeyset(field, direction);
  const scope = `Query.articles:${field}:${direction}`;
  return keysetConnection(scope, args, keyset, (page) => findArticles(readDb(ctx), filter, keyset, page), {
    totalCount: () => countArticles(readDb(ctx), filter),
  });
}

const MentionType = builder.objectRef<MentionRow>('Mention').implement({
  description: 'A place in an article body that names an entity.',
  fields: (t) => ({
    entity: t.field({ type: EntityRef, description: 'The entity named.', resolve: (m) => m.entityId }),
    span: t.field({
      type: SpanType,
      description: 'Where in the body.',
      resolve: (m) => ({ start: m.start, end: m.end }),
    }),
    text: t.exposeString('text', { description: 'The words that name it there ("Peskov", "the Kremlin").' }),
  }),
});

ArticleRef.implement({
  description: 'A news article, as ingested.',
  fields: (t) => ({
    title: t.exposeString('title', { description: 'The headline.' }),
    slug: t.exposeString('slug', {
      description: 'The lowercase-hyphenated title, unique: article(slug:) finds it.',
    }),
    url: t.exposeString('url', {
      nullable: true,
      description: 'Where it was published; null when not given.',
    }),
    subtitle: t.exposeString('subtitle', {
      nullable: true,
      description: 'The dek under the headline, if any.',
    }),
    byline: t.exposeString('byline', { nullable: true, description: 'The byline as written, if any.' }),
    authors: t.exposeStringList('authors', { description: 'The names in the byline.' }),
    outlet: t.field({
      type: OrganizationRef,
      nullable: true,
      description: 'The publication it appeared in; null when unknown.',
      resolve: (a, _args, ctx) => loadEntity(ctx, a.outletId),
    }),
    publishedAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When it was published; null when the article does not say.',
      resolve: (a) => a.publishedAt,
    }),
    ingestedAt: t.field({
      type: 'DateTime',
      description: 'When it was stored here.',
      resolve: (a) => a.ingestedAt,
    }),
    language: t.exposeString('language', { description: 'An ISO 639-1 code, e.g. en.' }),
    body: t.string({
      description: 'The text; quote and mention spans are offsets into it.',
      resolve: async (a, _args, ctx) => (await articleTextOf(ctx, a)).body,
    }),
    paragraphs: t.stringList({
      description: 'The body cut into paragraphs.',
      resolve: async (a, _args, ctx) => {
        const { body, paragraphs } = await articleTextOf(ctx, a);
        return paragraphs.map((p) => body.slice(p.start, p.end));
      },
    }),
    quotes: t.field({
      type: QuoteConnection,
      description: 'Its quotes in the order they appear.',
      args: {
        ...t.arg.connectionArgs(),
        kind: t.arg({ type: QuoteKindEnum, description: 'Only quotes given this way.' }),
      },
      resolve: (a, args, ctx, info) =>
        quoteConnection(
          ctx,
          info,
          'Article.quotes',
          args,
          { articleId: a.id, kind: args.kind ?? undefined },
          { field: 'POSITION', direction: 'asc' },
        ),
    }),
    mentions: t.loadableList({
      type: MentionType,
      description: 'Every entity mention in the body, in order.',
      load: (ids: number[], ctx) => loadMentionsByArticle(readDb(ctx), ids),
      resolve: (a) => a.id,
    }),
  }),
});

const ArticleOrderFieldEnum = builder.enumType('ArticleOrderField', {
  description: 'What articles are sorted by; ties are broken by ID.',
  values: {
    PUBLISHED_AT: { description: 'The publication date (the ingestion date when it has none).' },
    INGESTED_AT: { description: 'When it was stored here.' },
  } as const,
});

const ArticleOrder = builder.inputType('ArticleOrder', {
  description: 'The order of a list of articles.',
  fields: (t) => ({
    field: t.field({ type: ArticleOrderFieldEnum, required: true, description: 'What to sort by.' }),
    direction: t.field({
      type: OrderDirection,
      required: true,
      defaultValue: 'desc',
      description: 'DESC (the default) puts the latest first.',
    }),
  }),
});

const ArticleFilterInput = builder.inputType('ArticleFilter', {
  description: 'Conditions an article must all meet.',
  fields: (t) => ({
    search: t.string({
      description: 'Full-text search, web-search syntax ("a phrase", OR, -word); at most 500 characters.',
    }),
    mentions: t.idList({
      description: 'Only articles that mention every one of these entities; at most 20.',
    }),
    publishedAfter: t.field({ type: 'DateTime', description: 'Only articles published at or after this.' }),
    publishedBefore: t.field({ type: 'DateTime', description: 'Only articles published before this.' }),
  }),
});

const ArticleFormat = builder.enumType('ArticleFormat', {
  description: 'How an article to ingest is written.',
  values: {
    TEXT: { value: 'text', description: 'Plain text: title, optional dek and byline, then paragraphs.' },
    MARKDOWN: { value: 'markdown', description: 'Markdown, with optional front matter.' },
    HTML: { value: 'html', description: 'A web page; the article is found in it.' },
    JSON: { value: 'json', description: 'An object {title, body, url, publishedAt, author, outlet}.' },
  } as const,
});

export const IngestArticleInput = builder.inputType('IngestArticleInput', {
  description: 'An article to store.',
  fields: (t) => ({
    content: t.string({
      required: true,
      description:
        'The article: plain text, Markdown, HTML, or a JSON object {title, body, url, publishedAt, author, outlet}.',
    }),
    format: t.field({ type: ArticleFormat, description: 'Guessed from the content when omitted.' }),
    url: t.string({
      description: "The article's address; an article already stored under it is not stored again.",
    }),
  }),
});

export const IngestStatus = builder.enumType('IngestStatus', {
  description: 'What ingestArticle did with the article.',
  values: {
    NEW: { value: 'new', description: 'The article was stored.' },
    UNCHANGED: {
      value: 'unchanged',
      description: 'The same article (by URL or content) was already stored.',
    },
  } as const,
});

interface IngestCountsShape {
  quotes: number;
  entities: number;
  mentions: number;
  roles: number;
}

const IngestCounts = builder.objectRef<IngestCountsShape>('IngestCounts').implement({
  description: 'What was found in an article.',
  fields: (t) => ({
    quotes: t.exposeInt('quotes', { description: 'Quotes extracted.' }),
    entities: t.exposeInt('entities', { description: 'Distinct people, organizations and places named.' }),
    mentions: t.exposeInt('mentions', { description: 'Places in the body that name an entity.' }),
    roles: t.exposeInt('roles', { description: 'Titles stated ("Kremlin spokesman").' }),
  }),
});

interface IngestPayloadShape {
  articleId: number | null;
  status: 'new' | 'unchanged' | null;
  counts: IngestCountsShape | null;
  userErrors: UserError[];
}

const IngestArticlePayload = builder.objectRef<IngestPayloadShape>('IngestArticlePayload').implement({
  description: 'The result of ingestArticle.',
  fields: (t) => ({
    article: t.field({
      type: ArticleRef,
      nullable: true,
      description: 'The stored article (new or already there); null when rejected.',
      resolve: (p) => p.articleId,
    }),
    status: t.field({
      type: IngestStatus,
      nullable: true,
      description: 'Whether it was new; null when rejected.',
      resolve: (p) => p.status,
    }),
    created: t.boolean({
      description: 'Whether this call stored a new article.',
      resolve: (p) => p.status === 'new',
    }),
    counts: t.field({
      type: IngestCounts,
      nullable: true,
      description: 'What the stored article holds; null when rejected.',
      resolve: (p) => p.counts,
    }),
    userErrors: t.field({
      type: [UserErrorType],
      description: 'What was wrong with the input; empty when it was stored.',
      resolve: (p) => p.userErrors,
    }),
  }),
});

builder.queryFields((t) => ({
  article: t.field({
    type: ArticleRef,
    nullable: true,
    description: 'One article by ID, slug or URL (exactly one).',
    args: {
      id: t.arg.id({ description: 'Its global ID.' }),
      slug: t.arg.string({ description: 'Its slug; at most 200 characters.' }),
      url: t.arg.string({ description: 'The URL it was ingested with; at most 2,048 characters.' }),
    },
    resolve: async (_root, args, ctx): Promise<number | ArticleRow | null> => {
      const given = [args.id, args.slug, args.url].filter((v) => v != null).length;
      if (given !== 1) throw badInput('article', 'give exactly one of id, slug or url');
      if (args.id != null) return decodeId('id', args.id, 'Article');
      return findArticleBy(readDb(ctx), { slug: args.slug ?? undefined, url: args.url ?? undefined });
    },
  }),
  articles: t.field({
    type: ArticleConnection,
    description: 'Articles, newest first unless ordered otherwise.',
    args: {
      ...t.arg.connectionArgs(),
      filter: t.arg({
        type: ArticleFilterInput,
        description: 'Only articles meeting every condition given.',
      }),
      orderBy: t.arg({ type: ArticleOrder, description: 'Newest first when omitted.' }),
    },
    resolve: async (_root, args, ctx) => {
      const f = args.filter;
      const filter: ArticleFilter = {
        search: f?.search?.trim() || undefined,
        mentionsIds: f?.mentions?.length
          ? await decodeEntityIds(ctx, 'filter.mentions', f.mentions)
          : undefined,
        publishedAfter: f?.publishedAfter ?? undefined,
        publishedBefore: f?.publishedBefore ?? undefined,
      };
      return articleConnection(
        ctx,
        args,
        filter,
        args.orderBy?.field ?? 'PUBLISHED_AT',
        args.orderBy?.direction ?? 'desc',
      );
    },
  }),
}));

builder.mutationFields((t) => ({
  ingestArticle: t.field({
    type: IngestArticlePayload,
    description:
      'Extract and store an article. Needs an editor API key. The same article twice is stored once.',
    args: { input: t.arg({ type: IngestArticleInput, required: true, description: 'The article.' }) },
    resolve: async (_root, { input }, ctx): Promise<IngestPayloadShape> => {
      await requireEditor(ctx);
      try {
        const result = await ingestArticle(
          ctx.db,
          { content: input.content, format: input.format ?? undefined, url: input.url ?? undefined },
          { onQuoteAdded: (q) => ctx.events.publish('quoteAdded', q), extraction: ctx.extraction },
        );
        return { articleId: result.articleId, status: result.status, counts: result.counts, userErrors: [] };
      } catch (error) {
        if (error instanceof ArticleParseError) {
          return {
            articleId: null,
            status: null,
            counts: null,
            userErrors: [{ field: inputFieldOf(error.field, input.url), message: error.message }],
          };
        }
        throw error;
      }
    },
  }),
}));

/**
 * The input field a parse problem lies in: the article's own parts (json, body, publishedAt) are all
 * in `content`, and the message names the part.
 */
function inputFieldOf(part: string, givenUrl: string | null | undefined): string {
  if (part === 'format') return 'input.format';
  if (part === 'url' && givenUrl) return 'input.url';
  return 'input.content';
}
