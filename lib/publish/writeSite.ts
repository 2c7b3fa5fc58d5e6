import type { BuiltFiles } from './builtFiles.js';
import { INDEX_KEY, type EntryIndex } from '../content/entryIndex.js';
import { mapLimit } from '../shared/mapLimit.js';
import { MANIFEST_KEY, type Change } from './manifest.js';
import { sha256 } from '../shared/sha256.js';
import type { Store, StoredObject } from '../store/store.js';
import { deletionBatches, writeBatches } from './writeOrder.js';

/** Broadsheet's own state is read back by the next publish, never from a cache. */
const STATE_CACHE_CONTROL = 'no-cache';

export interface SiteWrite {
  /** Every file's fate (diffManifest). */
  changes: readonly Change[];
  /** The files built, the changed ones with their bytes. */
  files: BuiltFiles;
  /** The entries whose rendered bodies the entry index keeps for the next publish (SiteBuild.keptBodies). */
  keptBodies: ReadonlySet<string>;
  /** The entries whose first paragraphs alone it keeps (SiteBuild.keptSummaries). */
  keptSummaries: ReadonlySet<string>;
  index: EntryIndex;
  /** Every entry file's key, valid or not: the index keeps a record of each. */
  entryKeys: readonly string[];
  /** Made and written only before the first file or deletion (lib/publish/publishIntent.ts), so a publish that dies is never taken as settled. */
  intentManifest: () => readonly Buffer[];
  /** The manifest to write last, given each file's version after the writes. */
  manifest: (versionOf: (key: string) => string | undefined) => readonly Buffer[];
  /** The output's listing before the writes: the versions of the files not written. */
  listed: readonly StoredObject[];
  /** The SHA-256 of the manifest as stored before ('' when there was none): not written again when the same. */
  previousManifestHash: string;
  /** Cache-Control of published files. */
  cacheControl: string;
  /** Cache-Control of the files built with `cache: 'archive'`. */
  archiveCacheControl: string;
  concurrency: number;
}

/**
 * The write step: the intent first, then only the changed files, each atomically, in an order where what a page
 * links to comes before it (lib/publish/writeOrder.ts), then the deletions, referrers first, then the entry index,
 * and the manifest last, with each file's version: as each write answered it, the others' as the listing before
 * the writes found them (one changed since is drift the next publish finds). A publish that dies partway leaves
 * every file valid and the intent in the manifest, and the next one converges.
 */
export async function writeSite(output: Store, write: SiteWrite): Promise<void> {
  const { changes, files, concurrency } = write;
  const writes = changes.filter((change) => change.status === 'new' || change.status === 'changed');
  const deletions = changes.filter((change) => change.status === 'deleted');
  const intent = writes.length + deletions.length > 0;
  if (intent) {
    await output.put(MANIFEST_KEY, write.intentManifest(), { contentType: 'application/json; charset=utf-8', cacheControl: STATE_CACHE_CONTROL });
  }
  const written = new Map<string, string | undefined>();
  const before = new Map(write.listed.map((object) => [object.key, object]));
  for (const batch of writeBatches(writes.map((change) => change.key), (key) => before.has(key))) {
    await mapLimit(batch, concurrency, async (key) => {
      const version = await output.put(key, files.body(key)!, { contentType: files.contentType(key), cacheControl: files.isArchive(key) ? write.archiveCacheControl : write.cacheControl });
      written.set(key, version);
    });
  }
  for (const batch of deletionBatches(deletions.map((change) => change.key))) await mapLimit(batch, concurrency, (key) => output.delete(key));

  await writeIndex(output, write);
  // Written last, with the units' fingerprints: only a publish that wrote everything records them.
  const manifest = write.manifest((key) => (written.has(key) ? written.get(key) : before.get(key)?.version));
  if (intent || sha256(manifest) !== write.previousManifestHash) {
    await output.put(MANIFEST_KEY, manifest, { contentType: 'application/json; charset=utf-8', cacheControl: STATE_CACHE_CONTROL });
  }
}

/** Its own call, so that the index's bytes are garbage before the manifest's are made. */
async function writeIndex(output: Store, write: SiteWrite): Promise<void> {
  // Every unit's entries keep their cached bodies, and first paragraphs where the unit asks to keep them,
  // built this time or reused.
  const index = write.index.serialize(write.entryKeys, write.keptBodies, write.keptSummaries);
  if (write.index.changedFromLoaded(index)) {
    await output.put(INDEX_KEY, index, { contentType: 'application/json; charset=utf-8', cacheControl: STATE_CACHE_CONTROL });
  }
}
