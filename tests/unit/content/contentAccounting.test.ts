import { describe, expect, it } from 'vitest';
import { dump } from 'js-yaml';
import { scanContent } from '../../../lib/content/contentScan.js';
import { loadContent } from '../../../lib/content/loadContent.js';
import { ContentError } from '../../../lib/shared/errors.js';
import { warningLines } from '../../../lib/shared/warningLines.js';
import { entry, entryText, memoryContent, SITE } from '../../support/content.js';

async function load(entries: Record<string, string | Buffer>, options: { retainEntries?: boolean; site?: string | Buffer } = {}) {
  const store = memoryContent({ site: SITE, entries: {} });
  for (const [path, body] of Object.entries(entries)) store.objects.set(`entries/${path}`, { body: Buffer.from(body), contentType: 'text/markdown' });
  if (options.site !== undefined) store.objects.set('site.yml', { body: Buffer.from(options.site), contentType: 'application/yaml' });
  return loadContent(await scanContent(store), { retainEntries: options.retainEntries ?? true });
}

describe('files that are not UTF-8', () => {
  const latin1 = Buffer.concat([Buffer.from('---\ntitle: Caf'), Buffer.from([0xe9]), Buffer.from('\nurl: https://x.example/a\nsource: S\ndate: 2014-05-01\n---\n')]);

  it('an entry is refused with the byte offset, never published with U+FFFD, with or without the entries kept', async () => {
    for (const retainEntries of [true, false]) {
      const loaded = await load({ '2014/latin1.md': latin1, '2014/ok.md': entryText(entry({ title: 'Typed \uFFFD on purpose' })) }, { retainEntries });
      // "---\ntitle: Caf" is 14 bytes: the é is byte 14, on line 2 after 10 characters.
      expect(loaded.problems).toEqual([{ file: 'entries/2014/latin1.md', line: 2, field: 'file', message: 'is not valid UTF-8 at column 11 (byte offset 14: 0xE9, "é" in Latin-1 or Windows-1252)', fix: expect.stringContaining('UTF-8') }]);
      expect(loaded.invalidKeys).toEqual(new Set(['entries/2014/latin1.md']));
    }
    // A U+FFFD the editor typed is text like any other.
    expect((await load({ '2014/ok.md': entryText(entry({ title: 'Typed \uFFFD on purpose' })) })).entries[0]!.title).toBe('Typed \uFFFD on purpose');
  });

  it('site.yml is refused with the byte offset', async () => {
    const site = Buffer.concat([Buffer.from(dump(SITE)), Buffer.from('author: {name: Jos'), Buffer.from([0xe9]), Buffer.from('}\n')]);
    const error = await load({}, { site }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ContentError);
    // The é follows the 18 characters of "author: {name: Jos", on the line after dump(SITE)'s last.
    const line = dump(SITE).split('\n').length;
    const message = `is not valid UTF-8 at column 19 (byte offset ${Buffer.byteLength(dump(SITE)) + 18}: 0xE9, "é" in Latin-1 or Windows-1252)`;
    expect((error as ContentError).problems).toEqual([{ file: 'site.yml', line, field: 'file', message, fix: expect.stringContaining('UTF-8') }]);
  });
});

describe('files in UTF-16', () => {
  it('an entry and site.yml, with a byte-order mark or without: named as UTF-16, with the fix', async () => {
    const text = entryText(entry({ url: 'https://x.example/a' }));
    const withMark = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const loaded = await load({ '2014/mark.md': withMark, '2014/bare.md': Buffer.from(text, 'utf16le') });
    const utf16 = { field: 'file', message: 'is in UTF-16 (little-endian), as Notepad\'s "Unicode" and PowerShell\'s > save text, not UTF-8', fix: 'save the file as UTF-8: in Notepad, Save As with the encoding UTF-8; in PowerShell, Out-File -Encoding utf8' };
    expect(loaded.problems).toEqual([{ file: 'entries/2014/bare.md', ...utf16 }, { file: 'entries/2014/mark.md', ...utf16 }]);
    for (const site of [Buffer.from(dump(SITE), 'utf16le'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(dump(SITE), 'utf16le')])]) {
      const error = await load({ '2014/ok.md': text }, { site }).catch((caught: unknown) => caught);
      expect((error as ContentError).problems).toEqual([{ file: 'site.yml', ...utf16 }]);
    }
  });
});

