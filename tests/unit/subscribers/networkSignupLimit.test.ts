import { createHmac } from 'node:crypto';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../../lib/store/memoryStore.js';
import { clientKey } from '../../../lib/subscribers/clientKey.js';
import { networkKey } from '../../../lib/subscribers/networkKey.js';
import { NETWORK_LIMIT, NETWORK_WINDOW_MS, networkLimitFor } from '../../../lib/subscribers/networkLimitFor.js';
import { CLIENT_LIMIT, ClientRateLimit } from '../../../lib/subscribers/clientRateLimit.js';
import { CLIENT_FOLDER, storeNetworkSignupLimit } from '../../../lib/subscribers/storeClientSignupLimit.js';
import { SIGNUP_FOLDER } from '../../../lib/subscribers/storeSignupCap.js';
import { StoreSubscriberStore } from '../../../lib/subscribers/storeSubscriberStore.js';
import { createSubscriptionHandler } from '../../../lib/subscribers/subscriptionHandler.js';
import type { Store } from '../../../lib/store/store.js';
import { testSite } from '../../support/digestFixtures.js';

const SECRET = 'a-long-enough-test-secret';
const START = DateTime.fromISO('2014-05-12T09:00:00Z');
/** A record's name, as README ("Subscribers", Abuse) says: an HMAC of the key under the secret, the kind in it. */
const recordName = (kind: 'client' | 'network', key: string) => createHmac('sha256', SECRET).update(`broadsheet-signup-${kind}\n${key}`).digest('hex').slice(0, 16);
/** The i-th /64 of the /48 2001:db8:1::/48: a client of its own, the one network. */
const inSite = (i: number) => `2001:db8:1:${i.toString(16)}::1`;

/** A Lambda instance: its own memory, the one store; a request from the viewer address given. */
function instance(store: Store, sent: string[], now: () => DateTime) {
  const handler = createSubscriptionHandler({ site: testSite(), store: new StoreSubscriberStore(store), secret: SECRET, now, sendMail: async (to) => void sent.push(to), tags: async () => [], limiter: new ClientRateLimit(), answerFloorMs: 0 });
  return (address: string, viewer: string) => handler({ method: 'POST', contentType: 'application/x-www-form-urlencoded', url: '/subscribe', body: `email=${encodeURIComponent(address)}`, client: clientKey(viewer), network: networkKey(viewer) });
}

describe('networkLimitFor: a fifth of the hourly cap per network, never under one client’s own', () => {
  it('is 20 under the default cap of 100, follows a raised cap, and keeps to a client’s 10 under a low one', () => {
    expect(NETWORK_LIMIT).toBe(100 / 5);
    expect(networkLimitFor(150)).toBe(30);
    expect(networkLimitFor(101)).toBe(21);
    expect(networkLimitFor(99_999)).toBe(20_000);
    expect(networkLimitFor(30)).toBe(CLIENT_LIMIT);
    expect(networkLimitFor(1)).toBe(CLIENT_LIMIT);
  });
});

