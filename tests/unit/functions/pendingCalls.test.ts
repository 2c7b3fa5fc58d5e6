import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../../lib/store/memoryStore.js';
import type { Store } from '../../../lib/store/store.js';
import { PendingCalls } from '../../../functions/pendingCalls.js';

/** A promise and the functions that settle it. */
function deferred() {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<void>((ok, fail) => {
    resolve = ok;
    reject = fail;
  });
  return { promise, resolve, reject };
}

describe('PendingCalls', () => {
  it('names a step until its last call settles, resolved or rejected, in the order the steps were first asked', async () => {
    const pending = new PendingCalls();
    const [first, second, mail] = [deferred(), deferred(), deferred()];
    const s3a = pending.during('S3', first.promise);
    const ses = pending.during('SES', mail.promise).catch(() => undefined);
    const s3b = pending.during('S3', second.promise);
    expect(pending.steps()).toEqual(['S3', 'SES']);
    first.resolve();
    await s3a;
    // One S3 call is still out.
    expect(pending.steps()).toEqual(['S3', 'SES']);
    mail.reject(new Error('refused'));
    await ses;
    second.resolve();
    await s3b;
    expect(pending.steps()).toEqual([]);
  });

  it("counts a port's methods that return a promise, and leaves its fields and missing methods as they are", async () => {
    const pending = new PendingCalls();
    const store: Store = new MemoryStore();
    const port = pending.port('S3 (site.yml)', store);
    const read = port.get('site.yml');
    expect(pending.steps()).toEqual(['S3 (site.yml)']);
    expect(await read).toBeUndefined();
    expect(pending.steps()).toEqual([]);
    expect(port.description).toBe(store.description);
    expect(port.listLinks).toBe(store.listLinks);
  });
});
