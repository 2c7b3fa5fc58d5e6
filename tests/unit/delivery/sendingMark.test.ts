import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { digestArtifacts } from '../../../lib/digest/digestArtifacts.js';
import { deliverByShard } from '../../../lib/delivery/deliverByShard.js';
import { fanOutDigest, parseShardMessage, sendDigestShard } from '../../../lib/delivery/digestFanout.js';
import type { DigestSendOptions } from '../../../lib/delivery/digestDelivery.js';
import { FileTransport } from '../../../lib/delivery/fileTransport.js';
import type { MailTransport } from '../../../lib/delivery/transport.js';
import { noteSending, noteUnsettled, readUnsettledWeeks, sendingKey, unsettledKey } from '../../../lib/delivery/unsettledWeeks.js';
import { feedArtifacts } from '../../../lib/feeds/feedArtifacts.js';
import { publishDigestWeek } from '../../../lib/publish/publishDigestWeek.js';
import { DeliveryError } from '../../../lib/shared/errors.js';
import { MemoryStore } from '../../../lib/store/memoryStore.js';
import { addSubscriber } from '../../../lib/subscribers/subscriberAdmin.js';
import { subscriberId } from '../../../lib/subscribers/subscriber.js';
import { StoreSubscriberStore } from '../../../lib/subscribers/storeSubscriberStore.js';
import { entry, entryText, memoryContent } from '../../support/content.js';
import { siteYaml, TEST_ENVELOPE } from '../../support/digestFixtures.js';

// The week's sending mark names the send of the week begun last: a whole send's note is status's count only while it
// names that send. A whole send marks it once, as it begins (not at each shard, which would name it again after a send
// begun since), and each fanned-out batch as it begins. Seoul; 2014-W20 is 12–18 May.
const NOW = DateTime.fromISO('2014-05-19T08:00:00+09:00');
const READERS = ['ada', 'bob', 'cy', 'di', 'ed', 'flo'].map((name) => `${name}@example.org`);
const REFUSED = 'bob@example.org';

/** The week archived, READERS subscribed, and a transport refusing REFUSED and calling `onSend` before each message. */
async function week(onSend: (sent: number) => Promise<void> = async () => undefined) {
  const output = new MemoryStore();
  const content = memoryContent({ site: siteYaml(), entries: { '2014/a.md': entryText(entry({ title: 'A in W20', date: '2014-05-13' })) } });
  const { model } = await publishDigestWeek({ content, output, now: NOW, builders: [feedArtifacts, digestArtifacts] });
  const subscribers = new StoreSubscriberStore(new MemoryStore());
  for (const address of READERS) await addSubscriber(subscribers, address, { method: 'imported', now: NOW });
  const file = new FileTransport(new MemoryStore());
  let sent = 0;
  const transport: MailTransport = {
    name: file.name,
    listManaged: file.listManaged,
    maxSendMs: file.maxSendMs,
    send: async (message, beforeHandOver) => {
      await onSend(sent++);
      if (message.recipient.address === REFUSED) throw new DeliveryError(`550 <${REFUSED}> mailbox unavailable`, 'refused');
      return file.send(message, beforeHandOver);
    },
  };
  const prepared = { transport, unsubscribe: TEST_ENVELOPE.unsubscribe, from: TEST_ENVELOPE.from };
  const send = (runId: string): DigestSendOptions => ({ transport: () => transport, timeLeft: () => 60_000, runId });
  /** A whole send by shard, as the CLI's, and its note. */
  const whole = async (runId: string) => {
    const delivery = await deliverByShard(model, subscribers, { output, now: NOW, send: send(runId), prepared });
    await noteUnsettled(output, delivery.send!, NOW, { runId: delivery.marked ?? runId });
    return delivery.send!;
  };
  const mark = async () => (JSON.parse((await output.get(sendingKey(model.week.name)))!.toString('utf8')) as { run: string }).run;
  return { output, model, subscribers, prepared, send, whole, mark };
}

