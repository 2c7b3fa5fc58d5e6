import { readdir, readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDigest } from '../../cli/digestRun.js';
import { fillUnsubscribe } from '../../lib/digest/digestHtml.js';
import { renderDigestHtml } from '../../lib/digest/renderDigestHtml.js';
import { LocalStore } from '../../lib/store/localStore.js';
import { MemoryStore } from '../../lib/store/memoryStore.js';
import { digestArtifacts } from '../../lib/digest/digestArtifacts.js';
import { signToken } from '../../lib/subscribers/subscriberToken.js';
import { chromiumAvailable, sharedChromium } from '../support/browser.js';
import { contentFolder, entry, entryText } from '../support/content.js';
import { PreviewProcess } from '../support/preview.js';

/**
 * axe-core on one page of every kind a reader or subscriber sees, in Debian's Chromium, on a fixture holding the hard
 * cases, in light and dark mode: WCAG 2.0/2.1 A and AA, 2.2 AA and axe's best practices, with no violation expected.
 * A Korean site's index and feed page too, for the English words marked on them.
 */
const SECRET = 'accessibility-secret-long-enough';
const NOW = '2014-06-01T09:00:00+09:00';
const WEEK = '2014-W19';
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];
/** The pages the Korean site is checked on (see the test). */
const KOREAN_PAGES = ['index', 'entry, long code and a wide table', 'rss.xml through feed.xsl'];
const BOTH_SCHEMES = ['light', 'dark'] as const;
/** The rules whose outcome depends on colours (WCAG 1.4.1, 1.4.3). */
const COLOUR_RULES = ['color-contrast', 'link-in-text-block'];
const available = chromiumAvailable('tests/browser/accessibility.test.ts');

/** The hard cases: right-to-left text, an image with and without its description, a long title, related links, many tags, a full month, code and a table wider than the page. */
function entries(): Record<string, string> {
  const files: Record<string, string> = {
    '2014/rtl.md': entryText(entry({ title: 'مرفأ راسون الجديد يفتح للسفن', source: 'الجزيرة', url: 'https://news.example.com/rtl', date: '2014-05-06', tags: ['موانئ', 'trade'], summary: 'ميناء جديد في الشمال.' }), 'تعليق المحرر.\n'),
    '2014/alt.md': entryText(entry({ title: 'A pier with a photo', url: 'https://news.example.com/alt', date: '2014-05-07', image: 'https://img.example.com/pier.jpg', imageAlt: 'Cranes over the new pier at dusk', related: [{ title: 'The first ship', url: 'https://news.example.com/ship' }, { title: 'Port statistics', url: 'https://news.example.com/stats' }] })),
    '2014/noalt.md': entryText(entry({ title: 'A photo without a description', url: 'https://news.example.com/noalt', date: '2014-05-08', image: 'https://img.example.com/noalt.jpg' })),
    '2014/long.md': entryText(entry({ title: `A very long title ${'that keeps going and going '.repeat(8)}until it ends`, url: 'https://news.example.com/long', date: '2014-05-09', tags: ['trade', 'markets', 'energy', 'shipping', 'politics', 'North Korea'], related: [{ title: 'Background', url: 'https://news.example.com/bg' }] })),
  };
  // Code and a table wider than the column: each scrolls in its own box, which a keyboard must reach.
  const table = `| ${Array.from({ length: 12 }, (_, i) => `heading${i}`).join(' | ')} |\n|${'---|'.repeat(12)}\n| ${Array.from({ length: 12 }, (_, i) => `value${i}word`).join(' | ')} |\n`;
  files['2014/code.md'] = entryText(entry({ title: 'Code and a wide table', url: 'https://news.example.com/code', date: '2014-04-25' }), `A line of code:\n\n\`\`\`\n${'const total = prices.map((p) => p * 2); '.repeat(12)}\n\`\`\`\n\n${table}`);
  // A month with more entries than the index shows.
  for (let day = 1; day <= 24; day++) files[`2014/may-${day}.md`] = entryText(entry({ title: `May story ${day}`, url: `https://news.example.com/may-${day}`, date: `2014-05-${String(day).padStart(2, '0')}`, tags: ['markets'] }));
  files['2014/april.md'] = entryText(entry({ title: 'An April story', url: 'https://news.example.com/april', date: '2014-04-20' }));
  return files;
}

function site(language: string): Record<string, unknown> {
  return {
    title: language === 'ko' ? '테스트 워치' : 'Test Watch',
    description: language === 'ko' ? '엄선한 테스트 뉴스.' : 'Curated test news.',
    url: 'https://watch.example.org/',
    language,
    timezone: 'Asia/Seoul',
    idDate: '2014',
    digest: { from: 'Test Watch <digest@watch.example.org>', unsubscribe: { url: 'https://watch.example.org/unsubscribe?token={token}', mailto: 'unsubscribe@watch.example.org' } },
  };
}

interface Finding {
  id: string;
  impact: string | null;
  targets: string[];
}

