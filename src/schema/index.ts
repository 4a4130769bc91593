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
import './types/jobs';
import { builder } from './builder';

builder.queryType({ description: 'Reading: articles, entities, quotes, search, and the rate-limit budget.' });
builder.mutationType({ description: 'Writing; every mutation needs an API key with the editor role.' });

export const schema = builder.toSchema({ sortSchema: true });
