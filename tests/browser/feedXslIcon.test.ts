import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderAtom } from '../../lib/feeds/renderAtom.js';
import { renderFeedXsl } from '../../lib/feeds/renderFeedXsl.js';
import { renderRss } from '../../lib/feeds/renderRss.js';
import { FEED_POLICY } from '../../lib/shared/contentSecurityPolicy.js';
import { chromiumAvailable } from '../support/browser.js';
import { feedDoc } from '../support/feedDoc.js';
import { feedsInBrowser, type FeedsInBrowser } from '../support/feedsInBrowser.js';
import type { StaticServer } from '../support/staticServer.js';

/**
 * A site whose site.yml names its own icon: a feed's page links it at its address, as the feed names it (RSS 2.0
 * <image>, Atom <icon>), as the site's pages do. The generated icon (relative to the feed) is read against a publish
 * in tests/browser/readers.test.ts.
 */
const available = chromiumAvailable('tests/browser/feedXslIcon.test.ts');
const OWN_ICON = 'https://cdn.example.net/watch/square.png?v=2&size=512';

describe.skipIf(!available)("feed.xsl's icon link for a site with an icon of its own", () => {
  let feeds: FeedsInBrowser;
  let page: Page;
  let server: StaticServer;
  const blocked: string[] = [];

  beforeAll(async () => {
    const doc = feedDoc({ icon: OWN_ICON });
    // Served with the feeds' Content-Security-Policy, as the CDN sends it: it lets an https icon load.
    feeds = await feedsInBrowser({ 'feed.xsl': renderFeedXsl('en', true), 'rss.xml': renderRss(doc), 'atom.xml': renderAtom(doc) }, { headers: { 'Content-Security-Policy': FEED_POLICY } });
    ({ page, server } = feeds);
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text()) && /image/i.test(message.text())) blocked.push(message.text());
    });
  });
  afterAll(async () => {
    await feeds?.close();
  });

  for (const format of ['rss', 'atom'] as const) {
    it(`${format}: the page's icon is the site's own`, async () => {
      await page.goto(`${server.url}${format}.xml`);
      expect(await page.locator('h1').count()).toBe(1);
      expect(await page.locator('link[rel="icon"]').getAttribute('href')).toBe(OWN_ICON);
      expect(blocked).toEqual([]);
    });
  }
});
