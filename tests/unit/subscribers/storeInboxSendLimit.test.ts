import { createHash, createHmac } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { afterAll, describe, expect, it } from 'vitest';
import { StoreError } from '../../../lib/shared/errors.js';
import { LocalStore } from '../../../lib/store/localStore.js';
import { MemoryStore } from '../../../lib/store/memoryStore.js';
import { PENDING_TAGS } from '../../../lib/subscribers/pendingTags.js';
import { ClientRateLimit } from '../../../lib/subscribers/clientRateLimit.js';
import { deliveryMailbox } from '../../../lib/subscribers/deliveryMailbox.js';
import { INBOX_CONFIRMATIONS_PER_DAY } from '../../../lib/subscribers/mailboxSendLimit.js';
import { INBOX_FOLDER, StoreInboxSendLimit } from '../../../lib/subscribers/storeInboxSendLimit.js';
import { StoreSubscriberStore } from '../../../lib/subscribers/storeSubscriberStore.js';
import { subscriberId, type Subscriber } from '../../../lib/subscribers/subscriber.js';
import { createSubscriptionHandler } from '../../../lib/subscribers/subscriptionHandler.js';
import { testSite } from '../../support/digestFixtures.js';
import { signupPageOf } from '../../support/signupPage.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
const freshDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'broadsheet-inbox-store-'));
  dirs.push(dir);
  return dir;
};
const DAY_MS = 24 * 60 * 60 * 1000;
const START = DateTime.fromISO('2014-05-12T09:00:00Z');
const SECRET = 'a-long-enough-test-secret';
/** An inbox's record's name, as README ("Subscribers", Abuse) says it is made: an HMAC of the inbox's hash under the secret. */
const recordName = (inbox: string, secret = SECRET) => createHmac('sha256', secret).update(`broadsheet-signup-inbox\n${inbox}`).digest('hex').slice(0, 16);

