import { randomBytes } from 'node:crypto';
import { closeSync, openSync, readSync, unlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Artifact } from '../plan/artifact.js';
import { StoreError } from '../shared/errors.js';
import type { Manifest, ManifestRecord } from './manifest.js';
import { sha256 } from '../shared/sha256.js';

/** Where a held file's bytes lie in the spool. */
interface Held {
  offset: number;
  length: number;
}

/**
 * The files a publish built, held from the moment each is built until it is written. Every file is built before
 * the first write, so invalid content or a failed build writes nothing; but a first publish of a large site builds
 * more bytes than a Lambda has memory. So each file is hashed as it is built; a file the output already holds with
 * that hash keeps no bytes; the others go to a spool file in the scratch folder and are read back to be written.
 * The spool is unlinked as soon as it is open (where the system allows), so a run killed at any instant leaves no
 * scratch behind. docs/benchmarks.md has the figures; serverless.yml gives the publish function the room.
 */
export class BuiltFiles {
  private readonly records = new Map<string, ManifestRecord>();
  private readonly held = new Map<string, Held>();
  private readonly archives = new Set<string>();
  private readonly spoolPath: string;
  private spool: number | undefined;
  private spoolUnlinked = false;
  private spoolEnd = 0;

  /**
   * `published`: the output's files as the last publish left them; an identical file built again is not held.
   * `scratchDir`: where the spool file goes (default: the system's temporary folder; on Lambda, /tmp).
   */
  constructor(
    private readonly published: Manifest = {},
    scratchDir: string = tmpdir(),
  ) {
    this.spoolPath = join(scratchDir, `broadsheet-built-${process.pid}-${randomBytes(6).toString('hex')}.spool`);
  }

  /** Takes a file just built: its hash, size and type, and its bytes unless the output holds them already. */
  add(artifact: Artifact): void {
    const record: ManifestRecord = { sha256: sha256(artifact.body), contentType: artifact.contentType, size: artifact.body.length };
    this.records.set(artifact.key, record);
    if (artifact.cache === 'archive') this.archives.add(artifact.key);
    const before = this.published[artifact.key];
    if (before?.sha256 === record.sha256 && before.contentType === record.contentType) return;
    const bytes = artifact.body;
    const fd = this.openSpool();
    try {
      for (let written = 0; written < bytes.length; ) written += writeSync(fd, bytes, written, bytes.length - written, this.spoolEnd + written);
    } catch (error) {
      throw new StoreError(`cannot hold a built file in ${this.spoolPath}: ${(error as Error).message}`, { cause: error });
    }
    this.held.set(artifact.key, { offset: this.spoolEnd, length: bytes.length });
    this.spoolEnd += bytes.length;
  }

  has(key: string): boolean {
    return this.records.has(key);
  }

  /** Each file's manifest record: its hash, type and size. */
  entries(): IterableIterator<[string, ManifestRecord]> {
    return this.records.entries();
  }

  contentType(key: string): string {
    return this.records.get(key)!.contentType;
  }

  /** Whether it was built with `cache: 'archive'` (lib/plan/artifact.ts). */
  isArchive(key: string): boolean {
    return this.archives.has(key);
  }

  /** The bytes of a file that differs from the published one; undefined for one the output already holds. */
  body(key: string): Buffer | undefined {
    const held = this.held.get(key);
    if (held === undefined || this.spool === undefined) return undefined;
    const bytes = Buffer.allocUnsafe(held.length);
    let read = 0;
    while (read < held.length) {
      const n = readSync(this.spool, bytes, read, held.length - read, held.offset + read);
      if (n === 0) throw new StoreError(`the spool ${this.spoolPath} ended before ${key}'s bytes`);
      read += n;
    }
    return bytes;
  }

  /** Closes and removes the spool: the held bytes are gone. */
  dispose(): void {
    this.held.clear();
    if (this.spool === undefined) return;
    closeSync(this.spool);
    this.spool = undefined;
    if (!this.spoolUnlinked) unlinkSync(this.spoolPath);
  }

  private openSpool(): number {
    if (this.spool !== undefined) return this.spool;
    try {
      this.spool = openSync(this.spoolPath, 'wx+', 0o600);
    } catch (error) {
      throw new StoreError(`cannot make a spool file in ${this.spoolPath}: ${(error as Error).message} (the publish needs scratch space for the files it builds)`, { cause: error });
    }
    try {
      unlinkSync(this.spoolPath);
      this.spoolUnlinked = true;
    } catch {
      // A system that cannot remove an open file (Windows): removed by dispose.
    }
    return this.spool;
  }
}
