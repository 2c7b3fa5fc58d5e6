import { readdirSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

// Each file in tests/setup/ starts one real server on loopback (S3, SMTP, SES...) and provides its address.
const globalSetup = readdirSync(new URL('./tests/setup/', import.meta.url))
  .filter((name) => name.endsWith('.ts'))
  .sort()
  .map((name) => `tests/setup/${name}`);

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 2,
  },
});
