import { eq, inArray, or } from 'drizzle-orm';
import type { Db } from '../db/client';
import { articles, mentions, quoteAbout, quotes, roles } from '../db/schema';
import { extract } from '../ingest/extract';
import { parseArticle } from '../ingest/parse';
import type { ExtractedEntity, Extraction, ParsedArticle } from '../ingest/types';
import { chunksFor, insertRows } from './batch-insert';
import { storeEchoes } from './echoes';
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
}

/** Another article stored at the same moment took the slug this one picked; trying again picks another. */
export class ArticleSlugTaken extends Error {
  constructor(slug: string) {
    super(`the article slug "${slug}" was taken by an article stored at the same moment`);
  }
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
  const parsed = parseArticle(input);
  const article = { ...parsed, url: parsed.url ?? input.url ?? null };
  const contentHash = contentHashOf(article);
  const existing = await findExisting(db, article.url, contentHash);
  if (existing) return { status: 'unchanged', articleId: existing, counts: await countsOf(db, existing) };

  const extraction = extract(article.body);
  const stored = await db.transaction((tx) => storeArticle(tx, article, contentHash, extraction));
  if (stored.status === 'new' && options.onQuoteAdded) for (const q of stored.added) options.onQuoteAdded(q);
  return { status: stored.status, articleId: stored.articleId, counts: stored.counts };
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
  const slug = await uniqueArticleSlug(tx, title);
  const [row] = await tx
    .insert(articles)
    .values({
      slug,
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
    })
    .onConflictDoNothing()
    .returning({ id: articles.id });
  if (!row) {
    // A concurrent ingest of the same article won the race, or one of another article took the slug.
    const existing = await findExisting(tx, article.url, contentHash);
    if (existing === undefined) throw new ArticleSlugTaken(slug);
    return {
      status: 'unchanged' as const,
      articleId: existing ?? 0,
      counts: { quotes: 0, entities: 0, mentions: 0, roles: 0 },
      added: [],
    };
  }
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

  const added = insertedQuotes.map((q) => ({
    quoteId: q.id,
    speakerId: q.speakerId,
    aboutIds: aboutRows.filter((a) => a.quoteId === q.id).map((a) => a.entityId),
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

async function uniqueArticleSlug(tx: Db, title: string): Promise<string> {
  const base = slugify(title).slice(0, 80).replace(/-+$/, '');
  const rows = await tx
    .select({ slug: articles.slug })
    .from(articles)
    .where(inArray(articles.slug, slugCandidates(base)));
  const taken = new Set(rows.map((r) => r.slug));
  return slugCandidates(base).find((s) => !taken.has(s)) ?? `${base}-${Date.now().toString(36)}`;
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
