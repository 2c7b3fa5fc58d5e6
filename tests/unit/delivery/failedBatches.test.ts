import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { FAILING_WEEKS_READ, failedBatchesKey, noteBatchOutcome, noteWeekSent, readFailedBatches, readFailingWeeks } from '../../../lib/delivery/failedBatches.js';
import { MemoryStore } from '../../../lib/store/memoryStore.js';

const WEEK = '2014-W19';
const T0 = DateTime.fromISO('2014-05-12T09:00:00Z');

describe("the fan-out's batches failed in a row", () => {
  it('counts failed batches, keeps the last error without its address, and ends once a batch goes through', async () => {
    const output = new MemoryStore();
    await noteBatchOutcome(output, WEEK, 'paused', T0);
    await noteBatchOutcome(output, WEEK, 'SES refused ada@example.org: account paused', T0.plus({ minutes: 1 }));
    const failed = await readFailedBatches(output, WEEK);
    expect(failed).toMatchObject({ inARow: 2, at: '2014-05-12T09:01:00.000Z' });
    expect(failed!.last).not.toContain('ada@example.org');
    await noteBatchOutcome(output, WEEK, undefined, T0.plus({ minutes: 2 }));
    expect(JSON.parse(output.objects.get(failedBatchesKey(WEEK))!.body.toString())).toEqual({ inARow: 0 });
    expect(await readFailedBatches(output, WEEK)).toBeUndefined();
  });
});

describe('the weeks status names as FAILING', () => {
  it('reads the FAILING_WEEKS_READ newest weeks of the ledger, one LIST and a GET each, and names those failing, newest first', async () => {
    const output = new MemoryStore();
    // Twelve weeks failing, 2014-W09 to W20; W18 completed since; a test copy's ledger is no week's send.
    const weeks = Array.from({ length: 12 }, (_, i) => `2014-W${String(9 + i).padStart(2, '0')}`);
    for (const week of weeks) await noteBatchOutcome(output, week, `failure of ${week}`, T0);
    await noteBatchOutcome(output, '2014-W18', undefined, T0);
    await noteBatchOutcome(output, '2014-W21.test-0123456789abcdef', 'a test copy', T0);
    const before = { ...output.requests };
    const failing = await readFailingWeeks(output);
    expect(FAILING_WEEKS_READ).toBe(8);
    // The eight newest weeks are W13 to W20, of which W18 is no longer failing.
    expect(failing.map(({ week }) => week)).toEqual(['2014-W20', '2014-W19', '2014-W17', '2014-W16', '2014-W15', '2014-W14', '2014-W13']);
    expect(failing[0]).toEqual({ week: '2014-W20', inARow: 1, last: 'failure of 2014-W20', at: '2014-05-12T09:00:00.000Z' });
    expect({ list: output.requests.list - before.list, get: output.requests.get - before.get }).toEqual({ list: 1, get: 8 });
  });

  it('ends a week\'s failures once a whole send of it goes through, and not after one that stopped, reached nobody, reached only readers who subscribed later, or left someone to another sender', async () => {
    const output = new MemoryStore();
    const send = { week: WEEK, transport: 'file', total: 3, sent: 1, skipped: 2, failed: 0, unknown: 0, notReached: 0, results: [] };
    await noteBatchOutcome(output, WEEK, 'SES paused', T0);
    for (const notThrough of [{ ...send, stopped: 'SMTP down', notReached: 1 }, { ...send, total: 0, sent: 0, skipped: 0 }, { ...send, sent: 0, skipped: 3, subscribedLater: 3 }, { ...send, heldByOthers: 1 }]) {
      await noteWeekSent(output, notThrough, T0);
      expect(await readFailedBatches(output, WEEK)).toMatchObject({ inARow: 1 });
    }
    await noteWeekSent(output, send, T0);
    expect(await readFailedBatches(output, WEEK)).toBeUndefined();
  });
});
