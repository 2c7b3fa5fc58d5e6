import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BuiltFiles } from '../../../lib/publish/builtFiles.js';
import { sha256 } from '../../../lib/shared/sha256.js';
import { StoreError } from '../../../lib/shared/errors.js';

const scratches: string[] = [];
function scratch(): string {
  const dir = mkdtempSync(join(tmpdir(), 'built-files-'));
  scratches.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of scratches.splice(0)) rmSync(dir, { recursive: true, force: true });
});

// Bytes no text encoding would keep: every byte value, twice.
const BINARY = Buffer.from([...Array(512).keys()].map((i) => i % 256));

describe('BuiltFiles', () => {
  it('gives back each changed file byte for byte, with its hash, size and type', () => {
    const files = new BuiltFiles({}, scratch());
    files.add({ key: 'icon.png', body: BINARY, contentType: 'image/png' });
    files.add({ key: 'rss.xml', body: Buffer.from('<rss>AT&amp;T “quoted”</rss>'), contentType: 'application/rss+xml' });
    expect(files.body('icon.png')!.equals(BINARY)).toBe(true);
    expect(files.body('rss.xml')!.toString()).toBe('<rss>AT&amp;T “quoted”</rss>');
    expect(Object.fromEntries(files.entries())['icon.png']).toEqual({ sha256: sha256(BINARY), contentType: 'image/png', size: 512 });
    expect(files.contentType('rss.xml')).toBe('application/rss+xml');
    files.dispose();
  });

  it('keeps no bytes of a file the output already holds with the same hash and type', () => {
    const body = Buffer.from('same');
    const dir = scratch();
    const files = new BuiltFiles({ 'a.html': { sha256: sha256(body), contentType: 'text/html', size: 4 } }, dir);
    files.add({ key: 'a.html', body, contentType: 'text/html' });
    expect(files.has('a.html')).toBe(true);
    expect(files.body('a.html')).toBeUndefined();
    files.dispose();
  });

  it('holds a file again when its type changed, though its bytes did not', () => {
    const body = Buffer.from('same');
    const files = new BuiltFiles({ a: { sha256: sha256(body), contentType: 'text/plain', size: 4 } }, scratch());
    files.add({ key: 'a', body, contentType: 'text/html' });
    expect(files.body('a')!.toString()).toBe('same');
    files.dispose();
  });

  it('marks the files built as archive documents', () => {
    const files = new BuiltFiles({}, scratch());
    files.add({ key: 'archives/2014-W18/atom.xml', body: Buffer.from('x'), contentType: 'application/atom+xml', cache: 'archive' });
    files.add({ key: 'atom.xml', body: Buffer.from('y'), contentType: 'application/atom+xml' });
    expect(files.isArchive('archives/2014-W18/atom.xml')).toBe(true);
    expect(files.isArchive('atom.xml')).toBe(false);
    files.dispose();
  });

  it('leaves nothing in the scratch folder, even while it holds files (the spool is unlinked once open)', () => {
    const dir = scratch();
    const files = new BuiltFiles({}, dir);
    for (let i = 0; i < 100; i++) files.add({ key: `entries/${i}/index.html`, body: Buffer.from(`page ${i}`), contentType: 'text/html' });
    expect(readdirSync(dir)).toEqual([]);
    expect(files.body('entries/42/index.html')!.toString()).toBe('page 42');
    files.dispose();
    expect(readdirSync(dir)).toEqual([]);
    expect(files.body('entries/42/index.html')).toBeUndefined();
  });

  it('names the scratch folder when it cannot hold the spool', () => {
    const missing = join(scratch(), 'no-such-folder');
    const files = new BuiltFiles({}, missing);
    expect(() => files.add({ key: 'rss.xml', body: Buffer.from('x'), contentType: 'application/rss+xml' })).toThrow(StoreError);
    expect(() => files.add({ key: 'rss.xml', body: Buffer.from('x'), contentType: 'application/rss+xml' })).toThrow(missing);
  });
});

