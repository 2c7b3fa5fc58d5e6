import type { Logger } from '@aws-lambda-powertools/logger';
import type { RunRecord } from '../lib/publish/runRecord.js';
import { writeRunRecord } from '../lib/publish/writeRunRecord.js';
import type { Store } from '../lib/store/store.js';

/**
 * Writes a run's record into the site bucket, even before the first publish: the bucket is the deployment's own, and
 * a refused first publish is exactly the run whose problems the editor must read. Failing to is logged and never
 * fails the run.
 */
export async function recordRun(output: Store, record: RunRecord, logger: Logger): Promise<void> {
  try {
    await writeRunRecord(output, record, { siteStore: true });
  } catch (error) {
    logger.warn('the run record was not written', { runId: record.id, error: { name: (error as Error).name, message: (error as Error).message } });
  }
}
