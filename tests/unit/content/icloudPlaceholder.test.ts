import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { scanContent } from '../../../lib/content/contentScan.js';
import { icloudPlaceholderEntry } from '../../../lib/content/icloudPlaceholder.js';
import { loadContent } from '../../../lib/content/loadContent.js';
import { publish } from '../../../lib/publish/publish.js';
import { ContentError } from '../../../lib/shared/errors.js';
import { MemoryStore } from '../../../lib/store/memoryStore.js';
import { entry, entryText, memoryContent, SITE } from '../../support/content.js';

// macOS iCloud Drive with "Optimize Mac Storage" replaces a file it has uploaded by the hidden `.NAME.icloud`.
describe('icloudPlaceholderEntry', () => {
  it("names the entry file a placeholder stands for, in the placeholder's folder", () => {
    expect(icloudPlaceholderEntry('entries/2014/.china-trade.md.icloud')).toBe('entries/2014/china-trade.md');
    expect(icloudPlaceholderEntry('entries/.a b.md.icloud')).toBe('entries/a b.md');
  });

  it('names none for other hidden files, a placeholder of a file that is no entry, or of a hidden one', () => {
    for (const key of ['entries/2014/.china-trade.md', 'entries/2014/.notes.txt.icloud', 'entries/2014/..draft.md.icloud', 'entries/2014/.md.icloud', 'entries/2014/china-trade.md.icloud', 'entries/2014/.a.md.icloud.tmp']) {
      expect(icloudPlaceholderEntry(key), key).toBeUndefined();
    }
  });
});

const NOW = DateTime.fromISO('2014-06-01T00:00:00Z');
const HELD = 'entries/2014/a.md';
const STUB = 'entries/2014/.a.md.icloud';
const load = (content: MemoryStore, output?: MemoryStore) => scanContent(content).then((scan) => loadContent(scan, { now: NOW.toMillis(), ...(output ? { cacheStore: output } : {}) }));

/** Content with a.md and b.md, published to an output, then a.md evicted to its placeholder (`entries` overrides a.md's front matter). */
async function evicted(overrides: Record<string, unknown> = {}): Promise<{ content: MemoryStore; output: MemoryStore }> {
  const content = memoryContent({ site: SITE, entries: { '2014/a.md': entryText(entry({ title: 'Held', url: 'https://x.example/a', ...overrides })), '2014/b.md': entryText(entry({ title: 'Stays', url: 'https://x.example/b' })) } });
  const output = new MemoryStore();
  await publish({ content, output, now: NOW });
  content.objects.delete(HELD);
  content.objects.set(STUB, { body: Buffer.from('bplist00\u00d1\u0001\u0002'), contentType: 'application/octet-stream' });
  return { content, output };
}

describe('an entry held in iCloud only (its placeholder listed, its file not)', () => {
  it('published: a problem naming the entry and the download, its key invalid, so a publish is refused and the page stays; nothing once the file is back beside it', async () => {
    const { content, output } = await evicted();
    const loaded = await load(content, output);
    expect(loaded.problems).toEqual([
      {
        file: HELD,
        field: 'file',
        message: 'is in iCloud only: macOS left the placeholder .a.md.icloud in its place (Optimize Mac Storage), which holds none of its text, so it is not read, and a publish would take this published entry down',
        fix: `download it: open it in Finder, or run brctl download ${HELD} in the content folder; then publish again`,
      },
    ]);
    expect([...loaded.invalidKeys]).toEqual([HELD]);
    const pages = [...output.objects.keys()].filter((key) => key.startsWith('entries/'));
    const refused = await publish({ content, output, now: NOW }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ContentError);
    expect([...output.objects.keys()].filter((key) => key.startsWith('entries/'))).toEqual(pages);
    // The file back beside its placeholder (iCloud downloading it): read, and nothing said.
    content.objects.set(HELD, { body: Buffer.from(entryText(entry({ title: 'Held', url: 'https://x.example/a' }))), contentType: 'text/markdown' });
    const back = await load(content, output);
    expect(back.problems).toEqual([]);
    expect(back.warnings).toEqual([]);
    expect(back.entries.map((meta) => meta.key)).toEqual([HELD, 'entries/2014/b.md']);
  });

  it('published, with --skip-invalid: skipped and said taken down, as an entry an edit made invalid', async () => {
    const { content, output } = await evicted();
    const result = await publish({ content, output, now: NOW, skipInvalid: true });
    expect(result.skipped.map((problem) => problem.file)).toEqual([HELD]);
    expect(result.warnings.filter((warning) => warning.message.startsWith('was published')).map((warning) => warning.file)).toEqual([HELD]);
    expect(result.entries).toEqual({ total: 2, published: 1, skipped: 1 });
  });

  it('a draft, one not yet public, or without the output to compare with: only a warning', async () => {
    for (const [overrides, compared] of [[{ draft: true }, true], [{ date: '2014-07-01' }, true], [{}, false]] as const) {
      const { content, output } = await evicted(overrides);
      const loaded = await load(content, compared ? output : undefined);
      expect(loaded.problems, JSON.stringify(overrides)).toEqual([]);
      expect(loaded.warnings.filter((warning) => warning.file === HELD)).toEqual([
        { file: HELD, field: 'file', message: 'is in iCloud only: macOS left the placeholder .a.md.icloud in its place (Optimize Mac Storage), which holds none of its text, so it is not read or published', fix: `download it: open it in Finder, or run brctl download ${HELD} in the content folder` },
      ]);
    }
  });
});
