import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../../lib/store/memoryStore.js';
import { occupiedShards, shardsListed } from '../../../lib/subscribers/occupiedShards.js';
import { StoreSubscriberStore } from '../../../lib/subscribers/storeSubscriberStore.js';
import { addSubscriber, suppressSubscriber } from '../../../lib/subscribers/subscriberAdmin.js';
import { subscriberId, type Subscriber } from '../../../lib/subscribers/subscriber.js';
import { SUBSCRIBER_SHARDS } from '../../../lib/subscribers/subscriberShards.js';
import type { SubscriberStore } from '../../../lib/subscribers/subscriberStore.js';

const NOW = DateTime.fromISO('2014-05-12T08:00:00Z');
const ADDRESSES = ['ada@example.org', 'bob@example.org', 'cy@example.org', 'dee@example.org', 'eve@example.org'];
const shardOf = (address: string) => subscriberId(address).slice(0, 2);

/** A store of ADDRESSES (eve@ suppressed), on a memory store that answers `pageSize` keys a LIST. */
async function stored(pageSize: number): Promise<{ raw: MemoryStore; store: StoreSubscriberStore }> {
  const raw = new MemoryStore(pageSize);
  const store = new StoreSubscriberStore(raw);
  for (const address of ADDRESSES) await addSubscriber(store, address, { method: 'imported', now: NOW });
  await suppressSubscriber(store, 'eve@example.org', 'hard bounce', NOW);
  return { raw, store };
}

describe('shardsListed', () => {
  it('of a whole listing: exactly the shards its keys start with', () => {
    expect(shardsListed(['05/a', '05/b', '3a/c', 'f0/d'], true)).toEqual(['05', '3a', 'f0']);
    expect(shardsListed([], true)).toEqual([]);
  });

  it('of a listing cut short: those before the last key read, and every shard from its shard on', () => {
    const from3a = SUBSCRIBER_SHARDS.slice(0x3a);
    expect(shardsListed(['05/a', '3a/c'], false)).toEqual(['05', ...from3a]);
    // A key of one character: every shard it starts may follow it.
    expect(shardsListed(['05/a', '3'], false)).toEqual(['05', ...SUBSCRIBER_SHARDS.slice(0x30)]);
    expect(shardsListed([], false)).toEqual(SUBSCRIBER_SHARDS);
  });
});

describe('StoreSubscriberStore.shards', () => {
  it('names the shards that hold a record, whatever its status, from one LIST where the store fits in a page', async () => {
    const { raw, store } = await stored(1000);
    const before = raw.requests.list;
    const expected = [...new Set(ADDRESSES.map(shardOf))].sort();
    expect(await store.shards()).toEqual(expected);
    expect(raw.requests.list - before).toBe(1);
  });

  it('reads on through smaller pages, up to as many keys as one S3 page holds', async () => {
    const { raw, store } = await stored(2);
    const before = raw.requests.list;
    expect(await store.shards()).toEqual([...new Set(ADDRESSES.map(shardOf))].sort());
    expect(raw.requests.list - before).toBe(Math.ceil(ADDRESSES.length / 2));
  });

  it('lists every record through those shards alone: one LIST to find them and one a shard', async () => {
    const { raw, store } = await stored(1000);
    const before = raw.requests.list;
    const listed: Subscriber[] = [];
    for await (const subscriber of store.list()) listed.push(subscriber);
    expect(listed.map((s) => s.address).sort()).toEqual([...ADDRESSES].sort());
    expect(raw.requests.list - before).toBe(1 + new Set(ADDRESSES.map(shardOf)).size);
  });
});

describe('occupiedShards', () => {
  it('is every shard for a store that cannot tell', async () => {
    const { store } = await stored(1000);
    const plain: SubscriberStore = { description: store.description, get: (id) => store.get(id), put: (s, v) => store.put(s, v), delete: (id) => store.delete(id), eraseOlder: (id, v) => store.eraseOlder(id, v), list: (shard) => store.list(shard) };
    expect(await occupiedShards(plain)).toEqual(SUBSCRIBER_SHARDS);
    expect(await occupiedShards(store)).toEqual([...new Set(ADDRESSES.map(shardOf))].sort());
  });
});
