import { describe, expect, it } from 'vitest';
import { intentManifest } from '../../../lib/publish/publishIntent.js';
import { MANIFEST_KEY, readManifest, serializeManifest, type Manifest, type UnitRecord } from '../../../lib/publish/manifest.js';
import { sha256 } from '../../../lib/shared/sha256.js';
import type { SettledRecord } from '../../../lib/publish/settled.js';
import { MemoryStore } from '../../../lib/store/memoryStore.js';

// The manifest is written a record at a time (lib/shared/writeJson.ts) so that a large site's never exists as one
// string; its bytes stay those of JSON.stringify with one space of indentation, which earlier publishes wrote.

const manifest: Manifest = {
  'entries/2014/a/index.html': { sha256: 'a'.repeat(64), contentType: 'text/html; charset=utf-8', size: 120, version: '1-1400000000000-7' },
  'rss.xml': { sha256: 'b'.repeat(64), contentType: 'application/rss+xml; charset=utf-8', size: 900 },
  'tags/ünïcode/rss.xml': { sha256: 'unknown', contentType: '', size: 0 },
};
const units: Record<string, UnitRecord> = { 'entry:2014/a': { fingerprint: 'f1', files: { 'entries/2014/a/index.html': 'a'.repeat(64) } } };
const settled: SettledRecord = {
  inputs: 'i'.repeat(64),
  from: 1_400_000_000_000,
  until: null,
  summary: { entries: { total: 1, published: 1, skipped: 0 }, tags: 0, skipped: [], warnings: [{ file: 'entries/2014/a.md', field: 'url', message: 'the same "url" as b.md', fix: 'keep one' }], heldBack: [] },
};

const text = (chunks: readonly Buffer[]) => Buffer.concat(chunks).toString('utf8');

describe('serializeManifest', () => {
  it('writes the bytes of JSON.stringify(document, null, 1) and a newline', () => {
    const expected = `${JSON.stringify({ format: 1, objects: manifest, units, settled }, null, 1)}\n`;
    expect(text(serializeManifest(manifest, units, settled))).toBe(expected);
  });

  it('leaves out units and settled when there are none', () => {
    expect(text(serializeManifest(manifest))).toBe(`${JSON.stringify({ format: 1, objects: manifest }, null, 1)}\n`);
    expect(text(serializeManifest({}))).toBe('{\n "format": 1,\n "objects": {}\n}\n');
  });

  it('reads back as written, with the hash of its bytes', async () => {
    const bytes = serializeManifest(manifest, units, settled);
    const store = new MemoryStore();
    await store.put(MANIFEST_KEY, bytes, { contentType: 'application/json' });
    const read = await readManifest(store);
    expect(read).toEqual({ manifest, units, settled, textHash: sha256(bytes) });
  });

  it('keeps the digest list id it is given, and the intent manifest keeps the previous one', async () => {
    const bytes = serializeManifest(manifest, units, settled, 'digest.watch.example.org');
    const store = new MemoryStore();
    await store.put(MANIFEST_KEY, bytes, { contentType: 'application/json' });
    const read = await readManifest(store);
    expect(read.listId).toBe('digest.watch.example.org');
    await store.put(MANIFEST_KEY, intentManifest(read, []), { contentType: 'application/json' });
    expect((await readManifest(store)).listId).toBe('digest.watch.example.org');
  });

  it('writes a recorded "no digest" as noDigest: true (a string listId elsewhere), and reads it back as null', async () => {
    const bytes = serializeManifest(manifest, units, settled, null);
    const data = JSON.parse(Buffer.concat(bytes).toString('utf8')) as Record<string, unknown>;
    expect([data.noDigest, data.listId]).toEqual([true, undefined]);
    const store = new MemoryStore();
    await store.put(MANIFEST_KEY, bytes, { contentType: 'application/json' });
    expect((await readManifest(store)).listId).toBeNull();
  });
});
