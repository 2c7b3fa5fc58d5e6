import { posix } from 'node:path';
import type { Problem, UnreadableFileError } from '../shared/errors.js';

// The problems made here, so a load can tell them from those of a file's text: a file's permissions can change
// without its version (chmod leaves the size and mtime), so the next load reads it again.
const made = new WeakSet<Problem>();

/**
 * The problem of a content file that is there but cannot be read (UnreadableFileError): why, and the fix for that
 * cause. `elsewhere` is the fix's other way out: moving an entry file out of entries/ leaves the rest publishable.
 */
export function unreadableFile(error: UnreadableFileError, elsewhere?: string): Problem {
  // A folder's key ends in `/`: listing it takes the permission to read and to enter it.
  const folder = error.key.endsWith('/');
  const name = posix.basename(error.key);
  const fixes: Record<UnreadableFileError['kind'], string> = {
    permission: `fix its permissions so the user publishing can read it (chmod ${folder ? 'u+rx' : 'u+r'} ${name}, or on Windows its Security tab)`,
    locked: 'close it in the program that holds it, or let the sync finish',
    'input/output': 'copy it back from a backup or another copy of the content',
    'not a file': 'put the file itself in its place',
    'not entered': `fix its permissions so the user publishing can enter it (chmod u+x ${name})`,
  };
  const problem = { file: error.key, field: 'file', message: `cannot be read: ${error.reason}`, fix: elsewhere ? `${fixes[error.kind]}, or ${elsewhere}` : fixes[error.kind] };
  made.add(problem);
  return problem;
}

/** Whether a problem is one of a file that could not be read (unreadableFile), which its next read may not have. */
export function isUnreadableFile(problem: Problem): boolean {
  return made.has(problem);
}
