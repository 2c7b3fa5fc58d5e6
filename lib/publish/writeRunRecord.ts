import type { Store } from '../store/store.js';
import { MANIFEST_KEY } from './manifest.js';
import { isRunId, runKey, type RunRecord } from './runRecord.js';

export interface WriteRunRecordOptions {
  /**
   * The store is the site's own (a deployment's site bucket), not a folder typed on a command line: a run that did
   * not succeed is recorded there before the first publish too, under `_broadsheet/runs/`, which is never served.
   */
  siteStore?: boolean;
}

/**
 * Writes the record. A run that did not succeed writes it into a folder named on the command line only where a site
 * is published already (a manifest is there): a failed first publish, or one into the wrong folder, leaves the
 * output exactly as it was.
 */
export async function writeRunRecord(store: Store, record: RunRecord, options: WriteRunRecordOptions = {}): Promise<void> {
  // Whether it is there, not what it holds: a listing of its one key, never a read of the whole manifest.
  if (record.outcome !== 'ok' && !options.siteStore && !(await store.list(MANIFEST_KEY)).some((object) => object.key === MANIFEST_KEY)) return;
  if (!isRunId(record.id)) throw new TypeError(`not a run id: ${JSON.stringify(record.id.slice(0, 100))}`);
  await store.put(runKey(record), `${JSON.stringify(record, null, 1)}\n`, { contentType: 'application/json; charset=utf-8', cacheControl: 'no-cache' });
}
