import { join } from 'node:path';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import type { DigestSendOptions } from '../../../lib/delivery/digestDelivery.js';
import { sendDigestShard, type DigestShardMessage } from '../../../lib/delivery/digestFanout.js';
import { LEDGER_PREFIX } from '../../../lib/digest/ledgerRecords.js';
import { cappedLists, runKey, type RunRecord } from '../../../lib/publish/runRecord.js';
import { LocalStore } from '../../../lib/store/localStore.js';
import { StoreSubscriberStore } from '../../../lib/subscribers/storeSubscriberStore.js';
import { runCli } from '../../support/cli.js';
import { SAMPLE, tempDir } from './support.js';

describe('broadsheet status and a fanned-out send whose batches keep failing', () => {
  it('names the week, the batches failed in a row, the last error and the rerun, and exits 2, though the run record says ok', async () => {
    const cwd = await tempDir('status-failing-batches');
    const output = new LocalStore(join(cwd, 'public'));
    const week = '2014-W19';
    // The digest function's record of a send it fanned out: ok, as its batches were queued.
    const record: RunRecord = { id: 'req-fanout-1', kind: 'digest', trigger: 'schedule', week, startedAt: '2014-05-12T00:00:00.000Z', endedAt: '2014-05-12T00:00:04.000Z', outcome: 'ok', counts: { new: 3 }, ...cappedLists([], []) };
    await output.put(runKey(record), JSON.stringify(record), { contentType: 'application/json' });
    const modelKey = await failBatches(cwd, week, ['2014-05-12T00:01:00Z', '2014-05-12T00:02:00Z']);

    const text = await runCli(['status'], { cwd });
    expect(text.code).toBe(2);
    const lines = text.stdout.split('\n');
    expect(lines[0]).toMatch(new RegExp(`^FAILING: the digest send of week ${week}: the last 2 batches in a row failed or stopped \\(the last at 2014-05-12T00:02:00.000Z: ${modelKey.replaceAll('.', '\\.')} is not in .*\\)\\. `));
    expect(lines[0]).toContain(`broadsheet trigger --digest ${week} --send (or POST /digest {"week":"${week}","send":true})`);
    expect(lines.at(-2)).toBe(`1 latest run in ${output.description}; 0 did not succeed, and the digest send of week ${week} is FAILING (above)`);

    const json = await runCli(['status', '--json'], { cwd });
    expect(json.code).toBe(2);
    expect((JSON.parse(json.stdout) as { failedBatches: unknown }).failedBatches).toMatchObject([{ week, inARow: 2, at: '2014-05-12T00:02:00.000Z' }]);
  });

  it('names every recent week failing, not only the latest digest run\'s, and no longer one a local digest --send has completed', async () => {
    const cwd = await tempDir('status-failing-weeks');
    await failBatches(cwd, '2014-W19', ['2014-05-12T00:01:00Z']);
    await failBatches(cwd, '2014-W20', ['2014-05-19T00:01:00Z']);
    // The sample's three subscribers get 2014-W19 from here: the latest digest run, and the week is complete.
    const sent = await runCli(['digest', '--content', SAMPLE, '--week', '2014-W19', '--now', '2014-05-20T00:00:00Z', '--send'], { cwd });
    expect(sent.code, sent.stderr).toBe(0);
    expect(sent.stdout).toContain('3 sent');

    const text = await runCli(['status'], { cwd });
    expect(text.code).toBe(2);
    const failing = text.stdout.split('\n').filter((line) => line.startsWith('FAILING: '));
    expect(failing).toHaveLength(1);
    expect(failing[0]).toMatch(/^FAILING: the digest send of week 2014-W20: the last 1 batch in a row failed/);
    expect(text.stdout.trim().split('\n').at(-1)).toMatch(/; 0 did not succeed, and the digest send of week 2014-W20 is FAILING \(above\)$/);
  });
});

/** Fails a fanned-out batch of `week` at each moment, as the real sender refuses one whose model is not in cwd's public/; returns that model's key. */
async function failBatches(cwd: string, week: string, moments: readonly string[]): Promise<string> {
  const output = new LocalStore(join(cwd, 'public'));
  const modelKey = `${LEDGER_PREFIX}${week}/model-0123456789abcdef.json`;
  const subscribers = new StoreSubscriberStore(new LocalStore(join(cwd, 'subscribers')));
  const send = {} as DigestSendOptions;
  const prepare = () => {
    throw new Error('not reached: the batch is refused before its transport is prepared');
  };
  for (const [index, at] of moments.entries()) {
    const message: DigestShardMessage = { kind: 'broadsheet.digest-shard', week, modelKey, shard: index.toString(16).padStart(2, '0') };
    await expect(sendDigestShard(message, { output, subscribers, now: DateTime.fromISO(at), send, prepare })).rejects.toThrow(modelKey);
  }
  return modelKey;
}
