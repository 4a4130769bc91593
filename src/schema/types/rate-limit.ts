import type { RequestCost } from '../../limits/plugin';
import { builder } from '../builder';

const RateLimitType = builder.objectRef<RequestCost>('RateLimit').implement({
  description:
    "The caller's hourly budget of points (per API key, or per IP address without one); a query costs one point per 100 objects it can return, at least one.",
  fields: (t) => ({
    cost: t.int({ description: 'Points this query cost.', resolve: (c) => c.rate.cost }),
    nodeCount: t.int({
      description: 'The most objects this query can return, the figure the cost limit checks.',
      resolve: (c) => c.nodes,
    }),
    limit: t.int({ description: 'Points per hour.', resolve: (c) => c.rate.limit }),
    remaining: t.int({
      description: 'Points left in this hour, after this query.',
      resolve: (c) => c.rate.remaining,
    }),
    resetAt: t.field({
      type: 'DateTime',
      description: 'When the budget is renewed in full.',
      resolve: (c) => c.rate.resetAt,
    }),
  }),
});

builder.queryFields((t) => ({
  rateLimit: t.field({
    type: RateLimitType,
    description:
      "This query's cost and the caller's remaining budget (also in every response's extensions.cost).",
    resolve: (_root, _args, ctx) => {
      if (!ctx.cost) throw new Error('the query-limits plugin did not run');
      return ctx.cost;
    },
  }),
}));
