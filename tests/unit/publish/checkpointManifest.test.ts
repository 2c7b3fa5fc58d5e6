import { describe, expect, it } from 'vitest';
import { checkpointManifest, type WritesDone } from '../../../lib/publish/checkpointManifest.js';
import { BuiltFiles } from '../../../lib/publish/builtFiles.js';
import { MANIFEST_KEY, readManifest, serializeManifest, type Change, type Manifest, type StoredManifest } from '../../../lib/publish/manifest.js';
import { writeSite, type SiteWrite } from '../../../lib/publish/writeSite.js';
import type { EntryIndex } from '../../../lib/content/entryIndex.js';
import { sha256 } from '../../../lib/shared/sha256.js';
import { UNKNOWN_SHA256 } from '../../../lib/shared/unknownSha256.js';
import { MemoryStore } from '../../../lib/store/memoryStore.js';
import type { PutBody, PutOptions } from '../../../lib/store/store.js';

// The manifest a publish that stops cleanly writes in its intent's place: what it saw completed is known, the rest in doubt.
const HTML = 'text/html; charset=utf-8';
const record = (text: string) => ({ sha256: sha256(Buffer.from(text)), contentType: HTML, size: Buffer.byteLength(text) });
const UNKNOWN = (size: number) => ({ sha256: UNKNOWN_SHA256, contentType: '', size });

async function parsed(chunks: readonly Buffer[]): Promise<StoredManifest> {
  const store = new MemoryStore();
  await store.put(MANIFEST_KEY, chunks, { contentType: 'application/json' });
  return readManifest(store);
}

describe('checkpointManifest', () => {
  const previous: StoredManifest = {
    manifest: { 'a.html': record('a0'), 'b.html': record('b0'), 'd.html': record('d0'), 'e.html': record('e0'), 'f.html': { ...record('f0'), version: 'vf' } },
    units: { 'unit-a': { fingerprint: 'fp-a', files: { 'a.html': record('a0').sha256 } } },
    listId: 'digest.example.org',
    textHash: '',
  };
  const next: Manifest = { 'a.html': record('a1'), 'b.html': record('b1'), 'c.html': record('c1'), 'f.html': record('f0') };
  const changes: Change[] = [
    { key: 'a.html', status: 'changed', size: 2 },
    { key: 'b.html', status: 'changed', size: 2 },
    { key: 'c.html', status: 'new', size: 2 },
    { key: 'f.html', status: 'unchanged', size: 2 },
    { key: 'd.html', status: 'deleted', size: 2 },
    { key: 'e.html', status: 'deleted', size: 2 },
  ];

  it('records the files seen written as built with their versions, leaves out those seen deleted, and keeps the rest unknown', async () => {
    const done: WritesDone = { written: new Map([['a.html', 'va1'], ['c.html', undefined]]), deleted: new Set(['d.html']) };
    const stored = await parsed(checkpointManifest(previous, changes, next, done));
    expect(stored.manifest).toEqual({
      'a.html': { ...record('a1'), version: 'va1' },
      // Its write failed or was unanswered: it may or may not have landed.
      'b.html': UNKNOWN(2),
      'c.html': record('c1'),
      // Its deletion was not seen done.
      'e.html': UNKNOWN(2),
      'f.html': { ...record('f0'), version: 'vf' },
    });
    // The units as before: unit-a's recorded hash is no longer a.html's, so it is not reused.
    expect(stored.units).toEqual(previous.units);
    expect(stored.settled).toBeUndefined();
    expect(stored.listId).toBe('digest.example.org');
  });

  it('is the intent when nothing was seen completed', async () => {
    const stored = await parsed(checkpointManifest(previous, changes, next, { written: new Map(), deleted: new Set() }));
    expect(stored.manifest).toEqual({ 'a.html': UNKNOWN(2), 'b.html': UNKNOWN(2), 'c.html': UNKNOWN(2), 'd.html': UNKNOWN(2), 'e.html': UNKNOWN(2), 'f.html': { ...record('f0'), version: 'vf' } });
  });
});

