import { parse, type DefaultTreeAdapterMap } from 'parse5';
import { describe, expect, it } from 'vitest';
import { renderNotFoundPage } from '../../../lib/pages/renderNotFoundPage.js';

// An OPML file is for a feed reader to import: its link on 404.html saves it (`download`), as the index's and the tag
// pages' do (tests/browser/opmlLinks.test.ts follows those in Chromium); a feed's link opens it.
type Element = DefaultTreeAdapterMap['element'];
function* elements(node: DefaultTreeAdapterMap['node']): Generator<Element> {
  if ('tagName' in node) yield node;
  for (const child of 'childNodes' in node ? node.childNodes : []) yield* elements(child);
}

describe('the OPML link of 404.html', () => {
  it('saves the file; the feeds and the pages open', () => {
    const html = renderNotFoundPage({
      language: 'en',
      siteTitle: 'Test Watch',
      homeHref: '/watch/',
      monthsHref: '/watch/months/',
      feed: { rss: '/watch/rss.xml', atom: '/watch/atom.xml', json: '/watch/feed.json' },
      opmlHref: '/watch/feeds.opml',
      iconHref: '/watch/icon.png',
    });
    const links = [...elements(parse(html))].filter((element) => element.tagName === 'a');
    const saving = links.filter((link) => link.attrs.some((a) => a.name === 'download')).map((link) => link.attrs.find((a) => a.name === 'href')?.value);
    expect(saving).toEqual(['/watch/feeds.opml']);
    expect(links.length).toBeGreaterThan(4);
  });
});
