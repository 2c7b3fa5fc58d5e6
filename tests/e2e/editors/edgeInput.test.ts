import { mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { HtmlValidate } from 'html-validate';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, REPO } from '../../support/cli.js';
import { contentFolder, SITE } from '../../support/content.js';
import { parseProblemLine } from '../../support/parseProblemLine.js';
import { entryPageDir } from '../../../lib/shared/entryPageDir.js';
import { printableName } from '../../../lib/shared/printable.js';
import { slugify } from '../../../lib/shared/slug.js';

/**
 * Input `check` used to let through and a publish then turned into invalid or surprising output, through the
 * real CLI: each is one line `FILE[:LINE]: field: message (fix)`, exit 1 (or a warning, exit 0), no stack trace;
 * and the accepted edge cases (tests/fixtures/edge) publish as valid feeds and pages.
 */
const entryFile = (fields: string, body = 'Body.\n') => `---\n${fields}\n---\n${body}`;
const base = (url: string) => `url: ${url}\nsource: Src\ndate: 2014-05-01`;

const BAD: Record<string, string | Buffer> = {
  'year0.md': entryFile(`title: T\nurl: https://x.example/y0\nsource: Src\ndate: 0000-01-01`),
  'offset.md': entryFile(`title: T\nurl: https://x.example/off\nsource: Src\ndate: 2014-05-01T10:00:00+24:00`),
  'leap.md': entryFile(`title: T\nurl: https://x.example/leap\nsource: Src\ndate: 2016-12-31T23:59:60Z`),
  'noslashes.md': entryFile(`title: T\nurl: https:news.example.com/a\nsource: Src\ndate: 2014-05-01`),
  'number.md': entryFile(`title: 1e3\n${base('https://x.example/n')}`),
  'hexid.md': entryFile(`title: T\n${base('https://x.example/h')}\nid: 0x1F`),
  'numtag.md': entryFile(`title: T\n${base('https://x.example/t')}\ntags: [python, 3.10]`),
  'latin1.md': Buffer.concat([Buffer.from('---\ntitle: Caf'), Buffer.from([0xe9]), Buffer.from(`\n${base('https://x.example/l')}\n---\n`)]),
  'back\\slash.md': entryFile(`title: T\n${base('https://x.example/b')}`),
  'CaseId.md': entryFile(`title: T\n${base('https://x.example/c1')}\nid: Trade-Report`),
  'caseid.md': entryFile(`title: T\n${base('https://x.example/c2')}\nid: trade-report`),
  // YAML escapes for characters every output removes: the title would be published empty.
  'blank.md': entryFile(`title: "\\x01\\x02"\n${base('https://x.example/blank')}`),
  'invisible.md': entryFile(`title: "\\u200B\\u3164"\n${base('https://x.example/invisible')}`),
  // "A" is slugged to a folder ending in its hash; the other id spells that folder as a plain id.
  'pagex.md': entryFile(`title: T\n${base('https://x.example/px')}\nid: A`),
  // A control character in a permanent id, typed as a YAML escape or in the name of a file that has no id:.
  'ctlid.md': entryFile(`title: T\n${base('https://x.example/ci')}\nid: "a\\x01b"`),
  'ctl\x01name.md': entryFile(`title: T\n${base('https://x.example/cn')}`),
  'pagey.md': entryFile(`title: T\n${base('https://x.example/py')}\nid: ${entryPageDir('A').slice('entries/'.length, -1)}`),
  // Tags as one text: YAML reads it as one tag.
  'commatags.md': entryFile(`title: T\n${base('https://x.example/ct')}\ntags: Trade, China`),
  // The id of a week's item in the digest feeds.
  'digestid.md': entryFile(`title: T\n${base('https://x.example/dg')}\nid: digests/2014-W21`),
  // Ｃａｆｅ in fullwidth letters is cafe in compatibility form (NFKC).
  'wide.md': entryFile(`title: T\n${base('https://x.example/w1')}\nid: \uff23\uff41\uff46\uff45`),
  'narrow.md': entryFile(`title: T\n${base('https://x.example/w2')}\nid: cafe`),
  // Notepad's "Unicode" (UTF-16 with a byte-order mark), the same without one, and classic Mac OS line endings.
  'utf16.md': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(entryFile(`title: T\n${base('https://x.example/u16')}`), 'utf16le')]),
  'utf16bare.md': Buffer.from(entryFile(`title: T\n${base('https://x.example/u16b')}`), 'utf16le'),
  'oldmac.md': entryFile(`title: T\n${base('https://x.example/mac')}`).replace(/\n/g, '\r'),
};
const WARNED: Record<string, string> = {
  'Upper.MD': entryFile(`title: T\n${base('https://x.example/u')}`),
  'long.markdown': entryFile(`title: T\n${base('https://x.example/m')}`),
  'trailing.md ': entryFile(`title: T\n${base('https://x.example/ts')}`),
  'wide.\uff4d\uff44': entryFile(`title: T\n${base('https://x.example/wd')}`),
  'dup1.md': entryFile(`title: T\n${base('https://x.example/same')}\ntags: ["C++"]`),
  'dup2.md': entryFile(`title: T\n${base('https://x.example/same')}\ntags: ["C#"]`),
  // The same article as pasted from a newsletter.
  'utm1.md': entryFile(`title: T\n${base('https://x.example/story')}`),
  'utm2.md': entryFile(`title: T\n${base('https://x.example/story/?utm_source=newsletter#top')}`),
  // One tag, typed with and without its space: two pages, feeds and topics.
  'korea1.md': entryFile(`title: T\n${base('https://x.example/k1')}\ntags: [북한경제]`),
  'korea2.md': entryFile(`title: T\n${base('https://x.example/k2')}\ntags: [북한 경제]`),
  // Two spellings of tags/f/ in one entry ("f" is "F" by case alone): one tag, the first.
  'fsharp.md': entryFile(`title: T\n${base('https://x.example/fs')}\ntags: ["F#", F, f]`),
  // References to control characters, in text (Markdown reads &#1; as U+FFFD) and a link's address; not in a comment.
  'controls.md': entryFile(`title: T\n${base('https://x.example/ctl')}`, 'Rice&#1; prices, [the report](https://x.example/r&#0;t). <!-- &#2; -->\n'),
  // A heading and a quotation of a chart pasted as a data: address, which every output drops with them.
  'emptied.md': entryFile(`title: T\n${base('https://x.example/em')}`, 'Rice prices.\n\n## ![Chart](data:image/png;base64,AAAA)\n\n> ![Chart](data:image/png;base64,AAAA)\n'),
  // A chart pasted as a data: address in a paragraph, a javascript: link and an image of another data: address in
  // raw HTML: every output drops the images and the link's address.
  'dropped.md': entryFile(`title: T\n${base('https://x.example/dr')}`, 'Rice prices.\n\n![Chart](data:image/png;base64,AAAA)\n\nSee <a href="javascript:void(0)">the table</a>\nand <img src="data:image/gif;base64,R0lGOD" alt="Map">.\n'),
  // A newsletter pasted with its links and its banner: the archive's address ends in a Mailchimp merge tag, and so does
  // the banner's, drawn for each recipient.
  'footer.md': entryFile(`title: T\n${base('https://x.example/ft')}`, 'Rice prices.\n\n[View this issue](https://us1.campaign-archive.com/?u=abc&id=*|UNIQID|*)\n\n![Rice Weekly](https://img.example.com/banner.png?name=*|FNAME|*)\n'),
  // The same, with the tags' characters written as references or partly percent-encoded: published the same.
  'footerrefs.md': entryFile(`title: T\n${base('https://x.example/fr')}`, 'Rice prices.\n\n[View this issue](https://us1.campaign-archive.com/?u=abc&id=*&#124;UNIQID&#124;*)\n\n![Rice Weekly](https://img.example.com/banner.png?name=%2A|FNAME|%2A)\n'),
  // An image start tag, which a browser reads as an img (WHATWG HTML §13.2.6.4.7), with a merge tag in its address.
  'imagetag.md': entryFile(`title: T\n${base('https://x.example/it')}`, 'Rice prices <image src="https://img.example.com/banner.png?name=*|FNAME|*" alt="Rice Weekly">.\n'),
  // Vimeo's share dialog's embed code, set to start at 1m2s: the watch page linked starts there too.
  'vimeo.md': entryFile(`title: T\n${base('https://x.example/vm')}`, '<iframe src="https://player.vimeo.com/video/76979871#t=1m2s" title="Port tour"></iframe>\n'),
  // TextEdit's smart quotes around the whole title: text to YAML, published with it.
  'curly.md': entryFile(`title: \u201CKim visits\u201D\n${base('https://x.example/cq')}`),
};

