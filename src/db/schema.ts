import { type SQLWrapper, sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigint,
  boolean,
  customType,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  pgView,
  primaryKey,
  real,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

export const entityKind = pgEnum('entity_kind', ['person', 'organization', 'place']);
export const quoteKind = pgEnum('quote_kind', ['direct', 'partial', 'indirect']);
export const aliasSource = pgEnum('alias_source', ['extracted', 'editor']);
export const apiKeyRole = pgEnum('api_key_role', ['reader', 'editor']);

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

export const entities = pgTable(
  'entities',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    kind: entityKind('kind').notNull(),
    name: text('name').notNull(),
    normalizedName: text('normalized_name').notNull(),
    slug: text('slug').notNull(),
    description: text('description'),
    wikidataId: text('wikidata_id'),
    mergedIntoId: integer('merged_into_id').references((): AnyPgColumn => entities.id),
    /** The name keys other articles find it by (src/ingest/name-keys.ts). */
    matchKeys: text('match_keys').array().notNull().default(sql`'{}'::text[]`),
    createdAt: createdAt(),
  },
  (t) => [
    index('entities_match_keys_idx').using('gin', t.matchKeys),
    uniqueIndex('entities_slug_key').on(t.slug),
    index('entities_kind_idx').on(t.kind),
    index('entities_normalized_name_idx').on(t.normalizedName),
    index('entities_merged_into_id_idx').on(t.mergedIntoId),
    index('entities_normalized_name_trgm_idx').using('gin', t.normalizedName.op('gin_trgm_ops')),
  ],
);

export const entityAliases = pgTable(
  'entity_aliases',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    entityId: integer('entity_id')
      .notNull()
      .references(() => entities.id, { onDelete: 'cascade' }),
    alias: text('alias').notNull(),
    normalizedAlias: text('normalized_alias').notNull(),
    source: aliasSource('source').notNull().default('extracted'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('entity_aliases_entity_id_normalized_alias_key').on(t.entityId, t.normalizedAlias),
    index('entity_aliases_normalized_alias_idx').on(t.normalizedAlias),
    index('entity_aliases_normalized_alias_trgm_idx').using('gin', t.normalizedAlias.op('gin_trgm_ops')),
  ],
);

export const articles = pgTable(
  'articles',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    slug: text('slug').notNull(),
    url: text('url'),
    contentHash: text('content_hash').notNull(),
    title: text('title').notNull(),
    subtitle: text('subtitle'),
    byline: text('byline'),
    authors: text('authors').array().notNull().default(sql`'{}'::text[]`),
    outletId: integer('outlet_id').references(() => entities.id, { onDelete: 'set null' }),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    ingestedAt: timestamp('ingested_at', { withTimezone: true }).notNull().defaultNow(),
    body: text('body').notNull(),
    paragraphs: jsonb('paragraphs').$type<Array<{ start: number; end: number }>>().notNull(),
    language: text('language').notNull().default('en'),
    searchVector: tsvector('search_vector')
      .notNull()
      .generatedAlwaysAs(
        sql`setweight(to_tsvector('english', coalesce(title, '')), 'A') || setweight(to_tsvector('english', coalesce(subtitle, '')), 'B') || setweight(to_tsvector('english', body), 'C')`,
      ),
  },
  (t) => [
    uniqueIndex('articles_slug_key').on(t.slug),
    uniqueIndex('articles_url_key').on(t.url),
    uniqueIndex('articles_content_hash_key').on(t.contentHash),
    index('articles_outlet_id_idx').on(t.outletId),
    index('articles_published_at_idx').on(t.publishedAt, t.id),
    index('articles_search_vector_idx').using('gin', t.searchVector),
  ],
);

export const mentions = pgTable(
  'mentions',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    articleId: integer('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    entityId: integer('entity_id')
      .notNull()
      .references(() => entities.id, { onDelete: 'cascade' }),
    start: integer('start').notNull(),
    end: integer('end').notNull(),
    text: text('text').notNull(),
    /** How sure the link to the entity is: below 1 when a bare surname was matched by dominance. */
    linkConfidence: real('link_confidence').notNull().default(1),
  },
  (t) => [
    index('mentions_article_id_idx').on(t.articleId),
    index('mentions_entity_id_article_id_idx').on(t.entityId, t.articleId),
  ],
);

