import { describe, expect, it } from 'vitest';
import { runRecordLines } from '../../../cli/runLines.js';
import type { RunRecord } from '../../../lib/publish/runRecord.js';

const base: RunRecord = { id: 'run-1', kind: 'digest', trigger: 'schedule', startedAt: '2014-05-12T00:00:00.000Z', endedAt: '2014-05-12T00:00:02.000Z', outcome: 'ok', counts: {}, changed: [], changedTotal: 0, problems: [], problemsTotal: 0 };
const counts = { new: 2, changed: 1, deleted: 0, sent: 3, skipped: 0, failed: 0, unknown: 0 };

describe("status's line for a digest run", () => {
  it('names the week before the counts, and on a refusal with none; a record written before the week was kept reads as before', () => {
    expect(runRecordLines({ ...base, week: '2014-W19', counts })).toEqual(['2014-05-12T00:00:02.000Z  digest   schedule  ok        week 2014-W19: 2 new, 1 changed, 0 deleted, 3 sent, 0 skipped, 0 failed, 0 unknown  (run run-1)']);
    expect(runRecordLines({ ...base, week: '2014-W21', outcome: 'refused', error: 'UsageError', message: '--week: 2014-W21 has not ended' })).toEqual([
      '2014-05-12T00:00:02.000Z  digest   schedule  REFUSED   week 2014-W21  (run run-1)',
      '    UsageError: --week: 2014-W21 has not ended',
    ]);
    // Read from JSON as an older version wrote it: no week field.
    const old = JSON.parse(JSON.stringify({ ...base, counts })) as RunRecord;
    expect(runRecordLines(old)).toEqual(['2014-05-12T00:00:02.000Z  digest   schedule  ok        2 new, 1 changed, 0 deleted, 3 sent, 0 skipped, 0 failed, 0 unknown  (run run-1)']);
  });

  it('an unfinished send: its message alone under the line, with no error name', () => {
    expect(runRecordLines({ ...base, trigger: 'cli', week: '2014-W19', outcome: 'unfinished', message: 'no end recorded' })).toEqual([
      '2014-05-12T00:00:02.000Z  digest   cli       UNFINISHED  week 2014-W19  (run run-1)',
      '    no end recorded',
    ]);
  });
});
