import type { DateTime } from 'luxon';
import type { LoadedContent } from '../content/loadContent.js';
import { findIdChanges, idChangeProblem, type IdChange } from '../plan/idChanges.js';
import { IdChangeError } from '../shared/errors.js';

/** The id changes a publish would make; throws IdChangeError, before anything is built or written, unless allowed. */
export function refuseIdChanges(loaded: LoadedContent, now: DateTime, allow: boolean): IdChange[] {
  const changes = findIdChanges({ entries: loaded.entries, before: loaded.before, now });
  if (changes.length > 0 && !allow) throw new IdChangeError(changes.map(idChangeProblem), { warnings: loaded.warnings });
  return changes;
}
