import type { Problem } from '../shared/errors.js';

const NON_ASCII = /[^\x00-\x7f]/;
const DECOMPOSED = 'is in decomposed form (NFD,';

/**
 * The warning for an entry file whose name is in decomposed form (NFD: `e` then U+0301 for `é`, as macOS's older
 * disks and zips made there save names) while its path is its permanent id: the same content checked out with a
 * composed name (NFC, as most systems type it) would publish another id and page, and readers would see the entry
 * twice. Existing ids stay as they are; the warning asks for the rename before the entry is published. `named`: the
 * entry gives its own id:, which no rename changes. `published`: whether the id is published already.
 */
export function decomposedFileNameWarning(key: string, id: string, named: boolean, published: () => boolean): Problem | undefined {
  // An ASCII name is composed (NFC) as it is: most are, and normalize() costs each of them a call into ICU.
  if (named || !NON_ASCII.test(key) || key.normalize('NFC') === key) return undefined;
  // The first name in the path so stored: a folder's rename moves every entry in it.
  const segments = key.split('/');
  const at = segments.findIndex((segment) => segment.normalize('NFC') !== segment);
  const what = at === segments.length - 1 ? 'the file name' : `the folder name ${JSON.stringify(segments[at])}`;
  const path = segments.slice(0, at + 1).join('/');
  const composed = path.normalize('NFC');
  return {
    file: key,
    field: 'file',
    message: `${what} ${DECOMPOSED} accents stored apart from their letters, as macOS and zips made there may save it), and the entry's permanent id is its path: a copy whose ${at === segments.length - 1 ? 'file name' : 'folder name'} is composed (NFC) would publish the entry again under another id and page`,
    fix: published()
      ? `keep the ${at === segments.length - 1 ? 'file' : 'folder'} name, as the entry is published under this id, and add id: ${JSON.stringify(id)} (copied from this line, in decomposed form) so that no rename changes it`
      : `rename the ${at === segments.length - 1 ? 'file' : 'folder'} to ${composed}, its name in composed form (NFC), before it is published (for example: mv "${path}" "${composed}" where a shell composes what you type)`,
  };
}

/**
 * Whether `warning` is decomposedFileNameWarning's: dropped for a file whose id has a look-alike (repeatedEntries), as
 * that problem names the other file and asks for another id, where the rename this warning gives could name the other
 * file itself.
 */
export function isDecomposedFileNameWarning(warning: Problem): boolean {
  return warning.field === 'file' && warning.message.includes(DECOMPOSED);
}
