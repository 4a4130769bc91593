// A made-up news corpus for the echo benchmark: quotes built from word lists with a seeded
// generator, so every run stores the same text. About one quote in twelve restates an earlier
// one (a word changed, repunctuated, or cut to a fragment), as outlets do.
import { sql } from 'drizzle-orm';
import type { Db } from '../src/db/client';
import { articles, entities, quoteEchoes, quoteShingles, quotes } from '../src/db/schema';
import { seededRandom } from '../src/seeded-random';
import { normalizeQuoteText, sha256 } from '../src/services/normalize';

const subjects = [
  'we',
  'i',
  'the government',
  'our team',
  'the council',
  'this administration',
  'the ministry',
  'my colleagues',
  'the committee',
  'the company',
  'our party',
  'the people of this country',
  'the police',
  'the board',
  'nobody in this room',
  'the opposition',
  'our allies',
  'the union',
  'the prime minister',
  'the president',
  'local families',
  'the hospital',
  'the court',
  'investors',
];
const modals = [
  'will',
  'cannot',
  'must',
  'should',
  'are going to',
  'have decided to',
  'will not',
  'intend to',
  'are ready to',
  'refuse to',
  'hope to',
  'need to',
  'plan to',
  'are determined to',
  'can',
];
const verbs = [
  'protect',
  'reopen',
  'review',
  'support',
  'cut',
  'raise',
  'defend',
  'rebuild',
  'investigate',
  'fund',
  'close',
  'expand',
  'negotiate',
  'delay',
  'approve',
  'reject',
  'restore',
  'replace',
  'challenge',
  'publish',
  'reform',
  'secure',
  'announce',
  'deliver',
  'improve',
  'stop',
  'sell',
];
const adjectives = [
  'new',
  'public',
  'local',
  'national',
  'old',
  'entire',
  'proposed',
  'current',
  'final',
  'whole',
  'annual',
  'regional',
  'independent',
  'emergency',
  'temporary',
  'main',
  'federal',
  'small',
  'fair',
  'difficult',
  'full',
  'free',
  'safe',
  'rural',
  'urban',
  'historic',
  'broken',
  'costly',
];
const nouns = [
  'budget',
  'bridge',
  'hospital',
  'school',
  'contract',
  'agreement',
  'tax',
  'pension',
  'railway',
  'port',
  'border',
  'election',
  'inquiry',
  'report',
  'program',
  'plant',
  'market',
  'water supply',
  'housing plan',
  'army',
  'police force',
  'court ruling',
  'trade deal',
  'ceasefire',
  'energy price',
  'minimum wage',
  'highway',
  'airport',
  'factory',
  'library',
  'museum',
  'clinic',
  'subsidy',
  'loan',
  'vaccine',
  'harbor',
  'tunnel',
  'reservoir',
  'power station',
  'fishing quota',
  'steel mill',
];
const phrases = [
  'before the end of the year',
  'by next spring',
  'as soon as possible',
  'without any delay',
  'for every family',
  'in the coming weeks',
  'whatever it costs',
  'for the next generation',
  'despite the pressure',
  'in close cooperation with our partners',
  'within our means',
  'after the summer',
  'in every region',
  'for the first time in a decade',
  'under any circumstances',
  'this year',
  'next month',
  'on behalf of the taxpayers',
  'at the earliest opportunity',
  'with or without their help',
  'once the investigation is over',
  'until the talks resume',
];
const openers = [
  'let me be clear',
  'frankly',
  'to be honest',
  'in my view',
  'as i said yesterday',
  'of course',
  'make no mistake',
  'quite simply',
  'believe me',
  'for us',
  'above all',
  'at the end of the day',
];
const closers = [
  'and that is a promise',
  'and we will keep our word',
  'because people deserve better',
  'and nobody should doubt it',
  'which is what voters asked for',
  'and the numbers prove it',
  'but we need time',
  'and we will not apologise for that',
  'even if it is unpopular',
];
const firstNames = ['anna', 'marek', 'lena', 'paul', 'sofia', 'david', 'amara', 'yusuf', 'ines', 'tomas'];
const lastNames = [
  'ortiz',
  'brandt',
  'kowalski',
  'nguyen',
  'okafor',
  'silva',
  'haddad',
  'larsen',
  'moreau',
  'ito',
];

/** The seeded generator the corpus is drawn with: the same seed, the same corpus. */
export const rng = seededRandom;

