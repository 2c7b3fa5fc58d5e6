import { describe, expect, it } from 'vitest';
import { parseSite } from '../../../lib/content/site.js';

// A site.yml whose field that wants a number opens a list or a quote it never closes: closing it would make a list
// or text, which the field refuses too; the fix writes the number alone.
const site = (...lines: string[]) => `${['title: T', 'description: D', 'url: https://x.example/', 'language: en', 'timezone: Asia/Seoul', ...lines].join('\n')}\n`;

describe('malformed YAML in a field that wants a number', () => {
  it('an unclosed [ or quote before the number: the number alone, on the field\'s own line', () => {
    expect(parseSite(site('feed:', '  limit: [50', 'author:', '  name: Kim')).problems).toEqual([
      { file: 'site.yml', line: 7, field: 'limit', message: 'malformed YAML: the [ that opens this list is never closed', fix: 'limit wants a number, not a list: write limit: 50' },
    ]);
    expect(parseSite(site('feed:', '  limit: [ 20, 30', 'author:', '  name: Kim')).problems[0]).toMatchObject({ line: 7, field: 'limit', fix: 'limit wants a number, not a list: write limit: 20' });
    expect(parseSite(site('feed:', '  limit: "25', 'author:', '  name: Kim')).problems[0]).toMatchObject({ line: 7, field: 'limit', fix: 'limit wants a number, not text in quotes: write limit: 25' });
    expect(parseSite(site('digest:', '  maxBytes: [120000', '  day: monday')).problems[0]).toMatchObject({ line: 7, field: 'maxBytes', fix: 'maxBytes wants a number, not a list: write maxBytes: 120000' });
  });

  it('no number after the opener: one to write, as an example', () => {
    expect(parseSite(site('feed:', '  limit: [fifty', 'author:', '  name: Kim')).problems[0]).toMatchObject({ line: 7, field: 'limit', fix: 'limit wants a number: write one alone, such as limit: 50' });
  });

  it('a text field keeps the fix of quoting it or closing the list', () => {
    expect(parseSite(site('author:', '  name: [50', 'feed:', '  limit: 5')).problems[0]).toMatchObject({ line: 7, field: 'name', fix: "quote the value if the [ is part of the text: name: '[50'; or, for a list, close it on the same line: name: [50]" });
  });
});
