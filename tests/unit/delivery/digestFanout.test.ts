import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { digestArtifacts } from '../../../lib/digest/digestArtifacts.js';
import { fanOutDigest, parseShardMessage, sendDigestShard, type DigestShardMessage } from '../../../lib/delivery/digestFanout.js';
import { deliverDigest, type DigestSendOptions } from '../../../lib/delivery/digestDelivery.js';
import { FileTransport } from '../../../lib/delivery/fileTransport.js';
import type { MailTransport } from '../../../lib/delivery/transport.js';
import { readUnsettledWeeks, unsettledKey } from '../../../lib/delivery/unsettledWeeks.js';
import { AFTER_LAST_MESSAGE_REQUESTS } from '../../../functions/digestSenderS3.js';
import type { PutBody, PutOptions, ReadOptions } from '../../../lib/store/store.js';
import { readGoneTags } from '../../../lib/delivery/goneTagNotes.js';
import { DeliveryError } from '../../../lib/shared/errors.js';
import { batchStreakKey } from '../../../lib/delivery/batchStreak.js';
import { weekDeliveredKey } from '../../../lib/delivery/weekDelivered.js';
import { feedArtifacts } from '../../../lib/feeds/feedArtifacts.js';
import { publishDigestWeek } from '../../../lib/publish/publishDigestWeek.js';
import { MemoryStore } from '../../../lib/store/memoryStore.js';
import { addSubscriber } from '../../../lib/subscribers/subscriberAdmin.js';
import { subscriberId } from '../../../lib/subscribers/subscriber.js';
import { StoreSubscriberStore } from '../../../lib/subscribers/storeSubscriberStore.js';
import { entry, entryText, memoryContent } from '../../support/content.js';
import { siteYaml, TEST_ENVELOPE } from '../../support/digestFixtures.js';
import type { Tag } from '../../../lib/content/entry.js';

// Seoul; 2014-W20 is 12–18 May. Every entry carries the tag trade (tests/support/content.ts).
const NOW = DateTime.fromISO('2014-05-19T08:00:00+09:00');
const content = () => memoryContent({ site: siteYaml(), entries: { '2014/a.md': entryText(entry({ title: 'A in W20', date: '2014-05-13' })) } });

/**
 * The week archived in memory, `readers` subscribed with the tags given, and a file transport: `queued(siteTags)` queues
 * the send as the digest function does (each call a queuing of its own), and `deliver` runs one of its batches.
 */
async function fannedOut(readers: Record<string, string[]>, via: (file: FileTransport) => MailTransport = (file) => file) {
  const output = new MemoryStore();
  const { model } = await publishDigestWeek({ content: content(), output, now: NOW, builders: [feedArtifacts, digestArtifacts] });
  const subscribers = new StoreSubscriberStore(new MemoryStore());
  for (const [address, tags] of Object.entries(readers)) await addSubscriber(subscribers, address, { method: 'imported', now: NOW, tags });
  const transport = via(new FileTransport(new MemoryStore()));
  const send: DigestSendOptions = { transport: () => transport, timeLeft: () => 60_000 };
  const prepare = () => ({ transport, unsubscribe: TEST_ENVELOPE.unsubscribe, from: TEST_ENVELOPE.from });
  const queued = async (siteTags?: readonly Tag[]) => {
    const bodies: string[] = [];
    await fanOutDigest(model, { output, queue: { send: async (b) => void bodies.push(...b) }, ...(siteTags ? { siteTags } : {}) });
    const messages = bodies.map(parseShardMessage);
    return { messages, batch: (address: string) => messages.find((m) => m.shard === subscriberId(address).slice(0, 2))! };
  };
  const deliver = (message: DigestShardMessage, redelivered = false) => sendDigestShard(message, { output, subscribers, now: NOW, send, prepare, ...(redelivered ? { redelivered } : {}) });
  return { output, model, subscribers, queued, deliver, send, prepare };
}

/** The file transport behind a relay: `refusal` gives its answer to a recipient, a DeliveryError thrown, or none (sent). */
function relayAnswering(refusal: (address: string) => DeliveryError | undefined | Promise<DeliveryError | undefined>): (file: FileTransport) => MailTransport {
  return (file) => ({
    name: file.name,
    listManaged: file.listManaged,
    maxSendMs: file.maxSendMs,
    send: async (message, beforeHandOver) => {
      const refused = await refusal(message.recipient.address);
      if (refused) throw refused;
      return file.send(message, beforeHandOver);
    },
  });
}