/** writeSite of `changes` into `store`, each checkpoint's view of what was done kept in `seen`. */
function stoppedWrite(store: MemoryStore, files: BuiltFiles, changes: Change[], seen: WritesDone[], concurrency: number, extra: Partial<SiteWrite> = {}): Promise<unknown> {
  return writeSite(store, {
    changes,
    files,
    keptBodies: new Set(),
    keptSummaries: new Set(),
    index: { serialize: () => [Buffer.from('{}')], changedFromLoaded: () => false } as unknown as EntryIndex,
    entryKeys: [],
    intentManifest: () => serializeManifest({}),
    checkpoint: (done) => {
      seen.push({ written: new Map(done.written), deleted: new Set(done.deleted) });
      return [Buffer.from('checkpoint')];
    },
    manifest: () => serializeManifest({}),
    listed: [],
    previousManifestHash: '',
    cacheControl: 'no-cache',
    archiveCacheControl: 'no-cache',
    concurrency,
    ...extra,
  }).catch((e: unknown) => e);
}

/** A store whose write of `failing` is refused once `inFlight`'s write has started, which answers only after. */
class FailingStore extends MemoryStore {
  constructor(
    private readonly failing: string,
    private readonly inFlight: string,
  ) {
    super();
  }
  private started: (() => void) | undefined;
  private readonly inFlightStarted = new Promise<void>((resolve) => (this.started = resolve));
  override async put(key: string, body: PutBody, options: PutOptions): Promise<string> {
    if (key === this.inFlight) {
      this.started!();
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    if (key === this.failing) {
      await this.inFlightStarted;
      throw new Error(`refused: ${key}`);
    }
    return super.put(key, body, options);
  }
}

describe('writeSite, stopped by a failed write', () => {
  it('writes the checkpoint with only the writes S3 answered, the one in flight beside the failure included, before it rethrows', async () => {
    const files = new BuiltFiles({});
    const keys = ['entries/1/index.html', 'entries/2/index.html', 'entries/3/index.html', 'entries/4/index.html'];
    for (const key of keys) files.add({ key, body: Buffer.from(`<p>${key}</p>`), contentType: HTML });
    const changes: Change[] = keys.map((key) => ({ key, status: 'new', size: Buffer.byteLength(`<p>${key}</p>`) }));
    // Two at a time, in key order: 1 and 2 start, 2 fails once 1 is under way; 1 completes; 3 and 4 never start.
    const store = new FailingStore(keys[1]!, keys[0]!);
    const seen: WritesDone[] = [];
    let told = 0;
    const error = await stoppedWrite(store, files, changes, seen, 2, { beforeCheckpoint: () => told++ });
    files.dispose();
    expect((error as Error).message).toBe(`refused: ${keys[1]}`);
    expect(told).toBe(1);
    expect(seen).toHaveLength(1);
    expect([...seen[0]!.written.keys()]).toEqual([keys[0]]);
    expect(seen[0]!.written.get(keys[0]!)).toBe((await store.list('')).find((object) => object.key === keys[0])!.version);
    expect((await store.get(MANIFEST_KEY))?.toString()).toBe('checkpoint');
  });
});

describe('writeSite, stopped by a failed deletion', () => {
  it('gives the checkpoint the deletions S3 answered and every write, not the deletion that failed', async () => {
    const store = new MemoryStore();
    const gone = ['entries/1/index.html', 'entries/2/index.html'];
    for (const key of gone) await store.put(key, `<p>${key}</p>`, { contentType: HTML });
    const files = new BuiltFiles({});
    files.add({ key: 'index.html', body: Buffer.from('<p>home</p>'), contentType: HTML });
    const changes: Change[] = [{ key: 'index.html', status: 'new', size: 11 }, ...gone.map((key): Change => ({ key, status: 'deleted', size: 1 }))];
    // The second deletion asked for is refused; one at a time, so the first was answered before it.
    const asked: string[] = [];
    const remove = store.delete.bind(store);
    store.delete = async (key) => {
      asked.push(key);
      if (asked.length === 2) throw new Error(`refused: ${key}`);
      return remove(key);
    };
    const seen: WritesDone[] = [];
    const error = await stoppedWrite(store, files, changes, seen, 1, { listed: gone.map((key) => ({ key, size: 1, version: key })) });
    files.dispose();
    expect((error as Error).message).toBe(`refused: ${asked[1]}`);
    expect(asked).toHaveLength(2);
    expect([...seen[0]!.written.keys()]).toEqual(['index.html']);
    expect([...seen[0]!.deleted]).toEqual([asked[0]]);
    expect((await store.get(MANIFEST_KEY))?.toString()).toBe('checkpoint');
  });
});
