import { join } from 'node:path';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import type { DigestSendOptions } from '../../../lib/delivery/digestDelivery.js';
import { sendDigestShard, type DigestShardMessage } from '../../../lib/delivery/digestFanout.js';
import { LEDGER_PREFIX } from '../../../lib/delivery/sendLedger.js';
import { cappedLists, runKey, type RunRecord } from '../../../lib/publish/runRecord.js';
import { LocalStore } from '../../../lib/store/localStore.js';
import { StoreSubscriberStore } from '../../../lib/subscribers/storeSubscriberStore.js';
import { runCli } from '../../support/cli.js';
import { tempDir } from './support.js';

describe('broadsheet status and a fanned-out send whose batches keep failing', () => {
  it('names the week, the batches failed in a row, the last error and the rerun, and exits 2, though the run record says ok', async () => {
    const cwd = await tempDir('status-failing-batches');
    const output = new LocalStore(join(cwd, 'public'));
    const week = '2014-W19';
    // The digest function's record of a send it fanned out: ok, as its batches were queued.
    const record: RunRecord = { id: 'req-fanout-1', kind: 'digest', trigger: 'schedule', week, startedAt: '2014-05-12T00:00:00.000Z', endedAt: '2014-05-12T00:00:04.000Z', outcome: 'ok', counts: { new: 3 }, ...cappedLists([], []) };
    await output.put(runKey(record), JSON.stringify(record), { contentType: 'application/json' });
    // Two batches, each refused by the real sender as the model it names is not in the output.
    const modelKey = `${LEDGER_PREFIX}${week}/model-0123456789abcdef.json`;
    const subscribers = new StoreSubscriberStore(new LocalStore(join(cwd, 'subscribers')));
    const send = {} as DigestSendOptions;
    const prepare = () => {
      throw new Error('not reached: the batch is refused before its transport is prepared');
    };
    for (const [shard, at] of [['0a', '2014-05-12T00:01:00Z'], ['1b', '2014-05-12T00:02:00Z']] as const) {
      const message: DigestShardMessage = { kind: 'broadsheet.digest-shard', week, modelKey, shard };
      await expect(sendDigestShard(message, { output, subscribers, now: DateTime.fromISO(at), send, prepare })).rejects.toThrow(modelKey);
    }

    const text = await runCli(['status'], { cwd });
    expect(text.code).toBe(2);
    const lines = text.stdout.split('\n');
    expect(lines[0]).toMatch(new RegExp(`^FAILING: the digest send of week ${week}: the last 2 batches in a row failed or stopped \\(the last at 2014-05-12T00:02:00.000Z: ${modelKey.replaceAll('.', '\\.')} is not in .*\\)\\. `));
    expect(lines[0]).toContain(`broadsheet trigger --digest ${week} --send (or POST /digest {"week":"${week}","send":true})`);
    expect(lines.at(-2)).toBe(`1 latest run in ${output.description}; 0 did not succeed, and the digest send of week ${week} is FAILING (above)`);

    const json = await runCli(['status', '--json'], { cwd });
    expect(json.code).toBe(2);
    expect((JSON.parse(json.stdout) as { failedBatches: unknown }).failedBatches).toMatchObject({ week, inARow: 2, at: '2014-05-12T00:02:00.000Z' });
  });
});
