import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, parseFragment, type DefaultTreeAdapterMap } from 'parse5';
import { describe, expect, it } from 'vitest';
import { firstParagraphOf, type SummaryCut } from '../../../lib/content/firstParagraph.js';
import { MAX_TEXT_CHARS } from '../../../lib/content/limits.js';
import { renderMarkdown } from '../../../lib/content/renderMarkdown.js';
import { contentFolder, entry, entryText } from '../../support/content.js';
import { siteYaml } from '../../support/digestFixtures.js';
import { once } from '../../support/once.js';
import { runMain } from '../../support/runMain.js';
import { parseXml, type XmlElement } from '../../support/xml.js';

// The default summary (the body's first paragraph) is cut to a written summary's limit: every feed, page and digest
// that shows the entry repeats it, and one paragraph may be most of a 100 KB entry.
const MAX = MAX_TEXT_CHARS.summary;

// 250 words of seven characters, each with an `&` that every format escapes: "a&b1000 a&b1001 …", 1,999 characters.
const WORDS = Array.from({ length: 250 }, (_, index) => `a&b${1000 + index}`);
const PARAGRAPH = WORDS.join(' ');
// 125 words and their spaces are 999 characters, and "…" the 1,000th; a 126th word would pass the limit.
const KEPT = 125;
const SUMMARY = `${WORDS.slice(0, KEPT).join(' ')}…`;
const NEXT_WORD = WORDS[KEPT]!;

describe('the default summary', () => {
  it('is cut to the length a written summary may have, after a whole word, with an ellipsis', () => {
    expect(PARAGRAPH.length).toBeGreaterThan(MAX);
    expect(SUMMARY.length).toBe(MAX);
    const shortened: SummaryCut = { cut: false };
    expect(firstParagraphOf(`${PARAGRAPH}\n\nThe rest.\n`, undefined, shortened)).toBe(SUMMARY);
    expect(shortened.cut).toBe(true);
    // Prose without markup (read without markdown-it), a raw HTML paragraph, and the full render's reading.
    // Words of six characters there: 142 and their spaces are 993 characters; a 143rd would make 1,001 with "…".
    const plain = WORDS.map((word) => word.replace('&', ''));
    expect(firstParagraphOf(`${plain.join(' ')}\n`)).toBe(`${plain.slice(0, 142).join(' ')}…`);
    expect(firstParagraphOf(`<p>${PARAGRAPH.replaceAll('&', '&amp;')}</p>\n`)).toBe(SUMMARY);
    expect(renderMarkdown(`${PARAGRAPH}\n`, 'https://watch.example.org/').firstParagraph).toBe(SUMMARY);
  });

  it('is the whole paragraph up to that length, and then says nothing', () => {
    const fits = `${WORDS.slice(0, KEPT).join(' ')}x`;
    expect(fits.length).toBe(MAX);
    const shortened: SummaryCut = { cut: false };
    expect(firstParagraphOf(`${fits}\n`, undefined, shortened)).toBe(fits);
    expect(shortened.cut).toBe(false);
  });
});

const NOW = '2014-06-01T00:00:00+09:00';

// One entry whose first paragraph is too long, one within it, and a draft too long: one check and one publish.
const published = once(async () => {
  const content = await contentFolder({
    site: siteYaml(),
    entries: {
      '2014/long.md': entryText(entry({ url: 'https://news.example.com/long', title: 'Long' }), `${PARAGRAPH}\n\nThe rest.\n`),
      '2014/short.md': entryText(entry({ url: 'https://news.example.com/short', title: 'Short' }), 'Trade rose.\n'),
      '2014/draft.md': entryText(entry({ url: 'https://news.example.com/draft', draft: true }), `${PARAGRAPH}\n`),
    },
  });
  const out = await mkdtemp(join(tmpdir(), 'broadsheet-out-'));
  const check = await runMain(['check', '--content', content]);
  const publish = await runMain(['publish', '--content', content, '--out', out, '--now', NOW]);
  return { check, publish, read: (key: string) => readFile(join(out, key), 'utf8') };
});

/** The text of HTML as a browser reads it: each reference decoded. */
function htmlText(html: string): string {
  return parseFragment(html).childNodes.map((node) => (node.nodeName === '#text' ? (node as DefaultTreeAdapterMap['textNode']).value : '')).join('');
}

/** The first descendant of `element` named `name`, depth first. */
function find(element: XmlElement, name: string): XmlElement | undefined {
  for (const child of element.children) {
    if (child.name === name) return child;
    const found = find(child, name);
    if (found) return found;
  }
  return undefined;
}

/** The content of the `<meta name="description">` of an HTML page. */
function metaDescription(html: string): string | undefined {
  const visit = (node: DefaultTreeAdapterMap['parentNode']): string | undefined => {
    for (const child of node.childNodes) {
      if (!('tagName' in child)) continue;
      if (child.tagName === 'meta' && child.attrs.some((attr) => attr.name === 'name' && attr.value === 'description')) return child.attrs.find((attr) => attr.name === 'content')?.value;
      const found = visit(child);
      if (found !== undefined) return found;
    }
    return undefined;
  };
  return visit(parse(html));
}

describe('a publish', () => {
  it('check warns about the entry whose paragraph was cut, with the fix; not about the short one or the draft', async () => {
    const { check, publish } = await published();
    const warning = `warning: entries/2014/long.md: summary: is not given, and the body's first paragraph, which stands in for it, is longer than the 1,000 characters a summary may have: feeds, pages and the digest show its start, cut after a word, with "…" (write summary: with one or two plain sentences, or split that paragraph)`;
    expect(check.code, check.stderr).toBe(0);
    expect(check.stderr.split('\n').filter((line) => line.includes(': summary: '))).toEqual([warning]);
    expect(publish.code, publish.stderr).toBe(0);
    expect(publish.stdout + publish.stderr).toContain(warning);
  });

  it('writes the cut summary into every feed, the entry page, the index and the digest', async () => {
    const { read } = await published();
    const rss = parseXml(await read('rss.xml'));
    const item = rss.children[0]!.children.filter((child) => child.name === 'item').find((child) => find(child, 'title')!.text === 'Long')!;
    // RSS <description> and Atom <summary type="html"> hold HTML: the summary's text escaped, each `&` whole.
    expect(htmlText(find(item, 'description')!.text)).toBe(SUMMARY);
    const atom = parseXml(await read('atom.xml'));
    const atomEntry = atom.children.filter((child) => child.name === 'entry').find((child) => find(child, 'title')!.text === 'Long')!;
    expect(htmlText(find(atomEntry, 'summary')!.text)).toBe(SUMMARY);
    const json = JSON.parse(await read('feed.json')) as { items: { title: string; summary?: string }[] };
    expect(json.items.find((jsonItem) => jsonItem.title === 'Long')!.summary).toBe(SUMMARY);
    expect(metaDescription(await read('entries/2014/long/index.html'))).toBe(SUMMARY);
    // The index and the digest show the summary alone, never the paragraph past the cut.
    for (const key of ['index.html', 'digests/2014-W19.html']) {
      const page = await read(key);
      expect(page, key).toContain(`${WORDS[KEPT - 1]!.replace('&', '&amp;')}…`);
      expect(page, key).not.toContain(NEXT_WORD.replace('&', '&amp;'));
    }
  });
});
