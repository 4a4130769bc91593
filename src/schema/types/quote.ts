import type { Context } from '../../context';
import { loadQuoteAboutIds } from '../../loaders/quotes';
import { contextSentence } from '../../services/context-sentence';
import {
  countQuotes,
  findQuotes,
  type QuoteFilter,
  type QuoteOrderField,
  quoteKeyset,
} from '../../services/quote-query';
import { builder } from '../builder';
import { decodeEntityIds, decodeId } from '../ids';
import { keysetConnection, type PageArgs } from '../pagination';
import { ArticleRef, EntityRef, type EntityRow, QuoteRef } from '../refs';
import { OrderDirection, SpanType } from './common';

export const QuoteKindEnum = builder.enumType('QuoteKind', {
  values: {
    DIRECT: { value: 'direct', description: 'Words inside quote marks, attributed to a speaker.' },
    PARTIAL: { value: 'partial', description: 'A quoted fragment inside reported speech.' },
    INDIRECT: { value: 'indirect', description: 'Reported speech without quote marks.' },
  } as const,
});

const QuoteOrderFieldEnum = builder.enumType('QuoteOrderField', {
  values: ['PUBLISHED_AT', 'CONFIDENCE', 'POSITION'] as const,
});

export const QuoteOrder = builder.inputType('QuoteOrder', {
  fields: (t) => ({
    field: t.field({ type: QuoteOrderFieldEnum, required: true }),
    direction: t.field({ type: OrderDirection, required: true, defaultValue: 'desc' }),
  }),
});

export const QuoteFilterInput = builder.inputType('QuoteFilter', {
  fields: (t) => ({
    speaker: t.id({ description: 'Quotes said by this entity.' }),
    about: t.id({ description: 'Quotes that talk about this entity.' }),
    article: t.id({ description: 'Quotes in this article.' }),
    kind: t.field({ type: QuoteKindEnum }),
    search: t.string({
      description: 'Full-text search in the quote, web-search syntax ("a phrase", OR, -word).',
    }),
    publishedAfter: t.field({ type: 'DateTime' }),
    publishedBefore: t.field({ type: 'DateTime' }),
  }),
});

export const QuoteConnection = builder.connectionObject({
  type: QuoteRef,
  name: 'QuoteConnection',
  fields: (t) => ({
    totalCount: t.int({ resolve: (c) => (c as unknown as Counted).totalCount() }),
  }),
});

interface Counted {
  totalCount(): Promise<number>;
}

type QuoteFilterArg = typeof QuoteFilterInput.$inferInput;

export async function toQuoteFilter(
  ctx: Context,
  input: QuoteFilterArg | null | undefined,
): Promise<QuoteFilter> {
  if (!input) return {};
  const [speakerIds, aboutIds] = await Promise.all([
    input.speaker != null ? decodeEntityIds(ctx, 'filter.speaker', [input.speaker]) : undefined,
    input.about != null ? decodeEntityIds(ctx, 'filter.about', [input.about]) : undefined,
  ]);
  return {
    speakerIds,
    aboutIds,
    articleId: input.article != null ? decodeId('filter.article', input.article, 'Article') : undefined,
    kind: input.kind ?? undefined,
    search: input.search?.trim() || undefined,
    publishedAfter: input.publishedAfter ?? undefined,
    publishedBefore: input.publishedBefore ?? undefined,
  };
}

export function quoteConnection(
  ctx: Context,
  args: PageArgs,
  filter: QuoteFilter,
  order: { field: QuoteOrderField; direction: 'asc' | 'desc' },
) {
  const keyset = quoteKeyset(order.field, order.direction);
  return keysetConnection(args, keyset, (page) => findQuotes(ctx.db, filter, keyset, page), {
    totalCount: () => countQuotes(ctx.db, filter),
  });
}

QuoteRef.implement({
  description: 'A statement attributed to a speaker in an article.',
  fields: (t) => ({
    text: t.exposeString('text'),
    kind: t.field({ type: QuoteKindEnum, resolve: (q) => q.kind }),
    speaker: t.field({
      type: EntityRef,
      nullable: true,
      description: 'Who said it; null when the text names no one (e.g. "a spokesman said").',
      resolve: (q) => q.speakerId,
    }),
    speakerText: t.exposeString('speakerText', {
      nullable: true,
      description: 'How the article refers to the speaker here ("he", "the president", "a senior official").',
    }),
    speakerMention: t.field({
      type: SpanType,
      nullable: true,
      resolve: (q) =>
        q.speakerMentionStart != null && q.speakerMentionEnd != null
          ? { start: q.speakerMentionStart, end: q.speakerMentionEnd }
          : null,
    }),
    cue: t.exposeString('cue', {
      nullable: true,
      description: 'The words that introduce it ("said", "told").',
    }),
    confidence: t.exposeFloat('confidence', { description: 'How sure the attribution is, from 0 to 1.' }),
    span: t.field({ type: SpanType, resolve: (q) => ({ start: q.start, end: q.end }) }),
    context: t.string({
      description: 'The sentence the quote stands in.',
      resolve: async (q, _args, ctx) => {
        const article = await ArticleRef.getDataloader(ctx).load(q.articleId);
        return article ? contextSentence(article.body, q.start, q.end) : q.text;
      },
    }),
    article: t.field({ type: ArticleRef, resolve: (q) => q.articleId }),
    about: t.loadableList({
      type: EntityRef,
      description: 'The entities the quote talks about.',
      load: async (quoteIds: number[], ctx) => {
        const idLists = await loadQuoteAboutIds(ctx.db, quoteIds);
        const loaded = await EntityRef.getDataloader(ctx).loadMany([...new Set(idLists.flat())]);
        const byId = new Map<number, EntityRow>();
        for (const e of loaded) if (e && !(e instanceof Error)) byId.set(e.id, e);
        return idLists.map((ids) => [
          ...new Set(ids.map((id) => byId.get(id)).filter((e) => e !== undefined)),
        ]);
      },
      resolve: (q) => q.id,
    }),
  }),
});

builder.queryFields((t) => ({
  quotes: t.field({
    type: QuoteConnection,
    description: 'Quotes across all articles, newest first unless ordered otherwise.',
    args: {
      ...t.arg.connectionArgs(),
      filter: t.arg({ type: QuoteFilterInput }),
      orderBy: t.arg({ type: QuoteOrder }),
    },
    resolve: async (_root, args, ctx) =>
      quoteConnection(ctx, args, await toQuoteFilter(ctx, args.filter), {
        field: args.orderBy?.field ?? 'PUBLISHED_AT',
        direction: args.orderBy?.direction ?? 'desc',
      }),
  }),
}));
