import { describe, expect, it } from 'vitest';
import { AtomEntryExtras, declareNamespace, xmlAttribute } from '../../../lib/feeds/feedGuards.js';
import { withHistory } from '../../../lib/feeds/feedHistory.js';
import { RenderError } from '../../../lib/shared/errors.js';
import { renderAtom } from '../../../lib/feeds/renderAtom.js';
import { renderJsonFeed } from '../../../lib/feeds/renderJsonFeed.js';
import { renderRss } from '../../../lib/feeds/renderRss.js';
import { tagUri } from '../../../lib/feeds/tagUri.js';
import { fastAtom } from '../../../lib/feeds/fast/fastAtom.js';
import { fastJsonFeed } from '../../../lib/feeds/fast/fastJsonFeed.js';
import { feedDoc, feedItem } from '../../support/feedDoc.js';
import { childrenNamed, findAll, findOne, parseXml } from '../../support/xml.js';

// Each guard around the feed 6.0.0 defects, checked in the serialised output with a strict XML parser.

const rssItem = (xml: string) => findOne(parseXml(xml), 'item');
const atomEntry = (xml: string) => findOne(parseXml(xml), 'entry');
const jsonFeed = (text: string) => JSON.parse(text) as Record<string, any>;

describe('guard: XML-illegal control characters are stripped', () => {
  const dirty = 'a\u0000b\u0008c\u000Bd\u000Ce\u001Ff\uFFFEg\uFFFFh';
  const doc = feedDoc({ title: `Site ${dirty}`, items: [feedItem({ title: dirty, summary: dirty, contentHtml: `<p>${dirty}</p>`, source: { name: dirty }, tags: [{ name: dirty, slug: 'x' }] })] });

  it('in RSS', () => {
    const item = rssItem(renderRss(doc));
    expect(findOne(item, 'title').text).toBe('abcdefgh');
    expect(findOne(item, 'content:encoded').text).toBe('<p>abcdefgh</p>');
    expect(findOne(item, 'dc:creator').text).toBe('abcdefgh');
    expect(findOne(item, 'category').text).toBe('abcdefgh');
  });

  it('in Atom', () => {
    const xml = renderAtom(doc);
    expect(findOne(parseXml(xml), 'title').text).toBe('Site abcdefgh');
    expect(findOne(atomEntry(xml), 'content').text).toBe('<p>abcdefgh</p>');
    expect(findOne(atomEntry(xml), 'category').attributes.term).toBe('abcdefgh');
  });

  it('in JSON Feed', () => {
    expect(jsonFeed(renderJsonFeed(doc)).items[0].title).toBe('abcdefgh');
  });

  it('keeps tab, newline and astral characters', () => {
    const item = rssItem(renderRss(feedDoc({ items: [feedItem({ title: 'a\tb 🚀 c' })] })));
    expect(findOne(item, 'title').text).toBe('a\tb 🚀 c');
  });
});

describe('guard: every ]]> survives, not only the first', () => {
  const tricky = 'one ]]> two ]]> three ]]>';
  const doc = feedDoc({ items: [feedItem({ title: tricky, contentHtml: `<p>${tricky}</p>`, summary: tricky })] });

  it('in RSS titles and content', () => {
    const item = rssItem(renderRss(doc));
    expect(findOne(item, 'title').text).toBe(tricky);
    expect(findOne(item, 'content:encoded').text).toBe(`<p>${tricky}</p>`);
  });

  it('in Atom content and titles', () => {
    const entry = atomEntry(renderAtom(doc));
    expect(findOne(entry, 'content').text).toBe(`<p>${tricky}</p>`);
    // Titles are plain text (type="text"), so they arrive as typed.
    expect(findOne(entry, 'title').text).toBe(tricky);
  });
});

