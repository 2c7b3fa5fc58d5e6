import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HtmlValidate } from 'html-validate';
import { simpleParser } from 'mailparser';
import { DateTime } from 'luxon';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, DeliveryError } from '../../../lib/shared/errors.js';
import { LocalStore } from '../../../lib/store/localStore.js';
import { ClientRateLimit } from '../../../lib/subscribers/clientRateLimit.js';
import { StoreSubscriberStore } from '../../../lib/subscribers/storeSubscriberStore.js';
import { subscriberId, type Subscriber } from '../../../lib/subscribers/subscriber.js';
import { forgetSubscriber, unsubscribeSubscriber } from '../../../lib/subscribers/subscriberAdmin.js';
import { createSubscriptionHandler, SUBSCRIPTION_PATHS, type SubscriptionRequest } from '../../../lib/subscribers/subscriptionHandler.js';
import { CONFIRM_TOKEN_SECONDS, signToken } from '../../../lib/subscribers/subscriberToken.js';
import type { Site } from '../../../lib/content/site.js';
import { DIGEST, testSite } from '../../support/digestFixtures.js';
import { signedToken, tokenReadings } from '../../support/signedToken.js';
import { listIdOf, unsubscribeUrl } from '../../../lib/delivery/message.js';
import { siteListIdentifier } from '../../../lib/shared/siteListIdentifier.js';
import { signupPageOf } from '../../support/signupPage.js';

const SECRET = 'a-long-enough-test-secret';
const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/**
 * `baseUrl`: the handler's (the preview passes its own), or null for none (a deployment's: the site's url).
 * `timing`: the signup's answer floor (none unless given), and how long each email takes to send on the clock.
 * `failures`: what the next sends throw, one each, instead of sending.
 */
function setup(limiter?: ClientRateLimit, secret = SECRET, tags = [{ name: 'Trade', slug: 'trade' }, { name: 'Markets', slug: 'markets' }], timing: { answerFloorMs?: number; sendMs?: number } = {}, failures: Error[] = [], checkSending?: () => void, site: Site | ConfigError = testSite(), baseUrl: string | null = 'http://127.0.0.1:9/') {
  const dir = mkdtempSync(join(tmpdir(), 'broadsheet-handler-'));
  dirs.push(dir);
  const store = new StoreSubscriberStore(new LocalStore(dir));
  const sent: { to: string; raw: string }[] = [];
  /** Each wait the handler asked for (ms); waiting moves the clock on by as much. */
  const waits: number[] = [];
  let now = DateTime.fromISO('2014-05-12T09:00:00Z');
  const handler = createSubscriptionHandler({
    site,
    store,
    secret,
    ...(baseUrl ? { baseUrl } : {}),
    origins: ['https://watch.example.org'],
    now: () => now,
    sendMail: async (to, raw) => {
      const failure = failures.shift();
      if (failure) throw failure;
      sent.push({ to, raw: raw.toString('utf8') });
      now = now.plus({ milliseconds: timing.sendMs ?? 0 });
    },
    tags: async () => tags,
    ...(checkSending ? { checkSending } : {}),
    ...(limiter ? { limiter } : {}),
    answerFloorMs: timing.answerFloorMs ?? 0,
    sleep: async (ms) => {
      waits.push(ms);
      now = now.plus({ milliseconds: ms });
    },
  });
  const call = (method: string, url: string, body = '', client = 'c1') => handler({ method, url, body, client, ...(method === 'POST' ? { contentType: 'application/x-www-form-urlencoded' } : {}) } satisfies SubscriptionRequest);
  const callFrom = (from: Pick<SubscriptionRequest, 'origin' | 'fetchSite' | 'contentType'>, method: string, url: string, body = '') => handler({ method, url, body, client: 'c1', ...(method === 'POST' ? { contentType: 'application/x-www-form-urlencoded' } : {}), ...from });
  return { store, sent, waits, call, callFrom, handler, clock: () => now, advance: (minutes: number) => (now = now.plus({ minutes })) };
}

const confirmToken = (raw: string) => /confirm\?token=([A-Za-z0-9_.=-]+)/.exec(raw.replace(/=\r?\n/g, '').replace(/=3D/g, '='))![1]!;

