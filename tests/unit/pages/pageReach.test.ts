import { DateTime } from 'luxon';
import { parse, type DefaultTreeAdapterMap } from 'parse5';
import { describe, expect, it } from 'vitest';
import { entryPageArtifacts } from '../../../lib/pages/entryPageArtifacts.js';
import { monthPageArtifacts } from '../../../lib/pages/monthPageArtifacts.js';
import { pageArtifacts } from '../../../lib/pages/pageArtifacts.js';
import { publish } from '../../../lib/publish/publish.js';
import { MemoryStore } from '../../../lib/store/memoryStore.js';
import { entry, entryText, memoryContent, SITE } from '../../support/content.js';

// What a reader can reach on every page: the content past the header by a skip link (WCAG 2.4.1), the feeds from an
// entry page a shared link lands on, and a tag as one word with its `#` on a page of either direction.
const NOW = DateTime.fromISO('2014-06-01T00:00:00+09:00');
const SITE_URL = 'https://example.org/watch/';

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];
function* elements(node: Node): Generator<Element> {
  if ('tagName' in node) yield node;
  for (const child of 'childNodes' in node ? node.childNodes : []) yield* elements(child);
}
const attr = (element: Element, name: string) => element.attrs.find((a) => a.name === name)?.value;
const textOf = (node: Node): string => ('value' in node && node.nodeName === '#text' ? node.value : 'childNodes' in node ? node.childNodes.map(textOf).join('') : '');

async function build(language: string): Promise<MemoryStore> {
  const output = new MemoryStore();
  const entries = {
    '2014/a.md': entryText(entry({ title: 'Rice', date: '2014-05-08', tags: ['Infrastructure', 'تجارة'] })),
    '2014/b.md': entryText(entry({ title: 'Wheat', url: 'https://news.example.com/b', date: '2014-05-09', tags: ['Infrastructure'] })),
  };
  await publish({ content: memoryContent({ site: { ...SITE, url: SITE_URL, language }, entries }), output, now: NOW, builders: [pageArtifacts, entryPageArtifacts, monthPageArtifacts] });
  return output;
}
const pageOf = (out: MemoryStore, key: string) => [...elements(parse(out.text(key)!))];

describe('404.html', () => {
  it('opens with a skip link to its main content, as every other page does, in English words on any site', async () => {
    for (const [language, en] of [['en', {}], ['ar', { lang: 'en', dir: 'ltr' }]] as const) {
      const all = pageOf(await build(language), '404.html');
      const body = all.find((element) => element.tagName === 'body')!;
      const first = body.childNodes.find((node): node is Element => 'tagName' in node)!;
      expect([first.tagName, attr(first, 'class'), textOf(first)], language).toEqual(['a', 'skip', 'Skip to the content']);
      expect({ lang: attr(first, 'lang'), dir: attr(first, 'dir') }, language).toEqual({ lang: undefined, dir: undefined, ...en });
      const target = all.filter((element) => attr(element, 'id') === attr(first, 'href')!.slice(1));
      expect(target.map((element) => element.tagName), language).toEqual(['main']);
    }
  });
});

describe('an entry page', () => {
  it("links to the index's Subscribe section, with the feeds' addresses, from the header", async () => {
    const out = await build('en');
    const index = pageOf(out, 'index.html');
    const section = index.find((element) => attr(element, 'id') === 'subscribe')!;
    expect(textOf(section)).toBe('Subscribe');
    const entryKeys = [...out.objects.keys()].filter((key) => /^entries\/.+\/index\.html$/.test(key));
    expect(entryKeys).toHaveLength(2);
    for (const key of entryKeys) {
      const header = pageOf(out, key).find((element) => element.tagName === 'header')!;
      const links = [...elements(header)].filter((element) => element.tagName === 'a' && textOf(element) === 'Subscribe to the feeds');
      expect(links.map((link) => new URL(attr(link, 'href')!, new URL(key, SITE_URL)).href), key).toEqual([`${SITE_URL}#subscribe`]);
    }
  });
});

describe("a tag's link", () => {
  // A `#` outside the isolate is a neutral between the line's start and the isolate, so it takes the page's direction:
  // on a right-to-left page it stands after an English tag ("Infrastructure#"). Inside it, it takes the tag's.
  it('isolates the # with the name, on an index, a tag page and an entry page, right to left or not', async () => {
    for (const language of ['ar', 'en']) {
      const out = await build(language);
      const pages = ['index.html', 'tags/infrastructure/index.html', ...[...out.objects.keys()].filter((key) => /^entries\/.+\/index\.html$/.test(key))];
      for (const key of pages) {
        const tagLinks = pageOf(out, key).filter((element) => element.tagName === 'a' && /(^|\/)tags\/[^/]+\/$/.test(attr(element, 'href') ?? '') && textOf(element).startsWith('#'));
        expect(tagLinks.length, key).toBeGreaterThan(0);
        for (const link of tagLinks) {
          // The link holds one bdi and nothing else, and the bdi holds the # and the name.
          expect(link.childNodes.map((node) => node.nodeName), key).toEqual(['bdi']);
          expect(['#Infrastructure', '#تجارة'], key).toContain(textOf(link.childNodes[0]!));
        }
      }
    }
  });
});
