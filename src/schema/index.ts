import './scalars';
import './types/common';
import './types/quote';
import './types/article';
import './types/entity';
import './types/search';
import './types/entity-page';
import './types/subscription';
import './types/curation';
import './types/rate-limit';
import { builder } from './builder';

builder.queryType({});
builder.mutationType({});

export const schema = builder.toSchema({ sortSchema: true });
