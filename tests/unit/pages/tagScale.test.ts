import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { parseEntry } from '../../../lib/content/entry.js';
import { MAX_TAGS_PER_ENTRY } from '../../../lib/content/limits.js';
import { DEFAULT_BUILDERS } from '../../../lib/publish/defaultBuilders.js';
import { publish } from '../../../lib/publish/publish.js';
import { MemoryStore } from '../../../lib/store/memoryStore.js';
import { TAG_LIST_KEY } from '../../../lib/shared/outputLayout.js';
import { entry, entryText, memoryContent } from '../../support/content.js';

const NOW = DateTime.fromISO('2014-06-01T00:00:00+09:00');

/** `count` entries of MAX_TAGS_PER_ENTRY tags each, every tag on one entry only: count × MAX_TAGS_PER_ENTRY tags. */
function corpus(count: number): Record<string, string> {
  const entries: Record<string, string> = {};
  for (let i = 0; i < count; i++) {
    const tags = Array.from({ length: MAX_TAGS_PER_ENTRY }, (_, t) => `Tag ${i}-${t}`);
    entries[`2014/e${i}.md`] = entryText(entry({ title: `Entry ${i}`, url: `https://news.example.com/${i}`, date: '2014-05-08', tags }));
  }
  return entries;
}

async function output(count: number): Promise<{ files: number; bytes: number; tagFiles: number; tagBytes: number; entryFiles: number }> {
  const out = new MemoryStore();
  await publish({ content: memoryContent({ entries: corpus(count) }), output: out, now: NOW, builders: DEFAULT_BUILDERS });
  let files = 0;
  let bytes = 0;
  let tagFiles = 0;
  let tagBytes = 0;
  let entryFiles = 0;
  for (const [key, object] of out.objects) {
    if (key.startsWith('_broadsheet/')) continue;
    files++;
    bytes += object.body.length;
    if (key.startsWith('entries/')) entryFiles++;
    // tags/tags.json is the list of every tag (one record each), not a tag's own file.
    if (key.startsWith('tags/') && key !== TAG_LIST_KEY) {
      tagFiles++;
      tagBytes += object.body.length;
    }
  }
  return { files, bytes, tagFiles, tagBytes, entryFiles };
}

describe('the output grows linearly with entries × tags', () => {
  it('four files per tag (its three feeds and its page), and tag files of a size that does not grow with the number of tags', async () => {
    const small = await output(4);
    const large = await output(16);
    // Every tag has its own folder of rss.xml, atom.xml, feed.json and index.html.
    expect(small.tagFiles).toBe(4 * MAX_TAGS_PER_ENTRY * 4);
    expect(large.tagFiles).toBe(16 * MAX_TAGS_PER_ENTRY * 4);
    // One page per entry, whatever its tags.
    expect(small.entryFiles).toBe(4);
    expect(large.entryFiles).toBe(16);
    // The rest (site feeds and pages, the digest archive: one week, since every entry has the same date) does not depend on the tag count.
    expect(large.files - large.tagFiles - large.entryFiles).toBe(small.files - small.tagFiles - small.entryFiles);
    // Each tag's files hold one entry: their mean size is the same whatever the number of tags, within the
    // few bytes longer numbers take. Were every tag page to list every tag, it would grow fourfold.
    const perTagSmall = small.tagBytes / small.tagFiles;
    const perTagLarge = large.tagBytes / large.tagFiles;
    expect(perTagLarge / perTagSmall).toBeLessThan(1.05);
  });
});

describe('tags per entry are capped', () => {
  const site = { timezone: 'Asia/Seoul' };
  it(`accepts ${MAX_TAGS_PER_ENTRY} tags`, () => {
    const tags = Array.from({ length: MAX_TAGS_PER_ENTRY }, (_, i) => `t${i}`);
    expect(parseEntry(entryText(entry({ tags })), 'entries/a.md', site).problems).toEqual([]);
  });

  it(`refuses ${MAX_TAGS_PER_ENTRY + 1}, naming the file, the field, the count and the fix`, () => {
    const tags = Array.from({ length: MAX_TAGS_PER_ENTRY + 1 }, (_, i) => `t${i}`);
    for (const validateOnly of [false, true]) {
      expect(parseEntry(entryText(entry({ tags })), 'entries/a.md', site, { validateOnly }).problems).toEqual([
        { file: 'entries/a.md', line: 6, field: 'tags', message: `has ${MAX_TAGS_PER_ENTRY + 1} tags, more than the ${MAX_TAGS_PER_ENTRY} an entry may have`, fix: `keep the ${MAX_TAGS_PER_ENTRY} that say most about the article` },
      ]);
    }
  });
});
