/** A key's folder: everything up to and including its last `/` ('' when it has none), the prefix its siblings share. */
export function keyFolder(key: string): string {
  return key.slice(0, key.lastIndexOf('/') + 1);
}
