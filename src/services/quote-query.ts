import {
  and,
  count,
  eq,
  gte,
  inArray,
  isNull,
  lt,
  notExists,
  type Placeholder,
  type SQL,
  sql,
} from 'drizzle-orm';
import { alias, type PgSelect } from 'drizzle-orm/pg-core';
import type { Db } from '../db/client';
import { articles, entities, entitySummaries, quoteAbout, quoteEchoes, quotes } from '../db/schema';
import type { QuoteKind } from '../ingest/types';
import { type ArticleRow, articleColumns, articleHeadColumns } from '../loaders/articles';
import { type QuoteRow, quoteColumns } from '../loaders/quotes';
import {
  anyOf,
  anyOfPlaceholder,
  readTemplate,
  selectShared,
  selectTemplate,
} from '../loaders/shared-statement';
import { type Keyset, type Page, pageOrder } from '../schema/pagination';
import { echoLinkHolds } from './echoes';

export interface QuoteFilter {
  speakerIds?: number[];
  aboutIds?: number[];
  articleId?: number;
  kind?: QuoteKind;
  search?: string;
  publishedAfter?: Date;
  publishedBefore?: Date;
  /** One quote per cluster of echoes: only quotes that no earlier quote matching the filter echoes. */
  distinct?: boolean;
}

export type QuoteOrderField = 'PUBLISHED_AT' | 'CONFIDENCE' | 'POSITION';
export type QuoteListRow = QuoteRow & { sortKey: string };

const sortExpressions: Record<QuoteOrderField, { expr: SQL; type: Keyset<QuoteListRow>['sortType'] }> = {
  PUBLISHED_AT: { expr: sql`${quotes.articleDate}`, type: 'timestamptz' },
  CONFIDENCE: { expr: sql`${quotes.confidence}::float8`, type: 'float8' },
  // article, then place in it: a quote's position is unique enough once the id breaks ties
  POSITION: { expr: sql`(${quotes.articleId}::int8 * 10000000 + ${quotes.start})`, type: 'int8' },
};

// one keyset per order, so that the templates of its pages can be found by it
const keysets = new Map<string, Keyset<QuoteListRow>>();

export function quoteKeyset(field: QuoteOrderField, direction: 'asc' | 'desc'): Keyset<QuoteListRow> {
  const key = `${field}:${direction}`;
  let keyset = keysets.get(key);
  if (!keyset) {
    const sort = sortExpressions[field];
    keyset = {
      sortExpr: sort.expr,
      sortType: sort.type,
      idExpr: quotes.id,
      direction,
      sortValue: (row) => row.sortKey,
      id: (row) => row.id,
    };
    keysets.set(key, keyset);
  }
  return keyset;
}

// The distinct filter compares each quote with others under an alias; both go through here.
type QuoteTable = typeof quotes;
type ArticleTable = typeof articles;

/** The article's date is on the quote (articleDate); only `distinct` reads the quote's article. */
export function quoteConditions(filter: QuoteFilter, q: QuoteTable = quotes): SQL | undefined {
  const date = q.articleDate;
  return and(
    filter.speakerIds ? inArray(q.speakerId, filter.speakerIds) : undefined,
    filter.aboutIds?.length
      ? sql`${q.id} in (${aboutQuoteIds(filter.aboutIds, filter.speakerIds)})`
      : undefined,
    filter.articleId !== undefined ? eq(q.articleId, filter.articleId) : undefined,
    filter.kind ? eq(q.kind, filter.kind) : undefined,
    filter.search ? sql`${q.searchVector} @@ websearch_to_tsquery('english', ${filter.search})` : undefined,
    filter.publishedAfter ? gte(date, filter.publishedAfter) : undefined,
    filter.publishedBefore ? lt(date, filter.publishedBefore) : undefined,
    filter.distinct ? notExists(earlierEcho(filter)) : undefined,
    filter.distinct ? notExists(earlierCopy(filter)) : undefined,
  );
}

/**
 * The ids of the quotes about these entities (by these speakers), read from two indexes alone
 * (quote_about_entity_id_quote_id_idx, quotes_speaker_id_idx) and merged, so that only the quotes
 * in both are read from the table: probing quotes for each quote about a much-quoted entity read
 * thousands of rows to keep a few dozen.
 */
function aboutQuoteIds(aboutIds: number[], speakerIds: number[] | undefined): SQL {
  const about = alias(quoteAbout, 'about_filter');
  if (!speakerIds)
    return sql`select ${about.quoteId} from ${quoteAbout} about_filter where ${inArray(about.entityId, aboutIds)}`;
  const said = alias(quotes, 'about_speaker');
  return sql`select ${about.quoteId} from ${quoteAbout} about_filter join ${quotes} about_speaker on ${said.id} = ${about.quoteId}
    where ${inArray(about.entityId, aboutIds)} and ${inArray(said.speakerId, speakerIds)}`;
}

