import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LocalStore } from '../../../lib/store/localStore.js';
import { StoreSubscriberStore } from '../../../lib/subscribers/storeSubscriberStore.js';
import { subscriberId, type Subscriber } from '../../../lib/subscribers/subscriber.js';
import { SUBSCRIBER_SHARDS } from '../../../lib/subscribers/subscriberShards.js';

const AT = '2014-05-12T00:00:00Z';
const record = (address: string): Subscriber => ({ id: subscriberId(address), address, status: 'confirmed', tags: [], createdAt: AT, updatedAt: AT });
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('the subscriber store, a shard at a time', () => {
  it('has 256 shards, the two-hex-digit prefixes of the ids', () => {
    expect(SUBSCRIBER_SHARDS).toHaveLength(256);
    expect(new Set(SUBSCRIBER_SHARDS).size).toBe(256);
    expect(SUBSCRIBER_SHARDS[0]).toBe('00');
    expect(SUBSCRIBER_SHARDS[255]).toBe('ff');
  });

  it('lists every record by listing alone each shard that holds one (a folder store never lists its whole root, only its first keys to find them), and one shard on its own', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'broadsheet-shards-'));
    dirs.push(dir);
    const folder = new LocalStore(dir);
    const store = new StoreSubscriberStore(folder);
    const addresses = Array.from({ length: 40 }, (_, i) => `reader${i}@example.org`);
    for (const address of addresses) expect(await store.put(record(address), undefined)).toBe(true);
    const listed: string[] = [];
    const list = folder.list.bind(folder);
    folder.list = async (prefix) => {
      listed.push(prefix);
      return list(prefix);
    };
    const all: string[] = [];
    for await (const s of store.list()) all.push(s.address!);
    expect(all.sort()).toEqual([...addresses].sort());
    expect(listed).toEqual([...new Set(addresses.map((a) => subscriberId(a).slice(0, 2)))].sort());
    expect(listed.length).toBeLessThan(SUBSCRIBER_SHARDS.length);

    const shard = subscriberId(addresses[0]!).slice(0, 2);
    const inShard: string[] = [];
    for await (const s of store.list(shard)) inShard.push(s.address!);
    expect(inShard.sort()).toEqual(addresses.filter((a) => subscriberId(a).startsWith(shard)).sort());
    // And a folder listing of a partial name returns only what starts with it.
    expect((await list(shard)).every((object) => object.key.startsWith(shard))).toBe(true);
  });

  it('refuses a shard that is not two hex digits', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'broadsheet-shards-'));
    dirs.push(dir);
    const store = new StoreSubscriberStore(new LocalStore(dir));
    await expect(async () => {
      for await (const _ of store.list('../')) void _;
    }).rejects.toThrow(/not a subscriber shard/);
  });
});
