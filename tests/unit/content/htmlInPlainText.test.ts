import { describe, expect, it } from 'vitest';
import { parseEntry } from '../../../lib/content/entry.js';
import { parseSite } from '../../../lib/content/site.js';

const SITE_YML = (...lines: string[]) => ['description: Trade news.', 'url: https://watch.example.org/', 'language: en', 'timezone: UTC', ...lines].join('\n');

describe("HTML in site.yml's plain-text fields is a warning, as in an entry's title", () => {
  it('the title: site.yml, its line, the field, and the line to write', () => {
    const { site, warnings } = parseSite(SITE_YML('title: <b>Trade</b> Watch'));
    expect(site?.title).toBe('<b>Trade</b> Watch');
    expect(warnings).toEqual([{ file: 'site.yml', line: 5, field: 'title', message: 'holds the HTML tag "<b>", which readers are shown as typed: titles are plain text', fix: 'write it as plain text: title: Trade Watch' }]);
  });

  it("the description, the author's name and the digest's subject, each with its own key", () => {
    const { warnings } = parseSite(SITE_YML('title: T', 'description: R&amp;D news.', 'author:', '  name: Kim &amp; Lee', 'digest:', '  subject: "{title}: <i>{range}</i>"').replace('description: Trade news.\n', ''));
    expect(warnings.map(({ line, field, fix }) => ({ line, field, fix }))).toEqual([
      { line: 5, field: 'description', fix: 'write it as plain text: description: R&D news.' },
      { line: 7, field: 'author.name', fix: 'write it as plain text: name: Kim & Lee' },
      { line: 9, field: 'digest.subject', fix: "write it as plain text: subject: '{title}: {range}'" },
    ]);
  });

  it('a typographic reference (&#8217;): the characters to write', () => {
    expect(parseSite(SITE_YML('title: Kim&#8217;s Watch')).warnings).toMatchObject([{ field: 'title', message: 'holds the HTML character reference "&#8217;", which readers are shown as typed: the field is plain text', fix: 'write the characters themselves: "Kim\u2019s Watch"' }]);
  });
});

describe("HTML in an entry's source name, summary, image description or tag", () => {
  const file = (...lines: string[]) => `---\ntitle: T\nurl: https://x.example/a\ndate: 2014-05-01\n${lines.join('\n')}\n---\nBody.\n`;
  const warningsOf = (...lines: string[]) => parseEntry(file(...lines), 'entries/2014/t.md', { timezone: 'UTC' }).warnings;

  it('the source, written as a name or as {name, url}: the line to write has its own key', () => {
    expect(warningsOf('source: AT&amp;T News')).toEqual([{ file: 'entries/2014/t.md', line: 5, field: 'source.name', message: 'holds the HTML character reference "&amp;", which readers are shown as typed: the field is plain text', fix: 'write it as plain text: source: AT&T News' }]);
    expect(warningsOf('source: {name: <b>Reuters</b>, url: https://reuters.example/}')).toMatchObject([{ field: 'source.name', message: 'holds the HTML tag "<b>", which readers are shown as typed: the field is plain text', fix: 'write it as plain text: name: Reuters' }]);
  });

  it('the summary, the image description and a tag', () => {
    const warnings = warningsOf('source: S', 'summary: Exports <em>fell</em>.', 'image: https://x.example/i.png', 'imageAlt: R&amp;D chart', 'tags: [trade, R&amp;D]');
    expect(warnings.map(({ field, fix }) => ({ field, fix }))).toEqual([
      { field: 'summary', fix: 'write it as plain text: summary: Exports fell.' },
      { field: 'imageAlt', fix: 'write it as plain text: imageAlt: R&D chart' },
      { field: 'tags', fix: 'write it as plain text: R&D' },
    ]);
  });

  it('a tag without its end tag names an element: no warning, where a line without it would lose the word', () => {
    expect(warningsOf('source: S', 'summary: "Why the <main> element matters for screen readers"', 'image: https://x.example/i.png', 'imageAlt: "The <br> tag"', 'tags: ["<main>"]')).toEqual([]);
    expect(parseSite(SITE_YML('title: T', 'description: "The <b> and <i> tags, explained"').replace('description: Trade news.\n', '')).warnings).toEqual([]);
  });
});
