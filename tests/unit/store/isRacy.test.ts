import { mkdtempSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isRacy, RACY_AHEAD_MS, RACY_MARGIN_MS } from '../../../lib/store/isRacy.js';
import { LocalStore } from '../../../lib/store/localStore.js';
import { MemoryStore } from '../../../lib/store/memoryStore.js';
import type { StoredObject } from '../../../lib/store/store.js';

// A local version is size, mtime and inode: a second save of the same size within one tick of a coarse file system's
// timestamps (FAT: 2 s) keeps it. Only a version whose mtime lies safely before the moment it was taken is trusted.

const dir = mkdtempSync(join(tmpdir(), 'broadsheet-racy-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function listed(store: LocalStore, key: string): Promise<StoredObject> {
  const object = (await store.list('')).find((candidate) => candidate.key === key);
  if (!object) throw new Error(`${key} not listed`);
  return object;
}

describe('isRacy', () => {
  it('holds for a file written just now, read at the file system clock of now; not once its mtime lies the margin back', async () => {
    const store = new LocalStore(dir);
    writeFileSync(join(dir, 'now.md'), 'written now');
    // The file system stamped the file at or before this moment.
    const readAt = Date.now();
    expect(isRacy(await listed(store, 'now.md'), readAt)).toBe(true);
    // The same file, its mtime set back past the margin (a save of the day before): trusted.
    const mtime = statSync(join(dir, 'now.md')).mtimeMs;
    utimesSync(join(dir, 'now.md'), new Date(mtime), new Date(readAt - RACY_MARGIN_MS - 1000));
    expect(isRacy(await listed(store, 'now.md'), readAt)).toBe(false);
  });

  it('draws the line at the margin: an mtime exactly the margin before the read is trusted, a millisecond later is not', async () => {
    const store = new LocalStore(dir);
    const readAt = Date.UTC(2026, 0, 1, 12, 0, 0);
    writeFileSync(join(dir, 'edge.md'), 'edge');
    utimesSync(join(dir, 'edge.md'), new Date(readAt), new Date(readAt - RACY_MARGIN_MS));
    expect(isRacy(await listed(store, 'edge.md'), readAt)).toBe(false);
    utimesSync(join(dir, 'edge.md'), new Date(readAt), new Date(readAt - RACY_MARGIN_MS + 1));
    expect(isRacy(await listed(store, 'edge.md'), readAt)).toBe(true);
    // An mtime after the read (a save right after it, or a file server's clock ahead of this one) is racy too.
    utimesSync(join(dir, 'edge.md'), new Date(readAt), new Date(readAt + RACY_AHEAD_MS - 1));
    expect(isRacy(await listed(store, 'edge.md'), readAt)).toBe(true);
    // Not one stamped hours ahead (a zip unpacked in another time zone): a save now is stamped with the present.
    utimesSync(join(dir, 'edge.md'), new Date(readAt), new Date(readAt + 9 * 3600_000));
    expect(isRacy(await listed(store, 'edge.md'), readAt)).toBe(false);
    // Without a clock to compare with, nothing is racy.
    expect(isRacy(await listed(store, 'edge.md'), undefined)).toBe(false);
  });

  it('never holds for a version that follows the bytes (an S3 ETag, here the memory store’s MD5), however new the object', async () => {
    const store = new MemoryStore();
    await store.put('new.md', 'written now', { contentType: 'text/markdown' });
    const [object] = await store.list('');
    expect(object!.modifiedMs).toBeUndefined();
    expect(isRacy(object!, Date.now())).toBe(false);
  });
});