describe('the signups per wider network (IPv6 /48, IPv4 /24) kept in the subscriber store', () => {
  it('keeps a raised limit’s whole hour in its record: 200 times (a cap of 1,000) are one record, not a damaged one', async () => {
    const limit = storeNetworkSignupLimit(new MemoryStore(), SECRET, networkLimitFor(1000));
    const network = networkKey(inSite(0));
    const t = START.toMillis();
    for (let i = 0; i < 200; i++) expect(await limit.take(network, t + i * 1000)).toEqual({ allowed: true });
    expect(await limit.take(network, t + 200 * 1000)).toEqual({ allowed: false, retryAfterMs: NETWORK_WINDOW_MS - 200 * 1000 });
  });

  it('takes NETWORK_LIMIT signups in an hour from the /64s of one /48 across instances, each well under its own limit, then refuses them before the cap counts', async () => {
    const store = new MemoryStore();
    const sent: string[] = [];
    let now = START;
    const warm = [instance(store, sent, () => now), instance(store, sent, () => now)];
    // One signup a minute, each from a /64 of its own: no client comes near its own limit.
    for (let i = 0; i < NETWORK_LIMIT; i++) {
      now = START.plus({ minutes: i });
      expect((await warm[i % 2]!(`reader${i}@example.org`, inSite(i))).status).toBe(200);
    }
    // 30 minutes in: a new /64 of the /48 is refused on a cold instance and a warm one, until the first is an hour old.
    now = START.plus({ minutes: 30 });
    for (const handler of [instance(store, sent, () => now), warm[0]!]) {
      const refused = await handler('one-more@example.org', inSite(1000));
      expect(refused.status).toBe(429);
      expect(refused.headers['retry-after']).toBe(String((NETWORK_WINDOW_MS - 30 * 60_000) / 1000));
      // The page names the wait, half an hour, not "a few minutes".
      expect(refused.body).toContain(`Please try again in ${(NETWORK_WINDOW_MS - 30 * 60_000) / 60_000} minutes.`);
    }
    // Another /48, and an IPv4 client, are their own.
    expect((await warm[1]!('elsewhere@example.org', '2001:db8:2::1')).status).toBe(200);
    expect((await warm[1]!('v4@example.org', '198.51.100.7')).status).toBe(200);
    expect(sent).toEqual([...Array.from({ length: NETWORK_LIMIT }, (_, i) => `reader${i}@example.org`), 'elsewhere@example.org', 'v4@example.org']);
    // The refused signups took none of the hour's cap, and none of their client's count (taken back: its record holds nothing).
    expect((await store.list(`${SIGNUP_FOLDER}2014-05-12T09/`)).length).toBe(NETWORK_LIMIT + 2);
    const refusedClient = (await store.list(`${CLIENT_FOLDER}${recordName('client', clientKey(inSite(1000)))}/`)).map((object) => object.key);
    expect(refusedClient).toHaveLength(1);
    expect(JSON.parse((await store.get(refusedClient[0]!))!.toString('utf8'))).toEqual({ sent: [] });
    // The network's record is named by the keyed hash of its key, beside the clients', and holds its times only.
    const network = (await store.list(`${CLIENT_FOLDER}${recordName('network', networkKey(inSite(0)))}/`)).map((object) => object.key);
    expect(network).toHaveLength(1);
    expect(JSON.parse((await store.get(network[0]!))!.toString('utf8'))).toEqual({ sent: Array.from({ length: NETWORK_LIMIT }, (_, i) => START.plus({ minutes: i }).toUTC().toISO()) });

    // An hour after the first: one more from the /48, and no second until the next leaves.
    now = START.plus({ milliseconds: NETWORK_WINDOW_MS });
    expect((await warm[0]!('later@example.org', inSite(2000))).status).toBe(200);
    const again = await instance(store, sent, () => now)('latest@example.org', inSite(3000));
    expect(again.status).toBe(429);
    expect(again.headers['retry-after']).toBe('60');
    expect(again.body).toContain('Please try again in 1 minute.');
  });

  it('counts the 256 addresses of one IPv4 /24 as one network, and the next /24 as another', async () => {
    const store = new MemoryStore();
    const sent: string[] = [];
    const handler = instance(store, sent, () => START);
    const statuses = [];
    for (let i = 0; i <= NETWORK_LIMIT; i++) statuses.push((await handler(`reader${i}@example.org`, `198.51.100.${i}`)).status);
    expect(statuses).toEqual([...Array<number>(NETWORK_LIMIT).fill(200), 429]);
    expect((await handler('next@example.org', '198.51.101.1')).status).toBe(200);
  });

  it('counts no signup whose network check the store failed, in memory or in the client’s record', async () => {
    const networkFolder = `${CLIENT_FOLDER}${recordName('network', networkKey(inSite(0)))}/`;
    /** A store whose writes of the network's record fail while `down`; the client's go through. */
    class NetworkDown extends MemoryStore {
      down = true;
      override putIfAbsent(key: string, body: Buffer | string, options: Parameters<Store['putIfAbsent']>[2]): Promise<boolean> {
        return this.down && key.startsWith(networkFolder) ? Promise.reject(new Error('injected failure')) : super.putIfAbsent(key, body, options);
      }
    }
    const store = new NetworkDown();
    const sent: string[] = [];
    const handler = instance(store, sent, () => START);
    // More failures than the client's limit, on one warm instance.
    for (let i = 0; i < NETWORK_LIMIT; i++) await expect(handler(`failed${i}@example.org`, inSite(0))).rejects.toThrow('injected failure');
    const clientRecord = (await store.list(`${CLIENT_FOLDER}${recordName('client', clientKey(inSite(0)))}/`)).map((object) => object.key);
    expect(JSON.parse((await store.get(clientRecord.at(-1)!))!.toString('utf8'))).toEqual({ sent: [] });
    store.down = false;
    // Back: the client has its whole allowance, and the network its whole.
    expect((await handler('again@example.org', inSite(0))).status).toBe(200);
    for (let i = 1; i < NETWORK_LIMIT; i++) expect((await handler(`next${i}@example.org`, inSite(i))).status).toBe(200);
    expect((await handler('over@example.org', inSite(NETWORK_LIMIT))).status).toBe(429);
    expect(sent).toHaveLength(NETWORK_LIMIT);
  });
});

describe('a client count the store could not take back', () => {
  it('is told to onTakeBackFailed with the store\'s error, and the network\'s refusal is answered all the same', async () => {
    const failure = new Error('injected failure of the take-back');
    const told: unknown[] = [];
    const refusedForMs = 30 * 60_000;
    const handler = createSubscriptionHandler({
      site: testSite(), store: new StoreSubscriberStore(new MemoryStore()), secret: SECRET, now: () => START, sendMail: async () => undefined, tags: async () => [], answerFloorMs: 0,
      // The client's count is taken, and cannot be given back; the network's refuses.
      clientLimit: { take: async () => ({ allowed: true }), forget: () => Promise.reject(failure) },
      networkLimit: { take: async () => ({ allowed: false, retryAfterMs: refusedForMs }), forget: async () => undefined },
      onTakeBackFailed: (error) => told.push(error),
    });
    const viewer = inSite(0);
    const answer = await handler({ method: 'POST', contentType: 'application/x-www-form-urlencoded', url: '/subscribe', body: 'email=ada%40example.org', client: clientKey(viewer), network: networkKey(viewer) });
    expect(answer.status).toBe(429);
    expect(answer.headers['retry-after']).toBe(String(refusedForMs / 1000));
    expect(told).toEqual([failure]);
  });
});
