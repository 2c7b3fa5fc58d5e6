import { dump } from 'js-yaml';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../../lib/store/memoryStore.js';
import { publish } from '../../../lib/publish/publish.js';
import { entry, entryText, memoryContent, SITE } from '../../support/content.js';

// The digest and the pages show the first paragraph of every entry without a summary: it is taken while the
// file is read for its front matter. Each published entry's own page and the feeds carry its full commentary,
// rendered from the body kept from that same read (lib/content/bodyCache.ts), so a publish from scratch of a site
// within that budget reads each entry file once.

describe('a publish from scratch', () => {
  it('reads each entry file once: its front matter, first paragraph and HTML (its page, and the feeds) come from one read', async () => {
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
    // All 12 are published (dated before --now), each gets a page, and the feeds' entries are among them:
    // site.yml, then the 12 entries, each once.
    expect(content.requests.get).toBe(1 + 12);
    // And the digest still shows the first paragraphs.
    expect(output.objects.get('digests/2014-W18.txt')?.body.toString()).toContain('First paragraph of entry 0.');
  });

  it('still reads each file once when the entries are rendered in several windows (lib/publish/buildSite.ts)', async () => {
    // 1,300 entries, one every 6 hours from 1 January 2014: more than two windows of rendered bodies, and
    // archive weeks, tag feeds and entry pages needing the same entries from different windows.
    const files: Record<string, string> = {};
    const start = DateTime.fromISO('2014-01-01T00:00:00Z');
    for (let i = 0; i < 1300; i++) {
      const date = start.plus({ hours: 6 * i }).toISO({ suppressMilliseconds: true });
      files[`2014/e${String(i).padStart(4, '0')}.md`] = entryText(
        entry({ title: `Entry ${i}`, url: `https://news.example.com/${i}`, date: date!, tags: [i % 3 ? 'energy' : 'trade'] }),
        `First paragraph of entry ${i}.\n`,
      );
    }
    const content = memoryContent({ site: dump({ ...SITE, feed: { limit: 40 } }), entries: files });
    const output = new MemoryStore();
    await publish({ content, output, now: DateTime.fromISO('2015-01-01T00:00:00Z'), websub: false });
    expect(content.requests.get).toBe(1 + 1300);
    // Every entry's page carries its own paragraph: no body went to another entry's page across windows.
    for (const i of [0, 511, 512, 1299]) {
      const page = [...output.objects.entries()].find(([key, object]) => key.startsWith('entries/') && object.body.toString().includes(`>Entry ${i}<`));
      expect(page?.[1].body.toString()).toContain(`First paragraph of entry ${i}.`);
    }
  });
});