export type Random = ReturnType<typeof rng>;
const pick = <T>(r: Random, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;

function clause(r: Random): string {
  const object = `the ${r() < 0.6 ? `${pick(r, adjectives)} ` : ''}${pick(r, nouns)}`;
  return `${pick(r, subjects)} ${pick(r, modals)} ${pick(r, verbs)} ${object}${r() < 0.6 ? ` ${pick(r, phrases)}` : ''}`;
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export function newQuote(r: Random): string {
  const parts = [clause(r)];
  if (r() < 0.5) parts.push(`and ${clause(r)}`);
  if (r() < 0.25) parts.unshift(`${pick(r, openers)},`);
  if (r() < 0.3) parts.push(pick(r, closers));
  const first = capitalize(parts.join(' '));
  return r() < 0.35 ? `${first}. ${capitalize(clause(r))}.` : `${first}.`;
}

/** Another outlet's version of a quote: a word changed, repunctuated, or trimmed to a fragment. */
export function restate(r: Random, text: string): string {
  const words = text.split(' ');
  const roll = r();
  if (roll < 0.35) {
    const i = Math.floor(r() * words.length);
    words[i] = pick(r, [...nouns, ...verbs, ...adjectives]).split(' ')[0] as string;
    return words.join(' ');
  }
  if (roll < 0.6) return `${text.toLowerCase().replace(/[.,]/g, '...').replace(/\s+/g, ' ')}!`;
  const length = Math.max(4, Math.ceil(words.length * (0.4 + r() * 0.4)));
  const start = Math.floor(r() * (words.length - length + 1));
  return words.slice(start, start + length).join(' ');
}

export interface CorpusQuote {
  text: string;
  speaker: number | null;
  /** The index of the quote this one restates. */
  restates?: number;
}

/** `count` quotes in articles of `perArticle`; speakers are indexes into the corpus's people. */
export function corpusQuotes(count: number, seed = 1): CorpusQuote[] {
  const r = rng(seed);
  const out: CorpusQuote[] = [];
  for (let i = 0; i < count; i++) {
    const restates = out.length && r() < 0.08 ? Math.floor(r() * out.length) : undefined;
    const earlier = restates === undefined ? undefined : out[restates];
    out.push(
      earlier
        ? { text: restate(r, earlier.text), speaker: r() < 0.8 ? earlier.speaker : null, restates }
        : { text: newQuote(r), speaker: r() < 0.8 ? Math.floor(r() * 400) : null },
    );
  }
  return out;
}

export function personName(i: number): string {
  const first = firstNames[i % firstNames.length] as string;
  const last = lastNames[Math.floor(i / firstNames.length) % lastNames.length] as string;
  return `${capitalize(first)} ${capitalize(last)} ${Math.floor(i / 100) || ''}`.trim();
}

/**
 * Stores the corpus straight into the tables (no extraction: this is about the echo search),
 * `perArticle` quotes to an article, one day apart per 50 articles, and links each restatement
 * with the quote it restates, both ways (what ingest would store for most of them, without
 * running the search 50,000 times), and stores every quote's shingles. Returns the quotes as stored.
 */
export async function storeCorpus(
  db: Db,
  count: number,
  perArticle = 10,
  seed = 1,
): Promise<Array<CorpusQuote & { id: number }>> {
  const people = await db
    .insert(entities)
    .values(
      Array.from({ length: 400 }, (_, i) => ({
        kind: 'person' as const,
        name: personName(i),
        normalizedName: personName(i).toLowerCase(),
        slug: `bench-person-${i}`,
      })),
    )
    .returning({ id: entities.id });
  const quoteList = corpusQuotes(count, seed);
  const ids: number[] = [];
  for (let a = 0; a * perArticle < quoteList.length; a += 100) {
    const batch = Array.from({ length: 100 }, (_, k) => a + k).filter(
      (k) => k * perArticle < quoteList.length,
    );
    const stored = await db
      .insert(articles)
      .values(
        batch.map((k) => ({
          slug: `bench-article-${seed}-${k}`,
          contentHash: sha256(`bench ${seed} ${k}`),
          title: `Bench article ${k}`,
          body: 'Generated for the echo benchmark.',
          paragraphs: [],
          publishedAt: new Date(Date.UTC(2020, 0, 1) + Math.floor(k / 50) * 86_400_000 + k * 1000),
        })),
      )
      .returning({ id: articles.id });
    const rows = batch.flatMap((k, j) =>
      quoteList.slice(k * perArticle, (k + 1) * perArticle).map((q, i) => {
        const normalizedText = normalizeQuoteText(q.text);
        return {
          articleId: stored[j]?.id as number,
          speakerId: q.speaker === null ? null : (people[q.speaker]?.id ?? null),
          kind: 'direct' as const,
          text: q.text,
          start: i * 300,
          end: i * 300 + q.text.length,
          confidence: 0.9,
          normalizedText,
          normalizedHash: sha256(normalizedText),
        };
      }),
    );
    const storedQuotes = await db.insert(quotes).values(rows).returning({ id: quotes.id });
    ids.push(...storedQuotes.map((q) => q.id));
  }
  const pairs = quoteList.flatMap((q, i) => (q.restates === undefined ? [] : [[ids[i], ids[q.restates]]]));
  const [from, to] = [pairs.map((p) => p[0]), pairs.map((p) => p[1])];
  await db.execute(sql`
    insert into ${quoteEchoes} (quote_id, echo_id, similarity, fragment)
    select a.id, b.id, similarity(a.normalized_text, b.normalized_text),
      similarity(a.normalized_text, b.normalized_text) < 0.5
    from (select unnest(${`{${from.join(',')}}`}::int[]) x, unnest(${`{${to.join(',')}}`}::int[]) y
      union select unnest(${`{${to.join(',')}}`}::int[]), unnest(${`{${from.join(',')}}`}::int[])) p
    join ${quotes} a on a.id = p.x join ${quotes} b on b.id = p.y
    where a.article_id <> b.article_id and a.normalized_hash <> b.normalized_hash
    on conflict do nothing`);
  await db.execute(sql`
    insert into ${quoteShingles} (hash, quote_id)
    select s.hash, q.id from ${quotes} q cross join lateral echo_shingles(q.normalized_text) s(hash)`);
  await db.execute(sql`analyze`);
  return quoteList.map((q, i) => ({ ...q, id: ids[i] as number }));
}
