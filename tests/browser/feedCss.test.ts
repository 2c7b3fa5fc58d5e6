import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeedDocument } from '../../lib/feeds/feedDocument.js';
import { renderAtom } from '../../lib/feeds/renderAtom.js';
import { FEED_CSS_ARCHIVE_EXPLANATION, FEED_CSS_EXPLANATION, renderFeedCss } from '../../lib/feeds/renderFeedCss.js';
import { renderFeedXsl } from '../../lib/feeds/renderFeedXsl.js';
import { renderRss } from '../../lib/feeds/renderRss.js';
import { FEED_POLICY } from '../../lib/shared/contentSecurityPolicy.js';
import { ARTIFACTS, chromiumAvailable, launchChromium, screenshotIfFailed, XSLT_REMOVED } from '../support/browser.js';
import { feedDoc, feedItem } from '../support/feedDoc.js';
import { feedsInBrowser, type FeedsInBrowser } from '../support/feedsInBrowser.js';

/**
 * A feed opened in a browser explains itself (README, feed.xsl) in a browser without XSLT too: Chromium and Firefox
 * are removing it, and Chromium with XSLT turned off (XSLT_REMOVED) shows a feed as raw XML, with no subscribe box. The
 * feed's second stylesheet, feed.css, then styles its own elements. A browser that still has XSLT shows feed.xsl's
 * page as it did. The files are served under the feeds' Content-Security-Policy, as the site serves them.
 */
const available = chromiumAvailable('tests/browser/feedCss.test.ts');

const SITE = { rss: 'https://watch.example.org/rss.xml', atom: 'https://watch.example.org/atom.xml', json: 'https://watch.example.org/feed.json' };
const MONTH = { rss: 'https://watch.example.org/archives/2014-05/rss.xml', atom: 'https://watch.example.org/archives/2014-05/atom.xml', json: 'https://watch.example.org/archives/2014-05/feed.json' };
const SUMMARY = 'Summaries stay hidden.';
const DOC: FeedDocument = feedDoc({ title: 'Peninsula Watch', description: 'Curated test news.', items: [feedItem({ title: 'Rail link opens', summary: SUMMARY, source: { name: 'Daily Example' } })] });
const ARCHIVE: FeedDocument = { ...DOC, title: 'Peninsula Watch: archive 2014-05', urls: MONTH, history: { current: SITE } };

function files(): Record<string, string> {
  return {
    'feed.xsl': renderFeedXsl('en'),
    'feed.css': renderFeedCss('en'),
    'rss.xml': renderRss(DOC),
    'atom.xml': renderAtom(DOC),
    'archive-rss.xml': renderRss(ARCHIVE),
    'archive-atom.xml': renderAtom(ARCHIVE),
    // The same feeds as they were before feed.css, for the page a browser with XSLT makes of them.
    'rss-xsl-only.xml': withoutCss(renderRss(DOC)),
    'atom-xsl-only.xml': withoutCss(renderAtom(DOC)),
  };
}

/** feed.css's processing instruction beside feed.xsl at the root, as a feed at the root writes it. */
const CSS_INSTRUCTION = '<?xml-stylesheet href="feed.css" type="text/css"?>';

function withoutCss(xml: string): string {
  return xml.replace(CSS_INSTRUCTION, '');
}

/** What the page gives its reader, as Chromium's accessibility tree has it: generated content in, hidden elements out. */
async function shownText(page: Page): Promise<string> {
  return page.locator(':root').ariaSnapshot();
}

// The two browsers' pages, made side by side: in a Chromium with XSLT off, launched for this file, and in the
// worker's. Each is awaited by the describe that uses it: one that failed fails that describe's tests.
let removed: Promise<Browser> | undefined;
let withoutXslt: Promise<FeedsInBrowser> | undefined;
let withXslt: Promise<FeedsInBrowser> | undefined;
beforeAll(() => {
  if (!available) return;
  const headers = { 'Content-Security-Policy': FEED_POLICY };
  removed = launchChromium({ loopbackOnly: true, args: [XSLT_REMOVED] });
  withoutXslt = removed.then((browser) => feedsInBrowser(files(), { browser, headers }));
  withXslt = feedsInBrowser(files(), { headers });
  for (const made of [withoutXslt, withXslt]) made.catch(() => undefined);
});
afterAll(async () => {
  const close = async (feeds: Promise<FeedsInBrowser> | undefined) => (await feeds?.catch(() => undefined))?.close();
  await Promise.all([close(withoutXslt).then(async () => (await removed?.catch(() => undefined))?.close()), close(withXslt)]);
});

