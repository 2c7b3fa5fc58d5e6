import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli.js';
import { contentFolder, entry, entryText } from '../../support/content.js';
import { siteYaml } from '../../support/digestFixtures.js';
import { killAtWriteEnv } from '../../support/killAtWrite.js';
import { tempDir } from './support.js';
import { UNFINISHED_SEND } from '../../../cli/commands/digest.js';

// Ctrl-C while a digest goes out, as an editor presses it: the message under way goes out and is confirmed, none
// after it is begun, and the rerun sends to the rest. Killed outright instead, the message under way would be left
// unknown (maybe delivered) and never sent again.
const NOW = '2014-05-12T08:00:00+09:00';
const RECIPIENTS = ['a', 'b', 'c', 'd', 'e', 'f'].map((name) => `${name}@example.org`);

describe('digest --send stopped by Ctrl-C', () => {
  it('confirms the message under way, begins no other, says so, and the rerun sends to the rest', async () => {
    const content = await contentFolder({ site: siteYaml(), entries: { '2014/kaesong.md': entryText(entry({ title: 'Kaesong output recovers', url: 'https://news.example.com/kaesong', date: '2014-05-06' })) } });
    const cwd = await tempDir('digest-interrupted');
    const digest = (env: Record<string, string> = {}, ...extra: string[]) =>
      runCli(['digest', '--content', content, '--week', '2014-W19', '--now', NOW, ...extra], { cwd, env });
    // The week archived first: the send's own writes are then the ledger's and the outbox's alone.
    expect((await digest()).code).toBe(0);
    const send = (env: Record<string, string> = {}) => digest(env, '--send', ...RECIPIENTS.flatMap((address) => ['--to', address]));

    // The run's record as it begins, then three writes a message: its claim, its .eml, its confirmation. Ctrl-C
    // right after the third claim.
    const stopped = await send(killAtWriteEnv(8, 'SIGINT'));
    expect(stopped.code).toBe(2);
    expect(stopped.stderr).toContain('broadsheet digest: Ctrl-C: stopping after the message being sent (Ctrl-C again to quit at once)');
    expect(stopped.stderr).toContain('stopped early: stopped by Ctrl-C; rerun to send to the rest');
    expect(stopped.stdout).toContain('3 sent, 0 skipped (already sent), 0 failed, 0 unknown, 3 not reached, of 6 recipients');
    expect(await readdir(join(cwd, 'outbox/2014-W19'))).toHaveLength(3);

    const rerun = await send();
    expect(rerun.code).toBe(0);
    expect(rerun.stdout).toContain('3 sent, 3 skipped (already sent), 0 failed, 0 unknown, of 6 recipients');
    expect(await readdir(join(cwd, 'outbox/2014-W19'))).toHaveLength(6);
  });
});

describe('digest --send killed outright', () => {
  it('leaves its record saying it did not finish, which status shows until a send ends; the rerun resumes, the message under way unknown', async () => {
    const content = await contentFolder({ site: siteYaml(), entries: { '2014/kaesong.md': entryText(entry({ title: 'Kaesong output recovers', url: 'https://news.example.com/kaesong', date: '2014-05-06' })) } });
    const cwd = await tempDir('digest-killed');
    const digest = (env: Record<string, string> = {}, ...extra: string[]) => runCli(['digest', '--content', content, '--week', '2014-W19', '--now', NOW, ...extra], { cwd, env });
    expect((await digest()).code).toBe(0);
    const send = (env: Record<string, string> = {}) => digest(env, '--send', ...RECIPIENTS.flatMap((address) => ['--to', address]));

    // The record as it begins (write 1), a's three writes, then b's claim: killed there, b's message not confirmed.
    const killed = await send(killAtWriteEnv(5, 'SIGKILL'));
    // Killed: no exit code.
    expect(killed.code).toBeNull();
    const status = await runCli(['status', '--out', 'public'], { cwd });
    expect(status.code).toBe(2);
    const lines = status.stdout.split('\n');
    const unfinished = lines.findIndex((line) => /  digest   cli       UNFINISHED  week 2014-W19  \(run cli-/.test(line));
    expect(unfinished, status.stdout).toBeGreaterThanOrEqual(0);
    expect(lines[unfinished + 1]).toBe(`    ${UNFINISHED_SEND}`);

    const rerun = await send();
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(rerun.stdout).toContain('4 sent, 1 skipped (already sent), 0 failed, 1 unknown, of 6 recipients');
    expect((await runCli(['status', '--out', 'public'], { cwd })).code).toBe(0);
  });
});
