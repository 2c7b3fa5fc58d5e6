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

// Every sentence that names the digest by its site names it as the digest's own footer does (digestInSentence):
// "the weekly digest of <title>", or a title that says digest already alone, where "the weekly digest of Weekly
// Digest" and "the Weekly Digest digest" said it twice. Checked where a reader meets it: the confirmation email
// (subject and both parts), the subscription pages, and the mail the site's pages ask a reader to write when the
// editors take signups by email; an ordinary title keeps "the weekly digest of" (pageSentences, confirmationMessage).

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

const TITLE = 'Weekly Digest';
/** The digest named twice, once the markup is gone: "Weekly Digest digest", or "the weekly digest of Weekly Digest". */
const doubled = (text: string) => {
  const words = text.replace(/<[^>]*>/g, '').replace(/&[a-z]+;|&#\d+;/g, ' ').replace(/\s+/g, ' ');
  return /\bdigest\b[^\p{L}\p{N}]*\bdigest\b/iu.test(words) || words.toLowerCase().includes(`digest of ${TITLE.toLowerCase()}`);
};

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
  it('gets a confirmation email and subscription pages that never say digest twice', async () => {
    const { call, sent } = handler(async () => [{ name: 'Trade', slug: 'trade' }]);
    await call('POST', '/subscribe', 'email=ada%40example.org&tags=trade');
    const email = await simpleParser(sent[0]!);
    expect(email.subject).toBe(`Confirm your subscription to ${TITLE}`);
    expect(email.text!.replace(/\s+/g, ' ')).toContain(`asked to receive ${TITLE}, with the entries tagged Trade, at this address.`);
    const token = /confirm\?token=([A-Za-z0-9_.-]+)/.exec(email.text!)![1]!;
    const confirmPage = (await call('GET', `/confirm?token=${token}`)).body;
    expect(confirmPage).toContain(`Press the button to receive <bdi>${TITLE}</bdi>, with the entries tagged <bdi>Trade</bdi>, at <bdi>ada@example.org</bdi>.`);
    const subscribedPage = (await call('POST', '/confirm', `token=${token}`)).body;
    expect(subscribedPage).toContain(`<bdi>${TITLE}</bdi>, with the entries tagged <bdi>Trade</bdi>, will come to <bdi>ada@example.org</bdi>.`);
    for (const [name, text] of Object.entries({ subject: email.subject!, text: email.text!, html: email.html as string, confirmPage, subscribedPage })) expect(doubled(text), name).toBe(false);
  });

  it('gets a page to choose topics again, for a link whose topic the site no longer has, that never says digest twice', async () => {
    // The topic signed up for is gone by the time the link is opened, and the site has none left.
    let tags = [{ name: 'Trade', slug: 'trade' }];
    const { call, sent } = handler(async () => tags);
    await call('POST', '/subscribe', 'email=ada%40example.org&tags=trade');
    const token = /confirm\?token=([A-Za-z0-9_.-]+)/.exec((await simpleParser(sent[0]!)).text!)![1]!;
    tags = [];
    const page = (await call('GET', `/confirm?token=${token}`)).body;
    expect(page).toContain(`press the button to receive <bdi>${TITLE}</bdi>, with every entry, at <bdi>ada@example.org</bdi>.`);
    expect(doubled(page)).toBe(false);
  });

  it('gets pages whose mail to the editors never asks for the digest twice', () => {
    // No digest.from: the site's pages ask readers to write to the author (lib/content/digestByEmail.ts).
    const site = testSite({ title: TITLE, author: { name: 'Editors', email: 'editors@example.org' } }, { day: 'monday' });
    const { subscribeHref } = digestInfo(site, 'index.html');
    const subject = decodeURIComponent(new URL(subscribeHref!).searchParams.get('subject')!);
    expect(subject).toBe(`Subscribe to ${TITLE}`);
    expect(doubled(subject)).toBe(false);
  });
});
