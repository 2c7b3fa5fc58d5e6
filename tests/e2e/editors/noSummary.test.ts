import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli.js';
import { contentFolder, entry, entryText } from '../../support/content.js';

// A commentary that is a table alone, with no summary:, gives a feed item with nothing for a reader's list to show
// under its title (no RSS <description>: a W3C warning). check says so before the publish does; both succeed. The
// same run shows the default summary's other rules end to end: a newsletter's top line passed over (and named), a
// sub and a ruby annotation apart from their word, an embed alone summed up by its link's text.
describe('an entry with no summary: and no paragraph of text', () => {
  it('is a warning from check and publish naming the file, the field and the fix', async () => {
    const content = await contentFolder({
      entries: {
        '2014/table.md': entryText(entry({ title: 'Trade figures', date: '2014-05-09' }), '| Year | Trade |\n| --- | --- |\n| 2013 | 6.5 |\n'),
        '2014/prose.md': entryText(entry({ title: 'Trade rose', url: 'https://news.example.com/b', date: '2014-05-08' }), 'Trade rose.\n'),
        // A pasted newsletter's top line, passed over and named; lowered and annotated text, not run into its word.
        '2014/newsletter.md': entryText(entry({ title: 'Water', url: 'https://news.example.com/c', date: '2014-05-07' }), 'View this email in your browser\n\nWater is H<sub>2</sub>O in <ruby>平壌<rt>ピョンヤン</rt></ruby>.\n'),
        // An embed alone: summed up by its link's text.
        '2014/video.md': entryText(entry({ title: 'Port tour', url: 'https://news.example.com/d', date: '2014-05-06' }), '<iframe src="https://www.youtube.com/embed/abc" title="A tour of Rason port"></iframe>\n'),
      },
    });
    const warnings = [
      'warning: entries/2014/newsletter.md: body: has, before its first paragraph of words, the newsletter line "View this email in your browser", whose links are for the mail\'s own readers, not a feed\'s: the default summary passes over it, but feeds and pages still show it (delete that paragraph from the body)',
      'warning: entries/2014/table.md: summary: is not given, and the body has no paragraph of text to stand in for it, so feed readers and the digest show this entry without one (write summary: with one or two plain sentences)',
      'warning: entries/2014/video.md: body: embeds what feed readers and mail clients do not play, so every feed, page and the digest has instead: <iframe> of "https://www.youtube.com/embed/abc" becomes a link, "A tour of Rason port" (if a link alone does not tell readers what the embed shows, write a line saying it (or link the page where it plays); remove an embed readers do not need)',
    ];
    const check = await runCli(['check', '--content', content]);
    expect(check.code).toBe(0);
    expect(check.stderr.trim().split('\n')).toEqual(warnings);
    const out = await mkdtemp(join(tmpdir(), 'broadsheet-no-summary-'));
    const publish = await runCli(['publish', '--content', content, '--out', out, '--now', '2014-06-01T00:00:00Z', '--quiet']);
    expect(publish.code).toBe(0);
    expect(publish.stderr.trim().split('\n')).toEqual(warnings);
    // What the warning is about: the table's item (the newer) has no description, the paragraph's has one.
    const rss = await readFile(join(out, 'rss.xml'), 'utf8');
    expect(rss.match(/<item>[\s\S]*?<\/item>/g)!.map((item) => [item.match(/<title>(.*?)<\/title>/)![1], item.includes('<description>')])).toEqual([
      ['Trade figures', false],
      ['Trade rose', true],
      ['Water', true],
      ['Port tour', true],
    ]);
    const json = JSON.parse(await readFile(join(out, 'feed.json'), 'utf8')) as { items: { title: string; summary?: string }[] };
    expect(json.items.map((item) => [item.title, item.summary])).toEqual([
      ['Trade figures', undefined],
      ['Trade rose', 'Trade rose.'],
      ['Water', 'Water is H₂O in 平壌(ピョンヤン).'],
      ['Port tour', 'A tour of Rason port'],
    ]);
  });
});
