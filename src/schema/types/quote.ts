import { createContextCache } from '@pothos/core';
import DataLoader from 'dataloader';
import type { GraphQLResolveInfo } from 'graphql';
import type { Context } from '../../context';
import { loadQuoteAboutIds } from '../../loaders/quotes';
import { contextSentence } from '../../services/context-sentence';
import { type EchoPageRow, echoKeyset, findEchoPagesForEach } from '../../services/echo-pages';
import { loadEchoSummaries } from '../../services/echoes';
import {
  countQuotes,
  findQuotes,
  type QuoteFilter,
  type QuoteOrderField,
  quoteKeyset,
} from '../../services/quote-query';
import { batchedPages } from '../batched-pages';
import { builder } from '../builder';
import { decodeEntityIds, decodeId } from '../ids';
import { keysetConnection, type PageArgs } from '../pagination';
import { readDb } from '../reads';
import { ArticleRef, articleTextOf, EntityRef, type EntityRow, QuoteRef } from '../refs';
import { eagerly, selects } from '../selection';
import { OrderDirection, SpanType } from './common';

export const QuoteKindEnum = builder.enumType('QuoteKind', {
  description: 'How a quote is given in the article.',
  values: {
    DIRECT: { value: 'direct', description: 'Words inside quote marks, attributed to a speaker.' },
    PARTIAL: { value: 'partial', description: 'A quoted fragment inside reported speech.' },
    INDIRECT: { value: 'indirect', description: 'Reported speech without quote marks.' },
  } as const,
});

const QuoteOrderFieldEnum = builder.enumType('QuoteOrderField', {
  description: 'What quotes are sorted by; ties are broken by ID.',
  values: {
    PUBLISHED_AT: {
      description: "The article's publication date (its ingestion date when it has none).",
    },
    CONFIDENCE: { description: 'How sure the attribution is.' },
    POSITION: { description: 'The article, then the place in it: reading order.' },
  } as const,
});

export const QuoteOrder = builder.inputType('QuoteOrder', {
  description: 'The order of a list of quotes.',
  fields: (t) => ({
    field: t.field({ type: QuoteOrderFieldEnum, required: true, description: 'What to sort by.' }),
    direction: t.field({
      type: OrderDirection,
      required: true,
      defaultValue: 'desc',
      description: 'DESC (the default) puts the latest, most confident or last first.',
    }),
  }),
});

export const QuoteFilterInput = builder.inputType('QuoteFilter', {
  description: 'Conditions a quote must all meet.',
  fields: (t) => ({
    speaker: t.id({ description: 'Quotes said by this entity.' }),
    about: t.id({ description: 'Quotes that talk about this entity.' }),
    article: t.id({ description: 'Quotes in this article.' }),
    kind: t.field({ type: QuoteKindEnum, description: 'Only quotes given this way.' }),
    search: t.string({
      description:
        'Full-text search in the quote, web-search syntax ("a phrase", OR, -word); at most 500 characters.',
    }),
    publishedAfter: t.field({
      type: 'DateTime',
      description: 'Only quotes in articles published at or after this.',
    }),
    publishedBefore: t.field({
      type: 'DateTime',
      description: 'Only quotes in articles published before this.',
    }),
    distinct: t.boolean({
      description:
        'One quote per statement: of quotes that echo each other (see Quote.echoes), only the earliest reported is listed.',
    }),
  }),
});

export const QuoteConnection = builder.connectionObject(
  {
    type: QuoteRef,
    name: 'QuoteConnection',
    description: 'A page of quotes.',
    fields: (t) => ({
      totalCount: t.int({
        description: 'How many quotes the whole list has.',
        resolve: (c) => (c as unknown as Counted).totalCount(),
      }),
    }),
  },
  { description: 'A quote with its cursor.' },
);

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
    distinct: input.distinct ?? undefined,
  };
}

export function quoteConnection(
  ctx: Context,
  info: GraphQLResolveInfo,
  connection: string,
  args: PageArgs,
  filter: QuoteFilter,
  order: { field: QuoteOrderField; direction: 'asc' | 'desc' },
  counted: () => Promise<number> = () => countQuotes(readDb(ctx), filter),
) {
  const keyset = quoteKeyset(order.field, order.direction);
  const scope = `${connection}:${order.field}:${order.direction}`;
  const count = eagerly(selects(info, ['totalCount']), counted);
  return keysetConnection(scope, args, keyset, (page) => findQuotes(readDb(ctx), filter, keyset, page), {
    totalCount: count,
  });
}

