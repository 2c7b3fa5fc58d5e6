import { describe, expect, it } from 'vitest';
import { LOCK_KEY, removeLeftLock, withPublishLock, type PublishLockOptions } from '../../../lib/publish/publishLock.js';
import { MemoryStore } from '../../../lib/store/memoryStore.js';
import type { ReadOptions } from '../../../lib/store/store.js';

// The hook the publish function ends its deadline with: told before each request of the lock's release, however the
// work ended, so that a run stopped for want of time still releases its lock.
const T0 = Date.parse('2026-12-04T10:00:00Z');

/** A store that logs each read and delete of the lock, in turn with the hook's calls. */
class LoggingStore extends MemoryStore {
  readonly log: string[] = [];
  override async get(key: string, options?: ReadOptions): Promise<Buffer | undefined> {
    if (key === LOCK_KEY) this.log.push('read lock');
    return super.get(key, options);
  }
  override async delete(key: string): Promise<void> {
    if (key === LOCK_KEY) this.log.push('delete lock');
    return super.delete(key);
  }
}

const lockOf = (store: LoggingStore, staleAt = T0 + 60_000): PublishLockOptions => ({ owner: 'test', clock: () => T0, staleAt, beforeRelease: () => store.log.push('beforeRelease') });

describe('PublishLockOptions.beforeRelease', () => {
  it('is told before the release of a lock whose work ended well', async () => {
    const store = new LoggingStore();
    await withPublishLock(store, lockOf(store), async () => void store.log.push('work'));
    expect(store.log).toEqual(['work', 'beforeRelease', 'read lock', 'delete lock']);
    expect(store.objects.has(LOCK_KEY)).toBe(false);
  });

  it('is told before the release of a lock whose work threw, and the work’s error is what the caller gets', async () => {
    const store = new LoggingStore();
    const failed = withPublishLock(store, lockOf(store), async () => {
      store.log.push('work');
      throw new Error('refused');
    });
    await expect(failed).rejects.toThrow('refused');
    expect(store.log).toEqual(['work', 'beforeRelease', 'read lock', 'delete lock']);
    expect(store.objects.has(LOCK_KEY)).toBe(false);
  });

  it('is told before a lock left by a dead publish is removed with nothing to write', async () => {
    const store = new LoggingStore();
    // Left by a publish whose run has ended: stale since before now.
    await store.put(LOCK_KEY, `${JSON.stringify({ owner: 'dead', token: 'aaaa', since: new Date(T0 - 120_000).toISOString(), staleAt: new Date(T0 - 60_000).toISOString() })}\n`, { contentType: 'application/json' });
    await removeLeftLock(store, lockOf(store));
    // Read to judge it stale, and again once the takeover's marker is made; then released.
    expect(store.log).toEqual(['read lock', 'read lock', 'beforeRelease', 'read lock', 'delete lock']);
    expect(store.objects.has(LOCK_KEY)).toBe(false);
  });
});
