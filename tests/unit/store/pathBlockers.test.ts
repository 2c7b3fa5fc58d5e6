import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LocalStore } from '../../../lib/store/localStore.js';
import type { PathBlocker } from '../../../lib/store/store.js';

// A local folder's keys are paths: a file where a write needs a folder stops it with ENOTDIR, a folder at a file's name
// with EISDIR. The store finds them before anything is written.
const dir = mkdtempSync(join(tmpdir(), 'broadsheet-path-blockers-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let folders = 0;
/** A fresh output folder holding `files` (text, or `{}` for an empty folder). */
function output(files: Record<string, string | object> = {}): { root: string; store: LocalStore } {
  const root = join(dir, `out${++folders}`);
  mkdirSync(root);
  for (const [key, body] of Object.entries(files)) {
    const path = join(root, key);
    if (typeof body === 'string') {
      mkdirSync(join(path, '..'), { recursive: true });
      writeFileSync(path, body);
    } else mkdirSync(path, { recursive: true });
  }
  return { root, store: new LocalStore(root) };
}

const blocker = (fields: Omit<PathBlocker, 'count' | 'first'> & Partial<PathBlocker>): PathBlocker => ({ first: fields.key, count: 1, ...fields });

describe('LocalStore.pathBlockers', () => {
  it('names a file at a folder name the keys need, with the first key it blocks and how many', async () => {
    const { store } = output({ tags: 'x', 'index.html': 'mine' });
    const keys = ['index.html', 'tags/a/rss.xml', 'tags/a/atom.xml', 'tags/tags.json', 'feed.json'];
    // index.html is a file at a file's name: the write renames over it (refuseUnclaimedFiles decides whether it may).
    expect(await store.pathBlockers(keys)).toEqual([blocker({ key: 'tags', is: 'file', needs: 'folder', first: 'tags/a/rss.xml', count: 3 })]);
  });

  it('names a folder at the name of a file the keys write, empty or not', async () => {
    const { store } = output({ 'feed.json': {}, 'entries/2014/a/index.html/notes.txt': 'mine' });
    const keys = ['entries/2014/a/index.html', 'entries/2014/b/index.html', 'feed.json', 'rss.xml'];
    expect(await store.pathBlockers(keys)).toEqual([
      blocker({ key: 'entries/2014/a/index.html', is: 'folder', needs: 'file' }),
      blocker({ key: 'feed.json', is: 'folder', needs: 'file' }),
    ]);
  });

  it('names the highest file in the way, deep keys under it counted', async () => {
    const { store } = output({ 'entries/2014': 'x' });
    expect(await store.pathBlockers(['entries/2014/a/index.html', 'entries/2014/b/c/index.html', 'entries/2015/d/index.html'])).toEqual([
      blocker({ key: 'entries/2014', is: 'file', needs: 'folder', first: 'entries/2014/a/index.html', count: 2 }),
    ]);
  });

  it('a key ending in / is a folder that must be one', async () => {
    const { store } = output({ '_broadsheet/runs': 'x' });
    expect(await store.pathBlockers(['_broadsheet/manifest.json', '_broadsheet/runs/'])).toEqual([blocker({ key: '_broadsheet/runs', is: 'file', needs: 'folder', first: '_broadsheet/runs/' })]);
  });

  it('goes through a link to a folder; names a link to a file or to nothing, and where it points', async () => {
    const { root, store } = output({ 'elsewhere/tags/a': {}, notes: 'x' });
    symlinkSync(join(root, 'elsewhere', 'tags'), join(root, 'tags'));
    symlinkSync(join(root, 'notes'), join(root, 'months'));
    symlinkSync(join(dir, 'nowhere'), join(root, 'archives'));
    // A link at a file's name is renamed over, whatever it points to.
    symlinkSync(join(root, 'elsewhere'), join(root, 'rss.xml'));
    const keys = ['tags/a/rss.xml', 'months/2014-05/index.html', 'archives/2014-05/rss.xml', 'rss.xml'];
    expect(await store.pathBlockers(keys)).toEqual([
      blocker({ key: 'months', is: 'link to a file', needs: 'folder', target: join(root, 'notes'), first: 'months/2014-05/index.html' }),
      blocker({ key: 'archives', is: 'link to nothing', needs: 'folder', target: join(dir, 'nowhere'), first: 'archives/2014-05/rss.xml' }),
    ]);
  });

  it.runIf(process.platform !== 'win32')('names a named pipe at a folder name', async () => {
    const { root, store } = output();
    execFileSync('mkfifo', [join(root, 'digests')]);
    expect(await store.pathBlockers(['digests/2014-W20.html'])).toEqual([blocker({ key: 'digests', is: 'named pipe', needs: 'folder', first: 'digests/2014-W20.html' })]);
  });

  it('finds nothing in an output that does not exist yet, nor in one whose folders are all there', async () => {
    expect(await new LocalStore(join(dir, 'never-made')).pathBlockers(['index.html', 'tags/a/rss.xml'])).toEqual([]);
    const { store } = output({ 'tags/a/rss.xml': 'x', 'index.html': 'x' });
    expect(await store.pathBlockers(['index.html', 'tags/a/rss.xml', 'tags/a/atom.xml', 'tags/b/rss.xml'])).toEqual([]);
  });
});
