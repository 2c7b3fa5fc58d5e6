import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

/**
 * A test file's temporary folders, all removed after its tests: `make(prefix)` makes one under the system's temporary
 * folder, `keep(dir)` takes one made elsewhere (a content folder) to remove with them.
 */
export function temporaryFolders(): { make: (prefix: string) => Promise<string>; keep: (dir: string) => string } {
  const made: string[] = [];
  afterAll(async () => {
    await Promise.all(made.map((dir) => rm(dir, { recursive: true, force: true })));
  });
  const keep = (dir: string) => (made.push(dir), dir);
  return { make: async (prefix) => keep(await mkdtemp(join(tmpdir(), prefix))), keep };
}
