import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** http://127.0.0.1:PORT of the s3rver all tests share; each test file makes its own buckets. */
    s3Endpoint: string;
  }
}

const MAIN = fileURLToPath(new URL('../../scripts/s3rver.mjs', import.meta.url));
const PRELOAD = fileURLToPath(new URL('../support/s3rverPreload.mjs', import.meta.url));

/**
 * Starts one real S3 HTTP server (s3rver) on loopback, on a free port, storing into a temp folder.
 * It runs in a child process so that its DES workaround stays out of the test runner (see scripts/s3rver.mjs), with
 * the per-request work that answers nothing taken out (tests/support/s3rverPreload.mjs).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const directory = await mkdtemp(join(tmpdir(), 'broadsheet-s3rver-'));
  const child = spawn(process.execPath, ['--import', PRELOAD, MAIN, directory], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout });
  const exited = once(child, 'exit').then(([code]) => {
    throw new Error(`s3rver exited with code ${String(code)} before listening`);
  });
  const listening = (async () => {
    for await (const line of lines) return (JSON.parse(line) as { port: number }).port;
    throw new Error('s3rver closed its output before listening');
  })();
  const port = await Promise.race([listening, exited]);
  exited.catch(() => undefined);
  project.provide('s3Endpoint', `http://127.0.0.1:${port}`);
  return async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
    await rm(directory, { recursive: true, force: true });
  };
}
