import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderAtom } from '../../lib/feeds/renderAtom.js';
import { renderFeedXsl } from '../../lib/feeds/renderFeedXsl.js';
import { renderRss } from '../../lib/feeds/renderRss.js';
import { ARTIFACTS, chromiumAvailable, screenshotIfFailed, sharedChromium } from '../support/browser.js';
import { feedDoc, feedItem } from '../support/feedDoc.js';
import { serveFolder, type StaticServer } from '../support/staticServer.js';

/**
 * feed.xsl decodes a summary's escaped HTML one reference at a time, by recursion (XSLT 1.0 has no replace()).
 * Chromium's XSLT gives up past a depth under a thousand and shows a blank page for the whole feed: a default summary
 * (the first paragraph, of any length) with that many `&`, `<` or `>` blanked every feed that carried its entry.
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
  let dir: string;
  let server: StaticServer;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'broadsheet-long-summary-'));
    const doc = feedDoc({ items: [feedItem({ title: 'Ampersands', summary: LONG_SUMMARY })] });
    const files = { 'feed.xsl': renderFeedXsl('en'), 'rss.xml': renderRss(doc), 'atom.xml': renderAtom(doc) };
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
