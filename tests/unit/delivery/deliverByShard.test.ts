import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { deliverByShard } from '../../../lib/delivery/deliverByShard.js';
import { deliverDigest } from '../../../lib/delivery/digestDelivery.js';
import type { Recipient } from '../../../lib/subscribers/recipient.js';
import type { DigestSendOptions } from '../../../lib/delivery/digestDelivery.js';
import type { DigestMessage } from '../../../lib/delivery/message.js';
import type { BeforeHandOver, MailTransport } from '../../../lib/delivery/transport.js';
import { MemoryStore } from '../../../lib/store/memoryStore.js';
import { DeliveryError, formatProblem } from '../../../lib/shared/errors.js';
import { goneTagWarnings } from '../../../lib/delivery/goneTagWarnings.js';
import { addSubscriber, forgetSubscriber, suppressSubscriber, unsubscribeSubscriber } from '../../../lib/subscribers/subscriberAdmin.js';
import { StoreSubscriberStore } from '../../../lib/subscribers/storeSubscriberStore.js';
import type { SubscriberStore } from '../../../lib/subscribers/subscriberStore.js';
import { subscriberId } from '../../../lib/subscribers/subscriber.js';
import { SUBSCRIBER_SHARDS } from '../../../lib/subscribers/subscriberShards.js';
import { meta, TEST_ENVELOPE, testSite, weekModel } from '../../support/digestFixtures.js';

const NOW = DateTime.fromISO('2014-05-12T08:00:00+09:00');
const site = testSite();
// testSite's entries carry the tags Trade and Markets: a subscriber who chose "energy" gets nothing this week.
const model = weekModel(site, [meta('2014-05-08')]);

/**
 * The confirmed subscribers of the two sends that cross every shard: spread over the 256 shards, they leave shards
 * with nobody, one and several (the first test asserts it), and a stop after STOP_AFTER messages leaves shards begun
 * and not. Each message costs its rendering: the count is what those shapes need, no more.
 */
const READERS = 40;
const STOP_AFTER = 16;

/** Delivers into a list; after `stopAfter` messages the run's time is up. */
function harness(stopAfter = Infinity) {
  const delivered: DigestMessage[] = [];
  let left = stopAfter;
  const transport: MailTransport = {
    name: 'file',
    listManaged: false,
    maxSendMs: 1000,
    async send(message, beforeHandOver) {
      await beforeHandOver();
      delivered.push(message);
      left--;
      return 'ok';
    },
  };
  const send: DigestSendOptions = {
    transport: () => transport,
    recipients: () => Promise.reject(new Error('a send by shard reads the store, never the recipients option')),
    // sendDigest stops before a message when too little time is left for one.
    timeLeft: () => (left > 0 ? 60_000 : 0),
  };
  const prepared = { transport, unsubscribe: TEST_ENVELOPE.unsubscribe, from: TEST_ENVELOPE.from };
  return { delivered, options: { output: new MemoryStore(), now: NOW, send, prepared } };
}

async function subscribers(confirmed: number, extra: (store: SubscriberStore) => Promise<void> = async () => undefined): Promise<SubscriberStore> {
  const store = new StoreSubscriberStore(new MemoryStore());
  for (let i = 0; i < confirmed; i++) await addSubscriber(store, `reader${i}@example.org`, { method: 'imported', now: NOW });
  await extra(store);
  return store;
}