let dir: string;
let check: { code: number | null; problems: string[]; warnings: string[]; stderr: string };

beforeAll(async () => {
  dir = await contentFolder({ site: SITE, entries: { '2014/good.md': entryFile(`title: Fine\n${base('https://x.example/good')}`) } });
  for (const [name, body] of Object.entries({ ...BAD, ...WARNED })) await writeFile(join(dir, 'entries', '2014', name), body);
  await writeFile(join(dir, 'outside.md'), entryFile(`title: T\n${base('https://x.example/o')}`));
  await symlink(join(dir, 'outside.md'), join(dir, 'entries', '2014', 'linked.md'));
  // A zip made on Windows, extracted by unzip elsewhere: its path is one name at the folder's top.
  await writeFile(join(dir, 'entries\\2014\\flat.md'), entryFile(`title: T\n${base('https://x.example/flat')}`));
  const run = await runCli(['check', '--content', dir]);
  const lines = run.stderr.trim().split('\n');
  check = { code: run.code, stderr: run.stderr, problems: lines.filter((line) => line.startsWith('entries/')), warnings: lines.filter((line) => line.startsWith('warning: ')).map((line) => line.slice('warning: '.length)) };
});

function problemOf(name: string) {
  expect(check.stderr).not.toMatch(/^\s+at /m);
  const lines = check.problems.filter((line) => line.startsWith(`entries/2014/${name}:`));
  expect(lines, `one problem for ${name}:\n${check.stderr}`).toHaveLength(1);
  return parseProblemLine(lines[0]!);
}

