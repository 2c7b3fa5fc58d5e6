import type { DateTime } from 'luxon';
import type { LoadedContent } from '../content/loadContent.js';
import type { Problem } from '../shared/errors.js';
import { isPublished } from './sitePlan.js';

/**
 * An entry the last publish had, left out now because an edit made it invalid (--skip-invalid): its page and its feed
 * items go, and readers see it removed (then new again once fixed). Said beside the problem, which alone reads as
 * an entry merely not added.
 */
export function takenDown(loaded: Pick<LoadedContent, 'before' | 'invalidKeys'>, now: DateTime): Problem[] {
  const published = new Set(loaded.before.entries.filter((entry) => isPublished(entry, now)).map((entry) => entry.key));
  return [...loaded.invalidKeys]
    .filter((key) => published.has(key))
    .sort()
    .map((file) => ({ file, field: 'file', message: 'was published, and is left out while it is invalid: its page and its items in the feeds are removed until it is fixed', fix: 'fix its problem (listed with the skipped entries) and publish again; without --skip-invalid a problem refuses the whole publish, and the published entry stays' }));
}
