import { describe, expect, it } from 'vitest';
import { scanContent } from '../../../lib/content/contentScan.js';
import { MAX_ENTRY_BYTES } from '../../../lib/content/limits.js';
import { loadContent } from '../../../lib/content/loadContent.js';
import { renderEntries } from '../../../lib/content/renderEntries.js';
import { SITE_FILE } from '../../../lib/content/site.js';
import { ContentError, ObjectTooLargeError } from '../../../lib/shared/errors.js';
import type { MemoryStore } from '../../../lib/store/memoryStore.js';
import { recordReads } from '../../support/recordedReads.js';
import { entry, entryText, memoryContent } from '../../support/content.js';

// An entry file over the size limit is refused from its stored size, never downloaded whole: on S3 one huge upload
// read in full took check past Node's longest string (exit 2), and a Lambda past its memory on every publish.

/** The content, recording how many bytes each read handed over. */
function recorded(entries: Record<string, string>, site?: string): { store: MemoryStore; delivered: Map<string, number> } {
  const store = memoryContent(site === undefined ? { entries } : { site, entries });
  return { store, delivered: recordReads(store) };
}

const HUGE = 'entries/2014/huge.md';
// The huge file's stored size, worked out from what is put in it: its front matter, then 3 MB of `x`.
const hugeText = entryText(entry({ url: 'https://news.example.com/huge' }), 'x'.repeat(3_000_000));
const hugeBytes = Buffer.byteLength(hugeText);

describe('an entry file over the size limit', () => {
  it('is one problem naming its stored size, and none of its bytes are read; the other entries load', async () => {
    for (const retainEntries of [true, false]) {
      const { store, delivered } = recorded({ '2014/huge.md': hugeText, '2014/ok.md': entryText(entry({ url: 'https://news.example.com/ok' })) });
      const loaded = await loadContent(await scanContent(store), { retainEntries });
      expect(loaded.problems).toEqual([
        {
          file: HUGE,
          field: 'file',
          message: `is ${hugeBytes.toLocaleString('en')} bytes, over the limit of ${MAX_ENTRY_BYTES.toLocaleString('en')} bytes for an entry`,
          fix: 'shorten the commentary: quote a passage and link to the full text rather than copying it',
        },
      ]);
      expect(delivered.get(HUGE) ?? 0).toBe(0);
      expect(delivered.get('entries/2014/ok.md')).toBeGreaterThan(0);
    }
  });

  it('is not read either when site.yml is invalid and the entries are only checked', async () => {
    const { store, delivered } = recorded({ '2014/huge.md': hugeText }, 'title: [unclosed\n');
    const error = await loadContent(await scanContent(store)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ContentError);
    const problems = (error as ContentError).problems;
    expect(problems.map((p) => p.file)).toEqual([SITE_FILE, HUGE]);
    expect(problems[1]!.message).toBe(`is ${hugeBytes.toLocaleString('en')} bytes, over the limit of ${MAX_ENTRY_BYTES.toLocaleString('en')} bytes for an entry`);
    expect(delivered.get(HUGE) ?? 0).toBe(0);
  });
});

describe('an entry file replaced by a huge one between the load and the render', () => {
  it('is refused unread when the render reads it again (ObjectTooLargeError with its size), never rendered', async () => {
    const small = entryText(entry({ url: 'https://news.example.com/a' }), 'Short.\n');
    const { store, delivered } = recorded({ '2014/a.md': small });
    // No bodies kept: the render reads each file again.
    const loaded = await loadContent(await scanContent(store), { keepBodies: 0 });
    store.objects.set('entries/2014/a.md', { body: Buffer.from(hugeText), contentType: 'text/markdown' });
    delivered.clear();
    const error = await renderEntries(loaded.site, loaded.entries, loaded).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ObjectTooLargeError);
    expect((error as ObjectTooLargeError).size).toBe(hugeBytes);
    expect(delivered.get('entries/2014/a.md') ?? 0).toBe(0);
  });
});
