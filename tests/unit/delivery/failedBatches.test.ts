import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { failedBatchesKey, noteBatchOutcome, readFailedBatches } from '../../../lib/delivery/failedBatches.js';
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
