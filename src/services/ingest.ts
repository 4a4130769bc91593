import { eq, inArray, or } from 'drizzle-orm';
import type { Db } from '../db/client';
import { articles, mentions, quoteAbout, quotes, roles } from '../db/schema';
import type { ExtractedEntity, Extraction, ParsedArticle } from '../ingest/types';
import { chunksFor, insertRows } from './batch-insert';
import { storeEchoes } from './echoes';
import { type ExtractionPool, sharedExtractionPool } from './extraction-pool';
import { normalizeName, normalizeQuoteText, sha256, slugify } from './normalize';
import { resolveEntities } from './resolve-entities';

export interface IngestInput {
  content: string;
  format?: 'text' | 'markdown' | 'html' | 'json';
  filename?: string;
  url?: string;
}

export interface IngestCounts {
  quotes: number;
  entities: number;
  mentions: number;
  roles: number;
}

export interface IngestResult {
  status: 'new' | 'unchanged';
  articleId: number;
  counts: IngestCounts;
}

export type QuoteAddedListener = (quote: {
  quoteId: number;
  speakerId: number | null;
  aboutIds: number[];
}) => void;

export interface IngestOptions {
  onQuoteAdded?: QuoteAddedListener;
  /** Where parsing and extraction run; the process's shared pool when not given. */
  extraction?: ExtractionPool;
}

/** The same article, however it was formatted, hashes alike: title and body with whitespace folded. */
export function contentHashOf(article: ParsedArticle): string {
  return sha256(`${article.title ?? ''}\n${article.body}`.replace(/\s+/g, ' ').trim());
}

export async function ingestArticle(
  db: Db,
  input: IngestInput,
  options: IngestOptions = {},
): Promise<IngestResult> {
  const { article, extraction } = await (options.extraction ?? sharedExtractionPool()).prepare(input);
  const contentHash = contentHashOf(article);
  const existing = await findExisting(db, article.url, contentHash);
  if (existing) return { status: 'unchanged', articleId: existing, counts: await countsOf(db, existing) };

  const stored = await retryOnConflict(() =>
    db.transaction((tx) => storeArticle(tx, article, contentHash, extraction)),
  );
  if (stored.status === 'new' && options.onQuoteAdded) for (const q of stored.added) options.onQuoteAdded(q);
  return { status: stored.status, articleId: stored.articleId, counts: stored.counts };
}

/** Deadlock, serialization failure, unique violation: what two concurrent ingests can run into. */
const RETRYABLE_CODES = new Set(['40P01', '40001', '23505']);
const MAX_ATTEMPTS = 5;

function pgErrorCode(error: unknown): string | undefined {
  let e: unknown = error;
  for (let depth = 0; depth < 5 && e && typeof e === 'object'; depth++) {
    const { code, cause } = e as { code?: unknown; cause?: unknown };
    if (typeof code === 'string') return code;
    e = cause;
  }
  return undefined;
}

/**
 * A transaction that lost a race to a concurrent one is run again from the start: it then sees what
 * the other committed (the article, a new entity) and resolves to it instead of failing.
 */
export async function retryOnConflict<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      const code = pgErrorCode(error);
      if (attempt >= MAX_ATTEMPTS || code === undefined || !RETRYABLE_CODES.has(code)) throw error;
    }
  }
}

async function findExisting(db: Db, url: string | null, contentHash: string): Promise<number | undefined> {
  const match = url
    ? or(eq(articles.url, url), eq(articles.contentHash, contentHash))
    : eq(articles.contentHash, contentHash);
  const [row] = await db.select({ id: articles.id }).from(articles).where(match).limit(1);
  return row?.id;
}

async function countsOf(db: Db, articleId: number): Promise<IngestCounts> {
  const [q, m, r] = await Promise.all([
    db.$count(quotes, eq(quotes.articleId, articleId)),
    db
      .selectDistinct({ entityId: mentions.entityId })
      .from(mentions)
      .where(eq(mentions.articleId, articleId)),
    db.$count(roles, eq(roles.articleId, articleId)),
  ]);
  const mentionCount = await db.$count(mentions, eq(mentions.articleId, articleId));
  return { quotes: q, entities: m.length, mentions: mentionCount, roles: r };
}