describe('the subscription endpoints', () => {
  it('answers the same page for a new, a pending and a subscribed address', async () => {
    const { call, sent } = setup();
    const first = await call('POST', '/subscribe', 'email=ada%40example.org');
    const again = await call('POST', '/subscribe', 'email=ada%40example.org');
    expect(first.status).toBe(200);
    expect(again.body).toBe(first.body);
    expect(sent).toHaveLength(1);
    const token = confirmToken(sent[0]!.raw);
    await call('POST', '/confirm', `token=${token}`);
    expect((await call('POST', '/subscribe', 'email=ada%40example.org')).body).toBe(first.body);
    // Another address: the same page but for the address it names, the one typed.
    expect(signupPageOf((await call('POST', '/subscribe', 'email=Grace%40example.org')).body, 'grace@example.org')).toBe(signupPageOf(first.body, 'ada@example.org'));
  });

  it('names the address typed on the page every signup gets, with the way back to the form, so that a typing mistake is seen', async () => {
    const { call, sent } = setup();
    const page = await call('POST', '/subscribe', `email=${encodeURIComponent(' Ada@Gmial.com ')}&page=%2Fabout%2F`);
    expect([page.status, sent.map((mail) => mail.to)]).toEqual([200, ['ada@gmial.com']]);
    expect(page.body).toContain('an email with a confirmation link for every entry is on its way to <bdi>ada@gmial.com</bdi>.');
    expect(page.body).toContain('<p>Not the address you meant? Go back to the form and type it again.</p>');
    expect(page.body).toContain('<a href="/about/">Back to the form</a>');
    // A filled honeypot: nothing sent, the same page.
    const bot = await call('POST', '/subscribe', `email=${encodeURIComponent(' Ada@Gmial.com ')}&page=%2Fabout%2F&website=x`);
    expect([bot.body, sent.length]).toEqual([page.body, 1]);
  });

  it('tells a subscribed address, on the page every signup gets, that no email comes, rather than one on its way', async () => {
    const { call, sent } = setup();
    await call('POST', '/subscribe', 'email=ada%40example.org');
    await call('POST', '/confirm', `token=${confirmToken(sent[0]!.raw)}`);
    const page = (await call('POST', '/subscribe', 'email=ada%40example.org')).body;
    expect(sent).toHaveLength(1);
    expect(page).toContain('Unless the address is subscribed already,');
    expect(page).toContain('an email with a confirmation link for every entry is on its way to <bdi>ada@example.org</bdi>');
  });

  it('a confirmation refused, or never sent (SES down): the signup tried again at once sends it', async () => {
    const failures = [new DeliveryError('SES MessageRejected', 'refused'), new DeliveryError('SES ServiceUnavailable', 'notAttempted')];
    const { call, sent, store } = setup(undefined, SECRET, undefined, {}, failures);
    await expect(call('POST', '/subscribe', 'email=ada%40example.org')).rejects.toThrow('MessageRejected');
    expect((await store.get(subscriberId('ada@example.org')))?.subscriber.confirmationSentAt).toBeUndefined();
    await expect(call('POST', '/subscribe', 'email=ada%40example.org')).rejects.toThrow('ServiceUnavailable');
    expect((await call('POST', '/subscribe', 'email=ada%40example.org')).status).toBe(200);
    expect(sent.map((email) => email.to)).toEqual(['ada@example.org']);
  });

  it('a setup that cannot send a confirmation refuses every signup, a subscribed address\'s too, before writing anything', async () => {
    let wrong = false;
    const { call, sent, store } = setup(undefined, SECRET, undefined, {}, [], () => {
      if (wrong) throw new ConfigError('site.yml: digest.from is digest@news.example.com, which the identity "watch.example.org" this deployment sends as does not cover');
    });
    await call('POST', '/subscribe', 'email=ada%40example.org');
    await call('POST', '/confirm', `token=${confirmToken(sent[0]!.raw)}`);
    const before = await store.get(subscriberId('ada@example.org'));
    wrong = true;
    await expect(call('POST', '/subscribe', 'email=grace%40example.org')).rejects.toThrow(ConfigError);
    await expect(call('POST', '/subscribe', 'email=ada%40example.org')).rejects.toThrow(ConfigError);
    expect(await store.get(subscriberId('grace@example.org'))).toBeUndefined();
    expect(await store.get(subscriberId('ada@example.org'))).toEqual(before);
    expect(sent).toHaveLength(1);
    // An address the visitor mistyped is still the visitor's to fix.
    expect((await call('POST', '/subscribe', 'email=grace')).status).toBe(400);
  });

  it('a confirmation that may have been delivered: the signup tried again within the hour sends no second one', async () => {
    const { call, sent, store, advance } = setup(undefined, SECRET, undefined, {}, [new DeliveryError('SES: no answer after the request was sent', 'unknown')]);
    await expect(call('POST', '/subscribe', 'email=ada%40example.org')).rejects.toThrow('no answer');
    expect((await store.get(subscriberId('ada@example.org')))?.subscriber.confirmationSentAt).toBe('2014-05-12T09:00:00.000Z');
    advance(59);
    expect((await call('POST', '/subscribe', 'email=ada%40example.org')).status).toBe(200);
    expect(sent).toHaveLength(0);
    advance(1);
    await call('POST', '/subscribe', 'email=ada%40example.org');
    expect(sent).toHaveLength(1);
  });

  it('answers a signup at the floor after it began, whether it sent a confirmation or only read a subscribed address', async () => {
    const FLOOR = 1_500;
    const timing = { answerFloorMs: FLOOR, sendMs: 400 };
    const { call, sent, waits, clock, advance } = setup(undefined, SECRET, undefined, timing);
    /** The answer, and how long it took on the handler's clock. */
    const timed = async (body: string) => {
      const began = clock().toMillis();
      const response = await call('POST', '/subscribe', body);
      return { response, tookMs: clock().toMillis() - began };
    };
    // New: the confirmation takes 400 ms to send, so the handler waits the rest of the floor.
    const fresh = await timed('email=ada%40example.org');
    expect([fresh.tookMs, waits, sent.length]).toEqual([FLOOR, [FLOOR - 400], 1]);
    await call('POST', '/confirm', `token=${confirmToken(sent[0]!.raw)}`);
    advance(120);
    // Subscribed, pending within the hour, or a bot: nothing is sent, and the whole floor is waited; a new one sends.
    waits.length = 0;
    const subscribed = await timed('email=ada%40example.org');
    const another = await timed('email=grace%40example.org');
    const pending = await timed('email=grace%40example.org');
    const bot = await timed('email=ada%40example.org&website=x');
    expect([subscribed, another, pending, bot].map((answer) => answer.tookMs)).toEqual([FLOOR, FLOOR, FLOOR, FLOOR]);
    expect(waits).toEqual([FLOOR, FLOOR - 400, FLOOR, FLOOR]);
    expect(sent).toHaveLength(2);
    const pages = [...[fresh, subscribed, bot].map((answer) => signupPageOf(answer.response.body, 'ada@example.org')), ...[another, pending].map((answer) => signupPageOf(answer.response.body, 'grace@example.org'))];
    expect(new Set(pages).size).toBe(1);
    // A send slower than the floor: the answer takes as long, with no wait on top.
    timing.sendMs = 2_000;
    waits.length = 0;
    expect([(await timed('email=linus%40example.org')).tookMs, waits]).toEqual([2_000, []]);
  });

  it('GET /confirm changes nothing; POST /confirm confirms and records consent without an IP address', async () => {
    const { call, sent, store } = setup();
    await call('POST', '/subscribe', 'email=ada%40example.org&tags=trade&page=%2Ftags%2Ftrade%2F');
    const token = confirmToken(sent[0]!.raw);
    const before = await store.get(subscriberId('ada@example.org'));
    const shown = await call('GET', `/confirm?token=${token}`);
    expect(shown.status).toBe(200);
    expect(shown.body).toContain('<form method="post" action="/confirm">');
    expect(await store.get(subscriberId('ada@example.org'))).toEqual(before);
    const confirmed = await call('POST', '/confirm', `token=${token}`);
    expect(confirmed.body).toContain('<h1>You&#39;re subscribed</h1>');
    const record = (await store.get(subscriberId('ada@example.org')))!.subscriber;
    expect(record).toMatchObject({ status: 'confirmed', tags: ['trade'], consent: { method: 'form', page: '/tags/trade/', at: '2014-05-12T09:00:00.000Z' } });
    expect(JSON.stringify(record)).not.toMatch(/\d+\.\d+\.\d+\.\d+|c1/);
  });

  it("records a form page of another site (`//evil.example/phish`, protocol-relative) as the site's home page", async () => {
    const { call, sent, store } = setup();
    await call('POST', '/subscribe', 'email=ada%40example.org&page=%2F%2Fevil.example%2Fphish');
    await call('POST', '/confirm', `token=${confirmToken(sent[0]!.raw)}`);
    expect((await store.get(subscriberId('ada@example.org')))!.subscriber.consent?.page).toBe('/');
  });

  it('removes dot segments from the form page before it is kept (RFC 3986 §5.2.4): `/..//evil.example` is another site\'s', async () => {
    const { call, sent, store } = setup();
    await call('POST', '/subscribe', 'email=ada%40example.org&page=%2F..%2F%2Fevil.example');
    await call('POST', '/subscribe', 'email=bob%40example.org&page=%2Ftags%2Ftrade%2F..%2F.%2Fmarkets%2F');
    expect(sent).toHaveLength(2);
    expect((await store.get(subscriberId('ada@example.org')))!.subscriber.signupPage).toBe('/');
    expect((await store.get(subscriberId('bob@example.org')))!.subscriber.signupPage).toBe('/tags/markets/');
  });

  it('refuses a body with no Content-Type, or a form in another charset than UTF-8, with 415, and reads an empty one with none', async () => {
    const { callFrom, handler, sent, store } = setup();
    const untyped = await handler({ method: 'POST', url: '/subscribe', body: 'email=ada%40example.org', client: 'c1' });
    expect(untyped.status).toBe(415);
    expect(untyped.body).toContain('not as a body of no type.');
    // ISO-8859-1's "é" is %E9, which read as UTF-8 would be U+FFFD: the address would not be the one typed.
    const latin1 = await callFrom({ contentType: 'application/x-www-form-urlencoded; charset=ISO-8859-1' }, 'POST', '/subscribe', 'email=ada%40example.org&page=%2Fcaf%E9%2F');
    expect(latin1.status).toBe(415);
    expect(latin1.body).toContain('not as application/x-www-form-urlencoded in ISO-8859-1.');
    expect(sent).toHaveLength(0);
    expect(await store.get(subscriberId('ada@example.org'))).toBeUndefined();
    // Labels of UTF-8 itself (WHATWG Encoding), quoted or not, are read.
    for (const contentType of ['application/x-www-form-urlencoded; charset="utf8"', 'application/x-www-form-urlencoded;charset=Unicode-1-1-UTF-8']) {
      expect((await callFrom({ contentType }, 'POST', '/subscribe', `email=${encodeURIComponent(`${sent.length}@example.org`)}`)).status, contentType).toBe(200);
    }
    expect(sent).toHaveLength(2);
    // An empty POST with no type has nothing to read: the form's own 400, not a 415.
    expect((await handler({ method: 'POST', url: '/subscribe', body: '', client: 'c1' })).status).toBe(400);
  });

  it("takes a one-click unsubscribe's token from its URI alone (RFC 8058 §3.1), never from its body", async () => {
    const { callFrom, store } = setup();
    const ada = signToken({ address: 'ada@example.org', purpose: 'unsubscribe' }, SECRET);
    const bob = signToken({ address: 'bob@example.org', purpose: 'unsubscribe' }, SECRET);
    const form = { contentType: 'application/x-www-form-urlencoded' };
    expect((await callFrom(form, 'POST', `/unsubscribe?token=${ada}`, `List-Unsubscribe=One-Click&token=${bob}`)).status).toBe(200);
    expect((await store.get(subscriberId('ada@example.org')))?.subscriber.status).toBe('unsubscribed');
    expect(await store.get(subscriberId('bob@example.org'))).toBeUndefined();
    // A token in the body alone is no one-click POST: the link's page, cut short.
    const bodyOnly = await callFrom(form, 'POST', '/unsubscribe', `List-Unsubscribe=One-Click&token=${bob}`);
    expect(bodyOnly.status).toBe(400);
    expect(await store.get(subscriberId('bob@example.org'))).toBeUndefined();
  });

  it('refuses a body that is not a form (JSON, multipart) with 415 naming the form type, but not a one-click unsubscribe', async () => {
    const { callFrom, sent } = setup();
    const json = await callFrom({ contentType: 'application/json' }, 'POST', '/subscribe', '{"email":"ada@example.org"}');
    expect(json.status).toBe(415);
    expect(json.body).toContain('sent as application/x-www-form-urlencoded (as a browser sends them), not as application/json.');
    const multipart = await callFrom({ contentType: 'multipart/form-data; boundary=x' }, 'POST', '/subscribe', '--x\r\nContent-Disposition: form-data; name="email"\r\n\r\nada@example.org\r\n--x--\r\n');
    expect(multipart.status).toBe(415);
    expect(sent).toHaveLength(0);
    // The type is case-insensitive and may carry a charset (RFC 9110 §8.3.1).
    expect((await callFrom({ contentType: 'Application/X-WWW-Form-URLEncoded; charset=UTF-8' }, 'POST', '/subscribe', 'email=ada%40example.org')).status).toBe(200);
    expect(sent).toHaveLength(1);
    // RFC 8058 §3.2: a mail client SHOULD send its one-click POST as multipart/form-data.
    const unsubscribe = `/unsubscribe?token=${signToken({ address: 'ada@example.org', purpose: 'unsubscribe' }, SECRET)}`;
    expect((await callFrom({ contentType: 'multipart/form-data; boundary=x' }, 'POST', unsubscribe, '--x--\r\n')).status).toBe(200);
  });

  it('says a form without an email field (`email[]=`) sent none, rather than that the address typed is empty', async () => {
    const { call, sent } = setup();
    const answer = await call('POST', '/subscribe', 'email%5B%5D=ada%40example.org');
    expect(answer.status).toBe(400);
    expect(answer.body).toContain('<h1>No email address</h1>\n<p>The form sent no field named email.');
    expect(sent).toHaveLength(0);
  });

  it('sends at most one confirmation per address an hour', async () => {
    const { call, sent, advance } = setup();
    await call('POST', '/subscribe', 'email=ada%40example.org');
    advance(59);
    await call('POST', '/subscribe', 'email=ADA%40example.org');
    expect(sent).toHaveLength(1);
    advance(2);
    await call('POST', '/subscribe', 'email=ada%40example.org');
    expect(sent).toHaveLength(2);
  });

  it("tells a client refused later in the window the seconds left until its first signup leaves it", async () => {
    const { call, advance } = setup(new ClientRateLimit());
    for (let i = 0; i < 10; i++) expect((await call('POST', '/subscribe', `email=a${i}%40example.org`)).status).toBe(200);
    advance(4);
    const refused = await call('POST', '/subscribe', 'email=b%40example.org');
    expect(refused.status).toBe(429);
    expect(refused.headers['retry-after']).toBe(String((10 - 4) * 60));
    advance(6);
    expect((await call('POST', '/subscribe', 'email=b%40example.org')).status).toBe(200);
  });

  it('a filled honeypot sends nothing but shows the same page', async () => {
    const { call, sent } = setup();
    const bot = await call('POST', '/subscribe', 'email=ada%40example.org&website=http%3A%2F%2Fspam');
    expect(bot.status).toBe(200);
    expect(bot.body).toContain('Check your inbox');
    expect(sent).toHaveLength(0);
  });

  it('rate-limits a client to 10 signups in 10 minutes', async () => {
    const { call } = setup(new ClientRateLimit());
    for (let i = 0; i < 10; i++) expect((await call('POST', '/subscribe', `email=a${i}%40example.org`)).status).toBe(200);
    const refused = await call('POST', '/subscribe', 'email=b%40example.org');
    expect(refused.status).toBe(429);
    // The headers every page has, and when to come back (RFC 6585 §4).
    expect(refused.headers).toMatchObject({ 'retry-after': '600', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer' });
    expect((await call('POST', '/subscribe', 'email=b%40example.org', 'c2')).status).toBe(200);
  });

  it('answers a bad, forged or expired token with a clear page, no stack trace', async () => {
    const { call } = setup();
    const expired = signToken({ address: 'ada@example.org', purpose: 'confirm', expires: 1 }, SECRET);
    const forged = signToken({ address: 'ada@example.org', purpose: 'unsubscribe' }, 'another-long-secret!!');
    for (const [url, says] of [[`/confirm?token=${expired}`, 'expired'], ['/confirm?token=nonsense', 'damaged'], [`/unsubscribe?token=${forged}`, 'not one this site made'], ['/preferences', 'damaged']] as const) {
      const response = await call('GET', url);
      expect(response.status).toBe(400);
      expect(response.body).toContain(says);
      expect(response.body).not.toMatch(/at .*\.ts|Error:/);
    }
  });

  it('one-click POST unsubscribes (RFC 8058), GET only shows the button; even an address never in the store is recorded', async () => {
    const { call, store } = setup();
    const token = signToken({ address: 'ada@example.org', purpose: 'unsubscribe' }, SECRET);
    const shown = await call('GET', `/unsubscribe?token=${token}`);
    expect(shown.body).toContain('name="List-Unsubscribe" value="One-Click"');
    expect(await store.get(subscriberId('ada@example.org'))).toBeUndefined();
    const done = await call('POST', `/unsubscribe?token=${token}`, 'List-Unsubscribe=One-Click');
    expect(done.status).toBe(200);
    expect((await store.get(subscriberId('ada@example.org')))?.subscriber.status).toBe('unsubscribed');
  });

  it('with a site.yml that cannot be used, unsubscribes on a plain page, and refuses every other path with its error', async () => {
    const unusable = new ConfigError('site.yml in s3://content/ has 1 problem: site.yml:5: timezone: "Asia/Seol" is not an IANA time zone (write a zone such as Asia/Seoul)');
    const { call, store } = setup(undefined, SECRET, undefined, {}, [], undefined, unusable);
    // Made for the site's list, which a site.yml that cannot be read does not name: leaving is not refused for it.
    const unsubscribe = `/unsubscribe?token=${signToken({ address: 'ada@example.org', purpose: 'unsubscribe', list: 'digest.watch.example.org' }, SECRET)}`;
    expect((await call('GET', unsubscribe)).body).toContain('<title>Unsubscribe · Home</title>');
    const left = await call('POST', unsubscribe, 'List-Unsubscribe=One-Click');
    expect(left.status).toBe(200);
    expect(left.body).toContain('<html lang="en">');
    expect((await store.get(subscriberId('ada@example.org')))?.subscriber.status).toBe('unsubscribed');
    for (const [method, url] of [['POST', '/subscribe'], ['GET', '/confirm?token=x'], ['POST', '/preferences']] as const) await expect(call(method, url, 'email=ada%40example.org')).rejects.toBe(unusable);
  });

  it('a second one-click unsubscribe answers 200 and leaves the record as the first left it', async () => {
    const { call, store, advance } = setup();
    const url = `/unsubscribe?token=${signToken({ address: 'ada@example.org', purpose: 'unsubscribe' }, SECRET)}`;
    const first = await call('POST', url, 'List-Unsubscribe=One-Click');
    const left = await store.get(subscriberId('ada@example.org'));
    expect(left?.subscriber).toMatchObject({ status: 'unsubscribed', updatedAt: '2014-05-12T09:00:00.000Z' });
    advance(30);
    const again = await call('POST', url, 'List-Unsubscribe=One-Click');
    expect([again.status, again.body]).toEqual([200, first.body]);
    expect(await store.get(subscriberId('ada@example.org'))).toEqual(left);
  });

  it('an unsubscribe link cut short by a mail program says how to leave the list, not to sign up again', async () => {
    const { call } = setup();
    const token = signToken({ address: 'ada@example.org', purpose: 'unsubscribe' }, SECRET);
    // The text part's line "Unsubscribe: https://…/unsubscribe?token=…" cut at 76 columns, as a client that wraps it.
    const cut = `/unsubscribe?token=${token}`.slice(0, 76 - 'Unsubscribe: https://watch.example.org'.length);
    for (const method of ['GET', 'POST']) {
      const response = await call(method, cut, 'List-Unsubscribe=One-Click');
      expect(response.status).toBe(400);
      expect(response.body).toContain('the link is incomplete or damaged');
      expect(response.body).toContain('open the Unsubscribe link of your latest digest, all of it');
      // digest.unsubscribe.mailto of the site (tests/support/digestFixtures.ts).
      expect(response.body).toContain('write to <bdi>unsubscribe@watch.example.org</bdi> to be taken off the list');
      expect(response.body).not.toContain('Sign up again');
    }
  });

  it('a link cut anywhere (half copied, a long line broken) asks for all of the link from the mail, and a confirm link only then to sign up again', async () => {
    const { call, sent } = setup();
    await call('POST', '/subscribe', 'email=ada%40example.org&tags=trade&page=%2Fentries%2F2014%2Fgold%2F');
    const confirm = confirmToken(sent[0]!.raw);
    const list = siteListIdentifier(testSite());
    const links = [
      ['/confirm', confirm, 'Open the link in the confirmation email again, all of it (a mail program may have cut a long link in two, or only part of it was copied). If all of it does not work either, sign up again'],
      ['/preferences', signToken({ address: 'ada@example.org', purpose: 'preferences', list }, SECRET), 'open the Your topics link of your latest digest, all of it (a mail program may have cut a long link in two, or only part of it was copied).'],
      ['/unsubscribe', signToken({ address: 'ada@example.org', purpose: 'unsubscribe', list }, SECRET), 'open the Unsubscribe link of your latest digest, all of it (a mail program may have cut a long link in two, or only part of it was copied)'],
    ] as const;
    for (const [path, token, says] of links) {
      // The whole link works (a GET shows its page); cut at 42 characters, at half, or one short, it is incomplete.
      expect((await call('GET', `${path}?token=${token}`)).status).toBe(200);
      for (const at of [42, Math.floor(token.length / 2), token.length - 1]) {
        expect(at).toBeGreaterThan(40);
        const response = await call('GET', `${path}?token=${token.slice(0, at)}`);
        expect(response.status).toBe(400);
        expect(response.body).toContain('the link is incomplete or damaged');
        expect(response.body).toContain(says);
        if (path !== '/confirm') expect(response.body).not.toMatch(/sign up again/i);
      }
    }
    // A whole link that no longer works (expired) gets no advice to open it again: a new one is the way.
    const expired = signToken({ address: 'ada@example.org', purpose: 'confirm', expires: 1, list }, SECRET);
    const refused = await call('GET', `/confirm?token=${expired}`);
    expect(refused.body).toContain('the link has expired');
    expect(refused.body).toContain('Sign up again from any page of the site to get a new link.');
    expect(refused.body).not.toContain('all of it');
  });

  it('refuses a signup whose topics a confirmation link cannot carry, with a page saying to tick fewer, and sends nothing', async () => {
    // 20-character slugs, 23 bytes each in the link's JSON ("…",): 200 are 4,600 bytes, past the 3,000 a link holds;
    // 100 are 2,300, which leave 700 for the address, the page and the rest.
    const many = Array.from({ length: 200 }, (_, index) => ({ name: `Topic ${index}`, slug: `topic-${String(index).padStart(14, '0')}` }));
    expect(many.every((tag) => tag.slug.length === 20)).toBe(true);
    const { call, sent, store } = setup(undefined, SECRET, many);
    const ticked = (count: number) => many.slice(0, count).map((tag) => `tags=${tag.slug}`).join('&');
    const refused = await call('POST', '/subscribe', `email=ada%40example.org&page=%2Fentries%2F2014%2Fgold%2F&${ticked(200)}`);
    expect(refused.status).toBe(400);
    expect(refused.body).toContain('<h1>Too many topics</h1>');
    expect(refused.body).toContain('The 200 topics ticked are more than a confirmation link can carry.');
    expect(refused.body).toContain('Go back and tick fewer, or none to receive every entry');
    expect(refused.body).toContain('<a href="/entries/2014/gold/">Back to the form</a>');
    expect(sent).toHaveLength(0);
    expect(await store.get(subscriberId('ada@example.org'))).toBeUndefined();
    // As many as fit: the link is mailed and confirms them all.
    expect((await call('POST', '/subscribe', `email=ada%40example.org&${ticked(100)}`)).body).toContain('Check your inbox');
    expect(sent).toHaveLength(1);
    expect((await call('POST', '/confirm', `token=${confirmToken(sent[0]!.raw)}`)).status).toBe(200);
    expect((await store.get(subscriberId('ada@example.org')))?.subscriber.tags).toEqual(many.slice(0, 100).map((tag) => tag.slug));
  });

  it('a topics link that does not work points to the latest digest, not to signing up again', async () => {
    const { call } = setup();
    const response = await call('GET', '/preferences?token=cut.short');
    expect(response.status).toBe(400);
    expect(response.body).toContain('open the Your topics link of your latest digest, all of it');
    expect(response.body).not.toContain('Sign up again');
  });

  it('after the secret rotates ("NEW OLD"), the unsubscribe links of digests already sent still unsubscribe in one click', async () => {
    const old = 'the-secret-the-digests-were-signed-with';
    const { call, store } = setup(undefined, `the-secret-rotated-in-since ${old}`);
    const sent = signToken({ address: 'ada@example.org', purpose: 'unsubscribe' }, old);
    const done = await call('POST', `/unsubscribe?token=${sent}`, 'List-Unsubscribe=One-Click');
    expect(done.status).toBe(200);
    expect((await store.get(subscriberId('ada@example.org')))?.subscriber.status).toBe('unsubscribed');
    // Clicked again: the same answer, and the address stays unsubscribed.
    const again = await call('POST', `/unsubscribe?token=${sent}`, 'List-Unsubscribe=One-Click');
    expect(again.status).toBe(200);
    expect(again.body).toContain('<bdi>ada@example.org</bdi> will not receive the digest any more.');
    expect((await store.get(subscriberId('ada@example.org')))?.subscriber.status).toBe('unsubscribed');
  });

  it('the subscribed page and the topics page link the address\'s unsubscribe page, whose GET changes nothing and whose button leaves', async () => {
    const { call, sent, store } = setup();
    const id = subscriberId('ada@example.org');
    await call('POST', '/subscribe', 'email=ada%40example.org');
    const subscribed = await call('POST', '/confirm', `token=${confirmToken(sent[0]!.raw)}`);
    const leaveLink = (body: string) => /<a href="(\/unsubscribe\?token=[A-Za-z0-9_.-]+)">Unsubscribe<\/a>/.exec(body)?.[1];
    const leave = leaveLink(subscribed.body)!;
    const topics = await call('GET', `/preferences?token=${signToken({ address: 'ada@example.org', purpose: 'preferences' }, SECRET)}`);
    expect(leaveLink(topics.body)).toBe(leave);
    const record = await store.get(id);
    const shown = await call('GET', leave);
    expect(shown.body).toContain('<p>Press the button to stop sending the weekly digest to <bdi>ada@example.org</bdi>.</p>');
    expect(await store.get(id)).toEqual(record);
    // The page's button is the one-click POST (RFC 8058 §3.1) to the same URI.
    expect(shown.body).toContain(`<form method="post" action="${leave}">`);
    expect((await call('POST', leave, 'List-Unsubscribe=One-Click')).body).toContain('<bdi>ada@example.org</bdi> will not receive the digest any more.');
    expect((await store.get(id))?.subscriber.status).toBe('unsubscribed');
  });

  it("the links it makes show no address: the confirmation email's, and the subscribed page's topics and unsubscribe links", async () => {
    const { call, sent } = setup();
    await call('POST', '/subscribe', 'email=ada%40example.org');
    const confirm = confirmToken(sent[0]!.raw);
    const subscribed = await call('POST', '/confirm', `token=${confirm}`);
    const links = [...subscribed.body.matchAll(/href="\/(unsubscribe|preferences)\?token=([^"]+)"/g)];
    expect(links.map((link) => link[1]).sort()).toEqual(['preferences', 'unsubscribe']);
    for (const token of [confirm, ...links.map((link) => link[2]!)]) expect(tokenReadings(token)).not.toMatch(/ada|example\.org/);
  });

  it('preferences show and save the chosen tags, unknown tags dropped', async () => {
    const { call, sent, store } = setup();
    await call('POST', '/subscribe', 'email=ada%40example.org');
    await call('POST', '/confirm', `token=${confirmToken(sent[0]!.raw)}`);
    const token = signToken({ address: 'ada@example.org', purpose: 'preferences' }, SECRET);
    const saved = await call('POST', '/preferences', `token=${token}&tags=markets&tags=nope`);
    expect((await store.get(subscriberId('ada@example.org')))?.subscriber.tags).toEqual(['markets']);
    // The subscriber reads the names editors gave the tags; the record keeps the slugs.
    expect(saved.body).toContain('the entries tagged <bdi>Markets</bdi>.');
    const shown = await call('GET', `/preferences?token=${token}`);
    expect(shown.body).toContain('value="markets" checked');
    expect(shown.body).not.toContain('value="trade" checked');
    expect(shown.body).toMatch(/value="trade"[^>]*>\s*<bdi>Trade<\/bdi>/);
  });

  it('the saved topics page links the way out too, as the topics page does', async () => {
    const { call, sent } = setup();
    await call('POST', '/subscribe', 'email=ada%40example.org');
    await call('POST', '/confirm', `token=${confirmToken(sent[0]!.raw)}`);
    const token = signToken({ address: 'ada@example.org', purpose: 'preferences' }, SECRET);
    // The Unsubscribe link's href, the page's one: the same on both pages.
    const leave = (body: string) => /<a href="(\/unsubscribe\?token=[^"]+)">Unsubscribe<\/a>/.exec(body)?.[1];
    const shown = leave((await call('GET', `/preferences?token=${token}`)).body);
    expect(shown).toBeDefined();
    expect(leave((await call('POST', '/preferences', `token=${token}&tags=markets`)).body)).toBe(shown);
  });

  it("tells an address signed up again, not yet confirmed, that its confirmation email subscribes it, when an old digest's topics link is opened", async () => {
    const { call, sent } = setup();
    const token = signToken({ address: 'ada@example.org', purpose: 'preferences' }, SECRET);
    // Never signed up: to sign up.
    expect((await call('GET', `/preferences?token=${token}`)).body).toContain('<bdi>ada@example.org</bdi> is not subscribed; sign up from any page of the site.');
    await call('POST', '/subscribe', 'email=ada%40example.org');
    expect(sent).toHaveLength(1);
    const pending = '<bdi>ada@example.org</bdi> is not subscribed yet: press the button in the confirmation email sent to it, then choose your topics.';
    for (const answer of [await call('GET', `/preferences?token=${token}`), await call('POST', '/preferences', `token=${token}&tags=markets`)]) {
      expect([answer.status, answer.body.includes(pending)]).toEqual([200, true]);
    }
  });

  it('names the saved topics in the order the topics page lists them (tags.json\'s, by name), not by the slugs the record keeps', async () => {
    // 석탄 before 중국 by name (ㅅ before ㅈ); their slugs, xn--3i4b89z and xn--3e0b473c, the other way round.
    const tags = [{ name: '석탄', slug: 'xn--3i4b89z' }, { name: '중국', slug: 'xn--3e0b473c' }];
    const { call, sent, store } = setup(undefined, SECRET, tags);
    await call('POST', '/subscribe', 'email=ada%40example.org');
    await call('POST', '/confirm', `token=${confirmToken(sent[0]!.raw)}`);
    const token = signToken({ address: 'ada@example.org', purpose: 'preferences' }, SECRET);
    const saved = await call('POST', '/preferences', `token=${token}&tags=xn--3i4b89z&tags=xn--3e0b473c`);
    expect((await store.get(subscriberId('ada@example.org')))?.subscriber.tags).toEqual(['xn--3e0b473c', 'xn--3i4b89z']);
    expect(saved.body).toContain('the entries tagged <bdi>석탄</bdi>, <bdi>중국</bdi>.');
  });

  it('topics ticked of which the site has none now: refused, the choice kept, never saved as every entry', async () => {
    const { call, sent, store } = setup();
    await call('POST', '/subscribe', 'email=ada%40example.org&tags=markets');
    await call('POST', '/confirm', `token=${confirmToken(sent[0]!.raw)}`);
    const token = signToken({ address: 'ada@example.org', purpose: 'preferences' }, SECRET);
    const refused = await call('POST', '/preferences', `token=${token}&tags=withdrawn`);
    expect(refused.status).toBe(400);
    expect(refused.body).toContain('None of the topics you ticked is on');
    expect(refused.body).toContain('href="/preferences?token=');
    expect((await store.get(subscriberId('ada@example.org')))?.subscriber.tags).toEqual(['markets']);
    // Ticking none is the way to ask for every entry.
    expect((await call('POST', '/preferences', `token=${token}`)).body).toContain('Your digest will hold every entry.');
  });

  it('refuses an internationalised address (RFC 6532) as one it cannot send to, not as no address, with the same 400', async () => {
    const { call, sent, store } = setup();
    const refused = await call('POST', '/subscribe', `email=${encodeURIComponent('jörg@example.org')}`);
    expect(refused.status).toBe(400);
    expect(refused.body).toContain('<h1>That address cannot be accepted</h1>');
    expect(refused.body).toContain('It may well be a working address');
    expect(refused.body).not.toContain('not an email address');
    expect([sent, await store.get(subscriberId('jörg@example.org'))]).toEqual([[], undefined]);
  });

  it('refuses a quoted local part (valid by RFC 5322 §3.4.1) as an address not taken, not as no address, with the fix', async () => {
    const { call, sent, store } = setup();
    const refused = await call('POST', '/subscribe', `email=${encodeURIComponent('"john doe"@example.org')}`);
    expect(refused.status).toBe(400);
    expect(refused.body).toContain('<h1>That address cannot be accepted</h1>');
    expect(refused.body).toContain('the part before &quot;@&quot; is in quotes, and the digest is not sent to such an address.');
    expect(refused.body).not.toContain('not an email address');
    const needless = await call('POST', '/subscribe', `email=${encodeURIComponent('"john"@example.org')}`);
    expect(needless.status).toBe(400);
    expect(needless.body).toContain('Go back and type the address without the quotes: it is the same address.');
    expect([sent, await store.get(subscriberId('"john doe"@example.org')), await store.get(subscriberId('"john"@example.org'))]).toEqual([[], undefined, undefined]);
  });

  it('says why an address is refused, and leads a saved choice back to the topics', async () => {
    const { call, sent } = setup();
    const refused = await call('POST', '/subscribe', 'email=ada%40localhost');
    expect(refused.status).toBe(400);
    expect(refused.body).toContain('<p>It cannot be used: &quot;localhost&quot; is not a domain name.</p>');
    expect((await call('POST', '/subscribe', 'email=Ada%20%3Cada%40example.org%3E')).body).toContain('<p>It cannot be used: it holds a name as well as the address.</p>');
    await call('POST', '/subscribe', 'email=ada%40example.org');
    await call('POST', '/confirm', `token=${confirmToken(sent[0]!.raw)}`);
    const token = signToken({ address: 'ada@example.org', purpose: 'preferences' }, SECRET);
    const saved = await call('POST', '/preferences', `token=${token}&tags=trade`);
    expect(saved.body).toMatch(/<a href="\/preferences\?token=[A-Za-z0-9_.-]+">Your topics<\/a>/);
  });

  it('a signup for topics of which the site has none now: refused, no record and no email', async () => {
    const { call, sent, store } = setup();
    const refused = await call('POST', '/subscribe', 'email=ada%40example.org&tags=withdrawn');
    expect(refused.status).toBe(400);
    expect(refused.body).toContain('None of the topics you ticked is on');
    expect(sent).toEqual([]);
    expect(await store.get(subscriberId('ada@example.org'))).toBeUndefined();
  });

  it('a chosen topic the site no longer has shows ticked, and stays while it is left ticked; unticked, it goes', async () => {
    const { call, store } = setup();
    const token = signToken({ address: 'ada@example.org', purpose: 'preferences' }, SECRET);
    // Chosen when the site had a "Rates" tag, since renamed: the digest sends only entries tagged rates, i.e. none.
    await store.put({ id: subscriberId('ada@example.org'), address: 'ada@example.org', status: 'confirmed', tags: ['rates', 'trade'], createdAt: '2014-05-01T00:00:00.000Z', updatedAt: '2014-05-01T00:00:00.000Z' }, undefined);
    const shown = await call('GET', `/preferences?token=${token}`);
    expect(shown.body).toContain('<input type="checkbox" name="tags" value="rates" checked> <bdi>rates</bdi> (no entry has this topic now)');
    expect(shown.body).toContain('value="trade" checked');
    await call('POST', '/preferences', `token=${token}&tags=rates&tags=markets`);
    expect((await store.get(subscriberId('ada@example.org')))?.subscriber.tags).toEqual(['markets', 'rates']);
    // A tag the site does not have and the subscriber never chose is not taken.
    await call('POST', '/preferences', `token=${token}&tags=markets&tags=bonds`);
    expect((await store.get(subscriberId('ada@example.org')))?.subscriber.tags).toEqual(['markets']);
  });

  it('a site with no topics yet says the digest holds every entry, with no form of nothing to tick', async () => {
    const { call, store } = setup(undefined, SECRET, []);
    await store.put({ id: subscriberId('ada@example.org'), address: 'ada@example.org', status: 'confirmed', tags: [], createdAt: '2014-05-01T00:00:00.000Z', updatedAt: '2014-05-01T00:00:00.000Z' }, undefined);
    const shown = await call('GET', `/preferences?token=${signToken({ address: 'ada@example.org', purpose: 'preferences' }, SECRET)}`);
    expect(shown.body).toContain('<p><bdi>Test Watch</bdi> has no topics to choose from yet, so your digest holds every entry.</p>');
    expect(shown.body).not.toContain('<form');
    expect(shown.body).toMatch(/<a href="\/unsubscribe\?token=[A-Za-z0-9_.-]+">Unsubscribe<\/a>/);
  });

  it('every page is valid HTML with no script', async () => {
    const { call, sent } = setup();
    // Checkboxes of one name are how HTML sends a multiple choice (HTML §4.10.18.3), so they may share it.
    const validator = new HtmlValidate({ extends: ['html-validate:recommended'], rules: { 'form-dup-name': ['error', { shared: ['radio', 'checkbox', 'button', 'reset', 'submit'] }] } });
    const pages = [await call('POST', '/subscribe', 'email=ada%40example.org'), await call('POST', '/subscribe', 'email=not-an-address'), await call('POST', '/subscribe', 'email=j%C3%B6rg%40example.org'), await call('GET', '/confirm?token=x')];
    const token = confirmToken(sent[0]!.raw);
    pages.push(await call('GET', `/confirm?token=${token}`), await call('POST', '/confirm', `token=${token}`));
    const preferences = signToken({ address: 'ada@example.org', purpose: 'preferences' }, SECRET);
    pages.push(await call('GET', `/preferences?token=${preferences}`), await call('GET', '/nowhere'));
    // The signups refused for their topics: none the site has, and more than a confirmation link carries (200
    // 20-character slugs, as in the test of that refusal).
    const noneOnSite = await call('POST', '/subscribe', 'email=ada%40example.org&tags=withdrawn');
    expect(noneOnSite.body).toContain('None of the topics you ticked is on');
    pages.push(noneOnSite);
    const many = Array.from({ length: 200 }, (_, index) => ({ name: `Topic ${index}`, slug: `topic-${String(index).padStart(14, '0')}` }));
    const tooMany = await setup(undefined, SECRET, many).call('POST', '/subscribe', `email=ada%40example.org&${many.map((tag) => `tags=${tag.slug}`).join('&')}`);
    expect(tooMany.body).toContain('<h1>Too many topics</h1>');
    pages.push(tooMany);
    for (const page of pages) {
      expect(page.body).not.toMatch(/<script/i);
      const report = await validator.validateString(page.body);
      expect(report.results.flatMap((r) => r.messages.map((m) => m.message))).toEqual([]);
    }
  });
});

