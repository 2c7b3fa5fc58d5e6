import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli.js';
import { contentFolder, entry, entryText } from '../../support/content.js';
import { DIGEST, siteYaml } from '../../support/digestFixtures.js';
import { tempDir } from './support.js';

const ENTRIES = { '2014/a.md': entryText(entry({ title: 'Kaesong output recovers', date: '2014-05-08' })) };
const NOW = '2014-05-19T08:00:00+09:00';

async function siteWith(subscribers: Buffer | undefined, digest: Record<string, unknown> = DIGEST): Promise<string> {
  const content = await contentFolder({ site: siteYaml({}, digest), entries: ENTRIES });
  if (subscribers) await writeFile(join(content, 'subscribers.txt'), subscribers);
  return content;
}

const send = (content: string, cwd: string) => runCli(['digest', '--content', content, '--week', '2014-W19', '--now', NOW, '--send', '--out', join(cwd, 'O'), '--outbox', join(cwd, 'BOX')], { cwd });

describe('subscribers.txt, as check and the send read it (file transport)', () => {
  const latin1 = Buffer.from('j\xf6rg@example.org\nada@example.org\n', 'latin1');
  const utf8Problem = 'subscribers.txt:1: file: is not valid UTF-8 at column 2 (byte offset 1: 0xF6, "ö" in Latin-1 or Windows-1252) (save the file as UTF-8 in your editor; if the text there looks wrong, reopen it as Latin-1 or Windows-1252 first)';

  it('refuses a file that is not UTF-8 with its byte offset: check exits 1, and the send mails nobody', async () => {
    const content = await siteWith(latin1);
    const check = await runCli(['check', '--content', content]);
    expect(check.code).toBe(1);
    expect(check.stderr.split('\n')).toContain(utf8Problem);
    expect(check.stderr).not.toMatch(/\n\s+at /);

    const cwd = await tempDir('subscribers-latin1');
    const run = await send(content, cwd);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`${utf8Problem}\nbroadsheet digest: 1 problem in the content; nothing was sent\n`);
    await expect(readdir(join(cwd, 'BOX'))).rejects.toThrow(/ENOENT/);
    await rm(content, { recursive: true, force: true });
  });

  it('sends to the first line of a file saved with a BOM', async () => {
    const content = await siteWith(Buffer.from('\ufeffada@example.org\r\ngrace@example.org\r\n'));
    expect((await runCli(['check', '--content', content])).code).toBe(0);
    const cwd = await tempDir('subscribers-bom');
    const run = await send(content, cwd);
    expect(run.stdout).toContain('2 sent, 0 skipped (already sent), 0 failed, 0 unknown, of 2 recipients');
    expect(run.code).toBe(0);
    const files = await readdir(join(cwd, 'BOX/2014-W19'));
    const to = await Promise.all(files.map(async (file) => ((await simpleParser(await readFile(join(cwd, 'BOX/2014-W19', file)))).to as { text: string }).text));
    expect(to.sort()).toEqual(['ada@example.org', 'grace@example.org']);
    await rm(content, { recursive: true, force: true });
  });

  it('warns about each line the send would record failed, by line, and still exits 0', async () => {
    const content = await siteWith(Buffer.from('ada@example.org\na:victim@example.org\ndïgest@example.org\n'));
    const check = await runCli(['check', '--content', content]);
    expect(check.code).toBe(0);
    const fix = '(write one address a line, address or Name <address>; the digest records this line failed and mails the rest)';
    expect(check.stderr).toContain(`subscribers.txt:2: address: "a:victim@example.org" is not one mailbox: group or list syntax ("name:", ";" or ",") is not an address ${fix}`);
    expect(check.stderr).toContain(`subscribers.txt:3: address: "dïgest@example.org" is not one mailbox: the part before "@" is not ASCII, which needs SMTPUTF8 (RFC 6531): SES and most servers cannot send to it ${fix}`);
    expect(check.stderr).not.toContain('ada@example.org');
    await rm(content, { recursive: true, force: true });
  });

  it('names the first 20 of 10,000 invalid lines and sums up the rest in one line', async () => {
    // Line 1 is an address; lines 2–10,001 are names without one.
    const lines = ['ada@example.org', ...Array.from({ length: 10_000 }, (_, i) => `Reader ${i + 2}`)];
    const content = await siteWith(Buffer.from(`${lines.join('\n')}\n`));
    const check = await runCli(['check', '--content', content]);
    expect(check.code).toBe(0);
    const warned = check.stderr.split('\n').filter((line) => line.startsWith('warning: subscribers.txt:'));
    expect(warned).toHaveLength(21);
    expect(warned.slice(0, 20).map((line) => line.split(':')[2])).toEqual(Array.from({ length: 20 }, (_, i) => String(i + 2)));
    // 10,000 invalid less the 20 named (lines 2–21): 9,980, from line 22 to line 10,001.
    expect(warned[20]).toBe('warning: subscribers.txt:22: address: 9980 more lines are not one mailbox: lines 22–10001 (write one address a line, address or Name <address>; the digest records this line failed and mails the rest)');
    await rm(content, { recursive: true, force: true });
  });

  it('reports a subscribers file site.yml names but the content folder lacks', async () => {
    const content = await siteWith(undefined, { ...DIGEST, subscribers: 'readers.txt' });
    const check = await runCli(['check', '--content', content]);
    expect(check.code).toBe(1);
    expect(check.stderr).toContain('site.yml: digest.subscribers: "readers.txt" is not in the content folder, and the file transport sends to the addresses in it (create it with one address a line, or remove digest.subscribers when you send with --to or --subscribers)');
    await rm(content, { recursive: true, force: true });
  });

  it('refuses a from whose display name is an RFC 2047 encoded word', async () => {
    const from = '=?utf-8?b?ZXZpbEBldmlsLmV4YW1wbGUgPGV2aWxAZXZpbC5leGFtcGxlPg==?= <digest@watch.example.org>';
    const content = await siteWith(undefined, { ...DIGEST, from });
    const check = await runCli(['check', '--content', content]);
    expect(check.code).toBe(1);
    // digest: is line 7 of siteYaml, its from: line 8.
    expect(check.stderr).toContain(`site.yml:8: digest.from: ${JSON.stringify(from.slice(0, 60))}… is not an email address`);
    await rm(content, { recursive: true, force: true });
  });
});
