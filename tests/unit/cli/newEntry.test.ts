import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { parseEntry, type EntryMeta } from '../../../lib/content/entry.js';
import { TakenError, UsageError } from '../../../lib/shared/errors.js';
import { createEntry, entrySlug, guessSource, renderNewEntry, sameArticle } from '../../../cli/newEntry.js';
import { entry, entryText, memoryContent, SITE } from '../../support/content.js';

const SEOUL = { timezone: 'Asia/Seoul' };

describe('renderNewEntry', () => {
  const tricky = ['Rason: port "upgrade"', "It's #1 — again", 'yes', '2014', '- dash first', '[bracketed]', 'Ünïcødé 북한 title', '@handle & co'];
  for (const title of tricky) {
    it(`writes front matter that reads back exactly: title ${JSON.stringify(title)}`, () => {
      // With the commentary the editor writes below: left empty, the entry is warned of as unfilled (unfilledEntry.test.ts).
      const text = `${renderNewEntry({ url: 'https://example.com/a?b=1&c=2', title, tags: ['Trade', 'no: colon', 'true'], date: '2014-06-02' }, { name: 'A: B', url: 'https://example.com/' })}Commentary.\n`;
      const parsed = parseEntry(text, 'entries/2014/x.md', SEOUL);
      expect(parsed.problems).toEqual([]);
      expect(parsed.warnings).toEqual([]);
      expect(parsed.entry).toMatchObject({ title, url: 'https://example.com/a?b=1&c=2', source: { name: 'A: B', url: 'https://example.com/' } });
      expect(parsed.entry!.tags.map((tag) => tag.name)).toEqual(['Trade', 'no: colon', 'true']);
      expect(parsed.entry!.date).toBe(DateTime.fromISO('2014-06-02', { zone: 'Asia/Seoul' }).toMillis());
    });
  }

  it('leaves an empty title for the editor, which check reports on its line', () => {
    const parsed = parseEntry(renderNewEntry({ url: 'https://example.com/a', date: '2014-06-02' }, { name: 'example.com' }), 'entries/2014/a.md', SEOUL);
    expect(parsed.problems).toEqual([expect.objectContaining({ field: 'title', line: 2, message: 'is empty' })]);
  });
});

describe('entrySlug', () => {
  it('slugs the title', () => expect(entrySlug({ title: 'Rasŏn to import electricity!', url: 'https://x.example/a' })).toBe('rason-to-import-electricity'));
  it('ends a long title’s slug on a whole word, never a fragment of one or of an xn-- word', () => {
    // 15 words of five letters and their hyphens: 89 characters, of which 13 words (77 characters) fit in 80.
    const words = Array.from({ length: 15 }, (_, i) => `w${String(i).padStart(2, '0')}ab`);
    expect(entrySlug({ title: words.join(' '), url: 'https://x.example/a' })).toBe(words.slice(0, 13).join('-'));
    // 북한 is xn--pr3b894b (12 characters): nine of them and their hyphens come to 116; six fit (77).
    expect(entrySlug({ title: Array(9).fill('북한').join(' '), url: 'https://x.example/a' })).toBe(Array(6).fill('xn--pr3b894b').join('-'));
    // slugify cuts this title's 89 characters inside `xn--zb0bk79a` (세관) and drops the hyphens, leaving 79: still
    // a cut. Kept: 북 중 교역 1분기 23 증가 신의주, 76 characters; 세관 would make 89.
    expect(entrySlug({ title: '북·중 교역, 1분기 23% 증가… 신의주 세관 「정상화」', url: 'https://x.example/a' })).toBe(
      'xn--pr3b-xn--955b-xn--9d0bu08b-xn--1-3u6el60b-23-xn--o39ao57c-xn--zv4bu5f99a',
    );
    // A title of one word longer than a slug is cut, as before: there is no whole word to end on.
    expect(entrySlug({ title: 'a'.repeat(100), url: 'https://x.example/a' })).toBe('a'.repeat(80));
  });
  it('falls back to the last path segment without its extension', () => expect(entrySlug({ url: 'https://x.example/2014/05/Market-Prices.html' })).toBe('market-prices'));
  it('falls back to the host when the path has no words', () => expect(entrySlug({ url: 'https://www.example.com/2014/05/12345' })).toBe('example-com'));
  it('falls back to the path for a title without a letter or digit, whose slug would be a hash', () => {
    for (const title of ['🚀🚀', '..', '—', '  ']) expect(entrySlug({ title, url: 'https://x.example/2014/05/Market-Prices.html' }), title).toBe('market-prices');
  });
  it('never names a file as Windows names a device (CON, PRN, AUX, NUL, COM0–9, LPT0–9, any case): the name with -1 after it', () => {
    expect(entrySlug({ title: 'CON', url: 'https://a.example/w' })).toBe('con-1');
    expect(entrySlug({ title: 'Nul', url: 'https://a.example/w' })).toBe('nul-1');
    expect(entrySlug({ url: 'https://a.example/2026/aux/' })).toBe('aux-1');
    expect(entrySlug({ url: 'https://a.example/2026/com1.html' })).toBe('com1-1');
    expect(entrySlug({ title: 'LPT9', url: 'https://a.example/w' })).toBe('lpt9-1');
    expect(entrySlug({ title: 'prn', url: 'https://a.example/w' })).toBe('prn-1');
    // Only the whole name: a word of a longer title is a name Windows takes.
    expect(entrySlug({ title: 'Con men', url: 'https://a.example/w' })).toBe('con-men');
    expect(entrySlug({ title: 'COM10', url: 'https://a.example/w' })).toBe('com10');
  });
  it('reads the segment\'s escapes as UTF-8 (%C3%A9 is é)', () => expect(entrySlug({ url: 'https://x.example/news/caf%C3%A9-story' })).toBe('cafe-story'));
  it('drops an escaped byte that is no UTF-8 (a Latin-1 %E9) instead of failing on it', () => {
    // %E9 alone is no UTF-8 sequence: it is left out, and the words around it stay apart.
    expect(entrySlug({ url: 'https://x.example/news/caf%E9-story' })).toBe('caf-story');
    expect(entrySlug({ url: 'https://x.example/news/prix-%E9t%E9-2014' })).toBe('prix-t-2014');
  });
});

