import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { afterAll, describe, expect, it } from 'vitest';
import { LocalStore } from '../../../lib/store/localStore.js';
import { MemoryStore } from '../../../lib/store/memoryStore.js';
import { ClientRateLimit } from '../../../lib/subscribers/clientRateLimit.js';
import { SIGNUPS_PER_HOUR } from '../../../lib/subscribers/signupCap.js';
import { SIGNUP_FOLDER, StoreSignupCap } from '../../../lib/subscribers/storeSignupCap.js';
import { StoreSubscriberStore } from '../../../lib/subscribers/storeSubscriberStore.js';
import { newSubscriber } from '../../../lib/subscribers/subscriber.js';
import { createSubscriptionHandler } from '../../../lib/subscribers/subscriptionHandler.js';
import type { Store } from '../../../lib/store/store.js';
import { testSite } from '../../support/digestFixtures.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
// 09:20 UTC: 40 minutes (2,400 s) before the hour ends.
const NOW = DateTime.fromISO('2014-05-12T09:20:00Z');
const SECONDS_TO_HOUR_END = 40 * 60;

/** A Lambda instance: its own client limit (memory), the one store; each signup from a client of its own. */
function instance(store: Store, sent: string[], reached: string[], now = () => NOW) {
  const handler = createSubscriptionHandler({ site: testSite(), store: new StoreSubscriberStore(store), secret: 'a-long-enough-test-secret', now, sendMail: async (to) => void sent.push(to), tags: async () => [], limiter: new ClientRateLimit(), answerFloorMs: 0, onSignupCapReached: (hour) => void reached.push(hour) });
  let client = 0;
  return (address: string) => handler({ method: 'POST', contentType: 'application/x-www-form-urlencoded', url: '/subscribe', body: `email=${encodeURIComponent(address)}`, client: `client-${client++}` });
}

describe('the hourly cap on signups, kept in the subscriber store', () => {
  it('takes SIGNUPS_PER_HOUR signups an hour across instances, then answers 429 until the hour ends, and says so once', async () => {
    const store = new MemoryStore();
    const sent: string[] = [];
    const reached: string[] = [];
    const warm = [instance(store, sent, reached), instance(store, sent, reached)];
    const pages = await Promise.all(Array.from({ length: SIGNUPS_PER_HOUR }, (_, i) => warm[i % 2]!(`reader${i}@example.org`)));
    expect(pages.map((page) => page.status)).toEqual(Array(SIGNUPS_PER_HOUR).fill(200));
    expect(sent).toHaveLength(SIGNUPS_PER_HOUR);

    // A cold instance, and the warm ones: refused alike, the hour's end in Retry-After.
    const refused = await Promise.all([instance(store, sent, reached)('late@example.org'), warm[0]!('later@example.org'), warm[1]!('latest@example.org')]);
    for (const page of refused) {
      expect(page.status).toBe(429);
      expect(page.headers['retry-after']).toBe(String(SECONDS_TO_HOUR_END));
      expect(page.body).not.toContain('example.org');
    }
    expect(sent).toHaveLength(SIGNUPS_PER_HOUR);
    // Once for the hour, whichever instance refused first.
    expect(reached).toEqual(['2014-05-12T09:00:00.000Z']);

    // The next hour takes signups again.
    const next = await instance(store, sent, reached, () => NOW.plus({ hours: 1 }))('next@example.org');
    expect(next.status).toBe(200);
    expect(sent.at(-1)).toBe('next@example.org');
  });

  it('counts every signup whatever its address, so the refusal is the same for a subscribed address and a new one', async () => {
    const store = new MemoryStore();
    const subscribers = new StoreSubscriberStore(store);
    const confirmed = { ...newSubscriber('ada@example.org', NOW.toISO()!), status: 'confirmed' as const };
    expect(await subscribers.put(confirmed, undefined)).toBe(true);
    const sent: string[] = [];
    const handler = createSubscriptionHandler({ site: testSite(), store: subscribers, signupCap: new StoreSignupCap(store, 2), secret: 'a-long-enough-test-secret', now: () => NOW, sendMail: async (to) => void sent.push(to), tags: async () => [], answerFloorMs: 0 });
    const signUp = (address: string, client: string) => handler({ method: 'POST', contentType: 'application/x-www-form-urlencoded', url: '/subscribe', body: `email=${encodeURIComponent(address)}`, client });
    // The subscribed address is sent nothing, and still counts.
    expect((await signUp('ada@example.org', 'a')).status).toBe(200);
    expect((await signUp('new@example.org', 'b')).status).toBe(200);
    expect(sent).toEqual(['new@example.org']);
    const [subscribed, fresh] = [await signUp('ada@example.org', 'c'), await signUp('other@example.org', 'd')];
    expect(subscribed.status).toBe(429);
    expect(fresh).toEqual(subscribed);
    expect(sent).toEqual(['new@example.org']);
  });

  it('lets exactly the cap through of signups racing in a local folder, and tells one refusal it is the first', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'broadsheet-signup-cap-'));
    dirs.push(dir);
    // Each its own store object, as each instance has.
    const answers = await Promise.all(Array.from({ length: 8 }, () => new StoreSignupCap(new LocalStore(dir), 3).take(NOW.toMillis())));
    expect(answers.filter((answer) => answer.taken)).toHaveLength(3);
    const refusals = answers.filter((answer) => !answer.taken);
    expect(refusals.filter((answer) => answer.firstRefused)).toHaveLength(1);
    for (const answer of refusals) expect(answer.retryAfterMs).toBe(SECONDS_TO_HOUR_END * 1000);
    // Three slots and the refusal's mark, no address, in the hour's folder.
    const folder = join(dir, SIGNUP_FOLDER, '2014-05-12T09');
    expect(readdirSync(folder).filter((name) => !name.startsWith('.')).sort()).toEqual(['00000.json', '00001.json', '00002.json', 'refused.json']);
  });
});
