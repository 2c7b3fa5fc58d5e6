import { describe, expect, it } from 'vitest';
import { findRun, latestRuns, MAX_RUN_RECORD_BYTES } from '../../../lib/publish/runHistory.js';
import { cappedLists, runKey, type RunRecord } from '../../../lib/publish/runRecord.js';
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