describe('sameArticle', () => {
  it('ignores the fragment, a trailing slash and the host case', () => {
    expect(sameArticle('https://News.example.com/a/#top', 'https://news.example.com/a')).toBe(true);
  });
  it('ignores tracking parameters', () => {
    expect(sameArticle('https://news.example.com/a?utm_source=newsletter&fbclid=x', 'https://news.example.com/a')).toBe(true);
  });
  it('keeps the query, and ignores http against https', () => {
    expect(sameArticle('https://news.example.com/a?id=1', 'https://news.example.com/a?id=2')).toBe(false);
    expect(sameArticle('http://news.example.com/a', 'https://news.example.com/a')).toBe(true);
  });
});

describe('guessSource', () => {
  const existing = [
    { url: 'https://www.38north.org/2014/04/old/', date: 1, source: { name: '38 North (old)', url: 'https://38north.org/' } },
    { url: 'https://www.38north.org/2014/05/new/', date: 2, source: { name: '38 North', url: 'https://www.38north.org/' } },
  ] as EntryMeta[];
  it("takes the newest earlier entry's source from the same host", () => {
    expect(guessSource({ url: 'https://38north.org/2014/06/x/' }, existing)).toEqual({ name: '38 North', url: 'https://www.38north.org/' });
  });
  it('keeps the name the editor gives, with the URL an earlier entry gave that name', () => {
    expect(guessSource({ url: 'https://elsewhere.example/x', source: '38 north' }, existing)).toEqual({ name: '38 north', url: 'https://www.38north.org/' });
  });
  it('falls back to the host name', () => {
    expect(guessSource({ url: 'https://www.unknown.example/x' }, existing)).toEqual({ name: 'unknown.example' });
  });
});

