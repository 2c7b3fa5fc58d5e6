import { readdir, readFile, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalStore } from '../../../lib/store/localStore.js';
import { StoreSubscriberStore } from '../../../lib/subscribers/storeSubscriberStore.js';
import { subscriberId } from '../../../lib/subscribers/subscriber.js';
import { signToken } from '../../../lib/subscribers/subscriberToken.js';
import { runCli } from '../../support/cli.js';
import { entry, entryText } from '../../support/content.js';
import { siteYaml } from '../../support/digestFixtures.js';
import { PreviewProcess } from '../../support/preview.js';
import { headerFields, tempDir } from '../digest/support.js';

const SECRET = 'journey-secret-of-enough-length';
const ENV = { DIGEST_UNSUBSCRIBE_SECRET: SECRET };
const ADA = 'ada@example.org';
// 2014-W19 is 5–11 May, 2014-W20 12–18 May (Seoul).
const ENTRIES = {
  '2014/trade-w19.md': entryText(entry({ title: 'Trade in week 19', url: 'https://news.example.com/t19', date: '2014-05-07', tags: ['trade'] })),
  '2014/markets-w19.md': entryText(entry({ title: 'Markets in week 19', url: 'https://news.example.com/m19', date: '2014-05-08', tags: ['markets'] })),
  '2014/trade-w20.md': entryText(entry({ title: 'Trade in week 20', url: 'https://news.example.com/t20', date: '2014-05-14', tags: ['trade'] })),
};

