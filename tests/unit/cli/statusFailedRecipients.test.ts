import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { statusCommand } from '../../../cli/commands/status.js';
import type { CliIo } from '../../../cli/io.js';
import { SendLedger } from '../../../lib/delivery/sendLedger.js';
import type { SendSummary } from '../../../lib/delivery/sendDigest.js';
import { noteUnsettled } from '../../../lib/delivery/unsettledWeeks.js';
import { cappedLists, runKey, type RunRecord } from '../../../lib/publish/runRecord.js';
import { LocalStore } from '../../../lib/store/localStore.js';

const NOW = DateTime.fromISO('2014-05-19T08:00:00Z');
const id = (n: number) => n.toString(16).padStart(32, '0');

describe('status and recipients the mail server refused', () => {
  it('names a fanned-out week whose batches had recipients refused, though its run record says ok, without failing the exit status', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'broadsheet-status-refused-'));
    const output = new LocalStore(join(cwd, 'public'));
    // The digest function queued 2014-W20's send (ok); a batch then sent one recipient and had two refused, as a batch notes it.
    const record: RunRecord = { id: 'req-w20', kind: 'digest', trigger: 'schedule', week: '2014-W20', startedAt: '2014-05-19T08:00:00.000Z', endedAt: '2014-05-19T08:00:04.000Z', outcome: 'ok', counts: { new: 1 }, ...cappedLists([], []) };
    await output.put(runKey(record), JSON.stringify(record), { contentType: 'application/json' });
    const ledger = new SendLedger(output, '2014-W20');
    const at = { at: NOW.toISO() };
    for (const n of [0, 1, 2]) await ledger.claim(id(n), 1, at);
    await ledger.confirm(id(0), 1, at);
    for (const n of [1, 2]) await ledger.fail(id(n), 1, { ...at, reason: '550 mailbox unavailable' });
    const batch: SendSummary = { week: '2014-W20', transport: 'smtp', total: 3, sent: 1, skipped: 0, failed: 2, unknown: 0, notReached: 0, results: [] };
    await noteUnsettled(output, batch, NOW);

    const out: string[] = [];
    const io: CliIo = { stdout: (line) => out.push(line), stderr: () => undefined, env: {}, cwd, isTty: false };
    expect(await statusCommand.run([], io)).toBe(0);
    expect(out.filter((line) => line.startsWith('FAILED: '))).toEqual([expect.stringMatching(/^FAILED: week 2014-W20: 2 recipients failed \(refused by the mail server, or not a valid address\), so nothing went out to them; the next send of the week tries them again \(broadsheet trigger --digest 2014-W20 --send/)]);
    expect(out.some((line) => line.startsWith('UNSETTLED: '))).toBe(false);

    const json: string[] = [];
    await statusCommand.run(['--json'], { ...io, stdout: (line) => json.push(line) });
    expect(JSON.parse(json.join('\n'))).toMatchObject({ failedRecipients: [{ week: '2014-W20', failed: 2 }] });
    expect(JSON.parse(json.join('\n'))).not.toHaveProperty('unsettled');

    // The week's next send sends to one of them: one left.
    await ledger.claim(id(1), 2, at);
    await ledger.confirm(id(1), 2, at);
    out.length = 0;
    await statusCommand.run(['--quiet'], io);
    expect(out.filter((line) => line.startsWith('FAILED: '))).toEqual([expect.stringMatching(/^FAILED: week 2014-W20: 1 recipient failed \(.*\), so nothing went out to it; the next send of the week tries it again/)]);
  });
});
