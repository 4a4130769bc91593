import { builder } from '../builder';

export interface SpanShape {
  start: number;
  end: number;
}

export const SpanType = builder.objectRef<SpanShape>('Span').implement({
  description: 'A [start, end) range of UTF-16 offsets into the article body.',
  fields: (t) => ({
    start: t.exposeInt('start'),
    end: t.exposeInt('end'),
  }),
});

export const OrderDirection = builder.enumType('OrderDirection', {
  values: { ASC: { value: 'asc' }, DESC: { value: 'desc' } } as const,
});
