import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';
import { ISOLATED_E2E } from './tests/isolatedE2e.js';

// Every temporary folder a test, a CLI it runs or a browser makes goes in one folder for the run (TMPDIR, which
// the workers and their children inherit), removed when the run ends: a test that fails before its own clean-up
// leaves nothing behind in the system's temporary folder.
if (process.env.BROADSHEET_TEST_TMPDIR === undefined) {
  const runDir = mkdtempSync(join(tmpdir(), 'broadsheet-test-run-'));
  process.env.BROADSHEET_TEST_TMPDIR = runDir;
  process.env.TMPDIR = runDir;
  process.on('exit', () => rmSync(runDir, { recursive: true, force: true }));
}
// The Lambda bundles the tests build in that folder (a megabyte of minified code each) are imported as Node and
// Lambda import them, not transformed by vitest first (docs/benchmarks.md has the time that took).
const runDirPattern = process.env.BROADSHEET_TEST_TMPDIR!.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');
const bundlesBuiltByTests = new RegExp(`^${runDirPattern}/.+\\.mjs$`);

// Each file in tests/setup/ starts one real server on loopback (S3, SMTP, SES...) and provides its address.
// Only the e2e project starts them, and only when one of its files runs.
const servers = readdirSync(new URL('./tests/setup/', import.meta.url))
  .filter((name) => name.endsWith('.ts'))
  .sort()
  .map((name) => `tests/setup/${name}`);


// Each project has a Vite server of its own, which transformed every module of lib/ again for each of the four: the
// transformed modules are kept in the run's folder, shared by the projects and removed with it (nothing outlives the
// run, so no stale transform can be read by a later one).
const transformedModules = join(process.env.BROADSHEET_TEST_TMPDIR!, 'vitest-modules');

export default defineConfig({
  test: {
    testTimeout: 30_000,
    experimental: { fsModuleCache: true, fsModuleCachePath: transformedModules },
    hookTimeout: 60_000,
    pool: 'forks',
    // Three on two cores: many files wait on a child process (the CLI, Chromium, the Nu checker, a feed reader) or on
    // a fault's timeout, which leaves a core idle under two workers (the timings are in docs/benchmarks.md).
    maxWorkers: 3,
    server: { deps: { external: [bundlesBuiltByTests] } },
    projects: [
      // lib/, cli/ and functions/ in process: no server, no browser, no program but Node (`npm run test:unit`).
      // One module graph per worker, not per file: these tests share no state but the modules' own, and a fresh
      // import of lib/ for each of the files was most of this project's time.
      { extends: true, test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], isolate: false } },
      // The system as its users meet it: the CLI and the Lambda handlers against real servers, the bundles,
      // other feed readers, the bench harness, a 3,200-entry site (`npm run test:e2e`).
      // One module graph per worker here too, but for the files that stub an AWS SDK class or set process.env for a
      // handler's configuration (e2e-isolated, a fresh module graph each): a fresh import of lib/, the SDK and the
      // servers' clients for every file was a large part of this project's time (docs/benchmarks.md).
      { extends: true, test: { name: 'e2e', include: ['tests/e2e/**/*.test.ts'], exclude: ISOLATED_E2E, globalSetup: servers, isolate: false } },
      { extends: true, test: { name: 'e2e-isolated', include: ISOLATED_E2E, globalSetup: servers } },
      // Debian's Chromium driving the pages, the feeds through feed.xsl and the digest email (`npm run test:browser`).
      // One module graph per worker, so that the files a worker runs one after another share its Chromium
      // (sharedChromium in tests/support/browser.ts), each in a context of its own, rather than launch one each.
      { extends: true, test: { name: 'browser', include: ['tests/browser/**/*.test.ts'], isolate: false } },
    ],
  },
});
