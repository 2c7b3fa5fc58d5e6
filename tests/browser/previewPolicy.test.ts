import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FEED_POLICY, PAGE_POLICY } from '../../lib/shared/contentSecurityPolicy.js';
import { signToken } from '../../lib/subscribers/subscriberToken.js';
import { chromiumAvailable, launchChromium } from '../support/browser.js';
import { PreviewProcess } from '../support/preview.js';
import { tempDir } from '../e2e/digest/support.js';

/**
 * The sample site in `broadsheet preview`, opened in Chromium under the headers the preview sends: every page and
 * feed reached from the home page by its links, a subscription page and the 404 page, each without a
 * Content-Security-Policy violation.
 */
const SECRET = 'browser-preview-policy-secret-long';
const available = chromiumAvailable('tests/browser/previewPolicy.test.ts');

describe.runIf(available)("the preview's Content-Security-Policy in a browser", () => {
  let browser: Browser;
  let preview: PreviewProcess;
  let page: Page;
  let messages: string[] = [];

  beforeAll(async () => {
    const cwd = await tempDir('browser-preview-policy');
    preview = await new PreviewProcess(['--content', 'content', '--subscribers', join(cwd, 'subscribers'), '--outbox', join(cwd, 'outbox'), '--now', '2014-06-02T00:00:00Z', '--quiet'], { DIGEST_UNSUBSCRIBE_SECRET: SECRET }).start();
    browser = await launchChromium();
    page = await browser.newPage();
    page.on('console', (message) => messages.push(message.text()));
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await preview?.stop();
  });

  /** Opens `url`; answers with the policy it came with, what the policy blocked and the same-site links on it. */
  async function open(url: string): Promise<{ status: number; policy: string; blocked: string[]; links: string[] }> {
    messages = [];
    const response = await page.goto(url);
    await page.waitForLoadState('load');
    // Chromium's own banner on XSLT pages (it deprecates XSLT) has an inline handler the policy blocks.
    const banner = (await page.locator('xslt-warning-banner').count()) > 0;
    const blocked = messages.filter((m) => /Content Security Policy/.test(m) && !(banner && /inline event handler/.test(m)));
    const links = await page.evaluate<string[]>(`[...document.querySelectorAll('a[href]')].map((a) => a.href.split('#')[0])`);
    return { status: response!.status(), policy: (await response!.allHeaders())['content-security-policy'] ?? '', blocked, links: links.filter((link) => link.startsWith(preview.url)) };
  }

  it('shows a page of each kind of the sample and its feeds, a subscription page and the 404 page without a violation, and blocks what the policy forbids', async () => {
    // One of each kind (home, entry, months, month, tag, digest archive, RSS and Atom through feed.xsl), reached by
    // the links from the home page: the crawl of every page under this policy is sitePages.test.ts's.
    const kinds = new Map<string, string>();
    const queue = [preview.url];
    const found = { violations: [] as string[], wrongPolicy: [] as string[] };
    while (queue.length > 0) {
      const url = queue.shift()!;
      const segments = new URL(url).pathname.split('/').filter(Boolean);
      const last = segments.at(-1) ?? '';
      const kind = `${segments[0] ?? 'home'} ${segments.length} ${/\.xml$/.test(last) ? last : /\.html$/.test(last) ? '.html' : '/'}`;
      // JSON, OPML and images are not rendered as pages.
      if (kinds.has(kind) || (!url.endsWith('/') && !/\.(html|xml)$/.test(last))) continue;
      kinds.set(kind, url);
      const opened = await open(url);
      expect(opened.status, url).toBe(200);
      if (opened.policy !== (last.endsWith('.xml') ? FEED_POLICY : PAGE_POLICY)) found.wrongPolicy.push(`${url}: ${opened.policy}`);
      for (const line of opened.blocked) found.violations.push(`${url}: ${line.slice(0, 160)}`);
      queue.push(...opened.links);
    }
    expect(found.violations).toEqual([]);
    expect(found.wrongPolicy).toEqual([]);
    // The output's layout: entries/YYYY/SLUG/, months/ and months/YYYY-MM/, tags/SLUG/ with its feeds, digests/ with its weeks and feeds.
    expect([...kinds.keys()].sort()).toEqual(['atom.xml 1 atom.xml', 'digests 1 /', 'digests 2 .html', 'digests 2 atom.xml', 'digests 2 rss.xml', 'entries 3 /', 'home 0 /', 'months 1 /', 'months 2 /', 'rss.xml 1 rss.xml', 'tags 2 /', 'tags 3 atom.xml', 'tags 3 rss.xml']);

    for (const path of [`confirm?token=${signToken({ address: 'ada@example.org', purpose: 'confirm', expires: 2_000_000_000, unsubscribes: 0 }, SECRET)}`, 'no-such-page/']) {
      const opened = await open(preview.url + path);
      expect([opened.policy, opened.blocked], path).toEqual([PAGE_POLICY, []]);
    }
    // The policy is in force: a script added to the page is refused, and the refusal is logged where the crawl looked.
    messages = [];
    await page.addScriptTag({ content: 'document.title = "ran"' }).catch(() => undefined);
    expect(await page.title()).not.toBe('ran');
    expect(messages.some((m) => /Content Security Policy/.test(m))).toBe(true);
  }, 120_000);
});
