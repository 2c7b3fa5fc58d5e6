import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderAtom } from '../../lib/feeds/renderAtom.js';
import { renderFeedXsl } from '../../lib/feeds/renderFeedXsl.js';
import { renderRss } from '../../lib/feeds/renderRss.js';
import { ARTIFACTS, chromiumAvailable, screenshotIfFailed } from '../support/browser.js';
import { feedDoc, feedItem } from '../support/feedDoc.js';
import { feedsInBrowser, type FeedsInBrowser } from '../support/feedsInBrowser.js';
import type { StaticServer } from '../support/staticServer.js';

/**
 * feed.xsl decodes a summary's escaped HTML one reference at a time, by recursion (XSLT 1.0 has no replace()).
 * Chromium's XSLT gives up past a depth under a thousand and shows a blank page for the whole feed. A summary is at
 * most 1,000 characters (a written one, or the first paragraph cut to that), yet those can be about 1,000 `&`, `<` or
 * `>`, each written as a reference: such a summary blanked every feed that carried its entry.
 */
const available = chromiumAvailable('tests/browser/feedXslLongSummary.test.ts');

/**
 * A summary of 600 runs, each with 8 characters that escapeHtmlText writes as references and text that reads as
 * one when typed (`&amp;`, `&quot;`, `&#39;` are shown as typed), of lengths that vary from run to run so that
 * references fall across every place a text is halved.
 */
const LONG_SUMMARY = Array.from({ length: 600 }, (_, run) => `R&D${'x'.repeat(run % 7)} <b>&amp;</b> 2 < 3 > 1 &quot;${'y'.repeat(run % 5)}&#39;;`).join(' ');

/** The first article's title and summary as the page shows them, or null when the page has no article. */
const SHOWN = `(() => {
  const article = document.querySelector('main article');
  return article ? { title: article.querySelector('h2')?.textContent, summary: article.querySelector('p[dir="auto"]')?.textContent } : null;
})()`;

describe.skipIf(!available)('feed.xsl with a summary of thousands of references', () => {
  let feeds: FeedsInBrowser;
  let page: Page;
  let server: StaticServer;

  beforeAll(async () => {
    const doc = feedDoc({ items: [feedItem({ title: 'Ampersands', summary: LONG_SUMMARY })] });
    feeds = await feedsInBrowser({ 'feed.xsl': renderFeedXsl('en'), 'rss.xml': renderRss(doc), 'atom.xml': renderAtom(doc) });
    ({ page, server } = feeds);
  });
  afterAll(async () => {
    await feeds?.close();
  });

  it('holds enough references to pass the depth Chromium allows a recursion', () => {
    expect(LONG_SUMMARY.match(/[&<>]/g)!.length).toBeGreaterThan(4_000);
  });

  for (const format of ['rss', 'atom'] as const) {
    it(`${format}: the page shows the entry and its summary exactly as typed`, async () => {
      screenshotIfFailed(page, join(ARTIFACTS, `feedXslLongSummary-${format}.png`));
      await page.goto(`${server.url}${format}.xml`);
      // Read at once: a page the XSLT failed to make has no article, and a locator would wait for one.
      const shown = await page.evaluate<{ title?: string; summary?: string } | null>(SHOWN);
      expect(shown).toEqual({ title: 'Ampersands', summary: LONG_SUMMARY });
    });
  }
});
