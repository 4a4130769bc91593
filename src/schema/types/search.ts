import { brandWithType } from '@pothos/core';
import { resolveCursorConnection } from '@pothos/plugin-relay';
import type { Context } from '../../context';
import type { EntityRow } from '../../loaders/entities';
import {
  countSearch,
  MAX_QUERY_LENGTH,
  SEARCH_KINDS,
  type SearchCursor,
  type SearchHit,
  type SearchKind,
  searchPage,
} from '../../services/search';
import { builder } from '../builder';
import { badInput } from '../errors';
import {
  checkPageArgs,
  DEFAULT_PAGE_SIZE,
  decodeCursor,
  encodeCursor,
  isRowId,
  MAX_PAGE_SIZE,
  sortValueChecks,
  withNullCursors,
} from '../pagination';
import { readDb } from '../reads';
import { ArticleRef, EntityRef, OrganizationRef, PersonRef, PlaceRef, QuoteRef } from '../refs';

const SearchKindEnum = builder.enumType('SearchKind', {
  description: 'What a search result is.',
  values: {
    ARTICLE: { value: 'article', description: 'Articles, by full-text match on title, subtitle and body.' },
    QUOTE: { value: 'quote', description: 'Quotes, by full-text match on their text.' },
    ENTITY: {
      value: 'entity',
      description: 'People, organizations and places, by name or alias, misspellings tolerated.',
    },
  } as const,
});

const entityRefOf = { person: PersonRef, organization: OrganizationRef, place: PlaceRef } as const;

async function loadHitNode(ctx: Context, hit: SearchHit): Promise<object | null> {
  if (hit.kind === 'article') {
    const row = await ArticleRef.getDataloader(ctx).load(hit.id);
    if (row) brandWithType(row, ArticleRef);
    return row;
  }
  if (hit.kind === 'quote') {
    const row = await QuoteRef.getDataloader(ctx).load(hit.id);
    if (row) brandWithType(row, QuoteRef);
    return row;
  }
  const row: EntityRow | null = await EntityRef.getDataloader(ctx).load(hit.id);
  if (row) brandWithType(row, entityRefOf[row.kind]);
  return row;
}

const SearchHitRef = builder.objectRef<SearchHit>('SearchHit').implement({
  description: 'One search result: what matched, how well, and the matching words in context.',
  fields: (t) => ({
    kind: t.field({ type: SearchKindEnum, description: 'What matched.', resolve: (h) => h.kind }),
    score: t.exposeFloat('score', {
      description:
        'From 0 to 1: ts_rank/(ts_rank+1) for articles and quotes, name similarity for entities. Results are ordered by it.',
    }),
    snippet: t.exposeString('snippet', {
      description:
        'HTML-escaped text with the matches in <mark>…</mark>: passages of an article, a whole quote, an entity name.',
    }),
    node: t.field({
      type: builder.nodeInterfaceRef(),
      description: 'The article, quote, person, organization or place that matched.',
      resolve: (h, _args, ctx) => loadHitNode(ctx, h) as never,
    }),
  }),
});

const SearchConnection = builder.connectionObject(
  {
    type: SearchHitRef,
    name: 'SearchConnection',
    description: 'A page of search results, best first.',
    fields: (t) => ({
      totalCount: t.int({
        description:
          'How many results can be paged to: every matching entity, and of the articles and of the quotes the newest 1,000 matches.',
        resolve: (c) => (c as unknown as { totalCount(): Promise<number> }).totalCount(),
      }),
    }),
  },
  { description: 'One search result with its cursor.' },
);

const SEARCH_SCOPE = 'Query.search';

function decodeSearchCursor(field: 'after' | 'before', cursor: string): SearchCursor {
  const [score, kind, id] = decodeCursor(field, SEARCH_SCOPE, cursor, [
    sortValueChecks.float8,
    (k) => SEARCH_KINDS.includes(k as SearchKind),
    isRowId,
  ]);
  return { score: Number(score), kind: kind as SearchKind, id: id as number };
}

builder.queryFields((t) => ({
  search: t.field({
    type: SearchConnection,
    description:
      'Articles, quotes and entities matching a query in web-search syntax ("a phrase", OR, -word), best first. Pages with first/after or last/before.',
    args: {
      query: t.arg.string({
        required: true,
        description: 'Words in web-search syntax ("a phrase", OR, -word); at most 500 characters.',
      }),
      kinds: t.arg({ type: [SearchKindEnum], description: 'Only these kinds of result (all when omitted).' }),
      first: t.arg.int({ description: 'How many results from the start: 0 to 100, 20 when omitted.' }),
      after: t.arg.string({ description: 'A cursor of this search: the page starts after it.' }),
      last: t.arg.int({ description: 'How many results from the end: 0 to 100.' }),
      before: t.arg.string({ description: 'A cursor of this search: the page ends before it.' }),
    },
    resolve: async (_root, args, ctx) => {
      const query = args.query.trim();
      if (!query) throw badInput('query', 'must not be empty');
      if (query.length > MAX_QUERY_LENGTH)
        throw badInput('query', `must be at most ${MAX_QUERY_LENGTH} characters`);
      if (args.kinds && !args.kinds.length)
        throw badInput('kinds', 'must name at least one kind, or be omitted');
      checkPageArgs(args);
      const input = { query, kinds: (args.kinds ?? SEARCH_KINDS) as SearchKind[] };
      const after = args.after ? decodeSearchCursor('after', args.after) : undefined;
      const before = args.before ? decodeSearchCursor('before', args.before) : undefined;
      let total: number | undefined;
      const connection = await resolveCursorConnection<Promise<SearchHit[]>>(
        {
          args,
          defaultSize: DEFAULT_PAGE_SIZE,
          maxSize: MAX_PAGE_SIZE,
          toCursor: (hit: SearchHit) => encodeCursor(SEARCH_SCOPE, hit.score, hit.kind, hit.id),
        },
        async ({ limit, inverted }) => {
          const page = await searchPage(readDb(ctx), input, { limit, after, before, inverted });
          total = page.total;
          return page.hits;
        },
      );
      if (!connection) throw new Error('a search page resolved to nothing');
      return Object.assign(withNullCursors(connection), {
        totalCount: () => total ?? countSearch(readDb(ctx), input),
      });
    },
  }),
}));
