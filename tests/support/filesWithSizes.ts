import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

/** Every file under `dir` with its size, `_broadsheet/` left out, by its `/`-separated path there. */
export async function filesWithSizes(dir: string): Promise<Map<string, number>> {
  const sizes = new Map<string, number>();
  for (const name of await readdir(dir, { recursive: true })) {
    const path = join(dir, name);
    if (name.startsWith('_broadsheet') || !(await stat(path)).isFile()) continue;
    sizes.set(name.split('\\').join('/'), (await stat(path)).size);
  }
  return sizes;
}
