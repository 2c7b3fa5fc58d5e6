import { describe, expect, it } from 'vitest';
import { articleKey } from '../../../lib/content/articleKey.js';

// Two links to one article, as editors paste them: what articleKey keeps, and what it lets go.
describe('articleKey', () => {
  it('lets go of the fragment, a trailing slash and the host case', () => {
    expect(articleKey('https://News.example.com/a/#top')).toBe('https://news.example.com/a');
    expect(articleKey('https://news.example.com/a//')).toBe('https://news.example.com/a');
    expect(articleKey('https://news.example.com/')).toBe('https://news.example.com/');
  });

  it('lets go of utm_ parameters and platform click ids, whatever their case, and keeps every other parameter', () => {
    expect(articleKey('https://news.example.com/a?utm_source=newsletter&utm_medium=email&UTM_Campaign=w19')).toBe('https://news.example.com/a');
    expect(articleKey('https://news.example.com/a?id=7&fbclid=IwAR0x&gclid=Cj0&mc_cid=1&mc_eid=2')).toBe('https://news.example.com/a?id=7');
    expect(articleKey('https://news.example.com/a?id=7&ref=home')).toBe('https://news.example.com/a?id=7&ref=home');
  });

  it('keeps the query that names the article, and the scheme', () => {
    expect(articleKey('https://news.example.com/a?id=1')).not.toBe(articleKey('https://news.example.com/a?id=2'));
    expect(articleKey('http://news.example.com/a')).not.toBe(articleKey('https://news.example.com/a'));
    // A name that only starts like a tracking one is the site's own.
    expect(articleKey('https://news.example.com/a?utmost=1')).toBe('https://news.example.com/a?utmost=1');
  });

  it('gives a text that is no URL back as it is', () => {
    expect(articleKey('not a url')).toBe('not a url');
  });
});
