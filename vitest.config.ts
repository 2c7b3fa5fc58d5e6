import { readdirSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

// Each file in tests/setup/ starts one real server on loopback (S3, SMTP, SES...) and provides its address.
// Only the e2e project starts them, and only when one of its files runs.
const servers = readdirSync(new URL('./tests/setup/', import.meta.url))
  .filter((name) => name.endsWith('.ts'))
  .sort()
  .map((name) => `tests/setup/${name}`);

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 2,
    projects: [
      // lib/, cli/ and functions/ in process: no server, no browser, no program but Node (`npm run test:unit`).
      // One module graph per worker, not per file: these tests share no state but the modules' own, and a fresh
      // import of lib/ for each of the files was most of this project's time.
      { extends: true, test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], isolate: false } },
      // The system as its users meet it: the CLI and the Lambda handlers against real servers, the bundles,
      // other feed readers, the bench harness, a 20,000-entry site (`npm run test:e2e`).
      { extends: true, test: { name: 'e2e', include: ['tests/e2e/**/*.test.ts'], globalSetup: servers } },
      // Debian's Chromium driving the pages, the feeds through feed.xsl and the digest email (`npm run test:browser`).
      { extends: true, test: { name: 'browser', include: ['tests/browser/**/*.test.ts'] } },
    ],
  },
});
