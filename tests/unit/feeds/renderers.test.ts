import { describe, expect, it } from 'vitest';
import { renderAtom } from '../../../lib/feeds/renderAtom.js';
import { renderJsonFeed } from '../../../lib/feeds/renderJsonFeed.js';
import { renderRss } from '../../../lib/feeds/renderRss.js';
import { feedDoc, feedItem } from '../../support/feedDoc.js';
import { childrenNamed, findAll, findOne, parseXml } from '../../support/xml.js';

const hub = 'https://hub.example.org/';
const doc = feedDoc({
  hub,
  items: [
    feedItem({
      source: { name: 'IFES', url: 'https://ifes.example/', feed: 'https://ifes.example/rss' },
      tags: [{ name: 'Russia', slug: 'russia' }, { name: 'Trade', slug: 'trade' }],
    }),
  ],
});

describe('RSS 2.0', () => {
  const rss = parseXml(renderRss(doc));
  const channel = findOne(rss, 'channel');
  const item = findOne(rss, 'item');

  it('references feed.xsl with an xml-stylesheet processing instruction', () => {
    expect(renderRss(doc)).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?><\?xml-stylesheet href="feed.xsl" type="text\/xsl"\?>/);
  });

  it('has an atom:link rel="self" to its public URL and a WebSub hub link', () => {
    const links = childrenNamed(channel, 'atom:link').map((link) => link.attributes);
    expect(links).toContainEqual({ href: 'https://watch.example.org/rss.xml', rel: 'self', type: 'application/rss+xml' });
    expect(links).toContainEqual({ href: hub, rel: 'hub' });
  });

  it('links the site and states the language', () => {
    expect(childrenNamed(channel, 'link')[0]!.text).toBe('https://watch.example.org/');
    expect(childrenNamed(channel, 'language')[0]!.text).toBe('en');
  });

  it('gives each item a guid with isPermaLink="false"', () => {
    const guid = findOne(item, 'guid');
    expect(guid.attributes.isPermaLink).toBe('false');
    expect(guid.text).toBe('tag:watch.example.org,2014:2014/a');
  });

  it('links the original article and dates the item', () => {
    expect(findOne(item, 'link').text).toBe('https://news.example.com/a');
    expect(findOne(item, 'pubDate').text).toBe('Wed, 07 May 2014 15:00:00 GMT');
  });

  it('carries the summary, the full content and the tags as categories', () => {
    expect(findOne(item, 'description').text).toBe('A summary.');
    expect(findOne(item, 'content:encoded').text).toBe('<p>Commentary.</p>');
    expect(findAll(item, 'category').map((c) => c.text)).toEqual(['Russia', 'Trade']);
  });

  it('credits the source with <source url> when its feed is known', () => {
    const source = findOne(item, 'source');
    expect(source.attributes.url).toBe('https://ifes.example/rss');
    expect(source.text).toBe('IFES');
  });

  it('omits <source> when the source feed is unknown', () => {
    const plain = findOne(parseXml(renderRss(feedDoc())), 'item');
    expect(findAll(plain, 'source')).toEqual([]);
  });

  it('escapes the plain-text summary as HTML for <description>', () => {
    const escaped = findOne(findOne(parseXml(renderRss(feedDoc({ items: [feedItem({ summary: 'a <b> & c' })] }))), 'item'), 'description');
    expect(escaped.text).toBe('a &lt;b&gt; &amp; c');
  });
});

describe('Atom 1.0', () => {
  const atom = parseXml(renderAtom(doc));
  const entry = findOne(atom, 'entry');

  it('has the Atom namespace, a self link, an alternate link and a hub link', () => {
    expect(atom.attributes.xmlns).toBe('http://www.w3.org/2005/Atom');
    const links = childrenNamed(atom, 'link').map((link) => link.attributes);
    expect(links).toContainEqual({ rel: 'self', href: 'https://watch.example.org/atom.xml' });
    expect(links).toContainEqual({ rel: 'alternate', href: 'https://watch.example.org/' });
    expect(links).toContainEqual({ rel: 'hub', href: hub });
  });

  it('states the language with xml:lang (RFC 4287 §2)', () => {
    expect(atom.attributes['xml:lang']).toBe('en');
  });

  it('has a feed-level author (RFC 4287 §4.1.1)', () => {
    const author = childrenNamed(atom, 'author')[0]!;
    expect(findOne(author, 'name').text).toBe('Editors');
  });

  it('gives each entry the tag: id, the article link, published and updated', () => {
    expect(findOne(entry, 'id').text).toBe('tag:watch.example.org,2014:2014/a');
    expect(findOne(entry, 'link').attributes.href).toBe('https://news.example.com/a');
    expect(findOne(entry, 'published').text).toBe('2014-05-07T15:00:00.000Z');
    expect(findOne(entry, 'updated').text).toBe('2014-05-07T15:00:00.000Z');
  });

  it('carries html content, the summary, the source as author and the tags', () => {
    expect(findOne(entry, 'content').attributes.type).toBe('html');
    expect(findOne(entry, 'content').text).toBe('<p>Commentary.</p>');
    expect(findOne(entry, 'summary').text).toBe('A summary.');
    expect(findOne(findOne(entry, 'author'), 'name').text).toBe('IFES');
    expect(findOne(findOne(entry, 'author'), 'uri').text).toBe('https://ifes.example/');
    expect(findAll(entry, 'category').map((c) => c.attributes.term)).toEqual(['Russia', 'Trade']);
  });
});

describe('JSON Feed 1.1', () => {
  const json = JSON.parse(renderJsonFeed(doc));

  it('has the required top-level fields and the WebSub hub', () => {
    expect(json).toMatchObject({ title: 'Test Watch', home_page_url: 'https://watch.example.org/', feed_url: 'https://watch.example.org/feed.json', language: 'en' });
    expect(json.hubs).toEqual([{ type: 'WebSub', url: hub }]);
  });

  it('gives each item its id, dates, content, summary and tags', () => {
    expect(json.items[0]).toMatchObject({
      id: 'tag:watch.example.org,2014:2014/a',
      title: 'An article',
      content_html: '<p>Commentary.</p>',
      summary: 'A summary.',
      date_published: '2014-05-07T15:00:00.000Z',
      date_modified: '2014-05-07T15:00:00.000Z',
      tags: ['Russia', 'Trade'],
    });
  });
});