describe("a POST sent by another site's page (cross-site request forgery)", () => {
  const FOREIGN = { origin: 'https://evil.example', fetchSite: 'cross-site' };

  it('refuses a form on another site posting to /subscribe, /confirm or /preferences (403), and does nothing', async () => {
    const { call, callFrom, sent, store } = setup();
    await call('POST', '/subscribe', 'email=ada%40example.org');
    const confirm = confirmToken(sent[0]!.raw);
    const before = await store.get(subscriberId('ada@example.org'));
    const preferences = signToken({ address: 'ada@example.org', purpose: 'preferences' }, SECRET);
    const attempts: [string, string][] = [['/subscribe', 'email=grace%40example.org'], ['/confirm', `token=${confirm}`], ['/preferences', `token=${preferences}&tags=trade`]];
    // A page on another subdomain is same-site, not same-origin: it is refused as well.
    for (const from of [FOREIGN, { origin: 'https://evil.watch.example.org', fetchSite: 'same-site' }]) {
      for (const [path, body] of attempts) {
        const response = await callFrom(from, 'POST', path, body);
        expect([path, from.fetchSite, response.status]).toEqual([path, from.fetchSite, 403]);
        expect(response.body).toContain('<h1>Sent from another site</h1>');
        expect(response.headers['cache-control']).toBe('no-store');
      }
    }
    expect(sent).toHaveLength(1);
    expect(await store.get(subscriberId('grace@example.org'))).toBeUndefined();
    expect(await store.get(subscriberId('ada@example.org'))).toEqual(before);
  });

  it('judges by Origin in a browser that sends no Sec-Fetch-Site: another origin is refused, the site\'s own is not', async () => {
    const { callFrom, sent } = setup();
    expect((await callFrom({ origin: 'https://evil.example' }, 'POST', '/subscribe', 'email=ada%40example.org')).status).toBe(403);
    // http is another origin than the site's https.
    expect((await callFrom({ origin: 'http://watch.example.org' }, 'POST', '/subscribe', 'email=ada%40example.org')).status).toBe(403);
    expect(sent).toHaveLength(0);
    expect((await callFrom({ origin: 'https://watch.example.org' }, 'POST', '/subscribe', 'email=ada%40example.org')).status).toBe(200);
    expect(sent).toHaveLength(1);
  });

  it("takes the site's own forms: same-origin, even with the Origin null that Referrer-Policy: no-referrer makes a browser send", async () => {
    const { callFrom, sent, store } = setup();
    expect((await callFrom({ origin: 'https://watch.example.org', fetchSite: 'same-origin' }, 'POST', '/subscribe', 'email=ada%40example.org')).status).toBe(200);
    const confirmed = await callFrom({ origin: 'null', fetchSite: 'same-origin' }, 'POST', '/confirm', `token=${confirmToken(sent[0]!.raw)}`);
    expect(confirmed.body).toContain('<h1>You&#39;re subscribed</h1>');
    expect((await store.get(subscriberId('ada@example.org')))?.subscriber.status).toBe('confirmed');
  });

  it('takes a one-click unsubscribe from anywhere (RFC 8058 §3.2): a webmail page, another origin, or no Origin at all', async () => {
    const { callFrom, store } = setup();
    for (const [address, from] of [['ada@example.org', FOREIGN], ['grace@example.org', { origin: 'https://mail.example.com' }], ['alan@example.org', {}]] as const) {
      const token = signToken({ address, purpose: 'unsubscribe' }, SECRET);
      const done = await callFrom(from, 'POST', `/unsubscribe?token=${token}`, 'List-Unsubscribe=One-Click');
      expect([address, done.status]).toEqual([address, 200]);
      expect((await store.get(subscriberId(address)))?.subscriber.status).toBe('unsubscribed');
    }
  });
});

