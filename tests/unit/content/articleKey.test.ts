import { describe, expect, it } from 'vitest';
import { articleKey } from '../../../lib/content/articleKey.js';

// Two links to one article, as editors paste them: what articleKey keeps, and what it lets go.
describe('articleKey', () => {
  it('lets go of the fragment, a trailing slash and the host case', () => {
    expect(articleKey('https://News.example.com/a/#top')).toBe('https://news.example.com/a');
    expect(articleKey('https://news.example.com/a//')).toBe('https://news.example.com/a');
    expect(articleKey('https://news.example.com/')).toBe('https://news.example.com/');
  });

  it('lets go of an empty query, a bare ? left from a pasted link', () => {
    expect(articleKey('https://news.example.com/a?')).toBe('https://news.example.com/a');
    expect(articleKey('https://news.example.com/a/?#top')).toBe('https://news.example.com/a');
    // A query of a bare = or & is not empty: the server reads it.
    expect(articleKey('https://news.example.com/a?=')).toBe('https://news.example.com/a?=');
  });

  it('lets go of utm_ parameters and platform click ids, whatever their case, and keeps every other parameter', () => {
    expect(articleKey('https://news.example.com/a?utm_source=newsletter&utm_medium=email&UTM_Campaign=w19')).toBe('https://news.example.com/a');
    expect(articleKey('https://news.example.com/a?id=7&fbclid=IwAR0x&gclid=Cj0&mc_cid=1&mc_eid=2')).toBe('https://news.example.com/a?id=7');
    expect(articleKey('https://news.example.com/a?id=7&ref=home')).toBe('https://news.example.com/a?id=7&ref=home');
  });

  it('lets go of http against https and of percent-encoded unreserved characters (RFC 3986 §6.2.2)', () => {
    expect(articleKey('http://news.example.com/story')).toBe('https://news.example.com/story');
    expect(articleKey('https://news.example.com/%73tory?q=%7e%2d')).toBe('https://news.example.com/story?q=~-');
    // Reserved characters and others stay encoded, the hex in upper case: %2F is no path separator.
    expect(articleKey('https://news.example.com/a%2fb%3f%c3%bc')).toBe('https://news.example.com/a%2Fb%3F%C3%BC');
    expect(articleKey('https://news.example.com/a%2Fb')).not.toBe(articleKey('https://news.example.com/a/b'));
  });

  it('keeps the query that names the article', () => {
    expect(articleKey('https://news.example.com/a?id=1')).not.toBe(articleKey('https://news.example.com/a?id=2'));
    // A name that only starts like a tracking one is the site's own.
    expect(articleKey('https://news.example.com/a?utmost=1')).toBe('https://news.example.com/a?utmost=1');
  });

  it('gives a text that is no URL back as it is', () => {
    expect(articleKey('not a url')).toBe('not a url');
  });
});
