import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { onTestFinished } from 'vitest';

export const CHROMIUM = '/usr/bin/chromium';
export const ARTIFACTS = fileURLToPath(new URL('../../test-artifacts/browser/', import.meta.url));

/** Debian's chromium, or a loud notice that the browser tests are skipped (only when it cannot be installed). */
export function chromiumAvailable(file: string): boolean {
  if (existsSync(CHROMIUM)) return true;
  const line = '!'.repeat(100);
  console.warn(`${line}\n!!! SKIPPING ${file}: no Chromium at ${CHROMIUM}. Install it: apt-get install -y chromium (.ci/run does).\n${line}`);
  return false;
}

/**
 * One browser per test file, with the flags this machine needs (see GUIDE.md). With `loopbackOnly`, every host but
 * 127.0.0.1 and localhost fails to resolve, so a page's requests elsewhere fail as a refused one would, without a
 * route: a route has Playwright see every request and turns the browser's cache off. `args`: more flags, such as a
 * feature turned off (XSLT_REMOVED).
 */
export async function launchChromium(options: { loopbackOnly?: boolean; handleSIGTERM?: boolean; args?: string[] } = {}): Promise<Browser> {
  await mkdir(ARTIFACTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    handleSIGTERM: options.handleSIGTERM ?? true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      ...(options.loopbackOnly ? ['--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost'] : []),
      ...(options.args ?? []),
    ],
  });
}

/** Chromium's flag that turns XSLT off, as in the versions that remove it (XSLTProcessor and the processing instruction). */
export const XSLT_REMOVED = '--disable-features=XSLT';

let shared: Promise<Browser> | undefined;

/**
 * The worker's Chromium, loopback only (launchChromium), launched by the first browser test file that asks and shared
 * by the files the worker runs after it (the browser project keeps one module graph per worker: vitest.config.ts). A
 * file opens its own context in it and closes that, never the browser: its pages, cache and cookies are its own, and
 * a launch is paid once per worker rather than once per file. The browser is closed when vitest stops the worker
 * (SIGTERM), and quits of itself if the worker dies first (its pipe to the worker closes).
 */
export function sharedChromium(): Promise<Browser> {
  if (shared === undefined) {
    if (process.listenerCount('SIGTERM', closeAndExit) === 0) process.on('SIGTERM', closeAndExit);
    const launching = launchChromium({ loopbackOnly: true, handleSIGTERM: false });
    shared = launching;
    launching.then(
      (browser) => browser.on('disconnected', () => shared === launching && (shared = undefined)),
      () => shared === launching && (shared = undefined),
    );
  }
  return shared;
}

function closeAndExit(): void {
  void Promise.resolve(shared)
    .then((browser) => browser?.close())
    .catch(() => undefined)
    .finally(() => process.exit(0));
}

/**
 * A picture of `page` as the test leaves it, written to `path` when the test fails, for a person to see what went
 * wrong, and after every test with BROADSHEET_SCREENSHOTS=1 in the environment (the pictures in docs/images/ are
 * taken so). A passing test takes none otherwise: a picture asserts nothing, and a full page's costs the browser about
 * as much as loading the page. Call it after any onTestFinished that changes the page (the last one registered runs
 * first).
 */
export function screenshotIfFailed(page: Page, path: string, options: { fullPage?: boolean } = {}): void {
  onTestFinished(async ({ task }) => {
    if (task.result?.state === 'fail' || process.env.BROADSHEET_SCREENSHOTS === '1') await page.screenshot({ path, ...options });
  });
}
