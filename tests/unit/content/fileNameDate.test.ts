import { describe, expect, it } from 'vitest';
import { parseEntry } from '../../../lib/content/entry.js';

const NO_DATE = '---\ntitle: T\nurl: https://x.example/a\nsource: S\n---\nBody.\n';
const dateProblem = (key: string) => parseEntry(NO_DATE, key, { timezone: 'UTC' }).problems.find((problem) => problem.field === 'date');

describe('a missing date, in a file named as Jekyll names a post', () => {
  it('the fix gives the date the name begins with', () => {
    expect(dateProblem('entries/2014/2014-05-12-some-title.md')).toEqual({
      file: 'entries/2014/2014-05-12-some-title.md',
      field: 'date',
      message: 'is missing',
      fix: "add date: 2014-05-12, the date the file's name begins with, which Jekyll took as the post's date",
    });
  });

  it('a name without a date, or with one no calendar has, gets the general fix', () => {
    for (const key of ['entries/2014/some-title.md', 'entries/2014/2014-02-30-some-title.md', 'entries/2014-05-12/some-title.md', 'entries/2014/2014-05-12.md']) {
      expect(dateProblem(key)?.fix, key).toBe('add date: YYYY-MM-DD');
    }
  });
});
