import { HtmlValidate } from 'html-validate';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { FEED_CONTENT_MAX_CHARS, MAX_ENTRY_BYTES } from '../../../lib/content/limits.js';
import { renderMarkdown } from '../../../lib/content/renderMarkdown.js';
import { cutFirstBlock, cutHtml } from '../../../lib/feeds/cutHtml.js';
import type { EntryMeta } from '../../../lib/content/entry.js';
import { entryContentHtml } from '../../../lib/feeds/entryContent.js';
import { feedArtifacts } from '../../../lib/feeds/feedArtifacts.js';
import { publish } from '../../../lib/publish/publish.js';
import { MemoryStore } from '../../../lib/store/memoryStore.js';
import { entry, entryText, memoryContent } from '../../support/content.js';

describe('cutHtml', () => {
  const html = '<p>one</p>\n<ul>\n<li>a<br>b</li>\n</ul>\n<hr>\n<p>two</p>\n';

  it('leaves HTML within the budget as it is', () => {
    expect(cutHtml(html, html.length)).toEqual({ html, cut: false });
  });

  it('cuts after the last whole top-level block that fits, never inside one', () => {
    // '<p>one</p>' is 10 characters; the list ends at 37, the <hr> at 42.
    expect(cutHtml(html, 36)).toEqual({ html: '<p>one</p>', cut: true });
    expect(cutHtml(html, 37)).toEqual({ html: '<p>one</p>\n<ul>\n<li>a<br>b</li>\n</ul>', cut: true });
    expect(cutHtml(html, 42)).toEqual({ html: '<p>one</p>\n<ul>\n<li>a<br>b</li>\n</ul>\n<hr>', cut: true });
    expect(cutHtml(html, 5)).toEqual({ html: '', cut: true });
  });

  it('reads an escaped > in an attribute as part of the tag', () => {
    const tricky = '<p><a title="x&gt;y" href="https://e.example/">z</a></p>\n<p>second paragraph</p>';
    expect(cutHtml(tricky, tricky.length - 1)).toEqual({ html: '<p><a title="x&gt;y" href="https://e.example/">z</a></p>', cut: true });
  });
});

describe('a feed item of a long commentary', () => {
  it(`carries at most ${FEED_CONTENT_MAX_CHARS} characters of it, whole blocks only, and links the article`, async () => {
    // A table close to the entry size limit renders to more HTML than the feed budget.
    const rows = Math.floor((MAX_ENTRY_BYTES - 500) / '| cell | cell |\n'.length);
    const body = `First paragraph.\n\n| a | b |\n| --- | --- |\n${'| cell | cell |\n'.repeat(rows)}\nLast paragraph.\n`;
    const text = entryText(entry({ url: 'https://news.example.com/long' }), body);
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(MAX_ENTRY_BYTES);
    expect(renderMarkdown(body, 'https://watch.example.org/').html.length).toBeGreaterThan(FEED_CONTENT_MAX_CHARS);
    const output = new MemoryStore();
    await publish({ content: memoryContent({ entries: { '2014/long.md': text } }), output, now: DateTime.fromISO('2014-06-01T00:00:00+09:00'), builders: [feedArtifacts] });
    const json = JSON.parse(output.text('feed.json')!) as { items: { content_html: string }[] };
    const content = json.items[0]!.content_html;
    // The table is one block too large to fit: the first paragraph is kept, the table and the last are not.
    expect(content).toContain('<p>First paragraph.</p>');
    expect(content).not.toContain('<table>');
    expect(content).not.toContain('Last paragraph.');
    // The rest is on the entry's page (entries/<id>/ under the site's url): that, not the article, is what the link opens.
    expect(content).toContain('<p>The rest of this commentary is too long for a feed. <a href="https://watch.example.org/entries/2014/long/">Read all of it on its page</a>.</p>');
    expect(content.length).toBeLessThan(FEED_CONTENT_MAX_CHARS);
    const report = await new HtmlValidate({ extends: ['html-validate:recommended'], rules: { 'no-implicit-close': 'off' } }).validateString(content);
    expect(report.results.flatMap((result) => result.messages.map((message) => `${message.ruleId} ${message.message}`))).toEqual([]);
  });
});

