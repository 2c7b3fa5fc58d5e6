import { describe, expect, it } from 'vitest';
import { withHttps } from '../../../lib/content/withHttps.js';
import { contentFolder, SITE } from '../../support/content.js';
import { runMain } from '../../support/runMain.js';
import { temporaryFolders } from '../../support/temporaryFolders.js';

const folders = temporaryFolders();

// An address copied without its scheme: the fix writes it with https:// before it. An IP address as the host and a
// name under .md (Moldova's top-level domain) with a path got the general fix, as no host of letters, or a file name.
describe('withHttps: the address to write for one copied without its scheme', () => {
  it('an IPv4 address as the host, with a path, a port or alone', () => {
    expect(withHttps('192.0.2.7/story')).toBe('https://192.0.2.7/story');
    expect(withHttps('//192.0.2.7:8080/a?b=1')).toBe('https://192.0.2.7:8080/a?b=1');
    expect(withHttps('192.0.2.7')).toBe('https://192.0.2.7');
    // Not four numbers of 0 to 255: no address (a version, a date).
    expect(withHttps('1.2.3/story')).toBeUndefined();
    expect(withHttps('192.0.2.999/story')).toBeUndefined();
  });

  it('a name under .md with a path, a port or after //; a file name alone is none', () => {
    expect(withHttps('example.md/story')).toBe('https://example.md/story');
    expect(withHttps('example.md:8443')).toBe('https://example.md:8443');
    expect(withHttps('//example.md')).toBe('https://example.md');
    expect(withHttps('notes.md')).toBeUndefined();
    expect(withHttps('2014/notes.md')).toBeUndefined();
    expect(withHttps('index.html')).toBeUndefined();
    // With a query or fragment, still a file's name: a relative link to a part of it.
    expect(withHttps('notes.md#part')).toBeUndefined();
    expect(withHttps('page.html?id=3')).toBeUndefined();
  });

  it('an IP literal in brackets, unless the field is one RSS carries (ipLiteralHost)', () => {
    expect(withHttps('[2001:db8::1]/a')).toBe('https://[2001:db8::1]/a');
    expect(withHttps('[2001:db8::1]/a', false)).toBeUndefined();
    expect(withHttps('192.0.2.7/a', false)).toBe('https://192.0.2.7/a');
  });

  it("check names the address to write for url: (an RSS field: a bracketed host gets the general fix), and a related link's", async () => {
    const entry = ['---', 'title: T', 'url: 192.0.2.7/story', 'source:', '  name: S', '  feed: "[2001:db8::1]/feed"', 'date: 2014-05-01', 'related:', '  - title: R', '    url: example.md/story', '---', 'Text.', ''].join('\n');
    const content = folders.keep(await contentFolder({ site: SITE, entries: { '2014/a.md': entry } }));
    const run = await runMain(['check', '--content', content, '--json']);
    const problems = (JSON.parse(run.stdout) as { problems: { field: string; fix: string }[] }).problems;
    expect(problems.map((problem) => [problem.field, problem.fix])).toEqual([
      ['url', 'write url: https://192.0.2.7/story, with its https://'],
      ['source.feed', expect.not.stringContaining('[2001:db8::1]')],
      ['related[0].url', 'write url: https://example.md/story, with its https://'],
    ]);
  });
});