describe('tags whose slugs collide', () => {
  const files = {
    '2014/a.md': entryText(entry({ url: 'https://x.example/a', tags: ['C++'] })),
    '2014/b.md': entryText(entry({ url: 'https://x.example/b', tags: ['C#', 'North Korea'] })),
    '2014/c.md': entryText(entry({ url: 'https://x.example/c', tags: ['C', 'north-korea', 'NORTH KOREA'] })),
  };

  // Entries kept, not kept, and reloaded from the entry index another load left.
  const threeWays = async (typed: Record<string, string>) => {
    const { MemoryStore } = await import('../../../lib/store/memoryStore.js');
    const { INDEX_KEY } = await import('../../../lib/content/entryIndex.js');
    const content = memoryContent({ site: SITE, entries: typed });
    const output = new MemoryStore();
    const first = await loadContent(await scanContent(content), { cacheStore: output });
    await output.put(INDEX_KEY, Buffer.concat(first.index.serialize(first.keys, new Set())), { contentType: 'application/json' });
    const again = await loadContent(await scanContent(content), { cacheStore: output });
    expect(again.index.madeForThisContext).toBe(true);
    return [await load(typed), await load(typed, { retainEntries: false }), again];
  };

  it('warns once per spelling, naming the others, with or without the entries kept; case and spacing are one tag', async () => {
    for (const retainEntries of [true, false]) {
      const loaded = await load(files, { retainEntries });
      expect(loaded.problems).toEqual([]);
      const collisions = loaded.warnings.filter((warning) => warning.field === 'tags');
      expect(collisions.map((warning) => [warning.file, warning.message])).toEqual([
        ['entries/2014/a.md', 'the tag "C++" is published at tags/c/ with "C#" (entries/2014/b.md), "C" (entries/2014/c.md): one page and feed for all'],
        ['entries/2014/b.md', 'the tag "C#" is published at tags/c/ with "C++" (entries/2014/a.md), "C" (entries/2014/c.md): one page and feed for all'],
        ['entries/2014/c.md', 'the tag "C" is published at tags/c/ with "C++" (entries/2014/a.md), "C#" (entries/2014/b.md): one page and feed for all'],
      ]);
      expect(collisions[0]!.fix).toContain('tagSlugs: {"C++": c-1, "C#": c-2, "C": c-3}');
    }
  });

  it('two spellings each used alone in two files: every file of the spelling not kept is warned, naming the one kept', async () => {
    const typed = (name: string, tag: string) => ({ [`2014/${name}`]: entryText(entry({ url: `https://x.example/${name}`, tags: [tag] })) });
    // Two files each: "C++" is kept, the first used; a.md is warned as its first file, b.md and d.md each as a "C#" file.
    const files = { ...typed('a.md', 'C++'), ...typed('b.md', 'C#'), ...typed('c.md', 'C++'), ...typed('d.md', 'C#') };
    for (const loaded of await threeWays(files)) {
      const collisions = loaded.warnings.filter((warning) => warning.field === 'tags');
      const sharp = { field: 'tags', message: 'the tag "C#" is published at tags/c/ with "C++" (entries/2014/a.md): one page and feed for all', fix: 'write "C++" here, the spelling of 2 of the 4 entries at tags/c/, or give each spelling its own slug in site.yml, e.g. tagSlugs: {"C++": c-1, "C#": c-2}' };
      expect(collisions).toEqual([
        { file: 'entries/2014/a.md', field: 'tags', message: 'the tag "C++" is published at tags/c/ with "C#" (entries/2014/b.md): one page and feed for all', fix: 'use one spelling, or give each its own slug in site.yml, e.g. tagSlugs: {"C++": c-1, "C#": c-2}' },
        { file: 'entries/2014/b.md', ...sharp },
        { file: 'entries/2014/d.md', ...sharp },
      ]);
    }
  });

  it('site.yml tagSlugs gives each spelling its own slug, kept through the index cache', async () => {
    const site = dump({ ...SITE, tagSlugs: { 'c++': 'cpp', 'C#': 'csharp' } });
    const loaded = await load(files, { site });
    expect(loaded.warnings).toEqual([]);
    expect(loaded.entries.flatMap((e) => e.tags.map((tag) => `${tag.name}=${tag.slug}`))).toEqual(['C++=cpp', 'C#=csharp', 'North Korea=north-korea', 'C=c', 'north-korea=north-korea']);
    const { decodeRecord, encodeRecord } = await import('../../../lib/content/indexRecordCodec.js');
    const first = loaded.entries[0]!;
    const roundTrip = decodeRecord(first.key, JSON.parse(JSON.stringify(encodeRecord(first.key, { version: '1', entry: first }))));
    expect(roundTrip.entry!.tags).toEqual([{ name: 'C++', slug: 'cpp' }]);
  });

  it('a slug tagSlugs gives one spelling is shared by choice, but two spellings slugify put there still warn', async () => {
    // C++ is given c on purpose; C# and C both slug to c by themselves, which nobody chose.
    const loaded = await load(files, { site: dump({ ...SITE, tagSlugs: { 'C++': 'c' } }) });
    expect(loaded.warnings.filter((warning) => warning.field === 'tags').map((warning) => warning.file)).toEqual(['entries/2014/a.md', 'entries/2014/b.md', 'entries/2014/c.md']);
    const alone = await load({ '2014/a.md': files['2014/a.md'], '2014/c.md': files['2014/c.md'] }, { site: dump({ ...SITE, tagSlugs: { 'C++': 'c' } }) });
    expect(alone.warnings).toEqual([]);
  });

  it('spellings of one slug in one entry: the first is its tag, and the warning names the others as merged into it, also from the index cache', async () => {
    const typed = {
      // Économie/Economie and trade/trade differ only by accents or case: one tag, as across entries, and no warning.
      '2014/a.md': entryText(entry({ url: 'https://x.example/a', tags: ['C++', 'Économie', 'C#', 'Economie', 'trade', 'trade'] })),
      '2014/b.md': entryText(entry({ url: 'https://x.example/b', tags: ['C'] })),
    };
    for (const loaded of await threeWays(typed)) {
      const collisions = loaded.warnings.filter((warning) => warning.field === 'tags');
      expect(collisions.map((warning) => [warning.file, warning.message])).toEqual([
        ['entries/2014/a.md', 'the tags "C++" and "C#" are all published at tags/c/ with "C" (entries/2014/b.md), one page and feed: this entry is tagged "C++" alone, "C#" merged into it'],
        ['entries/2014/b.md', 'the tag "C" is published at tags/c/ with "C++" (entries/2014/a.md), "C#" (entries/2014/a.md): one page and feed for all'],
      ]);
      expect(collisions[0]!.fix).toBe('use one spelling, or give each its own slug in site.yml, e.g. tagSlugs: {"C++": c-1, "C#": c-2, "C": c-3}');
    }
    // What is published: one tag per slug, the first spelling typed.
    expect((await load(typed)).entries[0]!.tags.map((tag) => tag.name)).toEqual(['C++', 'Économie', 'trade']);
  });

  it('an entry merging spellings hides no other file using the slug, whichever file comes first', async () => {
    const merging = entryText(entry({ url: 'https://x.example/a', tags: ['C++', 'C#', 'C'] }));
    const alone = entryText(entry({ url: 'https://x.example/b', tags: ['C'] }));
    // b.md comes after a.md in key order, 0b.md before it: each is warned of "C++" and "C#", and a.md names it.
    for (const name of ['b.md', '0b.md']) {
      for (const loaded of await threeWays({ '2014/a.md': merging, [`2014/${name}`]: alone })) {
        const collisions = loaded.warnings.filter((warning) => warning.field === 'tags').map((warning) => [warning.file, warning.message]);
        expect(collisions).toHaveLength(2);
        expect(collisions).toContainEqual(['entries/2014/a.md', `the tags "C++", "C#", and "C" are all published at tags/c/ with "C" (entries/2014/${name}), one page and feed: this entry is tagged "C++" alone, "C#" and "C" merged into it`]);
        expect(collisions).toContainEqual([`entries/2014/${name}`, 'the tag "C" is published at tags/c/ with "C++" (entries/2014/a.md), "C#" (entries/2014/a.md): one page and feed for all']);
      }
    }
    // Two entries merging the same spellings: each names the other.
    const twice = { '2014/a.md': entryText(entry({ url: 'https://x.example/a', tags: ['C++', 'C'] })), '2014/b.md': entryText(entry({ url: 'https://x.example/b', tags: ['C++', 'C'] })) };
    for (const loaded of await threeWays(twice)) {
      expect(loaded.warnings.filter((warning) => warning.field === 'tags').map((warning) => [warning.file, warning.message])).toEqual([
        ['entries/2014/a.md', 'the tags "C++" and "C" are all published at tags/c/ with "C++" (entries/2014/b.md), "C" (entries/2014/b.md), one page and feed: this entry is tagged "C++" alone, "C" merged into it'],
        ['entries/2014/b.md', 'the tags "C++" and "C" are all published at tags/c/ with "C++" (entries/2014/a.md), "C" (entries/2014/a.md), one page and feed: this entry is tagged "C++" alone, "C" merged into it'],
      ]);
    }
  });

  it('site.yml: a tagSlugs value that is not a slug is a problem', async () => {
    const error = await load(files, { site: dump({ ...SITE, tagSlugs: { 'C++': 'C Plus Plus' } }) }).catch((caught: unknown) => caught);
    expect((error as ContentError).problems).toMatchObject([{ file: 'site.yml', field: 'tagSlugs.C++', message: '"C Plus Plus" is not a slug' }]);
  });
});

