import { describe, expect, it } from 'vitest';
import { rfc2822Date } from '../../../lib/content/rfc2822Date.js';
import { contentFolder, SITE } from '../../support/content.js';
import { runMain } from '../../support/runMain.js';
import { temporaryFolders } from '../../support/temporaryFolders.js';

const folders = temporaryFolders();

// A date pasted from an RSS feed's pubDate or an email's Date header (`Tue, 03 Jun 2014 10:00:00 +0000`) got "is not a
// date" and the general fix: the fix now gives the RFC 3339 date-time it reads as, in the offset typed.
describe('rfc2822Date: a date as RSS 2.0 and email write it, and the one to write', () => {
  it('the RFC 3339 date-time in the offset typed: +0000 as +00:00, +0930 as +09:30, a zone name as its offset', () => {
    expect(rfc2822Date('date', 'Tue, 03 Jun 2014 10:00:00 +0000')).toEqual({
      message: '"Tue, 03 Jun 2014 10:00:00 +0000" is an RSS or email date (RFC 822), not one in the form YYYY-MM-DD or an RFC 3339 date-time',
      fix: 'write date: 2014-06-03T10:00:00+00:00',
    });
    const fix = (raw: string) => rfc2822Date('updated', raw)?.fix;
    // 10:00 at +09:30 is 00:30 UTC the same day: the day and time stay as typed, not moved to UTC.
    expect(fix('Tue, 03 Jun 2014 10:00:00 +0930')).toBe('write updated: 2014-06-03T10:00:00+09:30');
    expect(fix('Wed, 04 Jun 2014 01:05:09 -0500')).toBe('write updated: 2014-06-04T01:05:09-05:00');
    // No weekday, one-digit day, no seconds; GMT and EST (RFC 2822 §4.3: EST is -0500).
    expect(fix('3 Jun 2014 10:00 GMT')).toBe('write updated: 2014-06-03T10:00:00+00:00');
    expect(fix('  Tue, 03 Jun 2014 10:00:00 EST ')).toBe('write updated: 2014-06-03T10:00:00-05:00');
  });

  it('none for a weekday the date was not on, a day the month lacks, a year an entry cannot have, or other text', () => {
    // 3 June 2014 was a Tuesday.
    expect(rfc2822Date('date', 'Mon, 03 Jun 2014 10:00:00 +0000')).toBeUndefined();
    expect(rfc2822Date('date', 'Tue, 31 Jun 2014 10:00:00 +0000')).toBeUndefined();
    expect(rfc2822Date('date', '03 Jun 0999 10:00:00 +0000')).toBeUndefined();
    expect(rfc2822Date('date', '3 June 2014')).toBeUndefined();
    expect(rfc2822Date('date', 'Tue, 03 Jun 2014 25:00:00 +0000')).toBeUndefined();
    expect(rfc2822Date('date', 20140603)).toBeUndefined();
  });

  it('check names it in date: and updated:', async () => {
    const entry = ['---', 'title: T', 'url: https://news.example.com/a', 'source: S', 'date: Tue, 03 Jun 2014 10:00:00 +0000', 'updated: "Wed, 04 Jun 2014 09:15:00 +0900"', '---', 'Text.', ''].join('\n');
    const content = folders.keep(await contentFolder({ site: SITE, entries: { '2014/a.md': entry } }));
    const problems = (JSON.parse((await runMain(['check', '--content', content, '--json'])).stdout) as { problems: { field: string; fix: string }[] }).problems;
    expect(problems.map((problem) => [problem.field, problem.fix])).toEqual([
      ['date', 'write date: 2014-06-03T10:00:00+00:00'],
      ['updated', 'write updated: 2014-06-04T09:15:00+09:00'],
    ]);
  });
});