describe('check: edge input, one line per problem', () => {
  it('every bad file has its problem, the good ones none, exit 1', () => {
    expect(check.code).toBe(1);
    // Text output doubles a backslash in a name (README, Commands: check), so back\slash.md prints as back\\slash.md.
    expect(new Set(check.problems.map((line) => parseProblemLine(line).file))).toEqual(new Set(Object.keys(BAD).map((name) => `entries/2014/${printableName(name)}`)));
  });

  it('dates: a year before 1000, an offset beyond ±23:59, a leap second', () => {
    expect(problemOf('year0.md')).toMatchObject({ line: '5', field: 'date', message: '0000-01-01 is outside the dates that can be published', fix: 'check the year: dates from 1000-01-03 to 9999-12-29 can be published' });
    expect(problemOf('offset.md')).toMatchObject({ field: 'date', message: '2014-05-01T10:00:00+24:00 has a UTC offset beyond ±23:59' });
    expect(problemOf('leap.md')).toMatchObject({ field: 'date', message: '2016-12-31T23:59:60Z: the seconds must be from 00 to 59' });
  });

  it('a URL without // after https:', () => {
    expect(problemOf('noslashes.md')).toMatchObject({ field: 'url', message: '"https:news.example.com/a" is not an absolute http(s) URL' });
  });

  it('text YAML would read as a different number: asks to quote it', () => {
    expect(problemOf('number.md')).toMatchObject({ line: '2', field: 'title', message: 'YAML reads "1e3" as the number 1000, not as typed', fix: 'put it in quotes to keep it as typed, e.g. title: "1e3"' });
    expect(problemOf('hexid.md')).toMatchObject({ field: 'id', message: 'YAML reads "0x1F" as the number 31, not as typed' });
    expect(problemOf('numtag.md')).toMatchObject({ field: 'tags[1]', message: 'YAML reads "3.10" as the number 3.1, not as typed' });
  });

  it('a file that is not UTF-8: its byte offset', () => {
    expect(problemOf('latin1.md')).toMatchObject({ line: '2', field: 'file', message: 'is not valid UTF-8 at column 11 (byte offset 14: 0xE9, "é" in Latin-1 or Windows-1252)' });
  });

  it('a backslash in a file name: one problem for that file, the rest still checked', () => {
    expect(problemOf('back\\\\slash.md')).toMatchObject({ field: 'file', message: 'the file name contains a backslash (\\), which is no folder separator here' });
  });

  it('a control character in a permanent id, from id: or from the file name, named by its code point', () => {
    expect(problemOf('ctlid.md')).toMatchObject({ line: '6', field: 'id', message: 'holds U+0001, a control character', fix: 'write the id without it' });
    expect(problemOf('ctl\\x01name.md')).toMatchObject({ field: 'file', message: "the file name holds U+0001, a control character, and the entry's permanent id is its path" });
  });

  it('tags written as one text with commas, which would be one tag', () => {
    expect(problemOf('commatags.md')).toMatchObject({ line: '6', field: 'tags', message: '"Trade, China" is one text, not a list: it would be one tag', fix: 'write tags: [Trade, China] for 2 tags, or tags: ["Trade, China"] for one tag with a comma' });
  });

  it('the id of a week’s digest, which a reader of both feeds would take for the same item', () => {
    expect(problemOf('digestid.md')).toMatchObject({ line: '6', field: 'id', message: '"digests/2014-W21" is the id of the 2014-W21 digest in the digest feeds, and a reader would take the two for one item', fix: 'write another id' });
  });

  it('ids that differ only by case', () => {
    expect(problemOf('CaseId.md')).toMatchObject({ field: 'id', message: 'the id "Trade-Report" differs only by case, Unicode normalisation or invisible characters from "trade-report" (entries/2014/caseid.md)' });
    expect(problemOf('caseid.md')).toMatchObject({ field: 'id' });
  });

  it('ids equal in compatibility form (NFKC): fullwidth Ｃａｆｅ and cafe', () => {
    expect(problemOf('wide.md')).toMatchObject({ field: 'id', message: 'the id "\uff23\uff41\uff46\uff45" differs only by case, Unicode normalisation or invisible characters from "cafe" (entries/2014/narrow.md)' });
    expect(problemOf('narrow.md')).toMatchObject({ field: 'id' });
  });

  it('UTF-16, with a byte-order mark or without, and lines ended by CR alone: each named as what it is, with the fix', () => {
    const utf16 = { field: 'file', message: 'is in UTF-16 (little-endian), as Notepad\'s "Unicode" and PowerShell\'s > save text, not UTF-8', fix: 'save the file as UTF-8: in Notepad, Save As with the encoding UTF-8; in PowerShell, Out-File -Encoding utf8' };
    expect(problemOf('utf16.md')).toMatchObject(utf16);
    expect(problemOf('utf16bare.md')).toMatchObject(utf16);
    expect(problemOf('oldmac.md')).toMatchObject({ line: '1', field: 'file', message: 'no front matter: its lines end in a carriage return alone (CR, as classic Mac OS wrote text), which is no line break here', fix: 'save the file with LF (Unix, macOS) or CRLF (Windows) line endings' });
  });

  it('a title of control characters alone, which every output removes', () => {
    expect(problemOf('blank.md')).toMatchObject({ line: '2', field: 'title', message: 'holds only control characters, which every feed and page removes' });
  });

  it('a title of characters that show nothing (a zero-width space, a Hangul filler), which every reader shows blank', () => {
    expect(problemOf('invisible.md')).toMatchObject({ line: '2', field: 'title', message: 'holds only characters that show nothing (U+200B, U+3164), so every feed and page would show it blank' });
  });

  it('two ids that give one page folder: both named, with the page', () => {
    const page = entryPageDir('A');
    expect(problemOf('pagex.md')).toMatchObject({ field: 'id', message: `the id "A" gives the page ${page}, which entries/2014/pagey.md (id "${page.slice(8, -1)}") also gives`, fix: 'give one of them a different id: line' });
    expect(problemOf('pagey.md')).toMatchObject({ field: 'id', message: expect.stringContaining('entries/2014/pagex.md (id "A")') });
  });

  it('warnings: X.MD, .markdown, a symbolic link, a path extracted flat from a zip, a title in typographic quotes, one url twice, a tracking parameter, colliding tag slugs (in one entry too), a tag typed with and without a space', () => {
    // The line of the name ending in a space is compared whole below.
    const warned = check.warnings.filter((line) => !line.startsWith('entries/2014/trailing.md\\x20')).map(parseProblemLine);
    const about = (file: string) => warned.filter((warning) => warning.file === `entries/2014/${file}`);
    expect(about('Upper.MD')).toMatchObject([{ field: 'file', message: 'is not published: only files ending in .md (lowercase) are entries', fix: 'rename it to Upper.md' }]);
    expect(about('long.markdown')).toMatchObject([{ field: 'file', fix: 'rename it to long.md' }]);
    // The name ends in a space, which is escaped, so the line tells it from "trailing.md".
    expect(check.warnings).toContain('entries/2014/trailing.md\\x20: file: is not published: its name goes on after ".md" with " " (U+0020), and only files ending in .md are entries (rename it to trailing.md)');
    expect(about('wide.\uff4d\uff44')).toMatchObject([{ field: 'file', message: 'is not published: its extension ".\uff4d\uff44" only looks like a Markdown one (U+FF4D U+FF44), and only files ending in .md are entries', fix: 'rename it to wide.md' }]);
    expect(about('linked.md')).toMatchObject([{ field: 'file', message: 'is a symbolic link, which is not published' }]);
    expect(check.warnings).toContain("entries\\\\2014\\\\flat.md: file: is not read: its name holds a path with backslashes (\\), as a zip made on Windows stores one and an unzip on macOS or Linux writes it as one file's name, and only files in the folder entries/ are entries (move it to entries/2014/flat.md, or extract the zip again with a tool that reads \\ as a folder separator (7-Zip: 7z x))");
    expect(about('curly.md')).toEqual([
      { file: 'entries/2014/curly.md', line: '2', field: 'title', message: '"\u201CKim visits\u201D" stands in typographic quotes (\u201C\u2026\u201D), which YAML does not read as quotes: they are published as part of the title', fix: 'write title: Kim visits, or title: "Kim visits" with straight quotes; keep them only if the title is itself a quotation' },
    ]);
    expect(about('dup1.md')).toEqual([
      expect.objectContaining({ field: 'url', message: 'https://x.example/same is also the url of entries/2014/dup2.md' }),
      expect.objectContaining({ field: 'tags', message: 'the tag "C++" is published at tags/c/ with "C#" (entries/2014/dup2.md): one page and feed for all' }),
    ]);
    expect(about('dup2.md').map((warning) => warning.field)).toEqual(['url', 'tags']);
    expect(about('fsharp.md')).toEqual([
      { file: 'entries/2014/fsharp.md', field: 'tags', message: 'the tags "F#" and "F" are all published at tags/f/, one page and feed: this entry is tagged "F#" alone, "F" merged into it', fix: 'use one spelling, or give each its own slug in site.yml, e.g. tagSlugs: {"F#": f-1, "F": f-2}' },
    ]);
    expect(about('utm1.md')).toEqual([expect.objectContaining({ field: 'url', message: 'https://x.example/story links to the same article as entries/2014/utm2.md (the urls differ only in a #fragment, a trailing /, tracking parameters such as utm_source, http or https, or percent-encoded letters)' })]);
    // Its own url's tracking parameter first, then the article it shares with utm1.
    expect(about('utm2.md').map((warning) => warning.field)).toEqual(['url', 'url']);
    expect(about('utm2.md')[0]).toMatchObject({ message: 'holds the tracking parameter utm_source, which tells the publisher every reader came from where the link was copied', fix: 'write url: https://x.example/story/#top' });
    // One entry each: the fix keeps the page of the first file's spelling.
    expect(about('korea2.md')).toEqual([
      { field: 'tags', message: `the tag "북한 경제" (tags/${slugify('북한 경제')}/) differs only in spaces, hyphens or case from "북한경제" (entries/2014/korea1.md, tags/${slugify('북한경제')}/): each has its own page, feed and topic, and a subscriber who chooses one misses the entries tagged the other`, fix: `write one spelling in every entry, or publish them as one tag with site.yml tagSlugs: {"북한 경제": ${slugify('북한경제')}}`, file: 'entries/2014/korea2.md' },
    ]);
  });
});

