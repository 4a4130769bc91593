import { createContextCache } from '@pothos/core';
import DataLoader from 'dataloader';
import type { FieldNode, GraphQLInterfaceType, GraphQLResolveInfo } from 'graphql';
import { getArgumentValues } from 'graphql/execution/values.js';
import type { Context } from '../../context';
import { loadEntitiesBySlug } from '../../loaders/entities';
import { loadAliases, loadEntityCounts } from '../../loaders/entity-details';
import { type ArticleListRow, articleKeyset, findArticlesMentioningEach } from '../../services/article-query';
import { countEntities, entityKeyset, findEntities } from '../../services/entity-query';
import {
  countQuotesForEach,
  type FirstPages,
  findArticlesOfQuotePages,
  findFirstPagesBySlug,
  findQuotesForEach,
  isEmptyFilter,
  isFirstDirectReports,
  type QuoteFilter,
  type QuoteListRow,
  type QuotePartition,
  quoteKeyset,
} from '../../services/quote-query';
import { batchedCounts, batchedPages } from '../batched-pages';
import { builder } from '../builder';
import { badInput } from '../errors';
import { decodeEntityIds, decodeId } from '../ids';
import {
  DEFAULT_PAGE_SIZE,
  type Keyset,
  keysetConnection,
  MAX_PAGE_SIZE,
  type PageArgs,
} from '../pagination';
import { readDb } from '../reads';
import {
  ArticleRef,
  EntityRef,
  type EntityRow,
  loadEntity,
  OrganizationRef,
  PersonRef,
  PlaceRef,
  RoleRef,
} from '../refs';
import { childFields, eagerly, selects, selectsOnNodes } from '../selection';
import { ArticleConnection } from './article';
import { OrderDirection } from './common';
import { QuoteConnection, QuoteKindEnum, QuoteOrder, quoteConnection } from './quote';

export const EntityKindEnum = builder.enumType('EntityKind', {
  description: 'What an entity is.',
  values: {
    PERSON: { value: 'person', description: 'A person.' },
    ORGANIZATION: {
      value: 'organization',
      description: 'A government, company, party, outlet or other body.',
    },
    PLACE: { value: 'place', description: 'A country, city or region.' },
  } as const,
});

const typenameOf = { person: 'Person', organization: 'Organization', place: 'Place' } as const;

const countsLoader = createContextCache(
  (ctx: Context) => new DataLoader((ids: readonly number[]) => loadEntityCounts(readDb(ctx), ids)),
);

const newestArticles = articleKeyset('PUBLISHED_AT', 'desc');
const articlesMentioning = batchedPages<ArticleListRow>((ctx, ids, page) =>
  findArticlesMentioningEach(readDb(ctx), ids, newestArticles, page),
);

interface PartitionInput {
  partition: QuotePartition;
  filter: QuoteFilter;
  keyset: Keyset<QuoteListRow>;
  /** The query asks for the quotes' articles: they are read with the page and primed. */
  withArticles: boolean;
  /** and for their text (the body, its paragraphs, a quote's context sentence). */
  withArticleText: boolean;
}

const quotesForEach = batchedPages<QuoteListRow, PartitionInput>(async (ctx, ids, page, input) => {
  const db = readDb(ctx);
  const { partition, filter, keyset } = input;
  const [pages, pageArticles] = await Promise.all([
    findQuotesForEach(db, partition, ids, filter, keyset, page),
    input.withArticles
      ? findArticlesOfQuotePages(db, partition, ids, filter, keyset, page, input.withArticleText)
      : [],
  ]);
  const articleLoader = ArticleRef.getDataloader(ctx);
  for (const article of pageArticles) articleLoader.prime(article.id, article);
  return pages;
});
const quoteCountForEach = batchedCounts<PartitionInput>((ctx, ids, input) =>
  countQuotesForEach(readDb(ctx), input.partition, ids, input.filter),
);

