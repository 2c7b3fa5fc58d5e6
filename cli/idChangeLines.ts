import type { IdChange } from '../lib/plan/idChanges.js';
import { countOf } from '../lib/shared/countOf.js';
import { printableName } from '../lib/shared/printable.js';

/**
 * The warning a publish with --allow-id-change gives for each published id it changes; `total`: how many there are,
 * when the publish function's answer lists the first only.
 */
export function idChangeLines(changes: readonly IdChange[], total = changes.length): string[] {
  const lines = changes.map((change) => `warning: ${printableName(change.newKey)}: id: was ${JSON.stringify(change.oldId)} (${printableName(change.oldKey)}), now ${JSON.stringify(change.newId)}: readers show it again as new (--allow-id-change)`);
  if (total > changes.length) lines.push(`warning: ... and ${countOf(total - changes.length, 'more id change', 'more id changes')}, not listed (the publish function answers the first ${changes.length} of ${total}); publish --dry-run --allow-id-change --bucket SITE_BUCKET lists them all`);
  return lines;
}
