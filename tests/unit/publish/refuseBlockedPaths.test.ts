import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { afterAll, describe, expect, it } from 'vitest';
import { feedArtifacts } from '../../../lib/feeds/feedArtifacts.js';
import { pageArtifacts } from '../../../lib/pages/pageArtifacts.js';
import { publish } from '../../../lib/publish/publish.js';
import { OutputBlockedError } from '../../../lib/shared/errors.js';
import { LocalStore } from '../../../lib/store/localStore.js';
import { entry, entryText, memoryContent } from '../../support/content.js';

// A local output holding a file where a publish needs a folder (`tags`, before `tags/tags.json`) stopped the writes
// halfway with ENOTDIR, the files before it written: refused now before anything is written, naming it and the fix.
const NOW = DateTime.fromISO('2014-06-01T00:00:00Z');
const A = entryText(entry({ title: 'A', url: 'https://news.example.com/a', date: '2014-05-08', tags: ['trade', 'china'] }));
const B = entryText(entry({ title: 'B', url: 'https://news.example.com/b', date: '2014-05-09', tags: ['trade', 'markets'] }));
const dir = mkdtempSync(join(tmpdir(), 'broadsheet-blocked-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let outputs = 0;
const fresh = () => join(dir, `out${++outputs}`);
const run = (root: string, entries: Record<string, string>, more: { dryRun?: boolean; replaceUnclaimed?: boolean } = {}) =>
  publish({ content: memoryContent({ entries }), output: new LocalStore(root), now: NOW, builders: [feedArtifacts, pageArtifacts], ...more });

/** Every file and folder under `root` with its bytes (a folder: null), to show that nothing was written. */
function snapshot(root: string): Record<string, string | null> {
  const found: Record<string, string | null> = {};
  for (const entry of readdirSync(root, { withFileTypes: true, recursive: true })) {
    const path = join(entry.parentPath, entry.name);
    found[path.slice(root.length + 1)] = entry.isDirectory() ? null : readFileSync(path, 'latin1');
  }
  return found;
}

describe('a local publish where the output has something in the way', () => {
  it('a file at a folder name the publish needs: refused before any write, with --replace-unclaimed and in a dry run too', async () => {
    // What the publish writes under tags/, from a publish into an empty folder.
    const clean = await run(fresh(), { '2014/a.md': A });
    const underTags = clean.changes.map((change) => change.key).filter((key) => key.startsWith('tags/'));
    expect(underTags.length).toBeGreaterThan(1);

    const root = fresh();
    mkdirSync(root);
    writeFileSync(join(root, 'tags'), 'my notes');
    for (const more of [{}, { replaceUnclaimed: true }, { dryRun: true }]) {
      const error = await run(root, { '2014/a.md': A }, more).catch((thrown: unknown) => thrown);
      expect(error).toBeInstanceOf(OutputBlockedError);
      expect((error as Error).message).toBe(
        `${root}/tags is a file where this publish needs a folder (for ${underTags[0]} and ${underTags.length - 1} others): move it out of ${root}/ or remove it, then publish again; nothing was written`,
      );
      expect(snapshot(root)).toEqual({ tags: 'my notes' });
    }
  });

  it('a folder at the name of a file a later publish writes: refused, the output as it was; published once it is gone', async () => {
    const root = fresh();
    await run(root, { '2014/a.md': A });
    // Someone made a folder where the page of the next entry's new tag goes.
    mkdirSync(join(root, 'tags/markets/index.html'), { recursive: true });
    const before = snapshot(root);
    const error = await run(root, { '2014/a.md': A, '2014/b.md': B }).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(OutputBlockedError);
    expect((error as Error).message).toBe(`${root}/tags/markets/index.html is a folder where this publish writes a file: move it out of ${root}/ or remove it, then publish again; nothing was written`);
    expect(snapshot(root)).toEqual(before);

    rmdirSync(join(root, 'tags/markets/index.html'));
    const published = await run(root, { '2014/a.md': A, '2014/b.md': B });
    expect(published.changes.find((change) => change.key === 'tags/markets/index.html')?.status).toBe('new');
    expect(readFileSync(join(root, 'tags/markets/index.html'), 'utf8')).toContain('<html');
  });

  it('several things in the way: each named, relative to the output', async () => {
    const root = fresh();
    mkdirSync(join(root, 'index.html'), { recursive: true });
    writeFileSync(join(root, 'tags'), 'x');
    writeFileSync(join(root, '_broadsheet'), 'x');
    const error = await run(root, { '2014/a.md': A }).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(OutputBlockedError);
    // Broadsheet's own state is looked at first: the lock, the manifest, the entry index and the run records. Then the
    // site's files in key order: under tags/, tags.json and four files for each of A's two tags (china, trade).
    expect((error as Error).message).toBe(
      `3 things in ${root}/ are in the way of this publish: _broadsheet is a file where it needs a folder (for _broadsheet/publish.lock and 3 others); ` +
        `index.html is a folder where it writes a file; tags is a file where it needs a folder (for tags/china/atom.xml and ${1 + 2 * 4 - 1} others): move them out of ${root}/ or remove them, then publish again; nothing was written`,
    );
    expect(snapshot(root)).toEqual({ 'index.html': null, tags: 'x', _broadsheet: 'x' });
  });
});
