import { describe, expect, it } from 'vitest';
import { digestSendFailure } from '../../../cli/digestSendFailure.js';
import { runRecordLines } from '../../../cli/runLines.js';
import type { RunRecord } from '../../../lib/publish/runRecord.js';

const done = { total: 3, failed: 0, notReached: 0 };

describe("digestSendFailure: a CLI send's record when it did not reach everyone", () => {
  it('says nothing of a send that went through its list without a refusal', () => {
    expect(digestSendFailure(done)).toBeUndefined();
  });

  it('a send through its list with refusals: a DeliveryError counting them', () => {
    expect(digestSendFailure({ ...done, failed: 2 })).toEqual({ error: 'DeliveryError', message: '2 of 3 recipients failed' });
  });

  it('a send that stopped early: a DeliveryStoppedError with why and how many are left, a refusal before the stop counted too', () => {
    expect(digestSendFailure({ total: 43, failed: 0, notReached: 34, stopped: 'stopped by Ctrl-C' })).toEqual({ error: 'DeliveryStoppedError', message: 'stopped by Ctrl-C; 34 of 43 recipients not reached' });
    expect(digestSendFailure({ total: 4, failed: 3, notReached: 1, stopped: '3 messages in a row failed at the transport' })).toEqual({
      error: 'DeliveryStoppedError',
      message: '3 messages in a row failed at the transport; 1 of 4 recipients not reached, 3 failed',
    });
  });

  it('status words a stopped send as stopped, with the rerun that sends to the rest, not as recipients refused', () => {
    const record: RunRecord = {
      id: 'run-1', kind: 'digest', trigger: 'cli', week: '2014-W21', startedAt: '2014-06-05T01:00:00.000Z', endedAt: '2014-06-05T01:00:02.000Z', outcome: 'failed',
      counts: { sent: 0, skipped: 0, failed: 0, unknown: 0 }, changed: [], changedTotal: 0, problems: [], problemsTotal: 0,
      ...digestSendFailure({ total: 3, failed: 0, notReached: 3, stopped: 'SMTP: cannot open a session with 127.0.0.1:1' }),
    };
    expect(runRecordLines(record)[1]).toBe("    the send stopped early: SMTP: cannot open a session with 127.0.0.1:1; 3 of 3 recipients not reached (digest --send again (or the function's retry) sends to the rest, nobody twice)");
  });
});
