import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LocalStore } from '../../../lib/store/localStore.js';
import { PENDING_TAGS } from '../../../lib/subscribers/pendingTags.js';
import { MAX_SUBSCRIBER_RECORD_BYTES, StoreSubscriberStore } from '../../../lib/subscribers/storeSubscriberStore.js';
import { MemoryStore } from '../../../lib/store/memoryStore.js';
import { subscriberId, type Subscriber } from '../../../lib/subscribers/subscriber.js';

const dir = mkdtempSync(join(tmpdir(), 'broadsheet-subscribers-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const record = (address: string, status: Subscriber['status'] = 'pending'): Subscriber => ({ id: subscriberId(address), address, status, tags: [], createdAt: '2014-05-12T00:00:00Z', updatedAt: '2014-05-12T00:00:00Z' });

describe('StoreSubscriberStore on a local folder', () => {
  const store = new StoreSubscriberStore(new LocalStore(dir));

  it('creates a record only when there is none, and names its folder by a hash, never the address', async () => {
    const ada = record('ada@example.org');
    expect(await store.put(ada, undefined)).toBe(true);
    expect(await store.put(ada, undefined)).toBe(false);
    expect(readdirSync(dir)).toEqual([subscriberId('ada@example.org')]);
    expect((await store.get(ada.id))?.subscriber).toEqual(ada);
  });

  it('of two writers that read the same version, only the first writes', async () => {
    const read = (await store.get(subscriberId('ada@example.org')))!;
    const first = await store.put({ ...read.subscriber, status: 'confirmed' }, read.version);
    const second = await store.put({ ...read.subscriber, status: 'unsubscribed' }, read.version);
    expect([first, second]).toEqual([true, false]);
    expect((await store.get(read.subscriber.id))?.subscriber.status).toBe('confirmed');
    // The superseded version is gone: one file per subscriber.
    expect(readdirSync(join(dir, read.subscriber.id))).toHaveLength(1);
  });

  it('lists the newest version of every record, and forgets one entirely', async () => {
    await store.put(record('grace@example.org', 'confirmed'), undefined);
    const listed: Subscriber[] = [];
    for await (const subscriber of store.list()) listed.push(subscriber);
    expect(listed.map((s) => [s.address, s.status]).sort()).toEqual([['ada@example.org', 'confirmed'], ['grace@example.org', 'confirmed']]);
    await store.delete(subscriberId('grace@example.org'));
    expect(await store.get(subscriberId('grace@example.org'))).toBeUndefined();
  });

  it('deletes a record on condition of the version read: one written since is left, and said so', async () => {
    await store.put(record('linus@example.org'), undefined);
    const read = (await store.get(subscriberId('linus@example.org')))!;
    expect(await store.put({ ...read.subscriber, status: 'confirmed' }, read.version)).toBe(true);
    expect(await store.delete(read.subscriber.id, read.version)).toBe(false);
    expect((await store.get(read.subscriber.id))?.subscriber.status).toBe('confirmed');
    expect(await store.delete(read.subscriber.id, (await store.get(read.subscriber.id))!.version)).toBe(true);
    expect(await store.get(read.subscriber.id)).toBeUndefined();
  });
});

describe('a conditional delete (forget) racing a signup that read the same version', () => {
  const holding = (memory: MemoryStore, address: string) => [...memory.objects].filter(([, object]) => Buffer.from(object.body).toString('utf8').includes(address)).map(([key]) => key);

  it("refuses the signup's write of the next version, made once the erasure is done, so the record never comes back; its retry is a new record", async () => {
    const memory = new MemoryStore();
    const store = new StoreSubscriberStore(memory);
    const linus = record('linus@example.org', 'confirmed');
    await store.put(linus, undefined);
    const read = (await store.get(linus.id))!;
    expect(await store.delete(linus.id, read.version)).toBe(true);
    // The signup read the record before the erasure, and writes after its last step.
    expect(await store.put({ ...linus, updatedAt: '2014-05-13T00:00:00Z' }, read.version)).toBe(false);
    expect(await store.get(linus.id)).toBeUndefined();
    const listed: Subscriber[] = [];
    for await (const subscriber of store.list()) listed.push(subscriber);
    expect(listed).toEqual([]);
    expect(holding(memory, 'linus@example.org')).toEqual([]);
    // Read again, there is no record: the signup writes a new one, after the erasure.
    const again = record('linus@example.org', 'pending');
    expect(await store.put(again, undefined)).toBe(true);
    expect((await store.get(linus.id))?.subscriber).toEqual(again);
  });

  it('refuses it too while the versions go, and withdraws a write of a version the erasure deleted', async () => {
    const memory = new MemoryStore();
    const store = new StoreSubscriberStore(memory);
    const linus = record('linus@example.org');
    await store.put(linus, undefined);
    const first = (await store.get(linus.id))!;
    await store.put({ ...linus, status: 'confirmed' }, first.version);
    const read = (await store.get(linus.id))!;
    const deleteKey = memory.delete.bind(memory);
    const writes: boolean[] = [];
    // As each version goes, a signup that read it (the newest) and one that read the one before write their next.
    memory.delete = async (key) => {
      await deleteKey(key);
      if (key.endsWith(`${read.version.padStart(10, '0')}.json`)) {
        memory.delete = deleteKey;
        writes.push(await store.put({ ...linus, updatedAt: '2014-05-13T00:00:00Z' }, read.version));
        writes.push(await store.put({ ...linus, updatedAt: '2014-05-14T00:00:00Z' }, first.version));
      }
    };
    expect(await store.delete(linus.id, read.version)).toBe(true);
    expect(writes).toEqual([false, false]);
    expect(await store.get(linus.id)).toBeUndefined();
    expect(holding(memory, 'linus@example.org')).toEqual([]);
  });
});

describe('a subscriber record larger than any can be (a junk upload to the private prefix)', () => {
  it('is damaged, named with its size and the fix, and read with a cap, never downloaded whole', async () => {
    const memory = new MemoryStore();
    const ada = record('ada@example.org', 'confirmed');
    const key = `${ada.id}/0000000001.json`;
    await memory.put(key, Buffer.alloc(MAX_SUBSCRIBER_RECORD_BYTES + 1, 0x20), { contentType: 'application/json' });
    const caps: (number | undefined)[] = [];
    const get = memory.get.bind(memory);
    memory.get = (k, options) => (caps.push(options?.maxBytes), get(k, options));
    const store = new StoreSubscriberStore(memory);
    const message = `memory:${key} is not a subscriber record (1,048,577 bytes, more than one can be): restore it or delete its folder`;
    await expect(store.get(ada.id)).rejects.toThrow(message);
    await expect(async () => {
      for await (const _ of store.list(ada.id.slice(0, 2))) void _;
    }).rejects.toThrow(message);
    expect(caps).toEqual([MAX_SUBSCRIBER_RECORD_BYTES, MAX_SUBSCRIBER_RECORD_BYTES]);
    // A guard: a record of 5,000 chosen topics still fits.
    const large = { ...ada, tags: Array.from({ length: 5000 }, (_, i) => `a-long-tag-slug-for-topic-${i}`) };
    expect(Buffer.byteLength(JSON.stringify(large))).toBeLessThan(MAX_SUBSCRIBER_RECORD_BYTES);
  });
});

describe('StoreSubscriberStore object tags', () => {
  it('tags the object of a pending record (a lifecycle rule expires unconfirmed signups by it), and no other', async () => {
    const memory = new MemoryStore();
    const tagged: [string, unknown][] = [];
    const putIfAbsent = memory.putIfAbsent.bind(memory);
    memory.putIfAbsent = (key, body, options) => {
      tagged.push([JSON.parse(String(body)).status, options.tags]);
      return putIfAbsent(key, body, options);
    };
    const store = new StoreSubscriberStore(memory);
    let version: string | undefined;
    for (const status of ['pending', 'confirmed', 'unsubscribed', 'pending', 'suppressed'] as const) {
      expect(await store.put(record('tagged@example.org', status), version)).toBe(true);
      version = (await store.get(subscriberId('tagged@example.org')))!.version;
    }
    expect(PENDING_TAGS).toEqual({ status: 'pending' });
    expect(tagged).toEqual([['pending', PENDING_TAGS], ['confirmed', undefined], ['unsubscribed', undefined], ['pending', PENDING_TAGS], ['suppressed', undefined]]);
  });
});
