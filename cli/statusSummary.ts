import type { LockState } from '../lib/publish/publishLock.js';
import type { RunRecord } from '../lib/publish/runRecord.js';
import { countOf } from '../lib/shared/countOf.js';
import { onFirstCall } from '../lib/shared/onFirstCall.js';

/** `2014-W21, 2014-W20 and 2014-W19`: made for the first such list only, as Intl loads its list patterns then. */
const WEEKS = onFirstCall(() => new Intl.ListFormat('en-GB', { type: 'conjunction' }));

/**
 * status's last line: how many of the latest runs did not succeed, a publish left UNFINISHED (its lock, named
 * above) and the digest weeks whose batches are failing, which make status exit 2 as a failed run does. `runs`: newest first, at least one.
 */
export function statusSummary(runs: readonly RunRecord[], lock: LockState | undefined, where: string, failingWeeks: readonly string[] = []): string {
  const failed = runs.filter((run) => run.outcome !== 'ok').length;
  const latest = runs[0]?.outcome !== 'ok' ? ' (the latest among them)' : '';
  const unfinished = lock?.kind === 'left' || lock?.kind === 'unreadable' ? ', and a publish is UNFINISHED (above)' : '';
  const failing = failingWeeks.length === 0 ? '' : failingWeeks.length === 1 ? `, and the digest send of week ${failingWeeks[0]} is FAILING (above)` : `, and the digest sends of weeks ${WEEKS().format(failingWeeks)} are FAILING (above)`;
  return `${countOf(runs.length, 'latest run', 'latest runs')} in ${where}; ${failed} did not succeed${latest}${unfinished}${failing}`;
}
