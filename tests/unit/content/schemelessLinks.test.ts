import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { markdown } from '../../../lib/content/markdownParser.js';
import { schemelessLinks } from '../../../lib/content/schemelessLinks.js';
import { bodyLineOf, bodyWarnings } from '../../support/bodyWarnings.js';
import { contentFolder, entry, entryText, SITE } from '../../support/content.js';
import { runMain } from '../../support/runMain.js';
import { temporaryFolders } from '../../support/temporaryFolders.js';

const folders = temporaryFolders();

// A body link copied from a browser's bar without https:// (`[report](www.38north.org/report)`) is a relative
// address: published as a page of this site that does not exist, and check said nothing.
describe('schemelessLinks: body links written without their scheme', () => {
  it('one: the page it becomes on this site, and the address to write', () => {
    expect(schemelessLinks('See [the report](www.38north.org/report).\n', 'https://watch.example.org/')).toEqual({
      line: 0,
      message: 'links to "www.38north.org/report" without https://: a relative address, which readers open as a page of this site (https://watch.example.org/www.38north.org/report) that does not exist',
      fix: 'write the link as https://www.38north.org/report',
    });
  });

  it('several, in Markdown, a reference and raw HTML, each once; the first three named', () => {
    const body = ['[a](192.0.2.7/map) [b][ref] <a href="example.md/story">c</a> [d](//ifes.kyungnam.ac.kr/eng) [a again](192.0.2.7/map)', '', '[ref]: www.38north.org/x', ''].join('\n');
    expect(schemelessLinks(body, 'https://watch.example.org/')).toEqual({
      line: 0,
      message: 'links to 4 addresses without https://, relative ones, which readers open as pages of this site that do not exist: "192.0.2.7/map"; "www.38north.org/x"; "example.md/story"; and 1 more',
      fix: 'write each link with https:// before it: https://192.0.2.7/map, https://www.38north.org/x, https://example.md/story, …',
    });
  });

  it('names the first one\'s line in the body (0-based), in Markdown, by reference, in raw HTML, after a soft break', () => {
    const line = (body: string) => schemelessLinks(body, 'https://watch.example.org/')?.line;
    expect(line('Intro.\n\nSee [the report](www.38north.org/report).\n')).toBe(2);
    expect(line('Intro\ngoes on, [the report](www.38north.org/report).\n')).toBe(1);
    expect(line('Intro.\n\n\n[a][r] and [b](www.b.org/x)\n\n[r]: www.38north.org/x\n')).toBe(3);
    expect(line('<div>\n<p>Intro.</p>\n<p><a href="www.38north.org/x">a</a></p>\n</div>\n')).toBe(2);
    // The first in the body's order, which the message names first.
    expect(line('[a](https://a.org/)\n\n[b](www.b.org/x)\n\n[c](www.c.org/y)\n')).toBe(2);
  });

  it('check names the line in the file', () => {
    const body = 'Intro.\n\nSee [the report](www.38north.org/report).\n';
    expect(bodyWarnings(body, /without https:\/\//)).toEqual([
      { file: 'entries/2014/a.md', line: bodyLineOf(body, 'www.38north.org'), field: 'body', message: 'links to "www.38north.org/report" without https://: a relative address, which readers open as a page of this site (https://watch.example.org/www.38north.org/report) that does not exist', fix: 'write the link as https://www.38north.org/report' },
    ]);
  });

  it('none for full addresses, relative links that read as no host, or an address in code', () => {
    const body = ['[a](https://www.38north.org/) [b](notes.md) [b2](notes.md#part) [c](/about) [d](#top) [e](../2014/a/)', '', '`[x](www.38north.org/report)`', '', '    [y](www.38north.org/report)', ''].join('\n');
    expect(schemelessLinks(body, 'https://watch.example.org/')).toBeUndefined();
  });

  it('none for a relative link to a file of this site (a download: a spreadsheet, a data file, an archive, a feed)', () => {
    // Each name's last part is a file's extension, not a top-level domain an editor means (zip is both: a name alone is
    // the file); the same name with a path is a host (withHttps).
    const body = '[a](figures.xlsx) [b](data.csv) [c](archive.zip) [d](slides.pptx) [e](book.epub) [f](photo.avif) [g](feed.rss) [h](about) [i](notes/page.html)\n';
    expect(schemelessLinks(body, 'https://watch.example.org/')).toBeUndefined();
    expect(schemelessLinks('[a](archive.zip/x)\n', 'https://watch.example.org/')?.fix).toBe('write the link as https://archive.zip/x');
  });

  it('gives what the full read gives (every body rendered), where its look leaves a body unrendered', () => {
    // Each way an address may be typed, or made one by the render: escapes, character references, angle brackets,
    // titles, a reference's address on the next line, raw HTML's href in any case and quoting, parentheses, code.
    const holding = [
      '[a](www.a.org)', '[a](figures.xlsx) [b](www.a.org/x.csv)', '[a](www\\.a.org)', '[a](www&#46;a.org)', '<a href="www&#x2e;a.org">a</a>',
      '[a](<www.a.org/a b>)', '[a]( www.a.org "Title")', '[a][r]\n\n[r]:\n  www.a.org', '[a][r]\n\n[r]: <www.a.org/x> \'t\'',
      '<A HREF=www.a.org>a</A>', "<a href = ' //www.a.org/x'>a</a>", '[a](www.a.org/x_(y))', '[a](x.y][b](www.a.org)',
      '[a](page.html) and <a href="notes.md#part">b</a> and [c](192.0.2.7/map)', '[a](notes.md) [b](archive.zip) [c](example.md/story)',
    ];
    const none = [
      '[a](page.html)', '[a](notes/page.html) [b](about)', '[a](notes.md(1))', '`[a](www.a.org)`', '    [a](www.a.org)',
      '[^1]\n\n[^1]: U.S. officials said, as Reuters.com reported.', '[a](archive.zip) [b](https://www.a.org/) [c](mailto:a@b.org)',
    ];
    // And every body of the site's sample and the test fixtures, none of which holds one (check warns of none).
    const folders = ['content', ...readdirSync('tests/fixtures').map((name) => join('tests/fixtures', name))];
    const files = folders.flatMap((folder) => readdirSync(folder, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.md')).map((name) => join(folder, name)));
    expect(files.length).toBeGreaterThan(10);
    none.push(...files.map((file) => readFileSync(file, 'utf8')));
    for (const body of holding) expect(schemelessLinks(body), body).toBeDefined();
    for (const body of none) expect(schemelessLinks(body, 'https://watch.example.org/', () => true), body).toBeUndefined();
    for (const body of [...holding, ...none]) expect(schemelessLinks(body, 'https://watch.example.org/'), body).toEqual(schemelessLinks(body, 'https://watch.example.org/', () => true));
  });

  it('renders no body whose links, as typed, are full addresses or files of this site (a site may link so in every one)', () => {
    const render = vi.spyOn(markdown, 'parse');
    try {
      expect(schemelessLinks('See [the notes](page.html), [the data](figures.xlsx) and [the report](https://www.38north.org/r).\n\n[n]: notes.md\n')).toBeUndefined();
      expect(render).not.toHaveBeenCalled();
      // One that may hold such a link is read in full.
      expect(schemelessLinks('[a](www.a.org)')).toBeDefined();
      expect(render).toHaveBeenCalledTimes(1);
    } finally {
      render.mockRestore();
    }
  });

  it('check warns of it in the entry', async () => {
    const content = folders.keep(await contentFolder({ site: SITE, entries: { '2014/a.md': entryText(entry(), 'See [the report](www.38north.org/report).\n') } }));
    const warnings = (JSON.parse((await runMain(['check', '--content', content, '--json'])).stdout) as { warnings: { field: string; fix: string }[] }).warnings;
    expect(warnings.map((warning) => [warning.field, warning.fix])).toEqual([['body', 'write the link as https://www.38north.org/report']]);
  });
});
