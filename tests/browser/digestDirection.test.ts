import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, sharedChromium } from '../support/browser.js';
import { entry, entryText } from '../support/content.js';
import { servedSite, type ServedSite } from '../support/servedSite.js';

// The archived digest of a week with an Arabic entry, in Debian's Chromium: each block of typed text is laid out in
// its own direction, and a typed piece inside an English line is isolated from it. In the worker's Chromium
// (sharedChromium), in a context of its own: loopback only, so what the page names elsewhere (the site's icon, by its
// address) fails at once, and nothing here reads it.
const run = chromiumAvailable(import.meta.filename);
const TITLE = 'ارتفاع أسعار الأرز (تقرير)';
const SOURCE = 'صحيفة الاقتصاد';

describe.runIf(run)('the archived digest page with right-to-left text, in Chromium', () => {
  let site: ServedSite;
  let context: BrowserContext;
  beforeAll(async () => {
    site = await servedSite({ '2014/ar.md': entryText(entry({ title: TITLE, date: '2014-05-20', source: { name: SOURCE, url: 'https://news.example.com/' }, summary: 'ارتفعت الأسعار بنسبة 5٪.', tags: ['Trade'] })) });
    context = await (await sharedChromium()).newContext();
  }, 60_000);
  afterAll(async () => {
    await context?.close();
    await site?.close();
  });

  it('lays out the title and summary right to left, the English around them left to right', async () => {
    expect(existsSync(join(site.work, 'public', 'digests', '2014-W21.html'))).toBe(true);
    const page = await context.newPage();
    await page.goto(`${site.server.url}digests/2014-W21.html`);
    // Strings, not functions: the tests are typed without the DOM's names.
    const directions = await page.evaluate<Record<string, string>>(`(() => {
      const direction = (element) => (element ? getComputedStyle(element).direction : 'missing');
      return {
        title: direction(document.querySelector('h2')),
        summary: direction(document.querySelector('.summary')),
        meta: direction(document.querySelector('.meta')),
        source: direction(document.querySelector('.meta bdi')),
        heading: direction(document.querySelector('h1')),
      };
    })()`);
    expect(directions).toEqual({ title: 'rtl', summary: 'rtl', meta: 'ltr', source: 'rtl', heading: 'ltr' });
    // The title's closing bracket, its last character typed, is at the left end of the line, where Arabic ends.
    const edges = await page.evaluate<{ bracket: number; line: number }>(`(() => {
      const heading = document.querySelector('h2 a');
      const text = heading.firstChild;
      const range = document.createRange();
      range.setStart(text, text.textContent.length - 1);
      range.setEnd(text, text.textContent.length);
      return { bracket: range.getBoundingClientRect().left, line: heading.getBoundingClientRect().left };
    })()`);
    expect(Math.abs(edges.bracket - edges.line)).toBeLessThan(2);
    await page.close();
  });
});