export const roles = pgTable(
  'roles',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    personId: integer('person_id')
      .notNull()
      .references(() => entities.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    organizationId: integer('organization_id').references(() => entities.id, { onDelete: 'set null' }),
    placeId: integer('place_id').references(() => entities.id, { onDelete: 'set null' }),
    articleId: integer('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    firstSeenAt: timestamp('first_seen_at', { withTimezone: true }).notNull(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('roles_person_id_idx').on(t.personId),
    index('roles_organization_id_idx').on(t.organizationId),
    index('roles_place_id_idx').on(t.placeId),
    index('roles_article_id_idx').on(t.articleId),
  ],
);

/**
 * A quote of at most this many words: the echo step checks it against candidates that share a
 * single shingle with it (services/echoes.ts, ECHO_CANDIDATES).
 */
export const SHORT_QUOTE_WORDS = 6;

/** Whether a normalized text is a short quote's; the predicate of quotes_short_text_idx. */
export const isShortQuoteText = (normalizedText: SQLWrapper) =>
  sql`(${normalizedText} <> '' and cardinality(string_to_array(${normalizedText}, ' ')) <= ${sql.raw(String(SHORT_QUOTE_WORDS))})`;

export const quotes = pgTable(
  'quotes',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    articleId: integer('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    speakerId: integer('speaker_id').references(() => entities.id, { onDelete: 'set null' }),
    speakerText: text('speaker_text'),
    speakerMentionStart: integer('speaker_mention_start'),
    speakerMentionEnd: integer('speaker_mention_end'),
    kind: quoteKind('kind').notNull(),
    text: text('text').notNull(),
    start: integer('start').notNull(),
    end: integer('end').notNull(),
    cue: text('cue'),
    confidence: real('confidence').notNull(),
    normalizedText: text('normalized_text').notNull(),
    normalizedHash: text('normalized_hash').notNull(),
    attributionEdited: boolean('attribution_edited').notNull().default(false),
    searchVector: tsvector('search_vector').notNull().generatedAlwaysAs(sql`to_tsvector('english', text)`),
    /**
     * The article's publishedAt (ingestedAt when it has none), kept by triggers (migration 0006):
     * lists of quotes newest first read an index instead of joining and sorting every quote.
     */
    articleDate: timestamp('article_date', { withTimezone: true }),
  },
  (t) => [
    index('quotes_article_id_idx').on(t.articleId, t.start),
    index('quotes_speaker_id_idx').on(t.speakerId, t.id),
    index('quotes_speaker_id_article_date_idx').on(
      t.speakerId,
      t.articleDate.desc().nullsFirst(),
      t.id.desc().nullsFirst(),
    ),
    index('quotes_article_date_idx').on(t.articleDate, t.id),
    index('quotes_kind_idx').on(t.kind),
    index('quotes_normalized_hash_idx').on(t.normalizedHash),
    // the few short quotes (1.3% of the benchmark corpus): the echo step finds which of a batch's
    // candidates are short here instead of reading tens of thousands of texts (migration 0014)
    index('quotes_short_text_idx').on(t.id).where(isShortQuoteText(t.normalizedText)),
    index('quotes_search_vector_idx').using('gin', t.searchVector),
  ],
);

export const quoteAbout = pgTable(
  'quote_about',
  {
    quoteId: integer('quote_id')
      .notNull()
      .references(() => quotes.id, { onDelete: 'cascade' }),
    entityId: integer('entity_id')
      .notNull()
      .references(() => entities.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ columns: [t.quoteId, t.entityId] }),
    // by entity with the quote id, so that filters on who a quote is about read this index alone
    index('quote_about_entity_id_quote_id_idx').on(t.entityId, t.quoteId),
  ],
);

/**
 * Echo links computed at ingest (services/echoes.ts): echo_id echoes quote_id. Near links are stored
 * both ways; a fragment links to the quote it was cut from. `fragment` marks links only the fragment
 * rule makes, which hold while the two quotes do not name different speakers. Exact copies are not
 * stored here: they share quotes.normalized_hash (see quoteEchoLinks). Both ids are quotes' without
 * foreign keys: their checks were half of the links' insert (thousands a batch); a statement
 * trigger on quotes deletes a deleted quote's links instead (migration 0018).
 */
export const quoteEchoes = pgTable(
  'quote_echoes',
  {
    quoteId: integer('quote_id').notNull(),
    echoId: integer('echo_id').notNull(),
    similarity: real('similarity').notNull(),
    fragment: boolean('fragment').notNull(),
  },
  (t) => [primaryKey({ columns: [t.quoteId, t.echoId] }), index('quote_echoes_echo_id_idx').on(t.echoId)],
);

/**
 * Every echo link, the one thing reads look at: the stored links, and each exact copy of a quote in
 * another article (the same normalized_hash, read from quotes_normalized_hash_idx). Copies are not
 * stored as pairs, which grow with the square of a statement's reports: a statement reported by
 * n outlets would cost its n-th report n - 1 links each way (migration 0012, docs/cross-referencing.md).
 */
