import { describe, expect, it } from 'vitest';
import { parseEntry } from '../../../lib/content/entry.js';

const KEY = 'entries/2014/a.md';
const file = (body: string, ...fields: string[]) => `---\ntitle: T\nurl: https://x.example/a\nsource: S\ndate: 2014-05-08\n${fields.map((field) => `${field}\n`).join('')}---\n${body}`;
const warned = (body: string, ...fields: string[]) => parseEntry(file(body, ...fields), KEY, { timezone: 'UTC', url: 'https://watch.example.org/' }).warnings;

// The site is served over https:// (parseSite): an http:// image on its pages is mixed content.
describe('an image over plain http:// on the https:// site', () => {
  it('in the body: named, with its https:// address to write', () => {
    expect(warned('Chart: ![Coal](http://stats.example.com/coal.png)\n')).toEqual([
      {
        file: KEY,
        field: 'body',
        message: 'shows the image "http://stats.example.com/coal.png" over plain http://, which browsers block or flag as mixed content on the site\'s https:// pages, and so do some feed readers',
        fix: 'write https://stats.example.com/coal.png if stats.example.com serves it over https:// (open it to see), or put a copy of the image where https:// reaches it',
      },
    ]);
  });

  it('an HTML img too, and several counted, the first named', () => {
    const [warning] = warned('<p><img alt="a" src="HTTP://a.example:8080/a.png"></p>\n\n![b](http://b.example/b.png)\n');
    expect(warning!.message).toBe('shows 2 images (the first "HTTP://a.example:8080/a.png") over plain http://, which browsers block or flag as mixed content on the site\'s https:// pages, and so do some feed readers');
    expect(warning!.fix).toMatch(/^write https:\/\/a\.example:8080\/a\.png if a\.example:8080 serves it/);
  });

  it('reads the address published: a lazy img\'s data-src, a picture\'s source, not the placeholder or the img\'s own src', () => {
    expect(warned('<p><img src="data:image/gif;base64,R0lGOD" data-src="http://img.example/a.jpg" alt="A"></p>\n')[0]?.message).toContain('the image "http://img.example/a.jpg" over plain http://');
    expect(warned('<p><picture><source srcset="http://img.example/a.webp"><img src="https://img.example/a.jpg" alt="A"></picture></p>\n')[0]?.message).toContain('the image "http://img.example/a.webp" over plain http://');
    expect(warned('<p><picture><source srcset="https://img.example/a.webp"><img src="http://img.example/a.jpg" alt="A"></picture></p>\n')).toEqual([]);
  });

  it('the image: field too, with its line', () => {
    expect(warned('Body.\n', 'image: http://x.example/i.jpg')).toMatchObject([{ field: 'image', line: 6, fix: expect.stringMatching(/^write https:\/\/x\.example\/i\.jpg if/) as string }]);
  });

  it('not an https:// image, a link to an http:// page, or an image shown in code', () => {
    expect(warned('![a](https://x.example/a.png) [page](http://x.example/p) <a href="http://x.example/q">q</a>\n')).toEqual([]);
    expect(warned('Markdown: `![a](http://x.example/a.png)`\n\n    <img src="http://x.example/b.png">\n')).toEqual([]);
  });
});
