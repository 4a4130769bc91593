import { createContextCache } from '@pothos/core';
import DataLoader from 'dataloader';
import type { Context } from '../../context';
import {
  type CoMention,
  type Granularity,
  loadCoMentions,
  loadRoles,
  loadSeenRanges,
  loadSpeakerRoles,
  loadTimelines,
  loadTopOutlets,
  MAX_TIMELINE_PERIODS,
  type OutletCount,
  type TimelinePeriod,
  TimelineTooLong,
} from '../../services/entity-page';
import { builder } from '../builder';
import { badInput } from '../errors';
import { readDb } from '../reads';
import { EntityRef, OrganizationRef, QuoteRef, RoleRef } from '../refs';
import { EntityKindEnum } from './entity';

const MAX_LIST = 50;

// Loaders whose batch depends on field arguments: one DataLoader per argument set and request,
// so every entity of a list asking with the same arguments shares one statement.
const keyedLoaders = createContextCache(() => new Map<string, DataLoader<number, unknown>>());

function keyedLoader<T>(
  ctx: Context,
  key: string,
  load: (ids: readonly number[]) => Promise<T[]>,
): DataLoader<number, T> {
  const loaders = keyedLoaders(ctx);
  let loader = loaders.get(key);
  if (!loader) {
    loader = new DataLoader(load);
    loaders.set(key, loader);
  }
  return loader as DataLoader<number, T>;
}

function checkLimit(field: string, value: number): number {
  if (!Number.isInteger(value) || value < 0 || value > MAX_LIST) {
    throw badInput(field, `must be between 0 and ${MAX_LIST} (got ${value})`);
  }
  return value;
}

const TimelineGranularity = builder.enumType('TimelineGranularity', {
  description: 'The length of a timeline period, in UTC.',
  values: {
    DAY: { value: 'day', description: 'Calendar days.' },
    WEEK: { value: 'week', description: 'Weeks from Monday.' },
    MONTH: { value: 'month', description: 'Calendar months.' },
  } as const,
});

const CoMentionType = builder.objectRef<CoMention>('CoMention').implement({
  description: 'An entity mentioned in the same articles.',
  fields: (t) => ({
    entity: t.field({ type: EntityRef, description: 'The other entity.', resolve: (c) => c.entityId }),
    count: t.exposeInt('count', { description: 'How many articles mention both.' }),
  }),
});

const TimelinePeriodType = builder.objectRef<TimelinePeriod>('TimelinePeriod').implement({
  description: 'Activity in one day, week (from Monday) or month, in UTC.',
  fields: (t) => ({
    period: t.field({ type: 'DateTime', description: 'The start of the period.', resolve: (p) => p.period }),
    mentions: t.exposeInt('mentions', { description: 'Times it is named in articles of the period.' }),
    articles: t.exposeInt('articles', { description: 'Articles of the period that mention it.' }),
    quotes: t.exposeInt('quotes', { description: 'Quotes it said in articles of the period.' }),
  }),
});

const OutletCountType = builder.objectRef<OutletCount>('OutletCount').implement({
  description: 'An outlet and how many of its articles mention the entity.',
  fields: (t) => ({
    outlet: t.field({ type: OrganizationRef, description: 'The outlet.', resolve: (o) => o.outletId }),
    count: t.exposeInt('count', { description: 'How many of its articles mention the entity.' }),
  }),
});

const seenLoader = createContextCache(
  (ctx: Context) => new DataLoader((ids: readonly number[]) => loadSeenRanges(readDb(ctx), ids)),
);

const speakerRoleLoader = createContextCache(
  (ctx: Context) => new DataLoader((ids: readonly number[]) => loadSpeakerRoles(readDb(ctx), ids)),
);

