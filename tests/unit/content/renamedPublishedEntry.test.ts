import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { scanContent } from '../../../lib/content/contentScan.js';
import { loadContent } from '../../../lib/content/loadContent.js';
import { publish } from '../../../lib/publish/publish.js';
import { MemoryStore } from '../../../lib/store/memoryStore.js';
import { entry, entryText, memoryContent, SITE } from '../../support/content.js';

// A published entry saved again under a name that is not read (Notepad's `.md.txt`, TextEdit's `.md.rtf`, a Windows
// tool's `.MD`): a publish would take the entry down, as it would an entry an edit made invalid.
const NOW = DateTime.fromISO('2014-06-01T00:00:00Z');
const ENTRY = 'entries/2014/a.md';
const TEXT = entryText(entry({ title: 'Published', url: 'https://x.example/a' }));

async function renamed(to: string, overrides: Record<string, unknown> = {}): Promise<{ content: MemoryStore; output: MemoryStore }> {
  const content = memoryContent({ site: SITE, entries: { '2014/a.md': entryText(entry({ title: 'Published', url: 'https://x.example/a', ...overrides })), '2014/b.md': entryText(entry({ title: 'Stays', url: 'https://x.example/b' })) } });
  const output = new MemoryStore();
  await publish({ content, output, now: NOW });
  const file = content.objects.get(ENTRY)!;
  content.objects.delete(ENTRY);
  content.objects.set(`entries/2014/${to}`, file);
  return { content, output };
}

const load = (content: MemoryStore, output?: MemoryStore) => scanContent(content).then((scan) => loadContent(scan, { now: NOW.toMillis(), ...(output ? { cacheStore: output } : {}) }));

describe('a published entry renamed to a name that is not read', () => {
  it('is a problem naming the file, the published entry, why and the rename, the entry invalid; a copy beside it, a draft, one not yet public or no output compared: the usual warning', async () => {
    const cases = [
      ['a.md.txt', 'the editor saved it with an extra extension (.txt), and only files ending in .md are entries', 'rename it to a.md'],
      ['a.md.rtf', 'the editor saved it with an extra extension (.rtf), and only files ending in .md are entries', 'save it as plain text (TextEdit: Format > Make Plain Text) named a.md'],
      ['a.MD', 'only files ending in .md (lowercase) are entries', 'rename it to a.md'],
      ['a.md.', 'its name goes on after ".md" with "." (U+002E), and only files ending in .md are entries', 'rename it to a.md'],
      ['a.html', 'it begins with front matter, as a Jekyll or WordPress export writes a post, but only files ending in .md are entries', 'rename it to a.md: its HTML is published as written'],
    ] as const;
    for (const [name, reason, fix] of cases) {
      const { content, output } = await renamed(name);
      const loaded = await load(content, output);
      expect(loaded.problems, name).toEqual([{ file: `entries/2014/${name}`, field: 'file', message: `is the published entry ${ENTRY} under another name, which is not read: ${reason}; a publish would take that entry down`, fix: `${fix}, or delete this file if you meant to take the entry down` }]);
      expect([...loaded.invalidKeys], name).toEqual([ENTRY]);
      expect(loaded.warnings.filter((warning) => warning.file === `entries/2014/${name}`), name).toEqual([]);
    }
    // Only the usual warning for a copy beside the entry, a draft, an entry not yet public, or without the output.
    const copy = memoryContent({ site: SITE, entries: { '2014/a.md': TEXT, '2014/a.md.txt': TEXT } });
    const output = new MemoryStore();
    await publish({ content: copy, output, now: NOW });
    const runs = [
      await load(copy, output),
      await renamed('a.md.txt', { draft: true }).then(({ content, output }) => load(content, output)),
      await renamed('a.md.txt', { date: '2014-07-01' }).then(({ content, output }) => load(content, output)),
      await renamed('a.md.txt').then(({ content }) => load(content)),
    ];
    for (const loaded of runs) {
      expect(loaded.problems).toEqual([]);
      expect(loaded.warnings.filter((warning) => warning.file === 'entries/2014/a.md.txt')).toEqual([
        { file: 'entries/2014/a.md.txt', field: 'file', message: 'is not published: the editor saved it with an extra extension (.txt), and only files ending in .md are entries', fix: 'rename it to a.md' },
      ]);
    }
  });

  it('is only the usual warning when the file under the other name is no entry: a note beside one taken down on purpose, RTF whose text does not open with front matter (a --- line further down)', async () => {
    const notes = { '2014/a.md.txt': 'Notes for a: call the source back.\n', '2014/a.md.rtf': '{\\rtf1\\ansi\n\\f0\\fs24 \\cf0 Notes for a\\\n---\\\ntitle: a rule, then a draft\\\n}' };
    const content = memoryContent({ site: SITE, entries: { '2014/a.md': TEXT, '2014/b.md': entryText(entry({ title: 'Stays', url: 'https://x.example/b' })), ...notes } });
    const output = new MemoryStore();
    await publish({ content, output, now: NOW });
    content.objects.delete(ENTRY);
    const loaded = await load(content, output);
    expect(loaded.problems).toEqual([]);
    expect(loaded.warnings.filter((warning) => warning.file.startsWith('entries/2014/a.md.')).map((warning) => warning.message)).toEqual([
      'is not published: the editor saved it with an extra extension (.rtf), and only files ending in .md are entries',
      'is not published: the editor saved it with an extra extension (.txt), and only files ending in .md are entries',
    ]);
    // TextEdit's RTF of the entry itself: its first line of text is front matter's.
    content.objects.set('entries/2014/a.md.rtf', { body: Buffer.from(`{\\rtf1\\ansi\n\\f0\\fs24 \\cf0 ${TEXT.replaceAll('\n', '\\\n')}}`), contentType: 'text/rtf' });
    expect((await load(content, output)).problems.map((problem) => problem.file)).toEqual(['entries/2014/a.md.rtf']);
  });

  it('with --skip-invalid: skipped and said taken down, its page removed', async () => {
    const { content, output } = await renamed('a.md.txt');
    const pages = () => [...output.objects.keys()].filter((key) => key.startsWith('entries/2014/') && key.endsWith('/index.html'));
    const before = pages();
    const result = await publish({ content, output, now: NOW, skipInvalid: true });
    expect(before).toHaveLength(2);
    expect(pages()).toHaveLength(1);
    expect(result.skipped.map((problem) => problem.file)).toEqual(['entries/2014/a.md.txt']);
    expect(result.warnings.filter((warning) => warning.message.startsWith('was published')).map((warning) => warning.file)).toEqual([ENTRY]);
    expect(result.entries).toEqual({ total: 2, published: 1, skipped: 1 });
  });
});
