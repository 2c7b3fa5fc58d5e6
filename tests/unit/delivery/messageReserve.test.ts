import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { sendDigest, type SendDigestOptions } from '../../../lib/delivery/sendDigest.js';
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
const ADDRESSES = ['ada@example.org', 'bob@example.org', 'cy@example.org'];

const MAX_SEND_MS = 1_000;
const STORE_REQUEST_MS = 2_000;
const AFTER_MS = 3_000;
/** One message, its claim and handover (each a create-only write, and a read when it meets 412) and its confirmation, and what follows the last. */
const KEPT_MS = MAX_SEND_MS + (2 + 2 + 1) * STORE_REQUEST_MS + AFTER_MS;

function options(store: MemoryStore, delivered: string[], more: Partial<SendDigestOptions>): SendDigestOptions {
  const base = testSendOptions({ model, html, recipients: parseSubscriberList(ADDRESSES.join('\n')), transport: recordingTransport(delivered, MAX_SEND_MS), store, now: NOW, runId: 'run' });
  return { ...base, storeRequestMs: STORE_REQUEST_MS, reserveMs: AFTER_MS, ...more };
}

describe("the time a send keeps in hand before each message", () => {
  it("counts the message's ledger requests at their longest, not only the message", async () => {
    const store = new MemoryStore();
    const delivered: string[] = [];
    const short = await sendDigest(options(store, delivered, { timeLeft: () => KEPT_MS - 1 }));
    expect(short).toMatchObject({ total: 3, sent: 0, notReached: 3, stopped: `${Math.round((KEPT_MS - 1) / 1000)} s left, and one more message may take ${KEPT_MS / 1000} s` });
    expect(delivered).toEqual([]);
    // Nobody claimed: the rerun sends to all.
    expect(await store.list(LEDGER_PREFIX)).toEqual([]);

    const enough = await sendDigest(options(store, delivered, { timeLeft: () => KEPT_MS }));
    expect(enough).toMatchObject({ sent: 3, notReached: 0 });
    expect(delivered).toEqual(ADDRESSES);
  });

  it("checks again before the claim, once the subscriber's record is read: the time gone, nobody is claimed", async () => {
    const store = new MemoryStore();
    const delivered: string[] = [];
    let left = KEPT_MS + 60_000;
    const read: string[] = [];
    // The second subscriber's record is slow to read: the time left falls under what a message keeps in hand.
    const recipientLeft = async (address: string) => {
      read.push(address);
      if (address === ADDRESSES[1]) left = KEPT_MS - 1;
      return undefined;
    };
    const summary = await sendDigest(options(store, delivered, { timeLeft: () => left, recipientLeft }));
    expect(summary).toMatchObject({ total: 3, sent: 1, notReached: 2, stopped: expect.stringMatching(/ s left, and one more message may take /) });
    expect(read).toEqual(ADDRESSES.slice(0, 2));
    expect(delivered).toEqual(ADDRESSES.slice(0, 1));
    // The first recipient's claim, handover and confirmation, and the week's note that it went out; the second's record
    // was read, and nothing written for them.
    const keys = (await store.list(LEDGER_PREFIX)).map((object) => object.key.replace(/^.*\/(\d+\.)?/, ''));
    expect(keys.sort()).toEqual(['claim.json', 'delivered.json', 'handover.json', 'sent.json']);
  });
});
