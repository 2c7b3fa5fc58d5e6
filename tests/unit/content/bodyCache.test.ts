import { describe, expect, it } from 'vitest';
import { BodyCache } from '../../../lib/content/bodyCache.js';
import { scanContent } from '../../../lib/content/contentScan.js';
import { loadContent } from '../../../lib/content/loadContent.js';
import { renderEntries } from '../../../lib/content/renderEntries.js';
import type { RenderedBody } from '../../../lib/content/renderMarkdown.js';
import { entry, entryText, memoryContent } from '../../support/content.js';

describe('BodyCache', () => {
  it('keeps bodies in the order offered until they hold the budget, and a later one that still fits', () => {
    const cache = new BodyCache(10);
    expect(cache.offer('a', 'aaaa')).toBe(true);
    expect(cache.offer('b', 'bbbb')).toBe(true);
    // 4 + 4 + 4 > 10: not kept.
    expect(cache.offer('c', 'cccc')).toBe(false);
    expect(cache.offer('d', 'dd')).toBe(true);
    expect(cache.size).toBe(10);
    expect(cache.take('c')).toBeUndefined();
  });

  it('lets a body go when it is taken, which makes room', () => {
    const cache = new BodyCache(8);
    cache.offer('a', 'aaaa');
    cache.offer('b', 'bbbb');
    expect(cache.take('a')).toBe('aaaa');
    expect(cache.take('a')).toBeUndefined();
    expect(cache.size).toBe(4);
    expect(cache.offer('c', 'cccc')).toBe(true);
  });

  it('holds only the last body offered for a key, counted once', () => {
    const cache = new BodyCache(8);
    cache.offer('a', 'aaaa');
    expect(cache.offer('a', 'aaaaaa')).toBe(true);
    expect(cache.size).toBe(6);
    expect(cache.take('a')).toBe('aaaaaa');
    expect(cache.size).toBe(0);
  });

  it('lets the older body for a key go when a newer one does not fit', () => {
    const cache = new BodyCache(8);
    cache.offer('a', 'aaaa');
    cache.offer('b', 'bbbb');
    expect(cache.offer('a', 'aaaaaaaaa')).toBe(false);
    expect(cache.take('a')).toBeUndefined();
    expect(cache.size).toBe(4);
  });

  it('holds nothing after clear', () => {
    const cache = new BodyCache(8);
    cache.offer('a', 'aaaa');
    cache.clear();
    expect(cache.size).toBe(0);
    expect(cache.take('a')).toBeUndefined();
  });

  it('keeps nothing with a budget of 0', () => {
    expect(new BodyCache(0).offer('a', 'a')).toBe(false);
  });

  it('counts the size it is given, not the body\'s length, and gives it back when the body is taken', () => {
    const cache = new BodyCache(10);
    // A 4-character body sliced out of an 8-character file keeps the 8 characters in memory.
    expect(cache.offer('a', 'aaaa', 8)).toBe(true);
    expect(cache.size).toBe(8);
    expect(cache.offer('b', 'bbbb', 8)).toBe(false);
    expect(cache.take('a')).toBe('aaaa');
    expect(cache.size).toBe(0);
    expect(cache.offer('b', 'bbbb', 8)).toBe(true);
  });
});

describe('bodies kept by the load for the render', () => {
  // Five entries in key order e0…e4, each body 'Paragraph of entry N.\n'; e2 is a draft. A kept body counts as its
  // whole file (front matter and body), which a slice of the file's text keeps in memory.
  const BODY = (i: number) => `Paragraph of entry ${i}.\n`;
  const files = () => {
    const entries: Record<string, string> = {};
    for (let i = 0; i < 5; i++) {
      entries[`2014/e${i}.md`] = entryText(entry({ title: `Entry ${i}`, url: `https://news.example.com/${i}`, date: `2014-05-0${i + 1}`, ...(i === 2 ? { draft: true } : {}) }), BODY(i));
    }
    return entries;
  };
  const lengthOf = (i: number) => files()[`2014/e${i}.md`]!.length;

  it('reads a kept body once, and the bodies past the budget once more each, when they are rendered', async () => {
    const content = memoryContent({ entries: files() });
    // Room for two files: e0 and e1 (e2 is a draft and is never kept); e3 and e4 do not fit. Counted by their bodies
    // alone, all four would.
    const budget = lengthOf(0) + lengthOf(1);
    expect(4 * BODY(0).length).toBeLessThanOrEqual(budget);
    const loaded = await loadContent(await scanContent(content), { keepBodies: budget });
    expect(loaded.bodies.size).toBe(budget);
    const getsAfterLoad = content.requests.get;
    const published = loaded.entries.filter((e) => !e.draft);
    const rendered = await renderEntries(loaded.site, published, loaded);
    // e3 and e4, read again; e0 and e1 from the load's read.
    expect(content.requests.get - getsAfterLoad).toBe(2);
    for (const e of published) {
      const i = Number(e.key.match(/e(\d)\.md$/)![1]);
      expect((rendered.get(e.key) as RenderedBody).html, e.key).toBe(`<p>Paragraph of entry ${i}.</p>\n`);
    }
    expect(loaded.bodies.size).toBe(0);
  });

  it('renders a kept body as the load read it, even when the file changes in between (the same read as its front matter)', async () => {
    const content = memoryContent({ entries: files() });
    const loaded = await loadContent(await scanContent(content), { keepBodies: 10_000 });
    content.objects.set('entries/2014/e0.md', { body: Buffer.from(entryText(entry({ title: 'Entry 0, edited' }), 'Saved after the load.\n')), contentType: 'text/markdown' });
    const e0 = loaded.entries.find((e) => e.key === 'entries/2014/e0.md')!;
    const rendered = await renderEntries(loaded.site, [e0], loaded);
    expect((rendered.get(e0.key) as RenderedBody).html).toBe('<p>Paragraph of entry 0.</p>\n');
  });

  it('keeps no body without the option, nor for drafts or invalid entries', async () => {
    const entries = files();
    entries['2014/bad.md'] = entryText(entry({ date: 'not a date' }), 'A body.\n');
    expect((await loadContent(await scanContent(memoryContent({ entries })))).bodies.size).toBe(0);
    const loaded = await loadContent(await scanContent(memoryContent({ entries })), { keepBodies: 10_000 });
    // e0, e1, e3 and e4: not the draft e2, not bad.md.
    expect(loaded.bodies.size).toBe(lengthOf(0) + lengthOf(1) + lengthOf(3) + lengthOf(4));
    expect(loaded.bodies.take('entries/2014/e2.md')).toBeUndefined();
    expect(loaded.bodies.take('entries/2014/bad.md')).toBeUndefined();
  });
});
