import { countOf } from '../shared/countOf.js';
import { UnclaimedFilesError } from '../shared/errors.js';
import { STATE_DIR } from '../shared/outputLayout.js';
import { printableName } from '../shared/printable.js';
import type { StoredObject } from '../store/store.js';
import type { Change } from './manifest.js';
import { RUNS_PREFIX } from './runRecord.js';

/** Files named in the refusal; the rest are counted. */
const NAMED = 5;

/**
 * Throws UnclaimedFilesError, before anything is written, when an output no publish ever wrote to (nothing under
 * `_broadsheet/` but run records: no manifest, lock or intent) already holds files at keys this publish would write: an
 * editor's own `index.html` in a folder typed as `--out` (`--out .`, `--out docs`), or another tool's site in a
 * bucket, would be overwritten and lost, and counted as new. Files at other keys are let be, as a publish never
 * deletes what it did not write. Any output a publish has written to (its own files, a killed one's) has state.
 * With `replace` (`--replace-unclaimed`: a bucket moving to Broadsheet) it returns those keys instead, for the
 * caller to name as overwritten; none otherwise.
 */
export function refuseUnclaimedFiles(listed: readonly StoredObject[], changes: readonly Change[], where: string, replace = false): string[] {
  // A run record alone is no publish's: the publish function records a refused first publish, this very refusal.
  if (listed.some((object) => object.key.startsWith(STATE_DIR) && !object.key.startsWith(RUNS_PREFIX))) return [];
  const there = new Set(listed.map((object) => object.key));
  const keys = changes.filter((change) => change.status !== 'deleted' && there.has(change.key)).map((change) => change.key);
  if (replace || keys.length === 0) return keys;
  const clash = keys.map(printableName);
  const named = clash.slice(0, NAMED).join(', ') + (clash.length > NAMED ? ` and ${clash.length - NAMED} more` : '');
  const elsewhere = where.startsWith('s3://') ? 'an empty prefix (--prefix NEW)' : 'an empty folder (--out NEW)';
  const found = `${where} holds ${countOf(clash.length, 'file', 'files')} that no publish wrote and this one would overwrite (${named})`;
  throw new UnclaimedFilesError(found, `publish to ${elsewhere}, or move ${clash.length === 1 ? 'it' : 'them'} out of ${where} first (or overwrite ${clash.length === 1 ? 'it' : 'them'}: broadsheet publish --replace-unclaimed)`);
}