describe('deliverByShard', () => {
  it('sends every confirmed subscriber one message, shard by shard, and nobody suppressed or choosing another tag', async () => {
    // Enough for shards holding nobody, one and several subscribers (asserted below): the rule depends on those, not on the count.
    const store = await subscribers(READERS, async (s) => {
      await addSubscriber(s, 'gone@example.org', { method: 'imported', now: NOW });
      await suppressSubscriber(s, 'gone@example.org', 'hard bounce', NOW);
      await addSubscriber(s, 'energy@example.org', { method: 'imported', now: NOW, tags: ['energy'] });
      await addSubscriber(s, 'markets@example.org', { method: 'imported', now: NOW, tags: ['markets'] });
    });
    const { delivered, options } = harness();
    const counts: number[] = [];
    const result = await deliverByShard(model, store, { ...options, counted: (n) => counts.push(n) });
    const expected = [...Array.from({ length: READERS }, (_, i) => `reader${i}@example.org`), 'markets@example.org'].sort();
    expect(delivered.map((m) => m.recipient.address).sort()).toEqual(expected);
    expect(result.send).toMatchObject({ sent: READERS + 1, failed: 0, unknown: 0, notReached: 0 });
    // One count per shard (256), adding up to every confirmed subscriber (energy@ included: it is confirmed).
    expect(counts).toHaveLength(256);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(READERS + 2);
    expect([counts.some((n) => n === 0), counts.some((n) => n === 1), counts.some((n) => n > 1)]).toEqual([true, true, true]);
  });

  it('lists only the shards that hold a record, after one LIST of the whole store, and still counts every shard', async () => {
    const listed: string[] = [];
    const raw = new (class extends MemoryStore {
      override list(prefix: string) {
        listed.push(prefix);
        return super.list(prefix);
      }
      override listPages(prefix: string) {
        listed.push(prefix);
        return super.listPages(prefix);
      }
    })(1000);
    const store = new StoreSubscriberStore(raw);
    const addresses = ['ada@example.org', 'bob@example.org', 'cy@example.org'];
    for (const address of addresses) await addSubscriber(store, address, { method: 'imported', now: NOW });
    await addSubscriber(store, 'gone@example.org', { method: 'imported', now: NOW });
    await suppressSubscriber(store, 'gone@example.org', 'hard bounce', NOW);
    listed.length = 0;
    const { delivered, options } = harness();
    const counts: number[] = [];
    await deliverByShard(model, store, { ...options, counted: (n) => counts.push(n) });
    expect(delivered.map((m) => m.recipient.address).sort()).toEqual(addresses);
    // A shard's LIST has its two digits for prefix (a record's own, read again before its message, its id and a slash).
    const shards = [...new Set([...addresses, 'gone@example.org'].map((a) => subscriberId(a).slice(0, 2)))].sort();
    expect(listed.filter((prefix) => prefix.length <= 2)).toEqual(['', ...shards]);
    expect(counts).toHaveLength(256);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(addresses.length);
  });

  it('sends nothing twice when run again', async () => {
    const store = await subscribers(20);
    const { delivered, options } = harness();
    await deliverByShard(model, store, options);
    const again = await deliverByShard(model, store, options);
    expect(delivered).toHaveLength(20);
    expect(again.send).toMatchObject({ sent: 0, skipped: 20 });
  });

  it('stops without reading the shards it did not begin, names how many, and a rerun reaches exactly the rest', async () => {
    const store = await subscribers(READERS);
    const listed: string[] = [];
    const watched: SubscriberStore = { description: store.description, get: (id) => store.get(id), put: (s, v) => store.put(s, v), delete: (id) => store.delete(id), eraseOlder: (id, v) => store.eraseOlder(id, v), list: (shard) => (listed.push(shard ?? ''), store.list(shard)) };
    const first = harness(STOP_AFTER);
    const stopped = await deliverByShard(model, watched, first.options);
    expect(first.delivered).toHaveLength(STOP_AFTER);
    // The shards begun, and nothing after the one it stopped in.
    expect(listed).toEqual(SUBSCRIBER_SHARDS.slice(0, listed.length));
    const inBegun = Array.from({ length: READERS }, (_, i) => `reader${i}@example.org`).filter((address) => listed.includes(subscriberId(address).slice(0, 2))).length;
    expect(stopped.send).toMatchObject({ total: inBegun, sent: STOP_AFTER, notReached: inBegun - STOP_AFTER });
    expect(stopped.send!.stopped).toContain(`; ${256 - listed.length} of the 256 shards of subscribers not begun (not counted above)`);

    const rerun = harness();
    const resumed = await deliverByShard(model, store, { ...rerun.options, output: first.options.output });
    expect(resumed.send).toMatchObject({ sent: READERS - STOP_AFTER, skipped: STOP_AFTER, notReached: 0 });
    const all = [...first.delivered, ...rerun.delivered].map((m) => m.recipient.address);
    expect(new Set(all).size).toBe(READERS);
    expect(all).toHaveLength(READERS);
  });

  it('stops after three transport failures in a row across shards, each shard holding a subscriber or two, and a rerun reaches the rest', async () => {
    const store = await subscribers(30);
    // Takes each message and loses the connection before the answer: each outcome is unknown, never sent again.
    const { delivered, options } = harness();
    const dropping = { ...options.prepared.transport, send: async (message: DigestMessage, beforeHandOver: BeforeHandOver) => (await beforeHandOver(), delivered.push(message), Promise.reject(new DeliveryError('connection closed after DATA', 'unknown'))) };
    const first = await deliverByShard(model, store, { ...options, send: { ...options.send, transport: () => dropping }, prepared: { ...options.prepared, transport: dropping } });
    expect(delivered).toHaveLength(3);
    expect(first.send).toMatchObject({ sent: 0, unknown: 3 });
    expect(first.send!.stopped).toMatch(/^3 messages in a row failed at the transport \(last: connection closed after DATA\); \d+ of the 256 shards of subscribers not begun/);
    // Asked to, it says how many confirmed subscribers those shards hold: the list's 30 less those of the shards begun.
    const counting = harness();
    const counted = await deliverByShard(model, store, { ...counting.options, send: { ...counting.options.send, transport: () => dropping }, prepared: { ...counting.options.prepared, transport: dropping }, countNotBegun: true });
    expect(counted.send!.stopped).toMatch(new RegExp(`; \\d+ of the 256 shards of subscribers not begun, holding ${30 - counted.send!.total} confirmed subscribers \\(not counted above\\)$`));
    // A shard that cannot be read once it stopped leaves the count out, not the report of the stop.
    let failures = 0;
    async function* unreadableShard(): AsyncGenerator<never> {
      throw new Error('shard unreadable');
    }
    const countingFailures = { ...dropping, send: (message: DigestMessage, beforeHandOver: BeforeHandOver) => (failures++, dropping.send(message, beforeHandOver)) };
    const unreadable: SubscriberStore = { description: store.description, get: (id) => store.get(id), put: (s, v) => store.put(s, v), delete: (id) => store.delete(id), eraseOlder: (id, v) => store.eraseOlder(id, v), list: (shard) => (failures >= 3 ? unreadableShard() : store.list(shard)) };
    const uncounted = harness();
    const stoppedAnyway = await deliverByShard(model, unreadable, { ...uncounted.options, send: { ...uncounted.options.send, transport: () => countingFailures }, prepared: { ...uncounted.options.prepared, transport: countingFailures }, countNotBegun: true });
    expect(stoppedAnyway.send!.stopped).toMatch(/^3 messages in a row failed at the transport \(last: connection closed after DATA\); \d+ of the 256 shards of subscribers not begun \(not counted above\)$/);

    const rerun = harness();
    const resumed = await deliverByShard(model, store, { ...rerun.options, output: options.output });
    expect(resumed.send).toMatchObject({ sent: 27, unknown: 3, notReached: 0 });
    expect(new Set([...delivered, ...rerun.delivered].map((m) => m.recipient.address)).size).toBe(30);
  });

  it('counts the failures in a row across the groups of subscribers who chose the same tags, as across shards, and the groups not begun as not reached', async () => {
    const { delivered, options } = harness();
    const dropping = { ...options.prepared.transport, send: async (message: DigestMessage, beforeHandOver: BeforeHandOver) => (await beforeHandOver(), delivered.push(message), Promise.reject(new DeliveryError('connection closed after DATA', 'unknown'))) };
    // Three groups of two: every entry, Trade's, Markets'. Counted per group, each would lose both its subscribers.
    const list: Recipient[] = [
      { address: 'all1@example.org' },
      { address: 'trade1@example.org', tags: ['trade'] },
      { address: 'markets1@example.org', tags: ['markets'] },
      { address: 'all2@example.org' },
      { address: 'trade2@example.org', tags: ['trade'] },
      { address: 'markets2@example.org', tags: ['markets'] },
    ];
    const result = await deliverDigest(model, { ...options, send: { ...options.send, transport: () => dropping, recipients: async () => list }, prepared: { ...options.prepared, transport: dropping } });
    expect(delivered.map((m) => m.recipient.address)).toEqual(['all1@example.org', 'all2@example.org', 'trade1@example.org']);
    expect(result.send).toMatchObject({ total: 6, unknown: 3, notReached: 3, stopped: '3 messages in a row failed at the transport (last: connection closed after DATA)' });
  });

  it("names a subscriber's chosen topics in the footer as the week's entries name them, the HTML's and the text's", async () => {
    const { delivered, options } = harness();
    const won = { name: '환율', slug: 'xn--bs5bt1z' };
    // Chosen: 환율, which this week's entry carries, first; then energy and 북한 경제, which no entry of the week
    // carries, by their slugs in order (slugify writes Hangul as punycode words, read back here).
    const week = weekModel(site, [meta('2014-05-08', { tags: [won] })]);
    await deliverDigest(week, { ...options, send: { ...options.send, recipients: async () => [{ address: 'kim@example.org', tags: ['xn--bs5bt1z', 'xn--pr3b894b-xn--289a223c', 'energy'] }, { address: 'all@example.org' }] } });
    const [kim, all] = ['kim@example.org', 'all@example.org'].map((address) => delivered.find((message) => message.recipient.address === address)!);
    expect(kim!.text.replace(/\s+/g, ' ')).toContain('subscribed to the weekly digest of Test Watch, for the entries tagged 환율, energy, 북한 경제.');
    expect(kim!.html).toMatch(/for the entries tagged <bdi[^>]*>환율<\/bdi>, <bdi[^>]*>energy<\/bdi>, <bdi[^>]*>북한 경제<\/bdi>\.<\/p>/);
    expect(all!.text + all!.html).not.toContain('for the entries tagged');
  });

  it("labels the link to the week's archived page by what it shows: \"View in browser\" where the email holds the whole week, the full digest where a subscriber's topics leave entries out", async () => {
    const { delivered, options } = harness();
    const energy = { name: 'Energy', slug: 'energy' };
    // Two entries: one tagged Energy, one Trade and Markets (testSite's). Energy alone leaves the second out; Energy
    // and Trade together hold both, as every entry does.
    const week = weekModel(site, [meta('2014-05-06', { tags: [energy] }), meta('2014-05-08')]);
    const list: Recipient[] = [{ address: 'all@example.org' }, { address: 'energy@example.org', tags: ['energy'] }, { address: 'both@example.org', tags: ['energy', 'trade'] }];
    await deliverDigest(week, { ...options, send: { ...options.send, recipients: async () => list } });
    const [all, part, both] = list.map(({ address }) => delivered.find((message) => message.recipient.address === address)!);
    const archive = 'https://watch.example.org/digests/2014-W19.html';
    const link = (label: string) => new RegExp(`<a href="${archive.replaceAll('.', '\\.')}"[^>]*>${label}</a>`);
    expect(part!.html).toMatch(link("This week's full digest"));
    expect(part!.text).toContain(`\nThis week's full digest: ${archive}\n`);
    expect(part!.text + part!.html).not.toContain('View in browser');
    for (const whole of [all!, both!]) {
      expect(whole.html).toMatch(link('View in browser'));
      expect(whole.text).toContain(`\nView in browser: ${archive}\n`);
      expect(whole.text + whole.html).not.toContain("This week's full digest");
    }
  });

  it('reports a send to nobody as such, and says why nothing went out when no subscriber chose a tag of the week', async () => {
    const { options } = harness();
    expect((await deliverByShard(model, await subscribers(0), options)).send).toMatchObject({ total: 0, sent: 0 });
    const energy = await subscribers(0, async (s) => void (await addSubscriber(s, 'energy@example.org', { method: 'imported', now: NOW, tags: ['energy'] })));
    expect(await deliverByShard(model, energy, options)).toEqual({ notSent: "this week's entries have none of the tags chosen by the 1 confirmed subscriber" });
    // A whole list (a file or --to) says the same of its one recipient.
    const oneRecipient = await deliverDigest(model, { ...options, send: { ...options.send, recipients: async () => [{ address: 'energy@example.org', tags: ['energy'] }] } });
    expect(oneRecipient).toEqual({ notSent: "this week's entries have none of the tags chosen by the 1 recipient" });
  });

  it('tells subscribers whose chosen tag the site no longer has (renamed) from a quiet week, counted across shards, unless a tagSlugs line gives it', async () => {
    // The site's tags are trade, markets and energy; "oil" was renamed away. energy is quiet this week, oil is gone,
    // and so is constructor, a slug an object's prototype also has.
    const store = await subscribers(3, async (s) => {
      for (const [address, tags] of [['oil1@example.org', ['oil']], ['oil2@example.org', ['oil']], ['energy@example.org', ['energy']], ['both@example.org', ['markets', 'oil']], ['ctor@example.org', ['constructor']]] as const) {
        await addSubscriber(s, address, { method: 'imported', now: NOW, tags: [...tags] });
      }
    });
    const { delivered, options } = harness();
    const lines: string[] = [];
    const siteTags = [{ name: 'Trade', slug: 'trade' }, { name: 'Markets', slug: 'markets' }, { name: 'Energy', slug: 'energy' }];
    const result = await deliverByShard(model, store, { ...options, send: { ...options.send, log: (line) => lines.push(line) }, siteTags });
    // both@ chose markets too: it is sent this week's entries, and still counted for the tag it lost.
    expect(delivered.map((m) => m.recipient.address).sort()).toEqual(['both@example.org', 'reader0@example.org', 'reader1@example.org', 'reader2@example.org']);
    expect(result.goneTags).toEqual({ oil: 3, constructor: 1 });
    expect(goneTagWarnings(result.goneTags!).map(formatProblem)).toEqual([
      'site.yml: tagSlugs: 1 subscriber chose the tag constructor, which no published entry has any more: no entry of any week reaches them through it, as if every week were a quiet one (if the tag was renamed, add tagSlugs: {"New name": constructor} with its new name to keep their topic; otherwise tell them to choose their topics again)',
      'site.yml: tagSlugs: 3 subscribers chose the tag oil, which no published entry has any more: no entry of any week reaches them through it, as if every week were a quiet one (if the tag was renamed, add tagSlugs: {"New name": oil} with its new name to keep their topic; otherwise tell them to choose their topics again)',
    ]);
    expect(lines.filter((line) => line.startsWith('nothing')).sort()).toEqual([
      'nothing for the 1 subscriber who chose constructor, a tag no published entry has any more: not sent (see the warning)',
      'nothing for the 1 subscriber who chose oil, a tag no published entry has any more: not sent (see the warning)',
      'nothing for the 1 subscriber who chose oil, a tag no published entry has any more: not sent (see the warning)',
      'nothing this week for the 1 subscriber who chose energy: not sent',
    ]);
    // A tagSlugs line giving a tag the slug keeps it (the rename's fix); without the site's tags nothing is told.
    const kept = { ...model, site: testSite({ tagSlugs: { 'Crude oil': 'oil', Constructor: 'constructor' } }) };
    expect((await deliverByShard(kept, store, { ...harness().options, siteTags })).goneTags).toBeUndefined();
    expect((await deliverByShard(model, store, harness().options)).goneTags).toBeUndefined();
  });

  it('does not send an empty week without digest.sendEmpty, and reads no subscriber', async () => {
    const { delivered, options } = harness();
    const result = await deliverByShard(weekModel(site, []), await subscribers(5), options);
    expect(result.notSent).toContain('has no entries and digest.sendEmpty is false');
    expect(delivered).toHaveLength(0);
  });
  it('reads each recipient again just before their message: one suppressed, unsubscribed or forgotten since the shard was read is skipped, unclaimed; a store that cannot be read then stops the run', async () => {
    // Four in one shard: while the first one's message goes out, the other three leave, each in its own way.
    const base = 'first@example.org';
    const shard = subscriberId(base).slice(0, 2);
    const four = [base];
    for (let i = 0; four.length < 4; i++) if (subscriberId(`other${i}@example.org`).slice(0, 2) === shard) four.push(`other${i}@example.org`);
    const store = await subscribers(0, async (s) => {
      for (const address of four) await addSubscriber(s, address, { method: 'imported', now: NOW });
    });
    const { delivered, options } = harness();
    const transport = await options.send.transport(site.digest);
    let rest: string[] | undefined;
    const leaving: MailTransport = {
      ...transport,
      async send(message, beforeHandOver) {
        if (!rest) {
          rest = four.filter((address) => address !== message.recipient.address);
          await suppressSubscriber(store, rest[0]!, 'complaint', NOW);
          await unsubscribeSubscriber(store, rest[1]!, NOW);
          await forgetSubscriber(store, rest[2]!, NOW);
        }
        return transport.send(message, beforeHandOver);
      },
    };
    const result = await deliverByShard(model, store, { ...options, send: { ...options.send, transport: () => leaving }, prepared: { ...options.prepared, transport: leaving } });
    expect(delivered).toHaveLength(1);
    const skipped = Object.fromEntries(result.send!.results.filter((r) => r.outcome === 'skipped').map((r) => [r.address, r.detail]));
    expect(skipped).toEqual({
      [rest![0]!]: 'suppressed since the list was read (complaint): not sent',
      [rest![1]!]: 'unsubscribed since the list was read: not sent',
      [rest![2]!]: 'forgotten since the list was read: not sent',
    });
    // Nobody skipped so was claimed: the ledger holds the one message alone.
    expect((await options.output.list('')).filter((o) => o.key.endsWith('.claim.json'))).toHaveLength(1);

    // The record cannot be read just before the message: nobody is claimed, and the run stops (a rerun resumes).
    const broken = await subscribers(1);
    const failing: SubscriberStore = { description: broken.description, get: () => Promise.reject(new Error('S3 down')), put: (r, v) => broken.put(r, v), delete: (id) => broken.delete(id), eraseOlder: (id, v) => broken.eraseOlder(id, v), list: (sh) => broken.list(sh) };
    const again = harness();
    const stopped = await deliverByShard(model, failing, again.options);
    expect(again.delivered).toHaveLength(0);
    expect(stopped.send!.stopped).toMatch(/^the subscriber store cannot be read: S3 down/);
  });
});
