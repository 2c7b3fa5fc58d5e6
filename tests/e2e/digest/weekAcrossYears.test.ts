import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli.js';
import { contentFolder, entry, entryText } from '../../support/content.js';
import { siteYaml } from '../../support/digestFixtures.js';
import { tempDir } from './support.js';

// Kathmandu is UTC+05:45 all year. 2015 is a week-year of 53 weeks: 2015-W53 runs from Monday 28 December 2015 to
// Sunday 3 January 2016, local. One entry at its last millisecond, one at the next week's first.
describe('a digest week that holds 1 January, through the CLI', () => {
  it('names it 2015-W53, holds the Sunday 23:59:59.999 entry, and writes its range with spaced dash everywhere', async () => {
    const content = await contentFolder({
      site: siteYaml({ timezone: 'Asia/Kathmandu' }),
      entries: {
        'last.md': entryText(entry({ title: 'Last of the week', url: 'https://news.example.com/last', date: '2016-01-03T23:59:59.999' })),
        'next.md': entryText(entry({ title: 'First of the next', url: 'https://news.example.com/next', date: '2016-01-04T00:00:00' })),
      },
    });
    const cwd = await tempDir('week-across-years');
    const run = await runCli(['digest', '--content', content, '--week', '2015-W53', '--now', '2016-01-20T00:00:00Z', '--send', '--to', 'ada@example.org', '--out', 'out', '--outbox', 'box'], { cwd });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const range = '28 December 2015 – 3 January 2016';

    const text = await readFile(join(cwd, 'out/digests/2015-W53.txt'), 'utf8');
    expect(text.split('\n')[2]).toBe(range);
    expect(text).toContain('Week 53 of 2015');
    expect(text).toContain('Last of the week');
    expect(text).not.toContain('First of the next');
    expect(await readFile(join(cwd, 'out/digests/2015-W53.html'), 'utf8')).toContain(`<h1 dir="auto">${range}</h1>`);
    expect(await readFile(join(cwd, 'out/digests/2016-W01.txt'), 'utf8')).toContain('First of the next');
    expect(await readFile(join(cwd, 'out/digests/atom.xml'), 'utf8')).toContain(`Weekly digest: ${range}</title>`);

    const [file] = await readdir(join(cwd, 'box/2015-W53'));
    const mail = await simpleParser(await readFile(join(cwd, 'box/2015-W53', file!)));
    expect(mail.subject).toBe(`Test Watch: ${range}`);
    expect(mail.text).toContain(range);
  });
});
