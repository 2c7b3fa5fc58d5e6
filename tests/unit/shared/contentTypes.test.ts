import { describe, expect, it } from 'vitest';
import { contentTypeFor, negotiatedContentType } from '../../../lib/shared/contentTypes.js';

// What Chromium sends for a page, and what a typical feed reader sends.
const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8';
const READER_ACCEPT = 'application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.8';

describe('content types', () => {
  it('serves each feed format with its own media type', () => {
    expect(contentTypeFor('rss.xml')).toBe('application/rss+xml; charset=utf-8');
    expect(contentTypeFor('tags/trade/atom.xml')).toBe('application/atom+xml; charset=utf-8');
    expect(contentTypeFor('feed.json')).toBe('application/feed+json; charset=utf-8');
    expect(contentTypeFor('feed.xsl')).toBe('text/xsl; charset=utf-8');
    expect(contentTypeFor('index.html')).toBe('text/html; charset=utf-8');
  });

  it('gives browsers RSS and Atom as application/xml, so feed.xsl renders them', () => {
    expect(negotiatedContentType('rss.xml', BROWSER_ACCEPT)).toBe('application/xml; charset=utf-8');
    expect(negotiatedContentType('tags/trade/atom.xml', BROWSER_ACCEPT)).toBe('application/xml; charset=utf-8');
  });

  it('gives feed readers and clients without Accept the feed media types', () => {
    expect(negotiatedContentType('rss.xml', READER_ACCEPT)).toBe('application/rss+xml; charset=utf-8');
    expect(negotiatedContentType('atom.xml', undefined)).toBe('application/atom+xml; charset=utf-8');
    expect(negotiatedContentType('feed.json', BROWSER_ACCEPT)).toBe('application/feed+json; charset=utf-8');
  });
});
