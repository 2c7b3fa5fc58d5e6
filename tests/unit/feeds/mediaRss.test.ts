import { describe, expect, it } from 'vitest';
import { entryContentHtml } from '../../../lib/feeds/entryContent.js';
import { renderAtom } from '../../../lib/feeds/renderAtom.js';
import { renderJsonFeed } from '../../../lib/feeds/renderJsonFeed.js';
import { renderRss } from '../../../lib/feeds/renderRss.js';
import { feedDoc, feedItem } from '../../support/feedDoc.js';
import { childrenNamed, findAll, parseXml } from '../../support/xml.js';

// Media RSS (https://www.rssboard.org/media-rss): an entry's image as media:content (medium="image") and
// media:thumbnail, in RSS and in Atom, besides JSON Feed's `image`.
const MEDIA = 'http://search.yahoo.com/mrss/';
const image = 'https://img.example.com/a.jpg?w=1&h=2';
const doc = feedDoc({ items: [feedItem({ id: 'tag:watch.example.org,2014:a', image }), feedItem({ id: 'tag:watch.example.org,2014:b', title: 'No image' })] });

describe('an entry image', () => {
  it('is media:content and media:thumbnail in RSS, with the media namespace declared', () => {
    const xml = renderRss(doc);
    const root = parseXml(xml);
    expect(root.attributes['xmlns:media']).toBe(MEDIA);
    const [withImage, without] = findAll(root, 'item');
    expect(childrenNamed(withImage!, 'media:content').map((e) => e.attributes)).toEqual([{ url: image, medium: 'image' }]);
    expect(childrenNamed(withImage!, 'media:thumbnail').map((e) => e.attributes)).toEqual([{ url: image }]);
    expect(childrenNamed(without!, 'media:content')).toEqual([]);
  });

  it('is media:content and media:thumbnail in Atom, with the media namespace declared', () => {
    const root = parseXml(renderAtom(doc));
    expect(root.attributes['xmlns:media']).toBe(MEDIA);
    const [withImage, without] = findAll(root, 'entry');
    expect(childrenNamed(withImage!, 'media:content').map((e) => e.attributes)).toEqual([{ url: image, medium: 'image' }]);
    expect(childrenNamed(withImage!, 'media:thumbnail').map((e) => e.attributes)).toEqual([{ url: image }]);
    expect(childrenNamed(without!, 'media:thumbnail')).toEqual([]);
  });

  it('is JSON Feed `image`', () => {
    const json = JSON.parse(renderJsonFeed(doc)) as { items: { image?: string }[] };
    expect(json.items.map((item) => item.image)).toEqual([image, undefined]);
  });

  it('declares no media namespace when no entry has an image', () => {
    const plain = feedDoc({ items: [feedItem()] });
    expect(renderRss(plain)).not.toContain('xmlns:media');
    expect(renderAtom(plain)).not.toContain('xmlns:media');
  });
});

// The image inside each item's HTML content: its text alternative is the editor's imageAlt, or else the title,
// which is what the image illustrates (WCAG 1.1.1).
const PAGE = 'https://watch.example.org/entries/2014/a/';
describe("an entry image in the item's HTML content", () => {
  const base = { key: 'entries/2014/a.md', id: '2014/a', title: 'Rail & <freight>', url: 'https://news.example.com/a', source: { name: 'S' }, date: 0, tags: [], related: [], draft: false, image };
  it('has the imageAlt as its alt, escaped', () => {
    expect(entryContentHtml({ ...base, imageAlt: 'Trucks at the "Dandong" crossing' }, '<p>Body.</p>', PAGE)).toContain(`<img src="https://img.example.com/a.jpg?w=1&amp;h=2" alt="Trucks at the &quot;Dandong&quot; crossing">`);
  });
  it('has the title as its alt without one', () => {
    expect(entryContentHtml(base, '<p>Body.</p>', PAGE)).toContain(`<img src="https://img.example.com/a.jpg?w=1&amp;h=2" alt="Rail &amp; &lt;freight&gt;">`);
  });
});
