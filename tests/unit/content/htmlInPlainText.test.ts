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
      { field: 'tags[1]', fix: 'write it as plain text: R&D' },
    ]);
  });

  it('a tag without its end tag names an element: no warning, where a line without it would lose the word', () => {
    expect(warningsOf('source: S', 'summary: "Why the <main> element matters for screen readers"', 'image: https://x.example/i.png', 'imageAlt: "The <br> tag"', 'tags: ["<main>"]')).toEqual([]);
    expect(parseSite(SITE_YML('title: T', 'description: "The <b> and <i> tags, explained"').replace('description: Trade news.\n', '')).warnings).toEqual([]);
  });
});

// The line such a fix wrote would hold U+FFFD, a noncharacter or a control character, which no reader can read and
// YAML refuses typed raw in a file (`summary: "Rice\uFFFE prices"`): the fix is to delete the reference.
describe('a reference to no character a reader can read, in a plain-text field', () => {
  const entryWarnings = (field: string) =>
    parseEntry(`---\ntitle: T\nurl: https://x.example/a\nsource: S\ndate: 2014-05-01\n${field}\n---\nBody.\n`, 'entries/2014/t.md', { timezone: 'UTC' }).warnings.map((w) => [w.field, w.fix]);
  const deleteIt = (reference: string) => `delete ${reference}, which stands for no character a reader can read, and write the rest as plain text`;

  it('is to be deleted, not written as the character it would be read as', () => {
    expect(entryWarnings('summary: Rice&#xFFFE; prices')).toEqual([['summary', deleteIt('&#xFFFE;')]]);
    expect(entryWarnings('summary: Rice&#x1FFFF; &amp; prices')).toEqual([['summary', deleteIt('&#x1FFFF;')]]);
    expect(parseEntry('---\ntitle: Kim&#8217;s&#xD800; visit\nurl: https://x.example/a\nsource: S\ndate: 2014-05-01\n---\nBody.\n', 'entries/2014/t.md', { timezone: 'UTC' }).warnings).toMatchObject([{ field: 'title', fix: deleteIt('&#xD800;') }]);
    expect(parseSite(SITE_YML('title: Watch&#x110000;')).warnings).toMatchObject([{ field: 'title', fix: deleteIt('&#x110000;') }]);
    for (const reference of ['&#0;', '&#1;', '&#x7f;', '&#129;', '&#xFDD0;']) expect(entryWarnings(`summary: Rice${reference} prices`), reference).toEqual([['summary', deleteIt(reference)]]);
  });

  it('leaves the other references their fix: a Windows-1252 byte, a tab, the last code points', () => {
    expect(entryWarnings('summary: Kim&#146;s')).toEqual([['summary', 'write the characters themselves: "Kim\u2019s"']]);
    expect(entryWarnings('summary: a&#9;b &#x10FFFD;')).toEqual([['summary', 'write the characters themselves: "a\\tb \u{10FFFD}"']]);
  });
});
