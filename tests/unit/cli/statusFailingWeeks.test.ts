import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { statusCommand } from '../../../cli/commands/status.js';
import type { CliIo } from '../../../cli/io.js';
import { noteBatchOutcome } from '../../../lib/delivery/failedBatches.js';
import { LEDGER_PREFIX } from '../../../lib/digest/ledgerRecords.js';
import { cappedLists, runKey, type RunRecord } from '../../../lib/publish/runRecord.js';
import { LocalStore } from '../../../lib/store/localStore.js';

describe('status and an older week resent', () => {
  it('names an older week a listed digest run resent whose batches fail, though eight newer weeks fill the ledger', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'broadsheet-status-resend-'));
    const output = new LocalStore(join(cwd, 'public'));
    // Sends of 2014-W20 to W27 in the ledger; then 2014-W02 resent (trigger --digest 2014-W02 --send), queued ok, and two of its batches failed.
    for (let n = 20; n <= 27; n++) await output.put(`${LEDGER_PREFIX}2014-W${n}/model-0123456789abcdef.json`, '{}', { contentType: 'application/json' });
    const record: RunRecord = { id: 'req-resend-w02', kind: 'digest', trigger: 'manual', week: '2014-W02', startedAt: '2014-07-08T00:00:00.000Z', endedAt: '2014-07-08T00:00:04.000Z', outcome: 'ok', counts: { new: 1 }, ...cappedLists([], []) };
    await output.put(runKey(record), JSON.stringify(record), { contentType: 'application/json' });
    await noteBatchOutcome(output, '2014-W02', 'SES paused', DateTime.fromISO('2014-07-08T00:01:00Z'));
    await noteBatchOutcome(output, '2014-W02', 'SES paused', DateTime.fromISO('2014-07-08T00:02:00Z'));

    const out: string[] = [];
    const io: CliIo = { stdout: (line) => out.push(line), stderr: () => undefined, env: {}, cwd, isTty: false };
    expect(await statusCommand.run([], io)).toBe(2);
    expect(out.filter((line) => line.startsWith('FAILING: '))).toEqual([expect.stringMatching(/^FAILING: the digest send of week 2014-W02: the last 2 batches in a row failed/)]);
  });
});
