import { opensWithFrontMatter } from './frontMatter.js';
import { MAX_ENTRY_BYTES } from './limits.js';
import { UnreadableFileError } from '../shared/errors.js';
import { getWithin, isSafeKey, type Store, type StoredObject } from '../store/store.js';
import { keyFileName } from '../shared/keyFileName.js';

// Word's owner file records who has a document open: binary (the user's name in a length-prefixed byte string, then in
// UTF-16 padded with NULs), 162 bytes from Word and 165 from Excel and PowerPoint, though a copy padded by a sync tool
// or another writer is larger: its content decides, not its size. A text file so named that opens with front matter is
// somebody's entry, read as any other, and so is one over the entry size limit (refused for its size, unread).
const OWNER_FILE_MAX_BYTES = MAX_ENTRY_BYTES;

/** Whether a file's name is one Word gives its owner file: `~$` and the document's name (less its first characters when long). */
function ownerFileName(key: string): boolean {
  return keyFileName(key).startsWith('~$');
}

/**
 * Whether a listed file is the owner ("lock") file Word keeps beside a document it has open, hidden on Windows but
 * listed once synced or zipped to another system: named so, within the entry size limit, and binary (`bytes`, its
 * content: a NUL in it, or no front matter).
 */
export function isWordOwnerFile(object: Pick<StoredObject, 'key' | 'size'>, bytes: Buffer): boolean {
  if (!ownerFileName(object.key) || object.size > OWNER_FILE_MAX_BYTES || bytes.length > OWNER_FILE_MAX_BYTES) return false;
  return bytes.includes(0) || !opensWithFrontMatter(bytes.toString('utf8'));
}

/** The keys of the listed files that are Word's owner files (isWordOwnerFile), reading only those named so. */
export async function wordOwnerFiles(store: Store, listed: readonly StoredObject[]): Promise<Set<string>> {
  const owners = new Set<string>();
  for (const object of listed) {
    if (!ownerFileName(object.key) || object.size > OWNER_FILE_MAX_BYTES || !isSafeKey(object.key)) continue;
    // One that cannot be read is not known to be Word's: read as an entry file, it is named with its fix.
    const bytes = await getWithin(store, object.key, OWNER_FILE_MAX_BYTES).catch((error: unknown) => {
      if (error instanceof UnreadableFileError) return undefined;
      throw error;
    });
    if (bytes instanceof Buffer && isWordOwnerFile(object, bytes)) owners.add(object.key);
  }
  return owners;
}
