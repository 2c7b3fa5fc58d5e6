import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { deliverByShard } from '../../../lib/delivery/deliverByShard.js';
import type { DigestMessage } from '../../../lib/delivery/message.js';
import { LEDGER_PREFIX } from '../../../lib/digest/ledgerRecords.js';
import type { MailTransport } from '../../../lib/delivery/transport.js';
import { weekDueAt } from '../../../lib/delivery/weekDueAt.js';
import { MemoryStore } from '../../../lib/store/memoryStore.js';
import { recipientId } from '../../../lib/subscribers/recipient.js';
import { subscriberId } from '../../../lib/subscribers/subscriber.js';
import { addSubscriber } from '../../../lib/subscribers/subscriberAdmin.js';
import { StoreSubscriberStore } from '../../../lib/subscribers/storeSubscriberStore.js';
import { parseIsoWeek } from '../../../lib/time/isoWeek.js';
import { meta, TEST_ENVELOPE, testSite, weekModel } from '../../support/digestFixtures.js';

// testSite: Asia/Seoul (UTC+9, no DST since 1988), digest on Monday at 08:00 (the defaults).
const site = testSite();
const w19 = weekModel(site, [meta('2014-05-08')]);

function harness() {
  const delivered: DigestMessage[] = [];
  const transport: MailTransport = {
    name: 'file',
    listManaged: false,
    async send(message, beforeHandOver) {
      await beforeHandOver();
      delivered.push(message);
      return 'ok';
    },
  };
  const output = new MemoryStore();
  const options = (now: string) => ({ output, now: DateTime.fromISO(now), send: { transport: () => transport }, prepared: { transport, unsubscribe: TEST_ENVELOPE.unsubscribe, from: TEST_ENVELOPE.from } });
  return { delivered, output, options };
}

describe("a week's issue goes to those subscribed when it was due", () => {
  it('is due on digest.day at digest.time in the week after, on the site\'s clocks', () => {
    const week = parseIsoWeek('2014-W19', 'Asia/Seoul')!;
    // 5–11 May 2014: due Monday 12 May 08:00 in Seoul, 23:00 UTC the day before.
    expect(weekDueAt(week, 'Asia/Seoul', { day: 1, hour: 8, minute: 0 })).toBe(Date.UTC(2014, 4, 11, 23, 0));
    // Sent on Sundays at 18:30: Sunday 18 May, 09:30 UTC.
    expect(weekDueAt(week, 'Asia/Seoul', { day: 7, hour: 18, minute: 30 })).toBe(Date.UTC(2014, 4, 18, 9, 30));
    // New York's 2014-W10 (3–9 March) ends as the clocks go forward on Sunday 9 March: Monday 08:00 is EDT (UTC-4).
    expect(weekDueAt(parseIsoWeek('2014-W10', 'America/New_York')!, 'America/New_York', { day: 1, hour: 8, minute: 0 })).toBe(Date.UTC(2014, 2, 10, 12, 0));
  });

  it('a rerun of a past week skips who consented after it was due, as such, with no ledger entry; the week of their consent reaches them', async () => {
    const subscribers = new StoreSubscriberStore(new MemoryStore());
    const add = (address: string, at: string) => addSubscriber(subscribers, address, { method: 'added', now: DateTime.fromISO(at) });
    await add('early@example.net', '2014-05-01T00:00:00Z');
    // Consent at the very moment W19 was due (Monday 12 May 08:00 in Seoul) still gets it; a second later does not.
    await add('ontime@example.net', '2014-05-11T23:00:00Z');
    await add('second@example.net', '2014-05-11T23:00:01Z');
    await add('late@example.net', '2014-06-20T00:00:00Z');
    // Imported after it was due: the reader consented to the list it came from, at a time not known; every week, as
    // before. So is a record from before consent was kept.
    await addSubscriber(subscribers, 'imported@example.net', { method: 'imported', now: DateTime.fromISO('2014-06-20T00:00:00Z') });
    const old = { id: subscriberId('old@example.net'), address: 'old@example.net', status: 'confirmed' as const, tags: [], createdAt: '2014-06-01T00:00:00Z', updatedAt: '2014-06-01T00:00:00Z' };
    expect(await subscribers.put(old, undefined)).toBe(true);

    const { delivered, output, options } = harness();
    const rerun = await deliverByShard(w19, subscribers, options('2014-06-23T09:00:00+09:00'));
    expect(delivered.map((m) => m.recipient.address).sort()).toEqual(['early@example.net', 'imported@example.net', 'old@example.net', 'ontime@example.net']);
    expect(rerun.send).toMatchObject({ total: 6, sent: 4, skipped: 2, subscribedLater: 2, failed: 0, unknown: 0, notReached: 0 });
    const late = rerun.send!.results.find((r) => r.address === 'late@example.net');
    // Both moments in the site's zone (Seoul, UTC+9): 00:00 UTC on 20 June is 09:00 there.
    expect(late).toEqual({ address: 'late@example.net', outcome: 'skipped', detail: "subscribed 2014-06-20T09:00:00+09:00, after this week's issue was due (2014-05-12T08:00:00+09:00); it is not theirs" });
    // A second after it was due reads as one.
    expect(rerun.send!.results.find((r) => r.address === 'second@example.net')?.detail).toBe("subscribed 2014-05-12T08:00:01+09:00, after this week's issue was due (2014-05-12T08:00:00+09:00); it is not theirs");
    const ledgerKeys = (await output.list(`${LEDGER_PREFIX}2014-W19/`)).map((item) => item.key).join('\n');
    for (const address of ['late@example.net', 'second@example.net']) expect(ledgerKeys).not.toContain(recipientId(address));
    expect(ledgerKeys).toContain(recipientId('early@example.net'));

    // 2014-W25 (16–22 June) was due on Monday 23 June: late@ subscribed on the 20th, in the week, and gets it.
    const w25 = weekModel(site, [meta('2014-06-18')], '2014-W25');
    delivered.length = 0;
    const next = await deliverByShard(w25, subscribers, options('2014-06-23T09:00:00+09:00'));
    expect(delivered.map((m) => m.recipient.address).sort()).toEqual(['early@example.net', 'imported@example.net', 'late@example.net', 'old@example.net', 'ontime@example.net', 'second@example.net']);
    expect(next.send?.subscribedLater).toBeUndefined();
  });
});
