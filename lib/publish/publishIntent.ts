import type { PublishedDates } from '../plan/zoneMovedDates.js';
import { serializeManifest, UNKNOWN_SHA256, type Change, type Manifest, type StoredManifest } from './manifest.js';

/**
 * The manifest a publish writes before its first file: the previous one (its list id kept), without its settled
 * record, and with every file about to be written or deleted recorded with unknown bytes. A publish that dies after any write
 * leaves this, so the next one stops at no settled check, writes each of those files again (or deletes the ones
 * it no longer makes, new ones included), and reuses no unit that made one. `zoneMoved`: the published dates the run
 * moves (StoredManifest.zoneMoved), so that the next one still warns of them.
 */
export function intentManifest(previous: StoredManifest, changes: readonly Change[], zoneMoved: readonly PublishedDates[] = []): readonly Buffer[] {
  const manifest: Manifest = { ...previous.manifest };
  for (const change of changes) {
    if (change.status === 'unchanged') continue;
    manifest[change.key] = { sha256: UNKNOWN_SHA256, contentType: '', size: change.size };
  }
  return serializeManifest(manifest, previous.units, undefined, previous.listId, zoneMoved);
}
