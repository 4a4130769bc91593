import { eq, inArray, or } from 'drizzle-orm';
import type { Db } from '../db/client';
import { articles, mentions, quoteAbout, quotes, roles } from '../db/schema';
import type { ExtractedEntity, Extraction, ParsedArticle } from '../ingest/types';
import { chunksFor, insertArrays } from './batch-insert';
import { type EchoCache, storeEchoLinks, takeEchoTurn } from './echoes';
import { addFirstReportsToEntitySummaries, addToEntitySummaries } from './entity-summaries';
import type { QuoteKeys } from './extraction-task';
import { normalizeName, normalizeQuoteText, sha256, slugify } from './normalize';
import {
  PLACEHOLDER_ARTICLE_ID,
  ResolutionBatch,
  type ResolvedEntities,
  resolveEntities,
  storeAliases,
} from './resolve-entities';

export interface IngestCounts {
  quotes: number;
  entities: number;
  mentions: number;
  roles: number;
}

export interface AddedQuote {
  quoteId: number;
  speakerId: number | null;
  aboutIds: number[];
}

/** An article parsed and extracted, ready to store. */
export interface ExtractedArticle {
  article: ParsedArticle;
  extraction: Extraction;
  /** Of each of extraction.quotes, in order (quoteKeysOf). */
  quoteKeys: QuoteKeys[];
  contentHash: string;
}

export interface StoredArticle {
  status: 'new' | 'unchanged';
  articleId: number;
  counts: IngestCounts;
  added: AddedQuote[];
}

/** A unique key taken by a concurrent ingest: the caller's retry reruns the transaction, which then sees it. */
class ConcurrentArticleError extends Error {
  readonly code = '23505';
}

/**
 * Stores articles in one transaction, in their order, with the same result as storing them one at
 * a time: an article already stored (by URL or content hash, or earlier in the list) is reported
 * unchanged; each article's entities are resolved against the entities stored before it (those of
 * the articles before it in the list included: ResolutionBatch); then the articles, aliases,
 * mentions, roles, quotes, their subjects and shingles go in as multi-row inserts, and one
 * statement links the quotes' echoes. Statements per call do not grow with the number of
 * articles, except the few an article needs to create entities or weigh a bare surname.
 */
