import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';

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
 * 127.0.0.1 fails to resolve, so a page's requests elsewhere fail as a refused one would, without a route: a route has
 * Playwright see every request and turns the browser's cache off.
 */
export async function launchChromium(options: { loopbackOnly?: boolean } = {}): Promise<Browser> {
  await mkdir(ARTIFACTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      ...(options.loopbackOnly ? ['--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1'] : []),
    ],
  });
}