describe('a file name no store can read', () => {
  it('a backslash in an entry file name is one problem for that file; the others load', async () => {
    for (const retainEntries of [true, false]) {
      const loaded = await load({ '2014\\a.md': entryText(entry({ url: 'https://x.example/a' })), '2014/b.md': entryText(entry({ url: 'https://x.example/b' })) }, { retainEntries });
      expect(loaded.problems).toEqual([{ file: 'entries/2014\\a.md', field: 'file', message: 'the file name contains a backslash (\\), which is no folder separator here', fix: expect.stringContaining('/ between folders') }]);
      expect(loaded.invalidKeys).toEqual(new Set(['entries/2014\\a.md']));
      if (retainEntries) expect(loaded.entries.map((e) => e.key)).toEqual(['entries/2014/b.md']);
    }
  });
});

describe('ids and urls that repeat', () => {
  it('refuses ids that differ only by case or Unicode normalisation, with or without the entries kept', async () => {
    const files = {
      '2014/a.md': entryText(entry({ url: 'https://x.example/a', id: 'Trade-Report' })),
      '2014/b.md': entryText(entry({ url: 'https://x.example/b', id: 'trade-report' })),
      // "é" composed and decomposed.
      '2014/c.md': entryText(entry({ url: 'https://x.example/c', id: 'caf\u00e9' })),
      '2014/d.md': entryText(entry({ url: 'https://x.example/d', id: 'cafe\u0301' })),
      '2014/e.md': entryText(entry({ url: 'https://x.example/e', id: 'other' })),
    };
    for (const retainEntries of [true, false]) {
      const loaded = await load(files, { retainEntries });
      expect(loaded.problems.map((problem) => [problem.file, problem.field, problem.message])).toEqual([
        ['entries/2014/a.md', 'id', 'the id "Trade-Report" differs only by case, Unicode normalisation or invisible characters from "trade-report" (entries/2014/b.md)'],
        ['entries/2014/b.md', 'id', 'the id "trade-report" differs only by case, Unicode normalisation or invisible characters from "Trade-Report" (entries/2014/a.md)'],
        ['entries/2014/c.md', 'id', `the id "caf\u00e9" differs only by case, Unicode normalisation or invisible characters from "cafe\u0301" (with U+0301) (entries/2014/d.md)`],
        ['entries/2014/d.md', 'id', `the id "cafe\u0301" (with U+0301) differs only by case, Unicode normalisation or invisible characters from "caf\u00e9" (entries/2014/c.md)`],
      ]);
      if (retainEntries) expect(loaded.entries.map((e) => e.id)).toEqual(['other']);
    }
  });

  it('refuses ids equal in Unicode compatibility form (NFKC): fullwidth letters and a ligature read as the plain ones', async () => {
    const loaded = await load({
      '2014/a.md': entryText(entry({ url: 'https://x.example/a', id: '\uff23\uff41\uff46\uff45' })),
      '2014/b.md': entryText(entry({ url: 'https://x.example/b', id: 'cafe' })),
      '2014/c.md': entryText(entry({ url: 'https://x.example/c', id: '\ufb01le' })),
      '2014/d.md': entryText(entry({ url: 'https://x.example/d', id: 'file' })),
      '2014/e.md': entryText(entry({ url: 'https://x.example/e', id: 'caf\u00e9' })),
    });
    // Ｃａｆｅ is C, a, f, e in their fullwidth forms; ﬁ (U+FB01) is f and i. café stays apart from cafe.
    expect(loaded.problems.map((problem) => [problem.file, problem.message])).toEqual([
      ['entries/2014/a.md', 'the id "\uff23\uff41\uff46\uff45" differs only by case, Unicode normalisation or invisible characters from "cafe" (entries/2014/b.md)'],
      ['entries/2014/b.md', 'the id "cafe" differs only by case, Unicode normalisation or invisible characters from "\uff23\uff41\uff46\uff45" (entries/2014/a.md)'],
      ['entries/2014/c.md', 'the id "\ufb01le" differs only by case, Unicode normalisation or invisible characters from "file" (entries/2014/d.md)'],
      ['entries/2014/d.md', 'the id "file" differs only by case, Unicode normalisation or invisible characters from "\ufb01le" (entries/2014/c.md)'],
    ]);
    expect(loaded.entries.map((e) => e.id)).toEqual(['caf\u00e9']);
  });

  it('refuses ids that differ only by characters no reader sees (Default_Ignorable_Code_Point), in the file name or in id:', async () => {
    const loaded = await load({
      '2014/cafe.md': entryText(entry({ url: 'https://x.example/a' })),
      // A zero-width space, a soft hyphen, a zero-width joiner.
      '2014/ca\u200bfe.md': entryText(entry({ url: 'https://x.example/b' })),
      '2014/ca\u00adfe.md': entryText(entry({ url: 'https://x.example/c' })),
      '2014/other.md': entryText(entry({ url: 'https://x.example/d', id: '2014/caf\u200de' })),
      '2014/cafes.md': entryText(entry({ url: 'https://x.example/e' })),
    });
    // In the order problems are listed, which sorts the ignorable characters apart.
    expect(loaded.problems.map((problem) => [problem.file, problem.field])).toEqual([
      ['entries/2014/cafe.md', 'id'],
      ['entries/2014/ca\u00adfe.md', 'id'],
      ['entries/2014/ca\u200bfe.md', 'id'],
      ['entries/2014/other.md', 'id'],
    ]);
    expect(loaded.problems[0]!.message).toBe('the id "2014/cafe" differs only by case, Unicode normalisation or invisible characters from "2014/ca\u00adfe" (with U+00AD) (entries/2014/ca\\xadfe.md), "2014/ca\u200bfe" (with U+200B) (entries/2014/ca\\u200bfe.md)');
    // Typed in id:, an invisible character is refused on its own, before any other id is compared.
    expect(loaded.problems[3]!.message).toMatch(/^holds a zero-width joiner \(U\+200D\)/);
    expect(loaded.entries.map((e) => e.id)).toEqual(['2014/cafes']);
  });

  it('warns when two entries link the same article, naming each other; both are published', async () => {
    const files = {
      '2014/a.md': entryText(entry({ url: 'https://x.example/same' })),
      '2014/b.md': entryText(entry({ url: 'https://x.example/same' })),
      '2014/c.md': entryText(entry({ url: 'https://x.example/c' })),
    };
    for (const retainEntries of [true, false]) {
      const loaded = await load(files, { retainEntries });
      expect(loaded.problems).toEqual([]);
      expect(loaded.warnings).toEqual([
        { file: 'entries/2014/a.md', field: 'url', message: 'https://x.example/same is also the url of entries/2014/b.md', fix: expect.stringContaining('remove the duplicate entry') },
        { file: 'entries/2014/b.md', field: 'url', message: 'https://x.example/same is also the url of entries/2014/a.md', fix: expect.stringContaining('remove the duplicate entry') },
      ]);
      if (retainEntries) expect(loaded.entries).toHaveLength(3);
    }
  });

  it('warns when two entries link one article by urls that differ only in a fragment, a trailing / or tracking parameters', async () => {
    const files = {
      '2014/a.md': entryText(entry({ url: 'https://x.example/story' })),
      '2014/b.md': entryText(entry({ url: 'https://x.example/story/?utm_source=newsletter&utm_medium=email#comments' })),
      '2014/c.md': entryText(entry({ url: 'https://x.example/story?page=2' })),
    };
    const why = '(the urls differ only in a #fragment, a trailing /, tracking parameters such as utm_source, http or https, or percent-encoded letters)';
    expect((await load(files, { retainEntries: true })).warnings).toEqual([
      // b's own: its url, line 3 of entryText, with the two utm_ parameters taken out.
      { file: 'entries/2014/b.md', line: 3, field: 'url', message: 'holds the tracking parameters utm_source, utm_medium, which tell the publisher every reader came from where the link was copied', fix: 'write url: https://x.example/story/#comments' },
      { file: 'entries/2014/a.md', field: 'url', message: `https://x.example/story links to the same article as entries/2014/b.md ${why}`, fix: expect.stringContaining('remove the duplicate entry') },
      { file: 'entries/2014/b.md', field: 'url', message: `https://x.example/story/?utm_source=newsletter&utm_medium=email#comments links to the same article as entries/2014/a.md ${why}`, fix: expect.stringContaining('remove the duplicate entry') },
    ]);
  });

  it('warns when two entries link one article as http and https, or with a letter percent-encoded (RFC 3986 §6.2.2.2)', async () => {
    const files = {
      '2014/a.md': entryText(entry({ url: 'http://x.example/story' })),
      '2014/b.md': entryText(entry({ url: 'https://x.example/%73tory' })),
    };
    const why = '(the urls differ only in a #fragment, a trailing /, tracking parameters such as utm_source, http or https, or percent-encoded letters)';
    expect((await load(files, { retainEntries: true })).warnings).toEqual([
      { file: 'entries/2014/a.md', field: 'url', message: `http://x.example/story links to the same article as entries/2014/b.md ${why}`, fix: expect.stringContaining('remove the duplicate entry') },
      { file: 'entries/2014/b.md', field: 'url', message: `https://x.example/%73tory links to the same article as entries/2014/a.md ${why}`, fix: expect.stringContaining('remove the duplicate entry') },
    ]);
  });
});

