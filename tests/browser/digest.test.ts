import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DateTime } from 'luxon';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { digestArtifacts } from '../../lib/digest/digestArtifacts.js';
import { runDigest } from '../../cli/digestRun.js';
import { LocalStore } from '../../lib/store/localStore.js';
import { MemoryStore } from '../../lib/store/memoryStore.js';
import { fillUnsubscribe, renderDigestHtml } from '../../lib/digest/renderDigestHtml.js';
import { launchChromium } from '../support/browser.js';
import { REPO } from '../support/cli.js';
import { meta, testSite, weekModel } from '../support/digestFixtures.js';

const SAMPLE = join(REPO, 'content');
const ARTIFACTS = fileURLToPath(new URL('../../test-artifacts/digest/', import.meta.url));
let browser: Browser;

beforeAll(async () => {
  await mkdir(ARTIFACTS, { recursive: true });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

async function sampleEmail(): Promise<string> {
  const { model } = await runDigest({ content: new LocalStore(SAMPLE), output: new MemoryStore(), now: DateTime.fromISO('2026-11-27T09:00:00+09:00'), week: '2014-W19', builders: [digestArtifacts] });
  return fillUnsubscribe(renderDigestHtml(model, { variant: 'email' }), 'https://watch.example.org/unsubscribe?email=ada%40example.org');
}

/** A week built to break layouts: a hero image, a 120-character word, a long URL-like title, many related links. */
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
  return fillUnsubscribe(renderDigestHtml(weekModel(site, entries), { variant: 'email' }), 'https://watch.example.org/u?e=a');
}

async function open(html: string, width: number, colorScheme: 'light' | 'dark' = 'light'): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height: 900 }, colorScheme });
  // Loopback only: every network request (the entry images) is refused; the alt text shows instead.
  await page.route('**/*', (route) => route.abort());
  await page.setContent(html, { waitUntil: 'load' });
  return page;
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
  for (const width of [320, 375, 800]) {
    it(`nothing overflows horizontally at ${width} px (sample week)`, async () => {
      const page = await open(await sampleEmail(), width);
      const result = await overflow(page);
      await page.screenshot({ path: `${ARTIFACTS}digest-sample-${width}.png`, fullPage: true });
      expect(result.offenders).toEqual([]);
      expect(result.scrollWidth).toBeLessThanOrEqual(result.innerWidth);
      await page.close();
    });

    it(`nothing overflows horizontally at ${width} px (long words, images, links)`, async () => {
      const page = await open(stressEmail(), width);
      const result = await overflow(page);
      await page.screenshot({ path: `${ARTIFACTS}digest-stress-${width}.png`, fullPage: true });
      expect(result.offenders).toEqual([]);
      expect(result.scrollWidth).toBeLessThanOrEqual(result.innerWidth);
      await page.close();
    });
  }

  it('is 600 px wide at most on a wide screen, centred', async () => {
    const page = await open(await sampleEmail(), 800);
    const box = await page.locator('table.container').boundingBox();
    expect(box!.width).toBeLessThanOrEqual(600);
    expect(Math.abs(box!.x + box!.width / 2 - 400)).toBeLessThan(2);
    await page.close();
  });

  it('hides the preheader and honours dark mode', async () => {
    const page = await open(await sampleEmail(), 375, 'dark');
    expect(await page.locator('body > div').first().isVisible()).toBe(false);
    const background = await page.evaluate<string>(`getComputedStyle(document.querySelector('table.container')).backgroundColor`);
    expect(background).toBe('rgb(30, 30, 30)');
    await page.screenshot({ path: `${ARTIFACTS}digest-sample-375-dark.png`, fullPage: true });
    await page.close();
  });
});
