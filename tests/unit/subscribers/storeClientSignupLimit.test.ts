import { createHash, createHmac } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { afterAll, describe, expect, it } from 'vitest';
import { LocalStore } from '../../../lib/store/localStore.js';
import { MemoryStore } from '../../../lib/store/memoryStore.js';
import type { Store } from '../../../lib/store/store.js';
import { CLIENT_LIMIT, CLIENT_WINDOW_MS, ClientRateLimit } from '../../../lib/subscribers/clientRateLimit.js';
import { clientKey } from '../../../lib/subscribers/clientKey.js';
import { CLIENT_FOLDER, StoreClientSignupLimit } from '../../../lib/subscribers/storeClientSignupLimit.js';
import { SIGNUP_FOLDER } from '../../../lib/subscribers/storeSignupCap.js';
import { StoreSubscriberStore } from '../../../lib/subscribers/storeSubscriberStore.js';
import { subscriberId, type Subscriber } from '../../../lib/subscribers/subscriber.js';
import { FaultyStore } from '../../support/faultyStore.js';
import { createSubscriptionHandler } from '../../../lib/subscribers/subscriptionHandler.js';
import { testSite } from '../../support/digestFixtures.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
const freshDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'broadsheet-client-store-'));
  dirs.push(dir);
  return dir;
};
const SECRET = 'a-long-enough-test-secret';
const START = DateTime.fromISO('2014-05-12T09:00:00Z');
const CLIENT = clientKey('198.51.100.7');
/** The record's name, as README ("Subscribers", Abuse) says it is made: an HMAC of the client's key under the secret. */
const recordName = (client: string, secret = SECRET) => createHmac('sha256', secret).update(`broadsheet-signup-client\n${client}`).digest('hex').slice(0, 16);

/** Every file under `dir`, relative to it. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1))
    .sort();
}

/** A Lambda instance: its own memory (ClientRateLimit), the one store; a cold start is a new one. */
function instance(store: Store, sent: string[], now: () => DateTime) {
  const handler = createSubscriptionHandler({ site: testSite(), store: new StoreSubscriberStore(store), secret: SECRET, now, sendMail: async (to) => void sent.push(to), tags: async () => [], limiter: new ClientRateLimit(), answerFloorMs: 0 });
  return (address: string, client = CLIENT) => handler({ method: 'POST', contentType: 'application/x-www-form-urlencoded', url: '/subscribe', body: `email=${encodeURIComponent(address)}`, client });
}