describe('files under entries/ that are not entries', () => {
  it('X.MD and .markdown are reported as not published, with the name to give them; other files stay quiet', async () => {
    const loaded = await load({
      '2014/Upper.MD': entryText(entry({ url: 'https://x.example/a' })),
      '2014/long.markdown': entryText(entry({ url: 'https://x.example/b' })),
      '2014/ok.md': entryText(entry({ url: 'https://x.example/c' })),
      '2014/photo.jpg': 'not an entry',
      '2014/.draft.markdown': 'hidden',
    });
    expect(loaded.problems).toEqual([]);
    expect(loaded.entries.map((e) => e.key)).toEqual(['entries/2014/ok.md']);
    expect(loaded.warnings).toEqual([
      { file: 'entries/2014/Upper.MD', field: 'file', message: 'is not published: only files ending in .md (lowercase) are entries', fix: 'rename it to Upper.md' },
      { file: 'entries/2014/long.markdown', field: 'file', message: 'is not published: only files ending in .md (lowercase) are entries', fix: 'rename it to long.md' },
    ]);
  });

  it('a name a text editor added .txt or .rtf to: the extra extension named, with the name to give it; a plain .txt stays quiet', async () => {
    const loaded = await load({
      '2014/visit.md.txt': entryText(entry({ url: 'https://x.example/a' })),
      '2014/Pier.MARKDOWN.TXT': entryText(entry({ url: 'https://x.example/b' })),
      '2014/port.md.rtf': '{\\rtf1\\ansi ---}',
      '2014/ok.md': entryText(entry({ url: 'https://x.example/c' })),
      '2014/notes.txt': 'the editor\'s notes',
    });
    expect(loaded.entries.map((e) => e.key)).toEqual(['entries/2014/ok.md']);
    expect(loaded.warnings).toEqual([
      { file: 'entries/2014/Pier.MARKDOWN.TXT', field: 'file', message: 'is not published: the editor saved it with an extra extension (.TXT), and only files ending in .md are entries', fix: 'rename it to Pier.md' },
      { file: 'entries/2014/port.md.rtf', field: 'file', message: 'is not published: the editor saved it with an extra extension (.rtf), and only files ending in .md are entries', fix: 'save it as plain text (TextEdit: Format > Make Plain Text) named port.md' },
      { file: 'entries/2014/visit.md.txt', field: 'file', message: 'is not published: the editor saved it with an extra extension (.txt), and only files ending in .md are entries', fix: 'rename it to visit.md' },
    ]);
  });

  it('a Markdown name followed by dots, whitespace or invisible characters: each named by code point, with the name to give it; a backup (~) stays quiet', async () => {
    const loaded = await load({
      '2014/trailing.md ': entryText(entry({ url: 'https://x.example/a' })),
      '2014/dotted.md.': entryText(entry({ url: 'https://x.example/b' })),
      '2014/Tabbed.MD\t': entryText(entry({ url: 'https://x.example/c' })),
      '2014/nbsp.md\u00a0': entryText(entry({ url: 'https://x.example/d' })),
      '2014/zw.markdown\u200b': entryText(entry({ url: 'https://x.example/e' })),
      // Invisible, though no format characters: a combining grapheme joiner, a variation selector, the Hangul filler.
      '2014/cgj.md\u034f': entryText(entry({ url: 'https://x.example/g' })),
      '2014/vs.md\ufe0f': entryText(entry({ url: 'https://x.example/h' })),
      '2014/filler.md\u3164': entryText(entry({ url: 'https://x.example/i' })),
      '2014/ok.md': entryText(entry({ url: 'https://x.example/f' })),
      '2014/ok.md~': 'an editor\'s backup',
    });
    expect(loaded.entries.map((e) => e.key)).toEqual(['entries/2014/ok.md']);
    const tail = (extension: string, shown: string, codePoints: string) => `is not published: its name goes on after "${extension}" with ${shown} (${codePoints}), and only files ending in .md are entries`;
    expect(loaded.warnings).toEqual([
      { file: 'entries/2014/Tabbed.MD\t', field: 'file', message: tail('.MD', '"\\t"', 'U+0009'), fix: 'rename it to Tabbed.md' },
      { file: 'entries/2014/cgj.md\u034f', field: 'file', message: tail('.md', '"\u034f"', 'U+034F'), fix: 'rename it to cgj.md' },
      { file: 'entries/2014/dotted.md.', field: 'file', message: tail('.md', '"."', 'U+002E'), fix: 'rename it to dotted.md' },
      { file: 'entries/2014/filler.md\u3164', field: 'file', message: tail('.md', '"\u3164"', 'U+3164'), fix: 'rename it to filler.md' },
      { file: 'entries/2014/nbsp.md\u00a0', field: 'file', message: tail('.md', '"\u00a0"', 'U+00A0'), fix: 'rename it to nbsp.md' },
      { file: 'entries/2014/trailing.md ', field: 'file', message: tail('.md', '" "', 'U+0020'), fix: 'rename it to trailing.md' },
      { file: 'entries/2014/vs.md\ufe0f', field: 'file', message: tail('.md', '"\ufe0f"', 'U+FE0F'), fix: 'rename it to vs.md' },
      { file: 'entries/2014/zw.markdown\u200b', field: 'file', message: tail('.markdown', '"\u200b"', 'U+200B'), fix: 'rename it to zw.md' },
    ]);
  });

  it('an extension in letters that fold to .md (fullwidth .ｍｄ): named by code point, with the name to give it; café.md is an entry', async () => {
    const loaded = await load({
      '2014/wide.\uff4d\uff44': entryText(entry({ url: 'https://x.example/a' })),
      '2014/caf\u00e9.md': entryText(entry({ url: 'https://x.example/b' })),
      '2014/Caf\u00e9.MD': entryText(entry({ url: 'https://x.example/c' })),
    });
    expect(loaded.entries.map((e) => e.key)).toEqual(['entries/2014/caf\u00e9.md']);
    expect(loaded.warnings).toEqual([
      { file: 'entries/2014/Caf\u00e9.MD', field: 'file', message: 'is not published: only files ending in .md (lowercase) are entries', fix: 'rename it to Caf\u00e9.md' },
      // ｍ and ｄ are U+FF4D and U+FF44, FULLWIDTH LATIN SMALL LETTER M and D.
      { file: 'entries/2014/wide.\uff4d\uff44', field: 'file', message: 'is not published: its extension ".\uff4d\uff44" only looks like a Markdown one (U+FF4D U+FF44), and only files ending in .md are entries', fix: 'rename it to wide.md' },
    ]);
  });

  it('an .html file that begins with front matter (a Jekyll or WordPress export\'s post): the .md name to give it; other .html stays quiet', async () => {
    const loaded = await load({
      '2014/2014-05-12-pier.html': `\uFEFF${entryText(entry({ url: 'https://x.example/a' })).replace(/\n/g, '\r\n')}`,
      '2014/saved-article.html': '<!doctype html><title>An article kept for reference</title>\n---\n',
      '2014/ok.md': entryText(entry({ url: 'https://x.example/c' })),
    });
    expect(loaded.entries.map((e) => e.key)).toEqual(['entries/2014/ok.md']);
    expect(loaded.warnings).toEqual([
      { file: 'entries/2014/2014-05-12-pier.html', field: 'file', message: 'is not published: it begins with front matter, as a Jekyll or WordPress export writes a post, but only files ending in .md are entries', fix: 'rename it to 2014-05-12-pier.md: its HTML is published as written' },
    ]);
  });

  // An entry saved by TextEdit or Notepad as .txt was left out without a word, as a note is.
  it('a .txt file that begins with front matter (an entry saved as text): the .md name to give it; a plain note stays quiet', async () => {
    const loaded = await load({
      '2014/rason-port.txt': entryText(entry({ url: 'https://x.example/a' })),
      '2014/notes.txt': 'Ideas for next week.\n---\nMore.\n',
      '2014/ok.md': entryText(entry({ url: 'https://x.example/c' })),
    });
    expect(loaded.entries.map((e) => e.key)).toEqual(['entries/2014/ok.md']);
    expect(loaded.warnings).toEqual([
      { file: 'entries/2014/rason-port.txt', field: 'file', message: 'is not published: it begins with front matter, as an entry does (a text editor saved it as .txt), but only files ending in .md are entries', fix: 'rename it to rason-port.md' },
    ]);
  });

  it('a symbolic link in a local folder is reported, not read', async () => {
    const { mkdtemp, mkdir, symlink, writeFile } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { LocalStore } = await import('../../../lib/store/localStore.js');
    const root = await mkdtemp(join(tmpdir(), 'broadsheet-links-'));
    await mkdir(join(root, 'entries', '2014'), { recursive: true });
    await writeFile(join(root, 'site.yml'), dump(SITE));
    await writeFile(join(root, 'elsewhere.md'), entryText(entry({ url: 'https://x.example/l' })));
    await writeFile(join(root, 'entries', '2014', 'ok.md'), entryText(entry({ url: 'https://x.example/ok' })));
    await symlink(join(root, 'elsewhere.md'), join(root, 'entries', '2014', 'linked.md'));
    await symlink(join(root, 'entries', '2014'), join(root, 'entries', 'folder-link'));
    const loaded = await loadContent(await scanContent(new LocalStore(root)));
    expect(loaded.entries.map((e) => e.key)).toEqual(['entries/2014/ok.md']);
    expect(loaded.warnings.map((w) => [w.file, w.message])).toEqual([
      ['entries/2014/linked.md', 'is a symbolic link, which is not published'],
      ['entries/folder-link', 'is a symbolic link, which is not published'],
    ]);
  });
});

