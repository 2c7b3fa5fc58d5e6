import type { ArtifactUnit } from '../plan/artifact.js';
import type { PublishedDates } from '../plan/zoneMovedDates.js';
import { decodeWarnedBefore, encodeWarnedBefore, type WarnedBefore } from '../plan/warnedBefore.js';
import { decodeCorrectionsBefore, type CorrectionsBefore } from '../plan/correctionsBefore.js';
import type { SettledRecord } from './settled.js';
import { getWithin, MAX_TEXT_BYTES, type Store } from '../store/store.js';
import { STATE_DIR } from '../shared/outputLayout.js';
import { sha256 } from '../shared/sha256.js';
import { manifestProblem } from './manifestCheck.js';
import { Utf8Chunks } from '../shared/utf8Chunks.js';
import { writeJson } from '../shared/writeJson.js';

export const MANIFEST_KEY = `${STATE_DIR}manifest.json`;

/**
 * The largest manifest read: the longest text (MAX_TEXT_BYTES). A real one is 59 MB at 100,000 entries; a larger
 * object (one made huge by hand) is damaged, and never downloaded.
 */
export const MAX_MANIFEST_BYTES = MAX_TEXT_BYTES;

/** The stored manifest's bytes, its size when it is over MAX_MANIFEST_BYTES (left unread), or undefined when there is none. */
export function manifestBytes(store: Store): Promise<Buffer | number | undefined> {
  return getWithin(store, MANIFEST_KEY, MAX_MANIFEST_BYTES);
}

/** The text hash of a manifest too large to read: its size stands for its text, for the check after the lock. */
function oversizeHash(size: number): string {
  return `oversize-${size}`;
}

export interface ManifestRecord {
  sha256: string;
  contentType: string;
  size: number;
  /** The version the store's listing gave the file once written: another one later means someone else changed it. */
  version?: string;
}

/** Every published key with its hash: what the store holds, as far as Broadsheet knows. */
export type Manifest = Record<string, ManifestRecord>;

export type ChangeStatus = 'new' | 'changed' | 'unchanged' | 'deleted';

export interface Change {
  key: string;
  status: ChangeStatus;
  size: number;
}

/**
 * The manifest also records each reusable unit's fingerprint and the hashes of the files it made (see
 * ArtifactUnit): in the same file, so one GET reads both and one atomic write keeps them in step.
 */
export interface StoredManifest {
  manifest: Manifest;
  units: Record<string, UnitRecord>;
  settled?: SettledRecord;
  /**
   * The digest's list id (RFC 2919) its subscribers last had, as the publish that wrote the manifest recorded it
   * (recordedListId): what a changed site.yml is compared with. Null: the site has sent no digest since the record
   * began (`"noDigest": true` in the file, which a version reading `listId` as a string ignores). Absent: a
   * manifest written by a version that recorded none.
   */
  listId?: string | null;
  /**
   * Kept in an intent manifest only (lib/publish/publishIntent.ts): the dates the last finished publish gave the entries
   * whose dates the run that wrote it moved (a timezone change, lib/plan/zoneMovedDates.ts). Killed after writing its
   * entry index, that run leaves one made for the new site.yml, which no longer knows them.
   */
  zoneMoved?: PublishedDates[];
  /**
   * Kept in an intent manifest only: what the last finished publish's entry index held for the files the run that
   * wrote it warns of as taken down, held back or in a mailed week (lib/plan/warnedBefore.ts). Killed after writing
   * its own index, that run leaves one holding those files' new versions, which the next run reads as unchanged.
   */
  warnedBefore?: WarnedBefore;
  /**
   * Kept in an intent manifest only: what the uncarried-correction warning needs of the last finished publish, whose
   * settled record the intent drops (lib/plan/correctionsBefore.ts).
   */
  correctionsBefore?: CorrectionsBefore;
  /** The SHA-256 of the stored text ('' when there is none): the text itself is not kept, which for a large site would hold the heap for the whole run. */
  textHash: string;
  /** What was wrong with a stored manifest the publish could not trust, and so took as absent. */
  damaged?: string;
}

