import { describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli.js';
import { contentFolder } from '../../support/content.js';

// Through the built CLI: a character every output drops, escaped into site.yml's title and into a tag, which were
// dropped without a word (content2's findings), each a warning at its file, line and field.
describe('check on characters every output drops, in site.yml and in a tag', () => {
  it('warns of each at its field and line, quoting what is published', async () => {
    const site = ['title: "Watch\\x01"', 'description: Trade news', 'url: https://watch.example.org/', 'language: en', 'timezone: Asia/Seoul', ''].join('\n');
    const tagged = ['---', 'title: Rice', 'url: https://news.example.com/rice', 'source: Example News', 'date: 2014-05-08', 'tags:', '  - trade', '  - "Sanc\\uDC00tions"', '---', 'Body.', ''].join('\n');
    const content = await contentFolder({ site, entries: { '2014/tagged.md': tagged } });
    const check = await runCli(['check', '--content', content]);
    expect(check.code).toBe(0);
    const fix = '(delete it: most often a YAML escape, "\\u…" or "\\x…", typed by mistake)';
    const lines = check.stderr.trim().split('\n');
    // site.yml's title on its line 1; the tag, the list's second item, on the entry's line 8.
    expect(lines).toContain(`warning: site.yml:1: title: holds U+0001, a control character, which every feed, page and mail drops: published as "Watch" ${fix}`);
    expect(lines).toContain(`warning: entries/2014/tagged.md:8: tags[1]: holds U+DC00, a lone surrogate half (no character), which every feed, page and mail drops: published as "Sanctions" ${fix}`);
  });
});