describe('the methods each path answers (RFC 9110 §15.5.5, §15.5.6)', () => {
  it('refuses a method a path does not take with 405 and the methods it does take, HEAD beside GET', async () => {
    const { call } = setup();
    const cases: [method: string, path: string, allow: string][] = [
      ['GET', '/subscribe', 'POST'],
      ['HEAD', '/subscribe', 'POST'],
      ['PUT', '/subscribe', 'POST'],
      ['DELETE', '/confirm', 'GET, HEAD, POST'],
      ['PATCH', '/preferences', 'GET, HEAD, POST'],
      ['OPTIONS', '/unsubscribe', 'GET, HEAD, POST'],
    ];
    for (const [method, path, allow] of cases) {
      const response = await call(method, path);
      expect([method, path, response.status, response.headers.allow]).toEqual([method, path, 405, allow]);
      // The refusal keeps the headers every page has.
      expect(response.headers['cache-control'], `${method} ${path}`).toBe('no-store');
      expect(response.headers['x-content-type-options'], `${method} ${path}`).toBe('nosniff');
    }
  });

  it('answers a HEAD as the GET, status and headers, with no content (RFC 9110 §9.3.2), and changes nothing', async () => {
    const { call, sent, store } = setup();
    await call('POST', '/subscribe', 'email=ada%40example.org');
    const token = confirmToken(sent[0]!.raw);
    const before = await store.get(subscriberId('ada@example.org'));
    const get = await call('GET', `/confirm?token=${token}`);
    const head = await call('HEAD', `/confirm?token=${token}`);
    expect(get.body).toContain('Confirm my subscription');
    expect([head.status, head.headers, head.body]).toEqual([get.status, get.headers, '']);
    expect(await store.get(subscriberId('ada@example.org'))).toEqual(before);
    const refused = await call('HEAD', '/subscribe');
    expect([refused.status, refused.body]).toEqual([405, '']);
  });

  it('answers a path it does not serve with 404 whatever the method, and no Allow', async () => {
    const { call } = setup();
    for (const method of ['GET', 'POST', 'PUT']) {
      const response = await call(method, '/subscribe/extra');
      expect([method, response.status, response.headers.allow]).toEqual([method, 404, undefined]);
    }
  });
});

