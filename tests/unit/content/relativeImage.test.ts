import { describe, expect, it } from 'vitest';
import { bodyImages } from '../../../lib/content/bodyImages.js';
import { relativeImage as relativeImageOf } from '../../../lib/content/relativeImage.js';

const relativeImage = (body: string, siteUrl?: string) => relativeImageOf(bodyImages(body), siteUrl);

describe('relativeImage: an image a publish would link to an address it never writes', () => {
  const site = 'https://notes.example.org/watch/';

  it('names a Markdown image with a relative address and the address it becomes against the site url', () => {
    expect(relativeImage('The chart ![Coal exports](./chart.png "2014") rose.', site)).toEqual({
      message: 'shows the image "./chart.png", a relative address: it becomes https://notes.example.org/watch/chart.png, and a publish writes no image there',
      fix: "give the image's full https address, or put the file at that address yourself",
    });
  });

  it('an HTML img, quoted or not, and a root-relative address', () => {
    expect(relativeImage('<p><img alt="x" src="img/a.png"></p>', site)?.message).toContain('"img/a.png", a relative address: it becomes https://notes.example.org/watch/img/a.png');
    expect(relativeImage("<img src='/uploads/b.jpg'>", site)?.message).toContain('it becomes https://notes.example.org/uploads/b.jpg');
    expect(relativeImage('<IMG SRC=c.gif>', site)?.message).toContain('"c.gif"');
    expect(relativeImage('![a](<my chart.png>)', site)?.message).toContain('"my chart.png"');
  });

  it('says nothing of absolute or protocol-relative images, of links, or of a body with no image', () => {
    expect(relativeImage('![a](https://x.example/a.png) <img src="//cdn.example/b.png"> [link](./page) <a href="c.png">c</a>', site)).toBeUndefined();
    expect(relativeImage('Plain text.', site)).toBeUndefined();
  });

  it('without the site url, still names the image', () => {
    expect(relativeImage('![a](a.png)')?.message).toBe('shows the image "a.png", a relative address, and a publish writes no image there');
  });

  it('an image in code, shown as code, or reached by a reference', () => {
    expect(relativeImage('Write `![a](a.png)`, or:\n\n```html\n<img src="b.png">\n```\n', site)).toBeUndefined();
    expect(relativeImage('![a][chart]\n\n[chart]: ./chart.png\n', site)?.message).toContain('"./chart.png"');
  });

  it('reads the address a publish gives an img: its srcset\'s, its picture\'s source, its noscript copy\'s', () => {
    const gif = 'data:image/gif;base64,R0lGODlhAQABAAAAACw=';
    expect(relativeImage(`<p><img src="${gif}" srcset="img/a.png 1x, img/a2.png 2x" alt="A"></p>`, site)?.message).toContain('"img/a.png", a relative address: it becomes https://notes.example.org/watch/img/a.png');
    expect(relativeImage('<p><picture><source srcset="https://img.example.org/a.webp"><img src="a.png" alt="A"></picture></p>', site)).toBeUndefined();
    expect(relativeImage(`<p><img src="${gif}" alt="A"><noscript><img src="/up/a.png"></noscript></p>`, site)?.message).toContain('"/up/a.png", a relative address: it becomes https://notes.example.org/up/a.png');
    // Beside a footnote, which the render reads from the parse.
    expect(relativeImage('<img src="c.png"> text[^1]\n\n[^1]: A note.\n', site)?.message).toContain('"c.png"');
    // Not one the sanitiser drops, hidden or in a template.
    expect(relativeImage('<p><img src="a.png" style="display:none"></p><template><img src="b.png"></template>', site)).toBeUndefined();
  });

  it('names a lazy img\'s relative data-src, which a publish cannot use: readers get its alt text', () => {
    expect(relativeImage('<p>A <img src="data:image/gif;base64,R0lGOD" data-src="charts/a.png" alt="Coal chart"> b</p>', site)).toEqual({
      message: 'shows a lazy-loaded image whose address, "charts/a.png" (its data-src), is relative, which a publish cannot make an image of: readers get its alt text, "Coal chart"',
      fix: "give the image's full https address as its src",
    });
    expect(relativeImage('<img data-lazy-src="/b.png">', site)?.message).toBe('shows a lazy-loaded image whose address, "/b.png" (its data-lazy-src), is relative, which a publish cannot make an image of: readers get nothing in its place');
  });
});