describe('check: body warnings', () => {
  it('references to control characters in text and a link address, which every output drops: the first named, the rest counted', () => {
    const warned = check.warnings.filter((line) => line.startsWith('entries/2014/controls.md:')).map(parseProblemLine);
    expect(warned).toEqual([
      {
        file: 'entries/2014/controls.md',
        // The body's line: after ---, four fields and ---.
        line: '7',
        field: 'body',
        message: 'holds "&#1;", a reference to U+0001, a control character, which no feed can carry (XML 1.0 §2.2): every feed and page drops it; and 1 more such reference',
        fix: 'delete &#1; and the others',
      },
    ]);
  });

  it('a heading and a quotation left empty by a dropped data: image, which every output drops: the first one\'s line, the other counted', () => {
    expect(check.warnings.filter((line) => line.startsWith('entries/2014/emptied.md:')).map(parseProblemLine)).toEqual([
      {
        file: 'entries/2014/emptied.md',
        // The body's third line: after ---, four fields and --- (line 7), and "Rice prices." and a blank line.
        line: '9',
        field: 'body',
        message: 'a heading shows nothing (it is empty, or all it holds every feed and page drops: an image whose address is not http or https, such as data:, hidden content, white space), so every feed and page leaves it out, and moves up a level a heading after it that would skip one; and 1 more heading or quotation so',
        fix: "write the heading's text (an image needs an http or https address), or delete it",
      },
    ]);
  });

  it('images and a link whose address every output drops (data:, javascript:): the first one\'s line, the others counted', () => {
    expect(check.warnings.filter((line) => line.startsWith('entries/2014/dropped.md:')).map(parseProblemLine)).toEqual([
      {
        file: 'entries/2014/dropped.md',
        // The body's third line: after ---, four fields and --- (line 7), and "Rice prices." and a blank line.
        line: '9',
        field: 'body',
        message: "an image's address is not an http or https URL (such as data:, or one that cannot be read), so every feed and page drops the image, and its alt text with it; and 2 more images or links so",
        fix: 'upload the image to a web host and give its http or https address, or delete it',
      },
    ]);
  });

  it('a link and an image whose full address holds a merge tag, published as the text and the alt text alone: each named with its tag', () => {
    const warned = check.warnings.filter((line) => line.startsWith('entries/2014/footer.md:')).map(parseProblemLine);
    expect(warned).toEqual([
      {
        file: 'entries/2014/footer.md',
        field: 'body',
        message:
          'links to an address holding a mail service\'s merge tag, which only that service fills in when it sends: "https://us1.campaign-archive.com/?u=abc&id=*|UNIQID|*" ("View this issue", the tag "*|UNIQID|*"); as written, no reader\'s request is meant to reach an address holding one, so only the link\'s text is published',
        fix: 'paste the real address in its place, or remove the link (a newsletter\'s "view in browser" and "unsubscribe" links mean nothing here)',
      },
      {
        file: 'entries/2014/footer.md',
        field: 'body',
        message:
          'shows an image whose address holds a mail service\'s merge tag, which only that service fills in when it sends: "https://img.example.com/banner.png?name=*|FNAME|*" (the tag "*|FNAME|*", published as its alt text "Rice Weekly"); as written, no reader\'s request is meant to reach an address holding one, so the image is not published',
        fix: "paste the image's real address in its place, or remove the image",
      },
    ]);
  });

  it('the same link and image with their tags written as references or partly percent-encoded: named as the publish reads them', () => {
    const warned = check.warnings.filter((line) => line.startsWith('entries/2014/footerrefs.md:')).map((line) => parseProblemLine(line).message);
    expect(warned).toEqual([
      'links to an address holding a mail service\'s merge tag, which only that service fills in when it sends: "https://us1.campaign-archive.com/?u=abc&id=*|UNIQID|*" ("View this issue", the tag "*|UNIQID|*"); as written, no reader\'s request is meant to reach an address holding one, so only the link\'s text is published',
      'shows an image whose address holds a mail service\'s merge tag, which only that service fills in when it sends: "https://img.example.com/banner.png?name=*|FNAME|*" (the tag "*|FNAME|*", published as its alt text "Rice Weekly"); as written, no reader\'s request is meant to reach an address holding one, so the image is not published',
    ]);
  });

  it('an image start tag is the img a browser reads: its merge tag is named', () => {
    const warned = check.warnings.filter((line) => line.startsWith('entries/2014/imagetag.md:')).map((line) => parseProblemLine(line).message);
    expect(warned).toEqual([
      'shows an image whose address holds a mail service\'s merge tag, which only that service fills in when it sends: "https://img.example.com/banner.png?name=*|FNAME|*" (the tag "*|FNAME|*", published as its alt text "Rice Weekly"); as written, no reader\'s request is meant to reach an address holding one, so the image is not published',
    ]);
  });

  it("a Vimeo embed set to start at a time: its watch page's link starts there too", () => {
    const warned = check.warnings.filter((line) => line.startsWith('entries/2014/vimeo.md:')).map((line) => parseProblemLine(line).message);
    expect(warned).toEqual([
      'embeds what feed readers and mail clients do not play, so every feed, page and the digest has instead: <iframe> of "https://player.vimeo.com/video/76979871#t=1m2s" becomes a link to its watch page, https://vimeo.com/76979871#t=1m2s, "Port tour"',
    ]);
  });
});

