import { describe, expect, it, vi } from 'vitest';
import { isNamedWhenEmptied } from '../../../lib/content/blockLines.js';
import { emptiedElementWarning } from '../../../lib/content/emptiedElementWarning.js';
import { markdown } from '../../../lib/content/markdownParser.js';
import { renderMarkdown, type EmptiedElement } from '../../../lib/content/renderMarkdown.js';
import { sanitizeEntryHtml } from '../../../lib/content/sanitizeHtml.js';
import { bodyLineOf, bodyWarnings } from '../../support/bodyWarnings.js';

const CHART = '![Chart](data:image/png;base64,AAAA)';
const lineOf = bodyLineOf;
// The body's warnings of this kind (hidden content, say, has its own).
const warned = (body: string) => bodyWarnings(body, /^a [a-z ]+ shows nothing \(/);
const HEADING = {
  message: 'a heading shows nothing (it is empty, or all it holds every feed and page drops: an image whose address is not http or https, such as data:, hidden content, white space), so every feed and page leaves it out, and moves up a level a heading after it that would skip one',
  fix: "write the heading's text (an image needs an http or https address), or delete it",
};
const LIST = {
  message: 'a list shows nothing (it is empty, or all it holds every feed and page drops: an image whose address is not http or https, such as data:, hidden content, white space), so every feed and page leaves it out',
  fix: "write the list's items (an image needs an http or https address), or delete it",
};
const QUOTATION = {
  message: 'a quotation shows nothing (it is empty, or all it holds every feed and page drops: an image whose address is not http or https, such as data:, hidden content, white space), so every feed and page leaves it out',
  fix: 'write what it quotes (an image needs an http or https address), or delete it',
};

// Every feed and page drops a heading or a quotation left with nothing a reader sees (sanitizeEntryHtml): check names
// the line of the first, as the body is written.
describe('check on an element a body leaves empty', () => {
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

  // The first pass keeps the list, which holds a break; the repair makes the break an item, a bullet with nothing after
  // it, which the second pass drops with the list.
  it('in raw HTML, the line of one only the pass after the repair empties', () => {
    const body = 'Rice.\n\n<div>\n<p>Wheat.</p>\n<ul><br></ul>\n</div>\n';
    expect(warned(body)).toEqual([{ file: 'entries/2014/a.md', line: lineOf(body, '<ul>'), field: 'body', ...LIST }]);
  });

  it('names none that shows something, nor one hidden whole (the hidden-content warning names it)', () => {
    expect(warned(`## Rice ${CHART}\n\n## ${CHART} ![B](https://i.example/b.png)\n\n> Wheat\n>\n> more\n\n> ***\n\n# &amp;\n\n- ![B](https://i.example/b.png)\n- ***\n\n\`\`\`\n \n.\n\`\`\`\n`)).toEqual([]);
    expect(warned('<h2 hidden>Preheader</h2>\n\n<blockquote style="display:none"><p>x</p></blockquote>\n\nRice.\n')).toEqual([]);
    // The sanitiser alone, which judges the inline styles itself where the render has not read them.
    const told: string[] = [];
    sanitizeEntryHtml('<h2 hidden>P</h2><blockquote style="display:none"><p>x</p></blockquote><h3> </h3>', 'https://watch.example.org/', undefined, { emptied: (tag) => told.push(tag) });
    expect(told).toEqual(['h3']);
  });

  it('parses no body that holds none of them, or nothing that could empty one', () => {
    const parse = vi.spyOn(markdown, 'parse');
    try {
      expect(emptiedElementWarning(`Rice ${CHART} &nbsp; <span hidden>x</span>\n\nWheat - 2. Prices\n`)).toBeUndefined();
      expect(emptiedElementWarning('## Rice prices\n\n> Wheat prices\n')).toBeUndefined();
      expect(emptiedElementWarning('Rice:\n\n- [prices](https://a.example/)\n1. wheat\n')).toBeUndefined();
      expect(emptiedElementWarning('| Rice | Wheat |\n| --- | ---: |\n|  1 |  2 |\n')).toBeUndefined();
      expect(parse).not.toHaveBeenCalled();
    } finally {
      parse.mockRestore();
    }
  });

  it('names a list item, a list, a code block, a figure and a caption left empty, each with its line and fix', () => {
    const kind = (name: string, fix: string, more = '') => ({
      message: `a ${name} shows nothing (it is empty, or all it holds every feed and page drops: an image whose address is not http or https, such as data:, hidden content, white space), so every feed and page leaves it out${more}`,
      fix: `${fix} (an image needs an http or https address), or delete it`,
    });
    const item = `Rice:\n\n- wheat\n- ${CHART}\n-\n`;
    expect(warned(item)).toEqual([{ file: 'entries/2014/a.md', line: lineOf(item, '- !['), field: 'body', ...kind('list item', "write the item's text", '; and 1 more list item so') }]);
    // A list whose items are all blank is named as one list.
    const list = `Rice.\n\n1. ${CHART}\n2. &nbsp;\n`;
    expect(warned(list)).toEqual([{ file: 'entries/2014/a.md', line: lineOf(list, '1. '), field: 'body', ...LIST }]);
    // An empty fence, and one of a zero width space; the line is the fence's.
    const code = 'Rice.\n\n```js\n```\n\n~~~\n\u200b\n~~~\n';
    expect(warned(code)).toEqual([{ file: 'entries/2014/a.md', line: lineOf(code, '```js'), field: 'body', ...kind('code block', 'write its code', '; and 1 more code block so') }]);
    const pre = 'Rice.\n\n<pre>\n<span hidden>x</span>\n</pre>\n';
    expect(warned(pre)).toMatchObject([{ line: lineOf(pre, '<pre>'), ...kind('code block', 'write its code') }]);
    const figure = 'Rice.\n\n<figure>\n<img src="data:image/png;base64,AAAA" alt="x">\n</figure>\n\n<figure><img src="https://i.example/a.png" alt="A"><figcaption>&nbsp;</figcaption></figure>\n\n<table><caption> </caption><tr><td>x</td></tr></table>\n';
    expect(warned(figure)).toEqual([{ file: 'entries/2014/a.md', line: lineOf(figure, '<figure>'), field: 'body', ...kind('figure', 'give the figure its image', '; and 2 more captions so') }]);
    // The others counted by kind, a heading and a quotation together.
    const mixed = `Rice.\n\n-\n\n## &nbsp;\n\n> ${CHART}\n\n\`\`\`\n\`\`\`\n`;
    expect(warned(mixed)).toMatchObject([{ line: lineOf(mixed, 'Rice.') + 2, message: kind('list', "write the list's items", '; and 3 more headings or quotations and code blocks so').message }]);
  });

  it('names a table of blank cells, and a definition list of a blank dt or dd alone, each with its line and fix', () => {
    const TABLE = {
      message: 'a table shows nothing (it is empty, or all it holds every feed and page drops: an image whose address is not http or https, such as data:, hidden content, white space), so every feed and page leaves it out',
      fix: "write the table's cells (an image needs an http or https address), or delete it",
    };
    // A Markdown table whose header and rows are spaces, with pipes around them; one of zero width spaces, with pipes around them or not; one of &nbsp; and a data: image.
    for (const table of ['|   |   |\n| --- | --- |\n|   |   |', '| \u200b |\n| --- |', ' \u200b | \u200b \n--|--', '| &nbsp; | ![x](data:image/png;base64,AAAA) |\n| - | - |']) {
      const body = `Rice.\n\n${table}\n\nWheat.\n`;
      expect(warned(body), table).toEqual([{ file: 'entries/2014/a.md', line: lineOf(body, 'Rice.') + 2, field: 'body', ...TABLE }]);
    }
    // In raw HTML, with a blank caption inside (one dropped with the table, not named again); a second table counted.
    const html = 'Rice.\n\n<div>\n<table><caption> </caption>\n<tr><th>&nbsp;</th><td><br></td></tr></table>\n</div>\n\n<table><tr><td>\u200b</td></tr></table>\n';
    expect(warned(html)).toEqual([{ file: 'entries/2014/a.md', line: lineOf(html, '<table><caption>'), field: 'body', message: `${TABLE.message}; and 1 more table so`, fix: TABLE.fix }]);
    // A dt or dd outside a dl is put in one by the repair, which the pass after it drops as a blank list: the dt's line.
    for (const part of ['<dt> </dt>', '<dd>&nbsp;</dd>', '<dt></dt><dd>\u200b</dd>']) {
      const body = `Rice.\n\n<div>\n<p>Wheat.</p>\n${part}\n</div>\n`;
      expect(warned(body), part).toEqual([{ file: 'entries/2014/a.md', line: lineOf(body, part), field: 'body', ...LIST }]);
    }
    // A table with any cell of text is kept, and a blank row in it, which keeps its columns.
    expect(warned('Rice.\n\n|   | Wheat |\n| - | - |\n|   |   |\n')).toEqual([]);
  });

  it('names a heading of a character of no width alone, as a heading of white space', () => {
    for (const space of ['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '&#8203;', '\u200b\u00a0\u200d']) {
      const body = `# Rice\n\n## ${space}\n\n### Wheat\n`;
      expect(warned(body), space).toEqual([{ file: 'entries/2014/a.md', line: lineOf(body, '## '), field: 'body', ...HEADING }]);
    }
  });

  // The first in the body, whichever pass drops it; one inside another dropped is not named again.
  it('names the first in the body, and one inside another dropped as that one', () => {
    const body = 'Rice.\n\n<ul><br></ul>\n\n<h2>&nbsp;</h2>\n';
    expect(warned(body)).toMatchObject([{ line: lineOf(body, '<ul>'), message: `${LIST.message}; and 1 more heading or quotation so` }]);
    const quoted = 'Rice.\n\n> #\n> - ![x](data:image/png;base64,AAAA)\n';
    expect(warned(quoted)).toEqual([{ file: 'entries/2014/a.md', line: lineOf(quoted, '> #'), field: 'body', ...QUOTATION }]);
  });

  // The quick look reads no parse: it must still find every body whose render names one, which each generated body is
  // rendered to learn.
  it('warns of a body exactly when its render drops one it names, over many generated bodies', () => {
    const CONTENTS = ['', ' ', 'Rice', CHART, '![B](https://i.example/b.png)', '&nbsp;', '&#8203;', '\u200b', '\u00a0', '\ufeff', '[](https://a.example/)', '[x](https://a.example/)', '` `', '<span hidden>x</span>', '<br>', '***'];
    const BLOCKS = [(c: string) => `- ${c}`, (c: string) => `1. ${c}`, (c: string) => `* a\n* ${c}`, (c: string) => `- - ${c}`, (c: string) => `## ${c}`, (c: string) => `> ${c}`, (c: string) => `${c}\n---`, (c: string) => `\`\`\`\n${c}\n\`\`\``, (c: string) => `- \`\`\`\n${c}`, (c: string) => `    ${c}`, (c: string) => `<ul><li>${c}</li></ul>`, (c: string) => `<pre>${c}</pre>`, (c: string) => `<figure>${c}</figure>`, (c: string) => `<figure><img src="https://i.example/a.png" alt="A"><figcaption>${c}</figcaption></figure>`, (c: string) => `<dl><dt>${c}</dt></dl>`, (c: string) => `Rice ${c}.`, (c: string) => c, (c: string) => `<div>\n<p>${c}</p>\n</div>`];
    let state = 47;
    const pick = <T>(items: readonly T[]): T => items[((state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0) >>> 8) % items.length]!;
    const differing: string[] = [];
    let warnedOf = 0;
    for (let n = 0; n < 250; n++) {
      const body = `${pick(BLOCKS)(pick(CONTENTS))}\n\n${pick(BLOCKS)(pick(CONTENTS))}\n`;
      const emptied: EmptiedElement[] = [];
      renderMarkdown(body, 'https://watch.example.org/', undefined, emptied);
      const named = emptied.some(isNamedWhenEmptied);
      const warning = emptiedElementWarning(body, 'https://watch.example.org/');
      if ((warning !== undefined) !== named) differing.push(body);
      if (warning !== undefined) warnedOf++;
    }
    expect(differing).toEqual([]);
    expect(warnedOf).toBeGreaterThan(50);
    expect(warnedOf).toBeLessThan(200);
    // And every content in each kind of table, and in a dt or dd outside a dl.
    const TABLES = [(c: string) => `| ${c} |\n| --- |`, (c: string) => `| ${c} | ${c} |\n| - | - |\n| ${c} | Rice |`, (c: string) => `${c} | ${c}\n--|--`, (c: string) => `<table><tr><td>${c}</td></tr></table>`, (c: string) => `<div>\n<dt>${c}</dt><dd>${c}</dd>\n</div>`];
    for (const table of TABLES) {
      for (const content of CONTENTS) {
        const body = `Rice.\n\n${table(content)}\n`;
        const emptied: EmptiedElement[] = [];
        renderMarkdown(body, 'https://watch.example.org/', undefined, emptied);
        if ((emptiedElementWarning(body, 'https://watch.example.org/') !== undefined) !== emptied.some(isNamedWhenEmptied)) differing.push(body);
      }
    }
    expect(differing).toEqual([]);
  });
});
