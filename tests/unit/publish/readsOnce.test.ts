import { dump } from 'js-yaml';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../../lib/store/memoryStore.js';
import { publish } from '../../../lib/publish/publish.js';
import { entry, entryText, memoryContent, SITE } from '../../support/content.js';

// The digest and the pages show the first paragraph of every entry without a summary: it is taken while the
// file is read for its front matter, so only the entries whose HTML some feed carries are read a second time.

describe('a publish from scratch', () => {
  it('reads each entry file once, and again only for the entries some feed carries in full', async () => {
    const files: Record<string, string> = {};
    // 12 entries, one a day from 1 May 2014; tags alternate: even days "trade", odd days "energy". No summaries.
    for (let i = 0; i < 12; i++) {
      files[`2014/e${String(i).padStart(2, '0')}.md`] = entryText(
        entry({ title: `Entry ${i}`, url: `https://news.example.com/${i}`, date: `2014-05-${String(i + 1).padStart(2, '0')}`, tags: [i % 2 ? 'energy' : 'trade'] }),
        `First paragraph of entry ${i}.\n\nSecond paragraph.\n`,
      );
    }
    const content = memoryContent({ site: dump({ ...SITE, feed: { limit: 2 } }), entries: files });
    const output = new MemoryStore();
    await publish({ content, output, now: DateTime.fromISO('2014-06-20T12:00:00+09:00'), websub: false });
    // With feed.limit 2: the site feed carries e11 and e10, the energy feed e11 and e09, the trade feed e10 and
    // e08: four distinct entries are rendered in full. site.yml, then 12 entries, then those 4 again.
    expect(content.requests.get).toBe(1 + 12 + 4);
    // And the digest still shows the first paragraphs.
    expect(output.objects.get('digests/2014-W18.txt')?.body.toString()).toContain('First paragraph of entry 0.');
  });
});