/** Whether the stored manifest lists any file, i.e. a publish wrote the output before (without listing every key). */
export function hasPublished(stored: Pick<StoredManifest, 'manifest'>): boolean {
  for (const _key in stored.manifest) return true;
  return false;
}

export async function readManifest(store: Store): Promise<StoredManifest> {
  return parseManifest(await manifestBytes(store));
}

/** The manifest as readManifest gives it, from the bytes manifestBytes gave. */
export function parseManifest(bytes: Buffer | number | undefined): StoredManifest {
  if (bytes === undefined) return { manifest: {}, units: {}, textHash: '' };
  if (typeof bytes === 'number') return { manifest: {}, units: {}, textHash: oversizeHash(bytes), damaged: `it is ${bytes.toLocaleString('en')} bytes, too large to read` };
  const textHash = sha256(bytes);
  const text = bytes.toString('utf8');
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    data = undefined;
  }
  // Damaged: every file is treated as new, so the publish writes them all and a whole manifest again.
  const damaged = data === undefined ? 'it is not JSON' : manifestProblem(data);
  if (damaged !== undefined) return { manifest: {}, units: {}, textHash, damaged };
  const valid = data as { objects: Manifest; units?: Record<string, UnitRecord>; settled?: SettledRecord; listId?: string; noDigest?: true; zoneMoved?: unknown; warnedBefore?: unknown; correctionsBefore?: unknown };
  const listId = valid.listId ?? (valid.noDigest ? null : undefined);
  const zoneMoved = decodeZoneMoved(valid.zoneMoved);
  const warnedBefore = decodeWarnedBefore(valid.warnedBefore);
  const correctionsBefore = decodeCorrectionsBefore(valid.correctionsBefore);
  return { manifest: valid.objects, units: valid.units ?? {}, ...(valid.settled ? { settled: valid.settled } : {}), ...(listId !== undefined ? { listId } : {}), ...(zoneMoved.length > 0 ? { zoneMoved } : {}), ...(warnedBefore ? { warnedBefore } : {}), ...(correctionsBefore ? { correctionsBefore } : {}), textHash };
}

/** The SHA-256 of the stored manifest's text ('' when there is none), as readManifest gives it, without parsing the text. */
export async function manifestTextHash(store: Store): Promise<string> {
  return manifestHash(await manifestBytes(store));
}

/** manifestTextHash of the bytes manifestBytes gave. */
export function manifestHash(bytes: Buffer | number | undefined): string {
  return bytes === undefined ? '' : typeof bytes === 'number' ? oversizeHash(bytes) : sha256(bytes);
}

/**
 * What publishing the `built` files (key and record) over `previous` does to each key; deletions only of keys
 * Broadsheet published. `reused`: records of files kept as the previous publish made them (units not rebuilt): unchanged.
 */
export function diffManifest(previous: Manifest, built: Iterable<[string, ManifestRecord]>, reused: Manifest = {}): { changes: Change[]; next: Manifest } {
  const records = new Map<string, ManifestRecord>(built);
  for (const key in reused) records.set(key, reused[key]!);
  const next: Manifest = {};
  const changes: Change[] = [];
  for (const key of [...records.keys()].sort()) {
    const record = records.get(key)!;
    next[key] = record;
    const before = previous[key];
    const status: ChangeStatus = !before ? 'new' : before.sha256 === record.sha256 && before.contentType === record.contentType ? 'unchanged' : 'changed';
    changes.push({ key, status, size: record.size });
  }
  for (const key of Object.keys(previous).sort()) {
    // Broadsheet's own state (the entry index, the send ledger) is never a published file to delete.
    if (!(key in next) && !key.startsWith(STATE_DIR)) changes.push({ key, status: 'deleted', size: previous[key]!.size });
  }
  return { changes, next };
}

export interface UnitRecord {
  fingerprint: string;
  /** Each file the unit made, with its SHA-256 as the manifest records it. */
  files: Record<string, string>;
}

