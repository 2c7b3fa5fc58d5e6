import { readdirSync, statSync, watch, type FSWatcher } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** A watch started by watchFolder. */
export interface FolderWatch {
  close(): void;
}

const identityOf = (path: string): string | undefined => {
  const info = statSync(path, { throwIfNoEntry: false });
  return info?.isDirectory() ? `${info.dev}:${info.ino}` : undefined;
};

/**
 * Calls `onChange` on every change under the folder at `path` until closed, whatever folder that
 * path names. A watcher follows the folder it was given, not its name: one deleted and made again (restored from a
 * copy, cloned anew) would never be heard from again. So the parent's listing is watched too, and when the name
 * names another folder, or none, the watch moves to it and `onChange` is called (a build then says what is missing).
 */
export function watchFolder(path: string, onChange: () => void): FolderWatch {
  const tree = watchTree(path, onChange);
  let watched = identityOf(path);
  const moved = () => {
    const now = identityOf(path);
    if (now === watched) return;
    watched = now;
    tree.sync();
    onChange();
  };
  tree.onRootError = moved;
  const parent = watch(dirname(path), (_event, name) => {
    if (name === basename(path)) moved();
  });
  parent.on('error', () => parent.close());
  return {
    close() {
      tree.close();
      parent.close();
    },
  };
}

/**
 * One watcher per folder under `root` (hidden ones aside: no entry is read from them), kept in step with the
 * folders there. Not `watch(root, { recursive: true })`: on Linux, Node 20 emulates it with a watcher per file,
 * which goes deaf to a file once an editor saves it by writing a copy and renaming it over the original (vim,
 * Emacs, sed -i, many IDEs), so every later save of that entry went unseen. A folder's own watcher (inotify on
 * Linux) reports every name in it, whatever file the name holds now.
 */
function watchTree(root: string, onChange: () => void) {
  const watchers = new Map<string, { identity: string; watcher: FSWatcher }>();
  let syncQueued = false;
  let closed = false;
  const state = {
    onRootError: (() => undefined) as () => void,
    sync() {
      syncQueued = false;
      if (closed) return;
      const seen = new Set<string>();
      const visit = (dir: string) => {
        const identity = identityOf(dir);
        if (!identity) return;
        seen.add(dir);
        if (watchers.get(dir)?.identity !== identity) {
          watchers.get(dir)?.watcher.close();
          let watcher: FSWatcher;
          try {
            watcher = watch(dir, (event) => {
              // A name came or went: it may be a folder to watch, or one no longer there.
              if (event === 'rename') queueSync();
              onChange();
            });
          } catch {
            watchers.delete(dir);
            return;
          }
          watcher.on('error', () => (dir === root ? state.onRootError() : queueSync()));
          watchers.set(dir, { identity, watcher });
        }
        let entries;
        try {
          entries = readdirSync(dir, { withFileTypes: true });
        } catch {
          return;
        }
        // Dirent.isDirectory() is false for a symbolic link: one is never followed, as the content scan does.
        for (const entry of entries) if (entry.isDirectory() && !entry.name.startsWith('.')) visit(join(dir, entry.name));
      };
      visit(root);
      for (const [dir, { watcher }] of watchers) {
        if (seen.has(dir)) continue;
        watcher.close();
        watchers.delete(dir);
      }
    },
    close() {
      closed = true;
      for (const { watcher } of watchers.values()) watcher.close();
      watchers.clear();
    },
  };
  const queueSync = () => {
    if (syncQueued) return;
    syncQueued = true;
    setImmediate(() => state.sync());
  };
  state.sync();
  return state;
}