describe('a signup for chosen topics', () => {
  const KOREAN = [{ name: '환율', slug: 'xn--bs5bt1z' }, { name: 'Trade', slug: 'trade' }];
  const text = (raw: string) => raw.replace(/=\r?\n/g, '');

  it('names the topic by the site\'s name in the email, on the confirm page and on the subscribed page', async () => {
    const { call, sent } = setup(undefined, SECRET, KOREAN);
    const asked = await call('POST', '/subscribe', 'email=kim%40example.org&tags=xn--bs5bt1z&page=%2Ftags%2Fxn--bs5bt1z%2F');
    expect(asked.body).toContain('an email with a confirmation link for the entries tagged <bdi>환율</bdi> is on its way');
    const email = (await simpleParser(sent[0]!.raw)).text!;
    expect(email.replace(/\s+/g, ' ')).toContain('the weekly digest of Test Watch, with the entries tagged 환율, at this address');
    const token = confirmToken(text(sent[0]!.raw));
    expect((await call('GET', `/confirm?token=${token}`)).body).toContain('receive the weekly digest of <bdi>Test Watch</bdi>, with the entries tagged <bdi>환율</bdi>, at <bdi>kim@example.org</bdi>.');
    expect((await call('POST', '/confirm', `token=${token}`)).body).toContain('The weekly digest of <bdi>Test Watch</bdi>, with the entries tagged <bdi>환율</bdi>, will come to <bdi>kim@example.org</bdi>.');
    expect((await call('POST', '/confirm', `token=${token}`)).body).toContain('The weekly digest of <bdi>Test Watch</bdi>, with the entries tagged <bdi>환율</bdi>, comes to <bdi>kim@example.org</bdi>.');
  });

  it('a later signup with other topics within the hour is sent its own link, which subscribes to those', async () => {
    const { call, sent, store, advance } = setup(undefined, SECRET, KOREAN);
    await call('POST', '/subscribe', 'email=park%40example.org&tags=xn--bs5bt1z');
    advance(10);
    await call('POST', '/subscribe', 'email=park%40example.org');
    expect(sent).toHaveLength(2);
    expect((await simpleParser(sent[1]!.raw)).text!.replace(/\s+/g, ' ')).toContain('digest of Test Watch, with every entry, at this address');
    // The same choice again within the hour: its link is on its way.
    advance(10);
    await call('POST', '/subscribe', 'email=park%40example.org&tags=xn--bs5bt1z');
    expect(sent).toHaveLength(2);
    await call('POST', '/confirm', `token=${confirmToken(sent[1]!.raw)}`);
    expect((await store.get(subscriberId('park@example.org')))?.subscriber).toMatchObject({ status: 'confirmed', tags: [] });
  });

  it('sends one address at most three links in 24 hours, however its topics change and however often it is signed up', async () => {
    const { call, sent, advance } = setup(undefined, SECRET, KOREAN);
    // A stranger types the address in every hour of a day, once for each of four choices of topics, from many clients.
    for (let hour = 0; hour < 24; hour++) {
      for (const [i, tags] of ['tags=xn--bs5bt1z', 'tags=trade', '', 'tags=trade&tags=xn--bs5bt1z'].entries()) await call('POST', '/subscribe', `email=lee%40example.org&${tags}`, `client-${hour}-${i}`);
      advance(60);
    }
    expect(sent).toHaveLength(3);
    // 09:00 the next day: the first three, all sent at 09:00 the day before, are a day old, and three more may go.
    for (const tags of ['tags=xn--bs5bt1z', 'tags=trade', '', 'tags=trade&tags=xn--bs5bt1z']) await call('POST', '/subscribe', `email=lee%40example.org&${tags}`);
    expect(sent).toHaveLength(6);
  });

  it('after an unsubscribe, the link of each signup since confirms, each with its own topics', async () => {
    const { call, sent, store, advance } = setup(undefined, SECRET, KOREAN);
    await call('POST', '/subscribe', 'email=ada%40example.org');
    await call('POST', '/confirm', `token=${confirmToken(sent[0]!.raw)}`);
    advance(5);
    await call('POST', `/unsubscribe?token=${signToken({ address: 'ada@example.org', purpose: 'unsubscribe' }, SECRET)}`, 'List-Unsubscribe=One-Click');
    advance(5);
    await call('POST', '/subscribe', 'email=ada%40example.org&tags=trade');
    advance(5);
    await call('POST', '/subscribe', 'email=ada%40example.org&tags=xn--bs5bt1z');
    expect(sent).toHaveLength(3);
    expect((await call('POST', '/confirm', `token=${confirmToken(sent[0]!.raw)}`)).status).toBe(400);
    expect((await call('POST', '/confirm', `token=${confirmToken(sent[1]!.raw)}`)).status).toBe(200);
    expect((await store.get(subscriberId('ada@example.org')))?.subscriber).toMatchObject({ status: 'confirmed', tags: ['trade'] });
  });

  it('a confirm link whose topic left the site since the signup says so, offers the topics the site has now, and confirms only what is chosen', async () => {
    const tags = [{ name: 'Trade', slug: 'trade' }, { name: 'Markets', slug: 'markets' }];
    const { call, sent, store } = setup(undefined, SECRET, tags);
    const id = subscriberId('gone@example.org');
    await call('POST', '/subscribe', 'email=gone%40example.org&tags=markets&tags=trade');
    const token = confirmToken(sent[0]!.raw);
    // A publish takes Markets off the site (its last entry deleted) while the link waits in the inbox.
    tags.splice(1, 1);
    const pending = await store.get(id);
    const lost = 'The topic you signed up for, <bdi>markets</bdi>, is no longer on <bdi>Test Watch</bdi>: no digest would carry it.';
    const shown = await call('GET', `/confirm?token=${token}`);
    expect(shown.status).toBe(200);
    expect(shown.body).toContain(`<p>${lost}</p>`);
    expect(shown.body).toContain('Tick the topics you want from those it has now (none ticked: every entry)');
    expect(shown.body).toContain('<input type="hidden" name="topics" value="chosen">');
    expect(shown.body).toMatch(/value="trade" checked> <bdi>Trade<\/bdi>/);
    expect(shown.body).not.toContain('value="markets"');
    const validator = new HtmlValidate({ extends: ['html-validate:recommended'], rules: { 'form-dup-name': ['error', { shared: ['checkbox'] }] } });
    expect((await validator.validateString(shown.body)).results).toEqual([]);
    // The button of a page shown before the topic went, or the link's bare POST: nothing is confirmed, the choice is offered.
    const bare = await call('POST', '/confirm', `token=${token}`);
    expect(bare.status).toBe(409);
    expect(bare.body).toContain(`<p>${lost}</p>`);
    expect(await store.get(id)).toEqual(pending);
    // Ticked, and gone too meanwhile: refused, not saved as every entry.
    const withdrawn = await call('POST', '/confirm', `token=${token}&topics=chosen&tags=markets`);
    expect(withdrawn.status).toBe(400);
    expect(withdrawn.body).toContain('None of the topics you ticked is on <bdi>Test Watch</bdi> now.');
    expect(await store.get(id)).toEqual(pending);
    const confirmed = await call('POST', '/confirm', `token=${token}&topics=chosen&tags=trade`);
    expect(confirmed.body).toContain('The weekly digest of <bdi>Test Watch</bdi>, with the entries tagged <bdi>Trade</bdi>, will come to <bdi>gone@example.org</bdi>.');
    expect((await store.get(id))?.subscriber).toMatchObject({ status: 'confirmed', tags: ['trade'], consent: { method: 'form' } });
  });

  it('a confirm link whose topics all left a site that has none now offers every entry, and confirms it when pressed', async () => {
    const tags = [{ name: 'Markets', slug: 'markets' }];
    const { call, sent, store } = setup(undefined, SECRET, tags);
    await call('POST', '/subscribe', 'email=gone%40example.org&tags=markets');
    const token = confirmToken(sent[0]!.raw);
    tags.length = 0;
    const shown = await call('GET', `/confirm?token=${token}`);
    expect(shown.body).toContain('<p><bdi>Test Watch</bdi> has no topics to choose from now: press the button to receive the weekly digest of <bdi>Test Watch</bdi>, with every entry, at <bdi>gone@example.org</bdi>.</p>');
    expect(shown.body).not.toContain('type="checkbox"');
    const validator = new HtmlValidate({ extends: ['html-validate:recommended'] });
    expect((await validator.validateString(shown.body)).results).toEqual([]);
    expect((await call('POST', '/confirm', `token=${token}&topics=chosen`)).body).toContain('The weekly digest of <bdi>Test Watch</bdi>, with every entry, will come to <bdi>gone@example.org</bdi>.');
    expect((await store.get(subscriberId('gone@example.org')))?.subscriber).toMatchObject({ status: 'confirmed', tags: [] });
  });
});