/**
 * `entity(slug) { quotes(first: n) { … } }` would wait for the entity before reading its quotes:
 * Query.entity reads the unfiltered first page of its quotes by slug in the entity's own
 * statement (with totalCount and the articles when asked), and Entity.quotes takes the page from
 * here when its arguments turn out to be those.
 */
interface SlugPrefetch {
  entityId: number;
  keyset: Keyset<QuoteListRow>;
  page: { ascending: boolean; limit: number };
  counted: boolean;
  result: FirstPages;
}

/** Whether a page's nodes show their article's text; when they do not, it is read only if asked for elsewhere. */
const selectsArticleText = (info: GraphQLResolveInfo, nodes?: readonly FieldNode[]) =>
  selectsOnNodes(info, ['context'], nodes) ||
  ['body', 'paragraphs'].some(
    (field) =>
      selects(info, ['nodes', 'article', field], nodes) ||
      selects(info, ['edges', 'node', 'article', field], nodes),
  );

const slugPrefetches = createContextCache((): SlugPrefetch[] => []);

function prefetchQuotesBySlug(ctx: Context, info: GraphQLResolveInfo, slug: string) {
  const [node] = childFields(info, 'quotes');
  const field = (info.schema.getType('Entity') as GraphQLInterfaceType | undefined)?.getFields().quotes;
  if (!node || !field) return undefined;
  let args: Record<string, unknown>;
  try {
    args = getArgumentValues(field, node, info.variableValues);
  } catch {
    return undefined;
  }
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  const plain = args.last == null && args.after == null && args.before == null && args.filter == null;
  if (!plain || typeof first !== 'number' || !Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE)
    return undefined;
  const order = quoteOrderOf(args.orderBy as Parameters<typeof quoteOrderOf>[0]);
  const keyset = quoteKeyset(order.field, order.direction);
  const page = { ascending: order.direction === 'asc', limit: first + 1 };
  const counted = selects(info, ['totalCount'], [node]);
  const result = findFirstPagesBySlug(readDb(ctx), 'speaker', [slug], keyset, page, {
    counts: counted,
    articles: selectsOnNodes(info, ['article', 'context'], [node]),
    articleText: selectsArticleText(info, [node]),
  });
  result.catch(() => {});
  return { keyset, page, counted, result };
}

/** An entity's quotes (said by it, or about it), batched across the entities of a list. */
function entityQuotes(
  ctx: Context,
  info: GraphQLResolveInfo,
  entityId: number,
  partition: QuotePartition,
  args: PageArgs & Record<string, unknown>,
  filter: QuoteFilter,
  order: ReturnType<typeof quoteOrderOf>,
) {
  if (filter.distinct) {
    const own = partition === 'speaker' ? { speakerIds: [entityId] } : { aboutIds: [entityId] };
    const summarized = partition === 'speaker' && isFirstDirectReports(filter);
    return quoteConnection(
      ctx,
      info,
      `Entity.${partition}`,
      args,
      { ...filter, ...own },
      order,
      summarized ? async () => (await countsLoader(ctx).load(entityId)).firstDirectQuoteCount : undefined,
    );
  }
  const keyset = quoteKeyset(order.field, order.direction);
  const withArticles = selectsOnNodes(info, ['article', 'context']);
  const withArticleText = selectsArticleText(info);
  const argsKey = `${partition}:${withArticles}:${withArticleText}:${JSON.stringify(args)}`;
  const input = { partition, filter, keyset, withArticles, withArticleText };
  const scope = `Entity.${partition}:${order.field}:${order.direction}`;
  const prefetched =
    partition === 'speaker' && isEmptyFilter(filter)
      ? slugPrefetches(ctx).find((p) => p.entityId === entityId && p.keyset === keyset)
      : undefined;
  const count = prefetched?.counted
    ? () => Promise.resolve(prefetched.result.counts.get(entityId) ?? 0)
    : eagerly(selects(info, ['totalCount']), () => quoteCountForEach(ctx, argsKey, entityId, input));
  return keysetConnection(
    scope,
    args,
    keyset,
    (page) =>
      prefetched &&
      !page.where &&
      page.ascending === prefetched.page.ascending &&
      page.limit === prefetched.page.limit
        ? Promise.resolve(prefetched.result.pages.get(entityId) ?? [])
        : quotesForEach(ctx, argsKey, page, entityId, input),
    { totalCount: count },
  );
}

