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

describe('feeds.opml and tags.opml (OPML 2.0, http://opml.org/spec2.opml)', () => {
  it('are well-formed XML with <opml version="2.0">, a head title and a body', async () => {
    const out = await opml();
    for (const [key, title] of [['feeds.opml', 'Test Watch: every entry'], ['tags.opml', 'Test Watch: the tag feeds']]) {
      const doc = parseXml(out.text(key!)!);
      expect(doc.name, key).toBe('opml');
      expect(doc.attributes.version, key).toBe('2.0');
      expect(findOne(findOne(doc, 'head'), 'title').text, key).toBe(title);
    }
  });

  // An entry is in the site feed and in each of its tags' feeds under one id: one file holding both would have a
  // reader that imports it show the entry once per feed, so each file holds one of them.
  it('feeds.opml: the site feed alone; tags.opml: one rss outline per published tag, with absolute xmlUrl and htmlUrl', async () => {
    const out = await opml();
    const outlines = (key: string) => childrenNamed(findOne(parseXml(out.text(key)!), 'body'), 'outline');
    const shown = (key: string) => outlines(key).map((o) => [o.attributes.text, o.attributes.xmlUrl, o.attributes.htmlUrl]);
    expect(shown('feeds.opml')).toEqual([['Test Watch', 'https://watch.example.org/rss.xml', 'https://watch.example.org/']]);
    expect(shown('tags.opml')).toEqual([
      ['Test Watch: China', 'https://watch.example.org/tags/china/rss.xml', 'https://watch.example.org/tags/china/'],
      ['Test Watch: R&D <lab>', 'https://watch.example.org/tags/r-d-lab/rss.xml', 'https://watch.example.org/tags/r-d-lab/'],
      ['Test Watch: Trade', 'https://watch.example.org/tags/trade/rss.xml', 'https://watch.example.org/tags/trade/'],
    ]);
    for (const outline of [...outlines('feeds.opml'), ...outlines('tags.opml')]) {
      expect(outline.attributes.type).toBe('rss');
      // Every xmlUrl is a feed this publish wrote.
      expect(out.objects.has(new URL(outline.attributes.xmlUrl!).pathname.slice(1))).toBe(true);
    }
  });

  it('a site without tags has no tags.opml (an OPML body holds one or more outlines) and its pages do not offer it', async () => {
    const output = new MemoryStore();
    await publish({
      content: memoryContent({ site: SITE, entries: { '2014/a.md': entryText(entry({ url: 'https://news.example.com/a', tags: [] })) } }),
      output,
      now: NOW,
      builders: [feedArtifacts, pageArtifacts],
    });
    expect(output.objects.has('feeds.opml')).toBe(true);
    expect(output.objects.has('tags.opml')).toBe(false);
    expect(output.text('index.html')).not.toContain('tags.opml');
  });

  it('the pages offer both files and say to import one, not both', async () => {
    const out = await opml();
    for (const [key, prefix] of [['index.html', ''], ['tags/trade/index.html', '../../']]) {
      const html = out.text(key!)!;
      expect(html, key).toContain(`<a href="${prefix}feeds.opml" type="text/x-opml" download>Site feed (OPML)</a>`);
      expect(html, key).toContain(`<a href="${prefix}tags.opml" type="text/x-opml" download>Tag feeds (OPML)</a>`);
      expect(html, key).toContain('Import one OPML file, not both');
    }
  });

  it('name the owner from site.yml author', async () => {
    const out = await opml({ ...SITE, author: { name: 'Eds', email: 'eds@watch.example.org' } });
    for (const key of ['feeds.opml', 'tags.opml']) {
      const doc = parseXml(out.text(key)!);
      expect(findOne(doc, 'ownerName').text, key).toBe('Eds');
      expect(findOne(doc, 'ownerEmail').text, key).toBe('eds@watch.example.org');
    }
  });

  it('are served as text/x-opml', async () => {
    const out = await opml();
    for (const key of ['feeds.opml', 'tags.opml']) expect(out.objects.get(key)!.contentType, key).toBe('text/x-opml; charset=utf-8');
  });

  it('drops characters XML forbids instead of writing an ill-formed file', () => {
    const text = renderOpml({ title: 'T\u0001', feeds: [{ text: 'a\u0000"b"', description: '', xmlUrl: 'https://x.example/rss.xml', htmlUrl: 'https://x.example/', language: 'en' }] });
    const outline = findOne(parseXml(text), 'outline');
    expect(outline.attributes.text).toBe('a"b"');
  });
});
