import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATE_OUTLIER_YEARS, MAX_TAGS_PER_ENTRY } from '../../../lib/content/limits.js';
import { contentFolder, entry, entryText, SITE } from '../../support/content.js';
import { siteYaml } from '../../support/digestFixtures.js';
import { filesWithSizes } from '../../support/filesWithSizes.js';
import { once } from '../../support/once.js';
import { runMain } from '../../support/runMain.js';

// Limits and their warnings, check and publish run in process (cli/main.ts): what is accepted stays in proportion to the
// content, and a bad value is one short line. tests/e2e/editors/contentLimits.test.ts runs the CLI itself.

const NOW = '2014-06-01T00:00:00+09:00';
const tagList = (count: number, prefix: string) => Array.from({ length: count }, (_, i) => `${prefix} ${i}`);
const outDir = () => mkdtemp(join(tmpdir(), 'broadsheet-out-'));

describe('tags per entry', () => {
  it('publish writes four files per tag, and the tag files do not grow with the number of tags', async () => {
    // n entries of MAX_TAGS_PER_ENTRY tags each, every tag on one entry: n × MAX_TAGS_PER_ENTRY tags, all dated
    // the same day, so the site's own files are the same whatever n is.
    const publishOf = async (n: number) => {
      const entries: Record<string, string> = {};
      for (let i = 0; i < n; i++) entries[`2014/e${i}.md`] = entryText(entry({ url: `https://news.example.com/${i}`, date: '2014-05-08', tags: tagList(MAX_TAGS_PER_ENTRY, `E${i}`) }));
      const out = await outDir();
      const run = await runMain(['publish', '--content', await contentFolder({ site: SITE, entries }), '--out', out, '--now', NOW, '--quiet']);
      expect(run.code, run.stderr).toBe(0);
      const sizes = await filesWithSizes(out);
      // tags/tags.json is the list of every tag, one record each, not a tag's own file.
      const tagFiles = [...sizes].filter(([key]) => key.startsWith('tags/') && key !== 'tags/tags.json');
      expect(JSON.parse(await readFile(join(out, 'tags', 'tags.json'), 'utf8')).tags).toHaveLength(n * MAX_TAGS_PER_ENTRY);
      const entryPages = [...sizes.keys()].filter((key) => key.startsWith('entries/')).length;
      return { total: sizes.size, tagFiles: tagFiles.length, entryPages, tagBytes: tagFiles.reduce((sum, [, size]) => sum + size, 0) };
    };
    const small = await publishOf(2);
    const large = await publishOf(8);
    expect(small.tagFiles).toBe(2 * MAX_TAGS_PER_ENTRY * 4);
    expect(large.tagFiles).toBe(8 * MAX_TAGS_PER_ENTRY * 4);
    // One page per entry, whatever its tags; the rest does not depend on the tag count.
    expect([small.entryPages, large.entryPages]).toEqual([2, 8]);
    expect(large.total - large.tagFiles - large.entryPages).toBe(small.total - small.tagFiles - small.entryPages);
    expect(large.tagBytes / large.tagFiles / (small.tagBytes / small.tagFiles)).toBeLessThan(1.05);
  });
});

describe('YAML aliases', () => {
  // Seven levels of nested aliases, and a long bad value, in one content folder: one check for both.
  const names = 'abcdefg';
  const aliasLines = [`a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]`];
  for (let level = 1; level < names.length; level++) aliasLines.push(`${names[level]}: &${names[level]} [${Array(9).fill(`*${names[level - 1]}`).join(',')}]`);
  // draft would be 9^7 (4.8 million) strings, a 30 MB line when quoted whole.
  const laughs = `---\ntitle: T\nurl: https://news.example.com/a\nsource: S\ndate: 2014-05-08\n${aliasLines.join('\n')}\ndraft: *g\n---\nBody.\n`;
  const checked = once(async () => runMain(['check', '--content', await contentFolder({ site: SITE, entries: { '2014/laughs.md': laughs, '2014/long.md': entryText(entry({ image: `not-a-url-${'x'.repeat(90_000)}` })) } })]));

  it('a small entry of nested aliases gives one short line, not the expanded value', async () => {
    expect(laughs.length).toBeLessThan(700);
    const check = await checked();
    expect(check.code).toBe(1);
    // All the check says, the long value's short line too.
    expect(check.stdout.length + check.stderr.length).toBeLessThan(2_000);
    expect(check.stderr).toContain('entries/2014/laughs.md:6: a: uses a YAML anchor ("&a"), which is not allowed (write the value out in full where it is used; if & is part of the text, quote it: "&...")');
  });

  it('a long bad value is quoted as a short excerpt', async () => {
    const check = await checked();
    expect(check.code).toBe(1);
    const line = check.stderr.split('\n').find((l) => l.startsWith('entries/2014/long.md'))!;
    expect(line).toMatch(/^entries\/2014\/long\.md:\d+: image: "not-a-url-x+"… is not an absolute http\(s\) URL/);
    expect(line.length).toBeLessThan(250);
  });
});

describe('a mistyped year', () => {
  it(`check warns about an entry dated more than ${DATE_OUTLIER_YEARS} years before the others, and the sendEmpty archive gains one week`, async () => {
    const digest = { from: 'W <d@watch.example.org>', sendEmpty: true };
    const entries = {
      // 2014-05-06 is in 2014-W19 (5-11 May), 2014-05-13 in W20; 1914-05-06 in 1914-W19.
      '2014/a.md': entryText(entry({ url: 'https://news.example.com/a', date: '2014-05-06' })),
      '2014/b.md': entryText(entry({ url: 'https://news.example.com/b', date: '2014-05-13' })),
      '2014/typo.md': entryText(entry({ url: 'https://news.example.com/typo', date: '1914-05-06' })),
    };
    const dir = await contentFolder({ site: siteYaml({}, digest), entries });
    const check = await runMain(['check', '--content', dir]);
    expect(check.code).toBe(0);
    // Line 5: after the opening ---, title:, url: and source:.
    const warning = `entries/2014/typo.md:5: date: is about 100 years before the other entries (a gap of more than ${DATE_OUTLIER_YEARS} years with no entry is flagged) (check the year; if the date is right, nothing needs to change)`;
    expect(check.stdout + check.stderr).toContain(warning);
    const out = await outDir();
    // 2014-05-26 is the Monday of W22: W21 has just ended and is archived though empty.
    const publish = await runMain(['publish', '--content', dir, '--out', out, '--now', '2014-05-26T09:00:00+09:00', '--quiet']);
    expect(publish.code, publish.stderr).toBe(0);
    const weeks = [...(await filesWithSizes(out)).keys()].filter((key) => /^digests\/\d{4}-W\d\d\.html$/.test(key)).sort();
    expect(weeks).toEqual(['digests/1914-W19.html', 'digests/2014-W19.html', 'digests/2014-W20.html', 'digests/2014-W21.html']);
  });
});
