import { describe, expect, it } from 'vitest';
import { failedBatchesLine } from '../../../cli/failedBatchesLine.js';
import { statusSummary } from '../../../cli/statusSummary.js';
import type { RunRecord } from '../../../lib/publish/runRecord.js';

describe("status's line for a digest week whose batches keep failing", () => {
  it('names the week, the batches failed in a row, the last error and when, and the rerun the README documents', () => {
    expect(failedBatchesLine('2014-W19', { inARow: 4, last: 'SES: sending paused for the account', at: '2014-05-12T00:15:00.000Z' })).toBe(
      'FAILING: the digest send of week 2014-W19: the last 4 batches in a row failed or stopped (the last at 2014-05-12T00:15:00.000Z: SES: sending paused for the account). ' +
        'Once the cause is mended, send the rest again: broadsheet trigger --digest 2014-W19 --send (or POST /digest {"week":"2014-W19","send":true}); the send ledger skips who already got it',
    );
    expect(failedBatchesLine('2014-W20', { inARow: 1, last: 'x', at: 'y' })).toContain('the last 1 batch in a row failed');
  });

  it('is named in the summary, beside runs that all succeeded', () => {
    const ok: RunRecord = { id: 'run-1', kind: 'digest', trigger: 'schedule', week: '2014-W19', startedAt: '2014-05-12T00:00:00.000Z', endedAt: '2014-05-12T00:00:02.000Z', outcome: 'ok', counts: {}, changed: [], changedTotal: 0, problems: [], problemsTotal: 0 };
    expect(statusSummary([ok], undefined, 's3://b/', ['2014-W19'])).toBe('1 latest run in s3://b/; 0 did not succeed, and the digest send of week 2014-W19 is FAILING (above)');
    expect(statusSummary([ok], undefined, 's3://b/', ['2014-W21', '2014-W20', '2014-W19'])).toBe('1 latest run in s3://b/; 0 did not succeed, and the digest sends of weeks 2014-W21, 2014-W20 and 2014-W19 are FAILING (above)');
  });
});
