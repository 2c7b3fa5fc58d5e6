import { describe, expect, it } from 'vitest';
import type { EntryMeta } from '../../../lib/content/entry.js';
import { entryContentHtml } from '../../../lib/feeds/entryContent.js';

// The credit line a feed item ends with: one full stop after the source's name, whether or not the name has its own.
const entry = (name: string, url?: string): EntryMeta => ({ key: 'entries/2014/a.md', id: '2014/a', title: 'T', url: 'https://news.example.com/a', source: { name, ...(url === undefined ? {} : { url }) }, date: 0, tags: [], related: [], draft: false }) as EntryMeta;
const credit = (name: string, url?: string): string => entryContentHtml(entry(name, url), '<p>Body.</p>', 'https://watch.example.org/entries/2014/a/').split('\n').find((line) => line.startsWith('<p>Source: '))!;

describe('the source credit in a feed item', () => {
  it('ends the sentence with one full stop: after a name without one, and none more after a name that ends in one, linked or not', () => {
    expect(credit('Yonhap')).toBe('<p>Source: Yonhap. <a href="https://news.example.com/a">Read the article</a>.</p>');
    expect(credit('Escapes & Co.')).toBe('<p>Source: Escapes &amp; Co. <a href="https://news.example.com/a">Read the article</a>.</p>');
    expect(credit('Escapes & Co.', 'https://escapes.example/')).toBe('<p>Source: <a href="https://escapes.example/">Escapes &amp; Co.</a> <a href="https://news.example.com/a">Read the article</a>.</p>');
  });
});