describe('a site whose url has a path (https://watch.example.org/watch/)', () => {
  it('links and posts every step to the endpoints at the root of its origin, where they are served, and goes home to the url', async () => {
    const siteUrl = 'https://watch.example.org/watch/';
    const { call, sent } = setup(undefined, SECRET, undefined, {}, [], undefined, testSite({ url: siteUrl }), null);
    await call('POST', '/subscribe', 'email=ada%40example.org&tags=trade&page=%2Ftags%2Ftrade%2F');
    const link = /https?:\/\/\S+/.exec((await simpleParser(sent[0]!.raw)).text!)![0]!;
    expect(new URL(link).origin).toBe(new URL(siteUrl).origin);
    expect(new URL(link).pathname).toBe('/confirm');
    const served = new Set<string>(SUBSCRIPTION_PATHS);
    /** Every link and form action of a page, resolved against the URL it was fetched at. */
    const targets = (body: string, at: string) => [...body.matchAll(/(?:href|action)="([^"]*)"/g)].map((match) => new URL(match[1]!.replace(/&amp;/g, '&'), at));
    const confirmAt = new URL(link);
    const shown = await call('GET', `${confirmAt.pathname}${confirmAt.search}`);
    const subscribed = await call('POST', '/confirm', `token=${confirmAt.searchParams.get('token')}`);
    const topicsHref = /href="(\/preferences\?[^"]+)"/.exec(subscribed.body)![1]!;
    const topics = await call('GET', topicsHref);
    for (const [body, at] of [[shown.body, link], [subscribed.body, new URL('/confirm', siteUrl).href], [topics.body, new URL(topicsHref, siteUrl).href]] as const) {
      const urls = targets(body, at);
      expect(urls.length).toBeGreaterThan(1);
      for (const url of urls) {
        expect(url.origin).toBe(new URL(siteUrl).origin);
        // An endpoint at the origin's root, or the site's home page.
        expect(served.has(url.pathname) || url.href === siteUrl, url.href).toBe(true);
      }
      expect(urls.some((url) => url.href === siteUrl)).toBe(true);
    }
  });
});