describe('createEntry', () => {
  const now = DateTime.fromISO('2014-06-01T16:00:00Z');
  it('writes entries/YYYY/<slug>.md dated today in the site zone', async () => {
    const content = memoryContent({ site: SITE, entries: {} });
    const created = await createEntry(content, { url: 'https://example.com/a', title: 'A title' }, now);
    expect(created.key).toBe('entries/2014/a-title.md');
    expect(content.text(created.key)).toContain('date: 2014-06-02\n');
  });

  it('writes con-1.md, not con.md, for a title Windows would take for a device, and check has nothing to say of it', async () => {
    const content = memoryContent({ site: SITE, entries: {} });
    const created = await createEntry(content, { url: 'https://example.com/w', title: 'CON' }, now);
    expect(created.key).toBe('entries/2014/con-1.md');
    expect(content.objects.has('entries/2014/con.md')).toBe(false);
    expect(parseEntry(`${content.text(created.key)!}Commentary.\n`, created.key, SEOUL).warnings).toEqual([]);
  });

  it('writes each tag once, spelled as the site spells it (case, accents and spacing aside), so the tag page keeps its name', async () => {
    const content = memoryContent({
      site: SITE,
      entries: {
        '2014/old.md': entryText(entry({ url: 'https://example.com/old', date: '2014-05-01', tags: ['trade'] })),
        '2014/newer.md': entryText(entry({ url: 'https://example.com/newer', date: '2014-05-20', tags: ['Trade', 'Rasŏn', 'North Korea'] })),
      },
    });
    const created = await createEntry(content, { url: 'https://example.com/a', title: 'A', tags: ['TRADE', 'trade', 'rason', 'north-korea', 'Pier', 'PIER'] }, now);
    // The file as written: parseEntry would hide a duplicate, keeping the first tag of each slug.
    expect(content.text(created.key)).toContain('\ntags: [Trade, Rasŏn, North Korea, Pier]\n');
    // Pier is new, and two slips or more from every tag the site has: no warning.
    expect(created.unknownTags).toEqual([]);
  });

  // --tags Trdae wrote a new tag silently: a publish then adds its page, feeds and subscription topic.
  it('names a new tag a slip or two from one the site has, with that tag, and writes the tag as typed', async () => {
    const content = memoryContent({ site: SITE, entries: { '2014/old.md': entryText(entry({ url: 'https://example.com/old', date: '2014-05-01', tags: ['Trade', 'Energy', 'North Korea'] })) } });
    const created = await createEntry(content, { url: 'https://example.com/a', title: 'A', tags: ['Trdae', 'Enrgy', 'Pier', 'North Koera'] }, now);
    expect(created.unknownTags).toEqual([
      ['Trdae', 'Trade'],
      ['Enrgy', 'Energy'],
      ['North Koera', 'North Korea'],
    ]);
    expect(content.text(created.key)).toContain('\ntags: [Trdae, Enrgy, Pier, North Koera]\n');
    // Typed beside the tag it is near, in any case, it is meant as another tag.
    const both = await createEntry(content, { url: 'https://example.com/b', title: 'B', tags: ['Trdae', 'trade'] }, now);
    expect(both.unknownTags).toEqual([]);
  });

  it('refuses the id of an entry renamed with id: kept, naming it, and writes nothing', async () => {
    // A.md was renamed b.md with `id: 2014/a` (README, "Identity"): a new "A" would be entries/2014/a.md, id 2014/a.
    const content = memoryContent({ site: SITE, entries: { '2014/b.md': entryText(entry({ id: '2014/a', url: 'https://example.com/old' })) } });
    await expect(createEntry(content, { url: 'https://example.com/new', title: 'A' }, now)).rejects.toThrow(
      new TakenError('entries/2014/a.md would have the id "2014/a", which is already the id of entries/2014/b.md: give a different --title, or edit that entry'),
    );
    expect([...content.objects.keys()]).toEqual(['site.yml', 'entries/2014/b.md']);
  });

  it('refuses the id an entry file with problems keeps with id:, and the path of one whose front matter does not read', async () => {
    // b.md, renamed from a.md with `id: 2014/a`, has lost its title; C.md's front matter is cut short: both are
    // entries once fixed, with ids 2014/a and 2014/C, which check would then refuse beside a new file of that id.
    const renamed = entryText(entry({ id: '2014/a', url: 'https://example.com/old' })).replace(/^title: .*\n/m, '');
    const content = memoryContent({ site: SITE, entries: { '2014/b.md': renamed, '2014/C.md': '---\ntitle: [C\n' } });
    await expect(createEntry(content, { url: 'https://example.com/new', title: 'A' }, now)).rejects.toThrow(
      new TakenError('entries/2014/a.md would have the id "2014/a", which is already the id of entries/2014/b.md: give a different --title, or edit that entry'),
    );
    await expect(createEntry(content, { url: 'https://example.com/new', title: 'c' }, now)).rejects.toThrow(
      new TakenError('entries/2014/c.md would have the id "2014/c", which differs only by case, Unicode normalisation or invisible characters from "2014/C" (entries/2014/C.md): give a different --title, or edit that entry'),
    );
    expect([...content.objects.keys()]).toEqual(['site.yml', 'entries/2014/b.md', 'entries/2014/C.md']);
  });

  it('refuses an id that differs from another only by case or Unicode normalisation', async () => {
    // A file named by hand with capitals; the slug of "Rason port" is rason-port: one file on a case-insensitive disk.
    const content = memoryContent({ site: SITE, entries: { '2014/Rason-Port.md': entryText(entry({ url: 'https://example.com/old' })) } });
    await expect(createEntry(content, { url: 'https://example.com/new', title: 'Rason port' }, now)).rejects.toThrow(
      new TakenError('entries/2014/rason-port.md would have the id "2014/rason-port", which differs only by case, Unicode normalisation or invisible characters from "2014/Rason-Port" (entries/2014/Rason-Port.md): give a different --title, or edit that entry'),
    );
    expect(content.objects.has('entries/2014/rason-port.md')).toBe(false);
  });

  describe('never writes a file check would refuse for what the flags gave', () => {
    const refused = async (input: Parameters<typeof createEntry>[1], at: DateTime, expected: string) => {
      const content = memoryContent({ site: SITE, entries: {} });
      const error = await createEntry(content, input, at).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(UsageError);
      expect((error as Error).message).toContain(expected);
      expect([...content.objects.keys()]).toEqual(['site.yml']);
    };

    it('more tags than an entry may have (20, README "Limits")', () =>
      refused({ url: 'https://example.com/a', title: 'A', tags: Array.from({ length: 21 }, (_, i) => `t${i}`) }, now, '--tags: has 21 tags, more than the 20'));

    it('a tag, a source or a title of control characters only (each is removed from every output)', async () => {
      await refused({ url: 'https://example.com/a', title: 'A', tags: ['Trade', '\x01'] }, now, '--tags (tags[1]): ');
      await refused({ url: 'https://example.com/a', title: 'A', source: '\x01\x02' }, now, '--source: holds only control characters');
      await refused({ url: 'https://example.com/a', title: 'A', source: '\x01' }, now, '--source: holds only control characters');
      await refused({ url: 'https://example.com/a', title: '\x7f' }, now, '--title: holds only control characters');
    });

    it('a --url with a user name or password, giving it without them', () =>
      refused({ url: 'https://user:secret@example.com/a', title: 'A' }, now, 'write url: https://example.com/a'));

    it("a --now whose day in the site's zone is past 9999-12-29", () =>
      // 20:00 UTC on 31 December 9999 is 05:00 on 1 January 10000 in Seoul (UTC+9).
      refused({ url: 'https://example.com/a', title: 'A' }, DateTime.fromISO('9999-12-31T20:00:00Z'), "today in the site's time zone is +010000-01-01, outside the dates an entry can have"));

    it('a --url that is no absolute http(s) URL, a --date that is no real date or not YYYY-MM-DD', async () => {
      // An address without its scheme gets the address to write, as check gives it for url:; a file name the general fix.
      await refused({ url: 'example.com/a' }, now, 'new: --url "example.com/a" is not an absolute http(s) URL (write --url https://example.com/a, with its https://)');
      await refused({ url: 'notes.md' }, now, 'new: --url "notes.md" is not an absolute http(s) URL (write the full address, starting with https://)');
      await refused({ url: 'https://example.com/a', date: '2014-02-30' }, now, '--date 2014-02-30 is not a real date');
      // A date written otherwise gets the dates it reads as, as check names one in a file; other text the form.
      await refused({ url: 'https://example.com/a', date: '02/06/2014' }, now, '--date "02/06/2014" is not a date in the form YYYY-MM-DD, and it can be read as 2014-02-06 (month first) or 2014-06-02 (day first) (write the one you mean: --date 2014-02-06 or --date 2014-06-02)');
      await refused({ url: 'https://example.com/a', date: '2014-5-8' }, now, '--date "2014-5-8" is not a date in the form YYYY-MM-DD (write --date 2014-05-08)');
      await refused({ url: 'https://example.com/a', date: 'yesterday' }, now, '--date "yesterday" is not YYYY-MM-DD (write e.g. 2014-05-12)');
    });

    it('but leaves the title empty for the editor when none is given', async () => {
      const content = memoryContent({ site: SITE, entries: {} });
      expect((await createEntry(content, { url: 'https://example.com/a/empty-title' }, now)).key).toBe('entries/2014/empty-title.md');
    });
  });

  it('names the entry that already links the article, including drafts', async () => {
    const content = memoryContent({ site: SITE, entries: { '2014/d.md': entryText(entry({ url: 'https://example.com/a', draft: true })) } });
    await expect(createEntry(content, { url: 'https://example.com/a#x', title: 'Other' }, now)).rejects.toThrow(new TakenError('entries/2014/d.md already links https://example.com/a (“An article”), the same article as https://example.com/a#x: edit that entry, or pick another article'));
    expect([...content.objects.keys()]).toEqual(['site.yml', 'entries/2014/d.md']);
    await expect(createEntry(content, { url: 'https://example.com/a', title: 'Other' }, now)).rejects.toThrow(new TakenError('entries/2014/d.md already links https://example.com/a (“An article”): edit that entry, or pick another article'));
  });

  it('names an entry file with problems that links the article: the one new wrote without --title, run again', async () => {
    const content = memoryContent({ site: SITE, entries: {} });
    const first = await createEntry(content, { url: 'https://example.com/2014/06/rason-port/' }, now);
    await expect(createEntry(content, { url: 'https://example.com/2014/06/rason-port', title: 'Rason port' }, now)).rejects.toThrow(
      new TakenError(`${first.key} already links https://example.com/2014/06/rason-port/, the same article as https://example.com/2014/06/rason-port: edit that entry, or pick another article`),
    );
    expect([...content.objects.keys()]).toEqual(['site.yml', first.key]);
  });
});
