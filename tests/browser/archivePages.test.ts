import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { renderDigestIndex } from '../../lib/digest/digestIndexPage.js';
import type { FeedDocument } from '../../lib/feeds/feedDocument.js';
import { renderAtom } from '../../lib/feeds/renderAtom.js';
import { renderFeedXsl } from '../../lib/feeds/renderFeedXsl.js';
import { renderRss } from '../../lib/feeds/renderRss.js';
import { PAGE_PALETTE } from '../../lib/shared/pagePalette.js';
import { ARTIFACTS, chromiumAvailable, screenshotIfFailed, sharedChromium } from '../support/browser.js';
import { testSite } from '../support/digestFixtures.js';
import { feedDoc } from '../support/feedDoc.js';
import { feedsInBrowser, type FeedsInBrowser } from '../support/feedsInBrowser.js';
import { serveFolder, type StaticServer } from '../support/staticServer.js';

/**
 * The site's archives in Debian's Chromium. A month's archive feed (RFC 5005 §4: fh:archive, rel="current") opened in Debian's Chromium through feed.xsl: an
 * archive never gets another entry, so the page says it is one and gives the current feed to subscribe to, not its own URL.
 */
const available = chromiumAvailable('tests/browser/archivePages.test.ts');

const SITE = { rss: 'https://watch.example.org/rss.xml', atom: 'https://watch.example.org/atom.xml', json: 'https://watch.example.org/feed.json' };
const MONTH = { rss: 'https://watch.example.org/archives/2014-05/rss.xml', atom: 'https://watch.example.org/archives/2014-05/atom.xml', json: 'https://watch.example.org/archives/2014-05/feed.json' };

describe.skipIf(!available)("feed.xsl's page of an archive feed", () => {
  let feeds: FeedsInBrowser;
  let server: StaticServer;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    const archive: FeedDocument = feedDoc({ urls: MONTH, history: { current: SITE } });
    feeds = await feedsInBrowser({ 'feed.xsl': renderFeedXsl('en'), 'archive-rss.xml': renderRss(archive), 'archive-atom.xml': renderAtom(archive), 'rss.xml': renderRss(feedDoc({ urls: SITE })), 'atom.xml': renderAtom(feedDoc({ urls: SITE })) });
    ({ server, context, page } = feeds);
  });
  afterAll(async () => {
    await feeds?.close();
  });

  for (const format of ['rss', 'atom'] as const) {
    it(`says a ${format} archive gets no new entries and gives the current feed to subscribe to`, async () => {
      screenshotIfFailed(page, join(ARTIFACTS, `archivePages-${format}.png`));
      await page.goto(`${server.url}archive-${format}.xml`);
      const box = page.locator('section.subscribe');
      expect(await box.innerText()).toContain('archive');
      expect(await page.locator('#feed-url').inputValue()).toBe(SITE[format]);
      expect(await box.getByRole('link', { name: 'its current feed' }).getAttribute('href')).toBe(SITE[format]);
    });

    it(`shows a ${format} feed at the reader's own text size, not a fixed one (WCAG 1.4.4)`, async () => {
      // Chromium's "Font size" setting, 32 px where the default is 16 px.
      const session = await context.newCDPSession(page);
      onTestFinished(async () => {
        await session.send('Page.setFontSizes', { fontSizes: { standard: 16, fixed: 13 } });
        await session.detach();
      });
      await session.send('Page.setFontSizes', { fontSizes: { standard: 32, fixed: 26 } });
      await page.goto(`${server.url}${format}.xml`);
      expect(await page.evaluate('getComputedStyle(document.body).fontSize')).toBe('32px');
    });

    it(`still gives a ${format} subscription feed its own URL`, async () => {
      await page.goto(`${server.url}${format}.xml`);
      expect(await page.locator('#feed-url').inputValue()).toBe(SITE[format]);
      expect(await page.locator('section.subscribe').innerText()).not.toContain('archive');
    });
  }
});

/** How far the page scrolls sideways. */
const OVERFLOW = 'document.documentElement.scrollWidth - document.documentElement.clientWidth';
/** The focused element's tag and the ring drawn around it: "input solid 3px rgb(…)". */
const FOCUS_RING = `(() => {
  const style = getComputedStyle(document.activeElement);
  return document.activeElement.tagName.toLowerCase() + ' ' + style.outlineStyle + ' ' + style.outlineWidth + ' ' + style.outlineColor;
})()`;