QuoteRef.implement({
  description: 'A statement attributed to a speaker in an article.',
  fields: (t) => ({
    text: t.exposeString('text', { description: 'The words quoted or reported, as the article gives them.' }),
    kind: t.field({ type: QuoteKindEnum, description: 'How the article gives it.', resolve: (q) => q.kind }),
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
      description: 'Where speakerText stands in the article body; null when the speaker is not named nearby.',
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
    span: t.field({
      type: SpanType,
      description: 'Where the quote stands in the article body.',
      resolve: (q) => ({ start: q.start, end: q.end }),
    }),
    context: t.string({
      description: 'The sentence the quote stands in.',
      resolve: async (q, _args, ctx) => {
        const article = await ArticleRef.getDataloader(ctx).load(q.articleId);
        return article ? contextSentence((await articleTextOf(ctx, article)).body, q.start, q.end) : q.text;
      },
    }),
    article: t.field({ type: ArticleRef, description: 'The article it is in.', resolve: (q) => q.articleId }),
    about: t.loadableList({
      type: EntityRef,
      description: 'The entities the quote talks about.',
      load: async (quoteIds: number[], ctx) => {
        const idLists = await loadQuoteAboutIds(readDb(ctx), quoteIds);
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

const echoSummaryLoader = createContextCache(
  (ctx: Context) => new DataLoader((ids: readonly number[]) => loadEchoSummaries(readDb(ctx), ids)),
);

const ECHO_SCOPE = 'Quote.echoes';

const echoPages = batchedPages<EchoPageRow>((ctx, ids, page) => findEchoPagesForEach(readDb(ctx), ids, page));

const QuoteEchoConnection = builder.connectionObject(
  { type: QuoteRef, name: 'QuoteEchoConnection', description: 'A page of echoes of a quote.' },
  {
    name: 'QuoteEchoEdge',
    description: 'An echo with its cursor and how close it is.',
    fields: (t) => ({
      similarity: t.float({
        description:
          'Trigram similarity of the normalized texts, from 0 to 1 (a fragment can echo at a low score).',
        resolve: (edge) => (edge.node as EchoPageRow).similarity,
      }),
      exact: t.boolean({
        description: 'Whether the words are the same, ignoring case, punctuation and ellipses.',
        resolve: (edge) => (edge.node as EchoPageRow).exact,
      }),
    }),
  },
);

builder.objectFields(QuoteRef, (t) => ({
  echoes: t.field({
    type: QuoteEchoConnection,
    description:
      'The same or nearly the same quote in other articles (reworded, trimmed, repunctuated), in order of publication.',
    args: { ...t.arg.connectionArgs() },
    resolve: (q, args, ctx) =>
      keysetConnection(
        ECHO_SCOPE,
        args,
        echoKeyset,
        (page) => echoPages(ctx, JSON.stringify(args), page, q.id, undefined),
        {},
      ),
  }),
  firstReported: t.field({
    type: ArticleRef,
    description:
      'The earliest article that carries this quote or an echo of it, by publishedAt, then ingestedAt.',
    resolve: async (q, _args, ctx) =>
      (await echoSummaryLoader(ctx).load(q.id))?.firstArticleId ?? q.articleId,
  }),
  occurrenceCount: t.int({
    description: 'How many articles carry this quote or an echo of it, its own included.',
    resolve: async (q, _args, ctx) => (await echoSummaryLoader(ctx).load(q.id))?.occurrenceCount ?? 1,
  }),
}));

builder.queryFields((t) => ({
  quotes: t.field({
    type: QuoteConnection,
    description: 'Quotes across all articles, newest first unless ordered otherwise.',
    args: {
      ...t.arg.connectionArgs(),
      filter: t.arg({ type: QuoteFilterInput, description: 'Only quotes meeting every condition given.' }),
      orderBy: t.arg({ type: QuoteOrder, description: 'Newest first when omitted.' }),
    },
    resolve: async (_root, args, ctx, info) =>
      quoteConnection(ctx, info, 'Query.quotes', args, await toQuoteFilter(ctx, args.filter), {
        field: args.orderBy?.field ?? 'PUBLISHED_AT',
        direction: args.orderBy?.direction ?? 'desc',
      }),
  }),
}));
