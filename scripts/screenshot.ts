// npm run screenshot: docs/entity-page.png, the entity page on the example articles, taken with the
// browser tests' setup (Debian's chromium through puppeteer-core) from an in-memory database.
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../src/db/client';
import { migrate } from '../src/db/migrate';
import { loadExamplesIfEmpty } from '../src/services/bootstrap';
import { createQuoteEvents } from '../src/services/quote-events';
import { createApp } from '../src/yoga';
import { findChromium, goOffline, launchBrowser, listenOnLoopback } from '../tests/support/browser';

const output = fileURLToPath(new URL('../docs/entity-page.png', import.meta.url));

async function main(): Promise<void> {
  const chromium = findChromium();
  if (!chromium) throw new Error('no Chromium found: apt-get install chromium, or set CHROMIUM_PATH');
  const database = await openDatabase();
  await migrate(database);
  await loadExamplesIfEmpty(database, () => {});
  const server = await listenOnLoopback(createApp({ db: database.db, events: createQuoteEvents() }));
  const browser = await launchBrowser(chromium);
  try {
    const page = await browser.newPage();
    await goOffline(page);
    await page.setViewport({ width: 1100, height: 1500, deviceScaleFactor: 1 });
    await page.goto(`${server.origin}/entity/dmitry-peskov`, { waitUntil: 'load' });
    await page.screenshot({ path: output as `${string}.png`, fullPage: false });
    console.log(`wrote ${output}`);
  } finally {
    await browser.close();
    await server.close();
    await database.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
