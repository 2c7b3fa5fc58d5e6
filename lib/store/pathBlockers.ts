import { lstatSync, statSync, type Stats } from 'node:fs';
import { symlinkTarget } from '../shared/symlinkTarget.js';
import type { PathBlocker } from './store.js';

/** A folder as the writes would find it: there, missing (made by the writes), or in the way (or under something that is). */
type FolderState = 'folder' | 'missing' | PathBlocker;

/**
 * What is in the way of writing `keys` in the folder tree `pathOf` maps them into (LocalStore.pathBlockers): one lstat
 * per distinct folder, none under a folder found missing, and one per file whose folder is there (a folder at its name).
 * Synchronous, as LocalStore's writes are. A path that cannot be looked at (permission) is left to the write to report.
 */
export function pathBlockers(keys: readonly string[], pathOf: (key: string) => string): PathBlocker[] {
  const folders = new Map<string, FolderState>([['', 'folder']]);
  const found: PathBlocker[] = [];
  const blocked = (blocker: PathBlocker, key: string) => {
    if (blocker.count++ === 0) {
      blocker.first = key;
      found.push(blocker);
    }
  };

  const stateOf = (folder: string): FolderState => {
    const known = folders.get(folder);
    if (known !== undefined) return known;
    const above = stateOf(folder.slice(0, Math.max(folder.lastIndexOf('/'), 0)));
    const state = above === 'folder' ? folderAt(folder, pathOf(folder)) : above;
    folders.set(folder, state);
    return state;
  };

  for (const key of keys) {
    if (key.endsWith('/')) {
      const state = stateOf(key.slice(0, -1));
      if (typeof state === 'object') blocked(state, key);
      continue;
    }
    const slash = key.lastIndexOf('/');
    const state = stateOf(slash < 0 ? '' : key.slice(0, slash));
    if (typeof state === 'object') blocked(state, key);
    // Renamed over, a file, link or special file at the key's own name goes: only a folder stays in the way.
    else if (state === 'folder' && lstatOf(pathOf(key))?.isDirectory()) blocked({ key, is: 'folder', needs: 'file', first: key, count: 0 }, key);
  }
  return found;
}

/** What the writes find at `path`, where they need the folder `key`. */
function folderAt(key: string, path: string): FolderState {
  const stats = lstatOf(path);
  if (stats === undefined) return 'missing';
  if (stats.isDirectory()) return 'folder';
  const blocker = (is: PathBlocker['is'], target?: string): PathBlocker => ({ key, is, needs: 'folder', ...(target !== undefined ? { target } : {}), first: '', count: 0 });
  if (stats.isSymbolicLink()) {
    const target = symlinkTarget(path);
    const resolved = statOf(path);
    if (resolved === 'unknown' || resolved?.isDirectory()) return 'folder';
    return blocker(resolved === undefined ? 'link to nothing' : 'link to a file', target);
  }
  if (stats.isFile()) return blocker('file');
  return blocker(stats.isFIFO() ? 'named pipe' : stats.isSocket() ? 'socket' : 'device');
}

/** The path's own stats; undefined when nothing is there, or it cannot be told (the write then says why). */
function lstatOf(path: string): Stats | undefined {
  try {
    return lstatSync(path, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}

/** What a link leads to: undefined for nothing (a link to nothing, or in a loop), 'unknown' where it cannot be told. */
function statOf(path: string): Stats | undefined | 'unknown' {
  try {
    return statSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT' || code === 'ENOTDIR' || code === 'ELOOP' ? undefined : 'unknown';
  }
}
