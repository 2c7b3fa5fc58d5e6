import { opensWithFrontMatter } from './frontMatter.js';
import { getWithin, isSafeKey, type Store, type StoredObject } from '../store/store.js';

// Word's owner file records who has a document open: a few hundred bytes, binary (the user's name in a length-prefixed
// byte string, then in UTF-16 padded with NULs). A larger file under such a name, or a text one opening with front
// matter, is somebody's entry, read as any other.
const OWNER_FILE_MAX_BYTES = 4096;

/** Whether a file's name is one Word gives its owner file: `~$` and the document's name (less its first characters when long). */
function ownerFileName(key: string): boolean {
  return key.slice(key.lastIndexOf('/') + 1).startsWith('~$');
}

/**
 * Whether a listed file is the owner ("lock") file Word keeps beside a document it has open, hidden on Windows but
 * listed once synced or zipped to another system: named so, small, and binary (`bytes`, its content: a NUL in it, or
 * no front matter).
 */
export function isWordOwnerFile(object: Pick<StoredObject, 'key' | 'size'>, bytes: Buffer): boolean {
  if (!ownerFileName(object.key) || object.size > OWNER_FILE_MAX_BYTES || bytes.length > OWNER_FILE_MAX_BYTES) return false;
  return bytes.includes(0) || !opensWithFrontMatter(bytes.toString('utf8'));
}

/** The keys of the listed files that are Word's owner files (isWordOwnerFile), reading only those named and sized so. */
export async function wordOwnerFiles(store: Store, listed: readonly StoredObject[]): Promise<Set<string>> {
  const owners = new Set<string>();
  for (const object of listed) {
    if (!ownerFileName(object.key) || object.size > OWNER_FILE_MAX_BYTES || !isSafeKey(object.key)) continue;
    const bytes = await getWithin(store, object.key, OWNER_FILE_MAX_BYTES);
    if (bytes instanceof Buffer && isWordOwnerFile(object, bytes)) owners.add(object.key);
  }
  return owners;
}
