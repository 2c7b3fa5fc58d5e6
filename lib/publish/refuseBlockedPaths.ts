import { INDEX_KEY } from '../content/entryIndex.js';
import { countOf } from '../shared/countOf.js';
import { OutputBlockedError } from '../shared/errors.js';
import { printableName } from '../shared/printable.js';
import type { PathBlocker, Store, StoredObject } from '../store/store.js';
import type { Change } from './manifest.js';
import { MANIFEST_KEY } from './manifest.js';
import { LOCK_KEY } from './publishLock.js';
import { RUNS_PREFIX } from './runRecord.js';

/** Things in the way named in the refusal; the rest are counted. */
const NAMED = 5;

/**
 * Throws OutputBlockedError, before anything is written, when the output (a local folder: Store.pathBlockers) holds a
 * file where this publish needs a folder (`tags` before `tags/tags.json`) or a folder where it writes a file: its
 * writes would stop there with ENOTDIR or EISDIR, the files before written and the rest not. The fix is the editor's:
 * --replace-unclaimed overwrites files at the names written, never a file or folder at another name. Only keys the
 * listing lacks are looked at (none at all when every key written is listed): a listed key is a file, in folders
 * that are there.
 */
export async function refuseBlockedPaths(output: Store, changes: readonly Change[], listed: readonly StoredObject[]): Promise<void> {
  if (!output.pathBlockers) return;
  // Broadsheet's own state too: the lock is the first write, the run record the last.
  const keys = [LOCK_KEY, MANIFEST_KEY, INDEX_KEY, RUNS_PREFIX].filter((key) => !isListed(listed, key));
  for (const change of changes) if ((change.status === 'new' || change.status === 'changed') && !isListed(listed, change.key)) keys.push(change.key);
  const blockers = await output.pathBlockers(keys);
  if (blockers.length === 0) return;
  const where = output.description;
  const them = blockers.length === 1 ? 'it' : 'them';
  const fix = `move ${them} out of ${where} or remove ${them}${blockers.some((blocker) => blocker.is.startsWith('link')) ? " (or make a link's target a folder)" : ''}`;
  if (blockers.length === 1) throw new OutputBlockedError(`${where}${inTheWay(blockers[0]!, 'this publish')}`, fix);
  const named = blockers.slice(0, NAMED).map((blocker) => inTheWay(blocker, 'it'));
  const more = blockers.length > NAMED ? `; and ${blockers.length - NAMED} more` : '';
  throw new OutputBlockedError(`${blockers.length} things in ${where} are in the way of this publish: ${named.join('; ')}${more}`, fix);
}

/** One thing in the way, by its key, as the refusal names it: `who` writes there. */
function inTheWay(blocker: PathBlocker, who: string): string {
  const is =
    blocker.is === 'link to nothing'
      ? `a symbolic link to ${printableName(blocker.target ?? '')}, which does not exist,`
      : blocker.is === 'link to a file'
        ? `a symbolic link to ${printableName(blocker.target ?? '')}, not a folder,`
        : `a ${blocker.is}`;
  if (blocker.needs === 'file') return `${printableName(blocker.key)} is ${is} where ${who} writes a file`;
  const others = blocker.count > 1 ? ` and ${countOf(blocker.count - 1, 'other', 'others')}` : '';
  return `${printableName(blocker.key)} is ${is} where ${who} needs a folder (for ${printableName(blocker.first)}${others})`;
}

/**
 * Whether the listing, in key order (Store.list), holds `key`: a binary search, as the keys looked up are mostly
 * few (a publish's new files) and the listing large. Out of order, a key is only looked at on disk for nothing.
 */
function isListed(listed: readonly StoredObject[], key: string): boolean {
  let low = 0;
  let high = listed.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (listed[middle]!.key < key) low = middle + 1;
    else high = middle;
  }
  return low < listed.length && listed[low]!.key === key;
}
