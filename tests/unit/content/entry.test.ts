import { describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { parseEntry } from '../../../lib/content/entry.js';
import { entry, entryText } from '../../support/content.js';

const SEOUL = { timezone: 'Asia/Seoul' };
const KEY = 'entries/2014/a.md';

function problemsOf(text: string) {
  return parseEntry(text, KEY, SEOUL).problems;
}

describe('parseEntry: required fields', () => {
  for (const field of ['title', 'url', 'source', 'date']) {
    it(`reports a missing ${field} with the file and a fix`, () => {
      const [problem, ...rest] = problemsOf(entryText(entry({ [field]: undefined })));
      expect(rest).toEqual([]);
      expect(problem).toMatchObject({ file: KEY, field, message: 'is missing' });
      expect(problem!.fix).not.toBe('');
    });
  }

  it('reports an empty title', () => {
    expect(problemsOf(entryText(entry({ title: '  ' })))).toMatchObject([{ field: 'title', message: 'is empty', line: 2 }]);
  });

  it('reports every problem of a file, not only the first', () => {
    const fields = problemsOf(entryText(entry({ title: undefined, url: 'javascript:alert(1)', date: '2014-13-45' }))).map((p) => p.field);
    expect(fields.sort()).toEqual(['date', 'title', 'url']);
  });
});

describe('parseEntry: values', () => {
  it('rejects an impossible date', () => {
    const [problem] = problemsOf(entryText(entry({ date: '2014-13-45' })));
    expect(problem).toMatchObject({ field: 'date', message: '2014-13-45 is not a real date' });
  });

  it('rejects a date that is not a date', () => {
    expect(problemsOf(entryText(entry({ date: 'May 8th' })))[0]).toMatchObject({ field: 'date' });
  });

  for (const url of ['javascript:alert(1)', 'data:text/html,x', '/relative/path', 'ftp://example.org/a', 'example.org/a', 'https://']) {
    it(`rejects the url ${url}`, () => {
      expect(problemsOf(entryText(entry({ url })))[0]).toMatchObject({ field: 'url' });
    });
  }

  it('rejects a javascript: URL in related links and source', () => {
    const problems = problemsOf(entryText(entry({ related: [{ title: 'x', url: 'javascript:void(0)' }], source: { name: 'S', url: 'javascript:x' } })));
    expect(problems.map((p) => p.field).sort()).toEqual(['related[0].url', 'source.url']);
  });

  it('names front matter of only blank lines or comments as empty, with the fields to write, not as malformed YAML', () => {
    for (const text of ['---\n---\nbody\n', '---\n# to do\n\n---\nbody\n']) {
      expect(problemsOf(text), text).toEqual([{ file: KEY, field: 'front matter', message: 'is empty: it holds no field, only blank lines or comments', fix: 'write title:, url:, source: and date: one per line between the two --- lines' }]);
    }
  });

  it('reports malformed YAML with its line in the file', () => {
    const text = '---\ntitle: ok\nurl: https://a.example/x\nsource: [unclosed\ndate: 2014-05-08\n---\nbody\n';
    const [problem] = problemsOf(text);
    expect(problem!.file).toBe(KEY);
    expect(problem!.message).toMatch(/^malformed YAML/);
    // The flow sequence opened on line 4 breaks at line 5 at the latest.
    expect([4, 5, 6]).toContain(problem!.line);
    // The field is the key on the reported line of the file.
    const keyOnLine = text.split('\n')[problem!.line! - 1]!.split(':')[0];
    expect(problem!.field).toBe(keyOnLine);
  });

  it('reports an empty file', () => {
    expect(problemsOf('')).toMatchObject([{ field: 'file', message: 'the file is empty' }]);
    expect(problemsOf('  \n\n')).toMatchObject([{ field: 'file', message: 'the file is empty' }]);
  });

  it('reports a file without front matter', () => {
    expect(problemsOf('Just text.\n')).toMatchObject([{ field: 'file', message: 'no front matter' }]);
  });

  it('rejects draft values that are not booleans', () => {
    expect(problemsOf(entryText(entry({ draft: 'yes' })))[0]).toMatchObject({ field: 'draft' });
  });

  it('warns about unknown fields without failing', () => {
    const parsed = parseEntry(entryText(entry({ tittle: 'typo' })), KEY, SEOUL);
    expect(parsed.problems).toEqual([]);
    expect(parsed.warnings).toMatchObject([{ field: 'tittle' }]);
  });
});

describe('parseEntry: dates', () => {
  it('reads YYYY-MM-DD as midnight in the site time zone', () => {
    const parsed = parseEntry(entryText(entry({ date: '2014-05-08' })), KEY, SEOUL).entry!;
    expect(parsed.date).toBe(DateTime.fromObject({ year: 2014, month: 5, day: 8 }, { zone: 'Asia/Seoul' }).toMillis());
    expect(new Date(parsed.date).toISOString()).toBe('2014-05-07T15:00:00.000Z');
  });

  it('reads a date-time without offset in the site time zone', () => {
    const parsed = parseEntry(entryText(entry({ date: '2014-05-08T09:30:00' })), KEY, SEOUL).entry!;
    expect(new Date(parsed.date).toISOString()).toBe('2014-05-08T00:30:00.000Z');
  });

  it('keeps the offset of an RFC 3339 date-time', () => {
    const parsed = parseEntry(entryText(entry({ date: '2014-05-08T09:30:00-04:00' })), KEY, SEOUL).entry!;
    expect(new Date(parsed.date).toISOString()).toBe('2014-05-08T13:30:00.000Z');
  });
});

describe('parseEntry: identity', () => {
  it('defaults the id to the path under entries/ without .md', () => {
    expect(parseEntry(entryText(entry()), 'entries/2014/05/ifes-russia.md', SEOUL).entry!.id).toBe('2014/05/ifes-russia');
  });

  it('keeps the id when the title, date, url, tags and body change', () => {
    const before = parseEntry(entryText(entry()), KEY, SEOUL).entry!;
    const after = parseEntry(entryText(entry({ title: 'New title', date: '2015-01-01', url: 'https://other.example/b', tags: ['x'] }), 'Other body'), KEY, SEOUL).entry!;
    expect(after.id).toBe(before.id);
  });

  it('uses an explicit id', () => {
    expect(parseEntry(entryText(entry({ id: 'legacy-42' })), KEY, SEOUL).entry!.id).toBe('legacy-42');
  });

  // An old feed's guid pasted as id: is published inside tag:…: anyway, with its page under entries/https/. Warned,
  // not refused: an id already published must stay.
  it('warns about an id: that is an address, giving the path to write before the first publish', () => {
    const parsed = parseEntry('---\ntitle: T\nurl: https://x.example/a\nsource: S\ndate: 2014-05-01\nid: https://old.example/2014/05/12/a/\n---\n', KEY, SEOUL);
    expect(parsed.entry!.id).toBe('https://old.example/2014/05/12/a/');
    expect(parsed.warnings).toEqual([
      {
        file: KEY,
        line: 6,
        field: 'id',
        message: '"https://old.example/2014/05/12/a/" is an address: the feeds publish it inside a tag: id (tag:…:https://old.example/2014/05/12/a/), not as the old feed\'s guid, and its page is under entries/https/',
        fix: 'if the entry is not published yet, write id: 2014/05/12/a or remove id:; once published, keep it, as a changed id shows the entry again as new',
      },
    ]);
    expect(parseEntry(entryText(entry({ id: '2014/05/12/a' })), KEY, SEOUL).warnings).toEqual([]);
  });

  // A permanent id goes into every feed for good: no control character, wherever the id comes from.
  it('refuses an id: holding a control character, naming its code point', () => {
    for (const [escape, named] of [['\\x01', 'U+0001'], ['\\t', 'U+0009'], ['\\x85', 'U+0085'], ['\\x7F', 'U+007F'], ['\\uFFFE', 'U+FFFE']]) {
      expect(problemsOf(`---\ntitle: T\nurl: https://x.example/a\nsource: S\ndate: 2014-05-01\nid: "a${escape}b"\n---\n`)).toEqual([
        { file: KEY, line: 6, field: 'id', message: `holds ${named}, a control character`, fix: 'write the id without it' },
      ]);
    }
  });

  it('refuses a file name holding a control character when the id is its path, not when id: is given', () => {
    const key = 'entries/2014/a\u0001b.md';
    expect(parseEntry(entryText(entry()), key, SEOUL).problems).toEqual([
      { file: key, field: 'file', message: "the file name holds U+0001, a control character, and the entry's permanent id is its path", fix: 'rename the file with letters, digits and hyphens only, or give the entry an id: without it' },
    ]);
    expect(parseEntry(entryText(entry({ id: 'legacy-42' })), key, SEOUL).entry!.id).toBe('legacy-42');
  });

  // A soft hyphen or no-break space pasted from Word would be in every feed for good, percent-encoded, unseen.
  it('refuses an id: holding an invisible character or a space other than the plain one, naming it, with the id to write', () => {
    for (const [char, named, encoded] of [
      ['\u00AD', 'a soft hyphen (U+00AD)', '%C2%AD'],
      ['\u00A0', 'a no-break space (U+00A0)', '%C2%A0'],
      ['\u200B', 'a zero-width space (U+200B)', '%E2%80%8B'],
      ['\u200D', 'a zero-width joiner (U+200D)', '%E2%80%8D'],
      ['\u3000', 'an ideographic space (U+3000)', '%E3%80%80'],
    ]) {
      const retyped = /\s/u.test(char!) ? 'kaesong-wages' : 'kaesongwages';
      expect(problemsOf(`---\ntitle: T\nurl: https://x.example/a\nsource: S\ndate: 2014-05-01\nid: kaesong${char}wages\n---\n`)).toEqual([
        { file: KEY, line: 6, field: 'id', message: `holds ${named}, which readers cannot see or tell from a space, and an id is published for good: as ${encoded} in every feed's tag: id`, fix: `retype the id: id: ${retyped} (if the entry is already published under this id, keep it: a publish, or check --out with the published site, accepts it as published)` },
      ]);
    }
    expect(problemsOf('---\ntitle: T\nurl: https://x.example/a\nsource: S\ndate: 2014-05-01\nid: 2014/café-prices\n---\n')).toEqual([]);
  });

  // The digest feeds' items have the ids …:digests/YYYY-Www: a reader subscribed to both feeds keeps one item per id.
  it('refuses the id of a week’s digest, from id: or from the file’s path', () => {
    expect(problemsOf(`---\ntitle: T\nurl: https://x.example/a\nsource: S\ndate: 2014-05-01\nid: digests/2014-W21\n---\n`)).toEqual([
      { file: KEY, line: 6, field: 'id', message: '"digests/2014-W21" is the id of the 2014-W21 digest in the digest feeds, and a reader would take the two for one item', fix: 'write another id' },
    ]);
    const key = 'entries/digests/2014-W21.md';
    expect(parseEntry(entryText(entry()), key, SEOUL).problems).toEqual([
      { file: key, field: 'id', message: 'the entry\'s id, its path, "digests/2014-W21" is the id of the 2014-W21 digest in the digest feeds, and a reader would take the two for one item', fix: 'rename the file or move it out of entries/digests/, or give the entry an id: of its own' },
    ]);
    expect(parseEntry(entryText(entry({ id: 'digest-2014-W21' })), key, SEOUL).entry!.id).toBe('digest-2014-W21');
    // Only a week's name: another entry under digests/ keeps its path as its id.
    expect(parseEntry(entryText(entry()), 'entries/digests/how-we-choose.md', SEOUL).entry!.id).toBe('digests/how-we-choose');
  });

  // Windows reserves CON, PRN, AUX, NUL, COM0–9, LPT0–9 as file names with any extension: a warning, the file publishes.
  it('warns of a file named as Windows names a device, with the rename, and the id to keep when its path gave it; a folder so named too', () => {
    const MESSAGE = 'a device name Windows reserves with any extension: Git for Windows cannot check the file out and Windows cannot create it, so the content cannot be copied to a Windows computer';
    const con = parseEntry(entryText(entry()), 'entries/2026/con.md', SEOUL);
    expect(con.problems).toEqual([]);
    expect(con.entry!.id).toBe('2026/con');
    expect(con.warnings).toEqual([
      { file: 'entries/2026/con.md', field: 'file', message: `is named CON, ${MESSAGE}`, fix: 'rename it to entries/2026/con-1.md; if it is already published, add id: 2026/con too, the id its path gave it' },
    ]);
    const published = parseEntry(entryText(entry()), 'entries/2026/Lpt9.md', SEOUL, { publishedUnder: (id) => id === '2026/Lpt9' });
    expect(published.warnings).toEqual([
      { file: 'entries/2026/Lpt9.md', field: 'file', message: `is named LPT9, ${MESSAGE}`, fix: 'rename it to entries/2026/Lpt9-1.md and add id: 2026/Lpt9, the id it is published under, which its path gave it' },
    ]);
    // With id: the rename keeps the id.
    expect(parseEntry(entryText(entry({ id: 'legacy-42' })), 'entries/2026/nul.draft.md', SEOUL).warnings).toEqual([
      { file: 'entries/2026/nul.draft.md', field: 'file', message: `is named NUL, ${MESSAGE}`, fix: 'rename it to entries/2026/nul-1.draft.md' },
    ]);
    // A folder so named breaks the clone alike.
    expect(parseEntry(entryText(entry()), 'entries/Aux/2026/a.md', SEOUL).warnings).toEqual([
      { file: 'entries/Aux/2026/a.md', field: 'file', message: `is in the folder entries/Aux/, named AUX, ${MESSAGE}`, fix: 'move it to entries/Aux-1/2026/a.md; if it is already published, add id: Aux/2026/a too, the id its path gave it' },
    ]);
    for (const key of ['entries/2026/console.md', 'entries/2026/com10.md', 'entries/icon/a.md']) expect(parseEntry(entryText(entry()), key, SEOUL).warnings, key).toEqual([]);
  });
});

describe('parseEntry: optional fields', () => {
  it('reads a source mapping, related links, tags, summary and image', () => {
    const parsed = parseEntry(
      entryText(entry({
        source: { name: 'IFES', url: 'https://ifes.example/', feed: 'https://ifes.example/rss' },
        related: [{ title: '38 North has more analysis here', url: 'https://www.38north.org/' }],
        tags: ['Russia', 'russia', 'Trade'],
        summary: '  A summary.  ',
        image: 'https://img.example/a.jpg',
      })),
      KEY,
      SEOUL,
    ).entry!;
    expect(parsed.source).toEqual({ name: 'IFES', url: 'https://ifes.example/', feed: 'https://ifes.example/rss' });
    expect(parsed.related).toEqual([{ title: '38 North has more analysis here', url: 'https://www.38north.org/' }]);
    // Tags that slug alike are one tag.
    expect(parsed.tags).toEqual([{ name: 'Russia', slug: 'russia' }, { name: 'Trade', slug: 'trade' }]);
    expect(parsed.summary).toBe('A summary.');
    expect(parsed.image).toBe('https://img.example/a.jpg');
  });
});

describe('parseEntry: imageAlt', () => {
  const raw = (lines: string) => `---\ntitle: T\nurl: https://x.example/a\nsource: S\ndate: 2014-05-01\n${lines}\n---\n`;

  it('keeps the description of the image, trimmed, and as typed when YAML would read a number', () => {
    expect(parseEntry(raw('image: https://img.example/a.png\nimageAlt: "  Trucks at the crossing  "'), KEY, SEOUL).entry).toMatchObject({ image: 'https://img.example/a.png', imageAlt: 'Trucks at the crossing' });
    expect(parseEntry(raw('image: https://img.example/a.png\nimageAlt: 1984'), KEY, SEOUL).entry!.imageAlt).toBe('1984');
    expect(problemsOf(raw('image: https://img.example/a.png\nimageAlt: 1e3'))).toMatchObject([{ field: 'imageAlt', message: 'YAML reads "1e3" as the number 1000, not as typed' }]);
  });

  it('refuses one that is not text', () => {
    expect(problemsOf(raw('image: https://img.example/a.png\nimageAlt: [a, b]'))).toEqual([{ file: KEY, line: 7, field: 'imageAlt', message: 'must be text', fix: 'write imageAlt: with a few words saying what the image shows' }]);
  });

  it('warns of one without an image, and keeps none', () => {
    const parsed = parseEntry(raw('imageAlt: Trucks'), KEY, SEOUL);
    expect(parsed.problems).toEqual([]);
    expect(parsed.warnings).toEqual([{ file: KEY, line: 6, field: 'imageAlt', message: 'describes an image the entry does not have, and is not shown', fix: 'add image: with the image it describes, or remove imageAlt' }]);
    expect(parsed.entry!.imageAlt).toBeUndefined();
  });
});

describe('parseEntry: validateOnly (check)', () => {
  const variants: Record<string, unknown>[] = [
    {},
    { id: 'legacy-42' },
    { date: '2014-05-08T09:30:00' },
    { date: '2014-05-08T09:30:00-04:00', updated: '2014-05-09' },
    { date: '2014-13-45' },
    { date: '2014-05-08T24:00:00' },
    { updated: 'soon' },
    { date: 20140508 },
    { title: undefined, url: 'javascript:alert(1)' },
    { tittle: 'typo' },
  ];
  for (const fields of variants) {
    it(`reports what the full parse reports, and the same id: ${JSON.stringify(fields)}`, () => {
      const text = entryText(entry(fields));
      const full = parseEntry(text, KEY, SEOUL);
      const checked = parseEntry(text, KEY, SEOUL, { validateOnly: true });
      expect(checked.problems).toEqual(full.problems);
      expect(checked.warnings).toEqual(full.warnings);
      expect(checked.id).toBe(full.entry?.id);
      expect(checked.entry).toBeUndefined();
    });
  }

  it('warns of a local date or updated time the site\'s zone skips, naming the field and its line, in check and publish alike', () => {
    // New York goes from 02:00 to 03:00 on 14 March 2027 (-05:00 to -04:00). date: is line 5, updated: line 8 (after tags:).
    const text = entryText(entry({ date: '2027-03-14T02:30', updated: '2027-03-14T02:45:00' }));
    const newYork = { timezone: 'America/New_York' };
    const full = parseEntry(text, KEY, newYork);
    expect(full.problems).toEqual([]);
    expect(full.warnings.map((w) => [w.field, w.line, w.message])).toEqual([
      ['date', 5, '2027-03-14T02:30 does not exist in America/New_York (the clocks go forward over it): it is read as 2027-03-14T03:30-04:00'],
      ['updated', 8, '2027-03-14T02:45:00 does not exist in America/New_York (the clocks go forward over it): it is read as 2027-03-14T03:45:00-04:00'],
    ]);
    expect(parseEntry(text, KEY, newYork, { validateOnly: true }).warnings).toEqual(full.warnings);
    // The same text in Seoul, where the clocks never skip it, is a time like any other.
    expect(parseEntry(text, KEY, SEOUL).warnings).toEqual([]);
  });

  // A no-break space typed after the value (macOS's Option+Space) is text to YAML (1.2 §5.5), unseen in the file.
  it('reads a date or updated typed with a Unicode space at its end without it, naming the character and the line to write, in check and publish alike', () => {
    for (const eol of ['\n', '\r\n']) {
      const text = `---\ntitle: T\nurl: https://x.example/a\nsource: S\ndate: 2014-05-07T10:00:00+09:00\u00A0\nupdated: 2014-05-08\u3000\n---\nBody\n`.replaceAll('\n', eol);
      const full = parseEntry(text, KEY, SEOUL);
      expect(full.problems, JSON.stringify(eol)).toEqual([]);
      expect(full.entry!.date).toBe(Date.parse('2014-05-07T01:00:00Z'));
      expect(full.warnings, JSON.stringify(eol)).toEqual([
        { file: KEY, line: 5, field: 'date', message: 'ends with a no-break space (U+00A0), which YAML keeps as text; it is read as 2014-05-07T10:00:00+09:00 without it', fix: 'type the line without it: date: 2014-05-07T10:00:00+09:00' },
        { file: KEY, line: 6, field: 'updated', message: 'ends with an ideographic space (U+3000), which YAML keeps as text; it is read as 2014-05-08 without it', fix: 'type the line without it: updated: 2014-05-08' },
      ]);
      expect(parseEntry(text, KEY, SEOUL, { validateOnly: true }).warnings).toEqual(full.warnings);
    }
  });

  it('names a valid entry by its id, though it builds none', () => {
    expect(parseEntry(entryText(entry({ id: 'legacy-42' })), KEY, SEOUL, { validateOnly: true }).id).toBe('legacy-42');
    expect(parseEntry(entryText(entry({ date: 'May 8th' })), KEY, SEOUL, { validateOnly: true }).id).toBeUndefined();
  });
});

describe('parseEntry: URLs as every output can carry them', () => {
  it('percent-encodes what RFC 3986 does not allow in every URL field', () => {
    const parsed = parseEntry(
      entryText(entry({
        url: 'https://news.example.com/a[1]|b^c d',
        source: { name: 'S', url: 'https://s.example/x|y', feed: 'https://s.example/feed?a=[1]' },
        related: [{ title: 'More', url: 'https://r.example/ü' }],
        image: 'https://img.example/a b.jpg',
      })),
      KEY,
      SEOUL,
    ).entry!;
    expect(parsed.url).toBe('https://news.example.com/a%5B1%5D%7Cb%5Ec%20d');
    expect(parsed.source).toEqual({ name: 'S', url: 'https://s.example/x%7Cy', feed: 'https://s.example/feed?a=%5B1%5D' });
    expect(parsed.related[0]!.url).toBe('https://r.example/%C3%BC');
    expect(parsed.image).toBe('https://img.example/a%20b.jpg');
  });

  it('publishes a backslash before the query as the / a browser reads (URL Standard), warning in check and publish alike', () => {
    const text = entryText(entry({
      url: 'https://news.example.com\\articles\\2026\\story.html',
      source: { name: 'S', url: 'https://src.example\\about' },
      related: [{ title: 'More', url: 'https://rel.example\\x\\y?q=1\\2' }],
      image: 'https://img.example/a\\b.jpg',
    }));
    const lineOf = (field: string) => text.split('\n').findIndex((line) => line.startsWith(`${field}:`)) + 1;
    // A nested field's own line, below its parent key's.
    const lineWith = (value: string) => text.split('\n').findIndex((line) => line.includes(value)) + 1;
    const full = parseEntry(text, KEY, SEOUL);
    expect(full.problems).toEqual([]);
    expect(full.entry).toMatchObject({ url: 'https://news.example.com/articles/2026/story.html', source: { url: 'https://src.example/about' }, related: [{ url: 'https://rel.example/x/y?q=1%5C2' }], image: 'https://img.example/a/b.jpg' });
    const message = 'has a backslash (\\) before its query, which browsers read as /';
    expect(full.warnings).toEqual([
      { file: KEY, line: lineOf('url'), field: 'url', message, fix: 'write url: https://news.example.com/articles/2026/story.html, as it is published' },
      { file: KEY, line: lineWith('src.example'), field: 'source.url', message, fix: 'write url: https://src.example/about, as it is published' },
      { file: KEY, line: lineWith('rel.example'), field: 'related[0].url', message, fix: 'write url: https://rel.example/x/y?q=1%5C2, as it is published' },
      { file: KEY, line: lineOf('image'), field: 'image', message, fix: 'write image: https://img.example/a/b.jpg, as it is published' },
    ]);
    expect(parseEntry(text, KEY, SEOUL, { validateOnly: true }).warnings).toEqual(full.warnings);
  });

  it('refuses a user name or password in every URL field, giving the URL without them (RFC 9110 §4.2.4)', () => {
    const text = entryText(entry({
      url: 'https://user:secret@news.example.com/story',
      source: { name: 'S', feed: 'https://:pw@src.example/feed' },
      related: [{ title: 'More', url: 'https://a@b@rel.example/x' }],
      image: 'https://u@img.example/a.jpg',
    }));
    const message = 'holds a user name or password (the part before @), which every feed and page would publish';
    const full = parseEntry(text, KEY, SEOUL);
    expect(full.entry).toBeUndefined();
    expect(full.problems.map((p) => [p.field, p.message, p.fix])).toEqual([
      ['url', message, 'write url: https://news.example.com/story'],
      ['source.feed', message, 'write feed: https://src.example/feed'],
      ['related[0].url', message, 'write url: https://rel.example/x'],
      ['image', message, 'write image: https://img.example/a.jpg'],
    ]);
    expect(parseEntry(text, KEY, SEOUL, { validateOnly: true }).problems).toEqual(full.problems);
  });

  it('takes an empty user name and password before @ for none, and publishes the URL without the @ (URL Standard)', () => {
    const parsed = parseEntry(entryText(entry({ url: 'https://@news.example.com/story', image: 'https://:@img.example/a.jpg' })), KEY, SEOUL);
    expect(parsed.problems).toEqual([]);
    expect(parsed.entry).toMatchObject({ url: 'https://news.example.com/story', image: 'https://img.example/a.jpg' });
  });

  it('writes a host the parser reads as an IPv4 address as that address, the form feed.json already had', () => {
    expect(parseEntry(entryText(entry({ url: 'https://0x7f.1/hexip' })), KEY, SEOUL).entry!.url).toBe('https://127.0.0.1/hexip');
  });

  it('refuses an IP literal host in the URLs RSS carries as URIs (url, source.feed, image), which RFC 2396 cannot write; keeps it in a related link or the source\'s page, which are HTML', () => {
    const text = entryText(entry({
      url: 'https://[2001:db8::1]:8080/story',
      source: { name: 'S', url: 'https://[::1]/', feed: 'https://[::1]/feed' },
      related: [{ title: 'More', url: 'https://[::1]/x' }],
      image: 'https://[2001:db8::2]/a.jpg',
    }));
    const message = (host: string) => `has the IP address ${host} as its host, which an RSS 2.0 URL cannot hold (RFC 2396 has no [ ]): the W3C feed validator would call every RSS feed carrying it invalid`;
    expect(parseEntry(text, KEY, SEOUL).problems.map((p) => [p.field, p.message, p.fix])).toEqual([
      ['url', message('[2001:db8::1]'), "write url: with the host's name instead of its address"],
      ['source.feed', message('[::1]'), "write feed: with the host's name instead of its address"],
      ['image', message('[2001:db8::2]'), "write image: with the host's name instead of its address"],
    ]);
    // A bracket in the path is no host: percent-encoded on output as before.
    expect(parseEntry(entryText(entry({ url: 'https://news.example.com/a[1]', source: { name: 'S', url: 'https://[::1]/' }, related: [{ title: 'More', url: 'https://[::1]/x' }] })), KEY, SEOUL).entry).toMatchObject({ url: 'https://news.example.com/a%5B1%5D', related: [{ url: 'https://[::1]/x' }] });
  });

  it('refuses https: without //', () => {
    expect(problemsOf(entryText(entry({ url: 'https:news.example.com/a' })))).toMatchObject([{ field: 'url', message: '"https:news.example.com/a" is not an absolute http(s) URL' }]);
  });
});

describe('parseEntry: control characters from YAML escapes', () => {
  it('reads them as the characters they escape, which cleanText removes from every output', async () => {
    const { cleanText } = await import('../../../lib/shared/xmlText.js');
    const text = '---\ntitle: "Rice\\0 and\\x85 rates\\uFFFE held\\e"\nurl: https://x.example/a\nsource: "Daily\\x01 NK"\ndate: 2014-05-01\n---\n';
    const parsed = parseEntry(text, KEY, SEOUL).entry!;
    expect(parsed.title).toBe('Rice\u0000 and\u0085 rates\uFFFE held\u001B');
    expect(cleanText(parsed.title)).toBe('Rice and rates held');
    expect(cleanText(parsed.source.name)).toBe('Daily NK');
  });
});

describe('parseEntry: text kept as typed', () => {
  const raw = (lines: string) => `---\n${lines}\n---\n`;
  const base = 'url: https://x.example/a\nsource: S\ndate: 2014-05-01';

  it('refuses tags written as one text with commas, which YAML reads as one tag; keeps one tag written alone', () => {
    expect(problemsOf(raw(`title: T\n${base}\ntags: Trade, China`))).toEqual([
      { file: KEY, line: 6, field: 'tags', message: '"Trade, China" is one text, not a list: it would be one tag', fix: 'write tags: [Trade, China] for 2 tags, or tags: ["Trade, China"] for one tag with a comma' },
    ]);
    expect(parseEntry(raw(`title: T\n${base}\ntags: Trade`), KEY, SEOUL).entry!.tags).toEqual([{ name: 'Trade', slug: 'trade' }]);
    // A comma inside a list's quoted tag is the editor's choice.
    expect(parseEntry(raw(`title: T\n${base}\ntags: ["Korea, North"]`), KEY, SEOUL).entry!.tags).toEqual([{ name: 'Korea, North', slug: 'korea-north' }]);
  });

  it('asks to quote a title, id or tag that YAML would read as a different number', () => {
    expect(problemsOf(raw(`title: 1e3\n${base}`))).toEqual([{ file: KEY, line: 2, field: 'title', message: 'YAML reads "1e3" as the number 1000, not as typed', fix: 'put it in quotes to keep it as typed, e.g. title: "1e3"' }]);
    expect(problemsOf(raw(`title: T\n${base}\nid: 0x1F`))).toMatchObject([{ field: 'id', message: 'YAML reads "0x1F" as the number 31, not as typed', fix: expect.stringContaining('id: "0x1F"') }]);
    expect(problemsOf(raw(`title: T\n${base}\ntags: [python, 3.10, 007]`))).toMatchObject([
      { field: 'tags[1]', message: 'YAML reads "3.10" as the number 3.1, not as typed', fix: 'put it in quotes to keep it as typed: "3.10"' },
      { field: 'tags[2]', message: 'YAML reads "007" as the number 7, not as typed', fix: 'put it in quotes to keep it as typed: "007"' },
    ]);
    expect(problemsOf(raw(`title: T\n${base}\ntags:\n  - .inf\n  - +12`))).toMatchObject([
      { field: 'tags[0]', line: 7, message: 'YAML reads ".inf" as the number Infinity, not as typed', fix: 'put it in quotes to keep it as typed: ".inf"' },
      { field: 'tags[1]', line: 8, message: 'YAML reads "+12" as the number 12, not as typed', fix: 'put it in quotes to keep it as typed: "+12"' },
    ]);
    expect(problemsOf(raw(`title: T\n${base}\ntags: .nan`))).toEqual([{ file: KEY, line: 6, field: 'tags[0]', message: 'YAML reads ".nan" as the number NaN, not as typed', fix: 'put it in quotes to keep it as typed: ".nan"' }]);
    // Two words on the line that YAML reads as the same number: which one is the tag is not said, so the example is general.
    expect(problemsOf(raw(`title: T\n${base}\ntags: [3.10, 3.100]`))).toMatchObject([
      { field: 'tags[0]', message: 'YAML reads this tag as the number 3.1, not as typed', fix: 'put it in quotes to keep it as typed, e.g. tags: [news, "3.10"]' },
      { field: 'tags[1]', message: 'YAML reads this tag as the number 3.1, not as typed' },
    ]);
  });

  it('a date or updated YAML reads as a number other than typed is quoted as typed, not as the number', () => {
    const at = 'url: https://x.example/a\nsource: S';
    const fix = 'write YYYY-MM-DD, or an RFC 3339 date-time such as 2014-05-12T09:30:00+09:00';
    expect(problemsOf(raw(`title: T\n${at}\ndate: .nan`))).toEqual([{ file: KEY, line: 5, field: 'date', message: 'YAML reads ".nan" as the number NaN, not a date', fix }]);
    expect(problemsOf(raw(`title: T\n${base}\nupdated: .Inf`))).toEqual([{ file: KEY, line: 6, field: 'updated', message: 'YAML reads ".Inf" as the number Infinity, not a date', fix }]);
    expect(problemsOf(raw(`title: T\n${at}\ndate: 2e3`))).toMatchObject([{ field: 'date', message: 'YAML reads "2e3" as the number 2000, not a date' }]);
    // Read as typed: the text is the number's own digits.
    expect(problemsOf(raw(`title: T\n${at}\ndate: 20140512`))).toMatchObject([{ field: 'date', message: '"20140512" is not a date' }]);
  });

  it('asks to quote a summary, source, source name or related title that YAML would read as a different number, naming the field, not calling it missing', () => {
    const at = 'url: https://x.example/a\ndate: 2014-05-01';
    expect(problemsOf(raw(`title: T\n${at}\nsource: 1e3`))).toEqual([{ file: KEY, line: 5, field: 'source', message: 'YAML reads "1e3" as the number 1000, not as typed', fix: 'put it in quotes to keep it as typed, e.g. source: "1e3"' }]);
    expect(problemsOf(raw(`title: T\n${at}\nsource: {name: 1.50, url: "https://s.example/"}`))).toEqual([{ file: KEY, line: 5, field: 'source.name', message: 'YAML reads "1.50" as the number 1.5, not as typed', fix: 'put it in quotes to keep it as typed, e.g. name: "1.50"' }]);
    expect(problemsOf(raw(`title: T\n${base}\nsummary: 0x1F`))).toEqual([{ file: KEY, line: 6, field: 'summary', message: 'YAML reads "0x1F" as the number 31, not as typed', fix: 'put it in quotes to keep it as typed, e.g. summary: "0x1F"' }]);
    expect(problemsOf(raw(`title: T\n${base}\nrelated:\n  - title: Fine\n    url: https://r.example/a\n  - title: 0o17\n    url: https://r.example/b`))).toEqual([
      { file: KEY, line: 9, field: 'related[1].title', message: 'YAML reads "0o17" as the number 15, not as typed', fix: 'put it in quotes to keep it as typed, e.g. title: "0o17"' },
    ]);
  });

  it('reads one tag written alone as a number as typed, or asks to quote it, as in a list; not "must be a list"', () => {
    expect(parseEntry(raw(`title: T\n${base}\ntags: 2014`), KEY, SEOUL).entry!.tags).toEqual([{ name: '2014', slug: '2014' }]);
    expect(problemsOf(raw(`title: T\n${base}\ntags: 3.10`))).toEqual([{ file: KEY, line: 6, field: 'tags[0]', message: 'YAML reads "3.10" as the number 3.1, not as typed', fix: 'put it in quotes to keep it as typed: "3.10"' }]);
  });

  it('keeps a summary, source, source name or related title that reads back as typed (the magazine 1843, the novel 1984)', () => {
    const at = 'url: https://x.example/a\ndate: 2014-05-01';
    expect(parseEntry(raw(`title: T\n${at}\nsource: 1843\nsummary: 2048`), KEY, SEOUL).entry).toMatchObject({ source: { name: '1843' }, summary: '2048' });
    expect(parseEntry(raw(`title: T\n${at}\nsource: {name: 1843, url: "https://s.example/"}\nrelated: [{title: 1984, url: "https://r.example/"}]`), KEY, SEOUL).entry).toMatchObject({
      source: { name: '1843', url: 'https://s.example/' },
      related: [{ title: '1984', url: 'https://r.example/' }],
    });
  });

  it('keeps a number that reads back as typed, and a quoted one exactly', () => {
    const parsed = parseEntry(raw(`title: 1984\n${base}\nid: 42\ntags: [2014, "3.10", '007']`), KEY, SEOUL).entry!;
    expect(parsed.title).toBe('1984');
    expect(parsed.id).toBe('42');
    expect(parsed.tags.map((tag) => tag.name)).toEqual(['2014', '3.10', '007']);
    expect(parseEntry(raw(`title: "1e3"\n${base}\nid: "0x1F"`), KEY, SEOUL).entry).toMatchObject({ title: '1e3', id: '0x1F' });
  });
});

describe('parseEntry: text that would publish blank', () => {
  // Every output removes these (lib/shared/xmlText.ts): a field of nothing else would be published empty.
  const CONTROLS = '\u0001\u0002\u007F';
  const control = 'holds only control characters, which every feed and page removes';

  it('a title of control characters alone', () => {
    expect(problemsOf(entryText(entry({ title: CONTROLS })))).toMatchObject([{ field: 'title', message: control, line: 2 }]);
  });

  it('a source name of white space or of control characters alone', () => {
    expect(problemsOf(entryText(entry({ source: '   ' })))).toMatchObject([{ field: 'source', message: 'is empty' }]);
    expect(problemsOf(entryText(entry({ source: CONTROLS })))).toMatchObject([{ field: 'source', message: control }]);
    expect(problemsOf(entryText(entry({ source: { name: ' ' } })))).toMatchObject([{ field: 'source.name', message: 'is missing' }]);
    expect(problemsOf(entryText(entry({ source: { name: CONTROLS, url: 'https://x.example/' } })))).toMatchObject([{ field: 'source.name', message: control }]);
  });

  it('a tag, a related link title or an id of control characters alone', () => {
    expect(problemsOf(entryText(entry({ tags: ['trade', CONTROLS] })))).toMatchObject([{ field: 'tags[1]', message: 'is not a tag name' }]);
    // Typed, so not missing: blank in every output, as a source name's.
    expect(problemsOf(entryText(entry({ related: [{ title: CONTROLS, url: 'https://x.example/r' }] })))).toMatchObject([{ field: 'related[0].title', message: control }]);
    expect(problemsOf(entryText(entry({ related: [{ url: 'https://x.example/r' }] })))).toMatchObject([{ field: 'related[0].title', message: 'is missing' }]);
    expect(problemsOf(entryText(entry({ id: CONTROLS })))).toMatchObject([{ field: 'id', message: 'must be non-empty text' }]);
  });

  it('a related link with its title and no url, or an empty url: is missing it (no value to quote), at its line', () => {
    // Its line: the opening ---, five fields, the tag, related:, the first link's two lines, then the second's
    // `- title:` (11) and `url:` (12).
    for (const [link, line] of [[{ title: 'More' }, 11], [{ title: 'More', url: null }, 12]] as const) {
      expect(problemsOf(entryText(entry({ related: [{ title: 'First', url: 'https://x.example/r' }, link] })))).toEqual([{ file: KEY, line, field: 'related[1].url', message: 'is missing', fix: 'add url: with the full address, starting with https://' }]);
    }
  });

  it('a title, source name, tag or related link title of characters that show nothing: a zero-width space, a bidi control, a Hangul filler', () => {
    const invisible = (names: string) => `holds only characters that show nothing (${names}), so every feed and page would show it blank`;
    expect(problemsOf(entryText(entry({ title: '\u200B' })))).toMatchObject([{ field: 'title', message: invisible('U+200B'), line: 2 }]);
    expect(problemsOf(entryText(entry({ source: '\u200E\u3164' })))).toMatchObject([{ field: 'source', message: invisible('U+200E, U+3164') }]);
    expect(problemsOf(entryText(entry({ source: { name: '\u2060\u00AD', url: 'https://x.example/' } })))).toMatchObject([{ field: 'source.name', message: invisible('U+2060, U+00AD') }]);
    expect(problemsOf(entryText(entry({ tags: ['trade', '\u202E'] })))).toMatchObject([{ field: 'tags[1]', message: 'is not a tag name' }]);
    expect(problemsOf(entryText(entry({ related: [{ title: '\u2060', url: 'https://x.example/r' }] })))).toMatchObject([{ field: 'related[0].title', message: invisible('U+2060') }]);
  });

  it('a summary or image description of characters that show nothing is none: the first paragraph and the title stand in', () => {
    const parsed = parseEntry(entryText(entry({ summary: '\u200B', image: 'https://img.example/a.jpg', imageAlt: '\u200B' })), KEY, SEOUL);
    expect(parsed.problems).toEqual([]);
    expect(parsed.entry!.summary).toBeUndefined();
    expect(parsed.entry!.imageAlt).toBeUndefined();
  });

  it('a summary of control characters alone is no summary: the first paragraph stands in', () => {
    const parsed = parseEntry(entryText(entry({ summary: CONTROLS })), KEY, SEOUL);
    expect(parsed.problems).toEqual([]);
    expect(parsed.entry!.summary).toBeUndefined();
  });

  it('text with a control character among printable ones is kept, to be cleaned on output', () => {
    const parsed = parseEntry(entryText(entry({ title: `Rice${CONTROLS} rates`, source: `Daily${CONTROLS}` })), KEY, SEOUL);
    expect(parsed.problems).toEqual([]);
    expect(parsed.entry!.title).toBe(`Rice${CONTROLS} rates`);
  });
});

describe('parseEntry: a tag as every output shows it', () => {
  it('is named and slugged without the control characters every output removes, so it is the same tag as the clean spelling', () => {
    const dirty = parseEntry(entryText(entry({ tags: ['Tr\u0001ade', 'Sanctions\uFDD0'] })), KEY, SEOUL).entry!;
    const clean = parseEntry(entryText(entry({ tags: ['Trade', 'Sanctions'] })), KEY, SEOUL).entry!;
    expect(dirty.tags).toEqual(clean.tags);
    expect(dirty.tags).toEqual([
      { name: 'Trade', slug: 'trade' },
      { name: 'Sanctions', slug: 'sanctions' },
    ]);
  });
});

describe('parseEntry: direction controls left open', () => {
  it('warns for each text field holding one, naming the control and how to close it; the entry still parses', () => {
    const parsed = parseEntry(
      entryText(entry({ title: 'Invoice \u202Efdp.exe', source: { name: 'Wire \u2067service', url: 'https://news.example.com/' }, summary: 'Closed \u202Eone\u202C here.', tags: ['Trade', 'x\u202Dy'], related: [{ title: 'More \u202B', url: 'https://news.example.com/m' }] })),
      KEY,
      SEOUL,
    );
    expect(parsed.problems).toEqual([]);
    expect(parsed.entry?.title).toBe('Invoice \u202Efdp.exe');
    expect(parsed.warnings.map((w) => [w.field, w.message.split(' and ')[0]])).toEqual([
      ['title', 'holds U+202E RIGHT-TO-LEFT OVERRIDE'],
      ['source.name', 'holds U+2067 RIGHT-TO-LEFT ISOLATE'],
      ['tags[1]', 'holds U+202D LEFT-TO-RIGHT OVERRIDE'],
      ['related[0].title', 'holds U+202B RIGHT-TO-LEFT EMBEDDING'],
    ]);
    expect(parsed.warnings[0]).toMatchObject({ file: KEY, line: 2, fix: expect.stringContaining('U+202C after an embedding or override') });
  });
});

describe('parseEntry: text in NFC', () => {
  // Typed decomposed (NFD), as some Mac tools save Hangul: 북 is then the jamo ᄇ ᅮ ᆨ.
  const d = (text: string) => text.normalize('NFD');

  it('reads the title, source, summary, tags, related titles, image text and body typed in NFD as their NFC twins', () => {
    const typed = { title: '북·중 교역 증가', source: { name: '연합뉴스' }, summary: '신의주 세관.', tags: ['북한경제', '중국'], related: [{ title: '세관 정상화', url: 'https://x.example/r' }], image: 'https://x.example/i.png', imageAlt: '신의주 세관' };
    const nfd = parseEntry(entryText(entry({ ...typed, title: d(typed.title), source: { name: d(typed.source.name) }, summary: d(typed.summary), tags: [d('북한경제'), '중국'], related: [{ title: d('세관 정상화'), url: 'https://x.example/r' }], imageAlt: d(typed.imageAlt) }), d('압록강 *다리*.\n')), KEY, SEOUL);
    const nfc = parseEntry(entryText(entry(typed), '압록강 *다리*.\n'), KEY, SEOUL);
    expect(nfd.problems).toEqual([]);
    expect(d(typed.title)).not.toBe(typed.title);
    expect(nfd.entry).toEqual(nfc.entry);
    expect(nfd.entry!.tags.map((tag) => tag.name)).toEqual(['북한경제', '중국']);
    expect(nfd.body).toBe(nfc.body);
  });

  it('keeps one tag typed once in NFD and once in NFC as one, spelled in NFC', () => {
    const parsed = parseEntry(entryText(entry({ tags: [d('북한경제'), '북한경제'] })), KEY, SEOUL);
    expect(parsed.entry!.tags.map((tag) => tag.name)).toEqual(['북한경제']);
  });

  it('keeps the url and the id as typed: a server and a feed reader match them byte for byte', () => {
    const parsed = parseEntry(entryText(entry({ url: `https://x.example/${d('북한')}`, id: d('북한') })), KEY, SEOUL);
    expect(parsed.entry!.id).toBe(d('북한'));
    expect(parsed.entry!.url).toBe(new URL(`https://x.example/${d('북한')}`).href);
    expect(parsed.entry!.url).not.toBe(new URL('https://x.example/북한').href);
  });
});
