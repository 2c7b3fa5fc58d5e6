import type { IdChange } from '../plan/idChanges.js';
import { idChangeProblem } from '../plan/idChanges.js';
import { countOf } from '../shared/countOf.js';
import { IdChangeError, type Problem } from '../shared/errors.js';

/**
 * Throws IdChangeError, before anything is built or written, when a publish would give published entries new ids
 * (findIdChanges), unless allowed. `warnings`: the run's content warnings, which the refusal reports as a run that
 * went ahead would have. `skipped`: the problems of the invalid entries a publish with --skip-invalid leaves out,
 * listed too: a warning that one of them is taken down points to them, and they are for the editor to fix as well.
 */
export function refuseIdChanges(changes: readonly IdChange[], warnings: readonly Problem[], allow: boolean, skipped: readonly Problem[] = []): void {
  if (changes.length === 0 || allow) return;
  const problems = changes.map((change) => idChangeProblem(change));
  if (skipped.length === 0) throw new IdChangeError(problems, { warnings });
  const { message } = new IdChangeError(problems);
  throw new IdChangeError([...problems, ...skipped], { message: `${message} (listed with the ${countOf(skipped.length, 'problem', 'problems')} of the invalid entries it would skip)`, warnings });
}
