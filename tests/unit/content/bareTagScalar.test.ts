import { describe, expect, it } from 'vitest';
import { parseEntry } from '../../../lib/content/entry.js';

const entryWithTags = (tags: string) => ['---', 'title: T', 'url: https://news.example.com/a', 'source: Wire', 'date: 2014-05-01', `tags: ${tags}`, '---', 'Body.', ''].join('\n');
const tagProblems = (tags: string) => parseEntry(entryWithTags(tags), 'entries/2014/a.md', { timezone: 'UTC' }).problems.filter((p) => p.field.startsWith('tags'));

// YAML reads a bare true or ~ as a boolean or null, as it reads 1e3 as a number: the fix is the same, quotes.
describe('a tag YAML reads as a boolean or null', () => {
  it('is named with the quotes that keep it as typed', () => {
    expect(tagProblems('[news, true]')).toEqual([{ file: 'entries/2014/a.md', line: 6, field: 'tags[1]', message: 'YAML reads this tag as the boolean true, not as a tag name', fix: 'put it in quotes to keep it as typed, e.g. tags: [news, "true"], or delete it' }]);
    expect(tagProblems('[~]')).toMatchObject([{ field: 'tags[0]', message: 'YAML reads this tag as empty (null: ~ or null typed bare), not as a tag name', fix: 'put it in quotes to keep it as typed, e.g. tags: [news, "~"], or delete it' }]);
  });

  it('an empty text is not a tag name, as before', () => {
    expect(tagProblems('[news, ""]')).toMatchObject([{ field: 'tags[1]', message: 'is not a tag name', fix: 'write each tag as non-empty text' }]);
  });
});