describe('a feed item whose first block alone is over the budget', () => {
  const PAGE = 'https://watch.example.org/entries/a/';
  const meta = (summary?: string) => ({ title: 'T', url: 'https://news.example.com/a', source: { name: 'S' }, related: [], ...(summary === undefined ? {} : { summary }) }) as unknown as EntryMeta;
  const readOn = `<a href="${PAGE}">Read all of it on its page</a>.</p>`;
  const source = '<p>Source: S. <a href="https://news.example.com/a">Read the article</a>.</p>';
  const row = '<tr><td>cell</td></tr>\n';
  const table = `<table>\n<tbody>\n${row.repeat(FEED_CONTENT_MAX_CHARS / 20)}</tbody>\n</table>`;
  // A paragraph of 11,000 words of 4 letters: no element in it ends before the budget does.
  const words = 'word '.repeat(11_000).trimEnd();

  it('a table: its start, whole rows up to the budget with the table closed, then the rest on its page', () => {
    expect(table.length).toBeGreaterThan(FEED_CONTENT_MAX_CHARS);
    // "<table>\n<tbody>\n" (16) and k rows of 23 less the last newline, then "</tbody></table>" (16): the most k that fit.
    const rows = Math.floor((FEED_CONTENT_MAX_CHARS - 16 - 16 + 1) / row.length);
    const start = `<table>\n<tbody>\n${row.repeat(rows).trimEnd()}</tbody></table>`;
    expect(start.length).toBeLessThanOrEqual(FEED_CONTENT_MAX_CHARS);
    expect(entryContentHtml(meta(), `${table}\n<p>After the table.</p>`, PAGE, 'After the table.')).toBe(`${start}\n<p>The rest of this commentary is too long for a feed. ${readOn}\n${source}`);
    expect(cutFirstBlock(table, FEED_CONTENT_MAX_CHARS)).toBe(start);
  });

  it('a definition list: its start up to its last whole dd, never a dt cut off from its dd (WHATWG HTML §4.4.9)', () => {
    // "<dl>\n" (5), A's dt ends at 15 and its dd at 26, B's dt at 37 and its dd at 48; "</dl>" closes it (5).
    const dl = '<dl>\n<dt>A</dt>\n<dd>a</dd>\n<dt>B</dt>\n<dd>b</dd>\n</dl>';
    // B's dt and the close fit in 42, its dd does not: the cut is after A's dd.
    expect(cutFirstBlock(dl, 42)).toBe('<dl>\n<dt>A</dt>\n<dd>a</dd></dl>');
    expect(cutFirstBlock(dl, 53)).toBe('<dl>\n<dt>A</dt>\n<dd>a</dd>\n<dt>B</dt>\n<dd>b</dd></dl>');
    // Only a dt fits: nothing of the list does.
    expect(cutFirstBlock(dl, 20)).toBe('');
    // A glossary over the feed's budget: its item ends with a whole group, the dl closed, whatever the budget's end.
    for (const term of ['Term', 'Terms', 'Termini', 'T']) {
      const group = `<dt>${term}</dt>\n<dd>Its meaning</dd>\n`;
      const glossary = `<dl>\n${group.repeat(Math.ceil(FEED_CONTENT_MAX_CHARS / group.length))}</dl>`;
      const item = entryContentHtml(meta(), `${glossary}\n<p>After the glossary.</p>`, PAGE, 'After the glossary.');
      const groups = Math.floor((FEED_CONTENT_MAX_CHARS - 5 - 5 + 1) / group.length);
      expect(item, term).toBe(`<dl>\n${group.repeat(groups).trimEnd()}</dl>\n<p>The rest of this commentary is too long for a feed. ${readOn}\n${source}`);
    }
  });

  it('a table with cells spanning rows: never a cell cut off from the rows it spans (WHATWG HTML §4.9.11)', () => {
    const spanned = '<table>\n<tbody>\n<tr><td rowspan="2">A</td><td>a1</td></tr>\n<tr><td>a2</td></tr>\n<tr><td>B</td><td>b</td></tr>\n</tbody>\n</table>';
    const close = '</tbody></table>';
    const endOf = (part: string) => spanned.indexOf(part) + part.length;
    // A's first row fits, its second does not: no cut leaves A whole.
    expect(cutFirstBlock(spanned, endOf('a1</td></tr>') + close.length)).toBe('');
    // Both of A's rows fit: the cut is after them.
    expect(cutFirstBlock(spanned, endOf('a2</td></tr>') + close.length)).toBe(`${spanned.slice(0, endOf('a2</td></tr>'))}${close}`);
    // Inside the row after them, a cell spans only its own: the cut may be after it.
    expect(cutFirstBlock(spanned, endOf('<td>B</td>') + '</tr>'.length + close.length)).toBe(`${spanned.slice(0, endOf('<td>B</td>'))}</tr>${close}`);
    // A span of 0 runs to the end of its group, wherever that is.
    expect(cutFirstBlock(spanned.replace('rowspan="2"', 'rowspan="0"'), endOf('a1</td></tr>') + close.length)).toBe(`${spanned.slice(0, endOf('a1</td></tr>')).replace('rowspan="2"', 'rowspan="0"')}${close}`);
    // In a feed item over the budget, whatever the budget's end falls on: each kept group of three rows whole.
    for (const text of ['c', 'cc', 'ccc', 'cccc', 'ccccc', 'cccccc']) {
      const group = `<tr><td rowspan="3">span</td><td>a</td></tr>\n<tr><td>b</td></tr>\n<tr><td>${text}</td></tr>\n`;
      const table = `<table>\n<tbody>\n${group.repeat(Math.ceil(FEED_CONTENT_MAX_CHARS / group.length))}</tbody>\n</table>`;
      const start = cutFirstBlock(table, FEED_CONTENT_MAX_CHARS);
      expect(start.length, text).toBeLessThanOrEqual(FEED_CONTENT_MAX_CHARS);
      expect(start.length, text).toBeGreaterThan(FEED_CONTENT_MAX_CHARS - group.length - close.length);
      expect(start.endsWith(`<tr><td>${text}</td></tr>${close}`), text).toBe(true);
      expect(entryContentHtml(meta(), `${table}\n<p>After the table.</p>`, PAGE, 'After the table.'), text).toBe(`${start}\n<p>The rest of this commentary is too long for a feed. ${readOn}\n${source}`);
    }
  });

  it('a paragraph with no element ending in time: the summary in its place, the first paragraph without summary:, as every default summary, cut after a whole word', () => {
    const tooLong = `<p>This commentary is too long for a feed. ${readOn}`;
    const { firstParagraph } = renderMarkdown(words, 'https://watch.example.org/');
    expect(entryContentHtml(meta('Rail & freight.'), `<p>${words}</p>`, PAGE, firstParagraph)).toBe(`<p>Rail &amp; freight.</p>\n${tooLong}\n${source}`);
    // A default summary is at most 1,000 characters with its "…": 199 words and their spaces (995) and one more word
    // are 999, and the 1,000th is a space.
    expect(entryContentHtml(meta(), `<p>${words}</p>`, PAGE, firstParagraph)).toBe(`<p>${'word '.repeat(199)}word…</p>\n${tooLong}\n${source}`);
    // Nothing to stand in: the note alone, never "the rest".
    expect(entryContentHtml(meta(), `<p>${words}</p>`, PAGE, '')).toBe(`${tooLong}\n${source}`);
  });
});