/** Earliest means what firstReported means: by publishedAt (unknown last), then ingestedAt. */
const reportOrder = (q: QuoteTable, a: ArticleTable) =>
  sql`(coalesce(${a.publishedAt}, 'infinity'::timestamptz), ${a.ingestedAt}, ${a.id}, ${q.id})`;

function earlierEcho(filter: QuoteFilter): SQL {
  const e = alias(quotes, 'earlier') as unknown as QuoteTable;
  const ea = alias(articles, 'earlier_article') as unknown as ArticleTable;
  const link = alias(quoteEchoes, 'link');
  return sql`(select 1 from ${quoteEchoes} link
      join ${quotes} earlier on ${e.id} = ${link.echoId}
      join ${articles} earlier_article on ${ea.id} = ${e.articleId}
    where ${link.quoteId} = ${quotes.id}
      and ${echoLinkHolds(link, quotes, e)}
      and ${reportOrder(e, ea)} < ${reportOrder(quotes, articles)}
      and ${quoteConditions({ ...filter, distinct: false }, e) ?? sql`true`})`;
}

/**
 * An earlier exact copy, which quote_echoes does not store (quote_echo_links finds copies by
 * hash): asked apart from the stored links, so that the planner reads only the quotes the filter
 * keeps, not every pair of copies the view would give.
 */
function earlierCopy(filter: QuoteFilter): SQL {
  const e = alias(quotes, 'earlier') as unknown as QuoteTable;
  const ea = alias(articles, 'earlier_article') as unknown as ArticleTable;
  return sql`(select 1 from ${quotes} earlier
      join ${articles} earlier_article on ${ea.id} = ${e.articleId}
    where ${e.normalizedHash} = ${quotes.normalizedHash} and ${e.articleId} <> ${quotes.articleId}
      and ${reportOrder(e, ea)} < ${reportOrder(quotes, articles)}
      and ${quoteConditions({ ...filter, distinct: false }, e) ?? sql`true`})`;
}

/** Only the distinct filter needs the quote's article joined (its report order). */
function withArticle<Q extends PgSelect>(query: Q, filter: QuoteFilter): Q {
  return filter.distinct
    ? (query.innerJoin(articles, eq(articles.id, quotes.articleId)) as unknown as Q)
    : query;
}

export async function findQuotes(
  db: Db,
  filter: QuoteFilter,
  keyset: Keyset<QuoteListRow>,
  page: Page,
): Promise<QuoteListRow[]> {
  return selectShared(
    db,
    withArticle(
      db
        .select({ ...quoteColumns, sortKey: sql<string>`(${keyset.sortExpr})::text` })
        .from(quotes)
        .$dynamic(),
      filter,
    )
      .where(and(quoteConditions(filter), page.where))
      .orderBy(...page.orderBy)
      .limit(page.limit),
  );
}

export async function countQuotes(db: Db, filter: QuoteFilter): Promise<number> {
  const [row] = await selectShared(
    db,
    withArticle(db.select({ n: count() }).from(quotes).$dynamic(), filter).where(quoteConditions(filter)),
  );
  return row?.n ?? 0;
}

/** Whose page a batched list is: the quotes each entity said, or the quotes about each entity. */
export type QuotePartition = 'speaker' | 'about';

const partitionColumn = (partition: QuotePartition) =>
  partition === 'speaker' ? quotes.speakerId : quoteAbout.entityId;

type PageOf = Pick<Page, 'where' | 'orderBy'> & { limit: number | Placeholder };

/**
 * The page of quotes for each of several entities in one statement (see batchedPages): a lateral
 * join reads each entity's page, so newest first is an index range scan of page size per entity
 * (quotes_speaker_id_article_date_idx), not a sort of all its quotes. The filter must not already
 * name the partition's entities, and distinct is not batched: its earlier-echo test would have to
 * follow the partition too.
 */
function quotePages(
  db: Db,
  partition: QuotePartition,
  parents: SQL,
  filter: QuoteFilter,
  keyset: Keyset<QuoteListRow>,
  page: PageOf,
  articleText = true,
) {
  const parentRows = db
    .select({ parentId: sql<number>`${entities.id}`.as('parent_id') })
    .from(entities)
    .where(parents)
    .as('parents');
  const query = db
    .select({ ...quoteColumns, sortKey: sql<string>`(${keyset.sortExpr})::text`.as('sort_key') })
    .from(quotes)
    .$dynamic();
  const joined = withArticle(
    partition === 'about' ? query.innerJoin(quoteAbout, eq(quoteAbout.quoteId, quotes.id)) : query,
    filter,
  );
  const entityPage = joined
    .where(
      and(sql`${partitionColumn(partition)} = ${parentRows.parentId}`, quoteConditions(filter), page.where),
    )
    .orderBy(...page.orderBy)
    .limit(page.limit)
    .as('page');
  const pages = db.select().from(parentRows).crossJoinLateral(entityPage);
  const pageArticles = db
    .select(articleText ? articleColumns : articleHeadColumns)
    .from(articles)
    .where(
      inArray(
        articles.id,
        db.select({ articleId: entityPage.articleId }).from(parentRows).crossJoinLateral(entityPage),
      ),
    );
  return { pages, pageArticles };
}