describe("another list's links, under the same secret (two sites, or two lists, sharing one)", () => {
  // The same host and secret, another path: another list (digest-ko.watch.example.org).
  const other = () => testSite({ url: 'https://watch.example.org/ko/' });
  const topicsLink = (page: string) => /href="(\/preferences\?token=[^"]+)"/.exec(page)![1]!;

  it('refuses its confirm and topics links on every path, changing nothing, and takes its unsubscribe link, one-click too', async () => {
    const here = setup();
    const there = setup(undefined, SECRET, undefined, {}, [], undefined, other());
    // Signed up here and not confirmed yet: the other list's confirm link must not confirm it.
    await here.call('POST', '/subscribe', 'email=ada%40example.org');
    await there.call('POST', '/subscribe', 'email=ada%40example.org&tags=trade');
    const confirm = confirmToken(there.sent[0]!.raw);
    for (const answer of [await here.call('GET', `/confirm?token=${confirm}`), await here.call('POST', '/confirm', `token=${confirm}`)]) {
      expect(answer.status).toBe(400);
      expect(answer.body).toContain('Sorry: the link was made for another list, not this site&#39;s digest.');
    }
    expect((await here.store.get(subscriberId('ada@example.org')))?.subscriber.status).toBe('pending');
    const mine = await here.call('POST', '/confirm', `token=${confirmToken(here.sent[0]!.raw)}`);
    const record = await here.store.get(subscriberId('ada@example.org'));
    expect(record?.subscriber).toMatchObject({ status: 'confirmed', tags: [] });
    // The other list's topics link, from its "You're subscribed" page, and its digest's unsubscribe link.
    const page = await there.call('POST', '/confirm', `token=${confirm}`);
    const topics = topicsLink(page.body);
    expect((await there.call('GET', topics)).body).toContain('<h1>Your topics</h1>');
    const leave = new URL(unsubscribeUrl('https://watch.example.org/ko/unsubscribe?token={token}', 'ada@example.org', listIdOf(other()), SECRET));
    const refused = [await here.call('GET', topics), await here.call('POST', '/preferences', `${topics.slice('/preferences?'.length)}&tags=markets`)];
    expect(refused.map((answer) => answer.status)).toEqual([400, 400]);
    expect(refused[1]!.body).toContain('Sorry: the link was made for another list, not this site&#39;s digest.');
    expect(await here.store.get(subscriberId('ada@example.org'))).toEqual(record);
    expect((await here.call('GET', topicsLink(mine.body))).body).toContain('<h1>Your topics</h1>');
    // The unsubscribe link takes the address it was mailed to off either list (as one mailed before a list id changed
    // must): a GET only asks, the one-click POST does it.
    expect((await here.call('GET', `/unsubscribe${leave.search}`)).status).toBe(200);
    expect(await here.store.get(subscriberId('ada@example.org'))).toEqual(record);
    expect((await here.call('POST', `/unsubscribe${leave.search}`, 'List-Unsubscribe=One-Click')).status).toBe(200);
    expect((await here.store.get(subscriberId('ada@example.org')))?.subscriber.status).toBe('unsubscribed');
    expect((await there.call('POST', `/unsubscribe${leave.search}`, 'List-Unsubscribe=One-Click')).status).toBe(200);
    expect((await there.store.get(subscriberId('ada@example.org')))?.subscriber.status).toBe('unsubscribed');
  });

  it('still takes the links made before links named their list, on any list: last week\'s digest still unsubscribes in one click', async () => {
    const { call, store, clock } = setup();
    await call('POST', '/subscribe', 'email=ada%40example.org');
    // A confirm link an older version mailed, with the unsubscribe count links carried before they named their list.
    const confirm = signedToken({ a: 'ada@example.org', p: 'confirm', e: Math.floor(clock().toSeconds()) + CONFIRM_TOKEN_SECONDS, u: 0 }, SECRET);
    expect((await call('POST', '/confirm', `token=${confirm}`)).body).toContain('<h1>You&#39;re subscribed</h1>');
    const topics = await call('GET', `/preferences?token=${signedToken({ a: 'ada@example.org', p: 'preferences' }, SECRET)}`);
    expect(topics.body).toContain('<h1>Your topics</h1>');
    const oneClick = await call('POST', `/unsubscribe?token=${signedToken({ a: 'ada@example.org', p: 'unsubscribe' }, SECRET)}`, 'List-Unsubscribe=One-Click');
    expect(oneClick.status).toBe(200);
    expect((await store.get(subscriberId('ada@example.org')))?.subscriber.status).toBe('unsubscribed');
  });
});

describe('a link opened (GET) after the subscription changed', () => {
  it('a confirm link of a subscribed address says it is subscribed, with its topics, and offers no button', async () => {
    const { call, sent, store } = setup();
    await call('POST', '/subscribe', 'email=ada%40example.org&tags=trade');
    const token = confirmToken(sent[0]!.raw);
    await call('POST', '/confirm', `token=${token}`);
    const before = await store.get(subscriberId('ada@example.org'));
    const shown = await call('GET', `/confirm?token=${token}`);
    expect(shown.body).toContain('<h1>You&#39;re subscribed</h1>');
    expect(shown.body).toContain('with the entries tagged <bdi>Trade</bdi>, comes to <bdi>ada@example.org</bdi>.');
    expect(shown.body).not.toContain('<form');
    expect(await store.get(subscriberId('ada@example.org'))).toEqual(before);
  });

  it('a confirm link sent before the address unsubscribed says so, as its POST would, with no button', async () => {
    const { call, sent, advance } = setup();
    await call('POST', '/subscribe', 'email=ada%40example.org');
    const token = confirmToken(sent[0]!.raw);
    advance(5);
    await call('POST', `/unsubscribe?token=${signToken({ address: 'ada@example.org', purpose: 'unsubscribe' }, SECRET)}`, 'List-Unsubscribe=One-Click');
    const shown = await call('GET', `/confirm?token=${token}`);
    expect(shown.status).toBe(400);
    expect(shown.body).toContain('the address unsubscribed after this link was sent');
    expect(shown.body).not.toContain('<form');
  });

  it('an unsubscribe link of an address that left already says so, with no button', async () => {
    const { call, store } = setup();
    const url = `/unsubscribe?token=${signToken({ address: 'ada@example.org', purpose: 'unsubscribe' }, SECRET)}`;
    expect((await call('GET', url)).body).toContain('<button type="submit">Unsubscribe</button>');
    await call('POST', url, 'List-Unsubscribe=One-Click');
    const before = await store.get(subscriberId('ada@example.org'));
    const shown = await call('GET', url);
    expect(shown.body).toContain('<bdi>ada@example.org</bdi> is unsubscribed already: the digest is not sent to it.');
    expect(shown.body).not.toContain('<form');
    expect(await store.get(subscriberId('ada@example.org'))).toEqual(before);
  });
});

describe('an address with an internationalized domain', () => {
  it('is shown on the pages as typed (U-labels), and mailed to its A-labels', async () => {
    const { call, sent } = setup();
    await call('POST', '/subscribe', `email=${encodeURIComponent('user@bücher.example')}`);
    expect(sent.map((email) => email.to)).toEqual(['user@xn--bcher-kva.example']);
    const token = confirmToken(sent[0]!.raw);
    expect((await call('GET', `/confirm?token=${token}`)).body).toContain('with every entry, at <bdi>user@bücher.example</bdi>.</p>');
    expect((await call('POST', '/confirm', `token=${token}`)).body).toContain('will come to <bdi>user@bücher.example</bdi>.</p>');
    const unsubscribe = `/unsubscribe?token=${signToken({ address: 'user@xn--bcher-kva.example', purpose: 'unsubscribe' }, SECRET)}`;
    expect((await call('GET', unsubscribe)).body).toContain('stop sending the weekly digest to <bdi>user@bücher.example</bdi>.</p>');
    expect((await call('POST', unsubscribe, 'List-Unsubscribe=One-Click')).body).toContain('<p><bdi>user@bücher.example</bdi> will not receive the digest any more.</p>');
  });
});

describe("the confirmation email's Reply-To", () => {
  it('is digest.replyTo, as on the digest, so that a reply reaches the editors', async () => {
    const site = testSite({}, { ...DIGEST, replyTo: 'Editors <editors@watch.example.org>' });
    const { call, sent } = setup(undefined, SECRET, undefined, {}, [], undefined, site);
    await call('POST', '/subscribe', 'email=ada%40example.org');
    expect((await simpleParser(sent[0]!.raw)).replyTo?.value).toEqual([{ name: 'Editors', address: 'editors@watch.example.org' }]);
  });
});

