import { randomUUID } from 'node:crypto';
import { pruneRuns } from '../lib/publish/runHistory.js';
import type { RunRecord } from '../lib/publish/runRecord.js';
import { writeRunRecord } from '../lib/publish/writeRunRecord.js';
import type { RunStart } from '../lib/publish/publishRunRecord.js';
import type { Store } from '../lib/store/store.js';
import type { CliIo } from './io.js';

/** A local run's id: `cli-` and a random UUID, so that records of runs in the same millisecond never clash. */
export function cliRunStart(kind: RunStart['kind']): () => RunStart {
  const id = `cli-${randomUUID()}`;
  const startedAt = new Date().toISOString();
  return () => ({ id, kind, trigger: 'cli', startedAt, endedAt: new Date().toISOString() });
}

/**
 * Writes a local run's record into the output store, as the functions do in the site bucket, and prunes the
 * records past RUN_RECORD_DAYS. A record that cannot be written is a warning: the run itself is done.
 */
export async function recordRun(output: Store, record: RunRecord, io: CliIo): Promise<void> {
  try {
    await writeRunRecord(output, record);
    await pruneRuns(output, Date.parse(record.endedAt));
  } catch (error) {
    // A failed run has said why already; its record is a nicety.
    if (record.outcome !== 'ok') return;
    io.stderr(`warning: the run record was not written to ${output.description}: ${(error as Error).message}`);
  }
}
