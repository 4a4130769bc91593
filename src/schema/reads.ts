import { createContextCache } from '@pothos/core';
import type { Context } from '../context';
import { sharedStatementDb } from '../loaders/shared-statement';

/** The request's Db for reads: reads made in the same tick share one statement. */
export const readDb = createContextCache((ctx: Context) => sharedStatementDb(ctx.db));
