import type { PublishedDates } from '../plan/zoneMovedDates.js';
import type { WarnedBefore } from '../plan/warnedBefore.js';
import type { CorrectionsBefore } from '../plan/correctionsBefore.js';
import { jsonMembersReplaced } from '../shared/fast/jsonMembersReplaced.js';
import type { Change, ManifestRecord, StoredManifest } from './manifest.js';
import { checkpointManifest, NOTHING_DONE } from './checkpointManifest.js';
import { UNKNOWN_SHA256 } from '../shared/unknownSha256.js';

/**
 * The manifest a publish writes before its first file: the previous one (its list id kept), without its settled
 * record, and with every file about to be written or deleted recorded with unknown bytes. A publish that dies after any write
 * leaves this, so the next one stops at no settled check, writes each of those files again (or deletes the ones
 * it no longer makes, new ones included), and reuses no unit that made one. `zoneMoved`: the published dates the run
 * moves (StoredManifest.zoneMoved), and `warnedBefore`: what the entry index held for the files it warns of
 * (StoredManifest.warnedBefore), so that the next one still warns of them; `correctionsBefore`: what the
 * uncarried-correction warning needs of the settled record it drops (StoredManifest.correctionsBefore).
 *
 * `stored`: the text `previous` was read from, when the caller has it. Its bytes are then copied but for the records
 * that change (lib/shared/fast/jsonMembersReplaced.ts), the same bytes as serialising it all again, when `previous`
 * was read from it whole (not damaged), every record it holds otherwise than the text does (`unsure`: the files
 * found drifted) is one that changes, and neither it nor this intent holds moved dates or files warned of (serialised
 * whole, as rare), nor the text what the correction warning needs (this intent's is added last).
 */
export function intentManifest(
  previous: StoredManifest,
  changes: readonly Change[],
  zoneMoved: readonly PublishedDates[] = [],
  stored?: { text: Buffer; unsure: readonly string[] },
  warnedBefore?: WarnedBefore,
  correctionsBefore?: CorrectionsBefore,
): readonly Buffer[] {
  const marked = changes.filter((change) => change.status !== 'unchanged');
  const unknown = (change: Change): ManifestRecord => ({ sha256: UNKNOWN_SHA256, contentType: '', size: change.size });
  const markedKeys = new Set(marked.map((change) => change.key));
  const noMoves = zoneMoved.length === 0 && warnedBefore === undefined && stored !== undefined && KEPT_MEMBERS.every((member) => stored.text.lastIndexOf(member) === -1);
  if (stored && noMoves && previous.damaged === undefined && stored.unsure.every((key) => markedKeys.has(key))) {
    const text = jsonMembersReplaced(stored.text, {
      object: 'objects',
      // In the stored manifest's key order: sorted, as diffManifest left it (an intent's own text is not, and is serialised whole).
      replaced: marked
        .filter((change) => Object.hasOwn(previous.manifest, change.key))
        .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
        .map((change) => [change.key, unknown(change)] as const),
      appended: marked.filter((change) => !Object.hasOwn(previous.manifest, change.key)).map((change) => [change.key, unknown(change)] as const),
      dropped: 'settled',
      ...(correctionsBefore ? { added: ['correctionsBefore', correctionsBefore] as const } : {}),
    });
    if (text) return text;
  }
  return checkpointManifest(previous, changes, {}, NOTHING_DONE, zoneMoved, warnedBefore, correctionsBefore);
}

/** The top-level members serializeManifest writes moved dates, files warned of and what the correction warning needs in. */
const KEPT_MEMBERS = ['\n "zoneMoved": ', '\n "warnedBefore": ', '\n "correctionsBefore": '];
