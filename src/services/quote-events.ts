import { createPubSub } from 'graphql-yoga';

export interface QuoteAddedEvent {
  quoteId: number;
  speakerId: number | null;
  aboutIds: number[];
}

export type QuoteEvents = ReturnType<typeof createQuoteEvents>;

export function createQuoteEvents() {
  return createPubSub<{ quoteAdded: [QuoteAddedEvent] }>();
}
