import { describe, expect, it } from 'vitest';
import { spelledDate } from '../../../lib/content/spelledDate.js';
import { contentFolder, SITE } from '../../support/content.js';
import { runMain } from '../../support/runMain.js';
import { temporaryFolders } from '../../support/temporaryFolders.js';

const folders = temporaryFolders();

// A date copied as an article's byline spells it (`3 June 2014`, `June 3, 2014`) got "is not a date" and the general
// fix: the fix now gives the YYYY-MM-DD it reads as, as a slashed date's does.
describe('spelledDate: a date spelled out in English, and the one to write', () => {
  it('day first or month first, the name whole or cut to three letters or more, with a suffix, comma or dot', () => {
    const fix = (raw: string) => spelledDate('date', raw)?.fix;
    expect(spelledDate('date', '3 June 2014')).toEqual({ message: '"3 June 2014" is not a date in the form YYYY-MM-DD', fix: 'write date: 2014-06-03' });
    expect(fix('June 3, 2014')).toBe('write date: 2014-06-03');
    expect(fix('3rd Jun 2014')).toBe('write date: 2014-06-03');
    expect(fix('Sept. 30, 2014')).toBe('write date: 2014-09-30');
    expect(fix('12 december 2014')).toBe('write date: 2014-12-12');
    expect(spelledDate('--date', 'May 8 2014', ' ')?.fix).toBe('write --date 2014-05-08');
  });

  it('after the weekday that date was on, as a byline may begin; none after another weekday, or a word that is none', () => {
    // 3 June 2014 was a Tuesday (ISO 8601 week 2014-W23, its second day).
    for (const raw of ['Tuesday, 3 June 2014', 'Tue 3 Jun 2014', 'Tues., June 3, 2014', 'tuesday June 3rd, 2014']) expect(spelledDate('date', raw)?.fix, raw).toBe('write date: 2014-06-03');
    for (const raw of ['Monday, 3 June 2014', 'Mo 3 June 2014', 'Today, 3 June 2014']) expect(spelledDate('date', raw), raw).toBeUndefined();
  });

  it('none for a day the month lacks, a name that is no month, or other text', () => {
    expect(spelledDate('date', '31 June 2014')).toBeUndefined();
    expect(spelledDate('date', '3 Ju 2014')).toBeUndefined();
    expect(spelledDate('date', '3 Junk 2014')).toBeUndefined();
    expect(spelledDate('date', 'last Tuesday')).toBeUndefined();
    expect(spelledDate('date', 20140603)).toBeUndefined();
  });

  it('check names it in the entry, date: and updated:, and new in --date', async () => {
    const entry = ['---', 'title: T', 'url: https://news.example.com/a', 'source: S', 'date: June 3, 2014', 'updated: 4 June 2014', '---', 'Text.', ''].join('\n');
    const content = folders.keep(await contentFolder({ site: SITE, entries: { '2014/a.md': entry } }));
    const problems = (JSON.parse((await runMain(['check', '--content', content, '--json'])).stdout) as { problems: { field: string; fix: string }[] }).problems;
    expect(problems.map((problem) => [problem.field, problem.fix])).toEqual([
      ['date', 'write date: 2014-06-03'],
      ['updated', 'write updated: 2014-06-04'],
    ]);
    const made = await runMain(['new', '--content', content, '--url', 'https://news.example.com/b', '--date', '3 June 2014']);
    expect({ code: made.code, stderr: made.stderr }).toEqual({ code: 2, stderr: 'broadsheet new: --date "3 June 2014" is not a date in the form YYYY-MM-DD (write --date 2014-06-03)\n' });
  });
});
