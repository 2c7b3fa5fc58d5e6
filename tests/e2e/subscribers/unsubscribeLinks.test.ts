import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalStore } from '../../../lib/store/localStore.js';
import { StoreSubscriberStore } from '../../../lib/subscribers/storeSubscriberStore.js';
import { subscriberId } from '../../../lib/subscribers/subscriber.js';
import { createSubscriptionHandler } from '../../../lib/subscribers/subscriptionHandler.js';
import { runCli } from '../../support/cli.js';
import { entry, entryText } from '../../support/content.js';
import { siteYaml, testSite } from '../../support/digestFixtures.js';
import { PreviewProcess } from '../../support/preview.js';
import { tokenReadings } from '../../support/signedToken.js';
import { headerFields, tempDir } from '../digest/support.js';

const OLD = 'the-secret-the-digest-was-signed-with';
const NEW = 'the-secret-rotated-in-after-it';

describe("a digest's unsubscribe and topics links, clicked in a mail client after the token secret rotated", () => {
  let cwd: string;
  let preview: PreviewProcess;
  let raw: Buffer;
  let content: string;
  const digest = (week: string, now: string, secret: string) =>
    runCli(['digest', '--content', content, '--week', week, '--send', '--transport', 'file', '--subscribers', 'subscribers', '--outbox', 'outbox', '--now', now], { cwd, env: { DIGEST_UNSUBSCRIBE_SECRET: secret } });
  const sentTo = async (week: string, address: string) => {
    for (const name of await readdir(join(cwd, 'outbox', week))) {
      const mail = await simpleParser(await readFile(join(cwd, 'outbox', week, name)));
      if (mail.to && !Array.isArray(mail.to) && mail.to.value[0]!.address === address) return mail;
    }
    return undefined;
  };
  const post = (url: string) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click', signal: AbortSignal.timeout(10_000) });

  beforeAll(async () => {
    cwd = await tempDir('unsubscribe-links');
    content = join(cwd, 'content');
    await mkdir(join(content, 'entries', '2014'), { recursive: true });
    await writeFile(join(content, 'site.yml'), siteYaml({}, { from: 'Test Watch <digest@watch.example.org>', unsubscribe: { url: 'https://watch.example.org/unsubscribe?token={token}', mailto: 'unsubscribe@watch.example.org' } }));
    await writeFile(join(content, 'entries', '2014', 'a.md'), entryText(entry({ title: 'Trade in week 19', url: 'https://news.example.com/t19', date: '2014-05-07', tags: ['trade'] })));
    await writeFile(join(content, 'entries', '2014', 'b.md'), entryText(entry({ title: 'Markets in week 19', url: 'https://news.example.com/m19', date: '2014-05-08', tags: ['markets'] })));
    await writeFile(join(content, 'entries', '2014', 'c.md'), entryText(entry({ title: 'Markets in week 20', url: 'https://news.example.com/m20', date: '2014-05-14', tags: ['markets'] })));
    const subscribers = ['--subscribers', 'subscribers', '--now', '2014-05-01T00:00:00Z'];
    expect((await runCli(['subscribers', 'add', 'ada@example.org', ...subscribers], { cwd })).code).toBe(0);
    expect((await runCli(['subscribers', 'add', 'grace@example.org', '--tags', 'trade', ...subscribers], { cwd })).code).toBe(0);
    // Sent under the old secret.
    const sent = await digest('2014-W19', '2014-05-12T09:00:00+09:00', OLD);
    expect(sent.stdout).toContain('2 sent');
    const [file] = (await readdir(join(cwd, 'outbox', '2014-W19'))).filter((name) => name.startsWith('ada-'));
    raw = await readFile(join(cwd, 'outbox', '2014-W19', file!));
    // Then the secret is rotated: the new one first, the old one kept while mail signed with it is out there.
    preview = await new PreviewProcess(['--content', content, '--subscribers', join(cwd, 'subscribers'), '--outbox', join(cwd, 'outbox'), '--now', '2014-05-13T09:00:00+09:00'], { DIGEST_UNSUBSCRIBE_SECRET: `${NEW} ${OLD}` }).start();
  });
  afterAll(async () => {
    await preview?.stop();
  });

  it('a link cut short says how to leave the list; the whole one-click link unsubscribes, twice over', async () => {
    const listUnsubscribe = new URL(/<(https:[^>]+)>/.exec(headerFields(raw, 'List-Unsubscribe')[0]!)![1]!);
    const text = (await simpleParser(raw)).text!;
    const line = text.split('\n').find((candidate) => candidate.startsWith('Unsubscribe: '))!;
    expect(line).toBe(`Unsubscribe: ${listUnsubscribe.href}`);

    // The text part's line cut at 76 columns, as a client that wraps it hands over the first half.
    const cut = new URL(line.slice('Unsubscribe: '.length, 76));
    const broken = await fetch(`${preview.url}unsubscribe${cut.search}`, { signal: AbortSignal.timeout(10_000) });
    expect(broken.status).toBe(400);
    const page = await broken.text();
    expect(page).toContain('open the Unsubscribe link of your latest digest, all of it');
    expect(page).toContain('write to <bdi>unsubscribe@watch.example.org</bdi> to be taken off the list');
    expect(page).not.toContain('Sign up again');

    // Another list id under the same secrets (the site moved under /ko/ on this host, say): the link names the list it
    // was sent for, and still takes the reader off.
    const elsewhere = createSubscriptionHandler({ site: testSite({ url: 'https://watch.example.org/ko/' }), store: new StoreSubscriberStore(new LocalStore(join(cwd, 'elsewhere'))), secret: `${NEW} ${OLD}`, now: () => DateTime.now(), sendMail: async () => undefined, tags: async () => [], answerFloorMs: 0 });
    const moved = await elsewhere({ method: 'POST', url: `/unsubscribe${listUnsubscribe.search}`, body: 'List-Unsubscribe=One-Click', client: 'mail client' });
    expect([moved.status, moved.body.includes('<bdi>ada@example.org</bdi> will not receive the digest any more.')]).toEqual([200, true]);

    const store = new StoreSubscriberStore(new LocalStore(join(cwd, 'subscribers')));
    for (let click = 0; click < 2; click++) {
      const oneClick = await post(`${preview.url}unsubscribe${listUnsubscribe.search}`);
      expect(oneClick.status).toBe(200);
      expect(await oneClick.text()).toContain('<bdi>ada@example.org</bdi> will not receive the digest any more.');
      expect((await store.get(subscriberId('ada@example.org')))?.subscriber.status).toBe('unsubscribed');
    }
  });

  it("the footer's Your topics link opens the subscriber's topics on the site, and the next digest follows the choice", async () => {
    const w19 = (await sentTo('2014-W19', 'grace@example.org'))!;
    // Grace chose trade: the trade entry only, and a link to change that in both parts.
    expect(w19.text).toContain('Trade in week 19');
    expect(w19.text).not.toContain('Markets in week 19');
    const line = w19.text!.split('\n').find((candidate) => candidate.startsWith('Your topics: '));
    expect(line).toMatch(/^Your topics: https:\/\/watch\.example\.org\/preferences\?token=[A-Za-z0-9_.-]+$/);
    const link = new URL(line!.slice('Your topics: '.length));
    expect(w19.html).toContain(`<a href="${link.href}" style="color: #1a4f8b;">Your topics</a>`);

    const shown = await fetch(`${preview.url}preferences${link.search}`, { signal: AbortSignal.timeout(10_000) });
    expect(shown.status).toBe(200);
    const form = await shown.text();
    expect(form).toContain('<input type="checkbox" name="tags" value="trade" checked>');
    expect(form).toContain('<input type="checkbox" name="tags" value="markets">');
    const saved = await fetch(`${preview.url}preferences`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `token=${link.searchParams.get('token')}&tags=markets`, signal: AbortSignal.timeout(10_000) });
    expect(saved.status).toBe(200);
    expect(await saved.text()).toContain('Your digest will hold the entries tagged <bdi>markets</bdi>.');

    const w20 = await digest('2014-W20', '2014-05-19T09:00:00+09:00', `${NEW} ${OLD}`);
    expect(w20.code).toBe(0);
    expect((await sentTo('2014-W20', 'grace@example.org'))?.text).toContain('Markets in week 20');
  });

  it("the digest's unsubscribe and topics links show no address: whoever reads them (an access log, a browser's history) learns nothing of the reader", async () => {
    const mail = (await sentTo('2014-W19', 'grace@example.org'))!;
    const links = [...new Set(mail.text!.match(/https:\/\/watch\.example\.org\/(?:unsubscribe|preferences)\?token=[A-Za-z0-9_.-]+/g))];
    expect(links.map((link) => new URL(link).pathname).sort()).toEqual(['/preferences', '/unsubscribe']);
    for (const link of links) expect(tokenReadings(new URL(link).searchParams.get('token')!)).not.toMatch(/grace|example\.org/);
  });

  it('a recipient of a plain list (not the subscriber store) gets no topics link: the site has no record to show', async () => {
    const list = await runCli(['digest', '--content', content, '--week', '2014-W19', '--send', '--transport', 'file', '--to', 'linus@example.org', '--outbox', 'outbox', '--now', '2014-05-19T09:00:00+09:00'], { cwd, env: { DIGEST_UNSUBSCRIBE_SECRET: OLD } });
    expect(list.stdout).toContain('1 sent');
    const mail = (await sentTo('2014-W19', 'linus@example.org'))!;
    expect(mail.text).toContain('Unsubscribe: https://watch.example.org/unsubscribe?token=');
    expect(mail.text).not.toContain('Your topics');
    expect(mail.html).not.toContain('Your topics');
    expect(mail.html).not.toContain('urn:broadsheet');
  });
});