describe.skipIf(!available)('a feed in a browser without XSLT', () => {
  let feeds: FeedsInBrowser;
  let page: Page;
  const refused: string[] = [];

  beforeAll(async () => {
    feeds = await withoutXslt!;
    page = feeds.page;
    page.on('console', (message) => message.text().includes('Content Security Policy') && refused.push(message.text()));
  });

  it('is a browser without XSLT', async () => {
    await page.goto(`${feeds.server.url}rss.xml`);
    expect(await page.evaluate('({ root: document.documentElement.nodeName, processor: typeof XSLTProcessor })')).toEqual({ root: 'rss', processor: 'undefined' });
  });

  for (const [format, self] of [['rss', SITE.rss], ['atom', SITE.atom]] as const) {
    it(`${format}: shows the feed's title, the explanation and the address to subscribe to, each entry's title, not its summary`, async () => {
      screenshotIfFailed(page, join(ARTIFACTS, `feedCss-${format}.png`));
      refused.length = 0;
      await page.goto(`${feeds.server.url}${format}.xml`);
      const shown = await shownText(page);
      for (const text of ['Peninsula Watch', 'Curated test news.', FEED_CSS_EXPLANATION, `Feed address: ${self}`, 'Rail link opens', 'Daily Example']) expect(shown, text).toContain(text);
      expect(shown).not.toContain(SUMMARY);
      expect(refused).toEqual([]);
    });

    it(`${format}: an archive says it gets no new entries and gives the current feed, not its own address`, async () => {
      screenshotIfFailed(page, join(ARTIFACTS, `feedCss-archive-${format}.png`));
      await page.goto(`${feeds.server.url}archive-${format}.xml`);
      const shown = await shownText(page);
      for (const text of ['Peninsula Watch: archive 2014-05', FEED_CSS_ARCHIVE_EXPLANATION, `Current feed: ${self}`]) expect(shown, text).toContain(text);
      expect(shown).not.toContain(FEED_CSS_EXPLANATION);
      expect(shown).not.toContain(MONTH[format]);
    });
  }

  it('lays out the title first, then the explanation and the address, then the entries', async () => {
    await page.goto(`${feeds.server.url}rss.xml`);
    // The explanation is the channel's generated content, first in the document but placed by its `order`.
    const laid = await page.evaluate<{ tops: number[]; orders: number[] }>(`(() => {
      const channel = document.querySelector('channel');
      const [title, self, item] = ['channel > title', 'channel > link[rel="self"]', 'item'].map((selector) => document.querySelector(selector));
      return {
        tops: [title, self, item].map((element) => element.getBoundingClientRect().top),
        orders: [getComputedStyle(title), getComputedStyle(channel, '::before'), getComputedStyle(self), getComputedStyle(item)].map((style) => Number(style.order)),
      };
    })()`);
    expect(laid.tops).toEqual([...laid.tops].sort((a, b) => a - b));
    expect(new Set(laid.tops).size).toBe(3);
    expect(laid.orders).toEqual([...laid.orders].sort((a, b) => a - b));
    expect(new Set(laid.orders).size).toBe(4);
  });
});

describe.skipIf(!available)('a feed in a browser with XSLT', () => {
  let feeds: FeedsInBrowser;
  let page: Page;

  beforeAll(async () => {
    feeds = await withXslt!;
    page = feeds.page;
  });

  for (const format of ['rss', 'atom'] as const) {
    it(`${format}: shows feed.xsl's page, the same as for the feed without feed.css`, async () => {
      screenshotIfFailed(page, join(ARTIFACTS, `feedCss-xslt-${format}.png`));
      const look = async (name: string) => {
        await page.goto(`${feeds.server.url}${name}`);
        await page.locator('#feed-url').waitFor();
        return {
          html: await page.evaluate<string>('document.documentElement.outerHTML'),
          sheets: await page.evaluate<(string | null)[]>('[...document.styleSheets].map((sheet) => sheet.href)'),
          picture: await page.screenshot(),
        };
      };
      expect(files()[`${format}.xml`]).toContain(`<?xml-stylesheet href="feed.xsl" type="text/xsl"?>${CSS_INSTRUCTION}`);
      const before = await look(`${format}-xsl-only.xml`);
      const now = await look(`${format}.xml`);
      expect(now.html).toBe(before.html);
      expect(now.sheets).toEqual([null]);
      expect(now.picture.equals(before.picture)).toBe(true);
      expect(await page.locator('#feed-url').inputValue()).toBe(SITE[format]);
    });
  }
});
