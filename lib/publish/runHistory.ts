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
  return (await latestRunsWithin(store, limit, { budget: Infinity, cost: () => 0, atOnce: limit })).records;
}

export interface RunsWithin {
  /** The latest runs that fit, newest first. */
  records: RunRecord[];
  /** The keys of the later ones asked for and left out, the budget spent, newest first. */
  leftOut: string[];
}

export interface RunsBudget {
  /** What the records returned may cost together. */
  budget: number;
  /** What one record costs (its bytes in an answer, say). */
  cost: (record: RunRecord) => number;
  /** Records read at once: a batch read past the budget is dropped, and none after it is read. Default 10. */
  atOnce?: number;
}

/**
 * The latest `limit` runs, newest first, as latestRuns reads them, while their cost together stays within the budget:
 * the first that does not fit and all after it are left out (their keys named), so that what is returned has no gap.
 */
export async function latestRunsWithin(store: Store, limit: number, { budget, cost, atOnce = 10 }: RunsBudget): Promise<RunsWithin> {
  const keys = (await store.list(RUNS_PREFIX)).slice(0, limit).map((object) => object.key);
  const records: RunRecord[] = [];
  const step = Math.max(1, atOnce);
  let spent = 0;
  for (let start = 0; start < keys.length; start += step) {
    const batch = await Promise.all(keys.slice(start, start + step).map((key) => readRecord(store, key)));
    for (const [i, record] of batch.entries()) {
      if (record === undefined) continue;
      spent += cost(record);
      if (spent > budget) return { records, leftOut: keys.slice(start + i) };
      records.push(record);
    }
  }
  return { records, leftOut: [] };
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
