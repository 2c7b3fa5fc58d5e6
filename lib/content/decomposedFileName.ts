import type { Problem } from '../shared/errors.js';

/**
 * The warning for an entry file whose name is in decomposed form (NFD: `e` then U+0301 for `é`, as macOS's older
 * disks and zips made there save names) while its path is its permanent id: the same content checked out with a
 * composed name (NFC, as most systems type it) would publish another id and page, and readers would see the entry
 * twice. Existing ids stay as they are; the warning asks for the rename before the entry is published. `named`: the
 * entry gives its own id:, which no rename changes. `published`: whether the id is published already.
 */
export function decomposedFileNameWarning(key: string, id: string, named: boolean, published: () => boolean): Problem | undefined {
  if (named || key.normalize('NFC') === key) return undefined;
  const composed = key.normalize('NFC');
  return {
    file: key,
    field: 'file',
    message: `the file name is in decomposed form (NFD, accents stored apart from their letters, as macOS and zips made there may save it), and the entry's permanent id is its path: a copy whose file name is composed (NFC) would publish the entry again under another id and page`,
    fix: published()
      ? `keep the file name, as the entry is published under this id, and add id: ${JSON.stringify(id)} (copied from this line, in decomposed form) so that no rename changes it`
      : `rename the file to ${composed}, its name in composed form (NFC), before it is published (for example: mv "${key}" "${composed}" where a shell composes what you type)`,
  };
}