describe('publish: the same problems, nothing written', () => {
  it('exits 1 with the same lines as check, and writes nothing', async () => {
    const out = await mkdtemp(join(tmpdir(), 'broadsheet-edge-out-'));
    const run = await runCli(['publish', '--content', dir, '--out', out, '--now', '2014-06-01T00:00:00+09:00']);
    expect(run.code).toBe(1);
    expect(run.stderr).not.toMatch(/^\s+at /m);
    for (const line of check.problems) expect(run.stderr).toContain(line);
    expect(await readdir(out)).toEqual([]);
  });
});

describe('a content folder without its entries', () => {
  it('check and publish refuse it, --skip-invalid too, and the published site stays as it was', async () => {
    const content = await contentFolder({ site: SITE, entries: { '2014/good.md': entryFile(`title: Fine\n${base('https://x.example/good')}`) } });
    const out = await mkdtemp(join(tmpdir(), 'broadsheet-no-entries-'));
    const now = ['--now', '2014-06-01T00:00:00Z'];
    expect((await runCli(['publish', '--content', content, '--out', out, ...now, '--quiet'])).code).toBe(0);
    const snapshot = async () => {
      const files = (await readdir(out, { recursive: true, withFileTypes: true })).filter((e) => e.isFile() && !relative(out, e.parentPath).startsWith('_broadsheet'));
      return Object.fromEntries(await Promise.all(files.map(async (e) => [relative(out, join(e.parentPath, e.name)), await readFile(join(e.parentPath, e.name), 'utf8')] as const)));
    };
    const before = await snapshot();
    expect(Object.keys(before)).toContain(join('entries', '2014', 'good', 'index.html'));

    // Gone: one line naming entries/. A file where the folder was (a broken sync) is the same line from the same load
    // (tests/unit/cli/contentFolder.test.ts).
    await rm(join(content, 'entries'), { recursive: true });
    const checked = await runCli(['check', '--content', content]);
    expect(checked.code).toBe(1);
    const lines = checked.stderr.trim().split('\n').filter((line) => !/^\d+ problems? in /.test(line));
    expect(lines).toHaveLength(1);
    expect(parseProblemLine(lines[0]!)).toMatchObject({ file: 'entries/', field: 'file', message: `is missing, empty or not a folder in ${content}/; publishing would leave the site with no entry` });
    for (const extra of [[], ['--skip-invalid']]) {
      const run = await runCli(['publish', '--content', content, '--out', out, ...now, ...extra]);
      expect(run.code, extra.join(' ')).toBe(1);
      expect(run.stderr).toContain(lines[0]!);
      expect(run.stderr).not.toMatch(/^\s+at /m);
    }
    expect(await snapshot()).toEqual(before);
  });
});

