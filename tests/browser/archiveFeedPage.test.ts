import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeedDocument } from '../../lib/feeds/feedDocument.js';
import { renderAtom } from '../../lib/feeds/renderAtom.js';
import { renderFeedXsl } from '../../lib/feeds/renderFeedXsl.js';
import { renderRss } from '../../lib/feeds/renderRss.js';
import { ARTIFACTS, chromiumAvailable, screenshotIfFailed, sharedChromium } from '../support/browser.js';
import { feedDoc } from '../support/feedDoc.js';
import { serveFolder, type StaticServer } from '../support/staticServer.js';

/**
 * A month's archive feed (RFC 5005 §4: fh:archive, rel="current") opened in Debian's Chromium through feed.xsl: an
 * archive never gets another entry, so the page says it is one and gives the current feed to subscribe to, not its own URL.
 */
const available = chromiumAvailable('tests/browser/archiveFeedPage.test.ts');

const SITE = { rss: 'https://watch.example.org/rss.xml', atom: 'https://watch.example.org/atom.xml', json: 'https://watch.example.org/feed.json' };
const MONTH = { rss: 'https://watch.example.org/archives/2014-05/rss.xml', atom: 'https://watch.example.org/archives/2014-05/atom.xml', json: 'https://watch.example.org/archives/2014-05/feed.json' };

describe.skipIf(!available)("feed.xsl's page of an archive feed", () => {
  let dir: string;
  let server: StaticServer;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'broadsheet-archive-xsl-'));
    const archive: FeedDocument = feedDoc({ urls: MONTH, history: { current: SITE } });
    const files = { 'feed.xsl': renderFeedXsl('en'), 'archive-rss.xml': renderRss(archive), 'archive-atom.xml': renderAtom(archive), 'rss.xml': renderRss(feedDoc({ urls: SITE })), 'atom.xml': renderAtom(feedDoc({ urls: SITE })) };
    await Promise.all(Object.entries(files).map(([name, text]) => writeFile(join(dir, name), text)));
    server = await serveFolder(dir);
    context = await (await sharedChromium()).newContext({ viewport: { width: 1280, height: 800 } });
    page = await context.newPage();
    // As the site answers a browser (Accept: text/html): the feed as application/xml, which Chromium styles with feed.xsl.
    await page.route(`${server.url}*.xml`, async (route: Route) => {
      const response = await route.fetch();
      await route.fulfill({ response, headers: { ...response.headers(), 'content-type': 'application/xml; charset=utf-8' } });
    });
  });
  afterAll(async () => {
    await context?.close();
    await server?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  for (const format of ['rss', 'atom'] as const) {
    it(`says a ${format} archive gets no new entries and gives the current feed to subscribe to`, async () => {
      screenshotIfFailed(page, join(ARTIFACTS, `archiveFeedPage-${format}.png`));
      await page.goto(`${server.url}archive-${format}.xml`);
      const box = page.locator('section.subscribe');
      expect(await box.innerText()).toContain('archive');
      expect(await page.locator('#feed-url').inputValue()).toBe(SITE[format]);
      expect(await box.getByRole('link', { name: 'its current feed' }).getAttribute('href')).toBe(SITE[format]);
    });

    it(`still gives a ${format} subscription feed its own URL`, async () => {
      await page.goto(`${server.url}${format}.xml`);
      expect(await page.locator('#feed-url').inputValue()).toBe(SITE[format]);
      expect(await page.locator('section.subscribe').innerText()).not.toContain('archive');
    });
  }
});
