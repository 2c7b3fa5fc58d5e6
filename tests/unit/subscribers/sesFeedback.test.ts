import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { afterAll, describe, expect, it } from 'vitest';
import { LocalStore } from '../../../lib/store/localStore.js';
import { addSubscriber } from '../../../lib/subscribers/subscriberAdmin.js';
import { applyFeedback, parseSesNotification } from '../../../lib/subscribers/sesFeedback.js';
import { StoreSubscriberStore } from '../../../lib/subscribers/storeSubscriberStore.js';
import { subscriberId } from '../../../lib/subscribers/subscriber.js';

const NOW = DateTime.fromISO('2014-05-19T00:00:00Z');
const dir = mkdtempSync(join(tmpdir(), 'broadsheet-feedback-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const store = new StoreSubscriberStore(new LocalStore(dir));
const status = async (address: string) => (await store.get(subscriberId(address)))?.subscriber.status;

// Shapes as SES documents them: feedback notifications (notificationType) and event publishing (eventType).
const bounce = (type: string, address: string) => JSON.stringify({ notificationType: 'Bounce', bounce: { bounceType: type, bouncedRecipients: [{ emailAddress: address }] }, mail: { destination: [address] } });
const complaint = (address: string) => JSON.stringify({ eventType: 'Complaint', complaint: { complainedRecipients: [{ emailAddress: address }] } });
const delivery = (address: string) => JSON.stringify({ eventType: 'Delivery', delivery: { recipients: [address] } });

describe('SES bounces and complaints', () => {
  it('suppresses at once on a hard bounce or a complaint', async () => {
    for (const address of ['hard@example.org', 'angry@example.org']) await addSubscriber(store, address, { method: 'added', now: NOW });
    expect(await applyFeedback(store, parseSesNotification(bounce('Permanent', 'Hard@Example.org'))!, NOW)).toEqual(['hard@example.org']);
    expect(await applyFeedback(store, parseSesNotification(complaint('angry@example.org'))!, NOW)).toEqual(['angry@example.org']);
    expect([await status('hard@example.org'), await status('angry@example.org')]).toEqual(['suppressed', 'suppressed']);
  });

  it('suppresses after 3 soft bounces in a row; a delivery in between starts the count again', async () => {
    await addSubscriber(store, 'soft@example.org', { method: 'added', now: NOW });
    const soft = parseSesNotification(bounce('Transient', 'soft@example.org'))!;
    await applyFeedback(store, soft, NOW);
    await applyFeedback(store, soft, NOW);
    await applyFeedback(store, parseSesNotification(delivery('soft@example.org'))!, NOW);
    await applyFeedback(store, soft, NOW);
    await applyFeedback(store, soft, NOW);
    expect(await status('soft@example.org')).toBe('confirmed');
    expect(await applyFeedback(store, soft, NOW)).toEqual(['soft@example.org']);
    expect(await status('soft@example.org')).toBe('suppressed');
  });

  it('counts a soft bounce delivered again (the same feedbackId) once, and a delivery clears the ids it counted', async () => {
    await addSubscriber(store, 'again@example.org', { method: 'added', now: NOW });
    const softWithId = (feedbackId: string) => JSON.stringify({ eventType: 'Bounce', bounce: { bounceType: 'Transient', feedbackId, bouncedRecipients: [{ emailAddress: 'again@example.org' }] } });
    const first = parseSesNotification(softWithId('0100018f-aaaa-bounce-1'))!;
    for (let i = 0; i < 4; i++) expect(await applyFeedback(store, first, NOW)).toEqual([]);
    expect(await applyFeedback(store, parseSesNotification(softWithId('0100018f-aaaa-bounce-2'))!, NOW)).toEqual([]);
    const record = async () => (await store.get(subscriberId('again@example.org')))?.subscriber;
    expect([(await record())?.status, (await record())?.softBounces]).toEqual(['confirmed', 2]);
    await applyFeedback(store, parseSesNotification(delivery('again@example.org'))!, NOW);
    expect([(await record())?.softBounces, (await record())?.softBounceIds]).toEqual([0, undefined]);
    // Undated (no mail timestamp), the same bounce delivered after the delivery counts in the new row: nothing says it is older.
    await applyFeedback(store, first, NOW);
    expect((await record())?.softBounces).toBe(1);
  });

  it('keeps only the hash, suppressed, of an address with no record that hard-bounces or complains', async () => {
    // Forgotten, an expired signup, or never signed up: the store holds nothing of these addresses.
    const later = NOW.plus({ hours: 5 });
    expect(await applyFeedback(store, parseSesNotification(bounce('Permanent', 'gone@example.org'))!, later)).toEqual(['gone@example.org']);
    expect(await applyFeedback(store, parseSesNotification(complaint('stranger@example.org'))!, later)).toEqual(['stranger@example.org']);
    const at = '2014-05-19T05:00:00.000Z';
    expect((await store.get(subscriberId('gone@example.org')))?.subscriber).toEqual({ id: subscriberId('gone@example.org'), status: 'suppressed', tags: [], createdAt: at, updatedAt: at, reason: 'hard-bounce' });
    expect((await store.get(subscriberId('stranger@example.org')))?.subscriber).toEqual({ id: subscriberId('stranger@example.org'), status: 'suppressed', tags: [], createdAt: at, updatedAt: at, reason: 'complaint' });
  });

  it('writes nothing for a soft bounce or a delivery of an address with no record', async () => {
    expect(await applyFeedback(store, parseSesNotification(bounce('Transient', 'nobody@example.org'))!, NOW)).toEqual([]);
    expect(await applyFeedback(store, parseSesNotification(delivery('nobody@example.org'))!, NOW)).toEqual([]);
    expect(await store.get(subscriberId('nobody@example.org'))).toBeUndefined();
  });

  // SES's mail.timestamp: when the message the event is about was sent.
  const dated = (kind: 'Transient' | 'Delivery', address: string, sentAt: string, feedbackId?: string) =>
    parseSesNotification(JSON.stringify(kind === 'Delivery' ? { eventType: 'Delivery', mail: { timestamp: sentAt }, delivery: { recipients: [address] } } : { eventType: 'Bounce', mail: { timestamp: sentAt }, bounce: { bounceType: 'Transient', feedbackId, bouncedRecipients: [{ emailAddress: address }] } }))!;
  const softBounces = async (address: string) => (await store.get(subscriberId(address)))?.subscriber.softBounces;

  it('does not count a soft bounce of a message sent before the delivered one that ended the run, delivered again or late', async () => {
    await addSubscriber(store, 'late@example.org', { method: 'added', now: NOW });
    const first = dated('Transient', 'late@example.org', '2014-05-12T08:00:00.000Z', 'fb-1');
    await applyFeedback(store, first, NOW);
    await applyFeedback(store, dated('Delivery', 'late@example.org', '2014-05-19T08:00:00.000Z'), NOW);
    expect(await softBounces('late@example.org')).toBe(0);
    await applyFeedback(store, first, NOW); // SNS delivers fb-1 again
    await applyFeedback(store, dated('Transient', 'late@example.org', '2014-05-15T08:00:00.000Z', 'fb-late'), NOW); // an older message's bounce, arriving late
    expect(await softBounces('late@example.org')).toBe(0);
    await applyFeedback(store, dated('Transient', 'late@example.org', '2014-05-26T08:00:00.000Z', 'fb-2'), NOW);
    expect(await softBounces('late@example.org')).toBe(1);
  });

  it('does not end a run with the delivery of a message sent before the one whose delivery ended the last run', async () => {
    await addSubscriber(store, 'order@example.org', { method: 'added', now: NOW });
    await applyFeedback(store, dated('Transient', 'order@example.org', '2014-05-12T08:00:00.000Z', 'fb-1'), NOW);
    await applyFeedback(store, dated('Delivery', 'order@example.org', '2014-05-19T08:00:00.000Z'), NOW);
    await applyFeedback(store, dated('Transient', 'order@example.org', '2014-05-26T08:00:00.000Z', 'fb-2'), NOW);
    await applyFeedback(store, dated('Delivery', 'order@example.org', '2014-05-18T08:00:00.000Z'), NOW); // an older delivery, arriving late
    expect(await softBounces('order@example.org')).toBe(1);
    await applyFeedback(store, dated('Delivery', 'order@example.org', '2014-05-27T08:00:00.000Z'), NOW);
    expect(await softBounces('order@example.org')).toBe(0);
  });

  it('does not end a run with the delivery of a message sent before one the run counted, however late it comes', async () => {
    await addSubscriber(store, 'redriven@example.org', { method: 'added', now: NOW });
    // Week 20's and week 21's issues soft-bounce; week 19's delivery, its event redriven from the failed-runs queue, comes after them.
    await applyFeedback(store, dated('Transient', 'redriven@example.org', '2014-05-19T08:00:00.000Z', 'fb-20'), NOW);
    await applyFeedback(store, dated('Transient', 'redriven@example.org', '2014-05-26T08:00:00.000Z', 'fb-21'), NOW);
    await applyFeedback(store, dated('Delivery', 'redriven@example.org', '2014-05-12T08:00:00.000Z'), NOW);
    expect(await softBounces('redriven@example.org')).toBe(2);
    // Week 22's bounces too: the third in a row.
    await applyFeedback(store, dated('Transient', 'redriven@example.org', '2014-06-02T08:00:00.000Z', 'fb-22'), NOW);
    expect(await status('redriven@example.org')).toBe('suppressed');
    // A delivery after the counted ones still ends a run.
    await addSubscriber(store, 'recovers@example.org', { method: 'added', now: NOW });
    await applyFeedback(store, dated('Transient', 'recovers@example.org', '2014-05-19T08:00:00.000Z', 'fb-r'), NOW);
    await applyFeedback(store, dated('Delivery', 'recovers@example.org', '2014-05-26T08:00:00.000Z'), NOW);
    expect(await softBounces('recovers@example.org')).toBe(0);
    expect((await store.get(subscriberId('recovers@example.org')))?.subscriber.softBouncedAt).toBeUndefined();
  });

  it('ignores other notifications and garbage', () => {
    expect(parseSesNotification(JSON.stringify({ eventType: 'Open' }))).toBeUndefined();
    expect(parseSesNotification('not json')).toBeUndefined();
  });
});