describe('guard: <, & and " in attributes are escaped', () => {
  const label = 'R&D <b>"quoted"</b> & more';

  it('in Atom category terms', () => {
    const entry = atomEntry(renderAtom(feedDoc({ items: [feedItem({ tags: [{ name: label, slug: 'r-d' }] })] })));
    expect(findOne(entry, 'category').attributes.term).toBe(label);
  });

  it('in the RSS source url', () => {
    const feedUrl = 'https://src.example/feed?a=1&b="2"';
    const item = rssItem(renderRss(feedDoc({ items: [feedItem({ source: { name: 'S', feed: feedUrl } })] })));
    expect(findOne(item, 'source').attributes.url).toBe(feedUrl);
  });

  it('in the xml-stylesheet href', () => {
    const doc = feedDoc({ stylesheetHref: 'feed.xsl?a=1&b=<2>' });
    expect(renderAtom(doc)).toContain('<?xml-stylesheet href="feed.xsl?a=1&amp;b=&lt;2>" type="text/xsl"?>');
    // RSS uses hexadecimal references throughout (RSS Best Practices Profile).
    expect(renderRss(doc)).toContain('<?xml-stylesheet href="feed.xsl?a=1&#x26;b=&#x3C;2>" type="text/xsl"?>');
  });

  it('and RSS categories read back as typed', () => {
    const item = rssItem(renderRss(feedDoc({ items: [feedItem({ tags: [{ name: label, slug: 'r-d' }] })] })));
    expect(findOne(item, 'category').text).toBe(label);
  });
});

describe('guard: a literal &amp; typed by the editor is not lost', () => {
  const typed = 'Tom &amp; Jerry & Co';
  const doc = feedDoc({ title: typed, description: typed, items: [feedItem({ source: { name: typed }, tags: [{ name: typed, slug: 't' }], title: typed })] });

  it('in RSS channel text, dc:creator and categories', () => {
    const rss = parseXml(renderRss(doc));
    const channel = findOne(rss, 'channel');
    expect(childrenNamed(channel, 'title')[0]!.text).toBe(typed);
    expect(childrenNamed(channel, 'description')[0]!.text).toBe(typed);
    expect(findOne(rss, 'dc:creator').text).toBe(typed);
    expect(findOne(rss, 'category').text).toBe(typed);
    expect(findOne(findOne(rss, 'item'), 'title').text).toBe(typed);
  });

  it('in Atom feed title, subtitle and author', () => {
    const atom = parseXml(renderAtom(doc));
    expect(childrenNamed(atom, 'title')[0]!.text).toBe(typed);
    expect(childrenNamed(atom, 'subtitle')[0]!.text).toBe(typed);
    expect(findOne(findOne(atom, 'entry'), 'name').text).toBe(typed);
  });
});

describe('RSS plain text uses hexadecimal references (RSS Best Practices Profile, character data)', () => {
  const xml = renderRss(feedDoc({ title: 'Tom & Jerry <News>', items: [feedItem({ title: 'AT&T < Verizon', tags: [{ name: '<script>', slug: 'script' }] })] }));

  it('in channel text and categories', () => {
    expect(xml).toContain('<title>Tom &#x26; Jerry &#x3C;News&gt;</title>');
    expect(xml).toContain('<category>&#x3C;script&gt;</category>');
  });

  it('in item titles, which are character data, not CDATA', () => {
    expect(xml).toContain('<title>AT&#x26;T &#x3C; Verizon</title>');
    expect(findOne(rssItem(xml), 'title').text).toBe('AT&T < Verizon');
  });
});

describe('guard: RSS <author> is only ever "email (name)"', () => {
  it('puts a source without email in dc:creator and writes no <author>', () => {
    const item = rssItem(renderRss(feedDoc({ items: [feedItem({ source: { name: 'IFES', url: 'https://ifes.example/' } })] })));
    expect(findAll(item, 'author')).toEqual([]);
    expect(findOne(item, 'dc:creator').text).toBe('IFES');
  });
});

