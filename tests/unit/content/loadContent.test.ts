import { describe, expect, it } from 'vitest';
import { scanContent } from '../../../lib/content/contentScan.js';
import { loadContent } from '../../../lib/content/loadContent.js';
import { entryPageDir } from '../../../lib/shared/entryPageDir.js';
import { ContentError } from '../../../lib/shared/errors.js';
import { entry, entryText, memoryContent, SITE } from '../../support/content.js';
import { INDEX_KEY } from '../../../lib/content/entryIndex.js';
import { MemoryStore } from '../../../lib/store/memoryStore.js';

describe('loadContent without retaining entries (check)', () => {
  const files = {
    '2014/a.md': entryText(entry({ id: 'same', url: 'https://x.example/a' })),
    '2014/b.md': entryText(entry({ id: 'same', url: 'https://x.example/b' })),
    '2014/c.md': entryText(entry({ url: 'https://x.example/c' })),
    '2014/bad.md': entryText(entry({ url: 'not a url' })),
    '2014/odd.md': entryText(entry({ url: 'https://x.example/d', colour: 'blue' })),
  };

  it('reports the same problems and warnings as a full load, and keeps no entry', async () => {
    const full = await loadContent(await scanContent(memoryContent({ site: SITE, entries: files })));
    const light = await loadContent(await scanContent(memoryContent({ site: SITE, entries: files })), { retainEntries: false });
    expect(light.entries).toEqual([]);
    expect(light.problems).toEqual(full.problems);
    expect(light.warnings).toEqual(full.warnings);
    expect(light.invalidKeys).toEqual(full.invalidKeys);
    expect(light.keys).toEqual(full.keys);
  });

  it('still finds two files claiming one id, and names each other', async () => {
    const light = await loadContent(await scanContent(memoryContent({ site: SITE, entries: files })), { retainEntries: false });
    const duplicates = light.problems.filter((problem) => problem.field === 'id');
    expect(duplicates.map((problem) => [problem.file, problem.message])).toEqual([
      ['entries/2014/a.md', 'the id "same" is also used by entries/2014/b.md'],
      ['entries/2014/b.md', 'the id "same" is also used by entries/2014/a.md'],
    ]);
    expect(light.problems.some((problem) => problem.file === 'entries/2014/bad.md' && problem.field === 'url')).toBe(true);
  });
});

describe('content with no entry file', () => {
  const load = (entries: Record<string, string>, options: { allowNoEntries?: boolean; site?: Record<string, unknown> } = {}) =>
    scanContent(memoryContent({ site: options.site ?? SITE, entries })).then((scan) => loadContent(scan, options));

  it('is refused, as a ContentError --skip-invalid cannot pass over, naming entries/', async () => {
    const error = await load({}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ContentError);
    expect((error as ContentError).problems).toEqual([
      { file: 'entries/', field: 'file', message: 'is missing, empty or not a folder in memory:; publishing would leave the site with no entry', fix: expect.stringContaining('entries/') },
    ]);
  });

  it('names how many other files it holds when none ends in .md', async () => {
    const error = (await load({ '2014/a.MD': entryText(entry()), '2014/b.markdown': entryText(entry()), '.hidden.md': 'x' }).catch((e: unknown) => e)) as ContentError;
    expect(error.problems).toMatchObject([{ file: 'entries/', message: expect.stringMatching(/^holds no \.md file \(3 other files: only files ending in \.md, lowercase, are entries\)/) }]);
  });

  it('names each entry file outside entries/ with the move, beside the refusal; a README and hidden files stay quiet', async () => {
    const store = memoryContent({ site: SITE, entries: {} });
    const put = (key: string, text: string) => store.objects.set(key, { body: Buffer.from(text), contentType: 'text/markdown' });
    put('x.md', entryText(entry()));
    put('2014/y.md', entryText(entry({ url: 'https://news.example.com/y' })));
    put('README.md', '# Our watch\n');
    put('.trash/z.md', entryText(entry()));
    put('entries\\2014\\w.md', entryText(entry()));
    const error = (await loadContent(await scanContent(store)).catch((e: unknown) => e)) as ContentError;
    expect(error).toBeInstanceOf(ContentError);
    expect(error.problems.map(({ file, fix }) => [file, fix])).toEqual([
      ['entries/', expect.stringContaining('put the entry files (.md) back under entries/')],
      ['2014/y.md', 'move it to entries/2014/y.md'],
      ['entries\\2014\\w.md', expect.stringContaining('move it to entries/2014/w.md')],
      ['x.md', 'move it to entries/x.md'],
    ]);
    expect(error.problems[3]!.message).toBe('opens with front matter as an entry does, but is outside entries/, and only files in entries/ are entries');
  });

  it("carries a bad site.yml's warnings, which explain its problems: an unknown `Title:` beside `title: is missing`", async () => {
    const { title: _title, ...untitled } = SITE;
    const error = (await load({ '2014/a.md': entryText(entry()) }, { site: { Title: 'Test Watch', ...untitled } }).catch((e: unknown) => e)) as ContentError;
    expect(error.problems).toMatchObject([{ file: 'site.yml', field: 'title', message: 'is missing' }]);
    expect(error.warnings).toMatchObject([{ file: 'site.yml', field: 'Title', message: 'is not a known field and is ignored' }]);
  });

  it('is listed beside the problems of a bad site.yml', async () => {
    const error = (await load({}, { site: { ...SITE, language: 'english' } }).catch((e: unknown) => e)) as ContentError;
    expect(error.problems.map((problem) => problem.file)).toEqual(['site.yml', 'entries/']);
  });

  it('loads for broadsheet new, which writes the first entry', async () => {
    const loaded = await load({}, { allowNoEntries: true });
    expect(loaded.entries).toEqual([]);
    expect(loaded.problems).toEqual([]);
  });

  it('a draft is an entry file: a site of drafts only is not refused', async () => {
    const loaded = await load({ '2014/d.md': entryText(entry({ draft: true })) });
    expect(loaded.problems).toEqual([]);
  });
});