/** "#0a4fb4" as getComputedStyle writes it: "rgb(10, 79, 180)". */
function rgb(hex: string): string {
  const [r, g, b] = [1, 3, 5].map((at) => Number.parseInt(hex.slice(at, at + 2), 16));
  return `rgb(${r}, ${g}, ${b})`;
}

// digests/index.html as the site's pages are read (tests/browser/readerSettings.test.ts): at the reader's own text
// size, within a 320 px phone at twice the default (WCAG 1.4.4), its signup field and button ringed as links are.
describe.skipIf(!available)('the digest archive page under a reader’s own settings', () => {
  let dir: string;
  let server: StaticServer;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'broadsheet-digest-index-'));
    await mkdir(join(dir, 'digests'));
    // A site that sends the digest and takes signups itself: its digest archive has the signup form.
    await writeFile(join(dir, 'digests', 'index.html'), renderDigestIndex(testSite(), []));
    server = await serveFolder(dir);
    context = await (await sharedChromium()).newContext({ viewport: { width: 320, height: 640 } });
    page = await context.newPage();
  });
  afterAll(async () => {
    await context?.close();
    await server?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('takes the browser’s text size, and at twice the default keeps within a 320 px phone', async () => {
    // Chromium's "Font size" setting, 32 px where the default is 16 px: unlike zoom it leaves the viewport 320 px wide.
    const session = await context.newCDPSession(page);
    onTestFinished(() => session.detach());
    await session.send('Page.setFontSizes', { fontSizes: { standard: 32, fixed: 26 } });
    screenshotIfFailed(page, join(ARTIFACTS, 'digest-index-large-text-320.png'), { fullPage: true });
    await page.goto(`${server.url}digests/`);
    const shown = await page.evaluate<{ overflow: number; bodyFont: string; field: number }>(
      `({ overflow: ${OVERFLOW}, bodyFont: getComputedStyle(document.body).fontSize, field: document.querySelector('#signup-email').getBoundingClientRect().right })`,
    );
    expect(shown.bodyFont).toBe('32px');
    expect(shown.overflow).toBe(0);
    expect(shown.field).toBeLessThanOrEqual(320);
  });

  it('rings the signup field and button as it rings a link: 3 px of the accent, light and dark (WCAG 2.4.7)', async () => {
    const tab = await context.newPage();
    onTestFinished(() => tab.close());
    await tab.setViewportSize({ width: 1280, height: 800 });
    for (const scheme of ['light', 'dark'] as const) {
      await tab.emulateMedia({ colorScheme: scheme });
      await tab.goto(`${server.url}digests/`);
      // The last feed link, then the field and the button, reached by the keyboard as a reader reaches them.
      await tab.getByRole('link', { name: 'JSON Feed', exact: true }).focus();
      await tab.keyboard.press('Shift+Tab');
      await tab.keyboard.press('Tab');
      const link = await tab.evaluate<string>(FOCUS_RING);
      await tab.keyboard.press('Tab');
      const field = await tab.evaluate<string>(FOCUS_RING);
      await tab.keyboard.press('Tab');
      const button = await tab.evaluate<string>(FOCUS_RING);
      const ring = `solid 3px ${rgb(PAGE_PALETTE[scheme].accent)}`;
      expect([link, field, button], scheme).toEqual([`a ${ring}`, `input ${ring}`, `button ${ring}`]);
    }
  });

  it('keeps the honeypot field from screen readers and the keyboard, and in the form for bots', async () => {
    await page.goto(`${server.url}digests/`);
    const form = page.locator('form.signup');
    // What a screen reader reads of the form: the email field and button, not the field a person must leave empty.
    const read = await form.ariaSnapshot();
    expect(read).toContain('Your email address');
    expect(read).not.toContain('Leave this field empty');
    const honeypot = form.locator('input[name=website]');
    expect(await honeypot.evaluate((input) => [input.getAttribute('tabindex'), input.getAttribute('autocomplete')])).toEqual(['-1', 'off']);
  });
});
