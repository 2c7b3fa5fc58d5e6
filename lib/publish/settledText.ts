import { createHash } from 'node:crypto';
import type { StoredObject } from '../store/store.js';
import { STATE_DIR } from '../shared/outputLayout.js';
import { serializeManifest, type Manifest, type UnitRecord } from './manifest.js';
import { sha256 } from '../shared/sha256.js';
import { settledIsSound } from './manifestCheck.js';
import type { SettledRecord } from './settled.js';

/**
 * A settled publish without parsing the manifest's records. A publish that writes everything records, in the
 * manifest's settled record (its last member), two hashes:
 * - `manifestSha256`: of the manifest's text without that member (serializeManifest with no settled record), and
 * - `outputSha256`: of every published file's key, version and size as the manifest records them (filesSha256).
 *
 * The next publish reads the settled record alone from the end of the text (settledFromText). When the text before
 * it hashes as recorded, it is, byte for byte, a manifest this code wrote, so parsing the whole text would give
 * exactly these records (no damage) and this settled record. When the output's listing, its own state aside,
 * hashes as `outputSha256` (listedSha256), the output holds exactly the manifest's files, each at its recorded
 * version and size: the drift check (lib/publish/outputDrift.ts) would find none, every mailed week's page the
 * listing holds is one the manifest lists, and the listing gives each file's key and size as the manifest does.
 * So the publish is settled with the result it would have after parsing the whole manifest; anything else (an
 * older manifest without the hashes, a file added, a hand-edited text) is decided by parsing it, as before.
 */

/** How the settled record starts in serializeManifest's text: the document's last member, one space in. */
const SETTLED_MEMBER = ',\n "settled": ';
/** How serializeManifest's text ends. */
const CLOSE = '\n}\n';
const CLOSE_BYTES = Buffer.from(CLOSE);

/** A settled record read with the hashes that prove the manifest it ends (see above). */
export type ProvenSettled = SettledRecord & { manifestSha256: string; outputSha256: string };

/**
 * The manifest's bytes, the bytes serializeManifest(manifest, units, settled, listId) gives, with the settled
 * record's two hashes added to it (none without a settled record).
 */
export function serializeSettledManifest(manifest: Manifest, units: Record<string, UnitRecord>, settled: SettledRecord | undefined, listId: string | null | undefined): readonly Buffer[] {
  const rest = serializeManifest(manifest, units, undefined, listId);
  if (settled === undefined) return rest;
  const record: ProvenSettled = { ...settled, manifestSha256: sha256(rest), outputSha256: filesSha256(manifest) };
  // The member as writeJson writes it at depth 1: JSON.stringify's text, its lines one space in.
  const member = `${SETTLED_MEMBER}${JSON.stringify(record, null, 1).replaceAll('\n', '\n ')}${CLOSE}`;
  return [...withoutEnd(rest, CLOSE_BYTES.length), Buffer.from(member, 'utf8')];
}

/**
 * The settled record that ends the manifest's text, when `wanted` takes it and the text before it hashes as the
 * record says (a manifest serializeSettledManifest wrote, unchanged since); otherwise undefined, and the manifest is
 * to be parsed whole. `wanted` is asked first, so that a record the publish cannot stop at costs no hash.
 */
export function settledFromText(bytes: Buffer | number | undefined, wanted: (settled: SettledRecord) => boolean = () => true): ProvenSettled | undefined {
  if (!Buffer.isBuffer(bytes) || bytes.length < CLOSE_BYTES.length) return undefined;
  const end = bytes.length - CLOSE_BYTES.length;
  if (!bytes.subarray(end).equals(CLOSE_BYTES)) return undefined;
  const at = bytes.lastIndexOf(SETTLED_MEMBER);
  if (at < 0) return undefined;
  let settled: unknown;
  try {
    settled = JSON.parse(bytes.toString('utf8', at + Buffer.byteLength(SETTLED_MEMBER), end));
  } catch {
    return undefined;
  }
  if (!settledIsSound(settled)) return undefined;
  const { manifestSha256, outputSha256 } = settled as Partial<ProvenSettled>;
  if (typeof manifestSha256 !== 'string' || typeof outputSha256 !== 'string' || !wanted(settled as ProvenSettled)) return undefined;
  const hash = createHash('sha256').update(bytes.subarray(0, at)).update(CLOSE_BYTES).digest('hex');
  return hash === manifestSha256 ? (settled as ProvenSettled) : undefined;
}

/** The hash of the manifest's files: each key with its version (or none) and size, in key order. */
export function filesSha256(manifest: Manifest): string {
  const files = new FilesHash();
  for (const key of sortedKeys(manifest)) {
    const record = manifest[key]!;
    files.add(key, record.version, record.size);
  }
  return files.digest();
}

/** filesSha256 of the manifest the listing shows: its files outside Broadsheet's own state, as listed. */
export function listedSha256(listed: readonly StoredObject[]): string {
  const files = new FilesHash();
  for (const object of inKeyOrder(listed.filter((object) => !object.key.startsWith(STATE_DIR)))) files.add(object.key, object.version, object.size);
  return files.digest();
}

/** One line per file, each part prefixed with its length, so that no two lists of files give the same text. */
class FilesHash {
  private readonly hash = createHash('sha256').update('files 1\n');
  private batch = '';

  add(key: string, version: string | undefined, size: number): void {
    // A record without a version is never taken for a listed file, which always has one.
    this.batch += `${key.length}:${key}${version === undefined ? 'n' : `v${version.length}:${version}`}${size}\n`;
    if (this.batch.length >= 1 << 16) {
      this.hash.update(this.batch);
      this.batch = '';
    }
  }

  digest(): string {
    return this.hash.update(this.batch).digest('hex');
  }
}

/** The object's keys in code-unit order (Array.prototype.sort's), sorted only when they are not already. */
function sortedKeys(object: object): string[] {
  const keys = Object.keys(object);
  for (let i = 1; i < keys.length; i++) if (!(keys[i - 1]! < keys[i]!)) return keys.sort();
  return keys;
}

/** The items in code-unit order of their keys, sorted in place only when they are not already (a listing mostly is). */
export function inKeyOrder<T extends { key: string }>(items: T[]): T[] {
  for (let i = 1; i < items.length; i++) {
    if (!(items[i - 1]!.key < items[i]!.key)) return items.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }
  return items;
}

/** The chunks without their last `count` bytes. */
function withoutEnd(chunks: readonly Buffer[], count: number): Buffer[] {
  const out = [...chunks];
  while (count > 0 && out.length > 0) {
    const last = out.pop()!;
    if (last.length > count) out.push(last.subarray(0, last.length - count));
    count -= Math.min(count, last.length);
  }
  return out;
}