export async function storeArticles(
  tx: Db,
  items: ExtractedArticle[],
  echoCache?: EchoCache,
): Promise<StoredArticle[]> {
  const results: Array<StoredArticle | undefined> = [];
  const existing = await findExistingArticles(tx, items);
  const fresh: Array<{ index: number; item: ExtractedArticle }> = [];
  const firstByKey = new Map<string, number>();
  for (const [index, item] of items.entries()) {
    const keys = articleKeys(item);
    const stored = keys.map((k) => existing.get(k)).find((id) => id !== undefined);
    if (stored !== undefined) {
      results[index] = {
        status: 'unchanged',
        articleId: stored,
        counts: await countsOf(tx, stored),
        added: [],
      };
      continue;
    }
    const earlier = keys.map((k) => firstByKey.get(k)).find((i) => i !== undefined);
    if (earlier !== undefined) continue; // filled in below, once the earlier one has its id
    for (const k of keys) firstByKey.set(k, index);
    fresh.push({ index, item });
  }

  const batch = new ResolutionBatch();
  await batch.load(
    tx,
    fresh.flatMap(({ item }) => entitiesToResolve(item).entities),
  );
  const planned: ResolvedEntities[] = [];
  for (const [n, { item }] of fresh.entries()) {
    const entityIds = await resolveEntities(tx, entitiesToResolve(item).entities, batch);
    batch.addMentions(PLACEHOLDER_ARTICLE_ID + n, mentionEntityIds(item.extraction, entityIds));
    planned.push(entityIds);
  }
  await batch.createPlanned(tx);
  const resolved = fresh.map(({ item }, n) => {
    const entityIds = batch.storedIds(planned[n] as ResolvedEntities);
    const { outlet } = entitiesToResolve(item);
    return { entityIds, outletId: outlet ? (entityIds.get(outlet.key) ?? null) : null };
  });

  const articleIds = await insertArticleRows(
    tx,
    fresh.map(({ item }, n) => ({ item, outletId: resolved[n]?.outletId ?? null })),
  );
  await storeAliases(tx, batch.takeAliases());

  const stored = fresh.map(({ item }, n) => {
    const articleId = articleIds[n] as number;
    const entityIds = resolved[n]?.entityIds as ResolvedEntities;
    return { item, articleId, entityIds, ...rowsOf(item, articleId, entityIds) };
  });
  await insertArrays(
    tx,
    mentions,
    stored.flatMap((s) => s.mentionRows),
  );
  await insertArrays(
    tx,
    roles,
    stored.flatMap((s) => s.roleRows),
  );

  // from here to the commit, one ingest at a time
  await takeEchoTurn(tx);
  const quoteRows = stored.flatMap((s) => s.quoteRows);
  const quoteIds = await insertArrays(tx, quotes, quoteRows, { returnIds: true });
  const insertedQuotes = quoteRows.map((q, i) => ({ id: quoteIds[i] as number, speakerId: q.speakerId }));
  let next = 0;
  const aboutRows: Array<{ quoteId: number; entityId: number }> = [];
  const echoProbes: Array<{ id: number; articleId: number; normalizedText: string; shingles?: string[] }> =
    [];
  for (const [n, s] of stored.entries()) {
    const ownQuotes = insertedQuotes.slice(next, next + s.quoteRows.length);
    next += s.quoteRows.length;
    const aboutByQuote = new Map<number, number[]>();
    s.item.extraction.quotes.forEach((q, i) => {
      const quoteId = ownQuotes[i]?.id;
      if (quoteId === undefined) return;
      const ids = [...new Set(q.aboutKeys.map((k) => s.entityIds.get(k)))].filter(
        (id): id is number => id !== undefined,
      );
      aboutByQuote.set(quoteId, ids);
      for (const entityId of ids) aboutRows.push({ quoteId, entityId });
      echoProbes.push({
        id: quoteId,
        articleId: s.articleId,
        normalizedText: s.quoteRows[i]?.normalizedText ?? '',
        shingles: s.item.quoteKeys[i]?.shingles,
      });
    });
    results[fresh[n]?.index as number] = {
      status: 'new',
      articleId: s.articleId,
      counts: {
        quotes: ownQuotes.length,
        entities: new Set(s.mentionRows.map((m) => m.entityId)).size,
        mentions: s.mentionRows.length,
        roles: s.roleRows.length,
      },
      added: ownQuotes.map((q) => ({
        quoteId: q.id,
        speakerId: q.speakerId,
        aboutIds: aboutByQuote.get(q.id) ?? [],
      })),
    };
  }
  await insertArrays(tx, quoteAbout, aboutRows);
  // the summaries' counts need the rows stored above, not the echo links: sent while the links are
  // computed; which quotes are first reports needs the links
  const storedIds = stored.map((s) => s.articleId);
  await storeEchoLinks(tx, echoProbes, echoCache, () => addToEntitySummaries(tx, storedIds));
  await addFirstReportsToEntitySummaries(tx, storedIds);

  // an article met twice in the list is the first one's twin
  return items.map((item, index) => {
    const done = results[index];
    if (done) return done;
    const first =
      results[
        articleKeys(item)
          .map((k) => firstByKey.get(k))
          .find((i) => i !== undefined) ?? -1
      ];
    if (!first) throw new Error('an article repeated in a batch lost its first copy');
    return { status: 'unchanged', articleId: first.articleId, counts: first.counts, added: [] };
  });
}

function articleKeys(item: ExtractedArticle): string[] {
  return [`hash:${item.contentHash}`, ...(item.article.url ? [`url:${item.article.url}`] : [])];
}

async function findExistingArticles(tx: Db, items: ExtractedArticle[]): Promise<Map<string, number>> {
  const urls = items.flatMap((i) => (i.article.url ? [i.article.url] : []));
  const hashes = items.map((i) => i.contentHash);
  const found = new Map<string, number>();
  if (!items.length) return found;
  const rows = await tx
    .select({ id: articles.id, url: articles.url, contentHash: articles.contentHash })
    .from(articles)
    .where(
      urls.length
        ? or(inArray(articles.url, urls), inArray(articles.contentHash, hashes))
        : inArray(articles.contentHash, hashes),
    );
  for (const r of rows) {
    found.set(`hash:${r.contentHash}`, r.id);
    if (r.url) found.set(`url:${r.url}`, r.id);
  }
  return found;
}

export async function countsOf(db: Db, articleId: number): Promise<IngestCounts> {
  // one after another: `db` is often a transaction, one connection, on which pg deprecates sending
  // a query while another runs (an ingest of articles already stored printed its warning)
  const q = await db.$count(quotes, eq(quotes.articleId, articleId));
  const m = await db
    .selectDistinct({ entityId: mentions.entityId })
    .from(mentions)
    .where(eq(mentions.articleId, articleId));
  const r = await db.$count(roles, eq(roles.articleId, articleId));
  const mentionCount = await db.$count(mentions, eq(mentions.articleId, articleId));
  return { quotes: q, entities: m.length, mentions: mentionCount, roles: r };
}

