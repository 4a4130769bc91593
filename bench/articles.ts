// Made-up news articles for the scale benchmark (npm run bench:scale), as Markdown with front
// matter, so that they go through the whole ingest path: parse, extraction, entity resolution,
// storage and echo linking. Seeded: the same arguments give the same articles.
//
// What makes them look like a news stream:
// - Speakers: a pool of people (first × last names, a fixed role at an organization each), picked
//   with Zipf-like popularity (weight 1/rank), so a few people are quoted in many articles and
//   most in a handful.
// - Stories: each article belongs to a story (also Zipf-picked); articles of one story share the
//   headline (sometimes with an outlet's prefix), its place and its main people.
// - Recurring quotes: about one quote in four is one of its story's statements, repeated by
//   another outlet word for word or restated (a word changed, repunctuated, cut to a fragment).
// - About 12 quotes an article, in the attribution forms news writing uses, between filler
//   sentences.
import { newQuote, type Random, restate, rng } from './corpus';

const firstNames =
  `Anna Marek Lena Paul Sofia David Amara Yusuf Ines Tomas Maria James Elena Omar Clara Victor
Nadia Peter Laura Hassan Julia Mikhail Grace Daniel Aisha Lukas Rosa Samuel Irene Felix Hana Pablo Eva Adam
Leila Martin Chloe Ivan Zara Henrik`.split(/\s+/);
const lastNames = `Ortiz Brandt Kowalski Nguyen Okafor Silva Haddad Larsen Moreau Ito Fischer Novak Petrov
Mensah Romano Lindqvist Carter Dubois Jensen Alvarez Schmidt Kaplan Tanaka Ferreira Murphy Horvat Sato Weber
Costa Ibrahim Nielsen Rossi Keller Varga Hughes Marin Bauer Quinn Osei Duarte Holm Yilmaz Becker Lund Sousa
Walsh Meyer Castro Berg Hoffman Reyes Kraus Mills Stone Vogel Park Frost Lopez Weiss Reed`.split(/\s+/);
const titles = [
  'spokesman',
  'spokeswoman',
  'minister',
  'chairman',
  'director',
  'mayor',
  'governor',
  'adviser',
  'chief executive',
  'senator',
];
const organizations =
  `Northbridge Council|Meridian Energy|Harbor Point Authority|Eastfield Ministry of Transport|
Coastal Workers Union|Westmark Bank|Riverside Hospital Trust|Granite Party|Summit Alliance|Lakeside Police|
Northern Rail|Atlas Steel|Bayview Port Company|Crown Water Board|Silverline Airlines|Valley Farmers Association|
Central Statistics Office|Pinecrest University|Ironwood Court|Redcliff Housing Agency`
    .split('|')
    .map((s) => s.trim());
const places =
  `Northbridge Harbor Point Eastfield Westmark Riverside Lakeside Redcliff Pinecrest Bayview Ironwood
Summitville Oakridge Millbrook Stonehaven Fairport Ashford Brightwater Kingsbury Elmstead`
    .split(/\s+/)
    .map((s) => s.trim());
const outlets =
  `The Northbridge Ledger|Harbor Point Gazette|Meridian Wire|Eastfield Courier|The Daily Lantern|
Riverside Chronicle|Coastal Herald|The Morning Dispatch|Summit Times|Valley Observer|The Evening Standard Post|
Lakeside Tribune|Westmark Journal|Granite Examiner|The Weekly Beacon`
    .split('|')
    .map((s) => s.trim());
const headlineVerbs = ['Faces Questions Over', 'Defends', 'Pushes Back on', 'Unveils', 'Delays', 'Backs'];
const headlineObjects = [
  'Budget Plan',
  'Bridge Repairs',
  'Hospital Funding',
  'Port Expansion',
  'Rail Strike',
  'Housing Plan',
  'Water Prices',
  'Energy Subsidy',
  'Tax Reform',
  'School Closures',
  'Border Checks',
  'Steel Mill Sale',
];
const fillers = [
  'The announcement came after weeks of talks behind closed doors.',
  'Officials did not give a timetable for the next steps.',
  'Critics have questioned the cost of the plan, which has not been published in full.',
  'The debate is expected to continue when the council meets again next week.',
  'Several residents gathered outside the building while the meeting went on.',
  'Figures released on Tuesday showed little change from the previous quarter.',
  'The proposal still needs the approval of a parliamentary committee.',
  'Talks are due to resume on Thursday.',
];