const EntityQuotesFilter = builder.inputType('EntityQuotesFilter', {
  description: "Conditions on an entity's own quotes.",
  fields: (t) => ({
    about: t.id({ description: 'Only quotes that talk about this entity.' }),
    kind: t.field({ type: QuoteKindEnum, description: 'Only quotes given this way.' }),
    publishedAfter: t.field({
      type: 'DateTime',
      description: 'Only quotes in articles published at or after this.',
    }),
    publishedBefore: t.field({
      type: 'DateTime',
      description: 'Only quotes in articles published before this.',
    }),
    distinct: t.boolean({
      description: 'One quote per cluster of echoes: the first report of each statement.',
    }),
  }),
});

const QuotesAboutFilter = builder.inputType('QuotesAboutFilter', {
  description: 'Conditions on the quotes about an entity.',
  fields: (t) => ({
    speaker: t.id({ description: 'Only quotes said by this entity.' }),
    kind: t.field({ type: QuoteKindEnum, description: 'Only quotes given this way.' }),
    publishedAfter: t.field({
      type: 'DateTime',
      description: 'Only quotes in articles published at or after this.',
    }),
    publishedBefore: t.field({
      type: 'DateTime',
      description: 'Only quotes in articles published before this.',
    }),
    distinct: t.boolean({
      description: 'One quote per cluster of echoes: the first report of each statement.',
    }),
  }),
});

const quoteOrderOf = (
  orderBy:
    | { field: 'PUBLISHED_AT' | 'CONFIDENCE' | 'POSITION'; direction: 'asc' | 'desc' }
    | null
    | undefined,
) => ({
  field: orderBy?.field ?? 'PUBLISHED_AT',
  direction: orderBy?.direction ?? 'desc',
});

