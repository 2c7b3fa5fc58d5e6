import { afterEach, describe, expect, it, vi } from 'vitest';
import { markdown } from '../../../lib/content/markdownParser.js';
import { isMergeTagLink, mergeTagLinks } from '../../../lib/content/mergeTagLink.js';
import { renderMarkdown } from '../../../lib/content/renderMarkdown.js';

const BASE = 'https://watch.example.org/';

describe('a link whose address is a mail service\'s merge tag', () => {
  it('is published as its text alone, not as an address on the site; a relative link still is one', () => {
    const body = '<p>A <a href="*|ARCHIVE|*">View in browser</a>, <a href="{{unsubscribe_url}}">unsubscribe</a>, <a href="%%unsubscribe%%">SFMC</a>, <a href=" [[UNSUB_LINK_EN]]">other</a>, <a href="{% unsubscribe %}">Klaviyo</a>, <a href="[unsubscribe]">Sendy</a>, <a href="/about">About us</a>.</p>\n';
    expect(renderMarkdown(body, BASE).html).toBe('<p>A <a>View in browser</a>, <a>unsubscribe</a>, <a>SFMC</a>, <a>other</a>, <a>Klaviyo</a>, <a>Sendy</a>, <a href="https://watch.example.org/about">About us</a>.</p>\n');
    // As a Markdown link, which markdown-it percent-encodes.
    expect(renderMarkdown('[Unsubscribe]({{unsubscribe_url}}) or [view](*|ARCHIVE|*).\n', BASE).html).toBe('<p><a>Unsubscribe</a> or <a>view</a>.</p>\n');
  });

  it('is named in a warning with its text; one in code or in text is not one', () => {
    const body = '[View in browser](*|ARCHIVE|*) and <a href="{{unsubscribe_url}}">unsubscribe</a>, <a href="%%unsubscribe%%"></a> <a href="[[UNSUB]]">x</a>.\n';
    expect(mergeTagLinks(body)).toEqual({
      message: 'links to a mail service\'s merge tag, which only that service fills in when it sends: "*|ARCHIVE|*" ("View in browser"); "{{unsubscribe_url}}" ("unsubscribe"); "%%unsubscribe%%"; and 1 more; against the site\'s url it would be an address that holds nothing, so only the link\'s text is published',
      fix: 'paste the real address in its place, or remove the link (a newsletter\'s "view in browser" and "unsubscribe" links mean nothing here)',
    });
    expect(mergeTagLinks('`<a href="*|ARCHIVE|*">`, [a] {{b}} and [About](/about).\n')).toBeUndefined();
    // A Liquid tag or a Jekyll variable, which the shortcode warning names, is not named twice; its link goes all the same.
    expect(mergeTagLinks('[Unsubscribe]({% unsubscribe %}) and [the post]({{site.baseurl}}/post).\n')).toBeUndefined();
    expect(renderMarkdown('[the post]({{site.baseurl}}/post)\n', BASE).html).toBe('<p><a>the post</a></p>\n');
    expect(isMergeTagLink('/about')).toBe(false);
  });

  describe('is looked for only in a body that could hold one', () => {
    afterEach(() => vi.restoreAllMocks());

    it('not in a body of ordinary links and brackets, which is not rendered', () => {
      const render = vi.spyOn(markdown, 'render');
      expect(mergeTagLinks('See [the report](https://example.org/r) and [its data][d], [sic] and <a href="https://example.org/">a page</a>.\n\n[d]: https://example.org/d\n')).toBeUndefined();
      expect(render).not.toHaveBeenCalled();
    });

    it('but where a bracketed word starts an address: a Markdown link, a reference or an attribute', () => {
      for (const body of ['[Sendy]([unsubscribe])\n', '[Sendy][u]\n\n[u]: [unsubscribe]\n', '<a href = "[unsubscribe]">Sendy</a>\n']) {
        expect(mergeTagLinks(body)?.message, body).toContain('"[unsubscribe]" ("Sendy")');
      }
    });
  });
});

