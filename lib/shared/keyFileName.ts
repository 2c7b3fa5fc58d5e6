/**
 * A key's file name: what follows its last `/` (the whole key when it has none). Not `posix.basename`, which skips
 * a trailing `/`: a folder placeholder's key (`entries/a.md/`) names no file, and gives ''.
 */
export function keyFileName(key: string): string {
  return key.slice(key.lastIndexOf('/') + 1);
}