EntityRef.implement({
  description: 'A person, organization or place that articles mention.',
  interfaces: [builder.nodeInterfaceRef()],
  resolveType: (entity) => typenameOf[entity.kind],
  fields: (t) => ({
    name: t.exposeString('name', { description: 'The fullest name the articles give.' }),
    slug: t.exposeString('slug', { description: 'The lowercase-hyphenated name, e.g. dmitry-peskov.' }),
    kind: t.field({
      type: EntityKindEnum,
      description: 'Person, organization or place.',
      resolve: (e) => e.kind,
    }),
    description: t.exposeString('description', {
      nullable: true,
      description: 'A line about it, set by an editor; null until then.',
    }),
    wikidataId: t.exposeString('wikidataId', {
      nullable: true,
      description: 'Its Wikidata item (e.g. Q42), set by an editor; null until then.',
    }),
    aliases: t.loadableList({
      type: 'String',
      description: 'Every way the articles name it, the canonical name first.',
      load: (ids: number[], ctx) => loadAliases(readDb(ctx), ids),
      resolve: (e) => e.id,
    }),
    mentionCount: t.int({
      description: 'How many times articles name it.',
      resolve: async (e, _args, ctx) => (await countsLoader(ctx).load(e.id)).mentionCount,
    }),
    articleCount: t.int({
      description: 'How many articles mention it.',
      resolve: async (e, _args, ctx) => (await countsLoader(ctx).load(e.id)).articleCount,
    }),
    quoteCount: t.int({
      description: 'How many quotes it said.',
      resolve: async (e, _args, ctx) => (await countsLoader(ctx).load(e.id)).quoteCount,
    }),
    quotes: t.field({
      type: QuoteConnection,
      description: 'Quotes said by it.',
      args: {
        ...t.arg.connectionArgs(),
        filter: t.arg({
          type: EntityQuotesFilter,
          description: 'Only quotes meeting every condition given.',
        }),
        orderBy: t.arg({ type: QuoteOrder, description: 'Newest first when omitted.' }),
      },
      resolve: async (e, args, ctx, info) => {
        const about = args.filter?.about;
        return entityQuotes(
          ctx,
          info,
          e.id,
          'speaker',
          args,
          {
            aboutIds: about != null ? await decodeEntityIds(ctx, 'filter.about', [about]) : undefined,
            kind: args.filter?.kind ?? undefined,
            publishedAfter: args.filter?.publishedAfter ?? undefined,
            publishedBefore: args.filter?.publishedBefore ?? undefined,
            distinct: args.filter?.distinct ?? undefined,
          },
          quoteOrderOf(args.orderBy),
        );
      },
    }),
    quotesAbout: t.field({
      type: QuoteConnection,
      description: 'Quotes by others that talk about it.',
      args: {
        ...t.arg.connectionArgs(),
        filter: t.arg({ type: QuotesAboutFilter, description: 'Only quotes meeting every condition given.' }),
        orderBy: t.arg({ type: QuoteOrder, description: 'Newest first when omitted.' }),
      },
      resolve: async (e, args, ctx, info) => {
        const speaker = args.filter?.speaker;
        return entityQuotes(
          ctx,
          info,
          e.id,
          'about',
          args,
          {
            speakerIds: speaker != null ? await decodeEntityIds(ctx, 'filter.speaker', [speaker]) : undefined,
            kind: args.filter?.kind ?? undefined,
            publishedAfter: args.filter?.publishedAfter ?? undefined,
            publishedBefore: args.filter?.publishedBefore ?? undefined,
            distinct: args.filter?.distinct ?? undefined,
          },
          quoteOrderOf(args.orderBy),
        );
      },
    }),
    articles: t.field({
      type: ArticleConnection,
      description: 'Articles that mention it, newest first.',
      args: { ...t.arg.connectionArgs() },
      resolve: (e, args, ctx) =>
        keysetConnection(
          'Entity.articles',
          args,
          newestArticles,
          (page) => articlesMentioning(ctx, JSON.stringify(args), page, e.id, undefined),
          {
            totalCount: async () => (await countsLoader(ctx).load(e.id)).articleCount,
          },
        ),
    }),
  }),
});

for (const [ref, kind] of [
  [PersonRef, 'person'],
  [OrganizationRef, 'organization'],
  [PlaceRef, 'place'],
] as const) {
  ref.implement({
    description: {
      person: 'A person that articles mention or quote.',
      organization: 'A government, company, party, outlet or other body that articles mention.',
      place: 'A country, city or region that articles mention.',
    }[kind],
    interfaces: [EntityRef],
    isTypeOf: (value) => (value as EntityRow).kind === kind,
  });
}

function notNull<T>(value: T | null): T {
  if (value === null) throw new Error('a role points at a missing entity');
  return value;
}

RoleRef.implement({
  description: 'A title a person holds, as an article states it ("Kremlin spokesman Dmitry Peskov").',
  fields: (t) => ({
    title: t.exposeString('title', { description: 'The title as written, e.g. "spokesman".' }),
    person: t.field({
      type: PersonRef,
      description: 'Who holds it.',
      resolve: async (r, _args, ctx) => notNull(await loadEntity(ctx, r.personId)),
    }),
    organization: t.field({
      type: OrganizationRef,
      nullable: true,
      description: 'Where it is held, when an organization ("Kremlin spokesman"); else null.',
      resolve: (r, _args, ctx) => loadEntity(ctx, r.organizationId),
    }),
    place: t.field({
      type: PlaceRef,
      nullable: true,
      description: 'Where it is held, when a place ("mayor of Kyiv"); else null.',
      resolve: (r, _args, ctx) => loadEntity(ctx, r.placeId),
    }),
    article: t.field({
      type: ArticleRef,
      description: 'The first article that states it.',
      resolve: (r) => r.articleId,
    }),
    firstSeenAt: t.field({
      type: 'DateTime',
      description: 'The date of the earliest article that states it.',
      resolve: (r) => r.firstSeenAt,
    }),
    lastSeenAt: t.field({
      type: 'DateTime',
      description: 'The date of the latest article that states it.',
      resolve: (r) => r.lastSeenAt,
    }),
  }),
});

