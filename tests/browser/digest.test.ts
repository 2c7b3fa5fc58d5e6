import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DateTime } from 'luxon';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { digestArtifacts } from '../../lib/digest/digestArtifacts.js';
import { runDigest } from '../../cli/digestRun.js';
import { LocalStore } from '../../lib/store/localStore.js';
import { MemoryStore } from '../../lib/store/memoryStore.js';
import { fillUnsubscribe } from '../../lib/digest/digestHtml.js';
import { renderDigestHtml } from '../../lib/digest/renderDigestHtml.js';
import { screenshotIfFailed, sharedChromium } from '../support/browser.js';
import { REPO } from '../support/cli.js';
import { meta, testSite, weekModel } from '../support/digestFixtures.js';
import { contrast } from '../support/contrast.js';

const SAMPLE = join(REPO, 'content');
const ARTIFACTS = fileURLToPath(new URL('../../test-artifacts/digest/', import.meta.url));
let context: BrowserContext;
/** The one tab every email is shown in: a new tab is a new renderer process, dearer than a document written into one open. */
let tab: Page;

beforeAll(async () => {
  await mkdir(ARTIFACTS, { recursive: true });
  // Loopback only (sharedChromium): every network request (the entry images) fails; the alt text shows instead.
  context = await (await sharedChromium()).newContext();
  tab = await context.newPage();
});
afterAll(async () => {
  await context?.close();
});

let sample: Promise<string> | undefined;

/** The sample week's email, built once: the tests only read it. */
function sampleEmail(): Promise<string> {
  sample ??= buildSampleEmail();
  return sample;
}

async function buildSampleEmail(): Promise<string> {
  const { model } = await runDigest({ content: new LocalStore(SAMPLE), output: new MemoryStore(), now: DateTime.fromISO('2026-11-27T09:00:00+09:00'), week: '2014-W19', builders: [digestArtifacts] });
  return fillUnsubscribe(renderDigestHtml(model, { variant: 'email' }), 'https://watch.example.org/unsubscribe?email=ada%40example.org');
}

/**
 * A week built to break layouts: a hero image, a 120-character word, a long URL-like title, many related links; the
 * email of a topic subscriber, whose footer is the longest.
 */
function stressEmail(): string {
  const site = testSite();
  const entries = [
    meta('2014-05-06', {
      image: 'https://img.example.com/wide.jpg',
      title: 'An image wider than the phone',
      // A related link in Arabic sets its item right to left (dir="auto"): its bullet goes on the right.
      related: [...Array.from({ length: 4 }, (_, i) => ({ title: `Related reading number ${i}`, url: `https://news.example.com/r${i}` })), { title: 'تحليل الاقتصاد الكوري الشمالي', url: 'https://news.example.com/ar' }],
    }),
    meta('2014-05-07', { title: `Supercalifragilistic${'x'.repeat(100)}`, summary: `https://news.example.com/${'very-long-path-segment-'.repeat(8)}` }),
  ];
  return fillUnsubscribe(renderDigestHtml({ ...weekModel(site, entries), topics: ['Trade', 'Markets'], partOfWeek: true }, { variant: 'email' }), 'https://watch.example.org/u?e=a', 'https://watch.example.org/p?e=a');
}

/** A week past its size budget: its first entries in full, the rest under "More this week", its heading unlinked. */
function busyEmail(): string {
  const entries = Array.from({ length: 30 }, (_, i) => meta(`2014-05-0${5 + (i % 7)}`, { title: `A story of the busy week, number ${i}`, related: [{ title: `Background to story ${i}`, url: `https://news.example.com/bg${i}` }] }));
  return fillUnsubscribe(renderDigestHtml(weekModel(testSite(), entries), { variant: 'email', maxBytes: 20_000 }), 'https://watch.example.org/u?e=a', 'https://watch.example.org/p?e=a');
}

