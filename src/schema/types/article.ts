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
import { ArticleRef, type ArticleRow, EntityRef, loadEntity, OrganizationRef } from '../refs';
import { OrderDirection, SpanType } from './common';
import { QuoteConnection, QuoteKindEnum, quoteConnection } from './quote';

export const ArticleConnection = builder.connectionObject({
  type: ArticleRef,
  name: 'ArticleConnection',
  fields: (t) => ({
    totalCount: t.int({ resolve: (c) => (c as unknown as { totalCount(): Promise<number> }).totalCount() }),
  }),
});

export function articleConnection(
  ctx: Context,
  args: PageArgs,
  filter: ArticleFilter,
  field: ArticleOrderField,
  direction: 'asc' | 'desc',
) {
  const keyset = articleKeyset(field, direction);
  return keysetConnection(args, keyset, (page) => findArticles(ctx.db, filter, keyset, page), {
    totalCount: () => countArticles(ctx.db, filter),
  });
}

const MentionType = builder.objectRef<MentionRow>('Mention').implement({
  description: 'A place in an article body that names an entity.',
  fields: (t) => ({
    entity: t.field({ type: EntityRef, resolve: (m) => m.entityId }),
    span: t.field({ type: SpanType, resolve: (m) => ({ start: m.start, end: m.end }) }),
    text: t.exposeString('text'),
  }),
});

ArticleRef.implement({
  description: 'A news article, as ingested.',
  fields: (t) => ({
    title: t.exposeString('title'),
    slug: t.exposeString('slug'),
    url: t.exposeString('url', { nullable: true }),
    subtitle: t.exposeString('subtitle', { nullable: true }),
    byline: t.exposeString('byline', { nullable: true }),
    authors: t.exposeStringList('authors'),
    outlet: t.field({
      type: OrganizationRef,
      nullable: true,
      resolve: (a, _args, ctx) => loadEntity(ctx, a.outletId),
    }),
    publishedAt: t.field({ type: 'DateTime', nullable: true, resolve: (a) => a.publishedAt }),
    ingestedAt: t.field({ type: 'DateTime', resolve: (a) => a.ingestedAt }),
    language: t.exposeString('language'),
    body: t.exposeString('body', { description: 'The text; quote and mention spans are offsets into it.' }),
    paragraphs: t.stringList({
      resolve: (a) => a.paragraphs.map((p) => a.body.slice(p.start, p.end)),
    }),
    quotes: t.field({
      type: QuoteConnection,
      description: 'Its quotes in the order they appear.',
      args: { ...t.arg.connectionArgs(), kind: t.arg({ type: QuoteKindEnum }) },
      resolve: (a, args, ctx) =>
        quoteConnection(
          ctx,
          args,
          { articleId: a.id, kind: args.kind ?? undefined },
          { field: 'POSITION', direction: 'asc' },
        ),
    }),
    mentions: t.loadableList({
      type: MentionType,
      description: 'Every entity mention in the body, in order.',
      load: (ids: number[], ctx) => loadMentionsByArticle(ctx.db, ids),
      resolve: (a) => a.id,
    }),
  }),
});

const ArticleOrderFieldEnum = builder.enumType('ArticleOrderField', {
  values: ['PUBLISHED_AT', 'INGESTED_AT'] as const,
});

const ArticleOrder = builder.inputType('ArticleOrder', {
  fields: (t) => ({
    field: t.field({ type: ArticleOrderFieldEnum, required: true }),
    direction: t.field({ type: OrderDirection, required: true, defaultValue: 'desc' }),
  }),
});

const ArticleFilterInput = builder.inputType('ArticleFilter', {
  fields: (t) => ({
    search: t.string({ description: 'Full-text search, web-search syntax ("a phrase", OR, -word).' }),
    mentions: t.idList({ description: 'Only articles that mention every one of these entities.' }),
    publishedAfter: t.field({ type: 'DateTime' }),
    publishedBefore: t.field({ type: 'DateTime' }),
  }),
});

const ArticleFormat = builder.enumType('ArticleFormat', {
  values: {
    TEXT: { value: 'text' },
    MARKDOWN: { value: 'markdown' },
    HTML: { value: 'html' },
    JSON: { value: 'json' },
  } as const,
});

const IngestArticleInput = builder.inputType('IngestArticleInput', {
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

const IngestStatus = builder.enumType('IngestStatus', {
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
  fields: (t) => ({
    quotes: t.exposeInt('quotes'),
    entities: t.exposeInt('entities'),
    mentions: t.exposeInt('mentions'),
    roles: t.exposeInt('roles'),
  }),
});

interface IngestPayloadShape {
  articleId: number | null;
  status: 'new' | 'unchanged' | null;
  counts: IngestCountsShape | null;
  userErrors: UserError[];
}

const IngestArticlePayload = builder.objectRef<IngestPayloadShape>('IngestArticlePayload').implement({
  fields: (t) => ({
    article: t.field({ type: ArticleRef, nullable: true, resolve: (p) => p.articleId }),
    status: t.field({ type: IngestStatus, nullable: true, resolve: (p) => p.status }),
    created: t.boolean({
      description: 'Whether this call stored a new article.',
      resolve: (p) => p.status === 'new',
    }),
    counts: t.field({ type: IngestCounts, nullable: true, resolve: (p) => p.counts }),
    userErrors: t.field({ type: [UserErrorType], resolve: (p) => p.userErrors }),
  }),
});

builder.queryFields((t) => ({
  article: t.field({
    type: ArticleRef,
    nullable: true,
    description: 'One article by ID, slug or URL (exactly one).',
    args: { id: t.arg.id(), slug: t.arg.string(), url: t.arg.string() },
    resolve: async (_root, args, ctx): Promise<number | ArticleRow | null> => {
      const given = [args.id, args.slug, args.url].filter((v) => v != null).length;
      if (given !== 1) throw badInput('article', 'give exactly one of id, slug or url');
      if (args.id != null) return decodeId('id', args.id, 'Article');
      return findArticleBy(ctx.db, { slug: args.slug ?? undefined, url: args.url ?? undefined });
    },
  }),
  articles: t.field({
    type: ArticleConnection,
    args: {
      ...t.arg.connectionArgs(),
      filter: t.arg({ type: ArticleFilterInput }),
      orderBy: t.arg({ type: ArticleOrder }),
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
    args: { input: t.arg({ type: IngestArticleInput, required: true }) },
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