describe('the signups per client kept in the subscriber store', () => {
  it('holds across instances, warm or cold: one client gets its 10 in 10 minutes in all, the 11th is refused before the hour’s cap counts it', async () => {
    const dir = freshDir();
    const sent: string[] = [];
    let now = START;
    const clock = () => now;
    const warm = [instance(new LocalStore(dir), sent, clock), instance(new LocalStore(dir), sent, clock), instance(new LocalStore(dir), sent, clock)];
    // Ten signups 30 s apart, spread over three warm instances: each holds three or four in memory, under its 10.
    for (let i = 0; i < CLIENT_LIMIT; i++) {
      now = START.plus({ seconds: 30 * i });
      expect((await warm[i % warm.length]!(`reader${i}@example.org`)).status).toBe(200);
    }
    // Five minutes in: a cold instance and a warm one refuse the 11th, until the first signup (at START) is 10 minutes old.
    now = START.plus({ minutes: 5 });
    for (const handler of [instance(new LocalStore(dir), sent, clock), warm[0]!]) {
      const refused = await handler('eleventh@example.org');
      expect(refused.status).toBe(429);
      expect(refused.headers['retry-after']).toBe(String((CLIENT_WINDOW_MS - 5 * 60_000) / 1000));
      expect(refused.body).not.toContain('example.org');
    }
    // Another client is its own.
    expect((await warm[1]!('other@example.org', clientKey('203.0.113.9'))).status).toBe(200);
    expect(sent).toEqual([...Array.from({ length: CLIENT_LIMIT }, (_, i) => `reader${i}@example.org`), 'other@example.org']);
    // The refused signups took none of the hour's cap: its slots are the signups taken.
    expect(filesUnder(join(dir, SIGNUP_FOLDER))).toHaveLength(CLIENT_LIMIT + 1);

    // Ten minutes after the first: one more, on any instance, and no second until the next leaves.
    now = START.plus({ milliseconds: CLIENT_WINDOW_MS });
    expect((await warm[2]!('later@example.org')).status).toBe(200);
    const again = await instance(new LocalStore(dir), sent, clock)('latest@example.org');
    expect(again.status).toBe(429);
    expect(again.headers['retry-after']).toBe('30');

    // No listing of subscribers reads it; its one object is named by the keyed hash, and holds times only.
    const subscribers = new StoreSubscriberStore(new LocalStore(dir));
    const listed: Subscriber[] = [];
    for await (const subscriber of subscribers.list()) listed.push(subscriber);
    expect(listed.map((subscriber) => subscriber.address).sort()).toEqual([...sent].sort());
    // `clients/` sorts among the shards (after `cf/`), and is none of them.
    expect(await subscribers.shards()).toEqual([...new Set(sent.map((address) => subscriberId(address).slice(0, 2)))].sort());
    const clientFiles = filesUnder(dir).filter((file) => file.startsWith(CLIENT_FOLDER));
    expect(clientFiles.sort()).toEqual([`${CLIENT_FOLDER}${recordName(CLIENT)}/${String(CLIENT_LIMIT + 1).padStart(10, '0')}.json`, `${CLIENT_FOLDER}${recordName(clientKey('203.0.113.9'))}/0000000001.json`].sort());
    const times = Array.from({ length: CLIENT_LIMIT - 1 }, (_, i) => START.plus({ seconds: 30 * (i + 1) }).toUTC().toISO()!);
    expect(JSON.parse(readFileSync(join(dir, CLIENT_FOLDER, recordName(CLIENT), `${String(CLIENT_LIMIT + 1).padStart(10, '0')}.json`), 'utf8'))).toEqual({ sent: [...times, START.plus({ milliseconds: CLIENT_WINDOW_MS }).toUTC().toISO()!] });
  });

  it('counts no signup whose client check the store failed (the 503 page): the client, trying again, has its whole allowance', async () => {
    const store = new FaultyStore(new MemoryStore(), 0);
    const sent: string[] = [];
    const handler = instance(store, sent, () => START);
    // The store refuses every write: each check of the client fails, and so each signup, on one warm instance.
    for (let i = 0; i < CLIENT_LIMIT; i++) await expect(handler(`failed${i}@example.org`)).rejects.toThrow('injected failure');
    store.writesAllowed = Infinity;
    // The store back: the same instance takes the client's 10, as if none had failed, and refuses the 11th.
    const statuses = [];
    for (let i = 0; i <= CLIENT_LIMIT; i++) statuses.push((await handler(`again${i}@example.org`)).status);
    expect(statuses).toEqual([...Array<number>(CLIENT_LIMIT).fill(200), 429]);
    expect(sent).toEqual(Array.from({ length: CLIENT_LIMIT }, (_, i) => `again${i}@example.org`));
  });

  it('lets no more than 10 through of signups at once (a conditional write each), each instance its own store object, and refuses the rest without error', async () => {
    const dir = freshDir();
    const t = START.toMillis();
    const answers = await Promise.all(Array.from({ length: 14 }, () => new StoreClientSignupLimit(new LocalStore(dir), SECRET).take(CLIENT, t)));
    expect(answers.filter((answer) => answer.allowed)).toHaveLength(CLIENT_LIMIT);
    expect(answers.filter((answer) => !answer.allowed)).toEqual(Array(4).fill({ allowed: false, retryAfterMs: CLIENT_WINDOW_MS }));
  });

  it('names the record by an HMAC under the signing secret, never the client’s plain hash; a rotation (“NEW OLD”) names it by the new', async () => {
    const dir = freshDir();
    const t = START.toMillis();
    const rotated = `${'n'.repeat(20)} ${'o'.repeat(20)}`;
    await new StoreClientSignupLimit(new LocalStore(dir), SECRET).take(CLIENT, t);
    await new StoreClientSignupLimit(new LocalStore(dir), rotated).take(CLIENT, t);
    const names = readdirSync(join(dir, CLIENT_FOLDER)).sort();
    expect(names).toEqual([recordName(CLIENT), recordName(CLIENT, 'n'.repeat(20))].sort());
    // Neither the key, nor the address's plain hash (which all 2^32 IPv4 addresses, hashed, would find again).
    const plain = createHash('sha256').update('198.51.100.7').digest('hex');
    for (const name of names) expect([CLIENT, plain.slice(0, 16)]).not.toContain(name);
    expect(filesUnder(dir).map((file) => readFileSync(join(dir, file), 'utf8')).join('')).not.toMatch(new RegExp(`${CLIENT}|198\\.51|${plain.slice(0, 16)}`));
  });

  it('costs S3 requests as README says: a taken signup a LIST, GET, PUT and DELETE, a refused one a LIST and GET, and once refused, none on that instance until the store would take one', async () => {
    const store = new MemoryStore();
    const limit = new StoreClientSignupLimit(store, SECRET);
    const t = START.toMillis();
    const cost = async (take: () => Promise<unknown>) => {
      const before = { ...store.requests };
      await take();
      return { list: store.requests.list - before.list, get: store.requests.get - before.get, put: store.requests.put - before.put, delete: store.requests.delete - before.delete };
    };
    // The client's first: no record to read or supersede.
    expect(await cost(() => limit.take(CLIENT, t))).toEqual({ list: 1, get: 0, put: 1, delete: 0 });
    for (let i = 1; i < CLIENT_LIMIT; i++) expect(await cost(() => limit.take(CLIENT, t + i))).toEqual({ list: 1, get: 1, put: 1, delete: 1 });
    expect(await cost(() => limit.take(CLIENT, t + 10))).toEqual({ list: 1, get: 1, put: 0, delete: 0 });

    // Through the handler: the store's refusal is remembered in memory, so a refused client's next signups on that
    // instance cost no request until the time its Retry-After named.
    const sent: string[] = [];
    let now = START.plus({ seconds: 1 });
    const handler = instance(store, sent, () => now);
    const refused = await cost(() => handler('refused@example.org'));
    expect(refused).toEqual({ list: 1, get: 1, put: 0, delete: 0 });
    now = START.plus({ minutes: 9 });
    const unasked = await cost(() => handler('unasked@example.org'));
    expect(unasked).toEqual({ list: 0, get: 0, put: 0, delete: 0 });
    now = START.plus({ milliseconds: CLIENT_WINDOW_MS });
    const taken = await cost(() => handler('taken@example.org'));
    expect(sent).toEqual(['taken@example.org']);
    // The whole signup (the client's count, the cap's slot, the record, the inbox's count) costs more than the refusal.
    for (const kind of ['list', 'get', 'put', 'delete'] as const) expect(taken[kind]).toBeGreaterThanOrEqual(refused[kind]);
    expect(taken.put).toBeGreaterThan(0);
  });
});