describe('a named pipe or a socket under entries/', () => {
  it('is a warning naming the file, what it is and what to do, and is never opened (a pipe would wait for a writer)', async () => {
    const { execFileSync } = await import('node:child_process');
    const { mkdtemp, mkdir, rm, writeFile } = await import('node:fs/promises');
    const { createServer } = await import('node:net');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { LocalStore } = await import('../../../lib/store/localStore.js');
    const root = await mkdtemp(join(tmpdir(), 'broadsheet-special-'));
    await mkdir(join(root, 'entries', '2014'), { recursive: true });
    await writeFile(join(root, 'site.yml'), dump(SITE));
    await writeFile(join(root, 'entries', '2014', 'ok.md'), entryText(entry({ url: 'https://x.example/ok' })));
    execFileSync('mkfifo', [join(root, 'entries', '2014', 'piped.md'), join(root, 'entries', '.hidden-pipe')]);
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(join(root, 'entries', 'editor.sock'), resolve));
    try {
      const loaded = await loadContent(await scanContent(new LocalStore(root)));
      expect(loaded.entries.map((e) => e.key)).toEqual(['entries/2014/ok.md']);
      const fix = 'delete it, or move it out of entries/: an entry is a regular .md file';
      expect(loaded.warnings).toEqual([
        { file: 'entries/2014/piped.md', field: 'file', message: 'is a named pipe, not a regular file, which is not read or published', fix },
        { file: 'entries/editor.sock', field: 'file', message: 'is a socket, not a regular file, which is not read or published', fix },
      ]);
    } finally {
      await new Promise((resolve) => server.close(resolve));
      await rm(root, { recursive: true, force: true });
    }
  });
});

