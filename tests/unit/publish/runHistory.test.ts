import { describe, expect, it } from 'vitest';
import { findRun, latestRuns, latestRunsWithin, MAX_RUN_RECORD_BYTES } from '../../../lib/publish/runHistory.js';
import { cappedLists, RUNS_PREFIX, runIdOfKey, runKey, type RunRecord } from '../../../lib/publish/runRecord.js';
import { MemoryStore } from '../../../lib/store/memoryStore.js';
import type { ReadOptions } from '../../../lib/store/store.js';

// `status` and the trigger's runs route read the records under _broadsheet/runs/: each with a cap, so that one junk
// object there (an upload of hundreds of MB) is skipped, never downloaded.

const JSON_TYPE = { contentType: 'application/json' };
const record = (id: string, startedAt: string): RunRecord => ({
  id,
  kind: 'publish',
  trigger: 'cli',
  startedAt,
  endedAt: startedAt,
  outcome: 'ok',
  counts: { new: 1 },
  ...cappedLists([], []),
});

/** A store that records the cap of every read under the runs folder. */
class CapRecordingStore extends MemoryStore {
  readonly caps: (number | undefined)[] = [];
  override async get(key: string, options?: ReadOptions): Promise<Buffer | undefined> {
    if (key.startsWith('_broadsheet/runs/')) this.caps.push(options?.maxBytes);
    return super.get(key, options);
  }
}

describe('run records over MAX_RUN_RECORD_BYTES', () => {
  it('are skipped unread by latestRuns, which returns the others', async () => {
    const store = new CapRecordingStore();
    const older = record('cli-older', '2014-06-09T03:00:00.000Z');
    const newer = record('cli-newer', '2014-06-11T03:00:00.000Z');
    await store.put(runKey(older), JSON.stringify(older), JSON_TYPE);
    await store.put(runKey(newer), JSON.stringify(newer), JSON_TYPE);
    // Between them, where a record's key would be: a valid JSON text one byte over the cap.
    const junk = record('cli-junk', '2014-06-10T03:00:00.000Z');
    const text = JSON.stringify({ ...junk, message: '' });
    await store.put(runKey(junk), JSON.stringify({ ...junk, message: 'x'.repeat(MAX_RUN_RECORD_BYTES + 1 - text.length) }), JSON_TYPE);
    expect(store.objects.get(runKey(junk))!.body.length).toBe(MAX_RUN_RECORD_BYTES + 1);

    expect((await latestRuns(store, 10)).map((run) => run.id)).toEqual(['cli-newer', 'cli-older']);
    expect(await findRun(store, 'cli-junk')).toBeUndefined();
    expect(store.caps).toEqual([MAX_RUN_RECORD_BYTES, MAX_RUN_RECORD_BYTES, MAX_RUN_RECORD_BYTES, MAX_RUN_RECORD_BYTES]);
  });

  it('are more than any record a run writes: its lists are capped, its message cut', async () => {
    // Longer than each part can be: 50 keys of S3's longest (1,024 bytes), each character escaped by JSON as \uXXXX;
    // 50 problems of 4,096 characters (a key, a field, a message quoting at most QUOTE_MAX_CHARS of the text); the
    // message as publishRunRecord cuts it (500 characters).
    const key = '\u0001'.repeat(1024);
    const problem = 'p'.repeat(4096);
    const lists = cappedLists(Array.from({ length: 1000 }, () => ({ key, status: 'changed' })), Array.from({ length: 1000 }, () => problem));
    const longest = { ...record('cli-long', '2014-06-10T03:00:00.000Z'), outcome: 'failed', error: 'StoreError', message: '\u0001'.repeat(500), ...lists };
    expect(Buffer.byteLength(JSON.stringify(longest))).toBeLessThan(MAX_RUN_RECORD_BYTES);
  });
});

describe('latestRunsWithin', () => {
  /** 25 records a minute apart, `cli-00` the newest, and a junk object where the third newest's key would be. */
  async function runs(): Promise<{ store: CapRecordingStore; ids: string[] }> {
    const store = new CapRecordingStore();
    const ids = Array.from({ length: 25 }, (_, i) => `cli-${String(i).padStart(2, '0')}`);
    for (const [i, id] of ids.entries()) {
      const run = record(id, new Date(Date.UTC(2014, 5, 10) - i * 60_000).toISOString());
      await store.put(runKey(run), i === 2 ? 'not JSON' : JSON.stringify(run), JSON_TYPE);
    }
    return { store, ids };
  }

  it('returns the newest while their cost fits, names the keys of the rest, and reads no batch past the one that went over', async () => {
    const { store, ids } = await runs();
    // Each record costs its id's last figure plus one: 1 + 2 + (junk, nothing) + 4 + 5 = 12 fits 13, the sixth (6) does not.
    const within = await latestRunsWithin(store, 25, { budget: 13, cost: (run) => Number(run.id.slice(-1)) + 1, atOnce: 4 });
    expect(within.records.map((run) => run.id)).toEqual(['cli-00', 'cli-01', 'cli-03', 'cli-04']);
    expect(within.leftOut.map(runIdOfKey)).toEqual(ids.slice(5));
    // Two batches of four: the second held the sixth.
    expect(store.caps).toEqual(Array(8).fill(MAX_RUN_RECORD_BYTES));
  });

  it('within its budget, returns what latestRuns returns, and leaves none out', async () => {
    const { store } = await runs();
    const within = await latestRunsWithin(store, 20, { budget: 1e9, cost: () => 1 });
    expect(within).toEqual({ records: await latestRuns(store, 20), leftOut: [] });
    expect(within.records).toHaveLength(19);
  });
});

describe('runIdOfKey', () => {
  it("is the id a record's key holds, and nothing for another object in the runs folder", () => {
    expect(runIdOfKey(runKey({ id: 'b3f1c2d4-0000-4e5f-8a9b-123456789abc', startedAt: '2014-06-10T03:00:00.000Z' }))).toBe('b3f1c2d4-0000-4e5f-8a9b-123456789abc');
    for (const key of [`${RUNS_PREFIX}notes.json`, `${RUNS_PREFIX}0000000000000-a/b.json`, `${RUNS_PREFIX}0000000000000-.json`, `${RUNS_PREFIX}0000000000000-cli-1.txt`, '_broadsheet/other/0000000000000-cli-1.json']) {
      expect(runIdOfKey(key), key).toBeUndefined();
    }
  });
});
