import { HtmlValidate } from 'html-validate';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { feedArtifacts } from '../../../lib/feeds/feedArtifacts.js';
import { MemoryStore } from '../../../lib/store/memoryStore.js';
import { pageArtifacts } from '../../../lib/pages/pageArtifacts.js';
import { publish } from '../../../lib/publish/publish.js';
import { PAGE_PALETTE } from '../../../lib/shared/pagePalette.js';
import { entry, entryText, memoryContent, SITE, type ContentSpec } from '../../support/content.js';

const NOW = DateTime.fromISO('2014-06-01T00:00:00+09:00');

async function build(spec: ContentSpec, now = NOW): Promise<MemoryStore> {
  const output = new MemoryStore();
  await publish({ content: memoryContent(spec), output, now, builders: [feedArtifacts, pageArtifacts] });
  return output;
}

/** Attributes of every `<tag ...>` in the page, in order. */
function tags(html: string, name: string): Record<string, string>[] {
  return [...html.matchAll(new RegExp(`<${name}\\b([^>]*)>`, 'g'))].map((match) =>
    Object.fromEntries([...match[1]!.matchAll(/([\w-]+)="([^"]*)"/g)].map((attr) => [attr[1]!, attr[2]!])),
  );
}

const decode = (text: string) => text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');

/** Entry titles in page order (the h3 links). */
const titles = (html: string) => [...html.matchAll(/<h3 dir="auto"><a href="[^"]*">([^<]*)<\/a><\/h3>/g)].map((m) => decode(m[1]!));

const twoTags = {
  entries: {
    '2014/a.md': entryText(entry({ title: 'Alpha', url: 'https://news.example.com/alpha', date: '2014-05-01', tags: ['Trade', 'China'] })),
    '2014/b.md': entryText(entry({ title: 'Bravo', url: 'https://news.example.com/bravo', date: '2014-05-02', tags: ['Trade'] })),
  },
};

describe('index.html', () => {
  it('declares the site language on <html> (WCAG 3.1.1)', async () => {
    const out = await build({ site: { ...SITE, language: 'ko' }, entries: twoTags.entries });
    expect(out.text('index.html')).toMatch(/^<!DOCTYPE html>\n<html lang="ko">/);
  });

  it('has one h1 and never skips a heading level (WCAG 1.3.1)', async () => {
    const out = await build(twoTags);
    for (const key of ['index.html', 'tags/trade/index.html']) {
      const levels = [...out.text(key)!.matchAll(/<h([1-6])\b/g)].map((m) => Number(m[1]));
      expect(levels.filter((level) => level === 1)).toHaveLength(1);
      expect(levels[0]).toBe(1);
      levels.forEach((level, i) => i > 0 && expect(level - levels[i - 1]!).toBeLessThanOrEqual(1));
    }
  });

  it('links a feed of each format for autodiscovery, resolving to the site feeds', async () => {
    const out = await build(twoTags);
    const links = tags(out.text('index.html')!, 'link').filter((link) => link.rel === 'alternate');
    const page = 'https://watch.example.org/index.html';
    expect(links.map((link) => [link.type, new URL(link.href!, page).href])).toEqual([
      ['application/rss+xml', 'https://watch.example.org/rss.xml'],
      ['application/atom+xml', 'https://watch.example.org/atom.xml'],
      ['application/feed+json', 'https://watch.example.org/feed.json'],
    ]);
    for (const link of links) expect(out.objects.has(new URL(link.href!, page).pathname.slice(1))).toBe(true);
  });

  it('shows the 20 newest entries, newest first, and says how many there are', async () => {
    const entries: Record<string, string> = {};
    for (let day = 1; day <= 25; day++) {
      const dd = String(day).padStart(2, '0');
      entries[`2014/e${dd}.md`] = entryText(entry({ title: `Entry ${dd}`, url: `https://news.example.com/${dd}`, date: `2014-05-${dd}` }));
    }
    const html = (await build({ entries })).text('index.html')!;
    const expected = Array.from({ length: 20 }, (_, i) => `Entry ${String(25 - i).padStart(2, '0')}`);
    expect(titles(html)).toEqual(expected);
    expect(html).toContain('The 20 newest of 25 entries');
  });

  it('shows neither drafts nor embargoed entries, anywhere', async () => {
    const out = await build({
      entries: {
        '2014/live.md': entryText(entry({ title: 'Live', url: 'https://news.example.com/live', tags: ['Trade'] })),
        '2014/draft.md': entryText(entry({ title: 'Secret draft', url: 'https://news.example.com/draft', tags: ['Trade', 'Drafty'], draft: true })),
        '2014/later.md': entryText(entry({ title: 'Embargoed story', url: 'https://news.example.com/later', date: '2014-06-02', tags: ['Trade', 'Future'] })),
      },
    });
    const everything = [...out.objects.keys()].filter((key) => /\.(html|opml)$/.test(key)).map((key) => out.text(key)!).join('\n');
    expect(titles(out.text('index.html')!)).toEqual(['Live']);
    expect(everything).not.toMatch(/Secret draft|Embargoed story|Drafty|Future/);
    expect(out.objects.has('tags/future/index.html')).toBe(false);
    expect(out.objects.has('tags/drafty/index.html')).toBe(false);
  });

  it('shows an embargoed entry once --now reaches its date', async () => {
    const spec = { entries: { '2014/later.md': entryText(entry({ title: 'Embargoed story', url: 'https://news.example.com/later', date: '2014-06-02' })) } };
    expect(titles((await build(spec, DateTime.fromISO('2014-06-02T00:00:00+09:00'))).text('index.html')!)).toEqual(['Embargoed story']);
  });

  it('needs no JavaScript: no script element and no event handler attribute', async () => {
    const html = (await build(twoTags)).text('index.html')!;
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/\son[a-z]+=/i);
  });

  it('escapes entry text', async () => {
    const html = (await build({
      entries: { '2014/x.md': entryText(entry({ title: '<script>alert("x")</script> & co', summary: 'a <b>bold</b> "claim"', source: 'Tom & Jerry' })) },
    })).text('index.html')!;
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co');
    expect(html).toContain('a &lt;b&gt;bold&lt;/b&gt; &quot;claim&quot;');
    expect(html).toContain('Tom &amp; Jerry');
  });

  it('dates an entry in the site time zone', async () => {
    // 23:30 UTC on 8 May is 08:30 on 9 May in Seoul.
    const html = (await build({ entries: { '2014/x.md': entryText(entry({ date: '2014-05-08T23:30:00Z' })) } })).text('index.html')!;
    expect(html).toContain('<time datetime="2014-05-09" dir="auto">May 9, 2014</time>');
  });

  it("uses the body's first paragraph when there is no summary", async () => {
    const html = (await build({ entries: { '2014/x.md': entryText(entry({ summary: undefined }), 'First paragraph, *emphasised*.\n\nSecond.\n') } })).text('index.html')!;
    expect(html).toContain('<p class="summary" dir="auto">First paragraph, emphasised.</p>');
    expect(html).not.toContain('Second.');
  });

  it('lists subscribe links for RSS, Atom and JSON Feed with the public URLs to copy, and the OPML files', async () => {
    const html = (await build(twoTags)).text('index.html')!;
    for (const file of ['rss.xml', 'atom.xml', 'feed.json', 'feeds.opml', 'tags.opml']) {
      expect(html).toContain(`<a href="${file}"`);
      expect(html).toContain(`<code class="url">https://watch.example.org/${file}</code>`);
    }
  });

  it('lists every tag with its page, its count and its feeds', async () => {
    const html = (await build(twoTags)).text('index.html')!;
    expect(html).toMatch(/<a href="tags\/china\/" dir="auto">China<\/a> <span class="meta">\(1\)<\/span>/);
    expect(html).toMatch(/<a href="tags\/trade\/" dir="auto">Trade<\/a> <span class="meta">\(2\)<\/span>/);
    for (const format of ['rss.xml', 'atom.xml', 'feed.json']) expect(html).toContain(`href="tags/trade/${format}"`);
  });

  it('links the digest archive and says how to get the digest by email', async () => {
    const site = { ...SITE, author: { name: 'Eds', email: 'eds@watch.example.org' }, digest: { day: 'friday', time: '17:30' } };
    const out = await build({ site, entries: twoTags.entries });
    const index = out.text('index.html')!;
    expect(index).toContain('<a href="digests/">');
    expect(index).toContain('sent on Fridays at 17:30 (Asia/Seoul time)');
    expect(index).toContain('href="mailto:eds@watch.example.org?subject=');
    expect(out.text('tags/trade/index.html')).toContain('<a href="../../digests/">');
  });

  it('passes html-validate (recommended rules) for the index and a tag page', async () => {
    const out = await build(twoTags);
    const validator = new HtmlValidate({ extends: ['html-validate:recommended'] });
    for (const key of ['index.html', 'tags/trade/index.html', 'tags/china/index.html']) {
      const report = await validator.validateString(out.text(key)!);
      expect(report.results.flatMap((r) => r.messages.map((m) => `${key}:${m.line}: ${m.message}`))).toEqual([]);
    }
  });

  it('is byte-identical for the same content and the same now', async () => {
    const a = await build(twoTags);
    const b = await build(twoTags);
    for (const key of ['index.html', 'tags/trade/index.html', 'feeds.opml', 'tags.opml']) expect(a.objects.get(key)!.body.equals(b.objects.get(key)!.body)).toBe(true);
  });

  it('is served as text/html; charset=utf-8', async () => {
    expect((await build(twoTags)).objects.get('index.html')!.contentType).toBe('text/html; charset=utf-8');
  });
});

describe('tags/<slug>/index.html', () => {
  it('shows only the entries with the tag, and autodiscovers the tag feeds', async () => {
    const out = await build(twoTags);
    const html = out.text('tags/china/index.html')!;
    expect(titles(html)).toEqual(['Alpha']);
    expect(html).toContain('<h1 dir="auto">China</h1>');
    const page = 'https://watch.example.org/tags/china/index.html';
    const links = tags(html, 'link').filter((link) => link.rel === 'alternate').map((link) => new URL(link.href!, page).href);
    expect(links).toEqual(['rss.xml', 'atom.xml', 'feed.json'].map((file) => `https://watch.example.org/tags/china/${file}`));
  });

  it("links back to the index and to the index's list of every tag, and lists no other tag itself", async () => {
    const html = (await build(twoTags)).text('tags/china/index.html')!;
    expect(html).toContain('<a href="../../">');
    expect(html).toContain('<a href="../../#tag-feeds">Every tag and its feeds</a>');
    // The list of every tag links each tag's feeds; the entries' own tags link only the tag pages.
    expect(html).not.toContain('tags/trade/rss.xml');
    expect(html).not.toContain('ul class="taglist"');
    expect((await build(twoTags)).text('index.html')).toContain('<ul class="taglist">');
  });

  it("is the tag feeds' home page (their <link>)", async () => {
    const out = await build(twoTags);
    expect(out.text('tags/trade/rss.xml')).toContain('<link>https://watch.example.org/tags/trade/</link>');
    expect(out.text('rss.xml')).toContain('<link>https://watch.example.org/</link>');
  });
});

/** WCAG 2.2 relative luminance and contrast ratio (https://www.w3.org/TR/WCAG22/#dfn-contrast-ratio). */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}
function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

