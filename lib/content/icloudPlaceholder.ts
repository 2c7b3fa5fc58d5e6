/**
 * The entry file an iCloud Drive placeholder stands for: with "Optimize Mac Storage", macOS replaces a file it has
 * uploaded by a hidden stub named `.NAME.icloud` beside where it was (a small property list, not the text). Undefined
 * for any other key, and for a stub of a file that is no entry (not `.md`, or hidden itself).
 */
export function icloudPlaceholderEntry(key: string): string | undefined {
  const slash = key.lastIndexOf('/') + 1;
  const stub = /^\.([^.].*\.md)\.icloud$/.exec(key.slice(slash));
  return stub ? key.slice(0, slash) + stub[1] : undefined;
}
