import { describe, expect, it } from 'vitest';
import { parseEntry } from '../../../lib/content/entry.js';
import { entry, entryText } from '../../support/content.js';

const NFD_KEY = 'entries/2014/cafe\u0301.md';
const NFC_KEY = 'entries/2014/caf\u00e9.md';
const parsed = (key: string, fields: Record<string, unknown> = {}, publishedUnder?: (id: string) => boolean) =>
  parseEntry(entryText(entry(fields)), key, { timezone: 'UTC', url: 'https://watch.example.org/' }, publishedUnder ? { publishedUnder } : {});
const fileWarnings = (...args: Parameters<typeof parsed>) => parsed(...args).warnings.filter((w) => w.field === 'file');
const MESSAGE = "the file name is in decomposed form (NFD, accents stored apart from their letters, as macOS and zips made there may save it), and the entry's permanent id is its path: a copy whose file name is composed (NFC) would publish the entry again under another id and page";

// An NFD file name gives an NFD id; the id stays (a published id never changes), and check asks for the rename.
describe('an entry file name in decomposed form (NFD)', () => {
  it('is warned of with the rename to the composed (NFC) name; the id is kept as it is', () => {
    expect(NFD_KEY.normalize('NFC')).toBe(NFC_KEY);
    expect(fileWarnings(NFD_KEY)).toEqual([{ file: NFD_KEY, field: 'file', message: MESSAGE, fix: `rename the file to ${NFC_KEY}, its name in composed form (NFC), before it is published (for example: mv "${NFD_KEY}" "${NFC_KEY}" where a shell composes what you type)` }]);
    expect(parsed(NFD_KEY).id).toBe('2014/cafe\u0301');
  });

  it('once published, asks to keep the name and write the id it is published under', () => {
    expect(fileWarnings(NFD_KEY, {}, (id) => id === '2014/cafe\u0301')).toMatchObject([{ message: MESSAGE, fix: 'keep the file name, as the entry is published under this id, and add id: "2014/cafe\u0301" (copied from this line, in decomposed form) so that no rename changes it' }]);
  });

  it('names a folder so stored, not the file, and the folder to rename', () => {
    const key = 'entries/cafe\u0301/story.md';
    expect(fileWarnings(key)).toEqual([
      {
        file: key,
        field: 'file',
        message: `the folder name "cafe\u0301" is in decomposed form (NFD, accents stored apart from their letters, as macOS and zips made there may save it), and the entry's permanent id is its path: a copy whose folder name is composed (NFC) would publish the entry again under another id and page`,
        fix: 'rename the folder to entries/caf\u00e9, its name in composed form (NFC), before it is published (for example: mv "entries/cafe\u0301" "entries/caf\u00e9" where a shell composes what you type)',
      },
    ]);
    expect(fileWarnings(key, {}, () => true)[0]?.fix).toBe('keep the folder name, as the entry is published under this id, and add id: "cafe\u0301/story" (copied from this line, in decomposed form) so that no rename changes it');
  });

  it('is not warned of for composed names in any script, a mark with no composed form, or where the entry gives its own id', () => {
    // Hangul syllables and Latin accents composed; q with a dot above has no composed character, so NFC keeps it.
    for (const key of ['entries/2014/한국어.md', 'entries/2014/Übersicht-café.md', 'entries/2014/q\u0307.md', 'entries/2014/中文/北京.md']) expect(fileWarnings(key), key).toEqual([]);
    expect(fileWarnings(NFC_KEY)).toEqual([]);
    expect(fileWarnings(NFD_KEY, { id: 'cafe-story' })).toEqual([]);
  });
});
