import { jest } from '@jest/globals';
import type { Database } from '../../src/db/client';
import { createTestApp } from '../support/app';
import { openTestDatabase } from '../support/database';
import { getPage, HOSTILE_ARTICLE, ingestExamples, PROLIFIC_ARTICLE } from '../support/web';

let database: Database;
let api: ReturnType<typeof createTestApp>;

beforeAll(async () => {
  database = await openTestDatabase();
  api = createTestApp(database);
  await ingestExamples(api, [HOSTILE_ARTICLE, PROLIFIC_ARTICLE]);
});

afterAll(() => database.close());

const hrefs = (body: string, prefix: string) =>
  [...body.matchAll(/href="([^"]*)"/g)]
    .map((m) => (m[1] ?? '').replace(/&amp;/g, '&'))
    .filter((h) => h.startsWith(prefix));

test('search groups entities, quotes and articles, tolerates a misspelled name and marks the matches', async () => {
  const page = await getPage(api, '/?q=peskow');
  expect(page.status).toBe(200);
  expect(page.body).toContain('href="/entity/dmitry-peskov"');
  expect(page.text).toMatch(/People, organizations and places 1 .*Dmitry Peskov/);

  const phrase = await getPage(api, `/?q=${encodeURIComponent('"neither confirm nor deny"')}`);
  expect(phrase.body).toMatch(/<section class="results" id="quotes"[\s\S]*<mark>confirm<\/mark>/);
  expect(hrefs(phrase.body, '/quote/').length).toBeGreaterThanOrEqual(3);
  expect(hrefs(phrase.body, '/article/').length).toBeGreaterThanOrEqual(3);
});

test('search results page on their own cursor per group', async () => {
  const first = await getPage(api, '/?q=district');
  expect(first.text).toMatch(/Quotes 25 /);
  const more = hrefs(first.body, '/?').find((h) => h.includes('quotesAfter='));
  expect(more).toBeDefined();
  const second = await getPage(api, more ?? '');
  expect(second.status).toBe(200);
  const firstQuotes = hrefs(first.body, '/quote/');
  const secondQuotes = hrefs(second.body, '/quote/');
  expect(secondQuotes.length).toBeGreaterThan(0);
  expect(secondQuotes.filter((q) => firstQuotes.includes(q))).toEqual([]);
});

test('the entity page shows who the entity is, its roles with their articles, counts, chart, co-mentions and quotes', async () => {
  const page = await getPage(api, '/entity/dmitry-peskov');
  expect(page.status).toBe(200);
  expect(page.text).toContain('Dmitry Peskov');
  expect(page.text).toMatch(/Also called .*Kremlin spokesman Dmitry Peskov/);
  expect(page.text).toMatch(
    /spokesman , Kremlin stated in Kremlin Stays Vague on Trump's Claim of a Call With Putin/,
  );
  expect(page.text).toMatch(/Quotes 10 Articles 4 Mentions 6/);
  expect(page.body).toMatch(/<svg [^>]*class="timeline"/);
  expect(page.text).toMatch(/Jan 2025 4 8/);
  expect(page.text).toMatch(/Often mentioned with Donald Trump 4 shared articles/);
  expect(page.text).toMatch(/Top outlets .*Meridian Wire 1 article/);
  expect(page.text).toContain('10 quotes, newest first.');
  expect(page.text).toContain('Partial quote');
  expect(page.text).toContain('Reported speech');
  expect(page.text).toMatch(/high confidence in the speaker \(\d+%\)/);
  expect(page.text).toMatch(
    /Also in 3 other articles · First reported by The Northbridge Ledger, 27 Jan 2025/,
  );
  expect(page.text).toContain('First reported here');

  const weekly = await getPage(api, '/entity/dmitry-peskov?granularity=WEEK');
  expect(weekly.text).toContain('week of 27 Jan 2025');
});

