import type { StoredObject } from '../store/store.js';

// Word's owner file records who has a document open: a few hundred bytes at most, binary. A larger file under such a
// name is somebody's text, read as any other.
const OWNER_FILE_MAX_BYTES = 4096;

/**
 * Whether a listed file is the owner ("lock") file Word keeps beside a document it has open: `~$` and the document's
 * name (less its first characters when long), hidden on Windows but listed once synced or zipped to another system.
 */
export function isWordOwnerFile(object: Pick<StoredObject, 'key' | 'size'>): boolean {
  return object.key.slice(object.key.lastIndexOf('/') + 1).startsWith('~$') && object.size <= OWNER_FILE_MAX_BYTES;
}
