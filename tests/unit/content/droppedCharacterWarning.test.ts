import { describe, expect, it } from 'vitest';
import { parseEntry } from '../../../lib/content/entry.js';
import { parseSite } from '../../../lib/content/site.js';

const SEOUL = { timezone: 'Asia/Seoul' };
const file = (...lines: string[]) => `---\n${lines.join('\n')}\nurl: https://x.example/a\nsource: S\ndate: 2014-05-01\n---\nBody.\n`;
const parsed = (...lines: string[]) => parseEntry(file(...lines), 'entries/2014/t.md', SEOUL);

describe('a character every output drops, escaped into a text field', () => {
  it('a lone surrogate half in a title: the field, its line, what is published and the fix', () => {
    const { entry, problems, warnings } = parsed('title: "Rice\\uDC00 prices"');
    expect(problems).toEqual([]);
    // The entry keeps the text as read; every output drops the half (cleanText).
    expect(entry?.title).toBe('Rice\uDC00 prices');
    expect(warnings).toEqual([{
      file: 'entries/2014/t.md',
      line: 2,
      field: 'title',
      message: 'holds U+DC00, a lone surrogate half (no character), which every feed, page and mail drops: published as "Rice prices"',
      fix: 'delete it: most often a YAML escape, "\\u…" or "\\x…", typed by mistake',
    }]);
  });

  it('a related link\'s title, named related[i].title at its title: line; a control character and a noncharacter are counted', () => {
    const { warnings } = parsed('title: T', 'related:', '  - title: "Wheat\\uD800\\x01\\uFDD0"', '    url: https://x.example/r');
    expect(warnings).toMatchObject([{ line: 4, field: 'related[0].title', message: 'holds U+D800, a lone surrogate half (no character) and 2 more such, which every feed, page and mail drops: published as "Wheat"' }]);
    expect(parsed('title: "Wheat\\x01"').warnings).toMatchObject([{ field: 'title', message: expect.stringMatching(/^holds U\+0001, a control character, which/) }]);
  });

  it('NEL or a noncharacter typed as it is, which YAML reads (YAML 1.2 §5.1 c-printable), is named as an escaped one is', () => {
    for (const [typed, named] of [['\u0085', 'U+0085, a control character'], ['\uFDD0', 'U+FDD0, a noncharacter'], ['\u{1FFFE}', 'U+1FFFE, a noncharacter']]) {
      const { problems, warnings } = parsed(`title: Rice${typed}prices`);
      expect(problems, named).toEqual([]);
      expect(warnings, named).toMatchObject([{ field: 'title', line: 2, message: `holds ${named}, which every feed, page and mail drops: published as "Riceprices"` }]);
    }
  });

  it('a whole surrogate pair, written as two escapes, or an emoji, a tab or an accent is no warning', () => {
    for (const title of ['"Rice \\uD83C\\uDF3E"', 'Rice 🌾', '"Rice\\tprices"', 'Café prices']) expect(parsed(`title: ${title}`).warnings, title).toEqual([]);
  });
});

describe('a character every output drops, escaped into a tag', () => {
  it('is a warning on tags[i] at its list item\'s line, quoting the tag as published; the tag is named and slugged without it', () => {
    const { entry, warnings } = parsed('title: T', 'tags:', '  - trade', '  - "Sanc\\x01tions\\uD800"');
    expect(entry?.tags).toEqual([{ name: 'trade', slug: 'trade' }, { name: 'Sanctions', slug: 'sanctions' }]);
    expect(warnings).toEqual([{
      file: 'entries/2014/t.md',
      line: 5,
      field: 'tags[1]',
      message: 'holds U+0001, a control character and 1 more such, which every feed, page and mail drops: published as "Sanctions"',
      fix: 'delete it: most often a YAML escape, "\\u…" or "\\x…", typed by mistake',
    }]);
  });

  it('in a tag list on one line, that line; a tab in a tag or a plain tag is no such warning', () => {
    expect(parsed('title: T', 'tags: [news, "\\x7fwar"]').warnings).toMatchObject([{ line: 3, field: 'tags[1]', message: expect.stringMatching(/^holds U\+007F, a control character, which .*: published as "war"$/) }]);
    for (const tags of ['[news, war]', '[news, "a\\tb"]']) expect(parsed('title: T', `tags: ${tags}`).warnings, tags).toEqual([]);
  });

  it('quotes the tag as it is published: trimmed and in NFC, as its name', () => {
    // A space on each side and an accent typed as e + U+0301: the tag's name is "Café" with U+00E9.
    const { entry, warnings } = parsed('title: T', 'tags: [" \\x01Cafe\\u0301 "]');
    expect(entry?.tags).toEqual([{ name: 'Caf\u00e9', slug: 'cafe' }]);
    expect(warnings).toMatchObject([{ field: 'tags[0]', message: 'holds U+0001, a control character, which every feed, page and mail drops: published as "Caf\u00e9"' }]);
  });
});

