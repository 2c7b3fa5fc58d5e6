import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, launchChromium } from '../support/browser.js';
import { runCli } from '../support/cli.js';
import { contentFolder } from '../support/content.js';
import { ARABIC_TAG, ARABIC_TITLE, hostileSite } from '../support/hostileSite.js';
import { serveFolder, type StaticServer } from '../support/staticServer.js';

/**
 * Every HTML page of the sample site, the edge and tricky fixtures and a hostile site, published by the real CLI,
 * served on loopback and read by Debian's Chromium as a reader's browser reads them.
 */
const NOW = '2014-06-01T00:00:00Z';
/** How far the page scrolls sideways. */
const OVERFLOW = 'document.documentElement.scrollWidth - document.documentElement.clientWidth';
const available = chromiumAvailable('tests/browser/sitePages.test.ts');

interface Site {
  server: StaticServer;
  /** Every published page, relative to the root. */
  pages: string[];
}

describe.skipIf(!available)('the published pages in a browser', () => {
  let browser: Browser;
  let root: string;
  let hostileContent: string;
  const sites: Record<string, Site> = {};

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'broadsheet-pages-'));
    hostileContent = await contentFolder(hostileSite());
    const folders = { sample: 'content', edge: 'tests/fixtures/edge', tricky: 'tests/fixtures/tricky', hostile: hostileContent };
    browser = await launchChromium();
    for (const [name, content] of Object.entries(folders)) {
      const out = join(root, name);
      const run = await runCli(['publish', '--content', content, '--out', out, '--now', NOW, '--quiet']);
      expect(run.code, `${name}: ${run.stderr}`).toBe(0);
      const pages = (await readdir(out, { recursive: true })).filter((file) => file.endsWith('.html')).sort();
      sites[name] = { server: await serveFolder(out), pages };
    }
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    for (const site of Object.values(sites)) await site.server.close();
    if (root) await rm(root, { recursive: true, force: true });
    if (hostileContent) await rm(hostileContent, { recursive: true, force: true });
  });

  /** A page whose requests off the loopback server are recorded and refused. */
  async function openPage(options: { width: number; colorScheme?: 'light' | 'dark' }, site: Site): Promise<{ page: Page; outside: { url: string; type: string }[] }> {
    const page = await browser.newPage({ viewport: { width: options.width, height: 800 }, colorScheme: options.colorScheme ?? 'light' });
    const outside: { url: string; type: string }[] = [];
    await page.route(
      (url) => !url.href.startsWith(site.server.url),
      (route) => {
        outside.push({ url: route.request().url(), type: route.request().resourceType() });
        return route.abort();
      },
    );
    return { page, outside };
  }

  it('fits every page into 320 px and 1280 px without scrolling sideways, and loads no script, style sheet or font', async () => {
    const overflowing: string[] = [];
    for (const [name, site] of Object.entries(sites)) {
      for (const width of [320, 1280]) {
        const { page, outside } = await openPage({ width }, site);
        const loaded: string[] = [];
        const icons = new Set<string>();
        page.on('request', (request) => loaded.push(`${request.resourceType()} ${request.url()}`));
        for (const file of site.pages) {
          await page.goto(site.server.url + file);
          icons.add(await page.evaluate<string>(`document.querySelector('link[rel="icon"]')?.href ?? ''`));
          const overflow = await page.evaluate<number>(OVERFLOW);
          if (overflow > 0) overflowing.push(`${name}/${file} at ${width} px: ${overflow} px`);
        }
        // Only the pages, images and the site icon (which Chromium fetches as "other"): no script, no style sheet, no font.
        expect([...new Set(loaded)].filter((line) => !/^(document|image) /.test(line) && !icons.has(line.replace(/^other /, ''))), name).toEqual([]);
        // What leaves the site is an entry's own https image, which the Content-Security-Policy allows (img-src https:).
        for (const request of outside) expect([request.type, new URL(request.url).protocol], request.url).toEqual(['image', 'https:']);
        await page.close();
      }
    }
    expect(overflowing).toEqual([]);
  }, 300_000);

  it('keeps each word of a wide table whole on a phone: the table scrolls in its own box', async () => {
    const site = sites.hostile!;
    const { page } = await openPage({ width: 320 }, site);
    await page.goto(`${site.server.url}entries/2014/e01/`);
    // Lines of text in each cell: the height of its text over its line height.
    const cells = await page.evaluate<{ text: string; lines: number }[]>(`[...document.querySelectorAll('.commentary td, .commentary th')].map((cell) => {
      const range = document.createRange();
      range.selectNodeContents(cell);
      return { text: cell.textContent, lines: Math.round(range.getBoundingClientRect().height / parseFloat(getComputedStyle(cell).lineHeight)) };
    })`);
    expect(cells).toHaveLength(24);
    for (const cell of cells) expect(cell, cell.text).toEqual({ text: cell.text, lines: 1 });
    const table = await page.evaluate(`(() => { const table = document.querySelector('.commentary table'); return { scrolls: table.scrollWidth > table.clientWidth, overflowX: getComputedStyle(table).overflowX }; })()`);
    expect(table).toEqual({ scrolls: true, overflowX: 'auto' });
    expect(await page.evaluate<number>(OVERFLOW)).toBeLessThanOrEqual(0);
    await page.close();
  });

  it('lays out a right-to-left title and summary right to left, and keeps a tag’s count beside its right-to-left name', async () => {
    const site = sites.hostile!;
    const { page } = await openPage({ width: 1280 }, site);
    await page.goto(site.server.url);
    const direction = (locator: ReturnType<Page['locator']>) => locator.evaluate((element) => element.ownerDocument.defaultView!.getComputedStyle(element).direction);
    const arabic = page.locator('ol.entries > li').filter({ hasText: ARABIC_TITLE });
    expect(await direction(arabic.locator('h3'))).toBe('rtl');
    expect(await direction(arabic.locator('p.summary'))).toBe('ltr');
    // An English title with Hebrew in it reads left to right; its Arabic summary right to left.
    const mixed = page.locator('ol.entries > li').filter({ hasText: 'Entry 22 ' });
    expect(await direction(mixed.locator('h3'))).toBe('ltr');
    expect(await direction(mixed.locator('p.summary'))).toBe('rtl');
    // The title's full stop ends it on the left, where a right-to-left line ends.
    const title = arabic.locator('h3 a');
    const stop = await title.evaluate((element) => {
      const text = element.firstChild!;
      const range = element.ownerDocument.createRange();
      range.setStart(text, text.textContent!.length - 1);
      range.setEnd(text, text.textContent!.length);
      return range.getBoundingClientRect().left - element.getBoundingClientRect().left;
    });
    expect(stop).toBeLessThan(2);
    // In the list of tags (left to right), "(1)" stays on the right of the Arabic name.
    const item = page.locator('ul.taglist li').filter({ has: page.getByRole('link', { name: ARABIC_TAG, exact: true }) });
    const name = await item.getByRole('link', { name: ARABIC_TAG, exact: true }).boundingBox();
    const count = await item.locator('span.meta').boundingBox();
    expect(count!.x).toBeGreaterThanOrEqual(name!.x + name!.width - 1);
    await page.close();
  });
});
