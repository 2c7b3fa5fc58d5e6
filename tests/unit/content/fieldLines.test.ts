import { describe, expect, it } from 'vitest';
import { fieldLine, fieldLines } from '../../../lib/content/fieldLines.js';

// Lines numbered from 1, as a problem gives them.
const lineOf = (yaml: string, field: string) => {
  const index = fieldLine(yaml.split('\n'), field);
  return index === undefined ? undefined : index + 1;
};

describe("a nested field's line", () => {
  const related = ['title: T', 'related:', '  - title: One', '    url: https://x.example/1', '', '  # the long one', '  - title: Two', '    url: https://x.example/2', 'tags: [a, b]'].join('\n');

  it("a list item's key: on the item's `- ` line, or below it", () => {
    expect(lineOf(related, 'related[1].title')).toBe(7);
    expect(lineOf(related, 'related[1].url')).toBe(8);
    expect(lineOf(related, 'related[0].url')).toBe(4);
  });

  it('a list written in the column of its key, as YAML allows', () => {
    const yaml = ['related:', '- title: One', '  url: https://x.example/1', '- url: https://x.example/2', '  title: Two', 'date: 2014-05-08'].join('\n');
    expect(lineOf(yaml, 'related[1].title')).toBe(5);
    expect(lineOf(yaml, 'related[1].url')).toBe(4);
    // No third item: the list's key.
    expect(lineOf(yaml, 'related[2].url')).toBe(1);
  });

  it("a mapping's key, and a tag in a block list", () => {
    const yaml = ['source:', '  name: S', '  url: https://s.example/', '  feed: https://s.example/rss', 'tags:', '  - trade', '  - rice'].join('\n');
    expect(lineOf(yaml, 'source.url')).toBe(3);
    expect(lineOf(yaml, 'source.feed')).toBe(4);
    expect(lineOf(yaml, 'tags[1]')).toBe(7);
  });

  it("written on one line (flow style), or a key not there: the deepest line found, else the top-level key's", () => {
    expect(lineOf(related, 'tags[1]')).toBe(9);
    const flow = ['source: {name: S, url: https://s.example/}', 'related:', '  - {title: One, url: https://x.example/1}'].join('\n');
    expect(lineOf(flow, 'source.url')).toBe(1);
    expect(lineOf(flow, 'related[0].url')).toBe(3);
    // A key of the next item is not this item's.
    expect(lineOf(related, 'related[0].summary')).toBe(3);
    expect(lineOf(related, 'image')).toBeUndefined();
  });

  it('a key written in quotes, as tagSlugs keys often are ("C++": cpp)', () => {
    const site = ['title: T', 'tagSlugs:', '  "C": c-lang', "  'C++': cpp", '  "L": "UPPER"', '  M: m', 'url: https://x.example/'].join('\n');
    expect(lineOf(site, 'tagSlugs.C')).toBe(3);
    expect(lineOf(site, 'tagSlugs.C++')).toBe(4);
    expect(lineOf(site, 'tagSlugs.L')).toBe(5);
    expect(lineOf(site, 'tagSlugs.M')).toBe(6);
  });

  it("site.yml's problems without a line get the nested key's", () => {
    const site = ['title: A', 'digest:', '  unsubscribe:', '    url: https://x.example/u', 'feed: {limit: 3}'].join('\n');
    const at = fieldLines(site, 'site.yml');
    expect(at({ file: 'site.yml', field: 'digest.unsubscribe.url', message: 'm', fix: 'f' }).line).toBe(4);
    expect(at({ file: 'site.yml', field: 'feed.limit', message: 'm', fix: 'f' }).line).toBe(5);
  });
});
