import { CreateContactCommand, CreateContactListCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { describe, expect, inject, it } from 'vitest';
import { runCli } from '../../support/cli.js';
import { contentFolder, entry, entryText } from '../../support/content.js';
import { siteYaml } from '../../support/digestFixtures.js';
import { decodeWords } from '../../support/encodedWords.js';
import { tempDir, sesStoreSince } from './support.js';

const endpoint = inject('sesEndpoint');
// Read as the file starts: the emails it sends are all sent after this moment.
const sesStore = sesStoreSince(endpoint);
const NOW = '2014-05-19T08:00:00+09:00';
const tag = `${process.pid}x${Date.now() % 100000}`;
const ENV = { SES_ENDPOINT: endpoint, AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local' };

interface StoredEmail {
  from: string;
  destination: { to: string[] };
  subject: string;
  body: { html?: string; text?: string };
  headers?: { name: string; value: string }[];
}

async function storedFor(addresses: readonly string[]): Promise<StoredEmail[]> {
  const response = await fetch(sesStore);
  const { emails } = (await response.json()) as { emails: StoredEmail[] };
  return emails.filter((email) => email.destination.to.some((to) => addresses.some((a) => to.includes(a))));
}

describe('the ses transport, against the SES v2 emulator', () => {
  it('sends one SendEmail per subscribed contact of the list and topic, with SES managing unsubscribes, exactly once', async () => {
    const list = `Readers${tag}`;
    const client = new SESv2Client({ region: 'us-east-1', endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    await client.send(new CreateContactListCommand({ ContactListName: list, Topics: [{ TopicName: 'weekly', DisplayName: 'Weekly digest', DefaultSubscriptionStatus: 'OPT_OUT' }] }));
    const contact = (name: string, status?: 'OPT_IN' | 'OPT_OUT', all = false) =>
      client.send(new CreateContactCommand({ ContactListName: list, EmailAddress: `${name}-${tag}@example.org`, UnsubscribeAll: all, ...(status ? { TopicPreferences: [{ TopicName: 'weekly', SubscriptionStatus: status }] } : {}) }));
    await contact('ada', 'OPT_IN');
    await contact('grace', 'OPT_IN');
    await contact('opted-out', 'OPT_OUT');
    await contact('no-preference'); // the topic's default, OPT_OUT
    await contact('gone', 'OPT_IN', true); // unsubscribed from everything

    const content = await contentFolder({
      site: siteYaml({}, { from: 'Test Watch <digest@watch.example.org>', transport: 'ses', ses: { contactList: list, topic: 'weekly', identity: 'watch.example.org', rate: 50 } }),
      entries: { '2014/a.md': entryText(entry({ title: 'Kaesong output recovers', date: '2014-05-13' })) },
    });
    const cwd = await tempDir('digest-ses');
    const args = ['digest', '--content', content, '--send', '--now', NOW];
    const run = await runCli(args, { cwd, env: ENV });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Sent the 2014-W20 digest through ses: 2 sent, 0 skipped (already sent), 0 failed, 0 unknown, of 2 recipients');

    const everyone = ['ada', 'grace', 'opted-out', 'no-preference', 'gone'].map((name) => `${name}-${tag}@example.org`);
    const emails = await storedFor(everyone);
    expect(emails.map((email) => email.destination.to[0]).sort()).toEqual([`ada-${tag}@example.org`, `grace-${tag}@example.org`]);
    for (const email of emails) {
      expect(email.from).toBe('Test Watch <digest@watch.example.org>');
      // SES takes the subject in 7-bit ASCII: the en dash as an RFC 2047 encoded word.
      expect(decodeWords(email.subject)).toBe('Test Watch: 12–18 May 2014');
      expect(email.body.html).toContain('Kaesong output recovers');
      expect(email.body.text).toContain('Kaesong output recovers');
      // SES fills in its own one-click unsubscribe URL and adds List-Unsubscribe itself (ListManagementOptions).
      expect(email.body.html).toContain('href="{{amazonSESUnsubscribeUrl}}"');
      expect(email.headers?.find((h) => h.name === 'List-Id')?.value).toBe('Weekly digest of Test Watch <digest.watch.example.org>');
      expect(email.headers?.some((h) => h.name.toLowerCase() === 'list-unsubscribe')).toBe(false);
    }

    // SES was asked to manage each message's unsubscribe for the list and topic.
    const requests = (await (await fetch(`${endpoint}/front/list-management`)).json()) as { to: string[]; options: unknown }[];
    const ours = requests.filter((request) => request.to.some((to) => everyone.some((a) => to.includes(a))));
    expect(ours.map((request) => request.options)).toEqual([{ ContactListName: list, TopicName: 'weekly' }, { ContactListName: list, TopicName: 'weekly' }]);

    const again = await runCli(args, { cwd, env: ENV });
    expect(again.stdout).toContain('0 sent, 2 skipped (already sent), 0 failed, 0 unknown, of 2 recipients');
    expect(await storedFor(everyone)).toHaveLength(2);
  });
});