const pick = <T>(r: Random, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;

/** Picks 0..n-1 with probability proportional to 1/(rank+1) (Zipf, s = 1), by inverting the harmonic CDF. */
function zipf(r: Random, n: number, harmonic: number[]): number {
  const target = r() * (harmonic[n - 1] as number);
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((harmonic[mid] as number) < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function harmonicSums(n: number): number[] {
  const out: number[] = [];
  let sum = 0;
  for (let i = 1; i <= n; i++) {
    sum += 1 / i;
    out.push(sum);
  }
  return out;
}

interface Person {
  name: string;
  last: string;
  title: string;
  organization: string;
}

interface Story {
  headline: string;
  place: string;
  people: number[];
  statements: Array<{ text: string; speaker: number }>;
  day: number;
}

export interface ScaleCorpusOptions {
  articles: number;
  seed?: number;
  quotesPerArticle?: number;
}

export interface GeneratedArticle {
  /** Markdown with front matter, as `npm run ingest` reads a .md file. */
  content: string;
  url: string;
}

/** The sizes the generator derives from the article count; printed by the benchmark. */
export function corpusShape(articles: number) {
  return {
    people: Math.min(firstNames.length * lastNames.length, Math.max(200, Math.round(articles / 5))),
    stories: Math.max(20, Math.round(articles / 8)),
  };
}

/** Generates the articles lazily, in publication order, so a large corpus is never held in memory. */
export function* generateArticles(options: ScaleCorpusOptions): Generator<GeneratedArticle> {
  const r = rng(options.seed ?? 7);
  const perArticle = options.quotesPerArticle ?? 12;
  const shape = corpusShape(options.articles);
  const people: Person[] = Array.from({ length: shape.people }, (_, i) => {
    // a stride coprime with the name count spreads the pool over first and last names
    const k = (i * 7919) % (firstNames.length * lastNames.length);
    const first = firstNames[k % firstNames.length] as string;
    const last = lastNames[Math.floor(k / firstNames.length)] as string;
    return { name: `${first} ${last}`, last, title: pick(r, titles), organization: pick(r, organizations) };
  });
  const peopleH = harmonicSums(people.length);
  const stories: Story[] = [];
  const storiesH = harmonicSums(shape.stories);
  const newStory = (day: number): Story => {
    const main = Array.from({ length: 2 + Math.floor(r() * 3) }, () => zipf(r, people.length, peopleH));
    const place = pick(r, places);
    const who = people[main[0] as number] as Person;
    return {
      headline: `${who.organization} ${pick(r, headlineVerbs)} ${place} ${pick(r, headlineObjects)}`,
      place,
      people: main,
      statements: Array.from({ length: 4 }, () => ({ text: newQuote(r), speaker: pick(r, main) })),
      day,
    };
  };
  for (let a = 0; a < options.articles; a++) {
    const day = Math.floor(a / 40);
    // new stories keep arriving; popular (low-rank) recent stories get most articles
    if (stories.length < shape.stories && (stories.length === 0 || r() < 0.15))
      stories.unshift(newStory(day));
    const story = stories[zipf(r, stories.length, storiesH)] as Story;
    const outlet = pick(r, outlets);
    const headline =
      r() < 0.6 ? story.headline : `${pick(r, ['Live', 'Analysis', 'Update'])}: ${story.headline}`;
    const published = new Date(Date.UTC(2024, 0, 1) + day * 86_400_000 + (a % 40) * 1_800_000);
    const mentioned = new Set<number>();
    const paragraphs: string[] = [];
    const lead = people[story.people[0] as number] as Person;
    paragraphs.push(
      `${story.place} — ${capitalize(lead.title)} ${lead.name} of the ${lead.organization} spoke on ${weekday(published)} as the row over the ${story.headline.split(' ').slice(-2).join(' ').toLowerCase()} went on.`,
    );
    mentioned.add(story.people[0] as number);
    for (let q = 0; q < perArticle; q++) {
      let text: string;
      let speaker: number;
      if (r() < 0.25) {
        const statement = pick(r, story.statements);
        text = r() < 0.5 ? statement.text : restate(r, statement.text);
        speaker = statement.speaker;
      } else {
        text = newQuote(r);
        speaker = r() < 0.5 ? pick(r, story.people) : zipf(r, people.length, peopleH);
      }
      paragraphs.push(attributed(r, text, people[speaker] as Person, mentioned.has(speaker)));
      mentioned.add(speaker);
      if (r() < 0.3) paragraphs.push(pick(r, fillers));
    }
    const slug = outlet.toLowerCase().replace(/[^a-z]+/g, '-');
    const url = `https://${slug}.example/${published.toISOString().slice(0, 10)}/${a}`;
    const content = [
      '---',
      `title: ${headline}`,
      `publishedAt: ${published.toISOString()}`,
      `url: ${url}`,
      `outlet: ${outlet}`,
      '---',
      '',
      `# ${headline}`,
      '',
      ...paragraphs.flatMap((p) => [p, '']),
    ].join('\n');
    yield { content, url };
  }
}

function attributed(r: Random, quote: string, who: Person, known: boolean): string {
  const body = quote.replace(/[.!]$/, '');
  const name = known ? who.last : who.name;
  const roll = r();
  if (!known && roll < 0.5) return `“${body},” ${who.organization} ${who.title} ${who.name} said.`;
  if (roll < 0.4) return `“${body},” ${name} said.`;
  if (roll < 0.7) return `${name} told reporters: “${body}.”`;
  return `“${body},” said ${name}.`;
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function weekday(d: Date): string {
  return ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'][
    d.getUTCDay()
  ] as string;
}
