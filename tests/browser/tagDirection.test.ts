import { DateTime } from 'luxon';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entryPageArtifacts } from '../../lib/pages/entryPageArtifacts.js';
import { publish } from '../../lib/publish/publish.js';
import { MemoryStore } from '../../lib/store/memoryStore.js';
import { chromiumAvailable, sharedChromium } from '../support/browser.js';
import { entry, entryText, memoryContent, SITE } from '../support/content.js';

// An English tag on an Arabic site's entry page, laid out by Debian's Chromium: the # stands before the tag, at its
// left, as a reader of the tag's language reads it, not after it ("Infrastructure#").
const run = chromiumAvailable(import.meta.filename);

describe.runIf(run)("a tag's # on a right-to-left page, in Chromium", () => {
  let context: BrowserContext;
  let html: string;
  beforeAll(async () => {
    const output = new MemoryStore();
    const entries = { '2014/a.md': entryText(entry({ title: 'ارتفاع أسعار الأرز', date: '2014-05-08', tags: ['Infrastructure'] })) };
    await publish({ content: memoryContent({ site: { ...SITE, language: 'ar' }, entries }), output, now: DateTime.fromISO('2014-06-01T00:00:00+09:00'), builders: [entryPageArtifacts] });
    html = output.text([...output.objects.keys()].find((key) => /^entries\/.+\/index\.html$/.test(key))!)!;
    context = await (await sharedChromium()).newContext();
  }, 60_000);
  afterAll(async () => {
    await context?.close();
  });

  it('draws the # at the left of the English tag', async () => {
    const page = await context.newPage();
    await page.setContent(html);
    // Strings, not functions: the tests are typed without the DOM's names. Each character's left edge, wherever the
    // link's text nodes hold it.
    const left = await page.evaluate<{ hash: number; letter: number }>(`(() => {
      const link = document.querySelector('nav ul.tags a');
      const walker = document.createTreeWalker(link, NodeFilter.SHOW_TEXT);
      const at = {};
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        for (const [name, char] of [['hash', '#'], ['letter', 'I']]) {
          const index = node.textContent.indexOf(char);
          if (index === -1) continue;
          const range = document.createRange();
          range.setStart(node, index);
          range.setEnd(node, index + 1);
          at[name] = range.getBoundingClientRect().left;
        }
      }
      return at;
    })()`);
    expect(left.hash).toBeLessThan(left.letter);
    await page.close();
  });
});