describe("the week's sending mark", () => {
  it('is written once by a whole send, as it begins: a send begun while it sends stays named, and status counts from the ledger', async () => {
    let output: MemoryStore | undefined;
    // Another send of the week begins after this one's second message (and, say, is killed before it notes anything).
    const { whole, mark, model, ...rest } = await week(async (sent) => {
      if (sent === 1) await noteSending(output!, '2014-W20', 'run-b');
    });
    output = rest.output;
    expect(await whole('run-a')).toMatchObject({ sent: 5, failed: 1 });
    expect(await mark()).toBe('run-b');
    const lists = output.requests.list;
    expect(await readUnsettledWeeks(output)).toEqual([{ week: model.week.name, unknown: 0, failed: 1 }]);
    // The week's ledger listed besides the ledger's week folders: the note was not taken for its counts.
    expect(output.requests.list - lists).toBe(2);
  });

  it('names a retry of the same run apart from the note its attempt before wrote: Lambda retries an event under its request id', async () => {
    const { output, model, subscribers, prepared, send, whole, mark } = await week();
    await whole('run-a');
    // The retry sends the week again: the one recipient it has left to try is REFUSED, whose message it hands over and
    // is then cut off (Lambda's timeout), with no answer and no note: that message is unknown, and REFUSED failed no more.
    let handed: () => void = () => undefined;
    const cutOff = new Promise<void>((resolve) => (handed = resolve));
    const hangs: MailTransport = { ...prepared.transport, send: async (_message, beforeHandOver) => {
      await beforeHandOver();
      handed();
      return new Promise<string>(() => undefined);
    } };
    void deliverByShard(model, subscribers, { output, now: NOW, send: { ...send('run-a'), transport: () => hangs }, prepared: { ...prepared, transport: hangs } });
    await cutOff;
    expect(await readUnsettledWeeks(output)).toEqual([{ week: model.week.name, unknown: 1 }]);
    expect(await mark()).not.toBe('run-a');
  });

  it("takes a retry's own note for the week's counts once it has sent the week whole: the note names the mark the retry wrote", async () => {
    const { output, model, send, prepared, subscribers, whole } = await week();
    await whole('run-a');
    // Lambda's retry of the same event, under the same run id, sends the week whole again and notes it as the CLI does.
    const retry = await deliverByShard(model, subscribers, { output, now: NOW, send: send('run-a'), prepared });
    await noteUnsettled(output, retry.send!, NOW, { runId: retry.marked ?? 'run-a' });
    const lists = output.requests.list;
    expect(await readUnsettledWeeks(output)).toEqual([{ week: model.week.name, unknown: 0, failed: 1 }]);
    // Only the ledger's week folders listed: the note was taken for the week's counts, the week's ledger not read.
    expect(output.requests.list - lists).toBe(1);
  });

  it("names the whole send that began last, whose note is then the week's counts, until a fanned-out batch of the week begins", async () => {
    const { output, model, subscribers, prepared, send, whole, mark } = await week();
    await whole('run-a');
    expect(await mark()).toBe('run-a');
    const lists = output.requests.list;
    expect(await readUnsettledWeeks(output)).toEqual([{ week: model.week.name, unknown: 0, failed: 1 }]);
    // The ledger's week folders listed, and nothing else.
    expect(output.requests.list - lists).toBe(1);
    // A fanned-out send of the week, one batch of a shard whose readers were all sent: it sends nothing and notes
    // nothing, as one killed outright would not; it marks the week as it begins.
    const bodies: string[] = [];
    await fanOutDigest(model, { output, queue: { send: async (batch) => void bodies.push(...batch) } });
    const shard = (address: string) => subscriberId(address).slice(0, 2);
    const sentShard = shard(READERS.find((address) => shard(address) !== shard(REFUSED))!);
    const message = bodies.map(parseShardMessage).find((m) => m.shard === sentShard)!;
    // The batch names itself apart from every note without reading the week's: no note names a batch.
    const read: string[] = [];
    const get = output.get.bind(output);
    output.get = async (...args) => (read.push(args[0]), get(...args));
    expect((await sendDigestShard(message, { output, subscribers, now: NOW, send: send('batch-1'), prepare: () => prepared })).send).toMatchObject({ sent: 0, failed: 0, unknown: 0 });
    output.get = get;
    expect(read).not.toContain(unsettledKey(model.week.name));
    expect(await mark()).toMatch(/^batch-batch-1-/);
    const before = output.requests.list;
    expect(await readUnsettledWeeks(output)).toEqual([{ week: model.week.name, unknown: 0, failed: 1 }]);
    // The week folders, the fan-out's shard notes (one shard's of 256: too few to sum) and the week's ledger.
    expect(output.requests.list - before).toBe(3);
  });
});