test('quote filters: kind, "said about" another entity and a date range', async () => {
  const partial = await getPage(api, '/entity/dmitry-peskov?kind=PARTIAL');
  expect(partial.text).toContain('1 quote match these filters');
  expect(partial.text).toContain('can neither confirm nor deny');
  expect(partial.text).not.toContain('Direct quote high');

  const dated = await getPage(api, '/entity/dmitry-peskov?from=2025-01-28&to=2025-01-28');
  expect(dated.text).toMatch(/2 quotes match these filters/);
  expect(dated.text).not.toContain('Meridian Wire, 29 Jan 2025');

  const about = await getPage(api, '/entity/dmitry-peskov?about=washington');
  expect(about.status).toBe(200);
  expect(about.text).toMatch(/1 quote match these filters/);
  expect(about.text).toContain('as the administration in Washington unfolds its work');

  const badDate = await getPage(api, '/entity/dmitry-peskov?from=yesterday');
  expect(badDate.status).toBe(400);
  expect(badDate.text).toContain('The from date "yesterday" should look like 2025-01-27.');
});

test('deep paging follows the cursors forward and back', async () => {
  const first = await getPage(api, '/entity/jane-roe');
  expect(first.text).toContain('25 quotes, newest first.');
  expect(first.body.match(/class="quote-item"/g)).toHaveLength(20);
  const older = hrefs(first.body, '/entity/jane-roe?after=');
  expect(older).toHaveLength(1);
  const second = await getPage(api, older[0] ?? '');
  expect(second.body.match(/class="quote-item"/g)).toHaveLength(5);
  const newer = hrefs(second.body, '/entity/jane-roe?before=');
  expect(newer).toHaveLength(1);
  const back = await getPage(api, newer[0] ?? '');
  expect(back.body.match(/class="quote-item"/g)).toHaveLength(20);

  const bogus = await getPage(api, '/entity/jane-roe?after=bm90LWEtY3Vyc29y');
  expect(bogus.status).toBe(400);
  expect(bogus.text).toContain('That page of quotes no longer exists');
});

test('the quote page shows the sentence, the speaker as what, and the echoes in order with wording differences', async () => {
  const entity = await getPage(api, '/entity/dmitry-peskov?kind=DIRECT&from=2025-01-27&to=2025-01-27');
  const quoteLink = hrefs(entity.body, '/quote/')[0];
  const page = await getPage(api, quoteLink ?? '');
  expect(page.status).toBe(200);
  expect(page.text).toMatch(/— Dmitry Peskov , spokesman, Kremlin/);
  expect(page.body).toMatch(/<dd class="context">[^<]*<mark>/);
  const echoes = page.text.slice(page.text.indexOf('Where else it was reported'));
  const outlets = [
    ...echoes.matchAll(/(The Northbridge Ledger|Harbor Point Gazette|Meridian Wire|Unknown outlet) , /g),
  ].map((m) => m[1]);
  expect(outlets[0]).toBe('The Northbridge Ledger');
  expect(outlets).toEqual(expect.arrayContaining(['Harbor Point Gazette', 'Meridian Wire']));
  expect(echoes).toMatch(/First reported This quote The Northbridge Ledger/);
  expect(page.body).toMatch(/<(ins|del) title=/);
});

