import { describe, expect, it } from 'vitest';
import { bodyImages } from '../../../lib/content/bodyImages.js';
import { hiddenContent } from '../../../lib/content/hiddenContent.js';
import { mergeTagImages } from '../../../lib/content/mergeTagImages.js';
import { renderMarkdown } from '../../../lib/content/renderMarkdown.js';

const BASE = 'https://watch.example.org/';

// As a link or an embed whose address holds one is (mergeTagLink, embedLink): the service fills in each recipient's
// value when it sends.
describe('an image whose address holds a mail service\'s merge tag', () => {
  it('is not published: its alt text is, as a link\'s text is, from its src, a lazy loader\'s data-src or a Markdown image, typed or percent-encoded', () => {
    const body =
      '<p>A <img src="https://gallery.example.com/logo.png?u=*|UNIQID|*" alt="Rice Weekly"> b <img src="https://x.example/%%Sub_ID%%/open.png" width="300"> c <img src="data:image/gif;base64,R0lGOD" data-src="https://x.example/{{ subscriber.id }}.jpg" alt="Lazy"> d <img src="https://x.example/p.png?e=*%7CEMAIL%7C*" alt="Encoded"></p>\n\n![Banner](https://x.example/b.png?id=*|ID|*)\n';
    expect(renderMarkdown(body, BASE).html).toBe('<p>A Rice Weekly b  c Lazy d Encoded</p>\n<p>Banner</p>\n');
    // The summary reads the alt text published in its place.
    expect(renderMarkdown('![Banner](https://x.example/b.png?id=*|ID|*)\n', BASE).firstParagraph).toBe('Banner');
    // Nor is it read as an image shown: a relative address's warning does not name it.
    expect(bodyImages('<img src="*|IMAGE|*" alt="x"> ![y](https://x.example/{{id}}.png)\n')).toEqual([]);
  });

  it('gives way to a srcset candidate without one; a bracketed query word is no tag', () => {
    expect(renderMarkdown('<p><img src="https://x.example/{{id}}.png" srcset="https://x.example/c.png 1x" alt="C"></p>\n', BASE).html).toBe('<p><img src="https://x.example/c.png" alt="C" /></p>\n');
    expect(renderMarkdown('<p><img srcset="https://x.example/*|ID|*.png 1x, https://x.example/c2.png 2x" alt="C"></p>\n', BASE).html).toBe('<p><img src="https://x.example/c2.png" alt="C" /></p>\n');
    expect(renderMarkdown('<p><img src="https://x.example/c.png?f[size]=2" alt="C"></p>\n', BASE).html).toBe('<p><img src="https://x.example/c.png?f%5Bsize%5D=2" alt="C" /></p>\n');
  });

  it('where its src is of a scheme the sanitiser drops (javascript:) and its own candidate holds the tag: its alt is published, as for any other, and check names it', () => {
    // The service's mail shows the candidate's image; `javascript:` draws nothing. Only its own: a source of its picture is another image.
    const body = 'A <img src="javascript:alert(1)" srcset="https://x.example/*|ID|*.png 1x" alt="Logo"> b <img srcset="data:image/png;base64,AA 1x, https://x.example/{{id}}.png 2x" alt="Mark"> c\n';
    expect(renderMarkdown(body, BASE)).toEqual({ html: '<p>A Logo b Mark c</p>\n', firstParagraph: 'A Logo b Mark c' });
    expect(mergeTagImages(body)?.message).toBe(
      'shows 2 images whose addresses hold a mail service\'s merge tag, which only that service fills in when it sends: "https://x.example/*|ID|*.png" (the tag "*|ID|*", published as its alt text "Logo"); "https://x.example/{{id}}.png" (the tag "{{id}}", published as its alt text "Mark"); as written, no reader\'s request is meant to reach an address holding one, so the image is not published',
    );
    // With no tag anywhere, an image of a refused scheme is still dropped with its alt.
    expect(renderMarkdown('A <img src="javascript:alert(1)" srcset="data:image/png;base64,AA 1x" alt="Logo"> b\n', BASE).html).toBe('<p>A  b</p>\n');
  });

  it('but a tracking pixel whose address holds one is dropped with its alt, as check\'s hidden-content warning says: the service\'s mail draws it 1×1', () => {
    // By its src, by its own candidate beside a src no browser draws, as inline HTML and in a raw HTML paragraph.
    const body = 'A <img src="https://x.example/open.png?u=*|UNIQID|*" width="1" height="1" alt="Logo"> b <img src="javascript:x" srcset="https://x.example/{{id}}.png 1x" style="width:1px;height:1px" alt="Mark"> c\n';
    expect(renderMarkdown(body, BASE)).toEqual({ html: '<p>A  b  c</p>\n', firstParagraph: 'A b c' });
    expect(hiddenContent(body)?.message).toContain('<img src="https://x.example/open.png?u=*|UNIQID|*" width="1" height="1" alt="Logo"> the image "https://x.example/open.png?u=*|UNIQID|*", whose address holds the merge tag "*|UNIQID|*"');
    expect(renderMarkdown(`<p>${body.trim()}</p>\n`, BASE)).toEqual({ html: '<p>A  b  c</p>\n', firstParagraph: 'A b c' });
    // A paragraph of such a pixel alone gives no summary: the list after it does.
    expect(renderMarkdown('<img src="javascript:x" srcset="https://x.example/{{id}}.png 1x" width="1" height="1" alt="Mark">\n\n- Rice\n', BASE)).toEqual({ html: '\n<ul>\n<li>Rice</li>\n</ul>\n', firstParagraph: 'Rice' });
  });

  it('is named by check with its tag and what readers get; not where a candidate, a noscript copy or a Liquid variable stands in, nor in code', () => {
    const body = '![Banner](https://x.example/b.png?id=*|ID|*) <img src="https://x.example/%%Sub_ID%%/open.png" width="300">\n';
    expect(mergeTagImages(body)).toEqual({
      message:
        'shows 2 images whose addresses hold a mail service\'s merge tag, which only that service fills in when it sends: "https://x.example/b.png?id=*|ID|*" (the tag "*|ID|*", published as its alt text "Banner"); "https://x.example/%%Sub_ID%%/open.png" (the tag "%%Sub_ID%%", left out: it has no alt text); as written, no reader\'s request is meant to reach an address holding one, so the image is not published',
      fix: "paste the image's real address in its place, or remove the image",
    });
    expect(mergeTagImages('<img src="https://x.example/a.png?u=%7B%7Bid%7D%7D" alt="A">\n')?.message).toBe(
      'shows an image whose address holds a mail service\'s merge tag, which only that service fills in when it sends: "https://x.example/a.png?u={{id}}" (the tag "{{id}}", published as its alt text "A"); as written, no reader\'s request is meant to reach an address holding one, so the image is not published',
    );
    expect(mergeTagImages('<img src="https://x.example/{{id}}.png" srcset="https://x.example/c.png 1x" alt="C">\n')).toBeUndefined();
    expect(mergeTagImages('<p><img src="data:image/gif;base64,R0lGOD" data-src="https://x.example/*|ID|*.jpg" alt="L"><noscript><img src="https://x.example/l.jpg" alt="L"></noscript></p>\n')).toBeUndefined();
    expect(mergeTagImages('![Chart]({{ site.baseurl }}/chart.png) and `<img src="*|IMG|*">`\n')).toBeUndefined();
  });
});

describe('an image whose address holds a merge tag written with character references or partly percent-encoded', () => {
  it('is read by check as the publish reads it: every image the publish leaves out is named, with its tag', () => {
    const images: [string, string][] = [
      ['<img src="https://x.example/a.png?u=*&#124;UNIQID&#124;*" alt="Logo">', '*|UNIQID|*'],
      ['<img src="https://x.example/a.png?u=%2A|UNIQID|%2A" alt="Logo">', '*|UNIQID|*'],
      ['<img src="https://x.example/a.png?id=&lcub;%7Bsubscriber.id}}" alt="Logo">', '{{subscriber.id}}'],
      ['![Logo](https://x.example/a.png?id=&#123;&#123;subscriber.id}})', '{{subscriber.id}}'],
      ['![Logo](https://x.example/a.png?p=&percnt;%25Sub_ID%%)', '%%Sub_ID%%'],
    ];
    for (const [image, tag] of images) {
      const body = `A ${image}\n`;
      expect(renderMarkdown(body, BASE).html, body).toBe('<p>A Logo</p>\n');
      expect(mergeTagImages(body)?.message, body).toContain(`(the tag "${tag}", published as its alt text "Logo")`);
    }
  });
});
