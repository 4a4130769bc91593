import { inArray, type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../db/client';
import {
  articles,
  isShortQuoteText,
  quoteEchoes,
  quoteEchoLinks,
  quoteShingles,
  quotes,
  SHORT_QUOTE_WORDS,
} from '../db/schema';
import { echoShingles } from './shingles';
import { mayBeFragmentSharing, mayEchoSharing, pgTrigrams, similarityOf, TrigramCounter } from './trigrams';

/**
 * When two quotes are "the same statement", on normalized text (see normalizeQuoteText). Picked on
 * reworded reports (tests/api/cross-reference.test.ts, the example articles); see
 * docs/cross-referencing.md for the scores and the timings:
 * - near: trigram similarity ≥ 0.5. A few changed words score 0.7–0.8, reordered sentences 1.0, a
 *   quote cut to about half of itself ~0.5; different quotes by the same speaker stay under 0.2.
 * - fragment: word_similarity(fragment, whole) ≥ 0.8, so a trimmed or partial quote ("can neither
 *   confirm nor deny", 1.0) is an echo of the full one whatever their lengths; only fragments of at
 *   least 15 characters and, because short phrases recur, only when the speakers do not differ.
 *   The full quote does not list a fragment shorter than about half of it (not symmetric).
 */
export const ECHO_THRESHOLDS = {
  near: 0.5,
  fragment: 0.8,
  fragmentMinChars: 15,
} as const;

const num = (n: number) => sql.raw(String(n));

export interface EchoLinkColumns {
  fragment: SQLWrapper;
}

/**
 * Whether a stored link from `quote` to its echo `echo` holds now: a link only the fragment rule
 * makes needs speakers that do not differ, and speakers change (reattribution, merges), texts don't.
 */
export function echoLinkHolds(
  link: EchoLinkColumns,
  quote: { speakerId: SQLWrapper },
  echo: { speakerId: SQLWrapper },
): SQL {
  return sql`(not ${link.fragment} or ${quote.speakerId} is null or ${echo.speakerId} is null
    or ${quote.speakerId} = ${echo.speakerId})`;
}

/**
 * How a new quote finds the stored quotes worth checking: those that share a shingle with it (a
 * run of three words, a run of one or two words of 15 characters or more, or the whole of a text
 * under three words; the SQL function echo_shingles). A restatement keeps most of its three-word
 * runs and a fragment is made of them. A shingle carried by more than `maxPostings` quotes ("i
 * don't think") points at too many quotes to tell anything and is not followed, so a probe checks
 * at most maxPostings quotes per shingle whatever the number of quotes stored. A pair must share at
 * least `minShared` of them unless one of the two has at most `shortWords` words: one word changed
 * in a quote of seven words or more leaves two three-word runs intact, while one shared run between
 * two long quotes is a stock phrase ("because people deserve better"), and checking every such
 * pair was most of the ingest's cost (docs/scaling.md).
 */
export const ECHO_CANDIDATES = {
  maxPostings: 50,
  minShared: 2,
  shortWords: SHORT_QUOTE_WORDS,
} as const;

/** In TypeScript what isShortQuoteText says in SQL. */
const isShortText = (text: string) => {
  if (text === '') return false;
  // words are split by single spaces in a normalized text: count the spaces up to the limit
  let spaces = 0;
  for (let at = text.indexOf(' '); at >= 0; at = text.indexOf(' ', at + 1))
    if (++spaces >= ECHO_CANDIDATES.shortWords) return false;
  return true;
};

/**
 * What the echo step learns of the stored quotes and keeps from one batch to the next in a long
 * ingest (a CLI run, a worker, the benchmark) into one database:
 * - quotes' normalized texts and trigram sets by quote id. A quote's text never changes and its id
 *   is never given again, so an entry stays true; a deleted quote's shingles go with it, so it is
 *   no one's candidate any more. A batch's candidates are mostly the same early quotes of common
 *   stories (a shingle's postings are its first ones), whose texts were read again and their
 *   trigram sets computed again for every batch: a read that grew with the corpus
 *   (docs/scaling.md). Entries not used lately go first beyond `capacity`.
 * - the shingles whose committed postings were found past the cap (more than maxPostings): no
 *   probe follows them again, as postings are only added (deleting a quote takes its postings
 *   away, which the stored cap already leaves short of the full count), so they are not read again.
 */
export class EchoCache {
  private readonly entries = new Map<
    number,
    { text: string; short: boolean; trigrams?: Int32Array | null; used: boolean }
  >();
  private readonly full = new Set<string>();

  constructor(readonly capacity = 200_000) {}

  /** Whether the shingle's committed postings were found past the cap. */
  isFull(hash: string): boolean {
    return this.full.has(hash);
  }

  /** A shingle whose committed postings (read by a probe) are past the cap. */
  markFull(hash: string): void {
    if (this.full.size < 10 * this.capacity) this.full.add(hash);
  }

  /** Quotes whose texts are kept. */
  get size(): number {
    return this.entries.size;
  }

  /** Shingles known to be past the cap. */
  get fullShingles(): number {
    return this.full.size;
  }

  /**
   * The entry, marked as used: a mark rather than moving the entry to the end of the map, as a
   * batch looks up a hundred thousand candidates (the moves were a fifth of the echo step in Node).
   */
  private used(id: number) {
    const entry = this.entries.get(id);
    if (entry) entry.used = true;
    return entry;
  }

  text(id: number): string | undefined {
    return this.used(id)?.text;
  }

  /** Whether the quote is kept and is not short (more than ECHO_CANDIDATES.shortWords words). */
  isLong(id: number): boolean {
    const entry = this.used(id);
    return entry !== undefined && !entry.short;
  }

  /** The quote's trigram set (pgTrigrams), computed once while the entry is kept. */
  trigrams(id: number, text: string): Int32Array | null {
    const entry = this.used(id);
    if (!entry || entry.text !== text) return pgTrigrams(text);
    if (entry.trigrams === undefined) entry.trigrams = pgTrigrams(text);
    return entry.trigrams;
  }

  add(id: number, text: string): void {
    if (this.entries.has(id)) return;
    this.entries.set(id, { text, short: isShortText(text), used: false });
    if (this.entries.size <= this.capacity) return;
    // the oldest entry not used since it was last passed over goes; a used one gets a second
    // chance at the end of the map (least recently used, nearly, at the cost of a mark per use)
    for (const [oldest, entry] of this.entries) {
      this.entries.delete(oldest);
      if (!entry.used) return;
      entry.used = false;
      this.entries.set(oldest, entry);
    }
  }
}

/**
 * Links the quotes of a newly stored article with the quotes already stored, both ways (see
 * storeEchoLinks). Takes the echo step's turn first; `ingestArticle` takes it earlier, before its
 * quotes get their ids.
 */
export async function storeEchoes(
  tx: Db,
  articleId: number,
  newQuotes: Array<{ id: number; normalizedText: string }>,
): Promise<void> {
  await takeEchoTurn(tx);
  await storeEchoLinks(
    tx,
    newQuotes.map((q) => ({ ...q, articleId })),
  );
}

/**
 * Articles stored at the same moment would not see each other's uncommitted quotes and would miss
 * their links: the echo step takes its turn, holding the lock until the articles commit. Taken
 * before the quotes are inserted, it also makes quote ids follow the order articles are stored in,
 * which storeEchoLinks relies on. JIT, which the planner's estimates for the pair query switch on,
 * costs more than the statement (~200 ms on a server): off for the rest of the transaction.
 */
export async function takeEchoTurn(tx: Db): Promise<void> {
  await tx.execute(sql`set local jit = off`);
  await tx.execute(sql`select pg_advisory_xact_lock(${ECHO_LOCK})`);
}

/**
 * Links the quotes of newly stored articles (one or a batch, in the order they were stored) with
 * the quotes stored before them, both ways: takes as candidates the quotes sharing an uncommon
 * shingle, applies the echo rules to each pair, and stores the new quotes' shingles. Only these
 * candidates are checked, so a pair the rules accept that shares no uncommon shingle is not linked
 * (docs/cross-referencing.md). Exact copies are not stored: quote_echo_links finds them by hash,
 * as a statement's n-th report would otherwise add 2(n - 1) links. Each new quote sees the quotes
 * up to the last of its own article (its horizon): a batch links as its articles would one at a
 * time, a shingle's postings counted as they stood when the article came.
 */
export async function storeEchoLinks(
  tx: Db,
  newQuotes: Array<{ id: number; articleId: number; normalizedText: string; shingles?: string[] }>,
  cache?: EchoCache,
  beside?: () => Promise<unknown>,
): Promise<void> {
  if (!newQuotes.length) {
    await beside?.();
    return;
  }
  const shingles = newQuotes.map((q) => q.shingles ?? echoShingles(q.normalizedText).map(String));
  // the statements that need nothing computed here run while Node computes, one at a time on the
  // transaction's connection: the shingle insert (it needs the probe's postings only) while the
  // pairs are counted, `beside` while they are judged
  // the batch's own quotes are kept first: they are candidates of its later articles
  for (const q of newQuotes) cache?.add(q.id, q.normalizedText);
  const { pairs, inserting } = await candidatePairs(tx, newQuotes, shingles, cache);
  const texts = new Map(newQuotes.map((q) => [q.id, q.normalizedText]));
  const { whole, ifShort } = textsToRead(pairs, texts, cache);
  // one statement at a time on the connection (pg deprecates queueing a second one)
  await inserting;
  if (whole.length || ifShort.length)
    for (const r of rowsOf<{ id: number; normalized_text: string }>(
      await tx.execute(sql`
        select id, normalized_text from ${quotes} where id = any(${intArray(whole)})
        union all
        select id, normalized_text from ${quotes}
        where id = any(${intArray(ifShort)}) and ${isShortQuoteText(quotes.normalizedText)}`),
    )) {
      texts.set(Number(r.id), r.normalized_text);
      cache?.add(Number(r.id), r.normalized_text);
    }
  const alongside = beside?.();
  alongside?.catch(() => {}); // awaited below; a failure rolls the transaction back either way
  const links = judgePairs(pairs, texts, cache);
  await alongside;
  await insertLinks(tx, links);
}

/**
 * The stored texts the rules need: those of candidates sharing minShared shingles with a new quote,
 * or any shingle with a short one (`whole`), and, of the candidates sharing a single shingle with a
 * long quote, only the short ones (`ifShort`, read from quotes_short_text_idx). These were 98% of a
 * batch's candidates at 20,000 articles (27,819 of 28,430), and reading all their texts, spread
 * over an ever larger table, was the step that grew most with the corpus (docs/scaling.md).
 */
function textsToRead(
  pairs: CandidatePairs,
  texts: Map<number, string>,
  cache?: EchoCache,
): { whole: number[]; ifShort: number[] } {
  const whole = new Set<number>();
  const ifShort = new Set<number>();
  for (const [newId, { oldIds, shared }] of pairs) {
    const newShort = isShortText(texts.get(newId) ?? '');
    for (let k = 0; k < oldIds.length; k++) {
      const id = oldIds[k] as number;
      if (texts.has(id)) continue;
      const known = cache?.text(id);
      if (known !== undefined) {
        texts.set(id, known);
        continue;
      }
      if (newShort || (shared[k] as number) >= ECHO_CANDIDATES.minShared) whole.add(id);
      else ifShort.add(id);
    }
  }
  return { whole: [...whole], ifShort: [...ifShort].filter((id) => !whole.has(id)) };
}

/** The postings of a shingle known to be past the cap: only their number (cap + 1) is read. */
const PAST_CAP: number[] = new Array(ECHO_CANDIDATES.maxPostings + 1).fill(0);

const intArray = (ns: number[]) => sql`${`{${ns.join(',')}}`}::int[]`;
const bigintArray = (ns: string[]) => sql`${`{${ns.join(',')}}`}::bigint[]`;

/**
 * For each new quote, the stored quotes it may echo (ascending) and how many uncommon shingles
 * each shares with it; in typed arrays, as a batch has a hundred thousand pairs or more, most of
 * them one stock phrase, and a map entry for each was most of the echo step's time in Node.
 */
type CandidatePairs = Map<number, { oldIds: Int32Array; shared: Int32Array }>;

/**
 * The stored quotes each new quote may echo, with how many uncommon shingles the two
 * share. A shingle's postings are read once per batch
 * from the primary key, before the batch's own shingles are stored; the batch's own postings come
 * from memory, each new quote seeing those up to the last quote of its article. An article's
 * quotes have consecutive ids (one insert, under the echo lock): the quotes before its first are
 * those of the articles stored before it.
 */
async function candidatePairs(
  tx: Db,
  newQuotes: Array<{ id: number; articleId: number; normalizedText: string }>,
  shingles: string[][],
  cache?: EchoCache,
): Promise<{ pairs: CandidatePairs; inserting: Promise<void> }> {
  const span = new Map<number, { first: number; last: number }>();
  for (const q of newQuotes) {
    const s = span.get(q.articleId) ?? { first: q.id, last: q.id };
    span.set(q.articleId, { first: Math.min(s.first, q.id), last: Math.max(s.last, q.id) });
  }
  const firstNew = newQuotes.reduce((min, q) => Math.min(min, q.id), Number.POSITIVE_INFINITY);
  const own = new Map<string, number[]>();
  newQuotes.forEach((q, i) => {
    for (const hash of shingles[i] ?? []) {
      const ids = own.get(hash);
      if (ids) ids.push(q.id);
      else own.set(hash, [q.id]);
    }
  });
  for (const ids of own.values()) ids.sort((a, b) => a - b);
  const cap = ECHO_CANDIDATES.maxPostings;
  // the stored postings of each shingle, cap + 1 at most: more than cap is all that matters then
  const postings = new Map<string, number[]>();
  const probed: string[] = [];
  for (const hash of own.keys()) {
    if (cache?.isFull(hash)) postings.set(hash, PAST_CAP);
    else probed.push(hash);
  }
  for (const r of rowsOf<{ hash: string; ids: number[] }>(
    await tx.execute(sql`
      select h.hash::text as hash, o.ids
      from unnest(${bigintArray(probed)}) h(hash)
      cross join lateral (
        select array_agg(c.quote_id) as ids from (
          select c.quote_id from ${quoteShingles} c where c.hash = h.hash and c.quote_id < ${firstNew} limit ${num(cap)} + 1
        ) c
      ) o
      where o.ids is not null`),
  )) {
    const hash = String(r.hash);
    postings.set(hash, r.ids.map(Number));
    if (r.ids.length > cap) cache?.markFull(hash);
  }
  const inserting = insertShingles(tx, newQuotes, shingles, postings);
  inserting.catch(() => {}); // awaited by the caller; a failure rolls the transaction back either way

  const pairs: CandidatePairs = new Map();
  newQuotes.forEach((q, i) => {
    const { first, last } = span.get(q.articleId) ?? { first: q.id, last: q.id };
    // every stored quote once per uncommon shingle it shares with q; counted below, once sorted
    const olds: number[] = [];
    for (const hash of shingles[i] ?? []) {
      const stored = postings.get(hash) ?? [];
      if (stored.length > cap) continue;
      const batch = own.get(hash) ?? [];
      let seen = 0;
      while (seen < batch.length && (batch[seen] as number) <= last) seen++;
      if (stored.length + seen > cap) continue;
      for (const old of stored) olds.push(old);
      for (let j = 0; j < seen && (batch[j] as number) < first; j++) olds.push(batch[j] as number);
    }
    if (!olds.length) return;
    const sorted = Int32Array.from(olds).sort();
    const oldIds = new Int32Array(sorted.length);
    const shared = new Int32Array(sorted.length);
    let n = 0;
    for (let k = 0; k < sorted.length; k++) {
      if (k > 0 && sorted[k] === sorted[k - 1]) shared[n - 1] = (shared[n - 1] as number) + 1;
      else {
        oldIds[n] = sorted[k] as number;
        shared[n++] = 1;
      }
    }
    // a single shared shingle between two long quotes is a stock phrase, which the rules never
    // link (judgePairs): dropped here when the cache knows the stored quote is long, most of a
    // batch's candidates, rather than carried through the text lookups and the pair loop
    if (cache && !isShortText(q.normalizedText)) {
      let kept = 0;
      for (let k = 0; k < n; k++) {
        const old = oldIds[k] as number;
        if ((shared[k] as number) < ECHO_CANDIDATES.minShared && cache.isLong(old)) continue;
        oldIds[kept] = old;
        shared[kept++] = shared[k] as number;
      }
      n = kept;
    }
    if (!n) return;
    pairs.set(q.id, { oldIds: oldIds.subarray(0, n), shared: shared.subarray(0, n) });
  });
  return { pairs, inserting };
}

/**
 * Stores the new quotes' shingles, each shingle's postings up to maxPostings + 1: a probe reads at
 * most that many and does not follow a shingle that has them, so further postings would never be
 * read (on the benchmark corpus they were 47% of the rows at 2,000 articles, more as it grows). A
 * shingle then has as many postings as it would have in full up to that number, whatever order
 * the articles came in. Two array parameters rather than a multi-row insert of thousands of rows:
 * building and sending that many bind parameters took longer than the insert. No `on conflict`:
 * a quote's shingles are distinct and its id new, and the check before each row (an index probe,
 * and a second write to confirm the row) was a third of the insert or more (docs/scaling.md).
 */
async function insertShingles(
  tx: Db,
  newQuotes: Array<{ id: number }>,
  shingles: string[][],
  postings: Map<string, number[]>,
): Promise<void> {
  const counted = new Map<string, number>();
  const hashes: string[] = [];
  const ids: number[] = [];
  newQuotes.forEach((q, i) => {
    for (const hash of shingles[i] ?? []) {
      const before = counted.get(hash) ?? postings.get(hash)?.length ?? 0;
      if (before > ECHO_CANDIDATES.maxPostings) continue;
      counted.set(hash, before + 1);
      hashes.push(hash);
      ids.push(q.id);
    }
  });
  if (!hashes.length) return;
  await tx.execute(sql`
    insert into ${quoteShingles} (hash, quote_id)
    select * from unnest(${bigintArray(hashes)}, ${intArray(ids)})`);
}

/**
 * Applies the echo rules to the candidate pairs, for insertLinks to store the links, exact copies
 * left to quote_echo_links. Most candidates share only stock phrases: trigram sets computed once per quote rule them out (mayEcho), and give pg_trgm's
 * similarity exactly where they are known, which settles a near pair; pg_trgm scores the others
 * (texts it reads with the server's locale, pairs that may be fragments).
 */
function judgePairs(pairs: CandidatePairs, texts: Map<number, string>, cache?: EchoCache) {
  const trigrams = new Map<number, Int32Array | null>();
  const trigramsOf = (id: number) => {
    let set = trigrams.get(id);
    if (set === undefined) {
      const text = texts.get(id) ?? '';
      set = cache ? cache.trigrams(id, text) : pgTrigrams(text);
      trigrams.set(id, set);
    }
    return set;
  };
  const short = new Set<number>();
  for (const [id, text] of texts) if (isShortText(text)) short.add(id);
  const near = {
    quoteIds: [] as number[],
    echoIds: [] as number[],
    similarity: [] as number[],
  };
  // pairs for pg_trgm, with the directions in which one may be a fragment of the other
  const judge = {
    newIds: [] as number[],
    oldIds: [] as number[],
    newInOld: [] as boolean[],
    oldInNew: [] as boolean[],
  };
  const counter = new TrigramCounter();
  for (const [newId, { oldIds, shared: sharedCounts }] of pairs) {
    const newText = texts.get(newId);
    const newShort = short.has(newId);
    const a = trigramsOf(newId);
    if (a) counter.set(a);
    for (let k = 0; k < oldIds.length; k++) {
      const oldId = oldIds[k] as number;
      if ((sharedCounts[k] as number) < ECHO_CANDIDATES.minShared && !newShort && !short.has(oldId)) continue;
      const oldText = texts.get(oldId);
      if (oldText === undefined || oldText === newText) continue;
      const b = trigramsOf(oldId);
      // what mayEcho, trigramSimilarity and mayBeFragment say, from one count of shared trigrams
      const shared = a && b ? counter.sharedIfMayEcho(b) : 0;
      if (a && b && (shared < 0 || !mayEchoSharing(a.length, b.length, shared))) continue;
      const similarity = a && b ? similarityOf(a.length, b.length, shared) : null;
      if (similarity === null || similarity < ECHO_THRESHOLDS.near) {
        const newInOld = !a || !b || mayBeFragmentSharing(newText ?? '', a.length, shared);
        const oldInNew = !a || !b || mayBeFragmentSharing(oldText, b.length, shared);
        if (!newInOld && !oldInNew) continue;
        judge.newIds.push(newId);
        judge.oldIds.push(oldId);
        judge.newInOld.push(newInOld);
        judge.oldInNew.push(oldInNew);
        continue;
      }
      near.quoteIds.push(newId, oldId);
      near.echoIds.push(oldId, newId);
      near.similarity.push(similarity, similarity);
    }
  }
  return { near, judge };
}

/**
 * Stores the links judgePairs settled and those pg_trgm judges now. Each is new and given once (a
 * pair is a new quote and an earlier one, met once, and each link names the pair one way), so no
 * `on conflict`, whose check before each row cost more than the row (as for the shingles).
 */
async function insertLinks(tx: Db, { near, judge }: ReturnType<typeof judgePairs>): Promise<void> {
  if (!near.quoteIds.length && !judge.newIds.length) return;
  await tx.execute(sql`
    with candidate as (
      select pair.new_id, pair.old_id, similarity(o.normalized_text, n.normalized_text) as similarity,
        pair.new_in_old and length(n.normalized_text) >= ${num(ECHO_THRESHOLDS.fragmentMinChars)}
          and word_similarity(n.normalized_text, o.normalized_text) >= ${num(ECHO_THRESHOLDS.fragment)} as new_in_old,
        pair.old_in_new and length(o.normalized_text) >= ${num(ECHO_THRESHOLDS.fragmentMinChars)}
          and word_similarity(o.normalized_text, n.normalized_text) >= ${num(ECHO_THRESHOLDS.fragment)} as old_in_new
      from unnest(${intArray(judge.newIds)}, ${intArray(judge.oldIds)},
        ${`{${judge.newInOld.join(',')}}`}::boolean[], ${`{${judge.oldInNew.join(',')}}`}::boolean[])
        pair(new_id, old_id, new_in_old, old_in_new)
      join ${quotes} n on n.id = pair.new_id
      join ${quotes} o on o.id = pair.old_id
    ),
    judged as (
      select *, similarity >= ${num(ECHO_THRESHOLDS.near)} as near from candidate
    )
    insert into ${quoteEchoes} (quote_id, echo_id, similarity, fragment)
    select new_id, old_id, similarity, not near from judged where near or new_in_old
    union all
    select old_id, new_id, similarity, not near from judged where near or old_in_new
    union all
    select quote_id, echo_id, similarity, false
    from unnest(${intArray(near.quoteIds)}, ${intArray(near.echoIds)},
      ${`{${near.similarity.join(',')}}`}::real[]) k(quote_id, echo_id, similarity)`);
}

/** The advisory lock key of the echo step (any constant no other code uses). */
const ECHO_LOCK = 0x71756f7465;

/** db.execute answers { rows } on both drivers, typed per driver; this reads it on either. */
export function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

export interface EchoSummary {
  /** The earliest of the articles carrying the quote or an echo of it, by publishedAt (unknown last), then ingestedAt. */
  firstArticleId: number;
  /**
   * How many articles carry the statement: the quote's, its echoes', and those of the first
   * report's echoes, so that a fragment that echoes only the full quote still counts every article
   * the full quote is in (fuzzy matching is not transitive; anchoring on the first report makes
   * the count the same as on the row quotes(filter: { distinct: true }) lists).
   */
  occurrenceCount: number;
}

export async function loadEchoSummaries(
  db: Db,
  quoteIds: readonly number[],
): Promise<(EchoSummary | null)[]> {
  const ids = [...new Set(quoteIds)];
  if (!ids.length) return [];
  const q = alias(quotes, 'q');
  const o = alias(quotes, 'o');
  const f = alias(quotes, 'f');
  const fo = alias(quotes, 'fo');
  const link = alias(quoteEchoLinks, 'link');
  const flink = alias(quoteEchoLinks, 'flink');
  // The quote's links (echoed), then, only when an echo was reported first, that echo's links.
  const result = await db.execute(sql`
    select ${q.id} as id, first_report.article_id as first_article_id,
      (select count(distinct carrier)::int
        from unnest(echoed.article_ids || first_report.article_id || coalesce(first_echoed.article_ids, '{}'::int[])) carrier
      ) as occurrences
    from ${quotes} q
    cross join lateral (
      select coalesce(array_agg(${o.id}), '{}'::int[]) as ids, coalesce(array_agg(${o.articleId}), '{}'::int[]) as article_ids
      from ${quoteEchoLinks} link join ${quotes} o on ${o.id} = ${link.echoId}
      where ${link.quoteId} = ${q.id} and ${echoLinkHolds(link, q, o)}
    ) echoed
    cross join lateral (
      select c.id, c.article_id from (
        select ${q.id} as id, ${q.articleId} as article_id
        union all
        select unnest(echoed.ids), unnest(echoed.article_ids)
      ) c
      join ${articles} a on a.id = c.article_id
      order by a.published_at asc nulls last, a.ingested_at asc, a.id asc, c.id asc
      limit 1
    ) first_report
    left join lateral (
      select array_agg(${fo.articleId}) as article_ids
      from ${quoteEchoLinks} flink
        join ${quotes} f on ${f.id} = ${flink.quoteId}
        join ${quotes} fo on ${fo.id} = ${flink.echoId}
      where ${flink.quoteId} = first_report.id and first_report.id <> ${q.id} and ${echoLinkHolds(flink, f, fo)}
    ) first_echoed on true
    where ${inArray(q.id, ids)}`);
  const rows = rowsOf<{ id: number; occurrences: number; first_article_id: number }>(result);
  const byId = new Map(
    rows.map((r) => [
      Number(r.id),
      { occurrenceCount: Number(r.occurrences), firstArticleId: Number(r.first_article_id) },
    ]),
  );
  return quoteIds.map((id) => byId.get(id) ?? null);
}