describe('site.yml and flags', () => {
  // The other site.yml cases of this file (a language, a url, an idDate, a title of control characters, tags.json's
  // names) run check and publish in process, in tests/unit/cli/edgeSiteYml.test.ts.
  it('file names and tagSlugs keys with a newline, ESC or U+2028: one escaped line each in text, raw in --json', async () => {
    const newline = 'a\nb.md';
    const esc = 'c\u001b[31mRED\u001b[0m.md';
    const site = await contentFolder({ site: { ...SITE, tagSlugs: { 'x\u001by\nz\u2028': 'Bad Slug' } }, entries: { [newline]: entryFile('title: T'), [esc]: entryFile('title: T') } });
    const run = await runCli(['check', '--content', site]);
    expect(run.code).toBe(1);
    // Nothing but LF ends a line, and no other control character or line separator reaches the terminal.
    expect(run.stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029]/);
    const lines = run.stderr.trim().split('\n');
    // tagSlugs: follows SITE's six fields (line 7); YAML writes its key as `? "x\ey\nz\L"`, no `key:` line, so the
    // problem has tagSlugs:'s line.
    expect(lines[0]).toBe('site.yml:7: tagSlugs.x\\x1by\\nz\\u2028: "Bad Slug" is not a slug (write lowercase letters, digits and single hyphens, e.g. cpp)');
    for (const printed of ['entries/a\\nb.md', 'entries/c\\x1b[31mRED\\x1b[0m.md']) {
      // The missing fields, and the control character the entry's id would take from its name.
      expect(lines.filter((line) => line.startsWith(`${printed}: `)).map((line) => parseProblemLine(line).field), printed).toEqual(['url', 'source', 'date', 'file']);
    }
    const json = JSON.parse((await runCli(['check', '--content', site, '--json'])).stdout) as { problems: { file: string; field: string }[] };
    expect(new Set(json.problems.map((problem) => problem.file))).toEqual(new Set(['site.yml', `entries/${newline}`, `entries/${esc}`]));
    expect(json.problems[0]!.field).toBe('tagSlugs.x\u001by\nz\u2028');
  });

  // The --now below is one run of the CLI for the wiring of its refusals (parseNow's usage line, exit 2); the other
  // values are parseNow's and main's, in tests/unit/cli/now.test.ts and main.test.ts (2014-06-01T09:30 refused in these
  // words; the offsets Z and +09:00 and a date alone read as instants; 24:00 refused in an entry date's words;
  // 0000-01-01, +010000 and +25:00 outside the years or offsets).
  it('--now with a time but no offset is a usage line naming the two ways to write it, exit 2', async () => {
    const now = '2014-06-01T00:00:00';
    const run = await runCli(['publish', '--content', dir, '--out', join(dir, '..', 'never'), '--now', now]);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toEqual([`broadsheet publish: --now: ${JSON.stringify(now)} has a time but no offset (write it with one: ${now}Z for UTC, or e.g. ${now}+09:00)`]);
    // With its offset (+0900 as date +%z writes it), it is an instant: the run goes on to the content.
    const offset = await runCli(['publish', '--content', dir, '--out', join(dir, '..', 'never'), '--now', '2014-06-01T09:00:00+0900', '--dry-run', '--quiet']);
    expect([offset.code === 2, offset.stderr.includes('--now')]).toEqual([false, false]);
  });

  it('--out inside --content is refused before anything is written', async () => {
    // The content folder itself as --out is refused by the same check (tests/unit/cli/refuseOverlappingOutput.test.ts).
    const run = await runCli(['publish', '--content', dir, '--out', join(dir, 'public'), '--now', '2014-06-01T00:00:00Z']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^broadsheet publish: --out: .* is inside the content folder/);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect((await readdir(dir)).sort()).toEqual(['entries', 'entries\\2014\\flat.md', 'outside.md', 'site.yml']);
  });
});

