import { DateTime } from 'luxon';
import { parse, type DefaultTreeAdapterMap } from 'parse5';
import { describe, expect, it } from 'vitest';
import { entryPageArtifacts } from '../../../lib/pages/entryPageArtifacts.js';
import { monthPageArtifacts } from '../../../lib/pages/monthPageArtifacts.js';
import { pageArtifacts } from '../../../lib/pages/pageArtifacts.js';
import { publish } from '../../../lib/publish/publish.js';
import { MemoryStore } from '../../../lib/store/memoryStore.js';
import { entry, entryText, memoryContent, SITE } from '../../support/content.js';

// An Arabic site's pages are right to left (WCAG 2.2 3.1.1 and HTML "The dir attribute": dir="rtl" beside lang="ar"
// on <html>), and Broadsheet's English words on them, marked lang="en" (WCAG 3.1.2), are left to right.
const NOW = DateTime.fromISO('2014-06-01T00:00:00+09:00');
const TAG = 'تجارة';

async function build(): Promise<MemoryStore> {
  const output = new MemoryStore();
  const entries = { '2014/a.md': entryText(entry({ title: 'ارتفاع أسعار الأرز', source: 'وكالة الأنباء', date: '2014-05-08', updated: '2014-05-10', tags: [TAG], related: [{ title: 'خلفية', url: 'https://news.example.com/r' }] })) };
  const site = { ...SITE, title: 'مرصد الاقتصاد', language: 'ar', digest: { from: 'Eds <eds@watch.example.org>' } };
  await publish({ content: memoryContent({ site, entries }), output, now: NOW, builders: [pageArtifacts, entryPageArtifacts, monthPageArtifacts] });
  return output;
}

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];
function* elements(node: Node): Generator<Element> {
  if ('tagName' in node) yield node;
  for (const child of 'childNodes' in node ? node.childNodes : []) yield* elements(child);
}

describe('the pages of an Arabic site', async () => {
  const out = await build();
  const keys = [...Object.keys(Object.fromEntries(out.objects))].filter((key) => key.endsWith('.html')).sort();
  const page = (pattern: RegExp) => out.text(keys.find((key) => pattern.test(key))!)!;

  it('link back home with an arrow pointing to the line’s start, on the right: →', () => {
    const linked = keys.filter((key) => key !== 'index.html');
    for (const key of linked) expect(out.text(key), key).toMatch(/">→ <bdi>مرصد الاقتصاد<\/bdi><\/a>(?: · <a [^>]+>Subscribe to the feeds<\/a>)?<\/p>/);
    for (const key of keys) expect(out.text(key), key).not.toContain('←');
  });

  it('are right to left: <html> says dir="rtl" beside lang="ar", on every kind of page', () => {
    const kinds = [/^index\.html$/, /^tags\/[^/]+\/index\.html$/, /^entries\//, /^months\/index\.html$/, /^months\/2014-05\//, /^404\.html$/];
    for (const kind of kinds) expect(keys.some((key) => kind.test(key)), String(kind)).toBe(true);
    for (const key of keys) expect(out.text(key), key).toMatch(/^<!DOCTYPE html>\n<html lang="ar" dir="rtl">\n/);
  });

  it('set every element of English words left to right, the skip links, panels, headings and footers among them', () => {
    const english = keys.flatMap((key) => [...elements(parse(out.text(key)!))].filter((element) => element.attrs.some((a) => a.name === 'lang' && a.value === 'en')).map((element) => ({ key, element })));
    // Each page has some: at least its footer.
    expect(new Set(english.map(({ key }) => key))).toEqual(new Set(keys));
    const notLeftToRight = english.filter(({ element }) => element.attrs.find((a) => a.name === 'dir')?.value !== 'ltr').map(({ key, element }) => `${key}: <${element.tagName}>`);
    expect(notLeftToRight).toEqual([]);
  });

  it("sets the sentences about a tag and the months' heading, English lines that took their own direction, left to right once", () => {
    expect(page(/^tags\//)).toContain(`<p lang="en" dir="ltr">Entries tagged “<bdi lang="ar">${TAG}</bdi>”`);
    expect(page(/^months\/index\.html$/)).toContain('<h1 lang="en" dir="ltr">Every entry, month by month</h1>');
  });

  it("keeps an entry's tags right to left, as the site writes them, inside the English navigation that names them", () => {
    expect(page(/^entries\//)).toContain(`<nav aria-label="Tags" lang="en" dir="ltr"><ul class="tags" lang="ar" dir="rtl"><li>`);
  });
});
