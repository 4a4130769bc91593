import { builder } from '../builder';

export interface SpanShape {
  start: number;
  end: number;
}

export const SpanType = builder.objectRef<SpanShape>('Span').implement({
  description: 'A [start, end) range of UTF-16 offsets into the article body.',
  fields: (t) => ({
    start: t.exposeInt('start', { description: 'The offset of the first character.' }),
    end: t.exposeInt('end', { description: 'The offset just past the last character.' }),
  }),
});

export const OrderDirection = builder.enumType('OrderDirection', {
  description: 'Which way a list is sorted.',
  values: {
    ASC: { value: 'asc', description: 'Smallest, earliest or A first.' },
    DESC: { value: 'desc', description: 'Largest, latest or Z first.' },
  } as const,
});
