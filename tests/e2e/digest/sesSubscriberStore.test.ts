import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { verifyToken } from '../../../lib/subscribers/subscriberToken.js';
import { runCli } from '../../support/cli.js';
import { entry, entryText } from '../../support/content.js';
import { siteYaml } from '../../support/digestFixtures.js';
import { PreviewProcess } from '../../support/preview.js';
import { tempDir, sesStoreSince } from './support.js';

const endpoint = inject('sesEndpoint');
// Read as the file starts: the emails it sends are all sent after this moment.
const sesStore = sesStoreSince(endpoint);
const SECRET = '0123456789abcdef0123456789abcdef';
const ENV = { SES_ENDPOINT: endpoint, AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local', DIGEST_UNSUBSCRIBE_SECRET: SECRET };
// The emulator is shared by the run's files: addresses of this run's own.
const tag = `${process.pid}x${Date.now() % 100000}`;

interface StoredEmail {
  destination: { to: string[] };
  body: { html?: string; text?: string };
  headers?: { name: string; value: string }[];
}

async function storedFor(address: string): Promise<StoredEmail[]> {
  const { emails } = (await (await fetch(sesStore)).json()) as { emails: StoredEmail[] };
  return emails.filter((email) => email.destination.to.some((to) => to.includes(address)));
}

async function listManagementFor(address: string): Promise<unknown[]> {
  const requests = (await (await fetch(`${endpoint}/front/list-management`)).json()) as { to: string[]; options: unknown }[];
  return requests.filter((request) => request.to.some((to) => to.includes(address))).map((request) => request.options);
}

describe('digest --send --transport ses --subscribers: the subscriber store, with Broadsheet’s own unsubscribe', () => {
  const previews: PreviewProcess[] = [];
  afterAll(async () => {
    for (const preview of previews) await preview.stop();
  });

  // The sample's site.yml names a contact list and topic for the CLI's sends to the list; the store's send uses neither.
  it.each([
    ['names none', {}],
    ['names one', { contactList: 'PeninsulaWatch', topic: 'weekly-digest' }],
  ])('site.yml %s: sent without a contact list, and an unsubscribe through its link is recorded and kept', async (name, contactList) => {
    const reader = `reader-${name.replace(' ', '-')}-${tag}@example.org`;
    const cwd = await tempDir('digest-ses-store');
    const content = join(cwd, 'content');
    await mkdir(join(content, 'entries', '2014'), { recursive: true });
    const unsubscribe = { url: 'https://watch.example.org/unsubscribe?token={token}', mailto: 'unsubscribe@watch.example.org' };
    await writeFile(join(content, 'site.yml'), siteYaml({}, { from: 'Test Watch <digest@watch.example.org>', unsubscribe, ses: { ...contactList, identity: 'watch.example.org', rate: 50 } }));
    await writeFile(join(content, 'entries', '2014', 'a.md'), entryText(entry({ title: 'Kaesong output recovers', url: 'https://news.example.com/k', date: '2014-05-07' })));
    await writeFile(join(content, 'entries', '2014', 'b.md'), entryText(entry({ title: 'Rason port opens a pier', url: 'https://news.example.com/r', date: '2014-05-14' })));
    expect((await runCli(['subscribers', 'add', reader, '--subscribers', 'subs', '--now', '2014-05-01T00:00:00Z'], { cwd })).code).toBe(0);
    const digest = (week: string, now: string) => runCli(['digest', '--week', week, '--send', '--now', now, '--transport', 'ses', '--subscribers', 'subs'], { cwd, env: ENV });

    const sent = await digest('2014-W19', '2014-05-12T08:00:00+09:00');
    expect(sent.stderr).toBe('');
    expect(sent.code).toBe(0);
    expect(sent.stdout).toContain('Sent the 2014-W19 digest through ses: 1 sent, 0 skipped (already sent), 0 failed, 0 unknown, of 1 recipient');

    // SES was not asked to manage the list: the message is Broadsheet's own, as the deployed functions send it.
    expect(await listManagementFor(reader)).toEqual([null]);
    const [email, ...more] = await storedFor(reader);
    expect(more).toHaveLength(0);
    const header = (name: string) => email!.headers?.filter((h) => h.name.toLowerCase() === name.toLowerCase()).map((h) => h.value);
    expect(header('List-Unsubscribe-Post')).toEqual(['List-Unsubscribe=One-Click']);
    const [listUnsubscribe] = header('List-Unsubscribe')!;
    const [, https, mailto] = /^<(https:[^>]+)>, <(mailto:[^>]+)>$/.exec(listUnsubscribe ?? '') ?? [];
    // RFC 6068: the address subscribed in the subject and body, "@" as %40.
    const request = `unsubscribe%20${reader.replace('@', '%40')}`;
    expect(mailto).toBe(`mailto:unsubscribe@watch.example.org?subject=${request}&body=${request}`);
    const link = new URL(https!);
    expect(link.origin + link.pathname).toBe('https://watch.example.org/unsubscribe');
    // The token names the reader, for unsubscribing, under the run's secret.
    const claims = verifyToken(link.searchParams.get('token')!, 'unsubscribe', SECRET, DateTime.fromISO('2014-05-12T08:00:00+09:00').toSeconds(), 'digest.watch.example.org');
    expect(claims.address).toBe(reader);
    // The footer links to the same URL and to the reader's topics; no SES placeholder is left.
    expect(email!.body.html).toContain(`href="${link.href}"`);
    expect(email!.body.html).toContain('Your topics');
    expect(email!.body.text).toContain(`Unsubscribe: ${link.href}`);
    expect(email!.body.html).not.toContain('amazonSESUnsubscribeUrl');

    // The journey on, once: for the site whose contact list a send through SES used to take, keeping the store unaware.
    if (!('contactList' in contactList)) return;
    // The reader's mail client posts the one-click unsubscribe to the site (here the preview, which answers it as a deployment does).
    const preview = await new PreviewProcess(['--content', content, '--subscribers', join(cwd, 'subs'), '--outbox', join(cwd, 'outbox'), '--now', '2014-05-13T09:00:00+09:00'], { DIGEST_UNSUBSCRIBE_SECRET: SECRET }).start();
    previews.push(preview);
    const left = await fetch(`${preview.url}unsubscribe${link.search}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click', signal: AbortSignal.timeout(10_000) });
    expect(left.status).toBe(200);

    // The next week goes to nobody: the store said so.
    const next = await digest('2014-W20', '2014-05-19T08:00:00+09:00');
    expect(next.code).toBe(0);
    expect(next.stdout).toContain('0 sent, 0 skipped (already sent), 0 failed, 0 unknown, of 0 recipients');
    expect(await storedFor(reader)).toHaveLength(1);
  });

  it('a test copy (--to) through ses is no contact of the list either: Broadsheet’s own headers', async () => {
    const editor = `editor-${tag}@example.org`;
    const cwd = await tempDir('digest-ses-to');
    const content = join(cwd, 'content');
    await mkdir(join(content, 'entries', '2014'), { recursive: true });
    const unsubscribe = { url: 'https://watch.example.org/unsubscribe?token={token}', mailto: 'unsubscribe@watch.example.org' };
    await writeFile(join(content, 'site.yml'), siteYaml({}, { from: 'Test Watch <digest@watch.example.org>', unsubscribe, transport: 'ses', ses: { contactList: 'PeninsulaWatch', topic: 'weekly-digest', identity: 'watch.example.org', rate: 50 } }));
    await writeFile(join(content, 'entries', '2014', 'a.md'), entryText(entry({ title: 'Kaesong output recovers', url: 'https://news.example.com/k', date: '2014-05-07' })));
    const sent = await runCli(['digest', '--week', '2014-W19', '--send', '--now', '2014-05-12T08:00:00+09:00', '--to', editor], { cwd, env: ENV });
    expect(sent.stderr).toBe('');
    expect(sent.stdout).toContain('Sent the 2014-W19 digest through ses: 1 sent');
    expect(await listManagementFor(editor)).toEqual([null]);
    const [email] = await storedFor(editor);
    const listUnsubscribe = email!.headers?.find((h) => h.name === 'List-Unsubscribe')?.value ?? '';
    const link = new URL(/^<(https:[^>]+)>/.exec(listUnsubscribe)![1]!);
    expect(verifyToken(link.searchParams.get('token')!, 'unsubscribe', SECRET, DateTime.fromISO('2014-05-12T08:00:00+09:00').toSeconds(), 'digest.watch.example.org').address).toBe(editor);
    expect(email!.headers?.find((h) => h.name === 'List-Unsubscribe-Post')?.value).toBe('List-Unsubscribe=One-Click');
    expect(email!.body.html).not.toContain('amazonSESUnsubscribeUrl');
  });
});
