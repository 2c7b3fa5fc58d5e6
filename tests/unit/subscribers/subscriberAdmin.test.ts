import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { afterAll, describe, expect, it } from 'vitest';
import { LocalStore } from '../../../lib/store/localStore.js';
import { StoreSubscriberStore } from '../../../lib/subscribers/storeSubscriberStore.js';
import { subscriberId } from '../../../lib/subscribers/subscriber.js';
import { addSubscriber, forgetSubscriber, importSubscribers, suppressSubscriber } from '../../../lib/subscribers/subscriberAdmin.js';
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
  });

  it('adds with tags, which the digest reads', async () => {
    const { store } = fresh();
    expect(await addSubscriber(store, 'ada@example.org', { method: 'added', tags: ['trade'], now: NOW })).toBe('added');
    expect(await addSubscriber(store, 'ada@example.org', { method: 'added', now: NOW })).toBe('already');
    expect(await subscriberRecipients(store)).toEqual([{ address: 'ada@example.org', tags: ['trade'], subscriber: true }]);
  });

  it('forget erases the address; a suppressed one keeps only its hash, and stays suppressed on a later import', async () => {
    const { dir, store } = fresh();
    await addSubscriber(store, 'ada@example.org', { method: 'added', now: NOW });
    await suppressSubscriber(store, 'linus@example.org', 'complaint', NOW);
    expect(await forgetSubscriber(store, 'ada@example.org', NOW)).toBe(true);
    expect(await forgetSubscriber(store, 'linus@example.org', NOW)).toBe(true);
    expect(await store.get(subscriberId('ada@example.org'))).toBeUndefined();
    const kept = readdirSync(dir, { recursive: true }).filter((name) => String(name).endsWith('.json'));
    expect(kept).toHaveLength(1);
    const text = readFileSync(join(dir, String(kept[0])), 'utf8');
    expect(text).not.toMatch(/linus|example\.org|complaint/);
    expect(JSON.parse(text)).toMatchObject({ id: subscriberId('linus@example.org'), status: 'suppressed' });
    expect((await importSubscribers(store, 'linus@example.org\n', NOW)).refused).toEqual(['linus@example.org']);
  });
});
