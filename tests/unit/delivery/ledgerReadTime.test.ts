import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { sendDigest, type SendDigestOptions } from '../../../lib/delivery/sendDigest.js';
import { SendLedger } from '../../../lib/delivery/sendLedger.js';
import { LEDGER_PREFIX } from '../../../lib/digest/ledgerRecords.js';
import { renderDigestHtml } from '../../../lib/digest/renderDigestHtml.js';
import { MemoryStore } from '../../../lib/store/memoryStore.js';
import { parseSubscriberList } from '../../../lib/subscribers/recipient.js';
import { recordingTransport } from '../../support/recordingTransport.js';
import { meta, testSendOptions, testSite, weekModel } from '../../support/digestFixtures.js';

const site = testSite();
const model = weekModel(site, [meta('2014-05-08')]);
const html = renderDigestHtml(model, { variant: 'email' });
const NOW = DateTime.fromISO('2014-05-12T08:00:00+09:00');
const ADDRESSES = ['ada@example.org', 'bob@example.org'];

const MAX_SEND_MS = 1_000;
const STORE_REQUEST_MS = 2_000;
const AFTER_MS = 3_000;
/** One message, its claim and handover (each a write and a read) and its confirmation, and what follows the last. */
const MESSAGE_MS = MAX_SEND_MS + (2 + 2 + 1) * STORE_REQUEST_MS + AFTER_MS;
/** One recipient's ledger records: their listing, and a read of an unconcluded attempt. */
const READ_MS = 2 * STORE_REQUEST_MS;

/** A batch's send (a ledger read per recipient), its time given by `timeLeft`. */
function options(store: MemoryStore, delivered: string[], timeLeft: () => number): SendDigestOptions {
  const base = testSendOptions({ model, html, recipients: parseSubscriberList(ADDRESSES.join('\n')), transport: recordingTransport(delivered, MAX_SEND_MS), store, now: NOW, runId: 'run' });
  return { ...base, ledger: new SendLedger(store, model.week.name, true), storeRequestMs: STORE_REQUEST_MS, reserveMs: AFTER_MS, timeLeft };
}

/** What a recipient's read must leave: the time for what follows the send (its reserveMs). */
const READ_KEPT_MS = READ_MS + AFTER_MS;

describe('the send ledger read before a send', () => {
  it('is not begun when a recipient\'s read could overrun what follows the send: nothing read, nothing claimed', async () => {
    const store = new MemoryStore();
    const delivered: string[] = [];
    // Little time left, as a later tag group or shard may find.
    const summary = await sendDigest(options(store, delivered, () => READ_KEPT_MS - 1));
    expect(summary).toMatchObject({ total: 2, sent: 0, notReached: 2, stopped: `${Math.round((READ_KEPT_MS - 1) / 1000)} s left, and reading the send ledger may take ${READ_KEPT_MS / 1000} s with what follows the send` });
    expect(store.requests.list).toBe(0);
    expect(delivered).toEqual([]);
    expect(await store.list(LEDGER_PREFIX)).toEqual([]);
  });

  it('checks before each recipient is read, and stops there with nobody claimed', async () => {
    const store = new MemoryStore();
    const delivered: string[] = [];
    // Time enough for messages, until the first recipient's read leaves it short of the second's.
    const summary = await sendDigest(options(store, delivered, () => (store.requests.list === 0 ? MESSAGE_MS + READ_MS : READ_KEPT_MS - 1)));
    expect(summary).toMatchObject({ total: 2, sent: 0, notReached: 2, stopped: expect.stringMatching(/ s left, and reading the send ledger may take /) });
    expect(store.requests.list).toBe(1);
    expect(delivered).toEqual([]);
    expect(await store.list(LEDGER_PREFIX)).toEqual([]);
  });

  it('is read, and the messages then checked as ever, with that time', async () => {
    const store = new MemoryStore();
    const delivered: string[] = [];
    const read = await sendDigest(options(store, delivered, () => READ_KEPT_MS));
    // Read, and short of a message: stopped by the message's check.
    expect(store.requests.list).toBe(ADDRESSES.length);
    expect(read).toMatchObject({ sent: 0, notReached: 2, stopped: `${READ_KEPT_MS / 1000} s left, and one more message may take ${MESSAGE_MS / 1000} s` });
    const sent = await sendDigest(options(new MemoryStore(), delivered, () => MESSAGE_MS));
    expect(sent).toMatchObject({ sent: 2, notReached: 0 });
    expect(delivered).toEqual(ADDRESSES);
  });
});
