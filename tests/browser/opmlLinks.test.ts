import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, chromiumAvailable, screenshotIfFailed, sharedChromium } from '../support/browser.js';
import { publishedOnce } from '../support/publishedOnce.js';
import { serveFolder, type StaticServer } from '../support/staticServer.js';

/**
 * The sample site's OPML links as a reader follows them in Debian's Chromium: an OPML file is for a feed reader to
 * import, so following its link saves the file, not a page of raw XML.
 */
const NOW = '2014-06-01T00:00:00Z';
const available = chromiumAvailable('tests/browser/opmlLinks.test.ts');

describe.skipIf(!available)('the OPML links of the published pages', () => {
  let context: BrowserContext;
  let server: StaticServer;
  let out: string;
  let page: Page;

  beforeAll(async () => {
    const [published, browser] = await Promise.all([publishedOnce('content', NOW), sharedChromium()]);
    expect(published.run.code, published.run.stderr).toBe(0);
    out = published.out;
    server = await serveFolder(out);
    context = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
    page = await context.newPage();
  });
  afterAll(async () => {
    await context?.close();
    await server?.close();
  });

  /** What following the link named `name` on the tab's page saves: its file name and bytes; undefined when it saves nothing. */
  async function saved(name: string): Promise<{ file: string; bytes: Buffer } | undefined> {
    const download = page.waitForEvent('download', { timeout: 5_000 }).catch(() => undefined);
    await page.getByRole('link', { name, exact: true }).click({ timeout: 5_000 });
    const got = await download;
    return got && { file: got.suggestedFilename(), bytes: await readFile((await got.path())!) };
  }

  it('saves feeds.opml and tags.opml from the index as the files published, and stays on the index', async () => {
    screenshotIfFailed(page, `${ARTIFACTS}opml-links.png`);
    await page.goto(server.url);
    const site = await saved('Site feed (OPML)');
    expect(site?.file).toBe('feeds.opml');
    expect(site?.bytes.equals(await readFile(join(out, 'feeds.opml')))).toBe(true);
    const tags = await saved('Tag feeds (OPML)');
    expect(tags?.file).toBe('tags.opml');
    expect(tags?.bytes.equals(await readFile(join(out, 'tags.opml')))).toBe(true);
    expect(page.url()).toBe(server.url);
  });
});