test('the article page marks each quote, links its speaker and the entities it names', async () => {
  const page = await getPage(api, '/entity/dmitry-peskov?kind=PARTIAL');
  const quoteList = page.body.slice(page.body.indexOf('<ol class="quotes">'));
  const articleLink = hrefs(quoteList, '/article/')[0];
  const article = await getPage(api, articleLink ?? '');
  expect(article.status).toBe(200);
  expect(article.text).toContain('NATO Chief Urges Unity');
  expect(article.body).toMatch(/<mark class="q q-partial">can neither confirm nor deny<\/mark>/);
  expect(article.body).toMatch(
    /<sup class="quote-tag">\[<a href="\/entity\/dmitry-peskov">Dmitry Peskov<\/a>/,
  );
  expect(article.body).toContain('<a href="/entity/vladimir-putin">');
});

test('markup in articles and quotes is shown as text, never run', async () => {
  const entity = await getPage(api, '/entity/ada-quill');
  const articlePath = hrefs(entity.body, '/article/')[0] ?? '';
  const quotePath = hrefs(entity.body, '/quote/')[0] ?? '';
  for (const path of ['/?q=trust', articlePath, quotePath]) {
    const page = await getPage(api, path);
    expect([path, page.status]).toEqual([path, 200]);
    expect(page.body).not.toMatch(/<script>window|<img src=x|<b>headline|<i>Times/);
  }
  expect((await getPage(api, articlePath)).text).toContain(
    'Markup <script>window.__pwned = true</script> in a <b>headline</b>',
  );
  expect(entity.body).toContain('Never trust &lt;script&gt;window.__pwned = true&lt;/script&gt;');
  expect(entity.text).toContain('and never trust a & b < c either');
});

test('unknown pages, slugs and quotes give a 404 page; the page of an API failure names no internals', async () => {
  for (const path of [
    '/entity/no-such-person',
    '/quote/UXVvdGU6OTk5OTk5',
    '/quote/garbage!!',
    '/article/no-such-article',
    '/nowhere/at-all',
  ]) {
    const page = await getPage(api, path);
    if (path === '/nowhere/at-all') {
      expect(page.status).toBe(404);
      continue;
    }
    expect(page.status).toBe(404);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.text).toMatch(/No such (person, organization or place|quote|article)/);
  }

  const broken = await openTestDatabase();
  const down = createTestApp(broken);
  await broken.close();
  const errors = jest.spyOn(console, 'error').mockImplementation(() => {});
  const page = await getPage(down, '/entity/dmitry-peskov');
  errors.mockRestore();
  expect(page.status).toBe(503);
  expect(page.text).toContain('The data service did not answer');
  expect(page.body).not.toMatch(/\bat .*\.ts:\d+|Error:/);
});

test('a merged entity’s slug redirects to the entity it was merged into', async () => {
  const editor = await api.editorHeaders();
  const ids = await api.query<{ a: { id: string }; b: { id: string } }>(
    `{ a: entity(slug: "jane-roe") { id } b: entity(slug: "ada-quill") { id } }`,
  );
  await api.query(
    `mutation($input: MergeEntitiesInput!) { mergeEntities(input: $input) { userErrors { message } } }`,
    { input: { target: ids.a.id, sources: [ids.b.id] } },
    editor,
  );
  const page = await getPage(api, '/entity/ada-quill?kind=DIRECT');
  expect(page.status).toBe(301);
  expect(page.headers.get('location')).toBe('/entity/jane-roe?kind=DIRECT');
});

test('GraphiQL opens with the example query and every asset it references comes from this server', async () => {
  const page = await getPage(api, '/graphql');
  expect(page.status).toBe(200);
  expect(page.body).toContain('dmitry-peskov');
  expect(page.body).not.toMatch(/(src|href)="https?:/);
  expect(page.body).not.toMatch(/https?:\/\/(?!localhost|127\.0\.0\.1)[^"'\s]*\.(js|css|ico)/);
  const assets = [
    ...[...page.body.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1] ?? ''),
    ...[...page.body.matchAll(/'(\/graphiql\/[^']+)'/g)].map((m) => m[1] ?? ''),
  ].filter((a) => a.startsWith('/') && a !== '/');
  expect(assets.length).toBeGreaterThanOrEqual(6);
  for (const asset of assets) {
    const response = await api.app.fetch(`http://quotegraph.test${asset}`);
    expect([asset, response.status]).toEqual([asset, 200]);
    expect((await response.arrayBuffer()).byteLength).toBeGreaterThan(100);
  }
});
