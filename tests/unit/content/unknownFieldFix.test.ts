import { describe, expect, it } from 'vitest';
import { parseEntry } from '../../../lib/content/entry.js';
import { unknownFieldFix } from '../../../lib/content/unknownFieldFix.js';

const SEOUL = { timezone: 'Asia/Seoul' };
const file = (...lines: string[]) => `---\ntitle: T\nurl: https://x.example/a\nsource: S\ndate: 2014-05-01\n${lines.join('\n')}\n---\nBody.\n`;

describe('a known field written in another case', () => {
  it('Summary: the lowercase key to write, not the list of every field', () => {
    expect(parseEntry(file('Summary: S.'), 'entries/2014/a.md', SEOUL).warnings).toEqual([
      { file: 'entries/2014/a.md', line: 6, field: 'Summary', message: 'is not a known field and is ignored', fix: 'keys are lowercase: write summary:' },
    ]);
  });

  it('imagealt: the key as spelt, imageAlt', () => {
    expect(parseEntry(file('image: https://x.example/p.png', 'imagealt: A pier'), 'entries/2014/a.md', SEOUL).warnings).toContainEqual(expect.objectContaining({ field: 'imagealt', fix: 'keys are case-sensitive: write imageAlt:' }));
  });

  it('a field of no known name, nor near one: the known fields to check against', () => {
    expect(parseEntry(file('mood: S.'), 'entries/2014/a.md', SEOUL).warnings[0]!.fix).toBe('remove it, or check its spelling against: title, url, source, date, tags, summary, updated, related, image, imageAlt, draft, id');
  });
});

// tag: for tags: got the list of every field; a near miss names the field, by the rule a mistyped option gets.
describe('a field one or two slips from a known one', () => {
  const fixOf = (field: string, ...lines: string[]) => parseEntry(file(...lines), 'entries/2014/a.md', SEOUL).warnings.find((w) => w.field === field)!.fix;

  it('tag: and sumary: name tags: and summary:', () => {
    expect(fixOf('tag', 'tag: trade')).toBe('did you mean tags:? rename it to tags:');
    expect(fixOf('sumary', 'sumary: S.')).toBe('did you mean summary:? rename it to summary:');
    expect(fixOf('image-alt', 'image: https://x.example/p.png', 'image-alt: A pier')).toBe('did you mean imageAlt:? rename it to imageAlt:');
  });

  it('beside the field it is a slip for, its value is to be moved there', () => {
    expect(fixOf('tag', 'tags: [trade]', 'tag: ports')).toBe('did you mean tags:? it is given too: move what tag: holds into tags: and remove tag:');
  });

  it("in site.yml, the field near the key; another tool's name still goes first", () => {
    expect(unknownFieldFix('titel', ['title', 'description', 'url'])).toBe('did you mean title:? rename it to title:');
    expect(unknownFieldFix('link', ['title', 'url', 'source', 'date', 'tags', 'summary'], new Set(['title']))).toBe("rename it to url:, Broadsheet's name for it");
  });
});

describe("another tool's name for a field", () => {
  const fixOf = (field: string, ...lines: string[]) => parseEntry(file(...lines), 'entries/2014/a.md', SEOUL).warnings.find((w) => w.field === field)!.fix;

  it("description: and excerpt: name Broadsheet's field to rename them to", () => {
    expect(fixOf('description', 'description: S.')).toBe("rename it to summary:, Broadsheet's name for it");
    expect(fixOf('excerpt', 'excerpt: S.')).toBe("rename it to summary:, Broadsheet's name for it");
  });

  it('beside the field it names (link: beside url:), it is to be removed', () => {
    expect(fixOf('link', 'link: https://x.example/b')).toBe("remove it: url:, Broadsheet's name for it, is given");
  });

  it('categories: into tags:, permalink: and layout: removed, saying why', () => {
    expect(fixOf('categories', 'categories: [news]')).toBe('Broadsheet has tags only: move its items into tags: and remove categories:');
    expect(fixOf('permalink', 'permalink: /2014/05/a/')).toMatch(/^remove it: an entry's page address comes from its id .*CloudFront or S3/);
    expect(fixOf('layout', 'layout: post')).toBe('remove it: every entry is laid out by the site');
  });

  it('a missing url: beside link: says to rename link:', () => {
    const text = '---\ntitle: T\nlink: https://x.example/a\nsource: S\ndate: 2014-05-01\n---\nBody.\n';
    expect(parseEntry(text, 'entries/2014/a.md', SEOUL).problems).toEqual([
      { file: 'entries/2014/a.md', field: 'url', message: 'is missing', fix: 'rename link: to url:, the absolute https address of the original article' },
    ]);
  });
});

describe('outside an entry', () => {
  it("site.yml's permalink: (a Jekyll _config.yml's) is checked against site.yml's keys, not given an entry's fix", () => {
    expect(unknownFieldFix('permalink', ['title', 'url'])).toBe('remove it, or check its spelling against: title, url');
  });
});
