import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CreateContactCommand, CreateContactListCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { simpleParser } from 'mailparser';
import { describe, expect, inject, it } from 'vitest';
import { runCli } from '../../support/cli.js';
import { contentFolder, entry, entryText } from '../../support/content.js';
import { DIGEST, siteYaml } from '../../support/digestFixtures.js';
import { decodeWords } from '../../support/encodedWords.js';
import { readWithPythonEmail } from '../../support/pythonMail.js';
import { headerFields, sesStoreSince, tempDir } from './support.js';

// Read as the file starts: the emails it sends are all sent after this moment.
const sesStore = sesStoreSince(inject('sesEndpoint'));
const NOW = '2014-05-19T08:00:00+09:00';
const ENTRIES = { '2014/a.md': entryText(entry({ title: 'Kaesong output recovers', date: '2014-05-13' })) };

describe('the digest header fields made of site text, as receivers read them', () => {
  it('a site title that looks like an encoded word reaches the inbox as written, in Subject and List-Id (RFC 2047 §6.1, RFC 2919)', async () => {
    // "SGVsbG8=" is base64 for "Hello": written as it is, every client would show "Hello News".
    const title = '=?utf-8?b?SGVsbG8=?= News';
    const content = await contentFolder({ site: siteYaml({ title }, { ...DIGEST, subject: '{title} {week}' }), entries: ENTRIES });
    const cwd = await tempDir('digest-encoded-title');
    const run = await runCli(['digest', '--content', content, '--send', '--now', NOW, '--to', 'ada@example.org'], { cwd });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const [file] = await readdir(join(cwd, 'outbox/2014-W20'));
    const raw = await readFile(join(cwd, 'outbox/2014-W20', file!));
    const python = readWithPythonEmail(raw);
    expect(python.headers.subject).toEqual([`${title} 2014-W20`]);
    expect(python.headers['list-id']).toEqual([`Weekly digest of ${title} <digest.watch.example.org>`]);
    const parsed = await simpleParser(raw);
    expect(parsed.subject).toBe(`${title} 2014-W20`);
    const list = (parsed.headers.get('list') as { id: { id: string; name: string } }).id;
    expect({ id: list.id, name: decodeWords(list.name) }).toEqual({ id: 'digest.watch.example.org', name: `Weekly digest of ${title}` });
  });

  it('a non-ASCII site title and From name: SES takes the message (ASCII header values and addresses) and the List-Id keeps its id readable', async () => {
    const endpoint = inject('sesEndpoint');
    const tag = `${process.pid}x${Date.now() % 100000}`;
    const list = `Headers${tag}`;
    const client = new SESv2Client({ region: 'us-east-1', endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    await client.send(new CreateContactListCommand({ ContactListName: list, Topics: [{ TopicName: 'weekly', DisplayName: 'Weekly digest', DefaultSubscriptionStatus: 'OPT_OUT' }] }));
    const address = `ada-${tag}@example.org`;
    await client.send(new CreateContactCommand({ ContactListName: list, EmailAddress: address, TopicPreferences: [{ TopicName: 'weekly', SubscriptionStatus: 'OPT_IN' }] }));
    const content = await contentFolder({
      site: siteYaml({ title: 'Économie Watch' }, { from: 'Économie Watch 📰 <digest@watch.example.org>', replyTo: 'editors@watch.example.org', transport: 'ses', ses: { contactList: list, topic: 'weekly', identity: 'watch.example.org', rate: 50 } }),
      entries: ENTRIES,
    });
    const env = { SES_ENDPOINT: endpoint, AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local' };
    const run = await runCli(['digest', '--content', content, '--send', '--now', NOW], { cwd: await tempDir('digest-ses-title'), env });
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('Sent the 2014-W20 digest through ses: 1 sent, 0 skipped (already sent), 0 failed, 0 unknown, of 1 recipient');
    expect(run.code).toBe(0);
    const { emails } = (await (await fetch(sesStore)).json()) as { emails: { from: string; replyTo: string[]; destination: { to: string[] }; subject: string; headers?: { name: string; value: string }[] }[] };
    const [email] = emails.filter((candidate) => candidate.destination.to.includes(address));
    expect(email!.from).toMatch(/^[ -~]+ <digest@watch\.example\.org>$/);
    expect(decodeWords(email!.from)).toBe('Économie Watch 📰 <digest@watch.example.org>');
    // digest.replyTo reaches SES as it reaches the raw message's Reply-To.
    expect(email!.replyTo).toEqual(['editors@watch.example.org']);
    const listId = email!.headers!.find((header) => header.name === 'List-Id')!.value;
    expect(listId).toMatch(/^[ -~]+ <digest\.watch\.example\.org>$/);
    expect(decodeWords(listId)).toBe('Weekly digest of Économie Watch <digest.watch.example.org>');
    // SES takes a subject of 7-bit ASCII, other text as encoded words.
    expect(email!.subject).toMatch(/^[ -~]+$/);
    expect(decodeWords(email!.subject)).toBe('Économie Watch: 12–18 May 2014');
  });

  it('a site title of 200 CJK characters: SES takes the List-Id, cut to a label it accepts, the id whole', async () => {
    const endpoint = inject('sesEndpoint');
    const tag = `${process.pid}y${Date.now() % 100000}`;
    const list = `LongTitle${tag}`;
    const client = new SESv2Client({ region: 'us-east-1', endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    await client.send(new CreateContactListCommand({ ContactListName: list, Topics: [{ TopicName: 'weekly', DisplayName: 'Weekly digest', DefaultSubscriptionStatus: 'OPT_OUT' }] }));
    const address = `grace-${tag}@example.org`;
    await client.send(new CreateContactCommand({ ContactListName: list, EmailAddress: address, TopicPreferences: [{ TopicName: 'weekly', SubscriptionStatus: 'OPT_IN' }] }));
    const title = '朝鮮半島経済動向'.repeat(25);
    const content = await contentFolder({
      site: siteYaml({ title }, { from: 'Digest <digest@watch.example.org>', transport: 'ses', ses: { contactList: list, topic: 'weekly', identity: 'watch.example.org', rate: 50 } }),
      entries: ENTRIES,
    });
    const env = { SES_ENDPOINT: endpoint, AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local' };
    const run = await runCli(['digest', '--content', content, '--send', '--now', NOW], { cwd: await tempDir('digest-ses-long-title'), env });
    expect(run.stdout).toContain('1 sent, 0 skipped (already sent), 0 failed, 0 unknown, of 1 recipient');
    expect(run.code).toBe(0);
    const { emails } = (await (await fetch(sesStore)).json()) as { emails: { destination: { to: string[] }; headers?: { name: string; value: string }[] }[] };
    const [email] = emails.filter((candidate) => candidate.destination.to.includes(address));
    const listId = email!.headers!.find((header) => header.name === 'List-Id')!.value;
    expect(listId.length).toBeLessThanOrEqual(870);
    const name = decodeWords(listId.slice(0, listId.lastIndexOf(' <')));
    expect(`Weekly digest of ${title}`.startsWith(name.slice(0, -1)) && name.endsWith('…')).toBe(true);
    expect(listId.endsWith(' <digest.watch.example.org>')).toBe(true);
  });
});

describe('a subscriber line whose display name holds a quote and a backslash', () => {
  it('reaches To as written (quoted-pairs, RFC 5322 §3.2.4), as Python reads it strictly', async () => {
    const content = await contentFolder({ site: siteYaml(), entries: ENTRIES });
    await writeFile(join(content, 'subscribers.txt'), '"O\\"Brien \\\\ Co" <ob@example.org>\n');
    const cwd = await tempDir('digest-quoted-name');
    const run = await runCli(['digest', '--content', content, '--send', '--now', NOW], { cwd });
    expect(run.code, run.stderr).toBe(0);
    const [file] = await readdir(join(cwd, 'outbox/2014-W20'));
    const python = readWithPythonEmail(await readFile(join(cwd, 'outbox/2014-W20', file!)), { strict: true });
    expect(python.headers.to).toEqual(['"O\\"Brien \\\\ Co" <ob@example.org>']);
    expect(python.parts.flatMap((part) => part.defects)).toEqual([]);
  });
});
