import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { recipientId } from '../../../lib/subscribers/recipient.js';
import { runCli } from '../../support/cli.js';
import { entry, entryText } from '../../support/content.js';
import { siteYaml, STORE_DIGEST, STORE_SECRET } from '../../support/digestFixtures.js';
import { tempDir } from '../digest/support.js';

// A past week sent again (a rerun, a resumed send) went to everyone confirmed by then: a reader who subscribed in
// June was sent the 5–11 May issue. The issue is theirs who had subscribed when it was due.
describe('digest --send of a past week to the subscriber store', () => {
  it('skips a reader who subscribed after the week was due, saying so, and writes nothing for them in the ledger', async () => {
    const cwd = await tempDir('subscribed-later');
    await mkdir(join(cwd, 'content', 'entries', '2014'), { recursive: true });
    await writeFile(join(cwd, 'content', 'site.yml'), siteYaml({}, STORE_DIGEST));
    await writeFile(join(cwd, 'content', 'entries', '2014', 'a.md'), entryText(entry({ title: 'In week 19', date: '2014-05-07' })));
    const add = (address: string, now: string) => runCli(['subscribers', 'add', address, '--subscribers', 'subs', '--now', now], { cwd });
    const digest = (now: string) => runCli(['digest', '--content', 'content', '--week', '2014-W19', '--send', '--transport', 'file', '--subscribers', 'subs', '--out', 'public', '--outbox', 'outbox', '--now', now], { cwd, env: { DIGEST_UNSUBSCRIBE_SECRET: STORE_SECRET } });

    expect((await add('early@example.net', '2014-05-01T00:00:00Z')).code).toBe(0);
    // Due on Monday 12 May 08:00 in Seoul (digest.day and digest.time default to monday, 08:00).
    const first = await digest('2014-05-12T08:00:00+09:00');
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('1 sent, 0 skipped (already sent), 0 failed, 0 unknown, of 1 recipient');

    expect((await add('late@example.net', '2014-06-20T00:00:00Z')).code).toBe(0);
    const again = await digest('2014-06-23T09:00:00+09:00');
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain("skipped  late@example.net: subscribed 2014-06-20T09:00:00+09:00, after this week's issue was due (2014-05-12T08:00:00+09:00); it is not theirs");
    expect(again.stdout).toContain("0 sent, 2 skipped (1 already sent, 1 subscribed after the week's issue was due), 0 failed, 0 unknown, of 2 recipients");
    expect(await readdir(join(cwd, 'outbox', '2014-W19'))).toEqual([expect.stringMatching(/^early-example-net-/)]);
    const ledger = (await readdir(join(cwd, 'public', '_broadsheet', 'digest-ledger', '2014-W19'), { recursive: true })).join('\n');
    expect(ledger).toContain(recipientId('early@example.net'));
    expect(ledger).not.toContain(recipientId('late@example.net'));
  }, 60_000);
});