describe('colours', () => {
  it('checks the contrast formula against known pairs', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
  });

  for (const scheme of ['light', 'dark'] as const) {
    it(`meets AA 4.5:1 for text, muted text and links on the page and on panels (${scheme})`, () => {
      const p = PAGE_PALETTE[scheme];
      for (const background of [p.background, p.panel]) {
        for (const foreground of [p.text, p.muted, p.link]) expect(contrast(foreground, background)).toBeGreaterThanOrEqual(4.5);
        expect(contrast(p.accent, background)).toBeGreaterThanOrEqual(3);
      }
    });
  }

  it('uses the palette in the page CSS', async () => {
    const html = (await build(twoTags)).text('index.html')!;
    for (const colour of [...Object.values(PAGE_PALETTE.light), ...Object.values(PAGE_PALETTE.dark)]) expect(html).toContain(colour);
  });
});

describe('navigation', () => {
  it('links from the header to the subscribe, tag feed and digest sections, which exist', async () => {
    const html = (await build(twoTags)).text('index.html')!;
    const nav = /<nav aria-label="Feeds and digest">(.*?)<\/nav>/.exec(html)![1]!;
    const targets = [...nav.matchAll(/href="#([\w-]+)"/g)].map((m) => m[1]!);
    expect(targets).toEqual(['subscribe', 'tag-feeds', 'digest']);
    for (const id of targets) expect(html).toContain(`id="${id}"`);
  });
});
