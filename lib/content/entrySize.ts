import type { Problem } from '../shared/errors.js';
import { MAX_ENTRY_BYTES } from './limits.js';

/** An entry file is read only up to the entry size limit: a larger one is refused unread (Limits, "entry size"). */
export const ENTRY_READ = { maxBytes: MAX_ENTRY_BYTES };

/**
 * An entry file over MAX_ENTRY_BYTES, as a problem, or undefined. Rendering Markdown takes many times the text's
 * size in memory, and the entry is copied into every feed that carries it; the cap keeps one file from taking
 * more memory than a publish has. Measured in UTF-8 bytes, as the file is stored.
 */
export function entrySizeProblem(key: string, text: string): Problem | undefined {
  // A character is at most 3 UTF-8 bytes per UTF-16 code unit: only a long text needs counting.
  if (text.length * 3 <= MAX_ENTRY_BYTES) return undefined;
  const bytes = Buffer.byteLength(text, 'utf8');
  return bytes <= MAX_ENTRY_BYTES ? undefined : oversizeProblem(key, bytes);
}

/**
 * The problem of an entry file of `bytes` stored bytes, over MAX_ENTRY_BYTES: a file the store refused to read whole
 * (ReadOptions.maxBytes), so that a huge upload is reported without being downloaded.
 */
export function oversizeProblem(key: string, bytes: number): Problem {
  return {
    file: key,
    field: 'file',
    message: `is ${bytes.toLocaleString('en')} bytes, over the limit of ${MAX_ENTRY_BYTES.toLocaleString('en')} bytes for an entry`,
    fix: 'shorten the commentary: quote a passage and link to the full text rather than copying it',
  };
}
