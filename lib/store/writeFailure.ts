import { lstatSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Why a local write failed, and the fix, by errno (open(2), rename(2), mkdir(2), write(2)): `folder` is the folder the
 * failed call wrote in. Each says the errno too, which is what a search finds.
 */
const FAILURES: Readonly<Record<string, (folder: string) => string>> = {
  EACCES: (folder) => `permission denied, EACCES (give the user publishing write permission on ${folder}: chmod u+w, or on Windows its Security tab)`,
  EPERM: (folder) => `operation not permitted, EPERM (the file or ${folder} is protected: give the user publishing write permission on it, or clear its immutable flag: chattr -i; on Windows, close the program that holds it)`,
  EROFS: () => 'read-only file system, EROFS (publish to a folder on a writable disk, or mount this one read-write)',
  ENOSPC: (folder) => `no space left on the disk, ENOSPC (free some space on the disk that holds ${folder})`,
  EDQUOT: (folder) => `disk quota exceeded, EDQUOT (free some space on the disk that holds ${folder}, or have the quota raised)`,
  EFBIG: () => 'file too large for this process, EFBIG (raise its file size limit: ulimit -f)',
  EIO: () => 'input/output error, EIO (the disk or network share failed: check it, then publish again)',
  // The check before a publish's writes finds these (LocalStore.pathBlockers): here, one put there since.
  ENOTDIR: (folder) => `not a directory, ENOTDIR (${fileAbove(folder)} is a file: move it or remove it)`,
  EISDIR: () => 'is a directory, EISDIR (a folder is where this file goes: move it or remove it)',
};

/** A failed write's errno in words, with the fix; the error's own message for an errno not listed. */
export function writeFailure(error: unknown, path: string): string {
  const { code, path: at } = (error ?? {}) as NodeJS.ErrnoException;
  const failure = code === undefined ? undefined : Object.hasOwn(FAILURES, code) ? FAILURES[code] : undefined;
  // The call's own path: a temporary file beside the target, or a folder being made (whose parent it writes in).
  return failure ? failure(dirname(at ?? path)) : (error as Error).message;
}

/** The file in the way of `folder`: itself or the nearest of the folders above it that is not a folder (a failure's path only). */
function fileAbove(folder: string): string {
  for (let at = folder; dirname(at) !== at; at = dirname(at)) {
    try {
      if (!lstatSync(at).isDirectory()) return at;
    } catch {
      // Not there, or under the file: look higher.
    }
  }
  return `${folder}, or a folder above it,`;
}
