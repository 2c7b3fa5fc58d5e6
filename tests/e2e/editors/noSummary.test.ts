import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli.js';
import { contentFolder, entry, entryText } from '../../support/content.js';

// A commentary that is a table alone, with no summary:, gives a feed item with nothing for a reader's list to show
// under its title (no RSS <description>: a W3C warning). check says so before the publish does; both succeed.
describe('an entry with no summary: and no paragraph of text', () => {
  it('is a warning from check and publish naming the file, the field and the fix', async () => {
    const content = await contentFolder({
      entries: {
        '2014/table.md': entryText(entry({ title: 'Trade figures', date: '2014-05-09' }), '| Year | Trade |\n| --- | --- |\n| 2013 | 6.5 |\n'),
        '2014/prose.md': entryText(entry({ title: 'Trade rose', url: 'https://news.example.com/b', date: '2014-05-08' }), 'Trade rose.\n'),
      },
    });
    const warning = 'warning: entries/2014/table.md: summary: is not given, and the body has no paragraph of text to stand in for it, so feed readers and the digest show this entry without one (write summary: with one or two plain sentences)';
    const check = await runCli(['check', '--content', content]);
    expect(check.code).toBe(0);
    expect(check.stderr.trim().split('\n')).toEqual([warning]);
    const out = await mkdtemp(join(tmpdir(), 'broadsheet-no-summary-'));
    const publish = await runCli(['publish', '--content', content, '--out', out, '--now', '2014-06-01T00:00:00Z', '--quiet']);
    expect(publish.code).toBe(0);
    expect(publish.stderr.trim().split('\n')).toEqual([warning]);
    // What the warning is about: the table's item (the newer) has no description, the paragraph's has one.
    const rss = await readFile(join(out, 'rss.xml'), 'utf8');
    expect(rss.match(/<item>[\s\S]*?<\/item>/g)!.map((item) => [item.match(/<title>(.*?)<\/title>/)![1], item.includes('<description>')])).toEqual([
      ['Trade figures', false],
      ['Trade rose', true],
    ]);
  });
});
