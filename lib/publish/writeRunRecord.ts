import type { Store } from '../store/store.js';
import { manifestBytes } from './manifest.js';
import { isRunId, runKey, type RunRecord } from './runRecord.js';

/**
 * Writes the record. A run that did not succeed writes it only where a site is published already (a manifest
 * is there): a failed first publish, or one into the wrong folder, leaves the output exactly as it was.
 */
export async function writeRunRecord(store: Store, record: RunRecord): Promise<void> {
  if (record.outcome !== 'ok' && (await manifestBytes(store)) === undefined) return;
  if (!isRunId(record.id)) throw new TypeError(`not a run id: ${JSON.stringify(record.id.slice(0, 100))}`);
  await store.put(runKey(record), `${JSON.stringify(record, null, 1)}\n`, { contentType: 'application/json; charset=utf-8', cacheControl: 'no-cache' });
}
