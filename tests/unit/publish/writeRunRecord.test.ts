import { describe, expect, it } from 'vitest';
import { MANIFEST_KEY } from '../../../lib/publish/manifest.js';
import { RUNS_PREFIX, type RunRecord } from '../../../lib/publish/runRecord.js';
import { writeRunRecord } from '../../../lib/publish/writeRunRecord.js';
import { MemoryStore } from '../../../lib/store/memoryStore.js';

const record = (outcome: RunRecord['outcome']): RunRecord => ({ id: 'cli-1', kind: 'publish', trigger: 'cli', startedAt: '2014-06-10T03:00:00.000Z', endedAt: '2014-06-10T03:00:01.000Z', outcome, counts: {}, changed: [], changedTotal: 0, problems: [], problemsTotal: 0 });
const records = (store: MemoryStore) => [...store.objects.keys()].filter((key) => key.startsWith(RUNS_PREFIX));

describe('writeRunRecord', () => {
  it('writes a failed run only where a manifest is, learnt from a listing of its key, never a read of it', async () => {
    const store = new MemoryStore();
    await store.put(MANIFEST_KEY, '{"objects": {}}', { contentType: 'application/json' });
    await writeRunRecord(store, record('failed'));
    expect(records(store)).toHaveLength(1);
    expect(store.requests.get).toBe(0);
  });

  it('writes no failed run where there is no manifest, though a key begins with its name', async () => {
    const store = new MemoryStore();
    await store.put(`${MANIFEST_KEY}.old`, '{}', { contentType: 'application/json' });
    await writeRunRecord(store, record('failed'));
    expect(records(store)).toEqual([]);
  });

  it('writes a run that succeeded whether or not a manifest is there', async () => {
    const store = new MemoryStore();
    await writeRunRecord(store, record('ok'));
    expect(records(store)).toHaveLength(1);
  });
});
