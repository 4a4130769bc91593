import { filter, pipe } from 'graphql-yoga';
import type { QuoteAddedEvent } from '../../services/quote-events';
import { builder } from '../builder';
import { decodeEntityIds } from '../ids';
import { QuoteRef } from '../refs';

builder.subscriptionType({
  description: 'Events over server-sent events (Accept: text/event-stream).',
  fields: (t) => ({
    quoteAdded: t.field({
      type: QuoteRef,
      description:
        'Each quote stored by an ingest from now on, over server-sent events (Accept: text/event-stream). Give speaker and/or about to receive only their quotes.',
      args: {
        speaker: t.arg.id({ description: 'Only quotes said by this entity.' }),
        about: t.arg.id({ description: 'Only quotes that talk about this entity.' }),
      },
      subscribe: async (_root, args, ctx) => {
        const [speakerId] = args.speaker != null ? await decodeEntityIds(ctx, 'speaker', [args.speaker]) : [];
        const [aboutId] = args.about != null ? await decodeEntityIds(ctx, 'about', [args.about]) : [];
        return pipe(
          ctx.events.subscribe('quoteAdded'),
          filter(
            (event: QuoteAddedEvent) =>
              (speakerId === undefined || event.speakerId === speakerId) &&
              (aboutId === undefined || event.aboutIds.includes(aboutId)),
          ),
        );
      },
      resolve: (event: QuoteAddedEvent) => event.quoteId,
    }),
  }),
});
