import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli.js';
import { contentFolder, entry, entryText } from '../../support/content.js';
import { siteYaml } from '../../support/digestFixtures.js';
import { readWithPythonEmail } from '../../support/pythonMail.js';
import { tempDir } from './support.js';

// RFC 5322 §2.1.1: no line of a message may pass 998 octets. An entry URL may be far longer than that; the text part
// must still give it whole, on a line of its own, so that a mail client makes it one link.
const url = `https://news.example.com/${'path/'.repeat(390)}end?q=${'x'.repeat(19)}`;

describe('a digest entry whose URL is 2,000 characters long, sent through the CLI', () => {
  it('gives an .eml with no line over 998 octets that Python reads under policy.strict, the URL whole in its text part', async () => {
    expect(url).toHaveLength(2000);
    const content = await contentFolder({ site: siteYaml(), entries: { '2014/long.md': entryText(entry({ title: 'A long link', url, date: '2014-05-07' })) } });
    const cwd = await tempDir('digest-long-url');
    const run = await runCli(['digest', '--content', content, '--week', '2014-W19', '--send', '--now', '2014-05-12T08:00:00+09:00', '--to', 'ada@example.org', '--quiet'], { cwd });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const [file] = await readdir(join(cwd, 'outbox/2014-W19'));
    const raw = await readFile(join(cwd, 'outbox/2014-W19', file!));
    for (const line of raw.toString('latin1').split('\r\n')) expect(Buffer.byteLength(line, 'latin1')).toBeLessThanOrEqual(998);
    const mail = readWithPythonEmail(raw, { strict: true });
    expect(mail.parts.flatMap((part) => part.defects)).toEqual([]);
    const text = mail.parts.find((part) => part.type === 'text/plain')!.content!;
    expect(text.split('\n').map((line) => line.trim())).toContain(url);
  });
});
