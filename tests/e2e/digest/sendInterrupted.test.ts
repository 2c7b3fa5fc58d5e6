import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli.js';
import { entry, entryText, settledContentFolder } from '../../support/content.js';
import { siteYaml } from '../../support/digestFixtures.js';
import { killAtWriteEnv } from '../../support/killAtWrite.js';
import { tempDir } from './support.js';
import { UNFINISHED_SEND } from '../../../cli/commands/digest.js';
import { RUNS_PREFIX, type RunRecord } from '../../../lib/publish/runRecord.js';

// Ctrl-C while a digest goes out, as an editor presses it: the message under way goes out and is confirmed, none
// after it is begun, and the rerun sends to the rest. Killed outright instead, a message handed over would be left
// unknown (maybe delivered) and never sent again; one claimed and not yet handed over is sent by the rerun.
const NOW = '2014-05-12T08:00:00+09:00';
const RECIPIENTS = ['a', 'b', 'c', 'd', 'e', 'f'].map((name) => `${name}@example.org`);

describe('digest --send stopped by Ctrl-C', () => {
  it('confirms the message under way, begins no other, says so, and the rerun sends to the rest', async () => {
    const content = await settledContentFolder({ site: siteYaml(), entries: { '2014/kaesong.md': entryText(entry({ title: 'Kaesong output recovers', url: 'https://news.example.com/kaesong', date: '2014-05-06' })) } });
    const cwd = await tempDir('digest-interrupted');
    const digest = (env: Record<string, string> = {}, ...extra: string[]) =>
      runCli(['digest', '--content', content, '--week', '2014-W19', '--now', NOW, ...extra], { cwd, env });
    // The week archived first: the send's own writes are then the ledger's and the outbox's alone.
    expect((await digest()).code).toBe(0);
    const send = (env: Record<string, string> = {}) => digest(env, '--send', ...RECIPIENTS.flatMap((address) => ['--to', address]));

    // The run's record as it begins, then four writes a message: its claim, its handover, its .eml, its confirmation.
    // Ctrl-C right after the third claim.
    const stopped = await send(killAtWriteEnv(10, 'SIGINT'));
    expect(stopped.code).toBe(2);
    expect(stopped.stderr).toContain('broadsheet digest: Ctrl-C: stopping after the message being sent (Ctrl-C again to quit at once)');
    expect(stopped.stderr).toContain('stopped early: stopped by Ctrl-C; rerun to send to the rest');
    expect(stopped.stdout).toContain('3 sent, 0 skipped (already sent), 0 failed, 0 unknown, 3 not reached, of 6 recipients');
    expect(await readdir(join(cwd, 'outbox/2014-W19'))).toHaveLength(3);
    // Its record, which status words, says it stopped and how many it left (its counts hold no such number), as the
    // digest function's does: no recipient was refused. Keys sort newest first.
    const runs = join(cwd, 'public', RUNS_PREFIX);
    const record = JSON.parse(await readFile(join(runs, (await readdir(runs)).sort()[0]!), 'utf8')) as RunRecord;
    expect(record).toMatchObject({ outcome: 'failed', error: 'DeliveryStoppedError', message: 'stopped by Ctrl-C; 3 of 6 recipients not reached', counts: { sent: 3, failed: 0 } });
    // Sent with --to: test copies, which status must not show as the week's issue.
    expect(record.testCopies).toBe(true);

    const rerun = await send();
    expect(rerun.code).toBe(0);
    expect(rerun.stdout).toContain('3 sent, 3 skipped (already sent), 0 failed, 0 unknown, of 6 recipients');
    expect(await readdir(join(cwd, 'outbox/2014-W19'))).toHaveLength(6);
  });
});

describe('digest --send killed outright', () => {
  it('leaves its record saying it did not finish, which status shows until a send ends; the rerun resumes, and sends the message claimed but not handed over', async () => {
    const content = await settledContentFolder({ site: siteYaml(), entries: { '2014/kaesong.md': entryText(entry({ title: 'Kaesong output recovers', url: 'https://news.example.com/kaesong', date: '2014-05-06' })) } });
    const cwd = await tempDir('digest-killed');
    const digest = (env: Record<string, string> = {}, ...extra: string[]) => runCli(['digest', '--content', content, '--week', '2014-W19', '--now', NOW, ...extra], { cwd, env });
    expect((await digest()).code).toBe(0);
    const send = (env: Record<string, string> = {}) => digest(env, '--send', ...RECIPIENTS.flatMap((address) => ['--to', address]));

    // The record as it begins (write 1), a's four writes, then b's claim: killed there, before b's handover.
    const killed = await send(killAtWriteEnv(6, 'SIGKILL'));
    expect(await readdir(join(cwd, 'outbox/2014-W19'))).toHaveLength(1);
    // Killed: no exit code.
    expect(killed.code).toBeNull();
    const status = await runCli(['status', '--out', 'public'], { cwd });
    expect(status.code).toBe(2);
    const lines = status.stdout.split('\n');
    // Its --to sends are test copies, and the line says so.
    const unfinished = lines.findIndex((line) => /  digest   cli       UNFINISHED  week 2014-W19, test copies only  \(run cli-/.test(line));
    expect(unfinished, status.stdout).toBeGreaterThanOrEqual(0);
    expect(lines[unfinished + 1]).toBe(`    ${UNFINISHED_SEND}`);

    const rerun = await send();
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(rerun.stdout).toContain('5 sent, 1 skipped (already sent), 0 failed, 0 unknown, of 6 recipients');
    expect(await readdir(join(cwd, 'outbox/2014-W19'))).toHaveLength(6);
    expect((await runCli(['status', '--out', 'public'], { cwd })).code).toBe(0);
  });
});
