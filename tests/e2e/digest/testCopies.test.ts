import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli.js';
import { contentFolder, entry, entryText } from '../../support/content.js';
import { siteYaml } from '../../support/digestFixtures.js';
import { readWithPythonEmail } from '../../support/pythonMail.js';
import { tempDir } from './support.js';

// 2014-W19 is 5–11 May 2014 in Seoul; it closes on Monday 12 May 00:00 +09:00.
const NOW = '2014-05-12T08:00:00+09:00';
const kaesong = entry({ title: 'Kaesong output recovers', url: 'https://news.example.com/kaesong', date: '2014-05-06' });

/** The text part of each .eml in an outbox folder's week, by file name. */
async function outbox(cwd: string, folder: string): Promise<string[]> {
  const dir = join(cwd, folder, '2014-W19');
  const files = (await readdir(dir)).sort();
  return Promise.all(files.map(async (file) => readWithPythonEmail(await readFile(join(dir, file))).parts.find((part) => part.type === 'text/plain')!.content!));
}

describe('digest --send --to: test copies, apart from the subscribers’ send', () => {
  it('a test copy reaches its address once per version of the email, and never keeps the subscribers’ send from it', async () => {
    const content = await contentFolder({ site: siteYaml(), entries: { '2014/kaesong.md': entryText(kaesong) } });
    await writeFile(join(content, 'subscribers.txt'), 'ada@example.org\nbob@example.org\n');
    const cwd = await tempDir('digest-test-copies');
    // NOW unless the step gives its own --now (a flag given twice is refused).
    const digest = (...extra: string[]) => runCli(['digest', '--content', content, '--week', '2014-W19', '--send', ...(extra.includes('--now') ? [] : ['--now', NOW]), ...extra], { cwd });

    // The editor tries it on herself (ada, who is also on the list).
    const test = await digest('--to', 'ada@example.org', '--outbox', 'test-1');
    expect(test.stderr).toBe('');
    expect(test.code).toBe(0);
    expect(test.stdout).toContain('1 sent, 0 skipped (already sent), 0 failed, 0 unknown, of 1 recipient');

    // The same email again, an hour later: not sent twice.
    const again = await digest('--to', 'ada@example.org', '--outbox', 'test-2', '--now', '2014-05-12T09:00:00+09:00');
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('0 sent, 1 skipped (already sent), 0 failed, 0 unknown, of 1 recipient');

    // She corrects the title: the new version is a new email, and she gets a copy of it.
    await writeFile(join(content, 'entries/2014/kaesong.md'), entryText({ ...kaesong, title: 'Kaesong output recovers (corrected)' }));
    const corrected = await digest('--to', 'ada@example.org', '--outbox', 'test-3');
    expect(corrected.code).toBe(0);
    expect(corrected.stdout).toContain('1 sent, 0 skipped (already sent), 0 failed, 0 unknown, of 1 recipient');
    const [copy] = await outbox(cwd, 'test-3');
    expect(copy).toContain('Kaesong output recovers (corrected)');

    // The subscribers' send reaches both subscribers, ada included: her test copies were not the week's send.
    const send = await digest('--outbox', 'sent');
    expect(send.stderr).toBe('');
    expect(send.code).toBe(0);
    expect(send.stdout).toContain('2 sent, 0 skipped (already sent), 0 failed, 0 unknown, of 2 recipients');
    expect(await outbox(cwd, 'sent')).toHaveLength(2);

    // And the subscribers' send stays once; so does the test copy of the version already sent.
    const resend = await digest('--outbox', 'resent');
    expect(resend.stdout).toContain('0 sent, 2 skipped (already sent), 0 failed, 0 unknown, of 2 recipients');
    const retest = await digest('--to', 'ada@example.org', '--outbox', 'test-4');
    expect(retest.stdout).toContain('0 sent, 1 skipped (already sent), 0 failed, 0 unknown, of 1 recipient');
  });
});
