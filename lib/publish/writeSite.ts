import type { BuiltFiles } from './builtFiles.js';
import { INDEX_KEY, type EntryIndex } from '../content/entryIndex.js';
import { mapLimit } from '../shared/mapLimit.js';
import { MANIFEST_KEY, type Change } from './manifest.js';
import { sha256 } from '../shared/sha256.js';
import type { Store, StoredObject } from '../store/store.js';
import { deletionBatches, writeBatches } from './writeOrder.js';
import type { WritesDone } from './checkpointManifest.js';

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
  /**
   * The manifest a publish that stops with an error after its intent writes in the intent's place, given what it saw
   * completed (lib/publish/checkpointManifest.ts), so that the next one writes only what is still in doubt.
   */
  checkpoint?: (done: WritesDone) => readonly Buffer[];
  /** Called just before the checkpoint's write (PublishOptions.beforeCheckpoint). */
  beforeCheckpoint?: () => void;
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
  // Only what S3 answered: the write pool waits for the writes in flight before it rejects, and a failed one is not here.
  const written = new Map<string, string | undefined>();
  const deleted = new Set<string>();
  const before = new Map(write.listed.map((object) => [object.key, object]));
  try {
    for (const batch of writeBatches(writes.map((change) => change.key), (key) => before.has(key))) {
      await mapLimit(batch, concurrency, async (key) => {
        const version = await output.put(key, files.body(key)!, { contentType: files.contentType(key), cacheControl: files.isArchive(key) ? write.archiveCacheControl : write.cacheControl });
        written.set(key, version);
      });
    }
    for (const batch of deletionBatches(deletions.map((change) => change.key))) {
      await mapLimit(batch, concurrency, async (key) => {
        await output.delete(key);
        deleted.add(key);
      });
    }

    await writeIndex(output, write);
    // Written last, with the units' fingerprints: only a publish that wrote everything records them.
    const manifest = write.manifest((key) => (written.has(key) ? written.get(key) : before.get(key)?.version));
    if (intent || sha256(manifest) !== write.previousManifestHash) {
      await output.put(MANIFEST_KEY, manifest, { contentType: 'application/json; charset=utf-8', cacheControl: STATE_CACHE_CONTROL });
    }
  } catch (error) {
    if (write.checkpoint && written.size + deleted.size > 0) await writeCheckpoint(output, write, { written, deleted });
    throw error;
  }
}

/**
 * The checkpoint, in the intent's place. One that fails leaves the intent (a PUT is whole or not at all), which the
 * next publish converges from too, writing more again: the run's own error is the one to report.
 */
async function writeCheckpoint(output: Store, write: SiteWrite, done: WritesDone): Promise<void> {
  write.beforeCheckpoint?.();
  try {
    await output.put(MANIFEST_KEY, write.checkpoint!(done), { contentType: 'application/json; charset=utf-8', cacheControl: STATE_CACHE_CONTROL });
  } catch {
    // The intent stands.
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
