import { describe, expect, it } from 'vitest';
import type { EntryMeta } from '../../../lib/content/entry.js';
import { footnoteIds } from '../../../lib/content/footnoteIds.js';
import { renderMarkdown } from '../../../lib/content/renderMarkdown.js';
import { sanitizeEntryHtml } from '../../../lib/content/sanitizeHtml.js';
import { entryContentHtml } from '../../../lib/feeds/entryContent.js';

const BASE = 'https://watch.example.org/';
const BODY = 'Exports fell[^1].\n\n[^1]: Customs data.\n';

describe('Markdown footnotes', () => {
  it('a reference and its note, linked both ways, with ids of the entry (its page folder)', () => {
    const { html } = renderMarkdown(BODY, BASE, footnoteIds('2014/rason-port'));
    expect(html).toBe(
      '<p>Exports fell<sup><a href="#fn-2014_rason-port-1" id="fnref-2014_rason-port-1">[1]</a></sup>.</p>\n' +
        '<ol>\n<li id="fn-2014_rason-port-1"><p>Customs data. <a href="#fnref-2014_rason-port-1">\u21A9\uFE0E</a></p>\n</li>\n</ol>\n',
    );
  });

  it('two entries shown on one page or in one reader keep apart: each note 1 has its own ids', () => {
    const ids = (id: string) => [...renderMarkdown(BODY, BASE, footnoteIds(id)).html.matchAll(/ id="([^"]+)"/g)].map((match) => match[1]);
    const first = ids('2014/rason-port');
    const second = ids('Rason Port');
    expect(first).toHaveLength(2);
    expect(second).toHaveLength(2);
    for (const id of first) expect(second).not.toContain(id);
  });

  it('a note cited twice: the same number at each reference, each with its own way back', () => {
    const { html } = renderMarkdown('A[^n] and B[^n].\n\n[^n]: Both.\n', BASE, footnoteIds('a'));
    expect(html).toContain('<a href="#fn-a-1" id="fnref-a-1">[1]</a>');
    expect(html).toContain('<a href="#fn-a-1" id="fnref-a-1_1">[1]</a>');
    expect(html).toContain('<a href="#fnref-a-1">\u21A9\uFE0E</a> <a href="#fnref-a-1_1">\u21A9\uFE0E</a>');
  });

  it('the summary leaves the reference out', () => {
    expect(renderMarkdown(BODY, BASE, footnoteIds('a')).firstParagraph).toBe('Exports fell.');
  });
});

// markdown-it-footnote reads an inline note too, `^[text]`, numbered with the others in the order of their references.
describe('inline footnotes, ^[…]', () => {
  const INLINE = 'Exports fell^[Customs data, *May*.] and rose[^r].\n\n[^r]: A labelled note.\n';

  it('a reference and its note, with the entry’s ids, numbered in order with a labelled note', () => {
    expect(renderMarkdown(INLINE, BASE, footnoteIds('2014/rason-port')).html).toBe(
      '<p>Exports fell<sup><a href="#fn-2014_rason-port-1" id="fnref-2014_rason-port-1">[1]</a></sup> and rose<sup><a href="#fn-2014_rason-port-2" id="fnref-2014_rason-port-2">[2]</a></sup>.</p>\n' +
        '<ol>\n<li id="fn-2014_rason-port-1"><p>Customs data, <em>May</em>. <a href="#fnref-2014_rason-port-1">\u21A9\uFE0E</a></p>\n</li>\n' +
        '<li id="fn-2014_rason-port-2"><p>A labelled note. <a href="#fnref-2014_rason-port-2">\u21A9\uFE0E</a></p>\n</li>\n</ol>\n',
    );
  });

  it('two entries on one page share no id; the summary leaves the note out', () => {
    const ids = (id: string) => [...renderMarkdown('A^[one].\n', BASE, footnoteIds(id)).html.matchAll(/ id="([^"]+)"/g)].map((match) => match[1]);
    expect(ids('2014/a')).toEqual(['fnref-2014_a-1', 'fn-2014_a-1']);
    expect(ids('2014/b')).toEqual(['fnref-2014_b-1', 'fn-2014_b-1']);
    expect(renderMarkdown(INLINE, BASE, footnoteIds('a')).firstParagraph).toBe('Exports fell and rose.');
  });

  it('in a feed item, its links go to the entry’s page', () => {
    const entry = { title: 'T', url: 'https://news.example.com/a', source: { name: 'S' }, related: [] } as unknown as EntryMeta;
    const page = 'https://watch.example.org/entries/a/';
    const html = entryContentHtml(entry, renderMarkdown('A^[one].\n', BASE, footnoteIds('a')).html, page);
    expect(html).toContain(`<a href="${page}#fn-a-1" id="fnref-a-1">[1]</a>`);
    expect(html).toContain(`<a href="${page}#fnref-a-1">`);
    expect(html).not.toContain('href="#');
  });
});

describe('the sanitiser keeps the ids and fragment links of the entry’s own footnotes only', () => {
  it('another id, or a link to one, goes; the text stays', () => {
    const notes = footnoteIds('a');
    expect(sanitizeEntryHtml('<p><a href="#fn-b-1" id="fnref-b-1">1</a> <a href="#fn-a-1" id="top">2</a></p><ol><li id="fn-b-1">x</li><li id="fn-a-1">y</li></ol>', BASE, notes)).toBe(
      '<p><a>1</a> <a href="#fn-a-1">2</a></p><ol><li>x</li><li id="fn-a-1">y</li></ol>',
    );
  });
});