const EntityOrderField = builder.enumType('EntityOrderField', {
  description: 'What entities are sorted by.',
  values: { NAME: { description: 'The name, ignoring case and accents; ties by ID.' } } as const,
});

const EntityOrder = builder.inputType('EntityOrder', {
  description: 'The order of a list of entities.',
  fields: (t) => ({
    field: t.field({ type: EntityOrderField, required: true, description: 'What to sort by.' }),
    direction: t.field({
      type: OrderDirection,
      required: true,
      defaultValue: 'asc',
      description: 'ASC is A to Z.',
    }),
  }),
});

const EntityFilter = builder.inputType('EntityFilter', {
  description: 'Conditions an entity must all meet.',
  fields: (t) => ({
    kind: t.field({ type: EntityKindEnum, description: 'Only entities of this kind.' }),
    name: t.string({
      description:
        'Part of a name or alias; case, accents and punctuation are ignored. At most 200 characters.',
    }),
  }),
});

export const EntityConnection = builder.connectionObject(
  {
    type: EntityRef,
    name: 'EntityConnection',
    description: 'A page of entities.',
    fields: (t) => ({
      totalCount: t.int({
        description: 'How many entities the whole list has.',
        resolve: (c) => (c as unknown as { totalCount(): Promise<number> }).totalCount(),
      }),
    }),
  },
  { description: 'An entity with its cursor.' },
);

builder.queryFields((t) => ({
  entity: t.field({
    type: EntityRef,
    nullable: true,
    description:
      "One entity by ID or slug (exactly one). A merged entity's old ID or slug gives the entity it was merged into.",
    args: {
      id: t.arg.id({ description: 'Its global ID.' }),
      slug: t.arg.string({ description: 'Its slug, e.g. dmitry-peskov; at most 200 characters.' }),
    },
    resolve: async (_root, args, ctx, info) => {
      if ((args.id == null) === (args.slug == null))
        throw badInput('entity', 'give exactly one of id or slug');
      if (args.id != null) return decodeId('id', args.id, new Set(Object.values(typenameOf)));
      const slug = args.slug ?? '';
      const prefetch = prefetchQuotesBySlug(ctx, info, slug);
      const [row] = await loadEntitiesBySlug(readDb(ctx), [slug]);
      // a merged slug answers with its survivor, whose quotes the prefetch did not read
      const result =
        row?.slug === slug && !row.mergedIntoId ? await prefetch?.result.catch(() => null) : null;
      if (row && prefetch && result) {
        slugPrefetches(ctx).push({ ...prefetch, entityId: row.id, result });
        const articleLoader = ArticleRef.getDataloader(ctx);
        for (const article of result.articles) articleLoader.prime(article.id, article);
      }
      return row ?? null;
    },
  }),
  entities: t.field({
    type: EntityConnection,
    description: 'Entities by name, A to Z.',
    args: {
      ...t.arg.connectionArgs(),
      filter: t.arg({ type: EntityFilter, description: 'Only entities meeting every condition given.' }),
      orderBy: t.arg({ type: EntityOrder, description: 'By name, A to Z when omitted.' }),
    },
    resolve: (_root, args, ctx) => {
      const filter = { kind: args.filter?.kind ?? undefined, name: args.filter?.name ?? undefined };
      const direction = args.orderBy?.direction ?? 'asc';
      const keyset = entityKeyset(direction);
      const scope = `Query.entities:NAME:${direction}`;
      return keysetConnection(
        scope,
        args,
        keyset,
        (page) => findEntities(readDb(ctx), filter, keyset, page),
        {
          totalCount: () => countEntities(readDb(ctx), filter),
        },
      );
    },
  }),
}));
