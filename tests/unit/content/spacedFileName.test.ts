import { describe, expect, it } from 'vitest';
import { parseEntry } from '../../../lib/content/entry.js';
import { entry, entryText } from '../../support/content.js';

const parsed = (key: string, fields: Record<string, unknown> = {}, publishedUnder?: (id: string) => boolean) =>
  parseEntry(entryText(entry(fields)), key, { timezone: 'UTC', url: 'https://watch.example.org/' }, publishedUnder ? { publishedUnder } : {});
const fileWarnings = (...args: Parameters<typeof parsed>) => parsed(...args).warnings.filter((w) => w.field === 'file');

// An id from a file name keeps the spaces at its ends (an id: line is trimmed); ids stay, check asks for the rename.
describe('an entry file or folder name that starts or ends with a space', () => {
  it('is warned of, naming the id with the space and the rename; the id is kept', () => {
    expect(parsed('entries/2014/a .md').id).toBe('2014/a ');
    expect(fileWarnings('entries/2014/a .md')).toEqual([
      {
        file: 'entries/2014/a .md',
        field: 'file',
        message: 'the file name starts or ends with a space, and the entry\'s permanent id is its path: every feed would publish the id "2014/a " with the space (as %20), which readers cannot see, and a copy named without it would be another entry',
        fix: 'rename it: entries/2014/a.md, without the space',
      },
    ]);
    expect(fileWarnings('entries/ 2014/b.md')).toMatchObject([{ message: expect.stringMatching(/^the folder name " 2014" starts or ends with a space/) as unknown, fix: 'rename it: entries/2014/b.md, without the space' }]);
    expect(fileWarnings('entries/2014/ .md')).toMatchObject([{ fix: 'rename it with letters, digits and hyphens, without spaces at its ends' }]);
  });

  it('once published, asks to keep the name and write the id', () => {
    expect(fileWarnings('entries/2014/a .md', {}, (id) => id === '2014/a ')).toMatchObject([{ fix: 'keep the name, as the entry is published under this id, and add id: "2014/a " so that no rename changes it' }]);
  });

  it('is not warned of for a name with a space inside, or where the entry gives its own id', () => {
    expect(fileWarnings('entries/2014/a b.md')).toEqual([]);
    expect(fileWarnings('entries/2014/a .md', { id: 'a-story' })).toEqual([]);
  });
});