// As an embed whose address holds one is (embedLink): the service fills in each recipient's value when it sends.
describe('a link whose full address holds a mail service\'s merge tag', () => {
  it('is published as its text alone, as typed or percent-encoded; a bracketed word in a query is no tag', () => {
    const body = '[Archive](https://us1.campaign-archive.com/?u=abc&id=*|UNIQID|*), <a href="https://list.example.com/unsubscribe?id=%7B%7Bsubscriber.id%7D%7D">Unsubscribe</a>, <a href="https://x.example/p?e=*%7CEMAIL%7C*&amp;s=%%Sub_ID%%">profile</a> and [filtered](https://x.example/?filter[name]=x).\n';
    expect(renderMarkdown(body, BASE).html).toBe('<p><a>Archive</a>, <a>Unsubscribe</a>, <a>profile</a> and <a href="https://x.example/?filter%5Bname%5D=x">filtered</a>.</p>\n');
    expect(isMergeTagLink('https://us1.campaign-archive.com/?u=*|UNIQID|*')).toBe(true);
    expect(isMergeTagLink('https://x.example/?filter[name]=x')).toBe(false);
  });

  it('is named in the warning with its text and its tag, beside a link to a tag alone', () => {
    expect(mergeTagLinks('[Archive](https://us1.campaign-archive.com/?u=*|UNIQID|*)\n')).toEqual({
      message: 'links to an address holding a mail service\'s merge tag, which only that service fills in when it sends: "https://us1.campaign-archive.com/?u=*|UNIQID|*" ("Archive", the tag "*|UNIQID|*"); as written, no reader\'s request is meant to reach an address holding one, so only the link\'s text is published',
      fix: 'paste the real address in its place, or remove the link (a newsletter\'s "view in browser" and "unsubscribe" links mean nothing here)',
    });
    expect(mergeTagLinks('<a href="https://list.example.com/u?id=%7B%7Bsubscriber.id%7D%7D">Unsubscribe</a> and [view](*|ARCHIVE|*)\n')?.message).toBe(
      'links to a mail service\'s merge tag, which only that service fills in when it sends: "https://list.example.com/u?id={{subscriber.id}}" ("Unsubscribe", the tag "{{subscriber.id}}"); "*|ARCHIVE|*" ("view"); against the site\'s url it would be an address that holds nothing, and as written, no reader\'s request is meant to reach an address holding one, so only the link\'s text is published',
    );
  });
});

describe('a merge tag written with character references, backslash escapes or partly percent-encoded', () => {
  // Each address as typed, with the tag the publish reads in it once its references, escapes and encoding are read.
  const ADDRESSES: [string, string][] = [
    ['https://x.example/?u=*&#124;UNIQID&#124;*', '*|UNIQID|*'],
    ['https://x.example/?id=&#123;&#123;subscriber.id&#125;&#125;', '{{subscriber.id}}'],
    ['https://x.example/?id=&lbrace;&lbrace;subscriber.id}}', '{{subscriber.id}}'],
    ['https://x.example/?id=&#x7B;%7Bsubscriber.id}}', '{{subscriber.id}}'],
    ['https://x.example/?u=%2A|UNIQID|%2A', '*|UNIQID|*'],
    ['https://x.example/?id=%7B{subscriber.id}}', '{{subscriber.id}}'],
    ['https://x.example/?l=[%5BUNSUB_LINK_EN]]', '[[UNSUB_LINK_EN]]'],
    ['https://x.example/?u=*\\|UNIQID\\|*', '*|UNIQID|*'],
  ];

  it('is read by check as the publish reads it: every link whose address the publish drops is named, with its tag', () => {
    for (const [address, tag] of ADDRESSES) {
      for (const body of [`[the archive](${address})\n`, `<a href="${address}">the archive</a>\n`]) {
        // A backslash escapes in Markdown only.
        if (body.startsWith('<a') && address.includes('\\')) continue;
        expect(renderMarkdown(body, BASE).html, body).toBe('<p><a>the archive</a></p>\n');
        expect(mergeTagLinks(body)?.message, body).toContain(`("the archive", the tag "${tag}")`);
      }
    }
  });

  it('at an address\'s start too: Sendy\'s bracketed word as a reference or percent-encoded', () => {
    for (const body of ['<a href="&#91;unsubscribe]">Leave</a>\n', '[Leave](%5Bunsubscribe%5D)\n', '[Leave](&lsqb;unsubscribe])\n']) {
      expect(renderMarkdown(body, BASE).html, body).toBe('<p><a>Leave</a></p>\n');
      expect(mergeTagLinks(body)?.message, body).toContain('"[unsubscribe]" ("Leave")');
    }
  });
});
