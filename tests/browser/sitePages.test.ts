import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { BrowserContext, ConsoleMessage, Page, Request, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { chromiumAvailable, sharedChromium } from '../support/browser.js';
import { REPO } from '../support/cli.js';
import { contentFolder } from '../support/content.js';
import { ARABIC_CODE, ARABIC_TAG, ARABIC_TITLE, HOSTILE_ENTRY_COUNT, hostileSite, SPOOFING_SOURCE } from '../support/hostileSite.js';
import { publishedOnce } from '../support/publishedOnce.js';
import { serveFolder, type StaticServer } from '../support/staticServer.js';
import { blankPng } from '../support/widePng.js';

/**
 * Every HTML page of the sample site, the edge and tricky fixtures and a hostile site, published by the real CLI,
 * served on loopback and read by Debian's Chromium as a reader's browser reads them.
 */
const NOW = '2014-06-01T00:00:00Z';
/** An article's photo, 1,600 px wide. */
const WIDE_PHOTO = blankPng(1600, 400);
/** How far the page scrolls sideways. */
const OVERFLOW = 'document.documentElement.scrollWidth - document.documentElement.clientWidth';
const available = chromiumAvailable('tests/browser/sitePages.test.ts');

/** Headings from one h1 down without skipping a level (WCAG 1.3.1), an alt on every image, a label on every control. */
const STRUCTURE = `(() => {
  const problems = [];
  const levels = [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')].map((h) => Number(h.tagName[1]));
  if (levels[0] !== 1 || levels.filter((level) => level === 1).length !== 1) problems.push('headings ' + levels.join(','));
  levels.forEach((level, i) => { if (i > 0 && level > levels[i - 1] + 1) problems.push('h' + levels[i - 1] + ' then h' + level); });
  for (const img of document.images) if (!img.hasAttribute('alt')) problems.push('no alt: ' + img.getAttribute('src'));
  for (const control of document.querySelectorAll('input:not([type=hidden]), select, textarea')) if (control.labels.length === 0) problems.push('no label: ' + control.name);
  return problems;
})()`;

/** Each element with text of its own whose colour is less than 4.5:1 against the first opaque background behind it. */
const LOW_CONTRAST = `(() => {
  const rgb = (colour) => colour.match(/[\\d.]+/g).map(Number);
  const channel = (v) => (v /= 255) <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  const luminance = ([r, g, b]) => 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
  const behind = (element) => {
    for (let e = element; e; e = e.parentElement) { const c = rgb(getComputedStyle(e).backgroundColor); if (c.length < 4 || c[3] === 1) return c.slice(0, 3); }
    return matchMedia('(prefers-color-scheme: dark)').matches ? [18, 18, 18] : [255, 255, 255];
  };
  const low = [];
  for (const element of document.querySelectorAll('body *')) {
    if (![...element.childNodes].some((node) => node.nodeType === 3 && node.textContent.trim())) continue;
    const style = getComputedStyle(element);
    const box = element.getBoundingClientRect();
    if (style.visibility === 'hidden' || box.width === 0 || box.right < 0) continue;
    const [a, b] = [luminance(rgb(style.color)), luminance(behind(element))];
    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    if (ratio < 4.5) low.push(element.tagName.toLowerCase() + ' "' + element.textContent.trim().slice(0, 30) + '" ' + ratio.toFixed(2));
  }
  return low;
})()`;

/** The focused element: its text, whether a focus ring is drawn around it, and whether it is on screen. */
const FOCUSED = `(() => {
  const element = document.activeElement;
  const style = getComputedStyle(element);
  const box = element.getBoundingClientRect();
  return {
    text: (element.textContent || element.getAttribute('name') || '').trim().slice(0, 40),
    ring: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0,
    onScreen: box.right > 0 && box.bottom > 0 && box.left < innerWidth && box.width > 0,
  };
})()`;

interface Site {
  server: StaticServer;
  /** The headers the server sends with every response: the CDN's policy during the crawl, none after it. */
  headers: Record<string, string>;
  /** Every published page, relative to the root. */
  pages: string[];
}

/** A tab and what it asked of hosts other than its site's. */
interface Tab {
  page: Page;
  outside: { url: string; type: string }[];
}

/** The layouts each page of the crawl is read in. */
type Layout = 'wide' | 'narrow' | 'dark';
const LAYOUTS: Record<Layout, { width: number; colorScheme: 'light' | 'dark' }> = { wide: { width: 1280, colorScheme: 'light' }, narrow: { width: 320, colorScheme: 'light' }, dark: { width: 1280, colorScheme: 'dark' } };
/** After a page's first layout, the others in the order that changes one setting at a time from "narrow" or "dark". */
const NEXT_LAYOUTS: Record<Layout, Layout[]> = { wide: ['narrow', 'dark'], narrow: ['wide', 'dark'], dark: ['wide', 'narrow'] };

/**
 * `times` presses of Tab, each a key down then up as page.keyboard.press sends them, sent without waiting for each to
 * be handled: the page handles them one after another, in order, as it would keys typed quickly, and a walk no longer
 * waits on a round trip per key.
 */
async function pressTab(page: Page, times: number): Promise<void> {
  const session = await page.context().newCDPSession(page);
  const tab = { key: 'Tab', code: 'Tab', windowsVirtualKeyCode: 9, nativeVirtualKeyCode: 9 };
  try {
    await Promise.all(Array.from({ length: times }, () => [session.send('Input.dispatchKeyEvent', { type: 'rawKeyDown', ...tab }), session.send('Input.dispatchKeyEvent', { type: 'keyUp', ...tab })]).flat());
  } finally {
    await session.detach();
  }
}

/** The request a browser makes for a page's icon, of its own accord (the icon it names, or /favicon.ico without one). */
const ICON_REQUEST = /\/(favicon\.ico|icon\.png)$/;

describe.skipIf(!available)('the published pages in a browser', () => {
  /**
   * The sites' tabs, all in one context: Chromium keeps a spare renderer process for the context it last loaded a page
   * in, and tabs of several contexts crawled side by side would have it start one and throw it away on most loads.
   */
  let context: BrowserContext;
  let hostileContent: string;
  const sites: Record<string, Site> = {};
  /**
   * Each site's tab, the crawl's, then the tests': a new tab is a new renderer process, which costs the browser more
   * than loading a page in one already open.
   */
  const tabs: Record<string, Tab> = {};
  /**
   * What one crawl of every page found, each rule's findings apart (the tests below assert them one rule each): a
   * page is loaded once, under the CDN's Content-Security-Policy, and read at 1280 px and 320 px and, for the
   * contrast rule, in light and dark mode, rather than loaded once per rule.
   */
  const found = { overflowing: [] as string[], unexpectedLoads: [] as string[], outsideRequests: [] as string[], structure: [] as string[], lowContrast: [] as string[], cspViolations: [] as string[], withoutIcon: [] as string[], rootIcon: [] as string[], unnamedNotes: [] as string[] };

  beforeAll(async () => {
    hostileContent = await contentFolder(hostileSite());
    const folders = { sample: 'content', edge: 'tests/fixtures/edge', tricky: 'tests/fixtures/tricky', hostile: hostileContent };
    context = await (await sharedChromium()).newContext({ viewport: { width: 1280, height: 800 }, colorScheme: 'light' });
    // The policy as serverless.yml's viewer-response function writes it, sent by the sites' servers during the crawl.
    const policy = /var PAGE_POLICY = "([^"]+)";/.exec(await readFile(join(REPO, 'serverless.yml'), 'utf8'))![1]!;
    expect(policy).toContain("default-src 'none'");
    // The four publishes are independent CLI runs, shared with the other files that read these sites in this run
    // (publishedOnce), and the sites are crawled side by side, a tab each: a crawl waits on the browser more than it computes.
    const published = await Promise.all(
      Object.entries(folders).map(async ([name, content]) => {
        const { out, run } = await publishedOnce(content, NOW);
        expect(run.code, `${name}: ${run.stderr}`).toBe(0);
        const pages = (await readdir(out, { recursive: true })).filter((file) => file.endsWith('.html')).sort();
        const headers = { 'content-security-policy': policy };
        return [name, { server: await serveFolder(out, { headers }), headers, pages }] as const;
      }),
    );
    for (const [name, site] of published) sites[name] = site;
    const crawl = async ([name, site]: [string, Site]) => {
      // Contrast is read on the sample and hostile sites (their pages carry every style); the rest only fit.
      const contrast = ['sample', 'hostile'].includes(name);
      const tab = await openPage(site);
      const { page, outside } = tab;
      const loaded: string[] = [];
      const icons = new Set<string>();
      const onRequest = (request: Request) => loaded.push(`${request.resourceType()} ${request.url()}`);
      const onConsole = (message: ConsoleMessage) => {
        if (/Content Security Policy/i.test(message.text())) found.cspViolations.push(`${name}/${page.url().slice(site.server.url.length)}: ${message.text().slice(0, 160)}`);
      };
      page.on('request', onRequest);
      page.on('console', onConsole);
      // The tab's width and colour scheme as last set (openPage's to begin with): a setting the tab already has is not
      // sent again, as each is a round trip to the browser that lays nothing out anew.
      const state = { width: 1280, colorScheme: 'light' as 'light' | 'dark' };
      const layOut = async ({ width, colorScheme }: { width: number; colorScheme: 'light' | 'dark' }) => {
        if (width !== state.width) await page.setViewportSize({ width, height: 800 });
        if (colorScheme !== state.colorScheme) await page.emulateMedia({ colorScheme });
        Object.assign(state, { width, colorScheme });
      };
      // Each page is read at 1280 px and 320 px in light mode and, for contrast, at 1280 px in dark mode: a new viewport
      // or colour scheme applies the media queries anew, as a load would.
      const wanted: Layout[] = contrast ? ['wide', 'narrow', 'dark'] : ['wide', 'narrow'];
      let current: Layout = 'wide';
      // What a page shows in a layout: its overflow at 1280 px and 320 px, and its low contrast at 1280 px in light and
      // dark mode on a contrast site.
      type Shown = { overflow: number; lowContrast: string[] };
      const shownIn = (layout: Layout) => `({ overflow: ${layout === 'dark' ? '0' : OVERFLOW}, lowContrast: ${contrast && layout !== 'narrow' ? LOW_CONTRAST : '[]'} })`;
      for (const file of site.pages) {
        // A page is loaded under the CDN's policy in the layout the last page was left in, and read in it first, then
        // in the others, "wide" between "narrow" and "dark": no change of layout is spent on a page that is not read in it.
        const order: Layout[] = [current, ...NEXT_LAYOUTS[current]].filter((layout) => wanted.includes(layout));
        // The browser asks for a page's icon after the page has loaded, in the same tab on every load.
        const iconRequest = page.waitForRequest(ICON_REQUEST, { timeout: 10_000 }).catch(() => undefined);
        await page.goto(site.server.url + file);
        // What the page shows as loaded, whatever its layout, read in one call with what it shows in the layout it was
        // loaded in: its icon link, its structure, its footnotes' ways back (counted by the page itself: a locator has
        // Playwright load its selector engine into every page, not only into those with notes).
        const loadedAs = await page.evaluate<{ icon: string; structure: string[]; backs: number; shown: Shown }>(
          `({ icon: document.querySelector('link[rel="icon"]')?.href ?? '', structure: ${STRUCTURE}, backs: document.querySelectorAll('a[href^="#fnref-"]').length, shown: ${shownIn(order[0]!)} })`,
        );
        const { icon, backs } = loadedAs;
        icons.add(icon);
        // Without an icon of its own a page has the browser ask for /favicon.ico at the host's root.
        if (icon === '' || new URL(icon).pathname === '/favicon.ico') found.withoutIcon.push(`${name}/${file}: ${icon || 'none'}`);
        for (const problem of loadedAs.structure) found.structure.push(`${name}/${file}: ${problem}`);
        for (const layout of order) {
          // The first layout is the tab's already (read with the rest above), the others are set and read here.
          const shown = layout === order[0] ? loadedAs.shown : await layOut(LAYOUTS[layout]).then(() => page.evaluate<Shown>(shownIn(layout)));
          if (shown.overflow > 0) found.overflowing.push(`${name}/${file} at ${LAYOUTS[layout].width} px: ${shown.overflow} px`);
          for (const text of shown.lowContrast) found.lowContrast.push(`${name}/${file} (${LAYOUTS[layout].colorScheme}): ${text}`);
          // An entry's footnotes (the edge fixture's), at 1280 px: a region named "Footnotes", each way back named by its reference.
          if (layout === 'wide' && backs > 0) {
            const named = await page.getByRole('region', { name: 'Footnotes', exact: true }).getByRole('link', { name: /^Back to reference \d+( \(\d+ of \d+\))?$/ }).count();
            if (named !== backs) found.unnamedNotes.push(`${name}/${file}: ${named} of ${backs} ways back named in a "Footnotes" region`);
          }
        }
        current = order.at(-1)!;
        const asked = await iconRequest;
        if (asked === undefined || new URL(asked.url()).pathname === '/favicon.ico') found.rootIcon.push(`${name}/${file}: ${asked?.url() ?? 'no icon asked for'}`);
      }
      // Only the pages, images and the site icon (which Chromium fetches as "other"): no script, no style sheet, no font.
      for (const line of new Set(loaded)) if (!/^(document|image) /.test(line) && !icons.has(line.replace(/^other /, ''))) found.unexpectedLoads.push(`${name}: ${line}`);
      // What leaves the site is an entry's own https image, which the Content-Security-Policy allows (img-src https:),
      // or the icon a page names by its absolute URL (an archived digest's, as in the email).
      for (const request of outside) if ((icons.has(request.url) ? 'image' : request.type) !== 'image' || new URL(request.url).protocol !== 'https:') found.outsideRequests.push(`${name}: ${request.type} ${request.url}`);
      // The tab is the tests' from here on: as openPage made it, without the CDN's policy or the crawl's records.
      delete site.headers['content-security-policy'];
      page.off('request', onRequest);
      page.off('console', onConsole);
      outside.length = 0;
      tabs[name] = tab;
    };
    await Promise.all(Object.entries(sites).map(crawl));
  }, 300_000);
  afterAll(async () => {
    await context?.close();
    for (const site of Object.values(sites)) await site.server.close();
    if (hostileContent) await rm(hostileContent, { recursive: true, force: true });
  });

  /**
   * A page whose requests off the loopback server are recorded and never reach the network: an image (an entry's,
   * from the article's site) is answered with a photo wider than any screen, anything else refused.
   */
  async function openPage(site: Site): Promise<Tab> {
    const page = await context.newPage();
    const outside: { url: string; type: string }[] = [];
    await page.route(
      (url) => !url.href.startsWith(site.server.url),
      (route) => {
        outside.push({ url: route.request().url(), type: route.request().resourceType() });
        return route.request().resourceType() === 'image' ? route.fulfill({ status: 200, contentType: 'image/png', body: WIDE_PHOTO }) : route.abort();
      },
    );
    return { page, outside };
  }

  /** The site's tab at `width` px in light mode and focused, as a new one opened by openPage would be. */
  async function tabAt(name: string, width: number): Promise<Tab> {
    const tab = tabs[name]!;
    await tab.page.setViewportSize({ width, height: 800 });
    await tab.page.emulateMedia({ colorScheme: 'light' });
    await tab.page.bringToFront();
    return tab;
  }

  it('fits every page into 320 px and 1280 px without scrolling sideways, and loads no script, style sheet or font', () => {
    expect(found.overflowing).toEqual([]);
    expect(found.unexpectedLoads).toEqual([]);
    expect(found.outsideRequests).toEqual([]);
  });

  it('keeps each word of a wide table whole on a phone: the table scrolls in its own box', async () => {
    const site = sites.hostile!;
    const { page } = await tabAt('hostile', 320);
    await page.goto(`${site.server.url}entries/2014/e01/`);
    // Lines of text in each cell: the height of its text over its line height.
    const cells = await page.evaluate<{ text: string; lines: number }[]>(`[...document.querySelectorAll('.commentary td, .commentary th')].map((cell) => {
      const range = document.createRange();
      range.selectNodeContents(cell);
      return { text: cell.textContent, lines: Math.round(range.getBoundingClientRect().height / parseFloat(getComputedStyle(cell).lineHeight)) };
    })`);
    expect(cells).toHaveLength(24);
    for (const cell of cells) expect(cell, cell.text).toEqual({ text: cell.text, lines: 1 });
    // The box is the region around the table (scrollRegions).
    const table = await page.evaluate(`(() => { const box = document.querySelector('.commentary table').closest('[role=region]'); return { scrolls: box.scrollWidth > box.clientWidth, overflowX: getComputedStyle(box).overflowX }; })()`);
    expect(table).toEqual({ scrolls: true, overflowX: 'auto' });
    expect(await page.evaluate<number>(OVERFLOW)).toBeLessThanOrEqual(0);
  });

  it('prints a wide table and a long line of code whole, where paper cannot scroll their boxes', async () => {
    const site = sites.hostile!;
    // A4 paper (210 mm, 794 CSS px) less Chromium's default margins (0.4 in, 38 px each side).
    const { page } = await tabAt('hostile', 718);
    onTestFinished(() => page.emulateMedia({ media: null }));
    await page.emulateMedia({ media: 'print' });
    await page.goto(`${site.server.url}entries/2014/e01/`);
    // What each region holds beyond its box (the paper clips it), and how far it reaches past the page.
    const regions = await page.evaluate<{ name: string; hidden: number; past: number }[]>(`[...document.querySelectorAll('.commentary [role=region]')].map((box) => ({
      name: box.getAttribute('aria-label'),
      hidden: box.scrollWidth - box.clientWidth,
      past: Math.max(0, box.getBoundingClientRect().right - document.documentElement.clientWidth),
    }))`);
    expect(regions).toEqual([{ name: 'Table', hidden: 0, past: 0 }, { name: 'Code', hidden: 0, past: 0 }]);
    expect(await page.evaluate<number>(OVERFLOW)).toBeLessThanOrEqual(0);
  });

  it('sets code left to right and on the left in a right-to-left commentary: its closing ; last, its start in view', async () => {
    const site = sites.hostile!;
    const { page } = await tabAt('hostile', 1280);
    await page.goto(`${site.server.url}entries/2014/e${String(HOSTILE_ENTRY_COUNT).padStart(2, '0')}/`);
    const commentary = page.locator('.commentary');
    expect(await commentary.evaluate((element) => element.ownerDocument.defaultView!.getComputedStyle(element).direction)).toBe('rtl');
    const code = commentary.locator('pre code').filter({ hasText: ARABIC_CODE });
    // Where the first and the last character of the line are drawn, against the box of the pre around them.
    const at = await code.evaluate((element) => {
      const text = element.firstChild!;
      const rect = (from: number) => {
        const range = element.ownerDocument.createRange();
        range.setStart(text, from);
        range.setEnd(text, from + 1);
        return range.getBoundingClientRect();
      };
      const box = element.parentElement!.getBoundingClientRect();
      return { first: rect(0).left - box.left, last: rect(text.textContent!.trimEnd().length - 1).left - box.left, width: box.width };
    });
    expect(at.first).toBeGreaterThanOrEqual(0);
    expect(at.first).toBeLessThan(at.width / 4);
    expect(at.last).toBeGreaterThan(at.first);
  });

  it('lays out a right-to-left title and summary right to left, and keeps a tag’s count beside its right-to-left name', async () => {
    const site = sites.hostile!;
    const { page } = await tabAt('hostile', 1280);
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
  });
  it('keeps headings in order, gives every image an alt and every control a label, on every page', () => {
    expect(found.structure).toEqual([]);
  });

  it("names an entry's footnotes and each way back to a reference, on every page that has them", () => {
    expect(found.unnamedNotes).toEqual([]);
  });

  it('prints no signup form and no footnote’s way back to its reference, which paper can neither send nor follow', async () => {
    /** How each element `selector` picks on a page is displayed, on screen and then on paper. */
    const displayed = async (name: string, path: string, selector: string) => {
      const { page } = await tabAt(name, 1280);
      onTestFinished(() => page.emulateMedia({ media: null }));
      await page.goto(sites[name]!.server.url + path);
      const read = `[...document.querySelectorAll(${JSON.stringify(selector)})].map((element) => getComputedStyle(element).display)`;
      await page.emulateMedia({ media: 'screen' });
      const screen = await page.evaluate<string[]>(read);
      await page.emulateMedia({ media: 'print' });
      return { screen, print: await page.evaluate<string[]>(read) };
    };
    // The form in the site's pages' style, and in the digest archive's own (a week's copy, the list of weeks).
    for (const path of ['tags/trade/', 'digests/2014-W19.html', 'digests/']) {
      expect(await displayed('sample', path, 'form.signup'), path).toEqual({ screen: ['block'], print: ['none'] });
    }
    // A week's copy asks for the email in words of its own before the form: on paper, they go with it.
    const { page } = await tabAt('sample', 1280);
    await page.goto(`${sites.sample!.server.url}digests/2014-W19.html`);
    const asks = `document.body.innerText.includes('Get the weekly digest by email')`;
    await page.emulateMedia({ media: 'print' });
    expect(await page.evaluate<boolean>(asks)).toBe(false);
    await page.emulateMedia({ media: 'screen' });
    expect(await page.evaluate<boolean>(asks)).toBe(true);
    // The edge fixture's brackets.md (id 0x1F): its note cited twice and its second note, three ways back.
    const backs = await displayed('edge', 'entries/0x1f-a571a576a9/', 'a[href^="#fnref-"]');
    expect(backs).toEqual({ screen: ['inline', 'inline', 'inline'], print: ['none', 'none', 'none'] });
  });

  it('is readable in light and dark mode: every text at least 4.5:1 against what is behind it (WCAG 1.4.3)', () => {
    expect(found.lowContrast).toEqual([]);
  });

  it('takes a keyboard through a page: the skip link first and on screen, then every link and control with a visible focus ring', async () => {
    const site = sites.sample!;
    const siteTitle = 'Peninsula Economy Watch';
    const { page } = await tabAt('sample', 320);
    // One page after another in the site's tab. A walk that tabbed out of its page leaves the browser's focus outside
    // the tab, where the next page's last Tab may come back into it: the tab is given the focus again, as a new one has it.
    for (const path of ['', 'tags/trade/', 'entries/2014/market-rice-prices/', 'months/2014-05/', 'months/', 'digests/']) {
      await page.bringToFront();
      await page.goto(site.server.url + path);
      // Links, controls, and a commentary's code blocks and tables, which scroll in their own box (tabindex="0").
      // Each Tab's focus is read by the page as the key comes up, when the key has moved the focus and brought its
      // element into view, and all of them are read back at the end: one round trip for the walk, not one per key.
      const expected = await page.evaluate<number>(`(() => {
        window.tabStops = [];
        addEventListener('keyup', (event) => { if (event.key === 'Tab') window.tabStops.push(${FOCUSED}); }, true);
        return document.querySelectorAll('a[href], input:not([type=hidden]):not([tabindex="-1"]), button, [tabindex="0"]').length;
      })()`);
      await pressTab(page, expected);
      const focused = await page.evaluate<{ text: string; ring: boolean; onScreen: boolean }[]>('window.tabStops');
      expect(focused, path).toHaveLength(expected);
      // Every page, the digest archive's included, opens with its skip link (WCAG 2.4.1).
      expect(focused[0]!.text, path).toMatch(/^Skip to /);
      if (path === 'digests/') expect(focused[1]!.text, path).toBe(`← ${siteTitle}`);
      // market-rice-prices.md holds one table, without a caption: its tab stop is a region named "Table" around it, still a table.
      if (path.startsWith('entries/')) expect(await page.getByRole('region', { name: 'Table', exact: true }).getByRole('table').count(), path).toBe(1);
      for (const element of focused) expect(element, `${path}: ${element.text}`).toEqual({ text: element.text, ring: true, onScreen: true });
      // Then out of the page: every focusable element had its turn, the honeypot none.
      await page.keyboard.press('Tab');
      expect(await page.evaluate<string>('document.activeElement?.tagName ?? ""'), path).toBe('BODY');
    }
  }, 120_000);

  it('lets a keyboard sign up: the address field has its label, and Enter sends the form to the site', async () => {
    const site = sites.sample!;
    const { page } = await tabAt('sample', 320);
    let posted: { url: string; body: string } | undefined;
    const subscribe = (route: Route) => {
      posted = { url: route.request().url(), body: route.request().postData() ?? '' };
      return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: '<!DOCTYPE html><title>ok</title>' });
    };
    await page.route(`${site.server.url}subscribe`, subscribe);
    onTestFinished(() => page.unroute(`${site.server.url}subscribe`, subscribe));
    await page.goto(`${site.server.url}tags/trade/`);
    const field = page.getByLabel('Your email address, for the entries tagged “Trade”');
    expect(await field.getAttribute('type')).toBe('email');
    // The Tab presses that reach it, in the page's tab order (the order of its focusable elements, the keyboard
    // walk's test shows), then the focus asked of the page once rather than after each press.
    const stops = await field.evaluate((element) => [...element.ownerDocument.querySelectorAll('a[href], input:not([type=hidden]):not([tabindex="-1"]), button, [tabindex="0"]')].indexOf(element) + 1);
    expect(stops).toBeGreaterThan(0);
    await pressTab(page, stops);
    expect(await field.evaluate((element) => element === element.ownerDocument.activeElement)).toBe(true);
    await page.keyboard.type('ada@example.org');
    await Promise.all([page.waitForURL(`${site.server.url}subscribe`), page.keyboard.press('Enter')]);
    expect(posted?.url).toBe(`${site.server.url}subscribe`);
    expect(Object.fromEntries(new URLSearchParams(posted!.body))).toEqual({ email: 'ada@example.org', page: '/tags/trade/', tags: 'trade', website: '' });
  });
  it('shows a feed opened in the browser (through feed.xsl) within 320 px, an Arabic title right to left', async () => {
    const site = sites.hostile!;
    const { page } = await tabAt('hostile', 320);
    // As the site answers a browser (Accept: text/html): the feed as application/xml, which Chromium styles with feed.xsl.
    const asXml = async (route: Route) => {
      const response = await route.fetch().catch(() => undefined);
      if (response) await route.fulfill({ response, headers: { ...response.headers(), 'content-type': 'application/xml; charset=utf-8' } }).catch(() => undefined);
    };
    await page.route(`${site.server.url}**/*.xml`, asXml);
    onTestFinished(() => page.unroute(`${site.server.url}**/*.xml`, asXml));
    for (const feed of ['rss.xml', 'atom.xml', 'tags/trade/rss.xml', 'digests/rss.xml', 'digests/atom.xml']) {
      await page.goto(site.server.url + feed);
      // Rendered: the page has the feed's h1 and the box with the URL to copy.
      expect(await page.locator('#feed-url').count(), feed).toBe(1);
      expect(await page.evaluate<number>(OVERFLOW), feed).toBeLessThanOrEqual(0);
    }
    for (const feed of ['rss.xml', 'atom.xml']) {
      await page.goto(site.server.url + feed);
      const title = page.locator('main h2').filter({ hasText: ARABIC_TITLE });
      expect(await title.evaluate((element) => element.ownerDocument.defaultView!.getComputedStyle(element).direction), feed).toBe('rtl');
    }
  });
  it("keeps to the Content-Security-Policy the site's CDN sends with every page: no violation on any page", () => {
    expect(found.cspViolations).toEqual([]);
  });
  it("has the browser fetch each page's own icon, never /favicon.ico at the host's root (outside a site under a path)", () => {
    // Each page's link, and what the browser itself asked for on each page of the crawl.
    expect(found.withoutIcon).toEqual([]);
    expect(found.rootIcon).toEqual([]);
  });

  it('keeps an unclosed right-to-left override in a source name (U+202E) from reversing the date after it', async () => {
    const site = sites.hostile!;
    const { page } = await tabAt('hostile', 1280);
    // e02 is older than the index's 20: on its own page and its month's.
    for (const path of ['entries/2014/e02/', 'months/2014-05/']) {
      await page.goto(site.server.url + path);
      const meta = page.locator('p.meta').filter({ hasText: SPOOFING_SOURCE.slice(0, 5) }).first();
      // The date reads left to right: its first character ("M" of May) left of its last ("4" of 2014), after the source.
      const order = await meta.locator('time').evaluate(
        (time) => {
          const text = time.firstChild!;
          const range = time.ownerDocument.createRange();
          const at = (offset: number) => {
            range.setStart(text, offset);
            range.setEnd(text, offset + 1);
            return range.getBoundingClientRect().left;
          };
          return { first: at(0), last: at(text.textContent!.length - 1), source: time.parentElement!.firstElementChild!.getBoundingClientRect().right };
        },
        undefined,
        { timeout: 5_000 },
      );
      expect(order.first, path).toBeLessThan(order.last);
      expect(order.source, path).toBeLessThanOrEqual(order.first);
    }
  });
  it('keeps the same override in a tag name from reversing the sentences that name the tag on its page', async () => {
    const site = sites.hostile!;
    const { page } = await tabAt('hostile', 1280);
    await page.goto(`${site.server.url}tags/spoof-tag/`);
    for (const selector of ['header p[dir="auto"]', '#subscribe + p', '.signup label']) {
      // Each sentence ends where a left-to-right line ends: its last character right of the one before it. An
      // override left open by the name would turn the words after it around, the last one to the left.
      const order = await page.locator(selector).first().evaluate(
        (element) => {
          // Every character that is not a space, in reading order, as its text node and offset.
          const walker = element.ownerDocument.createTreeWalker(element, 4);
          const characters: [typeof walker.currentNode, number][] = [];
          while (walker.nextNode()) [...walker.currentNode.textContent!].forEach((c, i) => c.trim() && characters.push([walker.currentNode, i]));
          const range = element.ownerDocument.createRange();
          const at = ([node, offset]: [typeof walker.currentNode, number]) => {
            range.setStart(node, offset);
            range.setEnd(node, offset + 1);
            return range.getBoundingClientRect().left;
          };
          return { beforeLast: at(characters.at(-2)!), last: at(characters.at(-1)!), text: element.textContent };
        },
        undefined,
        { timeout: 5_000 },
      );
      expect(order.last, `${selector}: ${order.text}`).toBeGreaterThan(order.beforeLast);
    }
  });
});
