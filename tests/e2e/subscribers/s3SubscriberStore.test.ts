import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { DateTime } from 'luxon';
import { S3Store } from '../../../lib/store/s3Store.js';
import { forgetSubscriber } from '../../../lib/subscribers/subscriberAdmin.js';
import { StoreSubscriberStore } from '../../../lib/subscribers/storeSubscriberStore.js';
import { subscriberId, type Subscriber } from '../../../lib/subscribers/subscriber.js';
import { FaultProxy } from '../../support/faultProxy.js';
import { freshBucket, testS3Client } from '../../support/s3.js';

// The S3 adapter against s3rver. s3rver ignores If-None-Match, so for the race a proxy in front of it answers a
// second PUT of the same key as S3 does for `If-None-Match: *` on an existing object: 412 PreconditionFailed.
const endpoint = inject('s3Endpoint');
const PRECONDITION_FAILED = { status: 412, headers: { 'content-type': 'application/xml' }, body: '<?xml version="1.0" encoding="UTF-8"?><Error><Code>PreconditionFailed</Code><Message>At least one of the pre-conditions you specified did not hold</Message></Error>' };
let proxy: FaultProxy;
let bucket: string;
/** The x-amz-tagging header of each object's PUT, by the request's path (s3rver keeps no tags given with a PUT). */
const tagging = new Map<string, string | undefined>();

const record = (address: string, status: Subscriber['status']): Subscriber => ({ id: subscriberId(address), address, status, tags: [], createdAt: '2014-05-12T00:00:00.000Z', updatedAt: '2014-05-12T00:00:00.000Z' });

beforeAll(async () => {
  bucket = await freshBucket(testS3Client(endpoint), 'subscribers');
  proxy = await FaultProxy.start(endpoint);
  const created = new Set<string>();
  proxy.decide = ({ method, url, headers }) => {
    if (method !== 'PUT') return 'pass';
    const key = url.split('?')[0]!;
    if (created.has(key)) return PRECONDITION_FAILED;
    created.add(key);
    tagging.set(key, headers['x-amz-tagging'] as string | undefined);
    return 'pass';
  };
});
afterAll(async () => proxy?.close());

describe('StoreSubscriberStore on S3, under a private prefix', () => {
  it('keeps records under _subscribers/ named by a hash; of two writers of the same version only one wins', async () => {
    const s3 = new S3Store(testS3Client(proxy.endpoint), bucket, '_subscribers/');
    const store = new StoreSubscriberStore(s3);
    expect(await store.put(record('ada@example.org', 'pending'), undefined)).toBe(true);
    expect(await store.put(record('ada@example.org', 'pending'), undefined)).toBe(false);
    const read = (await store.get(subscriberId('ada@example.org')))!;
    expect(await store.put({ ...read.subscriber, status: 'confirmed' }, read.version)).toBe(true);
    expect(await store.put({ ...read.subscriber, status: 'unsubscribed' }, read.version)).toBe(false);
    expect((await store.get(subscriberId('ada@example.org')))?.subscriber.status).toBe('confirmed');

    const keys = (await new S3Store(testS3Client(endpoint), bucket).list('')).map((o) => o.key);
    expect(keys).toEqual([`_subscribers/${subscriberId('ada@example.org')}/0000000002.json`]);
    for (const key of keys) expect(key).not.toContain('ada');

    await store.put(record('grace@example.org', 'confirmed'), undefined);
    const listed: string[] = [];
    for await (const subscriber of store.list()) listed.push(`${subscriber.address} ${subscriber.status}`);
    expect(listed.sort()).toEqual(['ada@example.org confirmed', 'grace@example.org confirmed']);
    await store.delete(subscriberId('grace@example.org'));
    expect(await store.get(subscriberId('grace@example.org'))).toBeUndefined();
  });

  it('writes a pending record tagged status=pending, for the lifecycle rule that expires unconfirmed signups, and any other untagged', async () => {
    const store = new StoreSubscriberStore(new S3Store(testS3Client(proxy.endpoint), bucket, '_subscribers/'));
    const tagOf = (address: string, sequence: number) => tagging.get(`/${bucket}/_subscribers/${subscriberId(address)}/${String(sequence).padStart(10, '0')}.json`);
    expect(await store.put(record('signup@example.org', 'pending'), undefined)).toBe(true);
    const pending = (await store.get(subscriberId('signup@example.org')))!;
    // Confirmed: a new object, without the tag, so the rule leaves it; the pending one is superseded.
    expect(await store.put({ ...pending.subscriber, status: 'confirmed' }, pending.version)).toBe(true);
    for (const status of ['unsubscribed', 'suppressed'] as const) await store.put(record(`${status}@example.org`, status), undefined);
    expect([tagOf('signup@example.org', 1), tagOf('signup@example.org', 2), tagOf('unsubscribed@example.org', 1), tagOf('suppressed@example.org', 1)]).toEqual(['status=pending', undefined, undefined, undefined]);
  });
});