interface TextColour {
  text: string;
  colour: string;
  background: string;
}

/**
 * Each visible element holding text of its own: the text, its computed colour and the background behind it (the
 * nearest opaque background-color of it or an ancestor), as #rrggbb.
 */
async function textColours(page: Page): Promise<TextColour[]> {
  return page.evaluate<TextColour[]>(`(() => {
    const hex = (rgb) => '#' + rgb.match(/\\d+/g).slice(0, 3).map((n) => Number(n).toString(16).padStart(2, '0')).join('');
    const opaque = (rgb) => !/^rgba\\(.*, 0\\)$/.test(rgb) && rgb !== 'transparent';
    const found = [];
    for (const element of document.body.querySelectorAll('*')) {
      const own = [...element.childNodes].filter((node) => node.nodeType === 3).map((node) => node.textContent.trim()).join(' ').trim();
      if (own === '' || element.getClientRects().length === 0 || element.closest('[style*="display: none"]')) continue;
      let behind = element;
      while (behind && !opaque(getComputedStyle(behind).backgroundColor)) behind = behind.parentElement;
      found.push({ text: own.slice(0, 40), colour: hex(getComputedStyle(element).color), background: hex(behind ? getComputedStyle(behind).backgroundColor : 'rgb(255, 255, 255)') });
    }
    return found;
  })()`);
}

/** The email the tab shows, as the last `open` wrote it. */
let shown: string | undefined;

/**
 * The tab at `width` px in `colorScheme`, showing `html` in a blank document as a new tab would. An email the tab
 * already shows is not written again: the tests only read it, and a new width or colour scheme applies its media
 * queries anew, as a new document would (the tests of one email follow one another).
 */
async function open(html: string, width: number, colorScheme: 'light' | 'dark' = 'light'): Promise<Page> {
  await tab.setViewportSize({ width, height: 900 });
  await tab.emulateMedia({ colorScheme });
  if (html !== shown) {
    shown = undefined;
    await tab.goto('about:blank');
    await tab.setContent(html, { waitUntil: 'load' });
    shown = html;
  }
  return tab;
}

/** Elements whose right edge passes the viewport, and the document's own overflow. */
async function overflow(page: Page): Promise<{ scrollWidth: number; innerWidth: number; offenders: string[] }> {
  // A string, since the tests are compiled without the DOM library; it runs in the page.
  return page.evaluate<{ scrollWidth: number; innerWidth: number; offenders: string[] }>(`(() => {
    const offenders = [];
    for (const element of document.body.querySelectorAll('*')) {
      if (getComputedStyle(element).display === 'none' || element.closest('[style*="display: none"]')) continue;
      const box = element.getBoundingClientRect();
      if (box.right > window.innerWidth + 0.5) offenders.push(element.tagName.toLowerCase() + '.' + element.className + ' right=' + Math.round(box.right));
    }
    return { scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth, offenders };
  })()`);
}

