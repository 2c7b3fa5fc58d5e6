import { ObjectTooLargeError } from '../shared/errors.js';
import { mapLimit } from '../shared/mapLimit.js';
import { sha256 } from '../shared/sha256.js';
import type { Store, StoredObject } from '../store/store.js';
import type { Manifest } from './manifest.js';

/**
 * Of the drifted files (driftedKeys), those that hold the very bytes the manifest records (its SHA-256) under another
 * version: an output copied with `cp -a` or restored from a backup gives every file a new inode, and so a new local
 * version, with no change anyone made. Only a file listed at its recorded size is read, once; a publish keeps a file
 * it does not write at its listed version (writeSite), so the next one finds the version recorded and reads none.
 */
export async function sameBytesDrifted(output: Store, manifest: Manifest, drifted: readonly string[], listed: readonly StoredObject[], concurrency = 16): Promise<string[]> {
  if (drifted.length === 0) return [];
  const sizes = new Map<string, number>();
  for (const object of listed) sizes.set(object.key, object.size);
  const candidates = drifted.filter((key) => manifest[key]!.version !== undefined && sizes.get(key) === manifest[key]!.size);
  const same = await mapLimit(candidates, concurrency, async (key) => {
    const record = manifest[key]!;
    try {
      const bytes = await output.get(key, { maxBytes: record.size });
      return bytes !== undefined && sha256(bytes) === record.sha256;
    } catch (error) {
      // Grown since the listing: changed, as its size says.
      if (error instanceof ObjectTooLargeError) return false;
      throw error;
    }
  });
  return candidates.filter((_key, index) => same[index]);
}