describe('subscribers forget on S3, beside a concurrent write', () => {
  // Conditional writes as S3 makes them (s3rver overwrites), through a proxy of their own.
  let conditional: FaultProxy;
  let s3: S3Store;
  const now = DateTime.fromISO('2014-05-12T09:00:00Z', { zone: 'utc' });
  /** Each object left under the prefix: its version's name and its bytes. */
  const objects = async () => Promise.all((await s3.list('')).map(async (o) => `${o.key.slice(41)} ${(await s3.get(o.key))!.toString('utf8')}`));
  beforeAll(async () => {
    conditional = await FaultProxy.start(endpoint);
    conditional.honourIfNoneMatch = true;
  });
  beforeEach(({ task }) => {
    s3 = new S3Store(testS3Client(conditional.endpoint), bucket, `forget-${task.id}/`);
  });
  afterAll(async () => conditional?.close());

  it('keeps the hash of a suppression (a bounce) written between its read of the record and its delete', async () => {
    const id = subscriberId('bounced@example.org');
    let reads = 0;
    const racing = new (class extends StoreSubscriberStore {
      override async get(wanted: string) {
        const read = await super.get(wanted);
        if (wanted === id && ++reads === 1) expect(await this.put({ ...read!.subscriber, status: 'suppressed', reason: 'bounce' }, read!.version)).toBe(true);
        return read;
      }
    })(s3);
    await racing.put(record('bounced@example.org', 'confirmed'), undefined);
    expect(await forgetSubscriber(racing, 'bounced@example.org', now)).toBe('erased');
    const kept = await objects();
    expect(kept.map((object) => object.slice(0, 16))).toEqual(['0000000003.json ']);
    expect(JSON.parse(kept[0]!.slice(16))).toEqual({ id, status: 'suppressed', tags: [], createdAt: now.toISO(), updatedAt: now.toISO(), reason: 'forgotten; kept suppressed' });
  });

  it('says so when S3 refuses the deletes of the versions holding a suppressed address, and a rerun erases them', async () => {
    const id = subscriberId('bounced@example.org');
    const store = new StoreSubscriberStore(s3);
    await store.put(record('bounced@example.org', 'suppressed'), undefined);
    conditional.decide = ({ method }) => (method === 'DELETE' ? 'error500' : 'pass');
    try {
      await expect(forgetSubscriber(store, 'bounced@example.org', now)).rejects.toThrow(/^not all copies of bounced@example\.org erased from .*: run forget again$/);
    } finally {
      conditional.decide = () => 'pass';
    }
    expect((await objects()).map((object) => [object.slice(0, 15), object.includes('bounced@example.org')])).toEqual([['0000000001.json', true], ['0000000002.json', false]]);
    expect(await forgetSubscriber(store, 'bounced@example.org', now)).toBe('erased');
    expect(await forgetSubscriber(store, 'bounced@example.org', now)).toBe('already');
    expect(await objects()).toEqual([`0000000002.json ${JSON.stringify({ id, status: 'suppressed', tags: [], createdAt: now.toISO(), updatedAt: now.toISO(), reason: 'forgotten; kept suppressed' })}\n`]);
  });

  it('refuses the next version a confirm that read the record before it writes while it deletes, so it is not undone', async () => {
    const id = subscriberId('ada@example.org');
    const store = new StoreSubscriberStore(s3);
    await store.put(record('ada@example.org', 'pending'), undefined);
    const before = (await store.get(id))!;
    let deletes = 0;
    const deleting = new StoreSubscriberStore(
      new (class extends S3Store {
        override async delete(key: string) {
          await super.delete(key);
          // forget's tombstone holds the next version already.
          if (++deletes === 1) expect(await store.put({ ...before.subscriber, status: 'confirmed' }, before.version)).toBe(false);
        }
      })(testS3Client(conditional.endpoint), bucket, s3.prefix),
    );
    expect(await forgetSubscriber(deleting, 'ada@example.org', now)).toBe('erased');
    // Only the tombstone is left, which holds no address (S3's lifecycle rule expires it with the pending records).
    expect([deletes, await objects()]).toEqual([1, ['0000000002.json {"erased":true}\n']]);
    expect(await store.get(id)).toBeUndefined();
  });
});
