import { join } from 'node:path';
import { DateTime } from 'luxon';
import type { BrowserContext, ConsoleMessage, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { contentTypeFor } from '../../lib/shared/contentTypes.js';
import { scanContent } from '../../lib/content/contentScan.js';
import { loadContent } from '../../lib/content/loadContent.js';
import { LocalStore } from '../../lib/store/localStore.js';
import { PAGE_ENTRY_LIMIT } from '../../lib/pages/pageArtifacts.js';
import { entryPageDir } from '../../lib/shared/entryPageDir.js';
import { planSite, type SitePlan } from '../../lib/plan/sitePlan.js';
import { ARTIFACTS, chromiumAvailable, screenshotIfFailed, sharedChromium } from '../support/browser.js';
import { REPO } from '../support/cli.js';
import { checkFeedFile } from '../support/feedChecks.js';
import { PreviewProcess } from '../support/preview.js';

/**
 * What a reader sees, in Debian's Chromium, against `broadsheet preview` of the sample content on loopback.
 * A failing test leaves a screenshot in test-artifacts/browser/.
 */
const NOW = '2014-06-01T00:00:00+09:00';
const available = chromiumAvailable('tests/browser/readers.test.ts');

describe.skipIf(!available)('the site in a browser', () => {
  let context: BrowserContext;
  let preview: PreviewProcess;
  let page: Page;
  let plan: SitePlan;

  beforeAll(async () => {
    const content = join(REPO, 'content');
    const loaded = await loadContent(await scanContent(new LocalStore(content)));
    plan = planSite(loaded.site, loaded.entries, DateTime.fromISO(NOW));
    [context, preview] = await Promise.all([sharedChromium().then((browser) => browser.newContext({ viewport: { width: 1200, height: 900 } })), new PreviewProcess(['--content', content, '--now', NOW]).start()]);
    page = await context.newPage();
  });
  afterAll(async () => {
    await context?.close();
    await preview?.stop();
  });

  /**
   * The tab as a 375 px phone until the test ends, then the desktop again: one tab for the file, since a new tab is a
   * new renderer process, dearer than a page loaded in one open.
   */
  async function asPhone(): Promise<Page> {
    await page.setViewportSize({ width: 375, height: 800 });
    onTestFinished(async () => {
      await page.setViewportSize({ width: 1200, height: 900 });
      await page.emulateMedia({ colorScheme: 'light' });
    });
    return page;
  }

  /**
   * The tab at the site's index, loaded unless the tab shows it already: the tests only read a page or leave it by a
   * link, and a new size or colour scheme lays a page out anew as a load would.
   */
  async function atIndex(): Promise<Page> {
    if (page.url() !== preview.url) await page.goto(preview.url);
    return page;
  }

  it('the index lists the newest published entries, newest first, with links to the articles', async () => {
    const response = await page.goto(preview.url);
    screenshotIfFailed(page, join(ARTIFACTS, 'index.png'));
    expect(response!.status()).toBe(200);
    const expected = plan.published.slice(0, PAGE_ENTRY_LIMIT);
    const shown = await page.locator('ol.entries h3 a').evaluateAll((links) => links.map((a) => [a.textContent, a.getAttribute('href')]));
    expect(shown).toEqual(expected.map((entry) => [entry.title, entry.url]));
    expect(await page.locator('h1').textContent()).toBe(plan.site.title);
  });

  it('shows every feed URL as selectable text: the site feeds, the OPML files and each tag feed', async () => {
    await atIndex();
    const urls = await page.locator('code.url').allTextContents();
    expect(urls).toEqual(['rss.xml', 'atom.xml', 'feed.json', 'feeds.opml', 'tags.opml'].map((file) => plan.site.url + file));
    const tagLinks = await page.locator('ul.taglist a[type="application/rss+xml"]').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    expect(tagLinks.map((href) => new URL(href!, page.url()).href)).toEqual(plan.tags.map((tag) => `${preview.url}tags/${tag.tag.slug}/rss.xml`));
  });

  it('its autodiscovery links resolve to valid feeds of the advertised type', async () => {
    await atIndex();
    const links = (await page.locator('link[rel="alternate"]').evaluateAll((elements) => elements.map((l) => ({ type: l.getAttribute('type'), href: l.getAttribute('href')! }))))
      .map((link) => ({ ...link, href: new URL(link.href, page.url()).href }));
    expect(links.map((link) => link.type)).toEqual(['application/rss+xml', 'application/atom+xml', 'application/feed+json']);
    for (const link of links) {
      const response = await fetch(link.href);
      expect(response.status, link.href).toBe(200);
      // Served as S3 serves it; the format is the advertised one (checked by name and content below).
      expect(response.headers.get('content-type')).toBe(contentTypeFor(new URL(link.href).pathname.slice(1)));
      const body = await response.text();
      checkFeedFile(new URL(link.href).pathname, body);
      for (const entry of plan.published) expect(body, link.href).toContain(entry.url);
    }
  });

  it('a tag link opens the tag page, which autodiscovers the tag feeds', async () => {
    const tag = plan.tags[0]!.tag;
    await atIndex();
    await page.locator('ul.taglist').getByRole('link', { name: tag.name, exact: true }).click();
    expect(page.url()).toBe(`${preview.url}tags/${tag.slug}/`);
    expect(await page.locator('h1').textContent()).toBe(tag.name);
    const hrefs = await page.locator('link[rel="alternate"]').evaluateAll((elements) => elements.map((l) => l.getAttribute('href')));
    expect(hrefs.map((href) => new URL(href!, page.url()).href)).toEqual(['rss.xml', 'atom.xml', 'feed.json'].map((file) => `${preview.url}tags/${tag.slug}/${file}`));
  });

  it('fits a 375 px phone without horizontal scrolling', async () => {
    const phone = await asPhone();
    await atIndex();
    screenshotIfFailed(phone, join(ARTIFACTS, 'index-375.png'));
    const overflow = await phone.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
    expect(overflow).toBeLessThanOrEqual(0);
  });

  it('an entry’s Commentary link opens its page: title linking to the article, one h1, fits a 375 px phone', async () => {
    const first = plan.published[0]!;
    await atIndex();
    await page.locator('ol.entries li').first().getByRole('link', { name: `Commentary on “${first.title}”` }).click();
    expect(page.url()).toBe(`${preview.url}${entryPageDir(first.id)}`);
    expect(await page.locator('h1').count()).toBe(1);
    expect(await page.locator('h1 a').evaluate((a) => [a.textContent, a.getAttribute('href')])).toEqual([first.title, first.url]);
    expect(await page.locator('link[rel="canonical"]').getAttribute('href')).toBe(plan.site.url + entryPageDir(first.id));
    // The entry's page as the link opened it, at 375 px in light and dark mode.
    const phone = await asPhone();
    screenshotIfFailed(phone, join(ARTIFACTS, 'entry-375.png'), { fullPage: true });
    for (const scheme of ['light', 'dark'] as const) {
      await phone.emulateMedia({ colorScheme: scheme });
      const overflow = await phone.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
      expect(overflow, scheme).toBeLessThanOrEqual(0);
    }
  });

  for (const file of ['rss.xml', 'atom.xml']) {
    it(`${file} renders through feed.xsl as a page with the entry titles and the URL to copy`, async () => {
      const response = await page.goto(preview.url + file);
      screenshotIfFailed(page, join(ARTIFACTS, `feed-in-browser-${file.replace('.xml', '')}.png`));
      expect(response!.status()).toBe(200);
      // The XSLT output replaces the XML tree: an HTML page with a heading and one h2 link per entry.
      // Chromium shows a document served as application/rss+xml as plain text and never applies its stylesheet;
      // application/xml (or text/xml) is rendered through it (README, "For readers").
      const rendered = await page.locator('h1').count();
      expect(rendered, `${file} served as ${response!.headers()['content-type']} was not transformed by feed.xsl`).toBe(1);
      expect(await page.locator('h1').textContent()).toBe(plan.site.title);
      const titles = await page.locator('main h2 a').allTextContents();
      expect(titles).toEqual(plan.feeds[0]!.entries.map((entry) => entry.title));
      // Each entry's time, named in UTC or GMT: its date alone would be the day before for a site east of UTC (Seoul).
      const shown = (await page.locator('main p.meta').allTextContents()).map((meta) => meta.split(' · ')[1]);
      const instants = plan.feeds[0]!.entries.map((entry) => new Date(entry.date));
      expect(shown).toEqual(file === 'atom.xml' ? instants.map((at) => `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`) : instants.map((at) => at.toUTCString()));
      await expect.poll(() => page.locator('#feed-url').inputValue()).toBe(plan.site.url + file);
      expect(await page.locator('label[for="feed-url"]').textContent()).toMatch(/Copy this URL into your reader/i);
    });
  }

  // Without a <link rel="icon"> a browser asks for /favicon.ico at the host's root, which the site has not (README,
  // "For readers"); a tag's feed is two folders down, where the site's icon.png is ../../icon.png. The preview sends
  // the feeds' Content-Security-Policy, as the CDN does: it lets the icon load.
  it("a feed's page has the browser fetch the site's icon.png, never /favicon.ico, at the root and in a tag's folder", async () => {
    const tag = plan.tags[0]!.tag;
    const blocked: string[] = [];
    const onConsole = (message: ConsoleMessage) => {
      if (/Content Security Policy/i.test(message.text()) && /image/i.test(message.text())) blocked.push(message.text());
    };
    page.on('console', onConsole);
    onTestFinished(() => void page.off('console', onConsole));
    for (const file of ['rss.xml', `tags/${tag.slug}/atom.xml`]) {
      const asked = page.waitForRequest(/\/(favicon\.ico|icon\.png)$/, { timeout: 10_000 }).catch(() => undefined);
      await page.goto(preview.url + file);
      expect(await page.locator('h1').count(), file).toBe(1);
      expect((await asked)?.url(), file).toBe(`${preview.url}icon.png`);
    }
    expect(blocked).toEqual([]);
  });

  it('the digest archive page opens from the index link', async () => {
    await atIndex();
    screenshotIfFailed(page, join(ARTIFACTS, 'digest-archive.png'));
    await page.getByRole('link', { name: /past digests/i }).click();
    expect(page.url()).toBe(`${preview.url}digests/`);
    const response = await page.request.get(page.url());
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toBe('text/html; charset=utf-8');
    expect(await page.locator('h1').count()).toBe(1);
  });
});
