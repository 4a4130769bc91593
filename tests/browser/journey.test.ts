import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { jest } from '@jest/globals';
import type { Browser, Page } from 'puppeteer-core';
import type { Database } from '../../src/db/client';
import { createTestApp } from '../support/app';
import { findChromium, goOffline, launchBrowser, listenOnLoopback } from '../support/browser';
import { openTestDatabase } from '../support/database';
import { HOSTILE_ARTICLE, ingestExamples } from '../support/web';

// A journalist's session in headless Chromium, offline: every non-loopback request is blocked.
const chromium = findChromium();
if (!chromium)
  console.log('browser tests skipped: no Chromium found (apt-get install chromium, or set CHROMIUM_PATH)');
const describeInBrowser = chromium ? describe : describe.skip;
// generous: a browser on a busy 2-core machine; nothing here measures time
const SLOW = 240_000;
jest.setTimeout(SLOW);

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

describeInBrowser('the web app in Chromium', () => {
  let database: Database;
  let browser: Browser;
  let server: Awaited<ReturnType<typeof listenOnLoopback>>;
  let page: Page;
  let blocked: string[];

  beforeAll(async () => {
    database = await openTestDatabase();
    const api = createTestApp(database);
    [browser] = await Promise.all([
      launchBrowser(chromium as string),
      ingestExamples(api, [HOSTILE_ARTICLE]),
    ]);
    server = await listenOnLoopback(api.app);
  }, SLOW);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await database?.close();
  });

  beforeEach(async () => {
    page = await browser.newPage();
    blocked = await goOffline(page);
  });

  afterEach(async () => {
    expect(blocked).toEqual([]);
    await page.close();
  });

  const open = async (path: string) => {
    const response = await page.goto(`${server.origin}${path}`, { waitUntil: 'load' });
    expect(response?.status()).toBe(200);
  };
  const text = (selector: string) =>
    page.$eval(selector, (e) => (e as HTMLElement).textContent?.replace(/\s+/g, ' ').trim() ?? '');
  const clickAndWait = (selector: string) =>
    Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click(selector)]);

  /** One page of each kind: search, results, entity, quote, article, and the 404 page. */
  const everyKindOfPage = async () => {
    await open('/entity/dmitry-peskov');
    const quote = await page.$eval('ol.quotes a[href^="/quote/"]', (a) => a.getAttribute('href'));
    const article = await page.$eval('ol.quotes a[href^="/article/"]', (a) => a.getAttribute('href'));
    return ['/', '/?q=peskov', '/entity/dmitry-peskov', quote, article, '/entity/nobody-at-all'];
  };

  test('search "peskov" → the entity page → a quote → its echoes → the article', async () => {
    await open('/');
    await page.focus('#q');
    await page.keyboard.type('peskov');
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    expect(await text('#entities')).toMatch(/Dmitry Peskov Person · 10 quotes · 4 articles/);

    await clickAndWait('#entities a[href="/entity/dmitry-peskov"]');
    expect(await text('h1')).toBe('Dmitry Peskov');
    expect(await text('.aliases')).toContain('Kremlin spokesman Dmitry Peskov');
    expect(await text('.roles')).toMatch(/spokesman, Kremlin stated in Kremlin Stays Vague/);
    expect(await text('.counts')).toMatch(/Quotes ?10/);
    expect(await page.$$eval('svg.timeline g.period', (g) => g.length)).toBeGreaterThan(0);
    const firstQuote = await text('ol.quotes > li');
    expect(firstQuote).toMatch(/Direct quote|Partial quote|Reported speech/);
    expect(firstQuote).toMatch(/confidence in the speaker \(\d+%\)/);

    // the chart reads out a period from the keyboard (its only script)
    await page.$eval('svg.timeline', (svg) => (svg as SVGElement).focus());
    await page.keyboard.press('Home');
    expect(await text('.chart-readout')).toMatch(/Jan 2025: \d+ mentions, \d+ quotes/);

    const echoed = await page.$$eval('ol.quotes a', (links) =>
      links
        .filter((a) => /Also in 3 other articles/.test(a.textContent ?? ''))
        .map((a) => a.getAttribute('href')),
    );
    expect(echoed.length).toBeGreaterThan(0);
    await clickAndWait(`ol.quotes a[href="${echoed[0]}"]`);
    expect(await text('.attribution')).toMatch(/— Dmitry Peskov, spokesman/i);
    const echoes = await page.$$eval('ol.echoes > li', (items) =>
      items.map((li) => li.textContent?.replace(/\s+/g, ' ') ?? ''),
    );
    expect(echoes.length).toBe(4);
    expect(echoes[0]).toMatch(/First reported/);
    expect(echoes.join('\n')).toMatch(/Harbor Point Gazette/);
    expect(await page.$$eval('ol.echoes ins, ol.echoes del', (marks) => marks.length)).toBeGreaterThan(0);

    await clickAndWait('ol.echoes > li:not(.self) .meta a[href^="/article/"]');
    expect(await text('h1')).not.toBe('');
    const marked = await page.$$eval('.article-body mark.q', (marks) => marks.map((m) => m.textContent));
    expect(marked.join(' ')).toMatch(/neither confirm nor deny/);
    expect(await page.$$eval('.quote-tag a[href="/entity/dmitry-peskov"]', (a) => a.length)).toBeGreaterThan(
      0,
    );
  });

  test('every page fits a 390 px phone screen without sideways scrolling', async () => {
    await page.setViewport({ width: 390, height: 844, deviceScaleFactor: 1 });
    for (const path of await everyKindOfPage()) {
      const response = await page.goto(`${server.origin}${path}`);
      expect(response?.ok() || response?.status() === 404).toBe(true);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect([path, width]).toEqual([path, 390]);
    }
  });

  test('no serious or critical axe-core violations on the results, entity, quote and article pages', async () => {
    // the search form and the 404 page share the layout these pages check
    for (const path of (await everyKindOfPage()).slice(1, -1)) {
      await page.goto(`${server.origin}${path}`);
      await page.addScriptTag({ content: axeSource });
      const violations = await page.evaluate(async () => {
        const axe = (
          window as unknown as {
            axe: {
              run: (
                context: Document,
                options: object,
              ) => Promise<{ violations: Array<{ id: string; impact: string; nodes: unknown[] }> }>;
            };
          }
        ).axe;
        const result = await axe.run(document, { resultTypes: ['violations'] });
        return result.violations
          .filter((v) => v.impact === 'serious' || v.impact === 'critical')
          .map((v) => `${v.id} (${v.impact}, ${v.nodes.length} nodes)`);
      });
      expect([path, violations]).toEqual([path, []]);
    }
  });

  test('markup in an article is shown as text and never runs', async () => {
    await open('/entity/ada-quill');
    expect(await text('ol.quotes')).toContain('Never trust <script>window.__pwned = true</script> in a page');
    await clickAndWait('ol.quotes a[href^="/article/"]');
    expect(await text('h1')).toBe(HOSTILE_ARTICLE.title);
    expect(await text('.article-body')).toContain('<img src=x onerror="window.__pwned = true">');
    expect(await page.evaluate(() => (window as { __pwned?: boolean }).__pwned)).toBeUndefined();
    expect(await page.$$eval('.article-body script, .article-body img, h1 b', (e) => e.length)).toBe(0);
  });

  test('pages work without JavaScript: search, filters and paging are plain links and forms', async () => {
    await page.setJavaScriptEnabled(false);
    await open('/');
    await page.type('#q', 'neither confirm');
    await Promise.all([page.waitForNavigation(), page.click('.search-box button')]);
    expect(await text('#quotes')).toMatch(/neither confirm/i);
    await open('/entity/dmitry-peskov');
    await page.select('#f-kind', 'PARTIAL');
    await clickAndWait('.filters button');
    expect(page.url()).toContain('kind=PARTIAL');
    expect(await text('.result-count')).toBe('1 quote match these filters, newest first.');
  });

  test('the keyboard reaches the content first: the skip link, then the search box', async () => {
    await open('/entity/dmitry-peskov');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('site-q');
  });

  test('GraphiQL renders offline from local assets, with the example query', async () => {
    await open('/graphql');
    // GraphiQL renders its editor after its scripts load: wait for the rendered editor, not the page
    await page.waitForFunction(
      () => document.querySelector('.graphiql-container')?.textContent?.includes('dmitry-peskov'),
      { timeout: 120_000 },
    );
    expect(await text('.graphiql-container')).toContain('dmitry-peskov');
  });
});
