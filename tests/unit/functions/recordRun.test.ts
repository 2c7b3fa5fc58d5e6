import { describe, expect, it } from 'vitest';
import { recordRun } from '../../../functions/recordRun.js';
import { createLogger } from '../../../functions/logger.js';
import { RUNS_PREFIX, type RunRecord } from '../../../lib/publish/runRecord.js';
import { MemoryStore } from '../../../lib/store/memoryStore.js';

describe('recordRun (functions)', () => {
  it('records a refused run in a site bucket where nothing is published yet, under _broadsheet/runs/ alone', async () => {
    const bucket = new MemoryStore();
    const problem = 'entries/2014/a.md:2: title: is missing (add a title: line)';
    const record: RunRecord = { id: 'a5737aa6-3250-4daa-b64f-3c7ee9b92bfa', kind: 'publish', trigger: 'manual', startedAt: '2014-06-01T00:00:00.000Z', endedAt: '2014-06-01T00:00:01.000Z', outcome: 'invalid', error: 'ContentError', message: '1 problem in the content', counts: {}, changed: [], changedTotal: 0, problems: [problem], problemsTotal: 1 };
    await recordRun(bucket, record, createLogger('broadsheet-test'));
    const keys = [...bucket.objects.keys()];
    expect(keys).toHaveLength(1);
    expect(keys[0]!.startsWith(RUNS_PREFIX)).toBe(true);
    expect(JSON.parse(bucket.objects.get(keys[0]!)!.body.toString('utf8')) as RunRecord).toMatchObject({ outcome: 'invalid', problems: [problem] });
  });
});
