import { statSync, type Stats } from 'node:fs';
import { dirname } from 'node:path';
import { UsageError } from '../lib/shared/errors.js';

/** What `--content` names, as a refusal's fix says it. */
export const CONTENT_FOLDER_FIX = 'give --content the folder that holds site.yml and entries/';

/**
 * Refuses a folder flag (`--content`, `--out`) that names a file (`--content site.yml`, `--out notes.txt`), or with
 * `inside`, a path inside one (`--content site.yml/x`): read as a folder, it failed later as "cannot read
 * …/site.yml/site.yml: ENOTDIR", naming a path the editor never typed. A path that does not exist yet is let be (a
 * publish makes its folder).
 */
export function refuseFileAsFolder(path: string, flag: string, fix: string, { inside = true } = {}): void {
  for (let at = path; inside || at === path; at = dirname(at)) {
    const found = statOf(at);
    if (found === 'unknown') return;
    if (found !== undefined) {
      if (found.isDirectory()) return;
      throw new UsageError(`${flag}: ${at === path ? `${path} is a file` : `${path} is inside ${at}, a file`}, not a folder (${fix})`);
    }
    if (dirname(at) === at) return;
  }
}

/** Nothing there (or a file on the way, ENOTDIR): look at the parent. Any other failure is the command's to report. */
function statOf(path: string): Stats | undefined | 'unknown' {
  try {
    return statSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT' || code === 'ENOTDIR' ? undefined : 'unknown';
  }
}
