import { mkdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const LOCK = join(tmpdir(), 'broadsheet-osls-package.lock');
const STALE_MS = 5 * 60_000;

/**
 * `osls package` keeps its work folders (.serverless/, serverless-esbuild's .esbuild/) in the repository:
 * two runs at once (two test files in parallel workers) wreck each other's and hang. This runs one at a time,
 * across processes: the lock is a directory, whose creation is atomic. A lock older than any run is stale.
 */
export async function oslsPackageLocked<T>(run: () => Promise<T>): Promise<T> {
  for (;;) {
    try {
      await mkdir(LOCK);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const since = await stat(LOCK).then((s) => Date.now() - s.mtimeMs, () => 0);
      if (since > STALE_MS) await rm(LOCK, { recursive: true, force: true });
      else await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  try {
    return await run();
  } finally {
    await rm(LOCK, { recursive: true, force: true });
  }
}