describe('two ids that give one page folder', () => {
  // "A" is not a plain id: its page is slugged and ends in a hash of the id (lib/shared/entryPageDir.ts), a folder
  // name that a plain id can spell.
  const hashed = entryPageDir('A');

  it('are both refused, each naming the other and the page', async () => {
    const plain = hashed.slice('entries/'.length, -1);
    const files = {
      '2014/x.md': entryText(entry({ id: 'A', url: 'https://x.example/x' })),
      '2014/y.md': entryText(entry({ id: plain, url: 'https://x.example/y' })),
      '2014/z.md': entryText(entry({ url: 'https://x.example/z' })),
    };
    for (const retainEntries of [true, false]) {
      const loaded = await loadContent(await scanContent(memoryContent({ site: SITE, entries: files })), { retainEntries });
      expect(loaded.problems.map((problem) => [problem.file, problem.field, problem.message])).toEqual([
        ['entries/2014/x.md', 'id', `the id "A" gives the page ${hashed}, which entries/2014/y.md (id "${plain}") also gives`],
        ['entries/2014/y.md', 'id', `the id "${plain}" gives the page ${hashed}, which entries/2014/x.md (id "A") also gives`],
      ]);
      expect(loaded.invalidKeys).toEqual(new Set(['entries/2014/x.md', 'entries/2014/y.md']));
    }
  });

  it('one id used twice is reported once, as a duplicate id', async () => {
    const files = { '2014/x.md': entryText(entry({ id: 'A', url: 'https://x.example/x' })), '2014/y.md': entryText(entry({ id: 'A', url: 'https://x.example/y' })) };
    const loaded = await loadContent(await scanContent(memoryContent({ site: SITE, entries: files })));
    expect(loaded.problems.map((problem) => problem.message)).toEqual(['the id "A" is also used by entries/2014/y.md', 'the id "A" is also used by entries/2014/x.md']);
  });
});

