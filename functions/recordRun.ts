import type { Logger } from '@aws-lambda-powertools/logger';
import type { RunRecord } from '../lib/publish/runRecord.js';
import { writeRunRecord } from '../lib/publish/writeRunRecord.js';
import type { Store } from '../lib/store/store.js';

/** Writes a run's record into the site bucket; failing to is logged and never fails the run. */
export async function recordRun(output: Store, record: RunRecord, logger: Logger): Promise<void> {
  try {
    await writeRunRecord(output, record);
  } catch (error) {
    logger.warn('the run record was not written', { runId: record.id, error: { name: (error as Error).name, message: (error as Error).message } });
  }
}
