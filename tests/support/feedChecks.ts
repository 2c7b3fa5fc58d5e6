import { expect } from 'vitest';
import { findAll, findOne, parseXml, type XmlElement } from './xml.js';

/** Every URL in a piece of entry HTML (href and src attributes). */
function htmlUrls(html: string): string[] {
  return [...html.matchAll(/\s(?:href|src)\s*=\s*"([^"]*)"/gi)].map((match) => match[1]!);
}

/** The rules every piece of HTML in a feed keeps: sanitised, and no relative URLs (W3C validator warnings). */
export function expectSafeHtml(html: string, where: string): void {
  expect(html, where).not.toMatch(/<\s*(script|style|iframe|object|embed)\b/i);
  expect(html, where).not.toMatch(/\son[a-z]+\s*=/i);
  expect(html, where).not.toMatch(/\sstyle\s*=/i);
  for (const url of htmlUrls(html)) {
    expect(url, `${where}: ${url}`).toMatch(/^(https?:\/\/[^/]|mailto:)/);
  }
}

const RFC822 = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/;
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

function text(element: XmlElement, name: string): string {
  return findOne(element, name).text;
}

/** RSS 2.0 structure: channel basics, self link, and per item title, link, guid, pubDate and content. */
export function checkRss(xml: string, where: string): XmlElement {
  const rss = parseXml(xml);
  expect(rss.name, where).toBe('rss');
  expect(rss.attributes.version, where).toBe('2.0');
  const channel = findOne(rss, 'channel');
  for (const name of ['title', 'link', 'description', 'language', 'lastBuildDate']) expect(findAll(channel, name).length, `${where} <${name}>`).toBeGreaterThan(0);
  expect(text(channel, 'lastBuildDate'), where).toMatch(RFC822);
  expect(findAll(channel, 'atom:link').some((link) => link.attributes.rel === 'self'), `${where} self link`).toBe(true);
  for (const item of findAll(rss, 'item')) {
    expect(text(item, 'title'), where).not.toBe('');
    expect(text(item, 'link'), where).toMatch(/^https?:\/\//);
    expect(findOne(item, 'guid').attributes.isPermaLink, where).toBe('false');
    expect(text(item, 'pubDate'), where).toMatch(RFC822);
    expect(findAll(item, 'author'), `${where}: <author> must be an email`).toEqual([]);
    expectSafeHtml(text(item, 'content:encoded'), `${where} content:encoded`);
  }
  return rss;
}

/** Atom 1.0 structure (RFC 4287): id, title, updated, author, self link; per entry tag: id, link, dates, content. */
export function checkAtom(xml: string, where: string): XmlElement {
  const feed = parseXml(xml);
  expect(feed.name, where).toBe('feed');
  expect(feed.attributes.xmlns, where).toBe('http://www.w3.org/2005/Atom');
  for (const name of ['id', 'title', 'updated', 'author']) expect(feed.children.some((child) => child.name === name), `${where} <${name}>`).toBe(true);
  expect(feed.children.some((child) => child.name === 'link' && child.attributes.rel === 'self'), `${where} self link`).toBe(true);
  for (const entry of findAll(feed, 'entry')) {
    expect(text(entry, 'id'), where).toMatch(/^tag:[a-z0-9.-]+,\d{4}(-\d{2}(-\d{2})?)?:/);
    expect(text(entry, 'updated'), where).toMatch(RFC3339);
    expect(text(entry, 'published'), where).toMatch(RFC3339);
    expect(findOne(entry, 'link').attributes.href, where).toMatch(/^https?:\/\//);
    expect(findOne(entry, 'content').attributes.type, where).toBe('html');
    expectSafeHtml(text(entry, 'content'), `${where} content`);
  }
  return feed;
}

interface JsonFeed {
  version: string;
  title: string;
  feed_url: string;
  home_page_url: string;
  language: string;
  authors: { name: string }[];
  items: { id: string; url: string; external_url?: string; title: string; content_html: string; date_published: string }[];
}

/**
 * JSON Feed 1.1: version, authors, language, feed_url; per item id, url, external_url, content_html. An entry's `url`
 * is its page on the site and `external_url` the article elsewhere (the link-blog model); a digest's item is a page of
 * the site with no page elsewhere, so `url` alone.
 */
export function checkJsonFeed(text_: string, where: string): JsonFeed {
  const json = JSON.parse(text_) as JsonFeed;
  expect(json.version, where).toBe('https://jsonfeed.org/version/1.1');
  expect(json.authors.length, where).toBeGreaterThan(0);
  expect(json.language, where).not.toBe('');
  expect(json.feed_url, where).toMatch(/^https:\/\//);
  for (const item of json.items) {
    expect(item.id, where).toMatch(/^tag:/);
    expect(item.url, where).toMatch(/^https?:\/\//);
    const site = new URL(json.feed_url).origin + '/';
    expect(item.url.startsWith(site), `${where}: ${item.url} is not on ${site}`).toBe(true);
    if (item.external_url === undefined) expect(new URL(item.url).pathname, where).toMatch(/\/digests\/[^/]+\.html$/);
    else {
      expect(item.external_url, where).toMatch(/^https?:\/\//);
      expect(item.external_url, where).not.toBe(item.url);
      expect(new URL(item.url).pathname, where).toMatch(/\/entries\/.+\/$/);
    }
    expect(item.date_published, where).toMatch(RFC3339);
    expectSafeHtml(item.content_html, `${where} content_html`);
  }
  return json;
}

/** Checks a published feed file by its name. */
export function checkFeedFile(key: string, body: string): void {
  if (key.endsWith('rss.xml')) checkRss(body, key);
  else if (key.endsWith('atom.xml')) checkAtom(body, key);
  else if (key.endsWith('feed.json')) checkJsonFeed(body, key);
}