describe('a local file whose name is not UTF-8', () => {
  it('is one problem for that file, not "empty" and not a crash; the others load, with the index cache too', async () => {
    const { mkdtemp, mkdir, writeFile } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { LocalStore } = await import('../../../lib/store/localStore.js');
    const { MemoryStore } = await import('../../../lib/store/memoryStore.js');
    const root = await mkdtemp(join(tmpdir(), 'broadsheet-latin1-name-'));
    await mkdir(join(root, 'entries', '2014'), { recursive: true });
    await writeFile(join(root, 'site.yml'), dump(SITE));
    await writeFile(join(root, 'entries', '2014', 'ok.md'), entryText(entry({ url: 'https://x.example/ok' })));
    // caf + the Latin-1 byte of é + .md: a valid entry, under a name that is no UTF-8.
    await writeFile(Buffer.concat([Buffer.from(join(root, 'entries', '2014', 'caf')), Buffer.from([0xe9]), Buffer.from('.md')]), entryText(entry({ url: 'https://x.example/cafe' })));
    for (const cacheStore of [undefined, new MemoryStore()]) {
      const loaded = await loadContent(await scanContent(new LocalStore(root)), cacheStore ? { cacheStore } : {});
      expect(loaded.entries.map((e) => e.key)).toEqual(['entries/2014/ok.md']);
      // The byte 0xE9 alone decodes as U+FFFD: the key the listing gives.
      expect(loaded.problems.map((p) => [p.file, p.field])).toEqual([['entries/2014/caf\uFFFD.md', 'file']]);
      expect(loaded.problems[0]!.message).toMatch(/^cannot be read by the name it is listed under: a file name that is not UTF-8/);
    }
  });
});

