import { rename, writeFile } from 'node:fs/promises';

/** Writes a content file anew, renamed over the old one: publishedSites' files are links that a write in place would change in every copy. */
export async function saveByRename(path: string, text: string): Promise<void> {
  const saving = `${path}.saving`;
  await writeFile(saving, text);
  await rename(saving, path);
}
