import { statSync, type Stats } from 'node:fs';
import { dirname } from 'node:path';
import { UsageError } from '../lib/shared/errors.js';
import { symlinkTarget } from '../lib/shared/symlinkTarget.js';

/** What `--content` names, as a refusal's fix says it. */
export const CONTENT_FOLDER_FIX = 'give --content the folder that holds site.yml and entries/';

/**
 * Refuses a folder flag (`--content`, `--out`) that names a file (`--content site.yml`, `--out notes.txt`), a path
 * inside one (`--out notes.txt/public`) or a symbolic link to nothing (or a path under one): read as a folder, it
 * failed later as "cannot read …/site.yml/site.yml: ENOTDIR" or "cannot create …/_broadsheet/publish.lock: ENOENT",
 * naming a path the editor never typed. A path that does not exist yet is let be (a publish makes its folder).
 */
export function refuseFileAsFolder(path: string, flag: string, fix: string): void {
  for (let at = path; ; at = dirname(at)) {
    const found = statOf(at);
    if (found === 'unknown') return;
    if (found !== undefined) {
      if (found.isDirectory()) return;
      throw new UsageError(`${flag}: ${at === path ? `${path} is a file` : `${path} is inside ${at}, a file`}, not a folder (${fix})`);
    }
    // stat found nothing there: a link there points to nothing.
    const target = symlinkTarget(at);
    if (target !== undefined) {
      const link = at === path ? `${path} is a symbolic link` : `${path} is inside ${at}, a symbolic link`;
      throw new UsageError(`${flag}: ${link} to ${target}, which does not exist (make the folder it points to, or ${fix})`);
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
