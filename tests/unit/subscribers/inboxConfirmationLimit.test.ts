import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { afterAll, describe, expect, it } from 'vitest';
import { DeliveryError } from '../../../lib/shared/errors.js';
import { LocalStore } from '../../../lib/store/localStore.js';
import { ClientRateLimit } from '../../../lib/subscribers/clientRateLimit.js';
import { deliveryMailbox } from '../../../lib/subscribers/deliveryMailbox.js';
import { INBOX_CONFIRMATIONS_PER_DAY } from '../../../lib/subscribers/mailboxSendLimit.js';
import { StoreSubscriberStore } from '../../../lib/subscribers/storeSubscriberStore.js';
import { createSubscriptionHandler } from '../../../lib/subscribers/subscriptionHandler.js';
import { testSite } from '../../support/digestFixtures.js';
import { signupPageOf } from '../../support/signupPage.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/**
 * As the subscribe function runs it: a handler made afresh for each request, sharing one client limit (a warm
 * instance's), each request from a client of its own (many networks), so that only the limits per address and per inbox
 * stand between a stranger and a flood of links to someone's inbox.
 */
function lambdaLike(failures: Error[] = [], lostRaces = 0) {
  const dir = mkdtempSync(join(tmpdir(), 'broadsheet-inbox-limit-'));
  dirs.push(dir);
  const real = new StoreSubscriberStore(new LocalStore(dir));
  // The first `lostRaces` writes find the record written meanwhile by another signup (which sends that email).
  const store = Object.assign(Object.create(real) as StoreSubscriberStore, { put: async (...args: Parameters<StoreSubscriberStore['put']>) => (lostRaces-- > 0 ? false : real.put(...args)) });
  const limiter = new ClientRateLimit();
  const sent: string[] = [];
  let now = DateTime.fromISO('2014-05-12T09:00:00Z');
  let client = 0;
  const signUp = async (address: string) => {
    const handler = createSubscriptionHandler({ site: testSite(), store, secret: 'a-long-enough-test-secret', now: () => now, sendMail: async (to) => {
        const failure = failures.shift();
        if (failure) throw failure;
        sent.push(to);
      }, tags: async () => [], limiter, answerFloorMs: 0 });
    return handler({ method: 'POST', contentType: 'application/x-www-form-urlencoded', url: '/subscribe', body: `email=${encodeURIComponent(address)}`, client: `client-${client++}` }).catch((error: Error) => ({ status: 503, headers: {}, body: error.message }));
  };
  return { signUp, sent, advanceHours: (hours: number) => (now = now.plus({ hours })) };
}

describe('the day’s limit of confirmations per inbox', () => {
  it('sends one inbox no more than its day’s links, however many subaddresses and dotted spellings name it, with the same page for each', async () => {
    const { signUp, sent } = lambdaLike();
    const variants = ['ada@gmail.com', 'ada+1@gmail.com', 'a.da@gmail.com', 'ADA+2@gmail.com', 'a.d.a+3@googlemail.com', 'ada+4@gmail.com', 'ada+5@gmail.com'];
    const pages = [];
    for (const address of variants) pages.push(signupPageOf((await signUp(address)).body, address));
    expect(sent).toEqual(variants.slice(0, INBOX_CONFIRMATIONS_PER_DAY).map((address) => address.toLowerCase()));
    // Nothing tells a stranger that the inbox had its links: the page is the one every signup gets.
    expect(new Set(pages).size).toBe(1);
  });

  it('keeps another inbox, at the same domain or another, to its own limit, and sends again once the day is over', async () => {
    const { signUp, sent, advanceHours } = lambdaLike();
    for (let i = 0; i < 5; i++) await signUp(`grace+${i}@example.org`);
    await signUp('grace.hopper@example.org');
    await signUp('grace@example.net');
    expect(sent).toEqual(['grace+0@example.org', 'grace+1@example.org', 'grace+2@example.org', 'grace.hopper@example.org', 'grace@example.net']);
    advanceHours(24);
    await signUp('grace+9@example.org');
    expect(sent.at(-1)).toBe('grace+9@example.org');
  });

  it('counts no link SES refused or never took, so that the signup tried again, as the 503 page asks, is sent one; one that may have gone counts', async () => {
    const refused = () => new DeliveryError('SES MessageRejected', 'refused');
    const { signUp, sent } = lambdaLike([refused(), new DeliveryError('SES ServiceUnavailable', 'notAttempted'), refused(), refused(), new DeliveryError('SES: no answer after the request was sent', 'unknown')]);
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await signUp(`lin+${i}@example.org`)).status);
    expect(statuses).toEqual([503, 503, 503, 503, 503]);
    // Four refusals took nothing of the day's links; the answer that may have been delivered took one.
    for (let i = 5; i < 10; i++) await signUp(`lin+${i}@example.org`);
    expect(sent).toEqual(['lin+5@example.org', 'lin+6@example.org']);
  });

  it('counts no link of a signup that lost its record to another one meanwhile (that one sends, and counts, its email)', async () => {
    const { signUp, sent } = lambdaLike([], 4);
    for (let i = 0; i < 4; i++) await signUp(`race+${i}@example.org`);
    expect(sent).toEqual([]);
    for (let i = 4; i < 8; i++) await signUp(`race+${i}@example.org`);
    expect(sent).toEqual(['race+4@example.org', 'race+5@example.org', 'race+6@example.org']);
  });

  it('names one inbox by the address without its subaddress and dots, in any case, and two inboxes by two names', () => {
    expect(new Set(['ada@gmail.com', 'A.Da+x@GMAIL.com', 'ada+@googlemail.com', 'a.d.a@gmail.com'].map(deliveryMailbox)).size).toBe(1);
    expect(deliveryMailbox('ada@gmail.com')).not.toBe(deliveryMailbox('ada@example.org'));
    expect(deliveryMailbox('ada@example.org')).not.toBe(deliveryMailbox('adb@example.org'));
    // No address is held in memory, only its inbox's hash.
    expect(deliveryMailbox('ada@example.org')).toMatch(/^[0-9a-f]{16}$/);
  });
});