builder.interfaceFields(EntityRef, (t) => ({
  firstSeenAt: t.field({
    type: 'DateTime',
    nullable: true,
    description: 'The date of the earliest article that mentions it.',
    resolve: async (e, _args, ctx) => (await seenLoader(ctx).load(e.id))?.firstSeenAt ?? null,
  }),
  lastSeenAt: t.field({
    type: 'DateTime',
    nullable: true,
    description: 'The date of the latest article that mentions it.',
    resolve: async (e, _args, ctx) => (await seenLoader(ctx).load(e.id))?.lastSeenAt ?? null,
  }),
  roles: t.field({
    type: [RoleRef],
    description:
      "A person's titles and affiliations; for an organization or place, the titles held at it. Each once, however many articles state it; oldest first.",
    args: { first: t.arg.int({ defaultValue: 20, description: `At most ${MAX_LIST}.` }) },
    resolve: (e, args, ctx) => {
      const limit = checkLimit('first', args.first ?? 20);
      return keyedLoader(ctx, `roles:${limit}`, (ids) => loadRoles(readDb(ctx), ids, limit)).load(e.id);
    },
  }),
  coMentions: t.field({
    type: [CoMentionType],
    description: 'The entities most often mentioned in the same articles, most shared articles first.',
    args: {
      first: t.arg.int({ defaultValue: 10, description: `At most ${MAX_LIST}.` }),
      kind: t.arg({ type: EntityKindEnum, description: 'Only entities of this kind.' }),
    },
    resolve: (e, args, ctx) => {
      const limit = checkLimit('first', args.first ?? 10);
      const kind = args.kind ?? undefined;
      return keyedLoader(ctx, `coMentions:${limit}:${kind}`, (ids) =>
        loadCoMentions(readDb(ctx), ids, { limit, kind }),
      ).load(e.id);
    },
  }),
  timeline: t.field({
    type: [TimelinePeriodType],
    description: `Mentions and quotes per period, oldest first; periods with neither are left out. At most ${MAX_TIMELINE_PERIODS} periods.`,
    args: {
      granularity: t.arg({
        type: TimelineGranularity,
        required: true,
        description: 'The length of a period.',
      }),
      from: t.arg({ type: 'DateTime', description: 'From this moment on (inclusive).' }),
      to: t.arg({ type: 'DateTime', description: 'Before this moment (exclusive).' }),
    },
    resolve: async (e, args, ctx) => {
      const options = {
        granularity: args.granularity as Granularity,
        from: args.from ?? undefined,
        to: args.to ?? undefined,
      };
      if (options.from && options.to && options.from >= options.to)
        throw badInput('to', 'must be after from');
      const key = `timeline:${options.granularity}:${options.from?.toISOString()}:${options.to?.toISOString()}`;
      try {
        return await keyedLoader(ctx, key, (ids) => loadTimelines(readDb(ctx), ids, options)).load(e.id);
      } catch (error) {
        if (error instanceof TimelineTooLong) {
          throw badInput(
            'granularity',
            `more than ${MAX_TIMELINE_PERIODS} periods: narrow from/to or choose a coarser granularity`,
          );
        }
        throw error;
      }
    },
  }),
  topOutlets: t.field({
    type: [OutletCountType],
    description: 'The outlets whose articles mention it most.',
    args: { first: t.arg.int({ defaultValue: 5, description: `At most ${MAX_LIST}.` }) },
    resolve: (e, args, ctx) => {
      const limit = checkLimit('first', args.first ?? 5);
      return keyedLoader(ctx, `topOutlets:${limit}`, (ids) => loadTopOutlets(readDb(ctx), ids, limit)).load(
        e.id,
      );
    },
  }),
}));

builder.objectFields(QuoteRef, (t) => ({
  speakerRole: t.field({
    type: RoleRef,
    nullable: true,
    description:
      "The speaker's role when the article appeared: one stated in the article itself, else one seen around that date, else the latest before it.",
    resolve: (q, _args, ctx) => (q.speakerId == null ? null : speakerRoleLoader(ctx).load(q.id)),
  }),
}));
