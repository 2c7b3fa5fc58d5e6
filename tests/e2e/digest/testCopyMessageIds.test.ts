import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testCopyVersion } from '../../../lib/delivery/digestDelivery.js';
import { digestModelAt } from '../../../lib/publish/publishDigestWeek.js';
import { LocalStore } from '../../../lib/store/localStore.js';
import { MemoryStore } from '../../../lib/store/memoryStore.js';
import { recipientId } from '../../../lib/subscribers/recipient.js';
import { parseIsoWeek } from '../../../lib/time/isoWeek.js';
import { runCli } from '../../support/cli.js';
import { entry, entryText } from '../../support/content.js';
import { siteYaml } from '../../support/digestFixtures.js';
import { FaultySmtp } from '../../support/faultySmtp.js';
import { tempDir } from './support.js';

const NOW = '2014-05-12T08:00:00+09:00';
const EDITOR = 'editor@example.org';
const kaesong = entry({ title: 'Kaesong output recovers', url: 'https://news.example.com/kaesong', date: '2014-05-06' });

describe('test copies and the week’s send to the same mailbox: each its own Message-ID', () => {
  let smtp: FaultySmtp;
  beforeAll(async () => {
    smtp = await FaultySmtp.start();
  });
  afterAll(async () => {
    await smtp.close();
  });

  it('a test copy, a corrected test copy and the real issue reach the editor as three messages; a rerun of a version sends nothing', async () => {
    const cwd = await tempDir('digest-test-copy-ids');
    const content = join(cwd, 'content');
    await mkdir(join(content, 'entries', '2014'), { recursive: true });
    await writeFile(join(content, 'site.yml'), siteYaml({}, { from: 'Test Watch <digest@watch.example.org>', unsubscribe: { url: 'https://watch.example.org/unsubscribe?token={token}', mailto: 'unsubscribe@watch.example.org' } }));
    await writeFile(join(content, 'entries', '2014', 'kaesong.md'), entryText(kaesong));
    expect((await runCli(['subscribers', 'add', EDITOR, '--subscribers', 'subs', '--now', '2014-05-01T00:00:00Z'], { cwd })).code).toBe(0);
    const env = { SMTP_URL: smtp.url(), DIGEST_UNSUBSCRIBE_SECRET: '0123456789abcdef0123456789abcdef' };
    const digest = (...extra: string[]) => runCli(['digest', '--week', '2014-W19', '--send', '--now', NOW, '--transport', 'smtp', ...extra], { cwd, env });
    const kept = async () => Promise.all(smtp.kept.filter((message) => message.to.includes(EDITOR)).map(async (message) => (await simpleParser(message.raw)).messageId));

    // What each id must be, worked out from the content as it stands: the week, the list, the mailbox, and a test copy's version.
    const modelNow = async () => (await digestModelAt({ content: new LocalStore(content), output: new MemoryStore(), now: DateTime.fromISO(NOW), week: parseIsoWeek('2014-W19', 'Asia/Seoul')! })).model;
    const versionNow = async () => testCopyVersion(await modelNow());
    // The list part hashes the list id alone (the site's url https://watch.example.org/ gives digest.HOST), not the title.
    const list = createHash('sha256').update('digest.watch.example.org').digest('hex').slice(0, 8);
    const mailbox = recipientId(EDITOR).slice(0, 20);

    const first = await digest('--to', EDITOR);
    expect(first.stderr).toBe('');
    expect(first.stdout).toContain('1 sent, 0 skipped (already sent), 0 failed, 0 unknown, of 1 recipient');
    const firstVersion = await versionNow();
    const rerun = await digest('--to', EDITOR);
    expect(rerun.stdout).toContain('0 sent, 1 skipped (already sent), 0 failed, 0 unknown, of 1 recipient');

    await writeFile(join(content, 'entries', '2014', 'kaesong.md'), entryText({ ...kaesong, title: 'Kaesong output recovers (corrected)' }));
    const corrected = await digest('--to', EDITOR);
    expect(corrected.stdout).toContain('1 sent, 0 skipped (already sent), 0 failed, 0 unknown, of 1 recipient');
    const correctedVersion = await versionNow();
    expect(correctedVersion).not.toBe(firstVersion);
    expect((await digest('--to', EDITOR)).stdout).toContain('0 sent, 1 skipped (already sent)');

    const real = await digest('--subscribers', 'subs');
    expect(real.stderr).toBe('');
    expect(real.stdout).toContain('1 sent, 0 skipped (already sent), 0 failed, 0 unknown, of 1 recipient');

    expect(await kept()).toEqual([
      `<digest.2014-W19.test-${firstVersion}.${list}.${mailbox}@watch.example.org>`,
      `<digest.2014-W19.test-${correctedVersion}.${list}.${mailbox}@watch.example.org>`,
      `<digest.2014-W19.${list}.${mailbox}@watch.example.org>`,
    ]);
    expect(new Set(await kept()).size).toBe(3);
  });
});
