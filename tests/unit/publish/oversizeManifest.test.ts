import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { MANIFEST_KEY, manifestTextHash, MAX_MANIFEST_BYTES, readManifest } from '../../../lib/publish/manifest.js';
import { publish } from '../../../lib/publish/publish.js';
import { RUNS_PREFIX } from '../../../lib/publish/runRecord.js';
import { writeRunRecord } from '../../../lib/publish/writeRunRecord.js';
import { MemoryStore } from '../../../lib/store/memoryStore.js';
import { assertWithinCap, type ReadOptions, type StoredObject } from '../../../lib/store/store.js';
import { entry, entryText, memoryContent } from '../../support/content.js';

// A manifest made larger than any text Node can hold (a junk upload under _broadsheet/) is damaged like any other:
// taken as absent, never downloaded. Read whole, it stopped every publish with "Cannot create a string longer than ...".

const NOW = DateTime.fromISO('2014-06-10T12:00', { zone: 'Asia/Seoul' });
const HUGE = MAX_MANIFEST_BYTES + 1;

/** An output whose manifest is HUGE bytes, as a store's size check sees it, until a publish writes a new one. */
class OversizeManifest extends MemoryStore {
  replaced = false;
  override async get(key: string, options?: ReadOptions): Promise<Buffer | undefined> {
    if (key !== MANIFEST_KEY || this.replaced) return super.get(key, options);
    this.requests.get++;
    assertWithinCap(key, HUGE, options);
    throw new Error(`read ${HUGE} bytes whole`);
  }
  override async list(prefix: string): Promise<StoredObject[]> {
    const listed = await super.list(prefix);
    // Listed as S3 lists it: its key and size, nothing read.
    if (this.replaced || !MANIFEST_KEY.startsWith(prefix)) return listed;
    return [...listed, { key: MANIFEST_KEY, size: HUGE, version: 'huge' }].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }
  override async put(key: string, body: Parameters<MemoryStore['put']>[1], options: Parameters<MemoryStore['put']>[2]): Promise<string> {
    if (key === MANIFEST_KEY) this.replaced = true;
    return super.put(key, body, options);
  }
}

describe('a manifest over MAX_MANIFEST_BYTES', () => {
  it('is damaged, unread, with one text hash for readManifest and the check after the lock', async () => {
    const output = new OversizeManifest();
    const read = await readManifest(output);
    expect(read).toEqual({ manifest: {}, units: {}, textHash: `oversize-${HUGE}`, damaged: `it is ${HUGE.toLocaleString('en')} bytes, too large to read` });
    expect(await manifestTextHash(output)).toBe(read.textHash);
  });

  it('is taken as absent by a publish: every file written, the manifest rewritten, said once', async () => {
    const content = memoryContent({ entries: { '2014/a.md': entryText(entry()) } });
    const expected = new MemoryStore();
    await publish({ content, output: expected, now: NOW, websub: false });
    const output = new OversizeManifest();
    const result = await publish({ content, output, now: NOW, websub: false });
    expect(result.manifestDamaged).toBe(`it is ${HUGE.toLocaleString('en')} bytes, too large to read`);
    expect(result.counts.new).toBe(result.changes.length);
    expect(output.text(MANIFEST_KEY)).toBe(expected.text(MANIFEST_KEY));
  });

  it('counts as a published site for a failed run, whose record is written', async () => {
    const output = new OversizeManifest();
    const record = { id: 'cli-1', kind: 'publish', trigger: 'cli', startedAt: '2014-06-10T03:00:00.000Z', endedAt: '2014-06-10T03:00:01.000Z', outcome: 'failed', counts: {}, changed: [], changedTotal: 0, problems: [], problemsTotal: 0 } as const;
    await writeRunRecord(output, { ...record, counts: {}, changed: [], problems: [] });
    expect([...output.objects.keys()].filter((key) => key.startsWith(RUNS_PREFIX))).toHaveLength(1);
    // Known from a listing of its key: not one byte of it read.
    expect(output.requests.get).toBe(0);
  });
});