describe('the digest email in Chromium', () => {
  // The sample week's tests, then the stress week's, each week's email written into the tab once (open).
  for (const width of [320, 375, 800]) {
    it(`nothing overflows horizontally at ${width} px (sample week)`, async () => {
      const page = await open(await sampleEmail(), width);
      screenshotIfFailed(page, `${ARTIFACTS}digest-sample-${width}.png`, { fullPage: true });
      const result = await overflow(page);
      expect(result.offenders).toEqual([]);
      expect(result.scrollWidth).toBeLessThanOrEqual(result.innerWidth);
    });
  }

  it('is 600 px wide at most on a wide screen, centred', async () => {
    const page = await open(await sampleEmail(), 800);
    const box = await page.locator('table.container').boundingBox();
    expect(box!.width).toBeLessThanOrEqual(600);
    expect(Math.abs(box!.x + box!.width / 2 - 400)).toBeLessThan(2);
  });

  it('hides the preheader and honours dark mode', async () => {
    const page = await open(await sampleEmail(), 375, 'dark');
    screenshotIfFailed(page, `${ARTIFACTS}digest-sample-375-dark.png`, { fullPage: true });
    expect(await page.locator('body > div').first().isVisible()).toBe(false);
    const background = await page.evaluate<string>(`getComputedStyle(document.querySelector('table.container')).backgroundColor`);
    expect(background).toBe('rgb(30, 30, 30)');
  });

  for (const width of [320, 375, 800]) {
    it(`nothing overflows horizontally at ${width} px (long words, images, links)`, async () => {
      const page = await open(stressEmail(), width);
      screenshotIfFailed(page, `${ARTIFACTS}digest-stress-${width}.png`, { fullPage: true });
      const result = await overflow(page);
      expect(result.offenders).toEqual([]);
      expect(result.scrollWidth).toBeLessThanOrEqual(result.innerWidth);
    });
  }

  // A date in a right-to-left language reads right to left: the day numbers first, on the right.
  it("lays out an Arabic site's dates right to left (the range in the heading, an entry's date)", async () => {
    const model = weekModel(testSite({ language: 'ar' }), [meta('2014-05-08')]);
    const page = await open(renderDigestHtml(model, { variant: 'email' }), 800);
    /** The left edges of `first` and `second` in the text of the first element `selector` matches. */
    const lefts = (selector: string, first: string, second: string) =>
      page.evaluate<number[]>(`(() => {
        const node = document.querySelector(${JSON.stringify(selector)}).firstChild;
        return [${JSON.stringify(first)}, ${JSON.stringify(second)}].map((part) => {
          const range = document.createRange();
          const at = node.textContent.indexOf(part);
          range.setStart(node, at);
          range.setEnd(node, at + part.length);
          return range.getBoundingClientRect().left;
        });
      })()`);
    expect(model.rangeText).toBe('5–11 مايو 2014');
    const [days, month] = await lefts('h1', '5–11', 'مايو');
    expect(days!).toBeGreaterThan(month!);
    const [year, monthAgain] = await lefts('h1', '2014', 'مايو');
    expect(year!).toBeLessThan(monthAgain!);
    const [day, entryMonth] = await lefts('time', '8', 'مايو');
    expect(day!).toBeGreaterThan(entryMonth!);
    // The page is right to left (<html dir="rtl">): the meta line's source, first, stands right of the date.
    expect(await page.evaluate<boolean>(`document.querySelector('.meta bdi').getBoundingClientRect().left > document.querySelector('.meta time').getBoundingClientRect().right`)).toBe(true);
  });

  // WCAG 2.2 1.4.3: every text, headings and footer included, 4.5:1 or more against what is behind it.
  for (const colorScheme of ['light', 'dark'] as const) {
    it(`every text reads 4.5:1 or more in ${colorScheme} mode (a week past its budget)`, async () => {
      const page = await open(busyEmail(), 375, colorScheme);
      screenshotIfFailed(page, `${ARTIFACTS}digest-busy-375-${colorScheme}.png`, { fullPage: true });
      const more = page.locator('h2', { hasText: 'More this week' });
      expect(await more.count()).toBe(1);
      const texts = await textColours(page);
      const heading = texts.find(({ text }) => text === 'More this week')!;
      expect(contrast(heading.colour, heading.background)).toBeGreaterThanOrEqual(4.5);
      // Every kind of text is there: headings, the related list, the titles-only list, the button, the footer.
      for (const text of ['A story of the busy week, number 0', 'Background to story 0', 'A story of the busy week, number 29', 'Read the full digest', 'Unsubscribe']) expect(texts.map((found) => found.text)).toContain(text);
      const unreadable = texts.filter(({ colour, background }) => contrast(colour, background) < 4.5).map(({ text, colour, background }) => `${text}: ${colour} on ${background}`);
      expect(unreadable).toEqual([]);
    });
  }
});
