import type { IdChange } from '../plan/idChanges.js';
import { idChangeProblem } from '../plan/idChanges.js';
import { IdChangeError, type Problem } from '../shared/errors.js';

/**
 * Throws IdChangeError, before anything is built or written, when a publish would give published entries new ids
 * (findIdChanges), unless allowed. `warnings`: the run's content warnings, which the refusal reports as a run that
 * went ahead would have.
 */
export function refuseIdChanges(changes: readonly IdChange[], warnings: readonly Problem[], allow: boolean): void {
  if (changes.length > 0 && !allow) throw new IdChangeError(changes.map(idChangeProblem), { warnings });
}
