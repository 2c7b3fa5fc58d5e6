import { describe, expect, it, vi } from 'vitest';
import { emptiedElementWarning } from '../../../lib/content/emptiedElementWarning.js';
import { parseEntry } from '../../../lib/content/entry.js';
import { markdown } from '../../../lib/content/markdownParser.js';
import { sanitizeEntryHtml } from '../../../lib/content/sanitizeHtml.js';
import { entry, entryText } from '../../support/content.js';

const CHART = '![Chart](data:image/png;base64,AAAA)';
// The file's line (1-based) of the first line of `body` that holds `text`, as the entry file is written.
const lineOf = (body: string, text: string) => entryText(entry({}), body).split('\n').findIndex((line) => line.includes(text)) + 1;
// The body's warnings of this kind (hidden content, say, has its own).
const warned = (body: string) =>
  parseEntry(entryText(entry({}), body), 'entries/2014/a.md', { timezone: 'Asia/Seoul', url: 'https://watch.example.org/' }).warnings.filter((w) => w.field === 'body' && /^a (heading|quotation) shows nothing/.test(w.message));
const HEADING = {
  message: 'a heading shows nothing (it is empty, or all it holds every feed and page drops: an image whose address is not http or https, such as data:, hidden content, white space), so every feed and page leaves it out, and moves up a level a heading after it that would skip one',
  fix: "write the heading's text (an image needs an http or https address), or delete it",
};
const QUOTATION = {
  message: 'a quotation shows nothing (it is empty, or all it holds every feed and page drops: an image whose address is not http or https, such as data:, hidden content, white space), so every feed and page leaves it out',
  fix: 'write what it quotes (an image needs an http or https address), or delete it',
};

// Every feed and page drops a heading or a quotation left with nothing a reader sees (sanitizeEntryHtml): check names
// the line of the first, as the body is written.
describe('check on a heading or a quotation a body leaves empty', () => {
  it('names the first one\'s line, and counts the others: an image dropped for its data: address, a bare #, &nbsp; alone', () => {
    const body = `Rice.\n\n## ${CHART}\n\n#\n\n> ${CHART}\n\n### &nbsp;\n`;
    expect(warned(body)).toEqual([{ file: 'entries/2014/a.md', line: lineOf(body, '## !['), field: 'body', message: `${HEADING.message}; and 3 more headings or quotations so`, fix: HEADING.fix }]);
    const quoted = `Rice.\n\n> ${CHART}\n>\n> ${CHART}\n`;
    expect(warned(quoted)).toEqual([{ file: 'entries/2014/a.md', line: lineOf(quoted, '> !['), field: 'body', ...QUOTATION }]);
    const nested = `- Rice\n\n  #\n`;
    expect(warned(nested)).toMatchObject([{ line: lineOf(nested, '  #'), ...HEADING }]);
  });

  it('in raw HTML, the line of the element\'s start tag: one emptied by hidden content', () => {
    const body = 'Rice.\n\n<div>\n<p>Wheat.</p>\n<h2><span style="display:none">Preheader</span></h2>\n</div>\n\nA <blockquote><p><img src="data:image/png;base64,AAAA" alt="x"></p></blockquote>\n';
    expect(warned(body)).toEqual([{ file: 'entries/2014/a.md', line: lineOf(body, '<h2>'), field: 'body', message: `${HEADING.message}; and 1 more heading or quotation so`, fix: HEADING.fix }]);
  });

  // The first pass keeps the heading, whose list item shows; the repair makes the item a paragraph of nothing, which
  // the second pass drops with the heading.
  it('in raw HTML, the line of one only the pass after the repair empties', () => {
    const body = 'Rice.\n\n<div>\n<p>Wheat.</p>\n<h2><li></li></h2>\n</div>\n';
    expect(warned(body)).toEqual([{ file: 'entries/2014/a.md', line: lineOf(body, '<h2>'), field: 'body', ...HEADING }]);
  });

  it('names none that shows something, nor one hidden whole (the hidden-content warning names it)', () => {
    expect(warned(`## Rice ${CHART}\n\n## ${CHART} ![B](https://i.example/b.png)\n\n> Wheat\n>\n> more\n\n> -\n\n# &amp;\n`)).toEqual([]);
    expect(warned('<h2 hidden>Preheader</h2>\n\n<blockquote style="display:none"><p>x</p></blockquote>\n\nRice.\n')).toEqual([]);
    // The sanitiser alone, which judges the inline styles itself where the render has not read them.
    const told: string[] = [];
    sanitizeEntryHtml('<h2 hidden>P</h2><blockquote style="display:none"><p>x</p></blockquote><h3> </h3>', 'https://watch.example.org/', undefined, { emptied: (tag) => told.push(tag) });
    expect(told).toEqual(['h3']);
  });

  it('parses no body that holds no heading or quotation, or nothing that could empty one', () => {
    const parse = vi.spyOn(markdown, 'parse');
    try {
      expect(emptiedElementWarning(`Rice ${CHART} &nbsp; <span hidden>x</span>\n\n- a\n`)).toBeUndefined();
      expect(emptiedElementWarning('## Rice prices\n\n> Wheat prices\n')).toBeUndefined();
      expect(parse).not.toHaveBeenCalled();
    } finally {
      parse.mockRestore();
    }
  });
});
