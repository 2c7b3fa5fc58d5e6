import { describe, expect, it } from 'vitest';
import { schemelessLinks } from '../../../lib/content/schemelessLinks.js';
import { contentFolder, entry, entryText, SITE } from '../../support/content.js';
import { runMain } from '../../support/runMain.js';
import { temporaryFolders } from '../../support/temporaryFolders.js';

const folders = temporaryFolders();

// A body link copied from a browser's bar without https:// (`[report](www.38north.org/report)`) is a relative
// address: published as a page of this site that does not exist, and check said nothing.
describe('schemelessLinks: body links written without their scheme', () => {
  it('one: the page it becomes on this site, and the address to write', () => {
    expect(schemelessLinks('See [the report](www.38north.org/report).\n', 'https://watch.example.org/')).toEqual({
      message: 'links to "www.38north.org/report" without https://: a relative address, which readers open as a page of this site (https://watch.example.org/www.38north.org/report) that does not exist',
      fix: 'write the link as https://www.38north.org/report',
    });
  });

  it('several, in Markdown, a reference and raw HTML, each once; the first three named', () => {
    const body = ['[a](192.0.2.7/map) [b][ref] <a href="example.md/story">c</a> [d](//ifes.kyungnam.ac.kr/eng) [a again](192.0.2.7/map)', '', '[ref]: www.38north.org/x', ''].join('\n');
    expect(schemelessLinks(body, 'https://watch.example.org/')).toEqual({
      message: 'links to 4 addresses without https://, relative ones, which readers open as pages of this site that do not exist: "192.0.2.7/map"; "www.38north.org/x"; "example.md/story"; and 1 more',
      fix: 'write each link with https:// before it: https://192.0.2.7/map, https://www.38north.org/x, https://example.md/story, …',
    });
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

  it('check warns of it in the entry', async () => {
    const content = folders.keep(await contentFolder({ site: SITE, entries: { '2014/a.md': entryText(entry(), 'See [the report](www.38north.org/report).\n') } }));
    const warnings = (JSON.parse((await runMain(['check', '--content', content, '--json'])).stdout) as { warnings: { field: string; fix: string }[] }).warnings;
    expect(warnings.map((warning) => [warning.field, warning.fix])).toEqual([['body', 'write the link as https://www.38north.org/report']]);
  });
});
