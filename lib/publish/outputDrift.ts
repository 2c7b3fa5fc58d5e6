import type { StoredObject } from '../store/store.js';
import type { Manifest, ManifestRecord, StoredManifest } from './manifest.js';
import { UNKNOWN_SHA256 } from '../shared/unknownSha256.js';

/**
 * The files the manifest lists that the output no longer holds as the last publish left them: missing from the
 * listing, or listed with another version (an S3 ETag, a local file's size, mtime and inode) than the one recorded
 * right after the write; for a record without a version, another size. One LIST pass, no read of any file. A
 * file the intent of a publish that died records as of unknown bytes is not drift: that publish may have written
 * or deleted it, and the next one writes it again in any case.
 */
export function driftedKeys(manifest: Manifest, listed: readonly StoredObject[]): string[] {
  const byKey = new Map<string, StoredObject>();
  for (const object of listed) byKey.set(object.key, object);
  const drifted: string[] = [];
  for (const key in manifest) {
    const record = manifest[key]!;
    // Recorded unknown by a publish that died (its intent): written again anyway, and no one else's doing.
    if (record.sha256 === UNKNOWN_SHA256) continue;
    const object = byKey.get(key);
    const same = object !== undefined && (record.version !== undefined ? object.version === record.version : object.size === record.size);
    if (!same) drifted.push(key);
  }
  return drifted;
}

/** The manifest with the drifted files' bytes unknown: each is written again, and no unit holding one is reused. */
export function forgetDrifted(previous: StoredManifest, drifted: readonly string[]): StoredManifest {
  if (drifted.length === 0) return previous;
  const manifest: Manifest = { ...previous.manifest };
  for (const key of drifted) manifest[key] = { ...manifest[key]!, sha256: UNKNOWN_SHA256 };
  const { settled: _settled, ...rest } = previous;
  return { ...rest, manifest };
}

/** `manifest` with each file's version as the store gave it (none where unknown), for the next publish's drift check. */
export function withVersions(manifest: Manifest, versionOf: (key: string) => string | undefined): Manifest {
  const out: Manifest = {};
  for (const key in manifest) {
    const record = manifest[key]!;
    const version = versionOf(key);
    // A record that already ends with this version is kept as it is: copied, it would be the same fields in the same order.
    if (version !== undefined && record.version === version && lastField(record) === 'version') {
      out[key] = record;
      continue;
    }
    const { version: _old, ...rest } = record;
    out[key] = version === undefined ? rest : { ...rest, version };
  }
  return out;
}

function lastField(record: ManifestRecord): string | undefined {
  let last: string | undefined;
  for (const field in record) last = field;
  return last;
}
