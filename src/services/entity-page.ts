import { and, desc, eq, getTableColumns, inArray, lte, or, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../db/client';
import {
  articles,
  entities,
  entityCoMentions,
  entityDays,
  entityOutlets,
  entitySummaries,
  mentions,
  quotes,
  roles,
} from '../db/schema';
import type { EntityKind } from '../ingest/types';
import type { RoleRow } from '../loaders/entity-details';
import {
  anyOf,
  anyOfPlaceholder,
  readTemplate,
  selectShared,
  selectTemplate,
} from '../loaders/shared-statement';
import { rowsOf } from './echoes';

// Every loader here answers many entities (or quotes) with one statement; per-entity limits are
// applied inside it with row_number() rather than by a query per entity.

const articleDate = sql`coalesce(${articles.publishedAt}, ${articles.ingestedAt})`;

/**
 * The role a quote's speaker held when the article appeared: one stated in the same article
 * first, then one whose first/last seen brackets the date, else the latest seen before it.
 */
export async function loadSpeakerRoles(db: Db, quoteIds: readonly number[]): Promise<(RoleRow | null)[]> {
  const ids = [...new Set(quoteIds)];
  if (!ids.length) return [];
  const q = alias(quotes, 'q');
  const a = alias(articles, 'a');
  const source = db
    .select({
      quoteId: sql<number>`${q.id}`.as('quote_id'),
      speakerId: sql<number>`${q.speakerId}`.as('speaker_id'),
      quoteArticleId: sql<number>`${q.articleId}`.as('quote_article_id'),
      date: sql<Date>`coalesce(${a.publishedAt}, ${a.ingestedAt})`.as('date'),
    })
    .from(q)
    .innerJoin(a, eq(a.id, q.articleId))
    .where(and(inArray(q.id, ids), sql`${q.speakerId} is not null`))
    .as('source');
  const role = db
    .select(getTableColumns(roles))
    .from(roles)
    .where(
      and(
        eq(roles.personId, source.speakerId),
        or(eq(roles.articleId, source.quoteArticleId), lte(roles.firstSeenAt, source.date)),
      ),
    )
    .orderBy(
      desc(sql`${roles.articleId} = ${source.quoteArticleId}`),
      desc(sql`${roles.lastSeenAt} >= ${source.date}`),
      desc(roles.lastSeenAt),
      desc(sql`${roles.organizationId} is not null`),
      desc(roles.id),
    )
    .limit(1)
    .as('role');
  const rows = await selectShared(db, db.select().from(source).crossJoinLateral(role));
  const byQuote = new Map(rows.map((r) => [r.source.quoteId, r.role]));
  return quoteIds.map((id) => byQuote.get(id) ?? null);
}

export interface CoMention {
  entityId: number;
  /** Articles that mention both. */
  count: number;
}

/** From the kept pair counts (entity_co_mentions): each entity's top pairs by a lateral index scan. */
export async function loadCoMentions(
  db: Db,
  entityIds: readonly number[],
  options: { limit: number; kind?: EntityKind },
): Promise<CoMention[][]> {
  const ids = [...new Set(entityIds)];
  if (!ids.length) return [];
  const result = await db.execute(sql`
    select p.id as entity_id, c.other_id, c.articles as n
    from unnest(${anyArray(ids)}) p(id)
    cross join lateral (
      select c.other_id, c.articles from ${entityCoMentions} c
      join ${entities} e on e.id = c.other_id and e.merged_into_id is null
        ${options.kind ? sql`and e.kind = ${options.kind}` : sql``}
      where c.entity_id = p.id
      -- nulls last as the index has it (desc alone means nulls first): else every pair is sorted
      order by c.articles desc nulls last, c.other_id
      limit ${options.limit}
    ) c
    order by p.id, c.articles desc, c.other_id`);
  const rows = rowsOf<{ entity_id: number; other_id: number; n: number }>(result);
  return group(entityIds, rows, (r) => ({ entityId: Number(r.other_id), count: Number(r.n) }));
}

export interface SeenRange {
  firstSeenAt: Date;
  lastSeenAt: Date;
}

const seenRanges = readTemplate((db) =>
  db
    .select({
      entityId: entitySummaries.entityId,
      first: entitySummaries.firstSeenAt,
      last: entitySummaries.lastSeenAt,
    })
    .from(entitySummaries)
    .where(anyOfPlaceholder(entitySummaries.entityId, 'ids', 'int')),
);

export async function loadSeenRanges(db: Db, entityIds: readonly number[]): Promise<(SeenRange | null)[]> {
  const ids = [...new Set(entityIds)];
  if (!ids.length) return [];
  const rows = await selectTemplate(db, seenRanges, { ids });
  const byId = new Map(
    rows.flatMap((r) =>
      r.first && r.last ? [[r.entityId, { firstSeenAt: r.first, lastSeenAt: r.last }] as const] : [],
    ),
  );
  return entityIds.map((id) => byId.get(id) ?? null);
}

export type Granularity = 'day' | 'week' | 'month';
export const MAX_TIMELINE_PERIODS = 1000;

export interface TimelinePeriod {
  period: Date;
  mentions: number;
  articles: number;
  quotes: number;
}

export class TimelineTooLong extends Error {}

/**
 * Periods (UTC, weeks start on Monday) with at least one mention or quote, oldest first. Empty
 * periods are left out; more than MAX_TIMELINE_PERIODS for one entity raises TimelineTooLong.
 */
export async function loadTimelines(
  db: Db,
  entityIds: readonly number[],
  options: { granularity: Granularity; from?: Date; to?: Date },
): Promise<TimelinePeriod[][]> {
  const ids = [...new Set(entityIds)];
  if (!ids.length) return [];
  const onDays = [options.from, options.to].every((d) => d === undefined || d.getTime() % DAY_MS === 0);
  const rows = onDays ? await summedDays(db, ids, options) : await countedEvents(db, ids, options);
  const timelines = group(entityIds, rows, (r) => ({
    period: epochDate(r.period),
    mentions: Number(r.mentions),
    articles: Number(r.articles),
    quotes: Number(r.quotes),
  }));
  if (timelines.some((t) => t.length > MAX_TIMELINE_PERIODS)) throw new TimelineTooLong();
  return timelines;
}

const DAY_MS = 86_400_000;

interface PeriodRow {
  entity_id: number;
  period: number;
  mentions: number;
  articles: number;
  quotes: number;
}

/**
 * Periods as sums of the kept days (entity_days): an article has one date, so the articles of a
 * week are the sum of its days'. Right only when from and to fall on UTC midnights.
 */
async function summedDays(
  db: Db,
  ids: number[],
  options: { granularity: Granularity; from?: Date; to?: Date },
): Promise<PeriodRow[]> {
  const result = await db.execute(sql`
    with periods as (
      select ${entityDays.entityId} as entity_id, date_trunc(${options.granularity}, ${entityDays.day}, 'UTC') as period,
        sum(${entityDays.mentions})::int as mentions, sum(${entityDays.articles})::int as articles,
        sum(${entityDays.quotes})::int as quotes
      from ${entityDays}
      where ${anyOf(entityDays.entityId, ids)}
        ${options.from ? sql`and ${entityDays.day} >= ${options.from.toISOString()}::timestamptz` : sql``}
        ${options.to ? sql`and ${entityDays.day} < ${options.to.toISOString()}::timestamptz` : sql``}
      group by 1, 2
    ),
    ranked as (
      select *, row_number() over (partition by entity_id order by period) as n from periods
    )
    select entity_id, extract(epoch from period)::float8 as period, mentions, articles, quotes
    from ranked where n <= ${MAX_TIMELINE_PERIODS + 1} order by entity_id, period`);
  return rowsOf<PeriodRow>(result);
}

/** Periods counted from the mentions and quotes themselves, for a range that cuts days. */
async function countedEvents(
  db: Db,
  ids: number[],
  options: { granularity: Granularity; from?: Date; to?: Date },
): Promise<PeriodRow[]> {
  // mentions take the article's date; quotes carry it (quotes.article_date), so need no join
  const periodOf = (date: SQL) => sql`date_trunc(${options.granularity}, ${date}, 'UTC')`;
  const inRange = (
    date: SQL,
  ) => sql`${options.from ? sql`and ${date} >= ${options.from.toISOString()}::timestamptz` : sql``}
    ${options.to ? sql`and ${date} < ${options.to.toISOString()}::timestamptz` : sql``}`;
  const quoteDate = sql`${quotes.articleDate}`;
  const result = await db.execute(sql`
    with events as (
      select ${mentions.entityId} as entity_id, ${periodOf(articleDate)} as period,
        count(*)::int as mentions, count(distinct ${mentions.articleId})::int as articles, 0 as quotes
      from ${mentions} join ${articles} on ${articles.id} = ${mentions.articleId}
      where ${inArray(mentions.entityId, ids)} ${inRange(articleDate)}
      group by 1, 2
      union all
      select ${quotes.speakerId}, ${periodOf(quoteDate)}, 0, 0, count(*)::int
      from ${quotes}
      where ${inArray(quotes.speakerId, ids)} ${inRange(quoteDate)}
      group by 1, 2
    ),
    periods as (
      select entity_id, period, sum(mentions)::int as mentions, sum(articles)::int as articles, sum(quotes)::int as quotes,
        row_number() over (partition by entity_id order by period) as n
      from events group by entity_id, period
    )
    select entity_id, extract(epoch from period)::float8 as period, mentions, articles, quotes
    from periods where n <= ${MAX_TIMELINE_PERIODS + 1} order by entity_id, period`);
  return rowsOf<PeriodRow>(result);
}

export interface OutletCount {
  outletId: number;
  /** Articles of the outlet that mention the entity. */
  count: number;
}

/** From the kept outlet counts (entity_outlets). */
export async function loadTopOutlets(
  db: Db,
  entityIds: readonly number[],
  limit: number,
): Promise<OutletCount[][]> {
  const ids = [...new Set(entityIds)];
  if (!ids.length) return [];
  const result = await db.execute(sql`
    select p.id as entity_id, o.outlet_id, o.articles as n
    from unnest(${anyArray(ids)}) p(id)
    cross join lateral (
      select o.outlet_id, o.articles from ${entityOutlets} o
      where o.entity_id = p.id order by o.articles desc, o.outlet_id limit ${limit}
    ) o
    order by p.id, o.articles desc, o.outlet_id`);
  const rows = rowsOf<{ entity_id: number; outlet_id: number; n: number }>(result);
  return group(entityIds, rows, (r) => ({ outletId: Number(r.outlet_id), count: Number(r.n) }));
}

/**
 * A person's roles are the titles it holds; an organization's or place's, the titles held at it.
 * Each role once, however many articles state it (a prominent person's title is stated in
 * thousands), with the first article that states it and the dates of the earliest and latest;
 * titles that differ only in case are one role, written as most articles write it. Oldest first.
 */
export async function loadRoles(db: Db, entityIds: readonly number[], limit: number): Promise<RoleRow[][]> {
  const ids = [...new Set(entityIds)];
  if (!ids.length) return [];
  const result = await db.execute(sql`
    select p.id as entity_id, r.*
    from unnest(${anyArray(ids)}) p(id)
    cross join lateral (
      select min(id) as id, person_id, organization_id, place_id,
        mode() within group (order by title) as title,
        (array_agg(article_id order by first_seen_at, id))[1] as article_id,
        extract(epoch from min(first_seen_at))::float8 as first_seen_at,
        extract(epoch from max(last_seen_at))::float8 as last_seen_at
      from ${roles}
      where person_id = p.id or organization_id = p.id or place_id = p.id
      group by person_id, organization_id, place_id, lower(title)
      order by min(first_seen_at), min(id)
      limit ${limit}
    ) r
    order by p.id, r.first_seen_at, r.id`);
  const rows = rowsOf<GroupedRoleRow>(result);
  return group(entityIds, rows, (r) => ({
    id: Number(r.id),
    personId: Number(r.person_id),
    title: r.title,
    organizationId: r.organization_id === null ? null : Number(r.organization_id),
    placeId: r.place_id === null ? null : Number(r.place_id),
    articleId: Number(r.article_id),
    firstSeenAt: epochDate(r.first_seen_at),
    lastSeenAt: epochDate(r.last_seen_at),
  }));
}

interface GroupedRoleRow {
  entity_id: number;
  id: number;
  person_id: number;
  title: string;
  organization_id: number | null;
  place_id: number | null;
  article_id: number;
  first_seen_at: number;
  last_seen_at: number;
}

const anyArray = (ids: number[]) => sql`${sql.param(ids)}::int[]`;

function group<R extends { entity_id: number }, T>(
  keys: readonly number[],
  rows: R[],
  map: (row: R) => T,
): T[][] {
  const byKey = new Map<number, T[]>(keys.map((k) => [k, []]));
  for (const row of rows) byKey.get(Number(row.entity_id))?.push(map(row));
  return keys.map((k) => byKey.get(k) ?? []);
}

function epochDate(seconds: number | string): Date {
  return new Date(Number(seconds) * 1000);
}