async function storeArticle(tx: Db, article: ParsedArticle, contentHash: string, extraction: Extraction) {
  // the outlet is resolved with the article's entities: one lookup for all of them
  const outlet = article.outlet ? outletEntity(article.outlet, extraction.entities) : null;
  const entityIds = await resolveEntities(
    tx,
    outlet && !outlet.extracted ? [...extraction.entities, outlet.entity] : extraction.entities,
  );
  const outletId = outlet ? (entityIds.get(outlet.entity.key) ?? null) : null;
  const title = article.title ?? firstWords(article.body);
  const inserted = await insertArticleRow(tx, {
    url: article.url,
    contentHash,
    title,
    subtitle: article.subtitle,
    byline: article.byline,
    authors: article.authors,
    outletId,
    publishedAt: article.publishedAt,
    body: article.body,
    paragraphs: article.paragraphs,
    language: article.language,
  });
  if ('existing' in inserted) {
    // The same article, stored by a concurrent ingest that committed first.
    return {
      status: 'unchanged' as const,
      articleId: inserted.existing,
      counts: await countsOf(tx, inserted.existing),
      added: [],
    };
  }
  const row = inserted;
  const articleId = row.id;

  const mentionRows = extraction.entities.flatMap((e) => {
    const entityId = entityIds.get(e.key);
    if (entityId === undefined) return [];
    return e.mentions.map((m) => ({
      articleId,
      entityId,
      start: m.start,
      end: m.end,
      text: article.body.slice(m.start, m.end),
      linkConfidence: entityIds.confidence.get(e.key) ?? 1,
    }));
  });
  await insertRows(tx, mentions, mentionRows);

  const seenAt = article.publishedAt ?? new Date();
  const roleRows = dedupe(
    extraction.roles.flatMap((r) => {
      const personId = entityIds.get(r.personKey);
      if (personId === undefined) return [];
      return [
        {
          personId,
          title: r.title,
          organizationId: r.organizationKey ? (entityIds.get(r.organizationKey) ?? null) : null,
          placeId: r.placeKey ? (entityIds.get(r.placeKey) ?? null) : null,
          articleId,
          firstSeenAt: seenAt,
          lastSeenAt: seenAt,
        },
      ];
    }),
    (r) => `${r.personId}|${r.title.toLowerCase()}|${r.organizationId}|${r.placeId}`,
  );
  await insertRows(tx, roles, roleRows);

  const quoteRows = extraction.quotes.map((q) => {
    const normalizedText = normalizeQuoteText(q.text);
    return {
      articleId,
      speakerId: q.speakerKey ? (entityIds.get(q.speakerKey) ?? null) : null,
      speakerText: q.speakerText,
      speakerMentionStart: q.speakerMention?.start ?? null,
      speakerMentionEnd: q.speakerMention?.end ?? null,
      kind: q.kind,
      text: q.text,
      start: q.start,
      end: q.end,
      cue: q.cue,
      confidence: q.confidence,
      normalizedText,
      normalizedHash: sha256(normalizedText),
    };
  });
  const insertedQuotes: Array<{ id: number; speakerId: number | null }> = [];
  for (const chunk of chunksFor(quotes, quoteRows))
    insertedQuotes.push(
      ...(await tx.insert(quotes).values(chunk).returning({ id: quotes.id, speakerId: quotes.speakerId })),
    );
  const aboutRows = extraction.quotes.flatMap((q, i) => {
    const quoteId = insertedQuotes[i]?.id;
    if (quoteId === undefined) return [];
    const ids = new Set(
      q.aboutKeys.map((k) => entityIds.get(k)).filter((id): id is number => id !== undefined),
    );
    return [...ids].map((entityId) => ({ quoteId, entityId }));
  });
  await insertRows(tx, quoteAbout, aboutRows);
  const echoProbes = insertedQuotes.map((q, i) => ({
    id: q.id,
    normalizedText: quoteRows[i]?.normalizedText ?? '',
  }));
  if (echoProbes.length) await storeEchoes(tx, articleId, echoProbes);

  const aboutByQuote = new Map<number, number[]>();
  for (const a of aboutRows)
    aboutByQuote.set(a.quoteId, [...(aboutByQuote.get(a.quoteId) ?? []), a.entityId]);
  const added = insertedQuotes.map((q) => ({
    quoteId: q.id,
    speakerId: q.speakerId,
    aboutIds: aboutByQuote.get(q.id) ?? [],
  }));
  return {
    status: 'new' as const,
    articleId,
    counts: {
      quotes: insertedQuotes.length,
      entities: new Set(mentionRows.map((m) => m.entityId)).size,
      mentions: mentionRows.length,
      roles: roleRows.length,
    },
    added,
  };
}

/** The outlet as an organization to resolve, or the article's own mention of it when it has one. */
function outletEntity(
  outlet: string,
  extracted: ExtractedEntity[],
): { entity: ExtractedEntity; extracted: boolean } {
  const name = normalizeName(outlet);
  const same = extracted.find((e) => e.kind === 'organization' && normalizeName(e.name) === name);
  if (same) return { entity: same, extracted: true };
  return {
    entity: { key: `outlet:${name}`, kind: 'organization', name: outlet, aliases: [], mentions: [] },
    extracted: false,
  };
}

type ArticleValues = Omit<typeof articles.$inferInsert, 'slug' | 'title'> & {
  title: string;
  contentHash: string;
};

/**
 * Inserts the article under the first free slug of its title. The database decides which slug is
 * free: a slug taken meanwhile by a concurrent ingest of another article with the same title makes
 * the insert do nothing, and the next free slug is tried; a URL or content hash taken means the
 * same article was stored meanwhile, and its id is returned instead.
 */
async function insertArticleRow(
  tx: Db,
  values: ArticleValues,
): Promise<{ id: number } | { existing: number }> {
  const base = slugify(values.title).slice(0, 80).replace(/-+$/, '');
  for (let attempt = 0; attempt < 50; attempt++) {
    const [row] = await tx
      .insert(articles)
      .values({ ...values, slug: await freeArticleSlug(tx, base) })
      .onConflictDoNothing()
      .returning({ id: articles.id });
    if (row) return row;
    const existing = await findExisting(tx, values.url ?? null, values.contentHash);
    if (existing !== undefined) return { existing };
  }
  throw new Error(`no free slug for the article "${values.title}"`);
}

async function freeArticleSlug(tx: Db, base: string): Promise<string> {
  const rows = await tx
    .select({ slug: articles.slug })
    .from(articles)
    .where(inArray(articles.slug, slugCandidates(base)));
  const taken = new Set(rows.map((r) => r.slug));
  return (
    slugCandidates(base).find((s) => !taken.has(s)) ??
    `${base}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`
  );
}

function slugCandidates(base: string): string[] {
  return [base, ...Array.from({ length: 20 }, (_, i) => `${base}-${i + 2}`)];
}

function firstWords(body: string): string {
  const words = body.split(/\s+/).slice(0, 12).join(' ');
  return words.length < body.trim().length ? `${words}…` : words;
}

function dedupe<T>(rows: T[], keyOf: (row: T) => string): T[] {
  return [...new Map(rows.map((r) => [keyOf(r), r])).values()];
}
