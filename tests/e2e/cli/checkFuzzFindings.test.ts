import { describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli.js';
import { contentFolder } from '../../support/content.js';

// The file line (1-based) of the first line of `text` that holds `part`.
const lineOf = (text: string, part: string) => text.split('\n').findIndex((line) => line.includes(part)) + 1;

// Through the built CLI, what mutation fuzzing of the sample's entries found `check` saying wrongly or not at all: a
// control character in a site.yml comment (a warning, as in front matter), a tag's text-field warning named by its
// item (tags[1]), and a related link without url: named missing, not "undefined".
describe('check on the fuzzing findings', () => {
  it('names each with its file, line, field and fix', async () => {
    const site = ['title: Test Watch', '# set up \u0001 by desk', 'description: Curated test news.', 'url: https://watch.example.org/', 'language: en', 'timezone: Asia/Seoul', ''].join('\n');
    const tagged = ['---', 'title: Rice', 'url: https://news.example.com/rice', 'source: Example News', 'date: 2014-05-08', 'tags:', '  - Trade', '  - R&amp;D', '---', 'Body.', ''].join('\n');
    const linked = ['---', 'title: Wheat', 'url: https://news.example.com/wheat', 'source: Example News', 'date: 2014-05-09', 'related:', '  - title: More on wheat', '---', 'Body.', ''].join('\n');
    const content = await contentFolder({ site, entries: { '2014/tagged.md': tagged, '2014/linked.md': linked } });
    const check = await runCli(['check', '--content', content]);
    expect(check.code).toBe(1);
    const lines = check.stderr.trim().split('\n');
    const expected = [
      `warning: site.yml:${lineOf(site, '# set up')}: comment: holds U+0001, a control character, at column 10, which no editor shows: YAML leaves the comment out, so nothing is published, but the file holds it (delete it)`,
      `warning: entries/2014/tagged.md:${lineOf(tagged, 'R&amp;D')}: tags[1]: holds the HTML character reference "&amp;", which readers are shown as typed: the field is plain text (write it as plain text: R&D)`,
      `entries/2014/linked.md:${lineOf(linked, 'More on wheat')}: related[0].url: is missing (add url: with the full address, starting with https://)`,
    ];
    for (const line of expected) expect(lines, line).toContain(line);
    expect(check.stderr).not.toContain('undefined');
  });
});
