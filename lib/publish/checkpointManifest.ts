import type { PublishedDates } from '../plan/zoneMovedDates.js';
import type { WarnedBefore } from '../plan/warnedBefore.js';
import type { CorrectionsBefore } from '../plan/correctionsBefore.js';
import { serializeManifest, type Change, type Manifest, type StoredManifest } from './manifest.js';
import { UNKNOWN_SHA256 } from '../shared/unknownSha256.js';

/** What a stopped publish saw completed: each file written, with the version its write answered, and each deleted. */
export interface WritesDone {
  written: ReadonlyMap<string, string | undefined>;
  deleted: ReadonlySet<string>;
}

/**
 * The intent (lib/publish/publishIntent.ts) with what a publish that stopped cleanly saw completed: each file it wrote
 * recorded as built (`next`), with its write's version, each it deleted left out, every other file it was to write or
 * delete still of unknown bytes, as a write that failed or was in flight may or may not have landed. The next publish
 * then writes only those, and what changed since. No settled record, and the units as before: a unit is reused only
 * where its recorded hashes are the manifest's (buildSite), so none is taken as having made a file written here.
 */
export function checkpointManifest(
  previous: StoredManifest,
  changes: readonly Change[],
  next: Manifest,
  done: WritesDone,
  zoneMoved: readonly PublishedDates[] = [],
  warnedBefore?: WarnedBefore,
  correctionsBefore?: CorrectionsBefore,
): readonly Buffer[] {
  const manifest: Manifest = { ...previous.manifest };
  for (const change of changes) {
    if (change.status === 'unchanged') continue;
    if (change.status === 'deleted' && done.deleted.has(change.key)) delete manifest[change.key];
    else if (change.status !== 'deleted' && done.written.has(change.key)) {
      const version = done.written.get(change.key);
      const { version: _none, ...record } = next[change.key]!;
      manifest[change.key] = version === undefined ? record : { ...record, version };
    } else manifest[change.key] = { sha256: UNKNOWN_SHA256, contentType: '', size: change.size };
  }
  return serializeManifest(manifest, previous.units, undefined, previous.listId, zoneMoved, warnedBefore, correctionsBefore);
}

/** Nothing completed: the intent as a whole serialisation makes it. */
export const NOTHING_DONE: WritesDone = { written: new Map(), deleted: new Set() };
