import { DateTime } from 'luxon';
import { parse, type DefaultTreeAdapterMap } from 'parse5';
import { describe, expect, it } from 'vitest';
import { feedArtifacts } from '../../../lib/feeds/feedArtifacts.js';
import { pageArtifacts } from '../../../lib/pages/pageArtifacts.js';
import { publish } from '../../../lib/publish/publish.js';
import { MemoryStore } from '../../../lib/store/memoryStore.js';
import { entry, entryText, memoryContent, SITE, type ContentSpec } from '../../support/content.js';

// 404.html: what a reader sees at an address the site has no file for (the CDN's error page, and preview's).
const NOW = DateTime.fromISO('2014-06-01T00:00:00+09:00');
const UNDER_A_PATH = { ...SITE, url: 'https://example.org/watch/' };
const TAGGED = { '2014/a.md': entryText(entry({ title: 'Alpha', url: 'https://news.example.com/alpha', date: '2014-05-01', tags: ['Trade'] })) };

async function build(spec: ContentSpec): Promise<MemoryStore> {
  const output = new MemoryStore();
  await publish({ content: memoryContent(spec), output, now: NOW, builders: [feedArtifacts, pageArtifacts] });
  return output;
}

type Element = DefaultTreeAdapterMap['element'];
function* elements(node: DefaultTreeAdapterMap['node']): Generator<Element> {
  if ('tagName' in node) yield node;
  for (const child of 'childNodes' in node ? node.childNodes : []) yield* elements(child);
}
const attr = (element: Element, name: string) => element.attrs.find((a) => a.name === name)?.value;
const textOf = (node: DefaultTreeAdapterMap['node']): string => ('value' in node && node.nodeName === '#text' ? node.value : 'childNodes' in node ? node.childNodes.map(textOf).join('') : '');

async function page(spec: ContentSpec): Promise<Element[]> {
  const html = (await build(spec)).text('404.html');
  expect(html, '404.html is published').toBeDefined();
  return [...elements(parse(html!))];
}
const byTag = (all: Element[], tag: string) => all.filter((element) => element.tagName === tag);

describe('404.html', () => {
  it('says that nothing is at this address, as a 404, and why that may be', async () => {
    const all = await page({ site: UNDER_A_PATH, entries: TAGGED });
    expect(byTag(all, 'h1').map(textOf)).toEqual(['Page not found']);
    expect(textOf(byTag(all, 'title')[0]!)).toBe('Page not found · Test Watch');
    const text = byTag(all, 'main').map(textOf).join('');
    expect(text).toContain('404 Not Found');
    expect(text).toContain('moved or been withdrawn');
  });

  it("links home, to every month, the tags and the feeds by paths under the site's own path, which work from any missing address", async () => {
    const all = await page({ site: UNDER_A_PATH, entries: TAGGED });
    const links = byTag(all, 'a').map((a) => attr(a, 'href'));
    // The skip link's fragment alone is this document's, at any address.
    expect(links).toEqual(['#content', '/watch/', '/watch/', '/watch/months/', '/watch/#tag-feeds', '/watch/rss.xml', '/watch/atom.xml', '/watch/feed.json', '/watch/feeds.opml']);
    // The icon and the autodiscovered feeds alike.
    expect(byTag(all, 'link').map((link) => attr(link, 'href'))).toEqual(['/watch/icon.png', '/watch/rss.xml', '/watch/atom.xml', '/watch/feed.json']);
    // Served at a missing address three folders down, the home link still names the site's home.
    expect(new URL(links[1]!, 'https://example.org/watch/entries/2014/gone/').href).toBe('https://example.org/watch/');
  });

  it('leaves out the link to the tags on a site without any (the home page then has no list to reach)', async () => {
    const all = await page({ site: UNDER_A_PATH, entries: { '2014/a.md': entryText(entry({ tags: [] })) } });
    expect(byTag(all, 'a').map((a) => attr(a, 'href'))).not.toContain('/watch/#tag-feeds');
  });

  it('asks search engines not to index it, and names no canonical address (it has none)', async () => {
    const all = await page({ site: UNDER_A_PATH, entries: TAGGED });
    expect(byTag(all, 'meta').filter((meta) => attr(meta, 'name') === 'robots').map((meta) => attr(meta, 'content'))).toEqual(['noindex']);
    expect(byTag(all, 'link').filter((link) => attr(link, 'rel') === 'canonical')).toEqual([]);
  });

  it("is in the site's language, its own English words marked as English (WCAG 3.1.1, 3.1.2)", async () => {
    const all = await page({ site: { ...UNDER_A_PATH, language: 'ko', title: '테스트 워치' }, entries: TAGGED });
    expect(attr(byTag(all, 'html')[0]!, 'lang')).toBe('ko');
    for (const tag of ['h1', 'main', 'footer']) expect(attr(byTag(all, tag)[0]!, 'lang'), tag).toBe('en');
  });

  it('is written as a page, text/html with the Cache-Control of the other pages, the same bytes on every publish', async () => {
    const [first, second] = [await build({ site: UNDER_A_PATH, entries: TAGGED }), await build({ site: UNDER_A_PATH, entries: TAGGED })];
    const written = first.objects.get('404.html')!;
    const index = first.objects.get('index.html')!;
    expect([written.contentType, written.cacheControl]).toEqual(['text/html; charset=utf-8', index.cacheControl]);
    expect(written.body.equals(second.objects.get('404.html')!.body)).toBe(true);
  });
});