describe('a confirmation link used again after the subscription changed', () => {
  it('keeps the topics chosen since and the first consent when the link is posted again', async () => {
    const { call, sent, store, advance } = setup();
    await call('POST', '/subscribe', 'email=ada%40example.org&tags=trade');
    const token = confirmToken(sent[0]!.raw);
    await call('POST', '/confirm', `token=${token}`);
    advance(5);
    await call('POST', '/preferences', `token=${signToken({ address: 'ada@example.org', purpose: 'preferences' }, SECRET)}&tags=markets`);
    const before = await store.get(subscriberId('ada@example.org'));
    advance(5);
    const again = await call('POST', '/confirm', `token=${token}`);
    expect(again.status).toBe(200);
    expect(again.body).toContain('<h1>You&#39;re subscribed</h1>');
    // Unchanged: markets (chosen at 09:05), not the signup's trade; consent still at 09:00.
    expect(await store.get(subscriberId('ada@example.org'))).toEqual(before);
    expect(before?.subscriber).toMatchObject({ tags: ['markets'], consent: { at: '2014-05-12T09:00:00.000Z' } });
  });

  it("the editor's unsubscribe (a request by mail) writes what the link writes, and withdraws the confirm links made before it", async () => {
    const { call, sent, store, advance, clock } = setup();
    // Ada leaves by her link, Bob by mail; Carol and Dave, never in the store, the same two ways.
    await call('POST', '/subscribe', 'email=ada%40example.org');
    await call('POST', '/subscribe', 'email=bob%40example.org', 'c2');
    const [adaLink, bobLink] = sent.map((mail) => confirmToken(mail.raw));
    advance(10);
    const leave = (address: string) => call('POST', `/unsubscribe?token=${signToken({ address, purpose: 'unsubscribe' }, SECRET)}`, 'List-Unsubscribe=One-Click');
    await leave('ada@example.org');
    await leave('carol@example.org');
    expect(await unsubscribeSubscriber(store, 'bob@example.org', clock())).toBe('unsubscribed');
    expect(await unsubscribeSubscriber(store, 'dave@example.org', clock())).toBe('recorded');
    const record = async (address: string) => (await store.get(subscriberId(address)))!.subscriber;
    const [ada, bob, carol, dave] = [await record('ada@example.org'), await record('bob@example.org'), await record('carol@example.org'), await record('dave@example.org')];
    const named = (subscriber: Subscriber, address: string) => ({ ...subscriber, id: subscriberId(address), address });
    expect(named(bob, 'ada@example.org')).toEqual(ada);
    expect(named(dave, 'carol@example.org')).toEqual(carol);
    // One unsubscribe counted, at 09:10.
    expect(bob).toMatchObject({ status: 'unsubscribed', unsubscribedAt: '2014-05-12T09:10:00.000Z', unsubscribes: 1 });
    for (const link of [adaLink, bobLink]) expect((await call('POST', '/confirm', `token=${link}`)).body).toContain('the address unsubscribed after this link was sent');
    // Asked again: left as the first request left it.
    advance(5);
    expect(await unsubscribeSubscriber(store, 'bob@example.org', clock())).toBe('already');
    expect(await record('bob@example.org')).toEqual(bob);
  });

  it('refuses a link sent before the address unsubscribed, and confirms with the link of a signup since', async () => {
    const { call, sent, store, advance } = setup();
    await call('POST', '/subscribe', 'email=ada%40example.org');
    const old = confirmToken(sent[0]!.raw);
    await call('POST', '/confirm', `token=${old}`);
    advance(10);
    await call('POST', `/unsubscribe?token=${signToken({ address: 'ada@example.org', purpose: 'unsubscribe' }, SECRET)}`, 'List-Unsubscribe=One-Click');
    advance(10);
    const replayed = await call('POST', '/confirm', `token=${old}`);
    expect(replayed.status).toBe(400);
    expect(replayed.body).toContain('the address unsubscribed after this link was sent');
    expect((await store.get(subscriberId('ada@example.org')))?.subscriber.status).toBe('unsubscribed');

    // The signup at 09:00 sent the last confirmation, so the next may go at 10:00.
    advance(40);
    await call('POST', '/subscribe', 'email=ada%40example.org');
    expect(sent).toHaveLength(2);
    expect((await call('POST', '/confirm', `token=${old}`)).status).toBe(400);
    expect((await call('POST', '/confirm', `token=${confirmToken(sent[1]!.raw)}`)).body).toContain('<h1>You&#39;re subscribed</h1>');
    expect((await store.get(subscriberId('ada@example.org')))?.subscriber.status).toBe('confirmed');
  });

  it('refuses a link sent before the address unsubscribed once the editor has forgotten the address, and writes nothing', async () => {
    const { call, sent, store, advance, clock } = setup();
    await call('POST', '/subscribe', 'email=ada%40example.org&tags=trade');
    const old = confirmToken(sent[0]!.raw);
    await call('POST', '/confirm', `token=${old}`);
    advance(10);
    await call('POST', `/unsubscribe?token=${signToken({ address: 'ada@example.org', purpose: 'unsubscribe' }, SECRET)}`, 'List-Unsubscribe=One-Click');
    expect(await forgetSubscriber(store, 'ada@example.org', clock())).toBe('erased');
    for (const [method, url, body] of [['GET', `/confirm?token=${old}`, ''], ['POST', '/confirm', `token=${old}`]] as const) {
      const refused = await call(method, url, body);
      expect(refused.status).toBe(400);
      expect(refused.body).toContain('the signup this link was sent for is no longer on record');
      expect(refused.body).toContain('Sign up again from any page of the site to get a new link.');
      expect(refused.body).not.toContain('<form');
    }
    expect(await store.get(subscriberId('ada@example.org'))).toBeUndefined();
    // Erased, not barred: a signup since sends a link that confirms.
    advance(60);
    await call('POST', '/subscribe', 'email=ada%40example.org');
    expect(sent).toHaveLength(2);
    expect((await call('POST', '/confirm', `token=${confirmToken(sent[1]!.raw)}`)).body).toContain('<h1>You&#39;re subscribed</h1>');
  });

  it('a signup from an address unsubscribed since its last confirmation sends a new one within the hour, and only one', async () => {
    const { call, sent, store, advance } = setup();
    const unsubscribe = `/unsubscribe?token=${signToken({ address: 'ada@example.org', purpose: 'unsubscribe' }, SECRET)}`;
    await call('POST', '/subscribe', 'email=ada%40example.org');
    await call('POST', '/confirm', `token=${confirmToken(sent[0]!.raw)}`);
    advance(5);
    await call('POST', unsubscribe, 'List-Unsubscribe=One-Click');
    advance(5);
    // 09:10, ten minutes after the first confirmation: the unsubscribe at 09:05 started the hour anew.
    await call('POST', '/subscribe', 'email=ada%40example.org');
    expect(sent).toHaveLength(2);
    advance(5);
    await call('POST', '/subscribe', 'email=ada%40example.org');
    expect(sent).toHaveLength(2);
    expect((await call('POST', '/confirm', `token=${confirmToken(sent[1]!.raw)}`)).body).toContain('<h1>You&#39;re subscribed</h1>');
    expect((await store.get(subscriberId('ada@example.org')))?.subscriber.status).toBe('confirmed');
  });

  it('a confirmation refused after an unsubscribe: the signup tried again at once sends it', async () => {
    const failures: Error[] = [];
    const { call, sent, advance } = setup(undefined, SECRET, undefined, {}, failures);
    await call('POST', '/subscribe', 'email=ada%40example.org');
    await call('POST', '/confirm', `token=${confirmToken(sent[0]!.raw)}`);
    await call('POST', `/unsubscribe?token=${signToken({ address: 'ada@example.org', purpose: 'unsubscribe' }, SECRET)}`, 'List-Unsubscribe=One-Click');
    advance(5);
    failures.push(new DeliveryError('SES MessageRejected', 'refused'));
    await expect(call('POST', '/subscribe', 'email=ada%40example.org')).rejects.toThrow('MessageRejected');
    await call('POST', '/subscribe', 'email=ada%40example.org');
    expect(sent).toHaveLength(2);
  });

  it('the signup page promises an email only to an address that is not subscribed', async () => {
    const { call, sent } = setup();
    await call('POST', '/subscribe', 'email=ada%40example.org');
    await call('POST', '/confirm', `token=${confirmToken(sent[0]!.raw)}`);
    const subscribed = await call('POST', '/subscribe', 'email=ada%40example.org');
    expect(sent).toHaveLength(1);
    expect(subscribed.body).toContain('Unless the address is subscribed already, mail to it bounced, or it was sent 3 links in the last 24 hours (the most this form sends one address), an email with a confirmation link for every entry is on its way to <bdi>ada@example.org</bdi>.');
  });

  it('refuses a link sent before the address unsubscribed within the same second: the order decides, not the clock', async () => {
    // A clock that reads the same second throughout (a preview run with --now, or a quick reader).
    const { call, sent, store } = setup();
    await call('POST', '/subscribe', 'email=ada%40example.org');
    const old = confirmToken(sent[0]!.raw);
    await call('POST', '/confirm', `token=${old}`);
    await call('POST', `/unsubscribe?token=${signToken({ address: 'ada@example.org', purpose: 'unsubscribe' }, SECRET)}`, 'List-Unsubscribe=One-Click');
    const replayed = await call('POST', '/confirm', `token=${old}`);
    expect(replayed.status).toBe(400);
    expect((await store.get(subscriberId('ada@example.org')))?.subscriber.status).toBe('unsubscribed');
  });

  it('refuses a link made the instant before an unsubscribe once a signup of that same instant has sent a new one, which confirms', async () => {
    // One instant throughout: the link, the unsubscribe and the signup again all read the same millisecond.
    const { call, sent, store } = setup();
    await call('POST', '/subscribe', 'email=ada%40example.org');
    const old = confirmToken(sent[0]!.raw);
    await call('POST', '/confirm', `token=${old}`);
    await call('POST', `/unsubscribe?token=${signToken({ address: 'ada@example.org', purpose: 'unsubscribe' }, SECRET)}`, 'List-Unsubscribe=One-Click');
    await call('POST', '/subscribe', 'email=ada%40example.org');
    expect(sent).toHaveLength(2);
    const opened = await call('GET', `/confirm?token=${old}`);
    expect(opened.status).toBe(400);
    expect(opened.body).toContain('the address unsubscribed after this link was sent');
    expect((await call('POST', '/confirm', `token=${old}`)).status).toBe(400);
    expect((await store.get(subscriberId('ada@example.org')))?.subscriber.status).toBe('unsubscribed');
    expect((await call('POST', '/confirm', `token=${confirmToken(sent[1]!.raw)}`)).body).toContain('<h1>You&#39;re subscribed</h1>');
  });

  it('a link made before links carried the unsubscribe count confirms only from the second after the unsubscribe, and never once one is counted', async () => {
    const { call, store } = setup();
    const id = subscriberId('ada@example.org');
    const unsubscribedAt = '2014-05-12T08:00:00.500Z';
    // As a record was kept before: unsubscribed at 08:00:00.5 and signed up again since, with no count.
    await store.put({ id, address: 'ada@example.org', status: 'unsubscribed', tags: [], createdAt: '2014-05-01T00:00:00.000Z', updatedAt: '2014-05-12T08:30:00.000Z', unsubscribedAt, signupPage: '/' }, undefined);
    const madeAt = (iso: string) => signToken({ address: 'ada@example.org', purpose: 'confirm', page: '/', expires: Math.floor(Date.parse(iso) / 1000) + CONFIRM_TOKEN_SECONDS }, SECRET);
    // 08:00:00.2 and 08:00:00.9 read the same second: the one before the unsubscribe cannot be told apart, so neither confirms.
    expect((await call('POST', '/confirm', `token=${madeAt('2014-05-12T08:00:00.200Z')}`)).status).toBe(400);
    const counted = (await store.get(id))!;
    await store.put({ ...counted.subscriber, unsubscribes: 1 }, counted.version);
    expect((await call('POST', '/confirm', `token=${madeAt('2014-05-12T08:00:01.000Z')}`)).status).toBe(400);
    const uncounted = (await store.get(id))!;
    const { unsubscribes: _count, ...before } = uncounted.subscriber;
    await store.put(before, uncounted.version);
    expect((await call('POST', '/confirm', `token=${madeAt('2014-05-12T08:00:01.000Z')}`)).body).toContain('<h1>You&#39;re subscribed</h1>');
  });
});
