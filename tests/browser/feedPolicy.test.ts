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
 * A feed opened in Chromium, served with the feeds' Content-Security-Policy as the CDN sends it: neither the page
 * feed.xsl makes nor Chromium's own banner on it (Chromium deprecates XSLT; its close button has an inline handler)
 * trips the policy. Both what the console says and the `securitypolicyviolation` events the document fires count.
 */
const available = chromiumAvailable('tests/browser/feedPolicy.test.ts');

describe.skipIf(!available)("a feed's page under the feeds' Content-Security-Policy", () => {
  let feeds: FeedsInBrowser;
  let page: Page;
  let server: StaticServer;
  const consoleBlocked: string[] = [];
  const violations: string[] = [];

  beforeAll(async () => {
    const doc = feedDoc();
    feeds = await feedsInBrowser({ 'feed.xsl': renderFeedXsl('en', true), 'rss.xml': renderRss(doc), 'atom.xml': renderAtom(doc) }, { headers: { 'Content-Security-Policy': FEED_POLICY } });
    ({ page, server } = feeds);
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) consoleBlocked.push(message.text());
    });
    await page.exposeFunction('reportViolation', (violation: string) => void violations.push(violation));
    // Playwright's init script runs outside the page's policy; it listens from the document's start, capturing.
    await page.addInitScript(`document.addEventListener('securitypolicyviolation', (event) => void reportViolation(event.effectiveDirective + ' ' + event.blockedURI), true)`);
  });
  afterAll(async () => {
    await feeds?.close();
  });

  for (const format of ['rss', 'atom'] as const) {
    it(`${format}: renders with Chromium's XSLT banner and no violation`, async () => {
      consoleBlocked.length = 0;
      violations.length = 0;
      await page.goto(`${server.url}${format}.xml`);
      await page.waitForLoadState('load');
      expect(await page.locator('h1').count()).toBe(1);
      // What this test is about: the banner (and its close button's handler) is on the page. A Chromium without
      // it leaves this test nothing to check; one with another handler text fails below, naming script-src-attr.
      expect(await page.locator('xslt-warning-banner').count()).toBe(1);
      expect(consoleBlocked).toEqual([]);
      expect(violations).toEqual([]);
    });
  }
});