describe.runIf(available)('every kind of page passes axe', () => {
  let context: BrowserContext;
  /** The one tab every page is checked in: a new tab is a new renderer process, dearer than a page loaded in one open. */
  let tab: Page;
  const previews: PreviewProcess[] = [];
  /**
   * axe-core served on loopback, cacheable: a page loads it by its address, so the browser compiles it from its own
   * cache after the first pages, where a copy sent inline with each page was sent and compiled every time.
   */
  let axeServer: Server;
  let axeUrl: string;
  const fixtures: Record<string, { preview: PreviewProcess; content: string; work: string }> = {};

  beforeAll(async () => {
    const axe = await readFile(AXE);
    axeServer = createServer((_, response) => response.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'max-age=3600' }).end(axe));
    await new Promise<void>((resolve) => axeServer.listen(0, '127.0.0.1', resolve));
    axeUrl = `http://127.0.0.1:${(axeServer.address() as AddressInfo).port}/axe.min.js`;
    // Loopback only (sharedChromium): the entries' images fail, and their alt text shows.
    // The pages' CSP (the preview's, as the CDN's) forbids the injected engine: bypassed for the test only.
    context = await (await sharedChromium()).newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 } });
    tab = await context.newPage();
    for (const language of ['en', 'ko']) {
      const content = await contentFolder({ site: site(language), entries: entries() });
      const work = `${content}-work`;
      const preview = new PreviewProcess(['--content', content, '--subscribers', join(work, 'subscribers'), '--outbox', join(work, 'outbox'), '--now', NOW], { DIGEST_UNSUBSCRIBE_SECRET: SECRET });
      previews.push(preview);
      fixtures[language] = { preview, content, work };
    }
    await Promise.all(previews.map((preview) => preview.start()));
  }, 60_000);
  afterAll(async () => {
    await context?.close();
    await Promise.all(previews.map((preview) => preview.stop()));
    await new Promise((resolve) => axeServer?.close(resolve));
  });

  /**
   * axe's violations on the page as it is, in each of `schemes`, with `disabled` rules off. A page not on loopback
   * (the email's blank document) may not load from loopback (Chromium's local network access): it is given axe's text.
   */
  async function violations(page: Page, label: string, schemes: readonly ('light' | 'dark')[], disabled: string[] = []): Promise<string[]> {
    await page.addScriptTag(page.url().startsWith('http://127.0.0.1:') ? { url: axeUrl } : { path: AXE });
    const found: string[] = [];
    const rules = Object.fromEntries(disabled.map((id) => [id, { enabled: false }]));
    // Chromium puts a banner of its own above a page made by XSLT (its notice that XSLT is going away): not ours.
    const context = { include: [['html']], exclude: [['xslt-warning-banner']] };
    for (const colorScheme of schemes) {
      await page.emulateMedia({ colorScheme });
      // Dark mode changes the colours only: its run checks the rules about colour, which keeps the test quick.
      const runOnly = colorScheme === 'light' ? { type: 'tag', values: TAGS } : { type: 'rule', values: COLOUR_RULES };
      const result = await page.evaluate<Finding[]>(`axe.run(${JSON.stringify(context)}, { runOnly: ${JSON.stringify(runOnly)}, rules: ${JSON.stringify(rules)} })
        .then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.map((n) => n.target.join(' ') + ': ' + n.failureSummary.replace(/\\s+/g, ' ').slice(0, 160)) })))`);
      for (const v of result) found.push(`${label} (${colorScheme}): ${v.id} [${v.impact}] ${v.targets.slice(0, 4).join(' | ')}`);
    }
    await page.emulateMedia({ colorScheme: 'light' });
    return found;
  }

  /**
   * The tab, at `url`: loaded, and its status asserted, unless the tab shows it already (the site's index, read for a
   * tag's link just before it is checked).
   */
  async function pageAt(url: string): Promise<Page> {
    if (tab.url() === url) return tab;
    const response = await tab.goto(url);
    expect(response!.status(), url).toBe(200);
    return tab;
  }

  for (const language of ['en', 'ko']) {
    // The colours are the same whatever the language: dark mode is checked on the English site.
    const schemes = language === 'en' ? BOTH_SCHEMES : (['light'] as const);
    it(`the site's pages, feeds and digest archive (${language})`, async () => {
      const { preview } = fixtures[language]!;
      const index = await pageAt(preview.url);
      const hrefOf = (selector: string) => index.locator(selector).first().evaluate((a) => (a as unknown as { href: string }).href);
      const urls: Record<string, string> = {
        index: preview.url,
        tag: await hrefOf('ol.entries ul.tags a'),
        'entry with image and alt': `${preview.url}entries/2014/alt/`,
        'entry with image, no alt': `${preview.url}entries/2014/noalt/`,
        'entry, long title and many tags': `${preview.url}entries/2014/long/`,
        'entry, right to left': `${preview.url}entries/2014/rtl/`,
        'entry, long code and a wide table': `${preview.url}entries/2014/code/`,
        month: `${preview.url}months/2014-05/`,
        months: `${preview.url}months/`,
        'digest archive': `${preview.url}digests/`,
        "a week's digest": `${preview.url}digests/${WEEK}.html`,
        'rss.xml through feed.xsl': `${preview.url}rss.xml`,
        'atom.xml through feed.xsl': `${preview.url}atom.xml`,
      };
      // The Korean site's run is for the English words marked on its pages (a valid lang, and no rule broken by the
      // marks), which the renderers' unit tests check page by page; here the index, the regions named by marked text,
      // and a feed, which only a browser running feed.xsl shows. Every kind is checked on the English site.
      const checked = language === 'en' ? Object.entries(urls) : Object.entries(urls).filter(([label]) => KOREAN_PAGES.includes(label));
      expect(checked.length).toBeGreaterThan(0);
      const found: string[] = [];
      for (const [label, url] of checked) {
        const page = await pageAt(url);
        // A feed is read as the page feed.xsl makes of it, not as raw XML.
        if (url.endsWith('.xml')) {
          expect(await page.locator('#feed-url').count(), label).toBe(1);
          // Its own words are English: marked so on the Korean site's feed only (WCAG 3.1.2), as RSS's dates are.
          const english = language === 'en' ? null : 'en';
          expect(await page.locator('section.subscribe').getAttribute('lang'), label).toBe(english);
          if (url.endsWith('rss.xml')) expect(await page.locator('article .meta span').first().getAttribute('lang'), label).toBe(english);
        }
        // The code's and the table's regions keep their names, "Code" and "Table", on the Korean site given by a text
        // marked English (the lang of the element aria-labelledby names; 'none' for an aria-label).
        if (label === 'entry, long code and a wide table') {
          const regions = page.getByRole('region', { name: /^(Code|Table)$/ });
          const marked = await regions.evaluateAll((found) => found.map((region) => region.ownerDocument.getElementById(region.getAttribute('aria-labelledby') ?? '')?.lang ?? 'none'));
          expect(marked, label).toEqual(language === 'en' ? ['none', 'none'] : ['en', 'en']);
        }
        found.push(...(await violations(page, label, schemes)));
      }
      expect(found).toEqual([]);
    }, 120_000);
  }

  // The subscriber's pages and the email, on the English site (their English marks on a Korean site are the
  // renderers' unit tests').
  it('the subscription pages', async () => {
    const { preview, work } = fixtures.en!;
    const found: string[] = [];
    const page = await pageAt(preview.url);
    await page.fill('#signup-email', 'ada@example.org');
    await Promise.all([page.waitForURL(`${preview.url}subscribe`), page.click('form.signup button')]);
    found.push(...(await violations(page, 'check your inbox', BOTH_SCHEMES)));

    const [email] = await readdir(join(work, 'outbox', 'confirmations'));
    const raw = (await readFile(join(work, 'outbox', 'confirmations', email!), 'utf8')).replace(/=\r?\n/g, '').replace(/=3D/g, '=');
    await page.goto(/(http:\/\/127\.0\.0\.1:\d+\/confirm\?token=[A-Za-z0-9._-]+)/.exec(raw)![1]!);
    found.push(...(await violations(page, 'confirm', BOTH_SCHEMES)));
    await Promise.all([page.waitForURL(`${preview.url}confirm`), page.click('button')]);
    found.push(...(await violations(page, 'subscribed', BOTH_SCHEMES)));

    await page.goto(await page.locator('a[href*="preferences"]').first().evaluate((a) => (a as unknown as { href: string }).href));
    found.push(...(await violations(page, 'preferences', BOTH_SCHEMES)));
    await page.goto(`${preview.url}unsubscribe?token=${signToken({ address: 'ada@example.org', purpose: 'unsubscribe' }, SECRET)}`);
    found.push(...(await violations(page, 'unsubscribe', BOTH_SCHEMES)));
    await Promise.all([page.waitForSelector('h1:text("Unsubscribed")'), page.click('button')]);
    found.push(...(await violations(page, 'unsubscribed', BOTH_SCHEMES)));
    await page.goto(`${preview.url}unsubscribe?token=forged`);
    found.push(...(await violations(page, 'bad link', BOTH_SCHEMES)));
    expect(found).toEqual([]);
  });

  it("the digest email's HTML part", async () => {
    const { content } = fixtures.en!;
    const { model } = await runDigest({ content: new LocalStore(content), output: new MemoryStore(), now: DateTime.fromISO(NOW), week: WEEK, builders: [digestArtifacts] });
    const html = fillUnsubscribe(renderDigestHtml(model, { variant: 'email' }), 'https://watch.example.org/unsubscribe?token=t', 'https://watch.example.org/preferences?token=t');
    // A blank document first, as a new tab's, for the message to be written into.
    const page = tab;
    await page.goto('about:blank');
    await page.setContent(html, { waitUntil: 'load' });
    // A message has no landmarks of its own: a webmail shows it inside its own page, whose main holds it, and a
    // <main> in the message would be a second one there (lib/digest/digestHtml.ts).
    const found = await violations(page, 'digest email', BOTH_SCHEMES, ['landmark-one-main', 'region']);
    expect(found).toEqual([]);
  });
});