export const isEmptyFilter = (filter: QuoteFilter) =>
  Object.values(filter).every((value) => value === undefined);

/**
 * The first page of each entity's quotes, unfiltered (an entity page's list), as templates: its
 * SQL is built once per partition and order, not on every request. Keyed by the keyset, then
 * by partition and direction.
 */
const firstPageTemplates = new WeakMap<Keyset<QuoteListRow>, Map<string, ReturnType<typeof pageTemplates>>>();

/** Parents by ID, or by slug (not merged entities: a merged slug answers with its survivor). */
type ParentsBy = 'ids' | 'slugs';

const parentsBy = (by: ParentsBy) =>
  by === 'ids'
    ? anyOfPlaceholder(entities.id, 'parents', 'int')
    : and(anyOfPlaceholder(entities.slug, 'parents', 'text'), isNull(entities.mergedIntoId));

function pageTemplates(
  partition: QuotePartition,
  keyset: Keyset<QuoteListRow>,
  ascending: boolean,
  by: ParentsBy,
) {
  const page = { where: undefined, orderBy: pageOrder(keyset, ascending), limit: sql.placeholder('limit') };
  const parents = parentsBy(by) as SQL;
  return {
    pages: readTemplate((db) => quotePages(db, partition, parents, {}, keyset, page).pages),
    articles: readTemplate((db) => quotePages(db, partition, parents, {}, keyset, page).pageArticles),
    articleHeads: readTemplate(
      (db) => quotePages(db, partition, parents, {}, keyset, page, false).pageArticles,
    ),
  };
}

function firstPageTemplate(
  partition: QuotePartition,
  keyset: Keyset<QuoteListRow>,
  ascending: boolean,
  by: ParentsBy = 'ids',
) {
  let byShape = firstPageTemplates.get(keyset);
  if (!byShape) {
    byShape = new Map();
    firstPageTemplates.set(keyset, byShape);
  }
  const key = `${partition}:${ascending}:${by}`;
  let templates = byShape.get(key);
  if (!templates) {
    templates = pageTemplates(partition, keyset, ascending, by);
    byShape.set(key, templates);
  }
  return templates;
}

function pagesByParent(rows: Array<{ parents: { parentId: number }; page: unknown }>) {
  const pages = new Map<number, QuoteListRow[]>();
  for (const row of rows) {
    const list = pages.get(row.parents.parentId) ?? [];
    list.push(row.page as QuoteListRow);
    pages.set(row.parents.parentId, list);
  }
  return pages;
}

export interface FirstPages {
  pages: Map<number, QuoteListRow[]>;
  counts: Map<number, number>;
  articles: ArticleRow[];
}

/**
 * The unfiltered first page of the quotes of the entities with these slugs, with their counts
 * and articles when asked: what an entity page reads once it knows the entity's ID, read in the
 * same statement as the entity itself (see Query.entity). Merged entities are left out.
 */
export async function findFirstPagesBySlug(
  db: Db,
  partition: QuotePartition,
  slugs: string[],
  keyset: Keyset<QuoteListRow>,
  page: { ascending: boolean; limit: number },
  want: { counts: boolean; articles: boolean; articleText: boolean },
): Promise<FirstPages> {
  const templates = firstPageTemplate(partition, keyset, page.ascending, 'slugs');
  const values = { parents: slugs, limit: page.limit };
  const [rows, counts, pageArticles] = await Promise.all([
    selectTemplate(db, templates.pages, values),
    want.counts ? selectTemplate(db, countTemplates[`${partition}BySlug`], { parents: slugs }) : [],
    want.articles
      ? selectTemplate<ArticleRow>(db, want.articleText ? templates.articles : templates.articleHeads, values)
      : [],
  ]);
  return {
    pages: pagesByParent(rows),
    counts: new Map(counts.flatMap((r) => (r.parentId === null ? [] : [[r.parentId, r.n] as const]))),
    articles: pageArticles,
  };
}

/**
 * The first page with no filter has a fixed shape: its reads are templates built once, given the
 * parents and the page size; any other page is built for its filter and cursor.
 */