describe('guard: Atom ids are tag: URIs that URL parsing leaves unchanged', () => {
  for (const id of ['2014/ifes russia', '북한/경제', 'a&b?c#d%e', 'x:y@z']) {
    it(`for the entry id ${JSON.stringify(id)}`, () => {
      const uri = tagUri('Watch.Example.org', '2014', id);
      expect(uri.startsWith('tag:watch.example.org,2014:')).toBe(true);
      expect(new URL(uri).href).toBe(uri);
      // The specific part decodes back to the id (RFC 4151 §2.1 percent-encoding).
      expect(decodeURIComponent(uri.slice('tag:watch.example.org,2014:'.length))).toBe(id);
      const entry = atomEntry(renderAtom(feedDoc({ items: [feedItem({ id: uri })] })));
      expect(findOne(entry, 'id').text).toBe(uri);
    });
  }
});

describe('guard: tagUri refuses a tagging entity outside RFC 4151', () => {
  it('an authority that is no DNS name, or a date that is no calendar date', () => {
    expect(() => tagUri('watch_example.org', '2014', 'a')).toThrow(RenderError);
    expect(() => tagUri('[::1]', '2014', 'a')).toThrow(RenderError);
    expect(() => tagUri('watch.example.org', '2014-13-45', 'a')).toThrow(RenderError);
    expect(() => tagUri('watch.example.org', '0000', 'a')).toThrow(RenderError);
    expect(tagUri('xn--bcher-kva.example', '2016-02-29', 'a')).toBe('tag:xn--bcher-kva.example,2016-02-29:a');
  });
});

describe('guard: JSON Feed is version 1.1', () => {
  const doc = feedDoc({ items: [feedItem({ source: { name: 'IFES', url: 'https://ifes.example/' } })] });
  const json = jsonFeed(renderJsonFeed(doc));

  it('declares version 1.1 with authors, language and feed_url', () => {
    expect(json.version).toBe('https://jsonfeed.org/version/1.1');
    expect(json.authors).toEqual([{ name: 'Editors' }]);
    expect(json.author).toBeUndefined();
    expect(json.language).toBe('en');
    expect(json.feed_url).toBe('https://watch.example.org/feed.json');
  });

  it('gives each item url and authors (the source); an item with no page of its own, its article as url alone', () => {
    expect(json.items[0]).toMatchObject({ url: 'https://news.example.com/a', authors: [{ name: 'IFES', url: 'https://ifes.example/' }] });
    expect(json.items[0].author).toBeUndefined();
    // §items: "external_url ... is the URL of a page elsewhere": not the url again (a week's digest has no other page).
    expect(json.items[0]).not.toHaveProperty('external_url');
  });

  it('gives an entry with a page its page as url and the article as external_url, in both writers', () => {
    const withPage = feedDoc({ items: [feedItem({ pageUrl: 'https://watch.example.org/entries/a/' })] });
    for (const text of [renderJsonFeed(withPage), fastJsonFeed(withPage)]) {
      expect(jsonFeed(text).items[0]).toMatchObject({ url: 'https://watch.example.org/entries/a/', external_url: 'https://news.example.com/a' });
    }
    expect(jsonFeed(fastJsonFeed(doc)).items[0]).not.toHaveProperty('external_url');
  });
});

describe('guard: lastBuildDate and updated are the newest entry, never the build time', () => {
  it('in RSS and Atom', () => {
    const doc = feedDoc();
    const rssDate = findOne(parseXml(renderRss(doc)), 'lastBuildDate').text;
    expect(rssDate).toBe('Wed, 07 May 2014 15:00:00 GMT');
    const atom = parseXml(renderAtom(doc));
    expect(childrenNamed(atom, 'updated')[0]!.text).toBe('2014-05-07T15:00:00.000Z');
  });
});

