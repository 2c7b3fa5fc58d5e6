import { countOf } from '../lib/shared/countOf.js';
import { printableName } from '../lib/shared/printable.js';

/** The keys a preview line names of each kind; the rest are counted. */
const SHOWN = 5;

/**
 * What a preview's rebuild did to the files it serves, for its line: the files new or changed, then those deleted,
 * each counted apart and the first few named (`3 files changed (a, b, c), 2 deleted (x, y)`). `changed` holds every
 * key whose bytes differ (BuildReport), `deleted` those of them gone.
 */
export function rebuiltFilesWords(changed: readonly string[], deleted: readonly string[]): string {
  const gone = new Set(deleted);
  const written = changed.filter((key) => !gone.has(key));
  const named = (keys: readonly string[]) => keys.slice(0, SHOWN).map(printableName).join(', ') + (keys.length > SHOWN ? `, and ${keys.length - SHOWN} more` : '');
  const parts = [
    ...(written.length > 0 ? [`${countOf(written.length, 'file', 'files')} changed (${named(written)})`] : []),
    ...(deleted.length > 0 ? [`${written.length > 0 ? deleted.length : countOf(deleted.length, 'file', 'files')} deleted (${named(deleted)})`] : []),
  ];
  return parts.length > 0 ? parts.join(', ') : 'nothing changed';
}