/** Every file under `dir`, relative to it. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1))
    .sort();
}

describe('the day’s limit per inbox kept in the subscriber store', () => {
  it('holds across instances, warm or cold: each with its own memory, together they send one inbox its day’s links only', async () => {
    const dir = freshDir();
    const sent: string[] = [];
    // A Lambda instance: its own client limit (memory), the one store; a cold start is a new one.
    const instance = () => {
      const handler = createSubscriptionHandler({ site: testSite(), store: new StoreSubscriberStore(new LocalStore(dir)), secret: SECRET, now: () => START, sendMail: async (to) => void sent.push(to), tags: async () => [], limiter: new ClientRateLimit(), answerFloorMs: 0 });
      let client = 0;
      return (address: string) => handler({ method: 'POST', contentType: 'application/x-www-form-urlencoded', url: '/subscribe', body: `email=${encodeURIComponent(address)}`, client: `client-${client++}` });
    };
    const warm = [instance(), instance(), instance()];
    const variants = ['ada@gmail.com', 'ada+1@gmail.com', 'a.da@gmail.com', 'ada+2@gmail.com', 'ada+3@gmail.com', 'a.d.a@googlemail.com'];
    const pages = await Promise.all(variants.map((address, i) => warm[i % warm.length]!(address)));
    expect(await instance()('ada+cold@gmail.com').then((page) => signupPageOf(page.body, 'ada+cold@gmail.com'))).toBe(signupPageOf(pages[0]!.body, variants[0]!));
    expect(sent).toHaveLength(INBOX_CONFIRMATIONS_PER_DAY);
    // The same page for every signup, sent or not.
    expect(new Set(pages.map((page, i) => `${page.status} ${signupPageOf(page.body, variants[i]!)}`)).size).toBe(1);

    // No listing of subscribers reads it: the records listed are the signups sent a link, the shards theirs.
    const store = new StoreSubscriberStore(new LocalStore(dir));
    const listed: Subscriber[] = [];
    for await (const subscriber of store.list()) listed.push(subscriber);
    expect(listed.map((subscriber) => subscriber.address).sort()).toEqual([...sent].sort());
    expect(await store.shards()).toEqual([...new Set(sent.map((address) => subscriberId(address).slice(0, 2)))].sort());
    // One object for the inbox, named by its keyed hash, holding the send times and no address.
    const inboxFiles = filesUnder(dir).filter((file) => file.startsWith(INBOX_FOLDER));
    expect(inboxFiles).toEqual([`${INBOX_FOLDER}${recordName(deliveryMailbox('ada@gmail.com'))}/0000000003.json`]);
    expect(JSON.parse(readFileSync(join(dir, inboxFiles[0]!), 'utf8'))).toEqual({ sent: Array<string>(INBOX_CONFIRMATIONS_PER_DAY).fill(START.toUTC().toISO()!) });
  });

  it('lets no more than the day’s links through of signups at once (a conditional write each), and lets one more a day after the first', async () => {
    const limit = new StoreInboxSendLimit(new LocalStore(freshDir()), SECRET);
    const inbox = deliveryMailbox('grace@example.org');
    const t = START.toMillis();
    const allowed = await Promise.all(Array.from({ length: 8 }, (_, i) => limit.allow(inbox, t + i)));
    expect(allowed.filter(Boolean)).toHaveLength(INBOX_CONFIRMATIONS_PER_DAY);
    // Another inbox has its own.
    expect(await limit.allow(deliveryMailbox('grace@example.net'), t)).toBe(true);
    expect(await limit.allow(inbox, t + DAY_MS - 1)).toBe(false);
    // The earliest link counted leaves the day: one more, and no second.
    const earliest = t + allowed.indexOf(true);
    expect(await limit.allow(inbox, earliest + DAY_MS)).toBe(true);
    expect(await limit.allow(inbox, earliest + DAY_MS)).toBe(false);
  });

  it('takes back a link not sent, so another may be; a time it never counted changes nothing', async () => {
    const dir = freshDir();
    const limit = new StoreInboxSendLimit(new LocalStore(dir), SECRET);
    const inbox = deliveryMailbox('linus@example.org');
    const t = START.toMillis();
    for (let i = 0; i < INBOX_CONFIRMATIONS_PER_DAY; i++) expect(await limit.allow(inbox, t + i)).toBe(true);
    await limit.forget(inbox, t + 99);
    expect(await limit.allow(inbox, t + 100)).toBe(false);
    await limit.forget(inbox, t + 1);
    expect(await limit.allow(inbox, t + 101)).toBe(true);
    expect(await limit.allow(inbox, t + 102)).toBe(false);
    // A write drops the times older than a day, and its superseded versions.
    expect(await limit.allow(inbox, t + 2 * DAY_MS)).toBe(true);
    const files = filesUnder(dir);
    expect(files).toHaveLength(1);
    expect(JSON.parse(readFileSync(join(dir, files[0]!), 'utf8'))).toEqual({ sent: [new Date(t + 2 * DAY_MS).toISOString()] });
  });

  it('tags each version as a pending signup’s, which S3’s lifecycle rule expires days after it was written', async () => {
    const memory = new MemoryStore();
    const tagged: unknown[] = [];
    const putIfAbsent = memory.putIfAbsent.bind(memory);
    memory.putIfAbsent = (key, body, options) => {
      tagged.push(options.tags);
      return putIfAbsent(key, body, options);
    };
    const limit = new StoreInboxSendLimit(memory, SECRET);
    const inbox = deliveryMailbox('tagged@example.org');
    await limit.allow(inbox, START.toMillis());
    await limit.forget(inbox, START.toMillis());
    expect(tagged).toEqual([PENDING_TAGS, PENDING_TAGS]);
  });

  it('refuses a damaged record with a StoreError naming its key and the fix, and a name that is no inbox’s hash', async () => {
    const dir = freshDir();
    const inbox = deliveryMailbox('mary@example.org');
    mkdirSync(join(dir, INBOX_FOLDER, recordName(inbox)), { recursive: true });
    writeFileSync(join(dir, INBOX_FOLDER, recordName(inbox), '0000000001.json'), '{"sent":["yesterday-ish"]}\n');
    const limit = new StoreInboxSendLimit(new LocalStore(dir), SECRET);
    await expect(limit.allow(inbox, START.toMillis())).rejects.toThrow(StoreError);
    await expect(limit.allow(inbox, START.toMillis())).rejects.toThrow(`${INBOX_FOLDER}${recordName(inbox)}/0000000001.json is not an inbox's record (its sent times are wrong): delete it`);
    // Erasing also tries the name records had before (the inbox's hash itself): one that is no hash names no folder.
    await expect(limit.erase('../ada@example.org')).rejects.toThrow('is not an inbox');
  });

  it('names the record by an HMAC under the signing secret, never the inbox’s plain hash, which anyone could compute from an address', async () => {
    const dir = freshDir();
    const inbox = deliveryMailbox('ada@example.org');
    const t = START.toMillis();
    const rotated = `${'n'.repeat(20)} ${'o'.repeat(20)}`;
    await new StoreInboxSendLimit(new LocalStore(dir), SECRET).allow(inbox, t);
    await new StoreInboxSendLimit(new LocalStore(dir), rotated).allow(inbox, t);
    const names = readdirSync(join(dir, INBOX_FOLDER)).sort();
    expect(names).toEqual([recordName(inbox), recordName(inbox, 'n'.repeat(20))].sort());
    // Neither the inbox's hash (what records were named before), nor the address's plain hash.
    const plain = createHash('sha256').update('ada@example.org').digest('hex');
    for (const name of names) expect([inbox, plain.slice(0, 16)]).not.toContain(name);
  });

  it('after the upgrade, starts the inbox’s day afresh once (the record of before, under the plain hash, is not read), and erases both names', async () => {
    const dir = freshDir();
    const inbox = deliveryMailbox('ada@example.org');
    const t = START.toMillis();
    // The day's links, counted under the name of before.
    mkdirSync(join(dir, INBOX_FOLDER, inbox), { recursive: true });
    writeFileSync(join(dir, INBOX_FOLDER, inbox, '0000000003.json'), `${JSON.stringify({ sent: Array<string>(INBOX_CONFIRMATIONS_PER_DAY).fill(new Date(t - 1000).toISOString()) })}\n`);
    const limit = new StoreInboxSendLimit(new LocalStore(dir), `${'n'.repeat(20)} ${SECRET}`);
    for (let i = 0; i < INBOX_CONFIRMATIONS_PER_DAY; i++) expect(await limit.allow(inbox, t + i)).toBe(true);
    expect(await limit.allow(inbox, t + 10)).toBe(false);
    // One more under the old secret of the rotation (an instance that had not yet read the new one).
    expect(await new StoreInboxSendLimit(new LocalStore(dir), SECRET).allow(inbox, t)).toBe(true);
    // forget reaches all three: the new secret's, the old secret's, and the plain hash's.
    expect(await limit.erase(inbox)).toBe(3);
    expect(filesUnder(dir)).toEqual([]);
  });
});
