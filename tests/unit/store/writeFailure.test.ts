import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { StoreError } from '../../../lib/shared/errors.js';
import { LocalStore } from '../../../lib/store/localStore.js';
import { writeFailure } from '../../../lib/store/writeFailure.js';

// A local write that failed said the errno's own words and the temporary file's path ("EPERM: operation not
// permitted, open '…/atom.xml.c799029de7fa.tmp'"): now what failed, where, and the fix.
const dir = mkdtempSync(join(tmpdir(), 'broadsheet-write-failure-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** An error as Node's fs gives it for a call on `path`. */
const fsError = (code: string, path: string) => Object.assign(new Error(`${code}: failed, open '${path}'`), { code, path });

describe('a failed local write, in words', () => {
  it('a file where a folder of the key should be (one put there after the publish looked): names it and the fix', async () => {
    const root = join(dir, 'notdir');
    mkdirSync(root);
    writeFileSync(join(root, 'tags'), 'x');
    const error = await new LocalStore(root).put('tags/a/rss.xml', 'R', { contentType: 'application/rss+xml' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(StoreError);
    expect((error as Error).message).toBe(`cannot write ${root}/tags/a/rss.xml: not a directory, ENOTDIR (${root}/tags is a file: move it or remove it)`);
    expect(readdirSync(root)).toEqual(['tags']);
  });

  it('a folder where the file goes', async () => {
    const root = join(dir, 'isdir');
    mkdirSync(join(root, 'feed.json'), { recursive: true });
    const error = await new LocalStore(root).put('feed.json', '{}', { contentType: 'application/json' }).catch((caught: unknown) => caught);
    expect((error as Error).message).toBe(`cannot write ${root}/feed.json: is a directory, EISDIR (a folder is where this file goes: move it or remove it)`);
    // The temporary file is gone with the failure.
    expect(readdirSync(root)).toEqual(['feed.json']);
  });

  it('names the folder the failed call wrote in, and the fix, by errno', () => {
    const temporary = '/site/tags/trade/atom.xml.c799029de7fa.tmp';
    expect(writeFailure(fsError('EACCES', temporary), '/site/tags/trade/atom.xml')).toBe(
      'permission denied, EACCES (give the user publishing write permission on /site/tags/trade: chmod u+w, or on Windows its Security tab)',
    );
    // A folder being made: its parent is written in.
    expect(writeFailure(fsError('EACCES', '/site/tags/new'), '/site/tags/new/rss.xml')).toContain('write permission on /site/tags:');
    expect(writeFailure(fsError('ENOSPC', temporary), '/site/tags/trade/atom.xml')).toBe('no space left on the disk, ENOSPC (free some space on the disk that holds /site/tags/trade)');
    expect(writeFailure(fsError('EROFS', temporary), '/site/tags/trade/atom.xml')).toBe('read-only file system, EROFS (publish to a folder on a writable disk, or mount this one read-write)');
    expect(writeFailure(fsError('EPERM', temporary), '/site/tags/trade/atom.xml')).toContain('chattr -i');
    // An errno without words of its own keeps the error's message.
    expect(writeFailure(fsError('ELOOP', temporary), '/site/tags/trade/atom.xml')).toBe(`ELOOP: failed, open '${temporary}'`);
  });
});