/** A bare 550 (RFC 5321 §4.2.3), which a relay refusing everyone and a server refusing one unknown mailbox both give. */
const bare550 = (address: string) => new DeliveryError(`550 <${address}> Requested action not taken: mailbox unavailable`, 'refused');

describe('fanOutDigest and sendDigestShard', () => {
  it('carry the site\'s tags, read once when the send is queued, to each batch: a batch counts its subscribers whose chosen tag the site no longer has', async () => {
    // oil was renamed away: no entry has it, and no tagSlugs line gives it.
    const { output, model, queued, deliver } = await fannedOut({ 'oil@example.org': ['oil'], 'trade@example.org': ['trade'] });
    const { batch } = await queued([{ name: 'Trade', slug: 'trade' }]);
    const gone = await deliver(batch('oil@example.org'));
    expect(gone.goneTags).toEqual({ oil: 1 });
    // Kept beside the week's ledger for status: the digest function's run record is written before any batch.
    expect(await readGoneTags(output)).toEqual({ week: model.week.name, goneTags: { oil: 1 } });
    const kept = await deliver(batch('trade@example.org'));
    expect(kept.goneTags).toBeUndefined();
    expect([gone, kept].map((d) => d.send?.results.map((r) => [r.address, r.outcome]))).toEqual([undefined, [['trade@example.org', 'sent']]]);
    // A send queued without them (the list could not be read) tells nothing.
    expect((await deliver((await queued()).batch('oil@example.org'))).goneTags).toBeUndefined();
  });

  it('note a week whose batch left a recipient unknown beside its ledger, for status, and a later batch that went through does not clear it', async () => {
    const output = new MemoryStore();
    const { model } = await publishDigestWeek({ content: content(), output, now: NOW, builders: [feedArtifacts, digestArtifacts] });
    const subscribers = new StoreSubscriberStore(new MemoryStore());
    await addSubscriber(subscribers, 'lost@example.org', { method: 'imported', now: NOW });
    await addSubscriber(subscribers, 'trade@example.org', { method: 'imported', now: NOW });
    const file = new FileTransport(new MemoryStore());
    // The answer to lost@'s message never came: maybe delivered.
    const transport: MailTransport = {
      name: file.name,
      listManaged: file.listManaged,
      maxSendMs: file.maxSendMs,
      send: async (message, beforeHandOver) => {
        if (message.recipient.address !== 'lost@example.org') return file.send(message, beforeHandOver);
        await beforeHandOver();
        throw new DeliveryError('connection dropped after the end of the data', 'unknown');
      },
    };
    const send: DigestSendOptions = { transport: () => transport, timeLeft: () => 60_000 };
    const prepare = () => ({ transport, unsubscribe: TEST_ENVELOPE.unsubscribe, from: TEST_ENVELOPE.from });
    const bodies: string[] = [];
    await fanOutDigest(model, { output, queue: { send: async (b) => void bodies.push(...b) } });
    const batch = (address: string) => bodies.map(parseShardMessage).find((m) => m.shard === subscriberId(address).slice(0, 2))!;
    expect((await sendDigestShard(batch('lost@example.org'), { output, subscribers, now: NOW, send, prepare })).send).toMatchObject({ unknown: 1 });
    expect(await readUnsettledWeeks(output)).toEqual([{ week: model.week.name, unknown: 1 }]);
    expect((await sendDigestShard(batch('trade@example.org'), { output, subscribers, now: NOW, send, prepare })).send).toMatchObject({ sent: 1, unknown: 0 });
    expect(await readUnsettledWeeks(output)).toEqual([{ week: model.week.name, unknown: 1 }]);
  });
  it("write the week's unsettled note first after a batch's last message, within the requests a sender keeps time for: status reads it first", async () => {
    const output = new (class extends MemoryStore {
      readonly requests_: string[] = [];
      override async get(key: string, options?: ReadOptions) {
        this.requests_.push(`GET ${key}`);
        return super.get(key, options);
      }
      override async put(key: string, body: PutBody, options: PutOptions) {
        this.requests_.push(`PUT ${key}`);
        return super.put(key, body, options);
      }
    })();
    const { model } = await publishDigestWeek({ content: content(), output, now: NOW, builders: [feedArtifacts, digestArtifacts] });
    const subscribers = new StoreSubscriberStore(new MemoryStore());
    await addSubscriber(subscribers, 'lost@example.org', { method: 'imported', now: NOW });
    let afterLast = 0;
    // The answer to lost@'s message never came: maybe delivered.
    const transport: MailTransport = {
      name: 'file',
      listManaged: false,
      maxSendMs: 1000,
      send: async (_message, beforeHandOver) => {
        await beforeHandOver();
        afterLast = output.requests_.length;
        throw new DeliveryError('connection dropped after the end of the data', 'unknown');
      },
    };
    const bodies: string[] = [];
    await fanOutDigest(model, { output, queue: { send: async (b) => void bodies.push(...b) } });
    const batch = bodies.map(parseShardMessage).find((m) => m.shard === subscriberId('lost@example.org').slice(0, 2))!;
    const send: DigestSendOptions = { transport: () => transport, timeLeft: () => 60_000 };
    const delivery = await sendDigestShard(batch, { output, subscribers, now: NOW, send, prepare: () => ({ transport, unsubscribe: TEST_ENVELOPE.unsubscribe, from: TEST_ENVELOPE.from }) });
    expect(delivery.send).toMatchObject({ unknown: 1 });
    // What follows the message, but for its own ledger records (counted with the message).
    const id = subscriberId('lost@example.org');
    const after = output.requests_.slice(afterLast).filter((request) => !request.includes(`/${id}`));
    expect(after.indexOf(`PUT ${unsettledKey(model.week.name)}`)).toBeGreaterThanOrEqual(0);
    expect(after.indexOf(`PUT ${unsettledKey(model.week.name)}`)).toBeLessThan(AFTER_LAST_MESSAGE_REQUESTS);
  });

  it('a batch delivered again writes its shard\'s gone-tag count over, with none once it finds none; a send\'s empty shards write nothing', async () => {
    const { output, model, subscribers, queued, deliver } = await fannedOut({ 'oil@example.org': ['oil'], 'coal@example.org': ['coal'] });
    const { messages, batch } = await queued([{ name: 'Trade', slug: 'trade' }]);
    const notes = async () => (await output.list(`_broadsheet/digest-ledger/${model.week.name}/gone-tags/`)).map((note) => note.key.split('/').at(-1));
    expect(subscriberId('oil@example.org').slice(0, 2)).not.toBe(subscriberId('coal@example.org').slice(0, 2));
    await deliver(batch('oil@example.org'));
    await deliver(batch('coal@example.org'));
    expect(await readGoneTags(output)).toEqual({ week: model.week.name, goneTags: { oil: 1, coal: 1 } });

    // oil@ chose trade since (the subscription page): delivered again, the batch finds no gone tag in its shard.
    const oil = (await subscribers.get(subscriberId('oil@example.org')))!;
    expect(await subscribers.put({ ...oil.subscriber, tags: ['trade'] }, oil.version)).toBe(true);
    const again = await deliver(batch('oil@example.org'), true);
    expect(again.goneTags).toBeUndefined();
    expect(await readGoneTags(output)).toEqual({ week: model.week.name, goneTags: { coal: 1 } });

    // coal@ left since: delivered again, the batch's shard is empty, and SQS's receive count says it was delivered before.
    const coal = (await subscribers.get(subscriberId('coal@example.org')))!;
    expect(await subscribers.delete(coal.subscriber.id, coal.version)).toBe(true);
    await deliver(batch('coal@example.org'), true);
    expect(await readGoneTags(output)).toBeUndefined();

    // The other shards, empty on their first delivery, write nothing.
    const shards = [batch('oil@example.org').shard, batch('coal@example.org').shard];
    await deliver(messages.find((m) => !shards.includes(m.shard))!);
    // Beside the shards' notes, the marker naming the send's queuing.
    expect(await notes()).toEqual([...shards.map((shard) => `${shard}.json`), 'queuing.json'].sort());
  });

  it('a send queued again (a retried digest run) counts only its own batches\' gone tags: a shard emptied since, or a batch of the first queuing ending late, counts none', async () => {
    const { output, model, subscribers, queued, deliver } = await fannedOut({ 'oil@example.org': ['oil'], 'coal@example.org': ['coal'] });
    const first = (await queued([{ name: 'Trade', slug: 'trade' }])).batch;
    await deliver(first('coal@example.org'));
    expect(await readGoneTags(output)).toEqual({ week: model.week.name, goneTags: { coal: 1 } });

    // coal@ leaves, and the digest run is retried: it queues the send again, and coal@'s shard, empty, is a first
    // delivery of a new message (SQS's receive count 1).
    const coal = (await subscribers.get(subscriberId('coal@example.org')))!;
    expect(await subscribers.delete(coal.subscriber.id, coal.version)).toBe(true);
    const second = (await queued([{ name: 'Trade', slug: 'trade' }])).batch;
    expect(second('coal@example.org').queuing).not.toBe(first('coal@example.org').queuing);
    await deliver(second('coal@example.org'));
    expect(await readGoneTags(output)).toBeUndefined();

    // The first queuing's batch of oil@'s shard runs after the second was queued: its count is of a queuing superseded.
    await deliver(first('oil@example.org'));
    expect(await readGoneTags(output)).toBeUndefined();
    await deliver(second('oil@example.org'));
    expect(await readGoneTags(output)).toEqual({ week: model.week.name, goneTags: { oil: 1 } });

    // A send queued by an earlier version left no marker: every note counts, as before.
    await output.delete(`_broadsheet/digest-ledger/${model.week.name}/gone-tags/queuing.json`);
    expect(await readGoneTags(output)).toEqual({ week: model.week.name, goneTags: { oil: 1, coal: 1 } });
  });

  it('a batch whose every message the relay refused alike, naming no one, before the week\'s first message went out, fails for SQS to deliver it again; once one went out, such a refusal is the recipient\'s', async () => {
    let relayDown = true;
    const inbox: string[] = [];
    const refusing = relayAnswering((address) => (relayDown ? bare550(address) : void inbox.push(address)));
    const { queued, deliver } = await fannedOut({ 'ada@a.example': ['trade'], 'bob@b.example': ['trade'] }, refusing);
    const { batch } = await queued();
    expect(batch('ada@a.example').shard).not.toBe(batch('bob@b.example').shard);
    const first = (await deliver(batch('ada@a.example'))).send!;
    // Recorded failed (refused, not delivered), and the batch reported stopped: the handler fails it.
    expect(first).toMatchObject({ total: 1, failed: 1, sent: 0, notReached: 0 });
    expect(first.stopped).toBe(
      "the relay refused the one message of this batch alike (550 <<recipient>> Requested action not taken: mailbox unavailable), and no batch of the week has sent one yet: too few to tell the relay refusing everyone from these recipients' own refusals; recorded failed, and SQS delivers the batch again, which sends to them once the relay takes mail",
    );
    relayDown = false;
    const again = (await deliver(batch('ada@a.example'), true)).send!;
    expect(again).toMatchObject({ sent: 1, failed: 0 });
    expect(again.stopped).toBeUndefined();
    // The week has gone out through the relay: bob's refusal is his mailbox's, recorded failed, and the batch ends.
    relayDown = true;
    const bob = (await deliver(batch('bob@b.example'))).send!;
    expect(bob).toMatchObject({ failed: 1, sent: 0 });
    expect(bob.stopped).toBeUndefined();
    expect(inbox).toEqual(['ada@a.example']);
  });

  it('note a week whose batch\'s recipient the relay refused beside its ledger, for status (a batch writes no run record), until the week\'s next send sends to them', async () => {
    let bobRefused = true;
    const { output, model, queued, deliver } = await fannedOut({ 'ada@a.example': ['trade'], 'bob@b.example': ['trade'] }, relayAnswering((address) => (address === 'bob@b.example' && bobRefused ? bare550(address) : undefined)));
    const { batch } = await queued();
    expect((await deliver(batch('ada@a.example'))).send).toMatchObject({ sent: 1, failed: 0 });
    expect(await readUnsettledWeeks(output)).toEqual([]);
    // The week has gone out: bob's refusal is his own, recorded failed, and his batch ends well.
    const bob = (await deliver(batch('bob@b.example'))).send!;
    expect(bob).toMatchObject({ failed: 1, sent: 0 });
    expect(bob.stopped).toBeUndefined();
    expect(await readUnsettledWeeks(output)).toEqual([{ week: model.week.name, unknown: 0, failed: 1 }]);
    // The week sent again: its batch retries bob, who is sent now, and the ledger says so.
    bobRefused = false;
    expect((await deliver((await queued()).batch('bob@b.example'))).send).toMatchObject({ sent: 1, failed: 0 });
    expect(await readUnsettledWeeks(output)).toEqual([]);
  });

  it('counts every batch\'s refused recipients from the ledger: a batch\'s note counts its shard alone, never the list\'s', async () => {
    const refused = new Set(['bob@b.example', 'carl@c.example']);
    const { output, model, queued, deliver } = await fannedOut({ 'ada@a.example': ['trade'], 'bob@b.example': ['trade'], 'carl@c.example': ['trade'] }, relayAnswering((address) => (refused.has(address) ? bare550(address) : undefined)));
    const { batch } = await queued();
    await deliver(batch('ada@a.example'));
    expect((await deliver(batch('bob@b.example'))).send).toMatchObject({ failed: 1 });
    expect((await deliver(batch('carl@c.example'))).send).toMatchObject({ failed: 1 });
    expect(await readUnsettledWeeks(output)).toEqual([{ week: model.week.name, unknown: 0, failed: 2 }]);
  });

  it('two batches racing keep the week\'s note that it went out: one that read the streak before another sent, and wrote its failure after, does not undo it', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let reached!: () => void;
    const carlSending = new Promise<void>((resolve) => (reached = resolve));
    const inbox: string[] = [];
    const relay = relayAnswering(async (to) => {
      if (to === 'carl@c.example') {
        reached();
        await held;
        // A temporary refusal (RFC 5321 §4.2.1): a failure in a row, which carl's batch writes to streak.json.
        return new DeliveryError('451 4.3.0 try again later', 'refused', { transient: true });
      }
      // bob's own mailbox's refusal, or the relay's: the batch cannot tell.
      if (to === 'bob@b.example') return bare550(to);
      inbox.push(to);
      return undefined;
    });
    const { queued, deliver, output } = await fannedOut({ 'ada@a.example': ['trade'], 'bob@b.example': ['trade'], 'carl@c.example': ['trade'] }, relay);
    const { batch } = await queued();
    expect(new Set(['ada@a.example', 'bob@b.example', 'carl@c.example'].map((address) => batch(address).shard)).size).toBe(3);
    // carl's batch reads the streak, before any message of the week went out, and waits at its relay.
    const carl = deliver(batch('carl@c.example'));
    await carlSending;
    expect((await deliver(batch('ada@a.example'))).send).toMatchObject({ sent: 1 });
    release();
    expect((await carl).send).toMatchObject({ failed: 1, sent: 0 });
    // carl's batch wrote the streak whole as it read it, plus its failure, after ada's had gone out.
    expect(JSON.parse(output.objects.get(batchStreakKey('2014-W20'))!.body.toString())).toEqual({ inARow: 1, last: '451 4.3.0 try again later' });
    const bob = (await deliver(batch('bob@b.example'))).send!;
    expect(bob).toMatchObject({ failed: 1, sent: 0 });
    expect(bob.stopped).toBeUndefined();
    expect(inbox).toEqual(['ada@a.example']);
  });

  it('a week sent by a whole-list run (the CLI\'s digest --send) is noted as gone out once a message goes out, so a later batch\'s refusal alike is its recipient\'s', async () => {
    let relayDown = false;
    const relay = relayAnswering((address) => (relayDown || address === 'bob@b.example' ? bare550(address) : undefined));
    const { queued, deliver, output, model, send, prepare } = await fannedOut({ 'bob@b.example': ['trade'] }, relay);
    const run = (testCopies = false) => deliverDigest(model, { output, now: NOW, send: { ...send, testCopies, recipients: async () => [{ address: 'ada@a.example' }, { address: 'eve@e.example' }] }, prepared: prepare() });
    const key = weekDeliveredKey(model.week.name);
    // Test copies (digest --to) are no send of the week: no note.
    expect((await run(true)).send).toMatchObject({ sent: 2 });
    expect([...output.objects.keys()].filter((k) => k.endsWith('/delivered.json'))).toEqual([]);
    // Every message refused: nothing went out, no note.
    relayDown = true;
    expect((await run()).send).toMatchObject({ failed: 2, sent: 0 });
    expect(output.objects.has(key)).toBe(false);
    relayDown = false;
    expect((await run()).send).toMatchObject({ sent: 2 });
    expect(output.objects.has(key)).toBe(true);
    const { batch } = await queued();
    const bob = (await deliver(batch('bob@b.example'))).send!;
    expect(bob).toMatchObject({ failed: 1, sent: 0 });
    expect(bob.stopped).toBeUndefined();
  });
});
