import { getWithin, type Store } from '../store/store.js';
import { isRunId, RUNS_PREFIX, startedAtOfKey, type RunRecord } from './runRecord.js';

/** How long run records are kept: locally each run prunes older ones; on AWS a lifecycle rule expires them (serverless.yml). */
export const RUN_RECORD_DAYS = 30;

/**
 * The largest run record read. A record's lists are capped (RUN_RECORD_LIST_LIMIT), so a real one is a few KB; a
 * larger object (a junk upload) is no record, and is never downloaded: read whole, it would hold `status` until the
 * store's timeouts.
 */
export const MAX_RUN_RECORD_BYTES = 1024 * 1024;

/** The latest `limit` runs, newest first (one LIST of the runs folder, one GET per record returned). */
export async function latestRuns(store: Store, limit: number): Promise<RunRecord[]> {
  const listed = await store.list(RUNS_PREFIX);
  const records = await Promise.all(listed.slice(0, limit).map((object) => readRecord(store, object.key)));
  return records.filter((record): record is RunRecord => record !== undefined);
}

/** The run with this id, if its record is written (a run still queued or running has none yet). */
export async function findRun(store: Store, id: string): Promise<RunRecord | undefined> {
  if (!isRunId(id)) return undefined;
  const key = (await store.list(RUNS_PREFIX)).find((object) => object.key.endsWith(`-${id}.json`))?.key;
  return key === undefined ? undefined : readRecord(store, key);
}

/** Deletes the records of runs started more than RUN_RECORD_DAYS before `nowMs`. */
export async function pruneRuns(store: Store, nowMs: number, days = RUN_RECORD_DAYS): Promise<number> {
  const cutoff = nowMs - days * 86_400_000;
  const old = (await store.list(RUNS_PREFIX)).filter((object) => startedAtOfKey(object.key) < cutoff);
  for (const object of old) await store.delete(object.key);
  return old.length;
}

async function readRecord(store: Store, key: string): Promise<RunRecord | undefined> {
  const bytes = await getWithin(store, key, MAX_RUN_RECORD_BYTES);
  if (!Buffer.isBuffer(bytes)) return undefined;
  try {
    return JSON.parse(bytes.toString('utf8')) as RunRecord;
  } catch {
    return undefined;
  }
}
