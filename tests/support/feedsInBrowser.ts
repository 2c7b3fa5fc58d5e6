import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page, Route } from 'playwright-core';
import { sharedChromium } from './browser.js';
import { serveFolder, type StaticServer } from './staticServer.js';

export interface FeedsInBrowser {
  server: StaticServer;
  context: BrowserContext;
  page: Page;
  /** Closes the context and the server and removes the folder. */
  close(): Promise<void>;
}

/**
 * `files` (name to text: feeds and their feed.xsl) in a folder of their own, served on loopback, and a page of the
 * worker's Chromium (sharedChromium) at 1280 × 800 that gets every `.xml` file as the site answers a browser (Accept:
 * text/html): as application/xml, which Chromium styles with feed.xsl (lib/shared/contentTypes.ts). `browser`: another
 * Chromium instead (one launched with other flags); `headers`: sent with every file (serveFolder).
 */
export async function feedsInBrowser(files: Record<string, string>, options: { browser?: Browser; headers?: Record<string, string> } = {}): Promise<FeedsInBrowser> {
  const dir = await mkdtemp(join(tmpdir(), 'broadsheet-feeds-in-browser-'));
  await Promise.all(Object.entries(files).map(([name, text]) => writeFile(join(dir, name), text)));
  const server = await serveFolder(dir, options.headers ? { headers: options.headers } : {});
  const context = await (options.browser ?? (await sharedChromium())).newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.route(`${server.url}*.xml`, async (route: Route) => {
    const response = await route.fetch();
    await route.fulfill({ response, headers: { ...response.headers(), 'content-type': 'application/xml; charset=utf-8' } });
  });
  return {
    server,
    context,
    page,
    async close() {
      await context.close();
      await server.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
