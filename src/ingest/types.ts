export type EntityKind = 'person' | 'organization' | 'place';
export type QuoteKind = 'direct' | 'partial' | 'indirect';

/** A [start, end) range of UTF-16 offsets into the text that was extracted from. */
export interface Span {
  start: number;
  end: number;
}

export interface ParsedArticle {
  title: string | null;
  subtitle: string | null;
  byline: string | null;
  authors: string[];
  url: string | null;
  outlet: string | null;
  publishedAt: Date | null;
  language: string;
  /** The article's text: paragraphs joined by a blank line. Extraction offsets point into it. */
  body: string;
  paragraphs: Span[];
}

export interface ExtractedEntity {
  /** Stable within one extraction; quotes and roles refer to entities by it. */
  key: string;
  kind: EntityKind;
  /** The fullest name the text gives ("Vladimir Putin"). */
  name: string;
  /** Other ways the text names it ("Putin", "Russian President Vladimir Putin", "the Russian leader"). */
  aliases: string[];
  mentions: Span[];
  /**
   * A person's gender where the article shows it (Mr./Mrs., "he"/"she" for them, a given name,
   * "spokeswoman"); absent otherwise. A bare surname is not linked to a namesake of the other one.
   */
  gender?: 'male' | 'female';
}

export interface ExtractedQuote {
  kind: QuoteKind;
  text: string;
  start: number;
  end: number;
  speakerKey: string | null;
  /** The words in the text that name the speaker for this quote ("he", "the president", "Trump"). */
  speakerMention: (Span & { text: string }) | null;
  /** How the text describes the speaker when no entity is resolved ("a spokesman"), else the mention text. */
  speakerText: string | null;
  cue: string | null;
  confidence: number;
  /** Keys of the entities the quote talks about. */
  aboutKeys: string[];
}

export interface ExtractedRole {
  personKey: string;
  title: string;
  organizationKey: string | null;
  placeKey: string | null;
  span: Span;
}

export interface Extraction {
  entities: ExtractedEntity[];
  quotes: ExtractedQuote[];
  roles: ExtractedRole[];
}