describe('guard: markup `feed` cannot write (entry extras, RFC 5005 links, namespaces)', () => {
  it('AtomEntryExtras puts each entry its own markup in place of its <rights> placeholder, and counts them', () => {
    const extras = new AtomEntryExtras();
    const a = extras.slot('<link rel="related" href="https://a.example/"/>');
    const b = extras.slot('<media:thumbnail url="https://b.example/"/>');
    const xml = `<entry><rights>${a}</rights></entry><entry><rights>${b}</rights></entry>`;
    expect(extras.fill(xml)).toBe('<entry><link rel="related" href="https://a.example/"/></entry><entry><media:thumbnail url="https://b.example/"/></entry>');
    expect(() => extras.fill(`<entry><rights>${a}</rights></entry>`)).toThrow(RenderError);
  });

  it('xmlAttribute escapes what xml-js would not in an attribute, and drops XML-illegal characters', () => {
    expect(xmlAttribute('https://a.example/?x=1&y="2"<>\u0001')).toBe('https://a.example/?x=1&amp;y=&quot;2&quot;&lt;&gt;');
  });

  it('withHistory places the links after the one self link, and refuses a feed without exactly one', () => {
    const self = /<link rel="self" href="[^"]*"\/>/;
    const xml = '<feed><link rel="self" href="https://a.example/atom.xml"/></feed>';
    expect(withHistory(xml, { prevArchive: 'https://a.example/archives/2014-04/atom.xml?a&b', current: 'https://a.example/atom.xml' }, self, 'link')).toBe(
      '<feed><link rel="self" href="https://a.example/atom.xml"/>\n<link rel="prev-archive" href="https://a.example/archives/2014-04/atom.xml?a&amp;b"/>\n<link rel="current" href="https://a.example/atom.xml"/>\n<fh:archive xmlns:fh="http://purl.org/syndication/history/1.0"/></feed>',
    );
    expect(() => withHistory('<feed></feed>', { prevArchive: 'https://a.example/x' }, self, 'link')).toThrow(RenderError);
    expect(withHistory(xml, undefined, self, 'link')).toBe(xml);
  });

  it('declareNamespace adds the prefix to the root opening, once', () => {
    expect(declareNamespace('<rss version="2.0" xmlns:dc="d"></rss>', '<rss version="2.0"', 'media', 'http://search.yahoo.com/mrss/')).toBe(
      '<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/" xmlns:dc="d"></rss>',
    );
    expect(() => declareNamespace('<feed></feed>', '<rss version="2.0"', 'media', 'x')).toThrow(RenderError);
  });
});

describe('guard: a tab or line break in an attribute value reads back as itself (XML 1.0 §3.3.3)', () => {
  // A parser reads each literal tab, line feed and carriage return in an attribute value as a space; a character
  // reference to one is kept. A tag typed "North\nKorea" must not read "North Korea" in Atom while RSS, whose
  // category is element text, keeps the line break.
  const name = 'North\nKorea\tand\r\nPeace';

  it('in an Atom category term, from both Atom writers', () => {
    const doc = feedDoc({ items: [feedItem({ tags: [{ name, slug: 'north-korea-and-peace' }] })] });
    for (const xml of [renderAtom(doc), fastAtom(doc)]) {
      expect(findOne(atomEntry(xml), 'category').attributes.term).toBe(name);
      expect(xml).toContain('term="North&#xA;Korea&#x9;and&#xD;&#xA;Peace"');
    }
  });

  it('in RSS, the category is element text and keeps it as it is', () => {
    const doc = feedDoc({ items: [feedItem({ tags: [{ name: 'North\nKorea\tand Peace', slug: 'x' }] })] });
    expect(findOne(rssItem(renderRss(doc)), 'category').text).toBe('North\nKorea\tand Peace');
  });

  it('in markup written here (xmlAttribute)', () => {
    expect(xmlAttribute('a\tb\nc\rd "&<>')).toBe('a&#x9;b&#xA;c&#xD;d &quot;&amp;&lt;&gt;');
  });
});
