import './scalars';
import './types/common';
import './types/quote';
import './types/article';
import './types/entity';
import { builder } from './builder';

builder.queryType({});
builder.mutationType({});

export const schema = builder.toSchema({ sortSchema: true });
