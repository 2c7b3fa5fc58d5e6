import { constants } from 'node:buffer';
import { describe, expect, it } from 'vitest';
import { EntryIndex, INDEX_KEY } from '../../../lib/content/entryIndex.js';
import { MemoryStore } from '../../../lib/store/memoryStore.js';
import { assertWithinCap, type ReadOptions } from '../../../lib/store/store.js';

// The entry index is a cache: one larger than any text can be (a junk upload) is taken as none, without being read.
// tests/e2e/s3/oversizeState.test.ts shows the same through the CLI against S3.
const HUGE = 600_000_000;

/** A store whose entry index is HUGE bytes: a read capped below that is refused at once; an uncapped one would download it all. */
class HugeIndexStore extends MemoryStore {
  caps: (number | undefined)[] = [];
  override async get(key: string, options?: ReadOptions): Promise<Buffer | undefined> {
    if (key !== INDEX_KEY) return super.get(key, options);
    this.caps.push(options?.maxBytes);
    assertWithinCap(`memory:${key}`, HUGE, options);
    throw new Error(`downloaded all ${HUGE} bytes of ${key}`);
  }
}

describe('an entry index too large to parse', () => {
  it('is asked for no more than the longest text, and taken as no index', async () => {
    const store = new HugeIndexStore();
    const index = await EntryIndex.load(store, EntryIndex.contextFor('title: T\n'));
    expect(index.records.size).toBe(0);
    expect(store.caps).toEqual([constants.MAX_STRING_LENGTH]);
  });
});
