import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { outputInTheWay } from '../../../cli/outputInTheWay.js';
import { scanContent } from '../../../lib/content/contentScan.js';
import { loadContent } from '../../../lib/content/loadContent.js';
import { MemoryStore } from '../../../lib/store/memoryStore.js';
import { entry, entryText, memoryContent, SITE } from '../../support/content.js';

// check --bucket runs the same outputInTheWay as check --out. A flat store (S3; the memory store here) holds `tags`
// beside `tags/tags.json`, and publish there writes both (Store.pathBlockers is only a local folder's): check names
// only what publish refuses there, the files no publish wrote at names it writes, never a key at a folder's name.
const NOW = DateTime.fromISO('2014-06-01T00:00:00Z', { zone: 'utc' });
const A = entryText(entry({ title: 'A', url: 'https://news.example.com/a', date: '2014-05-08', tags: ['trade'] }));

async function inTheWay(output: MemoryStore) {
  const loaded = await loadContent(await scanContent(memoryContent({ site: SITE, entries: { '2014/a.md': A } })), { cacheStore: output, now: NOW.toMillis() });
  const found = await outputInTheWay(loaded, output, NOW, '--bucket');
  return [...found.unclaimed, ...found.blocked];
}

describe('check --bucket: what in a flat output a publish would refuse', () => {
  it('a key at a folder’s name (tags, tags/trade) is no problem; a file no publish wrote at a name it writes is', async () => {
    const output = new MemoryStore();
    const put = (key: string, body: string) => output.put(key, body, { contentType: 'text/plain' });
    // A's tag needs tags/tags.json and tags/trade/…: neither key is in a flat store's way.
    await put('tags', 'my notes');
    await put('tags/trade', 'mine too');
    expect(await inTheWay(output)).toEqual([]);

    // The home page, which every publish writes: publish's refusal, in its words.
    await put('index.html', '<p>mine</p>');
    expect(await inTheWay(output)).toEqual([
      {
        file: 'memory:',
        field: '--bucket',
        message: 'memory: holds 1 file that no publish wrote and this one would overwrite (index.html)',
        fix: 'publish to an empty folder (--out NEW), or move it out of memory: first (or overwrite it: broadsheet publish --replace-unclaimed)',
      },
    ]);
  });
});