// Characters RFC 3986 allows in a URI; anything else in an href, src or feed URL would fail a validator.
const URI = /^[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]+$/;

describe('the accepted edge cases publish as valid feeds and pages', () => {
  const fixture = join(REPO, 'tests', 'fixtures', 'edge');
  let out: string;
  let files: string[];

  beforeAll(async () => {
    const checked = await runCli(['check', '--content', fixture]);
    // The year-1000 entry stands centuries from the others, all in 2014: the date-range warning (README, Limits);
    // the image text typed with a <b>, which the fixture publishes to show it escaped, is plain text; the widest
    // offsets make offset.md's updated: (2014-05-08T00:01Z) earlier than its date (23:58:59Z); and controls.md's
    // title (line 2: \0, \x85, \uFFFE and \e) and source (line 4: \x01) hold characters every output drops. These
    // are the only things check says, and they do not stop the publish.
    const said = checked.stderr.split('\n').filter(Boolean);
    expect(said).toHaveLength(5);
    expect(said[0]).toMatch(/^warning: entries\/2014\/brackets\.md:15: imageAlt: holds the HTML tag "<b>", which readers are shown as typed: the field is plain text /);
    expect(said[1]).toMatch(/^warning: entries\/2014\/controls\.md:2: title: holds U\+0000, a control character and 3 more such, which every feed, page and mail drops: published as "Rice and rates held steady" /);
    expect(said[2]).toMatch(/^warning: entries\/2014\/controls\.md:4: source\.name: holds U\+0001, a control character, which every feed, page and mail drops: published as "Daily NK" /);
    expect(said[3]).toMatch(/^warning: entries\/2014\/offset\.md:6: updated: 2014-05-09T00:00:00\+23:59 is earlier than the date, 2014-05-07T23:59:59-23:59: /);
    // earliest.md's `date:` is its front matter's fourth line, the file's fifth.
    expect(said[4]).toMatch(/^warning: entries\/2014\/earliest\.md:5: date: /);
    expect(checked.code).toBe(0);
    out = await mkdtemp(join(tmpdir(), 'broadsheet-edge-'));
    const run = await runCli(['publish', '--content', fixture, '--out', out, '--now', '2014-06-01T00:00:00Z', '--quiet']);
    expect(run.code, run.stderr).toBe(0);
    files = (await readdir(out, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).map((e) => relative(out, join(e.parentPath, e.name)).split(sep).join('/')).sort();
  });

  it('names every week with a four-digit year, and the tag folders after site.yml tagSlugs', () => {
    const weeks = files.filter((file) => file.startsWith('digests/') && /W\d/.test(file));
    // 1000-01-03T00:00+23:59 is 1000-01-01 13:31 in Kiritimati (its local mean time then, -10:29:20): ISO week 1000-W01.
    expect(weeks).toContain('digests/1000-W01.html');
    for (const week of weeks) expect(week).toMatch(/^digests\/\d{4}-W\d{2}\.(html|txt)$/);
    expect(files).toContain('tags/cpp/rss.xml');
    expect(files).toContain('tags/csharp/rss.xml');
    expect(files.filter((file) => file.startsWith('tags/c/'))).toEqual([]);
  });

  it('writes every URL as an RFC 3986 URI, percent-encoded where the entry had [ ] | ^ { } spaces or non-ASCII', async () => {
    const rss = await readFile(join(out, 'rss.xml'), 'utf8');
    expect(rss).toContain('https://news.example.com/a%5B1%5D%7Cb%5Ec%20d?q=%7Bx%7D&amp;r=50%25');
    expect(rss).toContain('https://related.example/x%7Cy%5Ez');
    const feed = JSON.parse(await readFile(join(out, 'feed.json'), 'utf8')) as { items: { url: string; external_url?: string; image?: string; id: string; title: string; tags?: string[] }[] };
    // JSON Feed 1.1's link-blog model: the article is `external_url` (`url` is the entry's own page).
    const item = feed.items.find((i) => (i.external_url ?? '').startsWith('https://news.example.com/a%5B'))!;
    expect(item.image).toBe('https://img.example/a%20b.jpg');
    // Quoted, the number-like text is kept as typed.
    expect(item.title).toBe('1e3');
    for (const file of files.filter((f) => /\.(xml|html|json)$/.test(f) && !f.startsWith('_broadsheet/'))) {
      const text = await readFile(join(out, file), 'utf8');
      for (const [, url] of text.matchAll(/(?:href|src|url)="(https?:[^"]*)"/g)) expect(url!.replaceAll('&amp;', '&'), `${file}: ${url}`).toMatch(URI);
      for (const [, url] of text.matchAll(/<(?:link|guid|url|id|uri)[^>]*>(https?:[^<]*)</g)) expect(url!.replaceAll('&amp;', '&'), `${file}: ${url}`).toMatch(URI);
    }
  });

  it('holds no control character from YAML escapes in any published file', async () => {
    // Every text file; the generated icon.png is binary.
    for (const file of files.filter((f) => !f.startsWith('_broadsheet/') && !f.endsWith('.png'))) {
      const text = await readFile(join(out, file), 'utf8');
      expect(text, file).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]/);
      expect(text, file).not.toContain('\uFFFD');
    }
    expect(await readFile(join(out, 'index.html'), 'utf8')).toContain('Rice and rates held steady');
  });

  it('footnotes: each link on a page finds its note or its way back there, no two entries share an id, and feed items link into the page', async () => {
    const notes: string[] = [];
    for (const file of files.filter((f) => f.startsWith('entries/') && f.endsWith('.html'))) {
      const page = await readFile(join(out, file), 'utf8');
      const ids = new Set([...page.matchAll(/ id="([^"]+)"/g)].map((match) => match[1]));
      for (const [, target] of page.matchAll(/ href="#([^"]+)"/g)) expect(ids, `${file}: #${target}`).toContain(target);
      notes.push(...[...ids].filter((id) => id!.startsWith('fn')).map(String));
    }
    // brackets.md: two notes and three references (one note cited twice); offset.md: its own note 1 and reference.
    expect(notes).toHaveLength(7);
    expect(new Set(notes).size).toBe(notes.length);
    const rss = await readFile(join(out, 'rss.xml'), 'utf8');
    expect(rss).not.toContain('href="#');
    expect(rss).toContain(`href="https://edge.example.org/watch/${entryPageDir('2014/offset')}#fn-2014_offset-1"`);
  });

  it('passes html-validate on every page (the digest archive, written as email HTML, with inline styles)', async () => {
    const pages = new HtmlValidate({ extends: ['html-validate:recommended'] });
    const email = new HtmlValidate({ extends: ['html-validate:recommended'], rules: { 'no-inline-style': 'off', 'no-conditional-comment': 'off' } });
    for (const file of files.filter((f) => f.endsWith('.html'))) {
      const report = await (/^digests\/\d{4}-W/.test(file) ? email : pages).validateString(await readFile(join(out, file), 'utf8'));
      expect(report.results.flatMap((r) => r.messages.map((m) => `${file}:${m.line}: ${m.message}`))).toEqual([]);
    }
  });
});
