import { createHash } from 'node:crypto';
import { DateTime } from 'luxon';
import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { deliverDigest, prepareSend, testCopyVersion, type DigestSendOptions } from '../../../lib/delivery/digestDelivery.js';
import { FileTransport } from '../../../lib/delivery/fileTransport.js';
import type { DigestModel } from '../../../lib/digest/digestModel.js';
import { MemoryStore } from '../../../lib/store/memoryStore.js';
import type { Store } from '../../../lib/store/store.js';
import { parseRecipient, recipientId } from '../../../lib/subscribers/recipient.js';
import { FaultyStore } from '../../support/faultyStore.js';
import { meta, testSite, weekModel } from '../../support/digestFixtures.js';

const site = testSite();
const NOW = DateTime.fromISO('2014-05-12T08:00:00+09:00');
const EDITOR = 'editor@example.org';
const entry = meta('2014-05-06T09:00', { title: 'Kaesong output recovers' });
const first = weekModel(site, [entry]);
const corrected = weekModel(site, [{ ...entry, title: 'Kaesong output recovers (corrected)' }]);

/** The Message-ID each message of `outbox` carries, in the order written. */
async function messageIds(outbox: MemoryStore): Promise<string[]> {
  const ids = [];
  for (const object of await outbox.list('')) ids.push((await simpleParser((await outbox.get(object.key))!)).messageId!);
  return ids;
}

/** Sends `model` to the editor through the file transport into `outbox`, the ledger in `output`; a test copy with `testCopies`. */
async function deliver(model: DigestModel, output: Store, outbox: Store, testCopies: boolean) {
  const send: DigestSendOptions = { transport: () => new FileTransport(outbox), recipients: async () => [parseRecipient(EDITOR)], ...(testCopies ? { testCopies: true } : {}) };
  return deliverDigest(model, { output, now: NOW, send, prepared: await prepareSend(site, send) });
}

// Worked out from the inputs as RFC 5322 §3.6.4 asks of the id: the week, the list, the recipient, and a test copy's version.
// The list is its list id (testSite's url https://watch.example.org/ gives digest.HOST), hashed without the title.
const list = createHash('sha256').update('digest.watch.example.org').digest('hex').slice(0, 8);
const recipient = recipientId(EDITOR).slice(0, 20);
const weekId = `<digest.2014-W19.${list}.${recipient}@watch.example.org>`;
const testId = (model: DigestModel) => `<digest.2014-W19.test-${testCopyVersion(model)}.${list}.${recipient}@watch.example.org>`;

describe("a test copy's Message-ID (digest --to)", () => {
  it('differs from the corrected version’s and from the week’s send to the same address', async () => {
    const output = new MemoryStore();
    const outboxes = [new MemoryStore(), new MemoryStore(), new MemoryStore()];
    expect((await deliver(first, output, outboxes[0]!, true)).send?.sent).toBe(1);
    expect((await deliver(corrected, output, outboxes[1]!, true)).send?.sent).toBe(1);
    expect((await deliver(corrected, output, outboxes[2]!, false)).send?.sent).toBe(1);
    const ids = [...(await messageIds(outboxes[0]!)), ...(await messageIds(outboxes[1]!)), ...(await messageIds(outboxes[2]!))];
    expect(ids).toEqual([testId(first), testId(corrected), weekId]);
    expect(new Set(ids).size).toBe(3);
  });

  it('is kept by a retried send of the same version, which the ledger lets through once', async () => {
    const output = new MemoryStore();
    // The first try finds the outbox unwritable: nothing went out, so the claim is given back.
    const down = await deliver(first, output, new FaultyStore(new MemoryStore(), 0), true);
    expect(down.send).toMatchObject({ sent: 0, notReached: 1 });
    const outbox = new MemoryStore();
    expect((await deliver(first, output, outbox, true)).send?.sent).toBe(1);
    expect((await deliver(first, output, outbox, true)).send).toMatchObject({ sent: 0, skipped: 1 });
    expect(await messageIds(outbox)).toEqual([testId(first)]);
  });
});
