import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { RUNS_PREFIX } from '../../lib/publish/runRecord.js';

/**
 * Every file under `root` with the sha256 of its bytes, keyed by relative path (`/`-separated). Run records
 * (`_broadsheet/runs/`) are left out: they log each run, failed ones included, and are no output.
 */
export async function hashTree(root: string): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  const walk = async (folder: string): Promise<void> => {
    let entries;
    try {
      entries = await readdir(folder, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (!relative(root, path).split(sep).join('/').startsWith(RUNS_PREFIX)) result[relative(root, path).split(sep).join('/')] = createHash('sha256').update(await readFile(path)).digest('hex');
    }
  };
  await walk(root);
  return Object.fromEntries(Object.entries(result).sort(([a], [b]) => (a < b ? -1 : 1)));
}