describe('a subscriber through broadsheet preview: subscribe, confirm, receive the chosen tags, leave in one click', () => {
  let cwd: string;
  let content: string;
  let preview: PreviewProcess;
  const store = () => new StoreSubscriberStore(new LocalStore(join(cwd, 'subscribers')));
  const digest = (week: string, now: string) =>
    runCli(['digest', '--content', content, '--week', week, '--send', '--transport', 'file', '--subscribers', 'subscribers', '--outbox', 'outbox', '--now', now], { cwd, env: ENV });

  beforeAll(async () => {
    cwd = await tempDir('journey');
    content = join(cwd, 'content');
    await mkdir(content);
    await writeFile(join(content, 'site.yml'), siteYaml({}, { from: 'Test Watch <digest@watch.example.org>', unsubscribe: { url: 'https://watch.example.org/unsubscribe?token={token}', mailto: 'unsubscribe@watch.example.org' } }));
    for (const [path, text] of Object.entries(ENTRIES)) {
      await mkdir(join(content, 'entries', '2014'), { recursive: true });
      await writeFile(join(content, 'entries', path), text);
    }
    // Sunday of 2014-W19: a reader who confirms then gets its issue, due on Monday 12 May at 08:00.
    preview = await new PreviewProcess(['--content', content, '--subscribers', join(cwd, 'subscribers'), '--outbox', join(cwd, 'outbox'), '--now', '2014-05-11T09:00:00+09:00'], ENV).start();
  });
  afterAll(async () => {
    await preview?.stop();
  });

  it('goes from the signup form to a one-click unsubscribe, and the next digest is not sent', async () => {
    // The index page carries the signup form, posting to /subscribe on the same origin.
    const index = await (await fetch(preview.url, { signal: AbortSignal.timeout(10_000) })).text();
    expect(index).toMatch(/<form[^>]+method="post"[^>]+action="subscribe"/);

    const signup = await fetch(`${preview.url}subscribe`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `email=${encodeURIComponent(ADA)}&tags=trade&page=%2F&website=`, signal: AbortSignal.timeout(10_000) });
    expect(signup.status).toBe(200);
    expect(await signup.text()).toContain('Check your inbox');

    // One confirmation email, to Ada, from the digest's From, with a confirm link to the preview.
    const emails = await readdir(join(cwd, 'outbox', 'confirmations'));
    expect(emails).toHaveLength(1);
    const confirmationRaw = await readFile(join(cwd, 'outbox', 'confirmations', emails[0]!));
    // RFC 5322 §2.3: CR and LF only together, in the parts too.
    expect(confirmationRaw.toString('latin1').replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const confirmation = await simpleParser(confirmationRaw);
    expect(confirmation.to && !Array.isArray(confirmation.to) ? confirmation.to.value[0]!.address : undefined).toBe(ADA);
    expect(confirmation.from!.value[0]!.address).toBe('digest@watch.example.org');
    const link = /(http:\/\/127\.0\.0\.1:\d+\/confirm\?token=[A-Za-z0-9._-]+)/.exec(confirmation.text!)![1]!;
    expect(link.startsWith(`${preview.url}confirm?token=`)).toBe(true);
    expect(confirmation.html).toContain(link);

    // GET changes nothing: the record stays pending.
    const before = await store().get(subscriberId(ADA));
    expect(before?.subscriber.status).toBe('pending');
    const shown = await fetch(link, { signal: AbortSignal.timeout(10_000) });
    expect(shown.status).toBe(200);
    expect(await shown.text()).toContain('<button type="submit">Confirm my subscription</button>');
    expect(await store().get(subscriberId(ADA))).toEqual(before);

    // POST confirms.
    const token = new URL(link).searchParams.get('token')!;
    const confirmed = await fetch(`${preview.url}confirm`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `token=${token}`, signal: AbortSignal.timeout(10_000) });
    expect(confirmed.status).toBe(200);
    expect((await store().get(subscriberId(ADA)))?.subscriber).toMatchObject({ status: 'confirmed', tags: ['trade'], consent: { method: 'form', page: '/' } });

    // The week's digest goes to Ada with the trade entry only.
    const w19 = await digest('2014-W19', '2014-05-12T09:00:00+09:00');
    expect(w19.stderr).toBe('');
    expect(w19.code).toBe(0);
    expect(w19.stdout).toContain('1 sent, 0 skipped (already sent), 0 failed, 0 unknown, of 1 recipient');
    const sent = await readdir(join(cwd, 'outbox', '2014-W19'));
    expect(sent).toHaveLength(1);
    const raw = await readFile(join(cwd, 'outbox', '2014-W19', sent[0]!));
    const mail = await simpleParser(raw);
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.value[0]!.address : undefined).toBe(ADA);
    expect(mail.text).toContain('Trade in week 19');
    expect(mail.text).not.toContain('Markets in week 19');
    // RFC 8058 §3.1: an https URI and the One-Click POST field.
    const [listUnsubscribe] = headerFields(raw, 'List-Unsubscribe');
    expect(listUnsubscribe).toMatch(/^<https:\/\/watch\.example\.org\/unsubscribe\?token=[A-Za-z0-9._-]+>, <mailto:unsubscribe@watch\.example\.org\?subject=unsubscribe%20ada%40example\.org&body=unsubscribe%20ada%40example\.org>$/);
    expect(headerFields(raw, 'List-Unsubscribe-Post')).toEqual(['List-Unsubscribe=One-Click']);

    // The mail client's one-click POST, to the same path on the preview.
    const unsubscribeUrl = new URL(/<(https:[^>]+)>/.exec(listUnsubscribe!)![1]!);
    const oneClick = await fetch(`${preview.url}unsubscribe${unsubscribeUrl.search}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click', signal: AbortSignal.timeout(10_000) });
    expect(oneClick.status).toBe(200);
    expect((await store().get(subscriberId(ADA)))?.subscriber.status).toBe('unsubscribed');
    // The confirmation link clicked again after leaving does not subscribe Ada again, though this preview's --now
    // makes every step one moment.
    const replayed = await fetch(`${preview.url}confirm`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `token=${token}`, signal: AbortSignal.timeout(10_000) });
    expect(replayed.status).toBe(400);
    expect((await store().get(subscriberId(ADA)))?.subscriber.status).toBe('unsubscribed');

    // The next week's digest (with a trade entry) is not sent to Ada.
    const w20 = await digest('2014-W20', '2014-05-19T09:00:00+09:00');
    expect(w20.code).toBe(0);
    expect(w20.stdout).toContain('0 sent, 0 skipped (already sent), 0 failed, 0 unknown, of 0 recipients');
    expect(await readdir(join(cwd, 'outbox')).then((names) => names.sort())).toEqual(['2014-W19', 'confirmations']);
  });

  it('runs the subscription pages’ clock on from --now, so that their limits lift as time passes', async () => {
    const signup = (address: string) =>
      fetch(`${preview.url}subscribe`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `email=${encodeURIComponent(address)}&page=%2F&website=`, signal: AbortSignal.timeout(10_000) });
    expect((await signup('bob@example.org')).status).toBe(200);
    await new Promise((done) => setTimeout(done, 1_100));
    expect((await signup('carol@example.org')).status).toBe(200);
    // Each confirmation is named after the moment it was sent (yyyyLLdd'T'HHmmss, UTC): after --now, and a second apart.
    const sentAt = async (who: string) => (await readdir(join(cwd, 'outbox', 'confirmations'))).find((name) => name.includes(`-${who}-example-org-`))!.slice(0, 15);
    const [bob, carol] = [await sentAt('bob'), await sentAt('carol')];
    expect(bob >= '20140511T000000').toBe(true);
    expect(carol > bob).toBe(true);
  });

  it('shows a chosen topic no entry has any more ticked on the topics page, and keeps it while it stays ticked', async () => {
    const address = 'grace@example.org';
    await store().put({ id: subscriberId(address), address, status: 'confirmed', tags: ['rates'], createdAt: '2014-05-01T00:00:00.000Z', updatedAt: '2014-05-01T00:00:00.000Z' }, undefined);
    const token = signToken({ address, purpose: 'preferences' }, SECRET);
    const shown = await (await fetch(`${preview.url}preferences?token=${token}`, { signal: AbortSignal.timeout(10_000) })).text();
    expect(shown).toMatch(/value="rates" checked> <bdi>rates<\/bdi> \(no entry has this topic now\)/);
    expect(shown).toMatch(/value="trade"> <bdi>trade<\/bdi></);
    const saved = await fetch(`${preview.url}preferences`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `token=${token}&tags=rates&tags=trade`, signal: AbortSignal.timeout(10_000) });
    expect(saved.status).toBe(200);
    expect((await store().get(subscriberId(address)))?.subscriber.tags).toEqual(['rates', 'trade']);
    // Only topics the site does not have: refused, the choice kept (saved, it would be every entry).
    const none = await fetch(`${preview.url}preferences`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `token=${token}&tags=withdrawn`, signal: AbortSignal.timeout(10_000) });
    expect(none.status).toBe(400);
    expect((await store().get(subscriberId(address)))?.subscriber.tags).toEqual(['rates', 'trade']);
  });
});
