import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { afterAll, describe, expect, it } from 'vitest';
import { LocalStore } from '../../../lib/store/localStore.js';
import { StoreSubscriberStore } from '../../../lib/subscribers/storeSubscriberStore.js';
import { subscriberId } from '../../../lib/subscribers/subscriber.js';
import { StoreError, SubscriberConflictError } from '../../../lib/shared/errors.js';
import { addSubscriber, forgetExpiredSignups, forgetSubscriber, importSubscribers, isExpiredSignup, suppressSubscriber, unsubscribeSubscriber } from '../../../lib/subscribers/subscriberAdmin.js';
import type { Subscriber } from '../../../lib/subscribers/subscriber.js';
import { subscriberRecipients } from '../../../lib/subscribers/subscriberRecipients.js';

const NOW = DateTime.fromISO('2014-05-12T09:00:00Z');
const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
function fresh() {
  const dir = mkdtempSync(join(tmpdir(), 'broadsheet-admin-'));
  dirs.push(dir);
  return { dir, store: new StoreSubscriberStore(new LocalStore(dir)) };
}

describe("the editor's subscriber operations", () => {
  it('imports a subscribers.txt as confirmed with consent "imported", never re-subscribing an unsubscribed or suppressed address', async () => {
    const { store } = fresh();
    await addSubscriber(store, 'grace@example.org', { method: 'added', now: NOW });
    await store.put({ ...(await store.get(subscriberId('grace@example.org')))!.subscriber, status: 'unsubscribed' }, (await store.get(subscriberId('grace@example.org')))!.version);
    await suppressSubscriber(store, 'linus@example.org', 'hard bounce', NOW);
    const result = await importSubscribers(store, 'ada@example.org\nGrace@Example.org\nlinus@example.org # bounced\nnot an address\n', NOW);
    expect(result.added).toEqual(['ada@example.org']);
    expect(result.refused).toEqual(['grace@example.org', 'linus@example.org']);
    expect(result.invalid).toHaveLength(1);
    expect((await store.get(subscriberId('ada@example.org')))?.subscriber).toMatchObject({ status: 'confirmed', consent: { method: 'imported', at: '2014-05-12T09:00:00.000Z' } });
    expect((await subscriberRecipients(store)).map((r) => r.address)).toEqual(['ada@example.org']);
  });

  it('accounts for every line of an import: invalid ones and repeated mailboxes by their line numbers', async () => {
    const { store } = fresh();
    const result = await importSubscribers(store, '# the list\nada@example.org\nnot an address\n\nADA@Example.org\n"Ada L" <ada@example.org>\ngrace@example.org\n', NOW);
    expect(result.added).toEqual(['ada@example.org', 'grace@example.org']);
    expect(result.invalid).toEqual(['3: "not an address" is not one mailbox: no "@"']);
    expect(result.repeated).toEqual([5, 6]);
    // Line 6's name belongs to a repeated mailbox, which is not imported at all.
    expect(result.namesDropped).toEqual([]);
  });

  it('names the lines whose display name an import did not keep, a record holding addresses only', async () => {
    const { store } = fresh();
    const result = await importSubscribers(store, 'Ada Lovelace <ada@example.org>\ngrace@example.org\n"Hopper, G." <hopper@example.org>\n', NOW);
    expect(result.added).toEqual(['ada@example.org', 'grace@example.org', 'hopper@example.org']);
    expect(result.namesDropped).toEqual([1, 3]);
  });

  it('adds with tags and the consent time, which the digest reads', async () => {
    const { store } = fresh();
    expect(await addSubscriber(store, 'ada@example.org', { method: 'added', tags: ['trade'], now: NOW })).toBe('added');
    expect(await addSubscriber(store, 'ada@example.org', { method: 'added', now: NOW })).toBe('already');
    expect(await subscriberRecipients(store)).toEqual([{ address: 'ada@example.org', tags: ['trade'], subscriber: true, subscribedAt: NOW.toUTC().toISO() }]);
  });

  it('forget erases the address; a suppressed one keeps only its hash, and stays suppressed on a later import', async () => {
    const { dir, store } = fresh();
    await addSubscriber(store, 'ada@example.org', { method: 'added', now: NOW });
    await suppressSubscriber(store, 'linus@example.org', 'complaint', NOW);
    expect(await forgetSubscriber(store, 'ada@example.org', NOW)).toBe('erased');
    expect(await forgetSubscriber(store, 'linus@example.org', NOW)).toBe('erased');
    expect(await store.get(subscriberId('ada@example.org'))).toBeUndefined();
    const kept = readdirSync(dir, { recursive: true }).filter((name) => String(name).endsWith('.json')).map(String);
    // Ada's folder holds a tombstone alone (no address), which keeps a signup that read her record from writing it back.
    expect(kept.filter((name) => name.startsWith(subscriberId('ada@example.org'))).map((name) => readFileSync(join(dir, name), 'utf8'))).toEqual(['{"erased":true}\n']);
    const hashes = kept.filter((name) => name.startsWith(subscriberId('linus@example.org')));
    expect(hashes).toHaveLength(1);
    const text = readFileSync(join(dir, hashes[0]!), 'utf8');
    expect(text).not.toMatch(/linus|example\.org|complaint/);
    expect(JSON.parse(text)).toMatchObject({ id: subscriberId('linus@example.org'), status: 'suppressed' });
    expect((await importSubscribers(store, 'linus@example.org\n', NOW)).refused).toEqual(['linus@example.org']);
  });

  it('forget erases the versions a failed delete left holding the address, says so when one fails, and a rerun erases them', async () => {
    const { dir } = fresh();
    const id = subscriberId('linus@example.org');
    // One S3 delete refused (a 500): the store's own write swallows it, as a superseded version is never read.
    const local = new (class extends LocalStore {
      failDeletes = 0;
      override async delete(key: string) {
        if (this.failDeletes > 0 && this.failDeletes--) throw new Error('InternalError: we encountered an internal error');
        return super.delete(key);
      }
    })(dir);
    const store = new StoreSubscriberStore(local);
    await addSubscriber(store, 'linus@example.org', { method: 'added', now: NOW });
    await suppressSubscriber(store, 'linus@example.org', 'complaint', NOW);
    const files = () => readdirSync(join(dir, id)).map((name) => [name, readFileSync(join(dir, id, name), 'utf8').includes('linus@example.org')]);
    expect(files()).toEqual([['0000000002.json', true]]);
    // Once: the write of the hash leaves version 2, and forget erases it itself.
    local.failDeletes = 1;
    expect(await forgetSubscriber(store, 'linus@example.org', NOW)).toBe('erased');
    expect(files()).toEqual([['0000000003.json', false]]);
    await store.put({ ...(await store.get(id))!.subscriber, address: 'linus@example.org' }, '3');
    await store.put({ ...(await store.get(id))!.subscriber, reason: 'complaint' }, '4');
    // Twice: forget's own delete of version 5 fails too, and it says so.
    local.failDeletes = 2;
    await expect(forgetSubscriber(store, 'linus@example.org', NOW)).rejects.toThrow(
      new StoreError(`not all copies of linus@example.org erased from ${dir}/ (InternalError: we encountered an internal error): run forget again`),
    );
    // The hash written (version 6), and version 5 still holding the address behind it.
    expect(files()).toEqual([['0000000005.json', true], ['0000000006.json', false]]);
    expect(await forgetSubscriber(store, 'linus@example.org', NOW)).toBe('erased');
    expect(files()).toEqual([['0000000006.json', false]]);
    expect(await forgetSubscriber(store, 'linus@example.org', NOW)).toBe('already');
    expect((await store.get(id))?.subscriber).toMatchObject({ status: 'suppressed', reason: 'forgotten; kept suppressed' });
  });

  it('forget says an address is not there, never "erased", when there was none or someone else erased it meanwhile', async () => {
    const { dir } = fresh();
    const plain = new StoreSubscriberStore(new LocalStore(dir));
    expect(await forgetSubscriber(plain, 'nobody@example.org', NOW)).toBe('absent');
    await addSubscriber(plain, 'ada@example.org', { method: 'added', now: NOW });
    let reads = 0;
    // A confirm written after forget's first read (so its delete is refused), then the record erased by someone else.
    const store = new (class extends StoreSubscriberStore {
      override async get(wanted: string) {
        if (++reads === 2) expect(await this.delete(wanted)).toBe(true);
        const read = await super.get(wanted);
        if (reads === 1) expect(await this.put({ ...read!.subscriber, updatedAt: 'confirmed meanwhile' }, read!.version)).toBe(true);
        return read;
      }
    })(new LocalStore(dir));
    expect(await forgetSubscriber(store, 'ada@example.org', NOW)).toBe('absent');
    expect(reads).toBe(2);
  });

  it('forget refuses a record that changes after each of its reads, leaving the newest as written, with the fix', async () => {
    const { dir } = fresh();
    const id = subscriberId('ada@example.org');
    // A signup's confirmation written after each read: forget's delete, at the version it read, never applies.
    const store = new (class extends StoreSubscriberStore {
      override async get(wanted: string) {
        const read = await super.get(wanted);
        if (read) expect(await this.put({ ...read.subscriber, updatedAt: `v${read.version}` }, read.version)).toBe(true);
        return read;
      }
    })(new LocalStore(dir));
    await addSubscriber(store, 'ada@example.org', { method: 'added', now: NOW });
    await expect(forgetSubscriber(store, 'ada@example.org', NOW)).rejects.toThrow(
      new SubscriberConflictError('the record of ada@example.org kept changing while forget ran (signups or confirmations meanwhile), and its newest version was left as written: run forget again'),
    );
    // The add wrote version 1; five reads, each followed by a write: version 6, the one written after the fifth read.
    expect(readdirSync(join(dir, id))).toEqual(['0000000006.json']);
    expect(JSON.parse(readFileSync(join(dir, id, '0000000006.json'), 'utf8'))).toMatchObject({ address: 'ada@example.org', status: 'confirmed', updatedAt: 'v5' });
  });

  it('unsubscribe leaves a suppressed address suppressed, and an import then refuses an address it recorded', async () => {
    const { store } = fresh();
    await suppressSubscriber(store, 'linus@example.org', 'complaint', NOW);
    const suppressed = await store.get(subscriberId('linus@example.org'));
    expect(await unsubscribeSubscriber(store, 'linus@example.org', NOW.plus({ hours: 1 }))).toBe('suppressed');
    expect(await store.get(subscriberId('linus@example.org'))).toEqual(suppressed);
    expect(await unsubscribeSubscriber(store, 'ada@example.org', NOW)).toBe('recorded');
    expect((await importSubscribers(store, 'ada@example.org\n', NOW)).refused).toEqual(['ada@example.org']);
  });

  it('an unconfirmed signup is expired once its last link is: 7 days after it was sent, to the second, the link working through that second', () => {
    const pending = (sentAt: string | undefined, updatedAt = '2014-05-05T09:00:00.000Z'): Subscriber => ({ id: subscriberId('ada@example.org'), address: 'ada@example.org', status: 'pending', tags: [], createdAt: '2014-05-01T00:00:00.000Z', updatedAt, ...(sentAt ? { confirmationSentAt: sentAt } : {}) });
    // NOW is 2014-05-12T09:00:00Z: a link sent at 2014-05-05T09:00:00.999Z expires at 09:00:00 that day, and works then.
    expect(isExpiredSignup(pending('2014-05-05T09:00:00.999Z'), NOW)).toBe(false);
    expect(isExpiredSignup(pending('2014-05-05T08:59:59.999Z'), NOW)).toBe(true);
    expect(isExpiredSignup(pending('2014-05-05T09:00:00.000Z'), NOW.plus({ seconds: 1 }))).toBe(true);
    // The last link counts, not the first signup (createdAt is older still); without one, the last write.
    expect(isExpiredSignup(pending(undefined, '2014-05-05T09:00:00.000Z'), NOW)).toBe(false);
    expect(isExpiredSignup(pending(undefined, '2014-05-05T08:59:59.000Z'), NOW)).toBe(true);
    for (const status of ['confirmed', 'unsubscribed', 'suppressed'] as const) expect(isExpiredSignup({ ...pending('2014-01-01T00:00:00.000Z'), status }, NOW)).toBe(false);
  });

  it('forgets the expired signups only, and names them', async () => {
    const { store } = fresh();
    const write = (address: string, status: Subscriber['status'], sentAt: string) => store.put({ id: subscriberId(address), address, status, tags: [], createdAt: sentAt, updatedAt: sentAt, confirmationSentAt: sentAt }, undefined);
    await write('old@example.org', 'pending', '2014-05-01T00:00:00.000Z');
    await write('new@example.org', 'pending', '2014-05-11T00:00:00.000Z');
    await write('left@example.org', 'unsubscribed', '2014-05-01T00:00:00.000Z');
    await addSubscriber(store, 'ada@example.org', { method: 'added', now: NOW.minus({ days: 30 }) });
    expect(await forgetExpiredSignups(store, NOW)).toEqual({ forgotten: ['old@example.org'], changed: [] });
    expect(await store.get(subscriberId('old@example.org'))).toBeUndefined();
    const kept: string[] = [];
    for await (const subscriber of store.list()) kept.push(subscriber.address!);
    expect(kept.sort()).toEqual(['ada@example.org', 'left@example.org', 'new@example.org']);
  });

  it('keeps a signup written between the re-read of an expired one and its deletion, and names it as changed', async () => {
    const { dir } = fresh();
    const id = subscriberId('old@example.org');
    const expired: Subscriber = { id, address: 'old@example.org', status: 'pending', tags: [], createdAt: '2014-05-01T00:00:00.000Z', updatedAt: '2014-05-01T00:00:00.000Z', confirmationSentAt: '2014-05-01T00:00:00.000Z' };
    const signup: Subscriber = { ...expired, updatedAt: NOW.toISO()!, confirmationSentAt: NOW.toISO()! };
    let reads = 0;
    // The signup handler writes its new link's record right after forget's re-read (the list reads through list, not get).
    const store = new (class extends StoreSubscriberStore {
      override async get(wanted: string) {
        const read = await super.get(wanted);
        if (wanted === id && ++reads === 1) expect(await this.put(signup, read!.version)).toBe(true);
        return read;
      }
    })(new LocalStore(dir));
    await store.put(expired, undefined);
    expect(await forgetExpiredSignups(store, NOW)).toEqual({ forgotten: [], changed: ['old@example.org'] });
    expect((await store.get(id))?.subscriber).toEqual(signup);
  });
});