export const quoteEchoLinks = pgView('quote_echo_links', {
  quoteId: integer('quote_id').notNull(),
  echoId: integer('echo_id').notNull(),
  similarity: real('similarity').notNull(),
  exact: boolean('exact').notNull(),
  fragment: boolean('fragment').notNull(),
}).existing();

/**
 * The hashes of each quote's shingles (the SQL function echo_shingles, migration 0002): how ingest
 * finds the stored quotes worth checking against the echo rules with btree lookups, whatever the
 * number of quotes stored (services/echoes.ts storeEchoes).
 */
export const quoteShingles = pgTable(
  'quote_shingles',
  {
    hash: bigint('hash', { mode: 'bigint' }).notNull(),
    /**
     * The quote's id, without a foreign key: its check on every row was a third of the insert's cost
     * (a batch stores thousands); a statement trigger on quotes deletes a deleted quote's shingles
     * instead (migration 0009).
     */
    quoteId: integer('quote_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.hash, t.quoteId] }), index('quote_shingles_quote_id_idx').on(t.quoteId)],
);

export const apiKeys = pgTable(
  'api_keys',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    name: text('name').notNull(),
    keyHash: text('key_hash').notNull(),
    role: apiKeyRole('role').notNull(),
    createdAt: createdAt(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('api_keys_key_hash_key').on(t.keyHash)],
);

export const edits = pgTable(
  'edits',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    action: text('action').notNull(),
    apiKeyId: integer('api_key_id').references(() => apiKeys.id, { onDelete: 'set null' }),
    actor: text('actor').notNull(),
    entityId: integer('entity_id').references(() => entities.id, { onDelete: 'set null' }),
    quoteId: integer('quote_id').references(() => quotes.id, { onDelete: 'set null' }),
    articleId: integer('article_id').references(() => articles.id, { onDelete: 'set null' }),
    before: jsonb('before'),
    after: jsonb('after'),
    createdAt: createdAt(),
  },
  (t) => [
    index('edits_api_key_id_idx').on(t.apiKeyId),
    index('edits_entity_id_idx').on(t.entityId, t.id),
    index('edits_quote_id_idx').on(t.quoteId, t.id),
    index('edits_article_id_idx').on(t.articleId),
  ],
);

// What an entity page computes from everything an entity ever appeared in, kept per entity so that
// the page's cost does not grow with the entity (migration 0011, services/entity-summaries.ts):
// added to by each ingest batch, recomputed for the entities a curation edit touches. Derived rows
// without foreign keys (entities are never deleted; a check on every pair row would tax ingest).

/** An entity's totals and the dates of the first and last article that mention it. */
export const entitySummaries = pgTable('entity_summaries', {
  entityId: integer('entity_id').primaryKey(),
  mentionCount: integer('mention_count').notNull().default(0),
  articleCount: integer('article_count').notNull().default(0),
  quoteCount: integer('quote_count').notNull().default(0),
  quotesAboutCount: integer('quotes_about_count').notNull().default(0),
  /**
   * Its direct quotes that are first reports: no earlier direct quote of its own echoes or copies
   * them (what quotes(filter: { kind: DIRECT, distinct: true }) counts; migration 0017).
   */
  firstDirectQuoteCount: integer('first_direct_quote_count').notNull().default(0),
  firstSeenAt: timestamp('first_seen_at', { withTimezone: true }),
  lastSeenAt: timestamp('last_seen_at', { withTimezone: true }),
});

/** An entity's mentions, articles and quotes per UTC day: weeks and months are sums of days. */
export const entityDays = pgTable(
  'entity_days',
  {
    entityId: integer('entity_id').notNull(),
    day: timestamp('day', { withTimezone: true }).notNull(),
    mentions: integer('mentions').notNull().default(0),
    articles: integer('articles').notNull().default(0),
    quotes: integer('quotes').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.entityId, t.day] })],
);

/** How many articles mention both entities; each pair is kept both ways. */
export const entityCoMentions = pgTable(
  'entity_co_mentions',
  {
    entityId: integer('entity_id').notNull(),
    otherId: integer('other_id').notNull(),
    articles: integer('articles').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.entityId, t.otherId] }),
    index('entity_co_mentions_entity_id_articles_idx').on(t.entityId, t.articles.desc(), t.otherId),
  ],
);

/** How many articles of each outlet mention the entity. */
export const entityOutlets = pgTable(
  'entity_outlets',
  {
    entityId: integer('entity_id').notNull(),
    outletId: integer('outlet_id').notNull(),
    articles: integer('articles').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.entityId, t.outletId] }),
    index('entity_outlets_outlet_id_idx').on(t.outletId),
  ],
);
