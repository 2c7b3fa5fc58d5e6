import type { StoredObject } from './store.js';

/**
 * How far a file's mtime must lie before the moment its version was taken for the version to be trusted: the
 * coarsest timestamp a content folder may sit on (FAT and a zip's DOS time: 2 s; HFS+: 1 s). Within it, a second save
 * of the same size can keep the mtime, and so the version, of the first.
 */
export const RACY_MARGIN_MS = 2000;

/**
 * How far ahead of that moment an mtime is still racy: a file server whose clock runs ahead stamps a save made right
 * after the read with a time ahead too. Further ahead (a zip unpacked in another time zone), a later save is stamped
 * with the present, another version, until the clock comes within reach of the stamp.
 */
export const RACY_AHEAD_MS = 60_000;

/**
 * Whether `object`'s version cannot tell its bytes from those of a later save: its mtime is not safely older than
 * `readAt`, a moment on the content file system's clock taken before the version was (git's "racily clean" index
 * entries, Documentation/technical/racy-git.txt). A version that is not a local mtime (S3's ETag, a hash) is never
 * racy, nor is any without `readAt`.
 */
export function isRacy(object: StoredObject, readAt: number | undefined): boolean {
  const modifiedMs = object.modifiedMs;
  return readAt !== undefined && modifiedMs !== undefined && modifiedMs > readAt - RACY_MARGIN_MS && modifiedMs < readAt + RACY_AHEAD_MS;
}