function fixedFirstPage(
  partition: QuotePartition,
  parentIds: number[],
  filter: QuoteFilter,
  keyset: Keyset<QuoteListRow>,
  page: Page,
) {
  if (!isEmptyFilter(filter) || page.where) return null;
  return {
    templates: firstPageTemplate(partition, keyset, page.ascending),
    values: { parents: parentIds, limit: page.limit },
  };
}

export async function findQuotesForEach(
  db: Db,
  partition: QuotePartition,
  parentIds: number[],
  filter: QuoteFilter,
  keyset: Keyset<QuoteListRow>,
  page: Page,
): Promise<Map<number, QuoteListRow[]>> {
  const fixed = fixedFirstPage(partition, parentIds, filter, keyset, page);
  const rows = fixed
    ? await selectTemplate(db, fixed.templates.pages, fixed.values)
    : await selectShared(
        db,
        quotePages(db, partition, anyOf(entities.id, parentIds), filter, keyset, page).pages,
      );
  return pagesByParent(rows);
}

/**
 * The articles of the quotes findQuotesForEach gives for the same arguments: asked in the same
 * tick, both go in one statement, where reading them after the page would cost a round trip.
 * Without `articleText`, their bodies stay in Postgres (a page of 20 carried some 50 KB of them).
 */
export function findArticlesOfQuotePages(
  db: Db,
  partition: QuotePartition,
  parentIds: number[],
  filter: QuoteFilter,
  keyset: Keyset<QuoteListRow>,
  page: Page,
  articleText: boolean,
): Promise<ArticleRow[]> {
  const fixed = fixedFirstPage(partition, parentIds, filter, keyset, page);
  if (fixed)
    return selectTemplate<ArticleRow>(
      db,
      articleText ? fixed.templates.articles : fixed.templates.articleHeads,
      fixed.values,
    );
  return selectShared<ArticleRow>(
    db,
    quotePages(db, partition, anyOf(entities.id, parentIds), filter, keyset, page, articleText).pageArticles,
  );
}

/**
 * A speaker's direct quotes that are first reports, the README's entity page list, are counted in
 * its summary (entity_summaries.first_direct_quote_count): counting them here checks every one of
 * its quotes for an earlier report.
 */
export const isFirstDirectReports = (filter: QuoteFilter) =>
  filter.distinct === true &&
  filter.kind === 'direct' &&
  isEmptyFilter({ ...filter, distinct: undefined, kind: undefined });

/** An unfiltered count is the entity's summary's (entity_summaries), not a count of its quotes. */
function summaryCount(db: Db, partition: QuotePartition, parents: SQL) {
  return db
    .select({
      parentId: entitySummaries.entityId,
      n: partition === 'speaker' ? entitySummaries.quoteCount : entitySummaries.quotesAboutCount,
    })
    .from(entitySummaries)
    .where(parents);
}

const countTemplates = {
  speaker: readTemplate((db) =>
    summaryCount(db, 'speaker', anyOfPlaceholder(entitySummaries.entityId, 'parents', 'int')),
  ),
  about: readTemplate((db) =>
    summaryCount(db, 'about', anyOfPlaceholder(entitySummaries.entityId, 'parents', 'int')),
  ),
  speakerBySlug: readTemplate((db) =>
    summaryCount(db, 'speaker', inArray(entitySummaries.entityId, entityIdsBySlug(db))),
  ),
  aboutBySlug: readTemplate((db) =>
    summaryCount(db, 'about', inArray(entitySummaries.entityId, entityIdsBySlug(db))),
  ),
};

const entityIdsBySlug = (db: Db) =>
  db
    .select({ id: entities.id })
    .from(entities)
    .where(parentsBy('slugs') as SQL);

function countQuotesQuery(db: Db, partition: QuotePartition, parents: SQL, filter: QuoteFilter) {
  const parent = partitionColumn(partition);
  const query = db.select({ parentId: parent, n: count() }).from(quotes).$dynamic();
  const joined = withArticle(
    partition === 'about' ? query.innerJoin(quoteAbout, eq(quoteAbout.quoteId, quotes.id)) : query,
    filter,
  );
  return joined.where(and(parents, quoteConditions(filter))).groupBy(parent);
}

export async function countQuotesForEach(
  db: Db,
  partition: QuotePartition,
  parentIds: number[],
  filter: QuoteFilter,
): Promise<Map<number, number>> {
  const rows = isEmptyFilter(filter)
    ? await selectTemplate(db, countTemplates[partition], { parents: parentIds })
    : await selectShared(
        db,
        countQuotesQuery(db, partition, anyOf(partitionColumn(partition), parentIds), filter),
      );
  return new Map(rows.flatMap((r) => (r.parentId === null ? [] : [[r.parentId, r.n] as const])));
}