/** The article's entities, and its outlet as an organization to resolve with them (one lookup for all). */
function entitiesToResolve(item: ExtractedArticle): {
  entities: ExtractedEntity[];
  outlet: ExtractedEntity | null;
} {
  const extracted = item.extraction.entities;
  if (!item.article.outlet) return { entities: extracted, outlet: null };
  const outlet = outletEntity(item.article.outlet, extracted);
  return { entities: outlet.extracted ? extracted : [...extracted, outlet.entity], outlet: outlet.entity };
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

function mentionEntityIds(extraction: Extraction, entityIds: ResolvedEntities): number[] {
  return extraction.entities.flatMap((e) => {
    const id = entityIds.get(e.key);
    return id === undefined ? [] : e.mentions.map(() => id);
  });
}

/** The rows of one article's mentions, roles and quotes. */
function rowsOf(item: ExtractedArticle, articleId: number, entityIds: ResolvedEntities) {
  const { article, extraction } = item;
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
  const quoteRows = extraction.quotes.map((q, i) => {
    const keys = item.quoteKeys[i];
    const normalizedText = keys?.normalizedText ?? normalizeQuoteText(q.text);
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
      normalizedHash: keys?.normalizedHash ?? sha256(normalizedText),
      // the article's date, as the quotes_article_date trigger would read it for each row; one
      // without publishedAt takes its ingestedAt, which the server sets and the trigger reads
      articleDate: article.publishedAt ?? null,
    };
  });
  return { mentionRows, roleRows, quoteRows };
}

/**
 * Inserts the articles, each under the first slug of its title free in the database and not given
 * to an article before it in the list. A row a concurrent ingest beat to its slug is inserted again
 * under the next free slug (the insert waited for that ingest's commit, so the next look sees its
 * slug). A URL or content hash taken meanwhile is the same article stored concurrently: that throws,
 * and the caller's retry runs the transaction again, which then sees the article as stored.
 */
async function insertArticleRows(
  tx: Db,
  rows: Array<{ item: ExtractedArticle; outletId: number | null }>,
): Promise<number[]> {
  if (!rows.length) return [];
  const values = rows.map(({ item: { article, contentHash }, outletId }) => ({
    url: article.url,
    contentHash,
    title: article.title ?? firstWords(article.body),
    subtitle: article.subtitle,
    byline: article.byline,
    authors: article.authors,
    outletId,
    publishedAt: article.publishedAt,
    body: article.body,
    paragraphs: article.paragraphs,
    language: article.language,
  }));
  const ids = new Map<string, number>();
  for (let round = 0; round < MAX_SLUG_ROUNDS; round++) {
    const pending = values.filter((v) => !ids.has(v.contentHash));
    if (!pending.length) break;
    if (round > 0 && (await findExistingArticles(tx, pending.map(asExtractedKey))).size)
      throw new ConcurrentArticleError('an article of this batch was stored concurrently');
    for (const chunk of chunksFor(articles, await withFreeSlugs(tx, pending))) {
      const inserted = await tx
        .insert(articles)
        .values(chunk)
        .onConflictDoNothing()
        .returning({ id: articles.id, contentHash: articles.contentHash });
      for (const r of inserted) ids.set(r.contentHash, r.id);
    }
  }
  return values.map((v) => {
    const id = ids.get(v.contentHash);
    if (id === undefined) throw new Error(`no free slug for the article "${v.title}"`);
    return id;
  });
}

/** How many times a batch's articles look for free slugs while concurrent ingests take them. */
const MAX_SLUG_ROUNDS = 50;

/** What findExistingArticles reads of an article: its URL and content hash. */
const asExtractedKey = (v: { url: string | null; contentHash: string }) =>
  ({ article: { url: v.url }, contentHash: v.contentHash }) as ExtractedArticle;

/** Each article under the first slug of its title free in the database and not given to one before it. */
async function withFreeSlugs<T extends { title: string }>(
  tx: Db,
  values: T[],
): Promise<Array<T & { slug: string }>> {
  const bases = values.map((v) => slugify(v.title).slice(0, 80).replace(/-+$/, ''));
  const taken = new Set(
    (
      await tx
        .select({ slug: articles.slug })
        .from(articles)
        .where(inArray(articles.slug, [...new Set(bases.flatMap(slugCandidates))]))
    ).map((r) => r.slug),
  );
  return values.map((v, i) => {
    const base = bases[i] ?? '';
    const slug =
      slugCandidates(base).find((s) => !taken.has(s)) ??
      `${base}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
    taken.add(slug);
    return { ...v, slug };
  });
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