describe('large groups of repeated entries', () => {
  it('name at most three others and count the rest, in time proportional to the group', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 2_000; i++) files[`2014/e${String(i).padStart(4, '0')}.md`] = entryText(entry({ url: 'https://x.example/same', tags: [`C${'+'.repeat(i % 5)}`] }));
    files['2014/id1.md'] = entryText(entry({ url: 'https://x.example/i1', id: 'Same' }));
    files['2014/id2.md'] = entryText(entry({ url: 'https://x.example/i2', id: 'same' }));
    files['2014/id3.md'] = entryText(entry({ url: 'https://x.example/i3', id: 'same' }));
    const started = performance.now();
    const loaded = await load(files, { retainEntries: false });
    expect(performance.now() - started).toBeLessThan(20_000);
    const urls = loaded.warnings.filter((warning) => warning.field === 'url');
    expect(urls).toHaveLength(2_000);
    expect(urls[0]!.message).toBe('https://x.example/same is also the url of entries/2014/e0001.md, entries/2014/e0002.md, entries/2014/e0003.md and 1996 more');
    // "C", "C+", ... "C++++": five spellings of tags/c/, 400 files each. "C" is kept (a tie, and the first used):
    // its first file is warned, and each of the 1,600 files of the other four, in words their spelling's files share.
    const tags = loaded.warnings.filter((warning) => warning.field === 'tags');
    expect(tags).toHaveLength(1 + 4 * 400);
    expect(tags[0]!.message).toBe('the tag "C" is published at tags/c/ with "C+" (entries/2014/e0001.md), "C++" (entries/2014/e0002.md), "C+++" (entries/2014/e0003.md) and 1 more: one page and feed for all');
    expect(tags.filter((warning) => warning.message.startsWith('the tag "C+" ')).map((warning) => warning.fix)).toEqual(Array(400).fill('write "C" here, the spelling of 400 of the 2000 entries at tags/c/, or give each spelling its own slug in site.yml, e.g. tagSlugs: {"C": c-1, "C+": c-2, "C++": c-3}'));
    // The CLI prints a spelling's files as one line, naming three.
    expect(warningLines(tags)).toHaveLength(5);
    expect(warningLines(tags)[1]).toMatch(/^entries\/2014\/e0001\.md, entries\/2014\/e0006\.md, entries\/2014\/e0011\.md and 397 more files: tags: the tag "C\+" /);
    // One "Same" against two "same": each names only the other spelling.
    expect(loaded.problems.map((problem) => [problem.file, problem.message])).toEqual([
      ['entries/2014/id1.md', 'the id "Same" differs only by case, Unicode normalisation or invisible characters from "same" (entries/2014/id2.md), "same" (entries/2014/id3.md)'],
      ['entries/2014/id2.md', 'the id "same" is also used by entries/2014/id3.md'],
      ['entries/2014/id2.md', 'the id "same" differs only by case, Unicode normalisation or invisible characters from "Same" (entries/2014/id1.md)'],
      ['entries/2014/id3.md', 'the id "same" is also used by entries/2014/id2.md'],
      ['entries/2014/id3.md', 'the id "same" differs only by case, Unicode normalisation or invisible characters from "Same" (entries/2014/id1.md)'],
    ]);
  });
});
