import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { simpleParser } from 'mailparser';
import { parse } from 'parse5';
import { afterAll, describe, expect, it } from 'vitest';
import { LocalStore } from '../../../lib/store/localStore.js';
import { StoreSubscriberStore } from '../../../lib/subscribers/storeSubscriberStore.js';
import { createSubscriptionHandler } from '../../../lib/subscribers/subscriptionHandler.js';
import { testSite } from '../../support/digestFixtures.js';
import { languagesOf } from '../../support/textLanguages.js';

// README "For readers": on the subscription pages, "the titles, tags and names typed among" Broadsheet's English
// words "keep the site's language" (WCAG 2.2 3.1.2); and each is isolated (HTML's <bdi>, UAX #9), as the digest
// isolates them: a right-to-left title ending in "!" would otherwise have its "!" drawn at its other end.

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

interface Node {
  nodeName: string;
  value?: string;
  childNodes?: Node[];
}

/** For each text node holding `name` (<title> aside): the element it is in, when the node is the name alone; else `mixed`. */
function holders(html: string, name: string): string[] {
  const found: string[] = [];
  const walk = (node: Node, parent: string) => {
    if (node.nodeName === 'title') return;
    if (node.nodeName === '#text' && node.value!.includes(name)) found.push(node.value!.trim() === name ? parent : 'mixed');
    for (const child of node.childNodes ?? []) walk(child, node.nodeName);
  };
  walk(parse(html) as unknown as Node, '');
  return found;
}

/** A confirmed subscriber of `site` (with the first of `tags`), its confirmation email and the pages on the way. */
async function signedUp(site: ReturnType<typeof testSite>, tags: { name: string; slug: string }[]) {
  const dir = mkdtempSync(join(tmpdir(), 'broadsheet-page-sentences-'));
  dirs.push(dir);
  const sent: Buffer[] = [];
  const handler = createSubscriptionHandler({
    site,
    store: new StoreSubscriberStore(new LocalStore(dir)),
    secret: 'a-long-enough-test-secret',
    baseUrl: 'http://127.0.0.1:9/',
    now: () => DateTime.fromISO('2014-05-12T09:00:00Z'),
    sendMail: async (_to, raw) => void sent.push(raw),
    tags: async () => tags,
    answerFloorMs: 0,
  });
  const call = (method: string, url: string, body = '') => handler({ method, url, body, client: 'c1', ...(method === 'POST' ? { contentType: 'application/x-www-form-urlencoded' } : {}) });
  await call('POST', '/subscribe', `email=ada%40example.org&tags=${tags[0]!.slug}`);
  const email = await simpleParser(sent[0]!);
  const token = /confirm\?token=([A-Za-z0-9_.-]+)/.exec(email.text!)![1]!;
  const confirmPage = (await call('GET', `/confirm?token=${token}`)).body;
  const subscribedPage = (await call('POST', '/confirm', `token=${token}`)).body;
  const link = (text: string) => new RegExp(`href="(/[^"]+)">${text}<`).exec(subscribedPage)![1]!.replace(/&amp;/g, '&');
  return { email, confirmPage, subscribedPage, call, sent, topicsLink: link('Choose the topics you receive'), unsubscribeLink: link('Unsubscribe') };
}

describe('the names typed among the subscription pages\u2019 English words', () => {
  it('are in the site\u2019s language on a Korean site, the site\u2019s title and a topic alike', async () => {
    const { confirmPage, subscribedPage } = await signedUp(testSite({ title: '테스트 워치', language: 'ko' }), [{ name: '환율', slug: 'xn--the-rate' }]);
    for (const html of [confirmPage, subscribedPage]) {
      // The sentence naming them is English; every text of the title (the sentence's and the home link's) is Korean.
      expect(languagesOf(html, /weekly digest of/)).toEqual(['en']);
      expect(languagesOf(html, '테스트 워치')).toEqual(['ko', 'ko']);
      expect(languagesOf(html, '환율')).toEqual(['ko']);
    }
  });

  it('are each isolated on an Arabic site, the address too', async () => {
    const { confirmPage, subscribedPage } = await signedUp(testSite({ title: 'مرصد الاقتصاد!', language: 'ar' }), [{ name: 'تجارة!', slug: 'trade' }]);
    for (const html of [confirmPage, subscribedPage]) {
      expect(holders(html, 'مرصد الاقتصاد!')).toEqual(['bdi', 'bdi']);
      expect(holders(html, 'تجارة!')).toEqual(['bdi']);
      expect(holders(html, 'ada@example.org')).toEqual(['bdi']);
    }
  });

  it('are isolated and in the site\u2019s language in the confirmation email\u2019s HTML, as in the digest\u2019s', async () => {
    const { email } = await signedUp(testSite({ title: 'مرصد الاقتصاد!', language: 'ar' }), [{ name: 'تجارة!', slug: 'trade' }]);
    const html = email.html as string;
    expect(holders(html, 'مرصد الاقتصاد!')).toEqual(['bdi']);
    expect(holders(html, 'تجارة!')).toEqual(['bdi']);
    expect(languagesOf(html, 'مرصد الاقتصاد!')).toEqual(['ar']);
    expect(languagesOf(html, /weekly digest of/)).toEqual(['en']);
    // The text part reads as before: the names among the words, nothing of the markup.
    expect(email.text!.replace(/\s+/g, ' ')).toContain('the weekly digest of مرصد الاقتصاد!, with the entries tagged تجارة!, at this address.');
  });
});

describe('the pages of a subscriber who chooses topics, leaves and comes back', () => {
  it('the topics page names the address whose digest the ticks are for', async () => {
    const { call, topicsLink } = await signedUp(testSite(), [{ name: 'Trade', slug: 'trade' }]);
    const page = (await call('GET', topicsLink)).body;
    expect(page).toContain('Tick the topics you want in the digest sent to <bdi>ada@example.org</bdi>:');
  });

  it('after leaving, the page says how to come back, and doing so subscribes the address again', async () => {
    const { call, sent, unsubscribeLink } = await signedUp(testSite(), [{ name: 'Trade', slug: 'trade' }]);
    const comingBack = 'Sign up again with the form on any page of the site';
    // The one-click POST's page, and the link opened again after it.
    expect((await call('POST', unsubscribeLink, 'List-Unsubscribe=One-Click')).body).toContain(comingBack);
    expect((await call('GET', unsubscribeLink)).body).toContain(comingBack);
    // As it says: the form sends a link at once (the day's count starts anew after an unsubscribe), which subscribes again.
    await call('POST', '/subscribe', 'email=ada%40example.org');
    expect(sent).toHaveLength(2);
    const token = /confirm\?token=([A-Za-z0-9_.-]+)/.exec((await simpleParser(sent[1]!)).text!)![1]!;
    expect((await call('POST', '/confirm', `token=${token}`)).body).toContain('<h1>You&#39;re subscribed</h1>');
  });
});
