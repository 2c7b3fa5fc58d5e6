import { describe, expect, it } from 'vitest';
import { statusSummary } from '../../../cli/statusSummary.js';
import type { RunRecord } from '../../../lib/publish/runRecord.js';

const ok: RunRecord = { id: 'run-1', kind: 'publish', trigger: 'cli', startedAt: '2014-06-01T00:00:00.000Z', endedAt: '2014-06-01T00:00:02.000Z', outcome: 'ok', counts: {}, changed: [], changedTotal: 0, problems: [], problemsTotal: 0 };

describe("status's summary line", () => {
  it('names a publish left UNFINISHED beside the recorded runs, as its exit status 2 does', () => {
    const left = { kind: 'left', owner: 'broadsheet publish by ed on desk, pid 4242', since: '2014-06-01T00:01:00.000Z', why: 'its process is no longer running' } as const;
    expect(statusSummary([ok], left, 'out/')).toBe('1 latest run in out/; 0 did not succeed, and a publish is UNFINISHED (above)');
    expect(statusSummary([ok], { kind: 'unreadable' }, 'out/')).toBe('1 latest run in out/; 0 did not succeed, and a publish is UNFINISHED (above)');
    // One running now is no failure.
    expect(statusSummary([ok], { kind: 'held', owner: left.owner, since: left.since, staleAt: '2014-06-01T00:11:00.000Z' }, 'out/')).toBe('1 latest run in out/; 0 did not succeed');
  });
});