describe('two files claiming one id, when the entry index says one of them had it', () => {
  const published = entryText(entry({ id: 'kaesong-wages', title: 'Kaesong wages', url: 'https://x.example/k' }));
  // A copy made to start a follow-up, its id: line kept.
  const copy = entryText(entry({ id: 'kaesong-wages', title: 'Kaesong wages, a follow-up', url: 'https://x.example/k2' }));

  async function publishedThenCopied(): Promise<{ content: MemoryStore; output: MemoryStore }> {
    const content = memoryContent({ site: SITE, entries: { '2014/kaesong.md': published } });
    const output = new MemoryStore();
    const first = await loadContent(await scanContent(content), { cacheStore: output });
    expect(first.problems).toEqual([]);
    await output.put(INDEX_KEY, Buffer.concat(first.index.serialize(first.keys, new Set())), { contentType: 'application/json' });
    await content.put('entries/2014/kaesong-followup.md', Buffer.from(copy), { contentType: 'text/markdown' });
    return { content, output };
  }

  it('the copy alone is the problem, and the entry that had the id stays valid', async () => {
    const { content, output } = await publishedThenCopied();
    const loaded = await loadContent(await scanContent(content), { cacheStore: output });
    expect(loaded.problems).toEqual([
      { file: 'entries/2014/kaesong-followup.md', field: 'id', message: 'the id "kaesong-wages" is also used by entries/2014/kaesong.md, which had it in the last publish', fix: 'give this entry an id: of its own, or remove the duplicate file' },
    ]);
    expect(loaded.entries.map((e) => e.key)).toEqual(['entries/2014/kaesong.md']);
  });

  it('the same when the entry that had it was edited too', async () => {
    const { content, output } = await publishedThenCopied();
    await content.put('entries/2014/kaesong.md', Buffer.from(published.replace('Kaesong wages', 'Kaesong wages rise')), { contentType: 'text/markdown' });
    const loaded = await loadContent(await scanContent(content), { cacheStore: output });
    expect(loaded.problems.map((problem) => problem.file)).toEqual(['entries/2014/kaesong-followup.md']);
  });

  it('without an index (check), both, each naming the other', async () => {
    const { content } = await publishedThenCopied();
    const loaded = await loadContent(await scanContent(content));
    expect(loaded.problems.map((problem) => [problem.file, problem.message])).toEqual([
      ['entries/2014/kaesong-followup.md', 'the id "kaesong-wages" is also used by entries/2014/kaesong.md'],
      ['entries/2014/kaesong.md', 'the id "kaesong-wages" is also used by entries/2014/kaesong-followup.md'],
    ]);
  });
});

describe('an entry left out while invalid, back under the id it was published with', () => {
  // Two look-alike ids both published (fullwidth letters fold to the plain ones, NFKC): a warning, each left be.
  const plain = entryText(entry({ id: 'kcna-watch', url: 'https://x.example/1' }));
  const fullwidth = entryText(entry({ id: '\uff4b\uff43\uff4e\uff41-watch', url: 'https://x.example/2' }));

  it('is one of the published look-alikes again, not a new id to change (EntryIndex.out)', async () => {
    const content = memoryContent({ site: SITE, entries: { '2014/plain.md': plain, '2014/wide.md': fullwidth.replace('An article', 'x'.repeat(301)) } });
    const output = new MemoryStore();
    const skipped = await loadContent(await scanContent(content), { cacheStore: output });
    expect(skipped.problems.map((problem) => [problem.file, problem.field])).toEqual([['entries/2014/wide.md', 'title']]);
    // What publish --skip-invalid records when it takes the published entry out.
    skipped.index.setOut([{ key: 'entries/2014/wide.md', id: '\uff4b\uff43\uff4e\uff41-watch', url: 'https://x.example/2', date: Date.UTC(2014, 4, 7, 15), draft: false }]);
    await output.put(INDEX_KEY, Buffer.concat(skipped.index.serialize(skipped.keys, new Set())), { contentType: 'application/json' });
    await content.put('entries/2014/wide.md', Buffer.from(fullwidth), { contentType: 'text/markdown' });
    const fixed = await loadContent(await scanContent(content), { cacheStore: output });
    expect(fixed.problems).toEqual([]);
    expect(fixed.warnings.filter((warning) => warning.field === 'id').map((warning) => [warning.file, warning.fix])).toEqual([
      ['entries/2014/plain.md', 'leave them: each id is published, and a new id would show its entry again as new; give new entries clearly different ids'],
      ['entries/2014/wide.md', 'leave them: each id is published, and a new id would show its entry again as new; give new entries clearly different ids'],
    ]);
  });
});
