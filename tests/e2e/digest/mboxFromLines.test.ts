import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli.js';
import { contentFolder, entry, entryText } from '../../support/content.js';
import { DIGEST, siteYaml } from '../../support/digestFixtures.js';
import { readWithPythonEmail } from '../../support/pythonMail.js';
import { tempDir } from './support.js';

describe('a digest whose text has lines starting "From ", as an mbox mailbox stores it', () => {
  it('has no body line starting "From " on the wire, and reads back unchanged (RFC 2049 §3 (8))', async () => {
    const content = await contentFolder({ site: siteYaml({ title: 'From the Peninsula' }, DIGEST), entries: { '2014/a.md': entryText(entry({ title: 'Kaesong output recovers', date: '2014-05-13' })) } });
    const cwd = await tempDir('digest-from-lines');
    const run = await runCli(['digest', '--content', content, '--send', '--now', '2014-05-19T08:00:00+09:00', '--to', 'ada@example.org'], { cwd });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const [file] = await readdir(join(cwd, 'outbox/2014-W20'));
    const raw = await readFile(join(cwd, 'outbox/2014-W20', file!));
    // An mbox writer quotes each line that starts "From " (the header's "From:" does not), so there must be none.
    expect(raw.toString('latin1').split('\r\n').filter((line) => line.startsWith('From '))).toEqual([]);
    const mail = readWithPythonEmail(raw);
    const text = mail.parts.find((part) => part.type === 'text/plain')!.content!.replace(/\r\n/g, '\n');
    expect(text.split('\n')[0]).toBe('Weekly digest of From the Peninsula');
    expect(text).toContain('\nFrom the Peninsula.\nSite: https://watch.example.org/\n');
    expect(mail.parts.flatMap((part) => part.defects)).toEqual([]);
  });
});