/**
 * The units with a fingerprint, sorted by id, each with the hashes `next` holds for its files. `before`: the units as
 * the stored manifest holds them; a record there that is, member for member and in the same order, the one made here
 * is given as it is (the same text), not made again: most units of an edit are unchanged, and a new object for each,
 * with its own file keys, is work for the collector and for the serialisation.
 */
export function unitRecords(units: readonly Pick<ArtifactUnit, 'id' | 'fingerprint' | 'keys'>[], next: Manifest, before: Readonly<Record<string, UnitRecord>> = {}): Record<string, UnitRecord> {
  const records: Record<string, UnitRecord> = {};
  for (const unit of [...units].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    if (unit.fingerprint === undefined) continue;
    const keys = unit.keys.length > 1 ? [...unit.keys].sort() : unit.keys;
    const kept = Object.hasOwn(before, unit.id) ? before[unit.id] : undefined;
    if (kept !== undefined && isRecordOf(kept, unit.fingerprint, keys, next)) {
      records[unit.id] = kept;
      continue;
    }
    const files: Record<string, string> = {};
    for (const key of keys) files[key] = next[key]!.sha256;
    records[unit.id] = { fingerprint: unit.fingerprint, files };
  }
  return records;
}

/** Whether `record` has exactly the members `{ fingerprint, files }` unitRecords makes for these sorted keys, in its order. */
function isRecordOf(record: UnitRecord, fingerprint: string, keys: readonly string[], next: Manifest): boolean {
  const members = Object.keys(record);
  if (members.length !== 2 || members[0] !== 'fingerprint' || members[1] !== 'files' || record.fingerprint !== fingerprint) return false;
  const { files } = record;
  if (typeof files !== 'object' || files === null || Array.isArray(files) || Object.getPrototypeOf(files) !== Object.prototype) return false;
  const fileKeys = Object.keys(files);
  if (fileKeys.length !== keys.length) return false;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    if (fileKeys[i] !== key || files[key] !== next[key]!.sha256) return false;
  }
  return true;
}

/** The manifest's bytes, in chunks: `JSON.stringify(data, null, 1)` and a newline, written a record at a time (see writeJson). */
export function serializeManifest(manifest: Manifest, units: Record<string, UnitRecord> = {}, settled?: SettledRecord, listId?: string | null, zoneMoved: readonly PublishedDates[] = [], warnedBefore?: WarnedBefore, correctionsBefore?: CorrectionsBefore): readonly Buffer[] {
  const moved = zoneMoved.map((old): StoredDates => [old.key, old.version, old.date, old.updated ?? null]);
  const data = {
    format: 1,
    ...(listId === null ? { noDigest: true } : listId !== undefined ? { listId } : {}),
    objects: manifest,
    ...(Object.keys(units).length > 0 ? { units } : {}),
    ...(settled ? { settled } : {}),
    ...(correctionsBefore ? { correctionsBefore } : {}),
    ...(moved.length > 0 ? { zoneMoved: moved } : {}),
    ...(warnedBefore ? { warnedBefore: encodeWarnedBefore(warnedBefore) } : {}),
  };
  const out = new Utf8Chunks();
  // Depth 2: the document and each of its maps member by member, each record (or unit, or settled field) whole.
  writeJson(out, data, 1, 2);
  out.push('\n');
  return out.chunks();
}

/** How a manifest stores PublishedDates: file, version, date, updated (null: none). */
type StoredDates = [string, string, number, number | null];

/** The stored dates of this code's form; any other item is left out, as a manifest's other fields are not checked by it. */
function decodeZoneMoved(stored: unknown): PublishedDates[] {
  if (!Array.isArray(stored)) return [];
  const out: PublishedDates[] = [];
  for (const item of stored) {
    if (!Array.isArray(item) || item.length !== 4) continue;
    const [key, version, date, updated] = item as unknown[];
    if (typeof key !== 'string' || typeof version !== 'string' || typeof date !== 'number' || !Number.isFinite(date) || (updated !== null && (typeof updated !== 'number' || !Number.isFinite(updated)))) continue;
    out.push({ key, version, date, ...(updated === null ? {} : { updated }) });
  }
  return out;
}