describe("a character every output drops, escaped into site.yml's published text", () => {
  const site = (...lines: string[]) => parseSite([...lines, 'url: https://watch.example.org/', 'language: en', 'timezone: Asia/Seoul', ''].join('\n'));

  it('the title, description, author name and digest subject: each at its field and line, as published', () => {
    const { site: parsedSite, problems, warnings } = site('title: "Watch\\uDC00"', 'description: "Trade \\x01news"', 'author:', '  name: "Ed\\uFDD0"', 'digest:', '  subject: "{title}\\x7f: {range}"');
    expect(problems).toEqual([]);
    expect(parsedSite?.title).toBe('Watch\uDC00');
    const fix = 'delete it: most often a YAML escape, "\\u…" or "\\x…", typed by mistake';
    expect(warnings).toEqual([
      { file: 'site.yml', line: 1, field: 'title', message: 'holds U+DC00, a lone surrogate half (no character), which every feed, page and mail drops: published as "Watch"', fix },
      { file: 'site.yml', line: 2, field: 'description', message: 'holds U+0001, a control character, which every feed, page and mail drops: published as "Trade news"', fix },
      { file: 'site.yml', line: 4, field: 'author.name', message: 'holds U+FDD0, a noncharacter, which every feed, page and mail drops: published as "Ed"', fix },
      { file: 'site.yml', line: 6, field: 'digest.subject', message: 'holds U+007F, a control character, which every feed, page and mail drops: published as "{title}: {range}"', fix },
    ]);
  });

  it("digest.from and replyTo: a display name's such character is named and dropped from the header, not sent as U+FFFD", () => {
    const { site: parsedSite, problems, warnings } = site('title: Watch', 'description: Trade news', 'digest:', '  from: "Watch\\uD800 Desk <digest@watch.example.org>"', '  replyTo: "Ed \\uFDD0<ed@watch.example.org>"');
    expect(problems).toEqual([]);
    const fix = 'delete it: most often a YAML escape, "\\u…" or "\\x…", typed by mistake';
    expect(warnings).toEqual([
      { file: 'site.yml', line: 4, field: 'digest.from', message: 'holds U+D800, a lone surrogate half (no character), which every feed, page and mail drops: published as "Watch Desk <digest@watch.example.org>"', fix },
      { file: 'site.yml', line: 5, field: 'digest.replyTo', message: 'holds U+FDD0, a noncharacter, which every feed, page and mail drops: published as "Ed <ed@watch.example.org>"', fix },
    ]);
    expect(parsedSite?.digest).toMatchObject({ from: 'Watch Desk <digest@watch.example.org>', replyTo: 'Ed <ed@watch.example.org>' });
  });

  it('digest.from: a lone surrogate half in the address is refused, not dropped: the address would be another', () => {
    const { problems, warnings } = site('title: Watch', 'description: Trade news', 'digest:', '  from: "Watch Desk <dig\\uD800est@watch.example.org>"');
    expect(warnings).toEqual([]);
    expect(problems).toMatchObject([{ file: 'site.yml', field: 'digest.from', message: expect.stringContaining(': it contains U+D800, a lone surrogate half (no character), which no mail header can carry: delete it') }]);
  });

  it('ordinary text, a tab or an emoji is no warning', () => {
    expect(site('title: "Watch\\t🌾"', 'description: Trade news', 'author: {name: Édith}').warnings).toEqual([]);
  });
});
