import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ContentError } from '../../../lib/shared/errors.js';
import { LocalStore } from '../../../lib/store/localStore.js';
import { MemoryStore } from '../../../lib/store/memoryStore.js';
import { pushContent } from '../../../cli/pushContent.js';
import type { PutOptions } from '../../../lib/store/store.js';

function folder(files: Record<string, string>): MemoryStore {
  const store = new MemoryStore();
  for (const [key, text] of Object.entries(files)) store.objects.set(key, { body: Buffer.from(text), contentType: 'text/plain' });
  return store;
}

describe('pushContent', () => {
  it('uploads new and changed files, deletes gone ones, and leaves equal ones alone', async () => {
    const from = folder({ 'site.yml': 'title: T', 'entries/a.md': 'A2', 'entries/b.md': 'B' });
    const to = folder({ 'entries/a.md': 'A1', 'entries/b.md': 'B', 'entries/old.md': 'O' });
    const result = await pushContent({ from, to });
    expect(result.changes.map((c) => [c.key, c.status])).toEqual([
      ['entries/a.md', 'uploaded'],
      ['entries/b.md', 'unchanged'],
      ['entries/old.md', 'deleted'],
      ['site.yml', 'uploaded'],
    ]);
    expect(result.counts).toEqual({ uploaded: 2, deleted: 1, unchanged: 1 });
    expect([...to.objects.keys()].sort()).toEqual(['entries/a.md', 'entries/b.md', 'site.yml']);
    expect(to.text('entries/a.md')).toBe('A2');
    expect(result.requests.to).toEqual({ list: 1, get: 0, put: 2, delete: 1 });
  });

  it('keeps the subscriber list home and deletes a copy an earlier push left in the bucket', async () => {
    const to = folder({ 'site.yml': 'x', 'subscribers.txt': 'old@example.org' });
    const result = await pushContent({ from: folder({ 'site.yml': 'x', 'subscribers.txt': 'ada@example.org' }), to, stayHome: ['subscribers.txt'] });
    expect(result.keptHome).toEqual(['subscribers.txt']);
    expect(result.changes.map((c) => [c.key, c.status])).toEqual([
      ['site.yml', 'unchanged'],
      ['subscribers.txt', 'deleted'],
    ]);
    expect([...to.objects.keys()]).toEqual(['site.yml']);
  });

  it('sends each file with its Content-Type', async () => {
    const to = new MemoryStore();
    await pushContent({ from: folder({ 'site.yml': 'x', 'entries/a.md': 'y' }), to });
    expect(to.objects.get('site.yml')!.contentType).toBe('application/yaml; charset=utf-8');
    expect(to.objects.get('entries/a.md')!.contentType).toBe('text/markdown; charset=utf-8');
  });

  it('keeps hidden files and folders at home', async () => {
    const to = new MemoryStore();
    await pushContent({ from: folder({ 'site.yml': 'x', '.DS_Store': 'junk', '.git/config': 'x', 'entries/.draft.md.swp': 'x' }), to });
    expect([...to.objects.keys()]).toEqual(['site.yml']);
  });

  it("keeps Word's owner file home, and deletes a copy an earlier push left in the bucket", async () => {
    // Word writes `~$` and the document's name (less its first two characters) while it has the document open.
    const owner = 'entries/2014/~$esong-wages.md';
    const to = folder({ 'site.yml': 'x', [owner]: 'old lock' });
    const result = await pushContent({ from: folder({ 'site.yml': 'x', 'entries/2014/kaesong-wages.md': 'K', [owner]: '\u0005Alice' }), to });
    expect(result.changes.map((c) => [c.key, c.status])).toEqual([
      ['entries/2014/kaesong-wages.md', 'uploaded'],
      [owner, 'deleted'],
      ['site.yml', 'unchanged'],
    ]);
  });

  it("keeps the bucket's copy of an entry held in iCloud only, whose placeholder alone is in the folder", async () => {
    // macOS ("Optimize Mac Storage") replaces an uploaded file by the hidden `.NAME.icloud`; a file deleted leaves none.
    const to = folder({ 'site.yml': 'x', 'entries/2014/held.md': 'H', 'entries/2014/gone.md': 'G' });
    const result = await pushContent({ from: folder({ 'site.yml': 'x', 'entries/2014/.held.md.icloud': 'bplist00' }), to });
    expect(result.changes.map((c) => [c.key, c.status])).toEqual([
      ['entries/2014/gone.md', 'deleted'],
      ['entries/2014/held.md', 'unchanged'],
      ['site.yml', 'unchanged'],
    ]);
    expect(to.text('entries/2014/held.md')).toBe('H');
  });

  it('uploads site.yml after the entries', async () => {
    const order: string[] = [];
    const to = new MemoryStore();
    const put = to.put.bind(to);
    to.put = async (key: string, body: Buffer | string, options: PutOptions) => {
      order.push(key);
      return put(key, body, options);
    };
    await pushContent({ from: folder({ 'site.yml': 'x', 'entries/a.md': 'a', 'entries/z.md': 'z' }), to, concurrency: 1 });
    expect(order.at(-1)).toBe('site.yml');
    expect(order).toHaveLength(3);
  });

  it('writes nothing in a dry run', async () => {
    const to = folder({ 'entries/old.md': 'O' });
    const result = await pushContent({ from: folder({ 'site.yml': 'x' }), to, dryRun: true });
    expect(result.counts).toEqual({ uploaded: 1, deleted: 1, unchanged: 0 });
    expect([...to.objects.keys()]).toEqual(['entries/old.md']);
    expect(result.requests.to).toEqual({ list: 1, get: 0, put: 0, delete: 0 });
  });

  describe('refuses, before writing anything, a file it cannot upload as it is', () => {
    /** A content folder on disk with site.yml and one entry, plus what `extra` adds. */
    function localFolder(extra: (root: string) => void): LocalStore {
      const root = mkdtempSync(join(tmpdir(), 'broadsheet-push-'));
      writeFileSync(join(root, 'site.yml'), 'title: T\n');
      mkdirSync(join(root, 'entries'));
      writeFileSync(join(root, 'entries', 'a.md'), 'A');
      extra(root);
      return new LocalStore(root);
    }
    /** The bucket as an earlier push left it. */
    const pushed = () => folder({ 'site.yml': 'title: T\n', 'subscribers.txt': 'ada@example.org\n', 'entries/a.md': 'A' });
    async function refusal(from: LocalStore, to: MemoryStore): Promise<ContentError> {
      const error = await pushContent({ from, to }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ContentError);
      return error as ContentError;
    }

    it('a symbolic link outside entries/: check reads site.yml through it, and the bucket would lose it', async () => {
      const target = join(mkdtempSync(join(tmpdir(), 'broadsheet-push-target-')), 'subscribers.txt');
      writeFileSync(target, 'ada@example.org\n');
      const from = localFolder((root) => symlinkSync(target, join(root, 'subscribers.txt')));
      const to = pushed();
      const error = await refusal(from, to);
      expect(error.problems.map((p) => [p.file, p.field])).toEqual([['subscribers.txt', 'file']]);
      expect(error.problems[0]!.message).toContain('symbolic link');
      expect([...to.objects.keys()].sort()).toEqual(['entries/a.md', 'site.yml', 'subscribers.txt']);
      expect(to.requests.put + to.requests.delete).toBe(0);
    });

    it('but not a link to the subscriber list, which stays home: the copy an earlier push left is deleted', async () => {
      const target = join(mkdtempSync(join(tmpdir(), 'broadsheet-push-target-')), 'subscribers.txt');
      writeFileSync(target, 'ada@example.org\n');
      const from = localFolder((root) => symlinkSync(target, join(root, 'subscribers.txt')));
      const to = pushed();
      const result = await pushContent({ from, to, stayHome: ['subscribers.txt'] });
      expect(result.keptHome).toEqual(['subscribers.txt']);
      expect([...to.objects.keys()].sort()).toEqual(['entries/a.md', 'site.yml']);
    });

    it('but not a link under entries/, which is no entry (check warns that it is not published)', async () => {
      const from = localFolder((root) => symlinkSync(join(root, 'entries', 'a.md'), join(root, 'entries', 'b.md')));
      const to = pushed();
      const result = await pushContent({ from, to });
      expect(result.changes.filter((c) => c.status !== 'unchanged').map((c) => [c.key, c.status])).toEqual([['subscribers.txt', 'deleted']]);
    });

    it('a name with a backslash, which no store can read as a key', async () => {
      const from = localFolder((root) => writeFileSync(join(root, 'notes\\x.txt'), 'x'));
      const error = await refusal(from, pushed());
      expect(error.problems.map((p) => p.file)).toEqual(['notes\\x.txt']);
    });

    it('a name that is not UTF-8: it is listed with U+FFFD, which names no file, and was uploaded empty', async () => {
      const from = localFolder((root) => writeFileSync(Buffer.concat([Buffer.from(join(root, 'entries', 'caf')), Buffer.from([0xe9]), Buffer.from('.md')]), 'bytes'));
      const to = pushed();
      const error = await refusal(from, to);
      expect(error.problems.map((p) => p.file)).toEqual(['entries/caf\uFFFD.md']);
      expect(to.requests.put + to.requests.delete).toBe(0);
    });

    it('a file that cannot be read: named with why and the fix, as check names it, never a crash', async () => {
      // A sync tool puts a folder in the photo's place between the listing and the read: a real read's failure, as
      // root reads a file whatever its mode (the CLI as another user: tests/e2e/editors/errorMessages.test.ts).
      let root = '';
      const from = localFolder((made) => {
        root = made;
        writeFileSync(join(made, 'entries', 'photo.jpg'), 'JPEG');
      });
      const list = from.list.bind(from);
      from.list = async (prefix) => {
        const listed = await list(prefix);
        rmSync(join(root, 'entries', 'photo.jpg'), { force: true });
        mkdirSync(join(root, 'entries', 'photo.jpg'), { recursive: true });
        return listed;
      };
      const to = pushed();
      const error = await refusal(from, to);
      expect(error.problems).toEqual([{ file: 'entries/photo.jpg', field: 'file', message: 'cannot be read: it is a folder, not a regular file', fix: 'put the file itself in its place, or move it out of the content folder' }]);
      expect([...to.objects.keys()].sort()).toEqual(['entries/a.md', 'site.yml', 'subscribers.txt']);
      expect(to.requests.put + to.requests.delete).toBe(0);
    });
  });
});
