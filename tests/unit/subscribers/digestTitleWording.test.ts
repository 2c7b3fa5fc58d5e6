import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { simpleParser } from 'mailparser';
import { afterAll, describe, expect, it } from 'vitest';
import { digestInfo } from '../../../lib/pages/pageArtifacts.js';
import { LocalStore } from '../../../lib/store/localStore.js';
import { StoreSubscriberStore } from '../../../lib/subscribers/storeSubscriberStore.js';
import { createSubscriptionHandler } from '../../../lib/subscribers/subscriptionHandler.js';
import { testSite } from '../../support/digestFixtures.js';

// Every sentence that names the digest by its site says "the weekly digest of <title>", as the digest's own footer
// does: "the <title> digest" read "the Weekly Digest digest" for a site whose title ends in the word. Checked where
// a reader meets it: the confirmation email (subject and both parts), the subscription pages, and the mail the
// site's pages ask a reader to write when the editors take signups by email.

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

const TITLE = 'Weekly Digest';
/** The word twice with nothing but spaces and punctuation between, once the markup is gone. */
const doubled = (text: string) => /\bdigest\b[^\p{L}\p{N}]*\bdigest\b/iu.test(text.replace(/<[^>]*>/g, '').replace(/&[a-z]+;|&#\d+;/g, ' '));

function handler(tags: () => Promise<{ name: string; slug: string }[]>) {
  const dir = mkdtempSync(join(tmpdir(), 'broadsheet-title-wording-'));
  dirs.push(dir);
  const sent: Buffer[] = [];
  const handle = createSubscriptionHandler({
    site: testSite({ title: TITLE }),
    store: new StoreSubscriberStore(new LocalStore(dir)),
    secret: 'a-long-enough-test-secret',
    baseUrl: 'http://127.0.0.1:9/',
    now: () => DateTime.fromISO('2014-05-12T09:00:00Z'),
    sendMail: async (_to, raw) => void sent.push(raw),
    tags,
    answerFloorMs: 0,
  });
  return { call: (method: string, url: string, body = '') => handle({ method, url, body, client: 'c1', ...(method === 'POST' ? { contentType: 'application/x-www-form-urlencoded' } : {}) }), sent };
}

describe(`a site titled "${TITLE}"`, () => {
  it('gets a confirmation email and subscription pages that never read "Weekly Digest digest"', async () => {
    const { call, sent } = handler(async () => [{ name: 'Trade', slug: 'trade' }]);
    await call('POST', '/subscribe', 'email=ada%40example.org&tags=trade');
    const email = await simpleParser(sent[0]!);
    expect(email.subject).toBe('Confirm your subscription to the weekly digest of Weekly Digest');
    expect(email.text!.replace(/\s+/g, ' ')).toContain('asked to receive the weekly digest of Weekly Digest, with the entries tagged Trade, at this address.');
    const token = /confirm\?token=([A-Za-z0-9_.-]+)/.exec(email.text!)![1]!;
    const confirmPage = (await call('GET', `/confirm?token=${token}`)).body;
    expect(confirmPage).toContain('Press the button to receive the weekly digest of <bdi>Weekly Digest</bdi>, with the entries tagged <bdi>Trade</bdi>, at <bdi>ada@example.org</bdi>.');
    const subscribedPage = (await call('POST', '/confirm', `token=${token}`)).body;
    expect(subscribedPage).toContain('The weekly digest of <bdi>Weekly Digest</bdi>, with the entries tagged <bdi>Trade</bdi>, will come to <bdi>ada@example.org</bdi>.');
    for (const [name, text] of Object.entries({ subject: email.subject!, text: email.text!, html: email.html as string, confirmPage, subscribedPage })) expect(doubled(text), name).toBe(false);
  });

  it('gets a page to choose topics again, for a link whose topic the site no longer has, that never reads "Weekly Digest digest"', async () => {
    // The topic signed up for is gone by the time the link is opened, and the site has none left.
    let tags = [{ name: 'Trade', slug: 'trade' }];
    const { call, sent } = handler(async () => tags);
    await call('POST', '/subscribe', 'email=ada%40example.org&tags=trade');
    const token = /confirm\?token=([A-Za-z0-9_.-]+)/.exec((await simpleParser(sent[0]!)).text!)![1]!;
    tags = [];
    const page = (await call('GET', `/confirm?token=${token}`)).body;
    expect(page).toContain('press the button to receive the weekly digest of <bdi>Weekly Digest</bdi>, with every entry, at <bdi>ada@example.org</bdi>.');
    expect(doubled(page)).toBe(false);
  });

  it('gets pages whose mail to the editors never asks for the "Weekly Digest digest"', () => {
    // No digest.from: the site's pages ask readers to write to the author (lib/content/digestByEmail.ts).
    const site = testSite({ title: TITLE, author: { name: 'Editors', email: 'editors@example.org' } }, { day: 'monday' });
    const { subscribeHref } = digestInfo(site, 'index.html');
    const subject = decodeURIComponent(new URL(subscribeHref!).searchParams.get('subject')!);
    expect(subject).toBe('Subscribe to the weekly digest of Weekly Digest');
    expect(doubled(subject)).toBe(false);
  });
});
