import { statSync, watch, type FSWatcher } from 'node:fs';
import { basename, dirname } from 'node:path';

/** A watch started by watchFolder. */
export interface FolderWatch {
  close(): void;
}

/**
 * Calls `onChange` on every change under the folder at `path` until closed, whatever folder that
 * path names. A watcher follows the folder it was given, not its name: one deleted and made again (restored from a
 * copy, cloned anew) would never be heard from again. So the parent's listing is watched too, and when the name
 * names another folder, or none, the watch moves to it and `onChange` is called (a build then says what is missing).
 */
export function watchFolder(path: string, onChange: () => void): FolderWatch {
  let inner: FSWatcher | undefined;
  let watched: string | undefined;
  const identity = () => {
    const info = statSync(path, { throwIfNoEntry: false });
    return info?.isDirectory() ? `${info.dev}:${info.ino}` : undefined;
  };
  const watchInner = () => {
    inner?.close();
    inner = undefined;
    watched = identity();
    if (!watched) return;
    const watcher = watch(path, { recursive: true }, () => onChange());
    // The folder deleted under it: the parent's watcher takes over.
    watcher.on('error', () => moved());
    inner = watcher;
  };
  const moved = () => {
    if (identity() === watched) return;
    watchInner();
    onChange();
  };
  watchInner();
  const parent = watch(dirname(path), (_event, name) => {
    if (name === basename(path)) moved();
  });
  parent.on('error', () => parent.close());
  return {
    close() {
      inner?.close();
      parent.close();
    },
  };
}
