import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { feedArtifacts } from '../../../lib/feeds/feedArtifacts.js';
import { MemoryStore } from '../../../lib/store/memoryStore.js';
import { pageArtifacts } from '../../../lib/pages/pageArtifacts.js';
import { publish } from '../../../lib/publish/publish.js';
import { renderOpml } from '../../../lib/pages/renderOpml.js';
import { entry, entryText, memoryContent, SITE } from '../../support/content.js';
import { childrenNamed, findOne, parseXml } from '../../support/xml.js';

const NOW = DateTime.fromISO('2014-06-01T00:00:00+09:00');

async function opml(site: Record<string, unknown> = SITE) {
  const output = new MemoryStore();
  await publish({
    content: memoryContent({
      site,
      entries: {
        '2014/a.md': entryText(entry({ url: 'https://news.example.com/a', tags: ['Trade', 'R&D <lab>'] })),
        '2014/b.md': entryText(entry({ url: 'https://news.example.com/b', tags: ['China'] })),
        '2014/d.md': entryText(entry({ url: 'https://news.example.com/d', tags: ['Hidden'], draft: true })),
      },
    }),
    output,
    now: NOW,
    builders: [feedArtifacts, pageArtifacts],
  });
  return output;
}

describe('feeds.opml (OPML 2.0, http://opml.org/spec2.opml)', () => {
  it('is well-formed XML with <opml version="2.0">, a head title and a body', async () => {
    const doc = parseXml((await opml()).text('feeds.opml')!);
    expect(doc.name).toBe('opml');
    expect(doc.attributes.version).toBe('2.0');
    expect(findOne(findOne(doc, 'head'), 'title').text).toBe('Test Watch: every feed');
  });

  it('has one rss outline for the site feed and one per published tag, with absolute xmlUrl and htmlUrl', async () => {
    const out = await opml();
    const outlines = childrenNamed(findOne(parseXml(out.text('feeds.opml')!), 'body'), 'outline');
    expect(outlines.map((o) => [o.attributes.text, o.attributes.xmlUrl, o.attributes.htmlUrl])).toEqual([
      ['Test Watch', 'https://watch.example.org/rss.xml', 'https://watch.example.org/'],
      ['Test Watch: China', 'https://watch.example.org/tags/china/rss.xml', 'https://watch.example.org/tags/china/'],
      ['Test Watch: R&D <lab>', 'https://watch.example.org/tags/r-d-lab/rss.xml', 'https://watch.example.org/tags/r-d-lab/'],
      ['Test Watch: Trade', 'https://watch.example.org/tags/trade/rss.xml', 'https://watch.example.org/tags/trade/'],
    ]);
    for (const outline of outlines) {
      expect(outline.attributes.type).toBe('rss');
      // Every xmlUrl is a feed this publish wrote.
      expect(out.objects.has(new URL(outline.attributes.xmlUrl!).pathname.slice(1))).toBe(true);
    }
  });

  it('names the owner from site.yml author', async () => {
    const doc = parseXml((await opml({ ...SITE, author: { name: 'Eds', email: 'eds@watch.example.org' } })).text('feeds.opml')!);
    expect(findOne(doc, 'ownerName').text).toBe('Eds');
    expect(findOne(doc, 'ownerEmail').text).toBe('eds@watch.example.org');
  });

  it('is served as text/x-opml', async () => {
    expect((await opml()).objects.get('feeds.opml')!.contentType).toBe('text/x-opml; charset=utf-8');
  });

  it('drops characters XML forbids instead of writing an ill-formed file', () => {
    const text = renderOpml({ title: 'T\u0001', feeds: [{ text: 'a\u0000"b"', description: '', xmlUrl: 'https://x.example/rss.xml', htmlUrl: 'https://x.example/', language: 'en' }] });
    const outline = findOne(parseXml(text), 'outline');
    expect(outline.attributes.text).toBe('a"b"');
  });
});
