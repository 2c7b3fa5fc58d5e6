import { parseFragment } from 'parse5';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as repair from '../../../lib/content/repairHtml.js';
import { MAX_BODY_NESTING } from '../../../lib/content/limits.js';
import { MAX_BODY_DEPTH, nextHeadingLevel, repairEntryHtml } from '../../../lib/content/repairHtml.js';
import { renderMarkdown } from '../../../lib/content/renderMarkdown.js';
import { sanitizeEntryHtml } from '../../../lib/content/sanitizeHtml.js';

const BASE = 'https://watch.example.org/';
const render = (body: string) => renderMarkdown(body, BASE).html;

afterEach(() => {
  vi.restoreAllMocks();
});

/** The deepest element nesting in `html`, counted without recursion. */
function depthOf(html: string): number {
  let deepest = 0;
  const stack: { node: { childNodes?: unknown[] }; depth: number }[] = [{ node: parseFragment(html), depth: 0 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    deepest = Math.max(deepest, depth);
    for (const child of (node.childNodes ?? []) as { tagName?: string; childNodes?: unknown[] }[]) {
      if (child.tagName) stack.push({ node: child, depth: depth + 1 });
    }
  }
  return deepest;
}

// Each rule with inputs, and the output worked out from the HTML standard (parse5 writes void elements as <img>).
const RULES: [rule: string, cases: [input: string, output: string][]][] = [
  [
    'gives an img with no alt an empty one (decorative, WHATWG HTML §4.8.4.4), and keeps an alt it has',
    [
      ['<img src="https://x.example/a.png">', '<img src="https://x.example/a.png" alt="">'],
      ['<img alt="A chart" src="https://x.example/a.png">', '<img alt="A chart" src="https://x.example/a.png">'],
    ],
  ],
  [
    'splits a link inside a link as a browser does: the inner a closes the outer one',
    [
      ['See <a href="https://x.example/">the report and <a href="https://y.example/">the data</a></a>', 'See <a href="https://x.example/">the report and </a><a href="https://y.example/">the data</a>'],
    ],
  ],
  [
    're-levels headings: the first is h2, each at most one deeper than the one before, h1 becomes h2',
    [
      ['<h1>a</h1><h6>b</h6><h4>c</h4><h2>d</h2><h5>e</h5>', '<h2>a</h2><h3>b</h3><h4>c</h4><h2>d</h2><h3>e</h3>'],
    ],
  ],
  [
    'wraps list items outside a list in a ul, and puts anything but li in a ul into an li',
    [
      ['<li>orphan item</li>', '<ul><li>orphan item</li></ul>'],
      ['<blockquote><li>a</li> <li>b</li></blockquote>', '<blockquote><ul><li>a</li> <li>b</li></ul></blockquote>'],
      ['<ol><p>x</p><li>y</li></ol>', '<ol><li><p>x</p></li><li>y</li></ol>'],
    ],
  ],
  [
    'keeps the text of table rows and cells outside a table, not their markup',
    [
      ['<tr><td>cell</td></tr>', 'cell'],
    ],
  ],
  [
    'gives a dd with no dt before it an empty dt, a dt with no dd after it an empty dd, and dt/dd outside a dl a dl',
    [
      ['<dl><dd>x</dd></dl>', '<dl><dt></dt><dd>x</dd></dl>'],
      ['<dl><dt>a</dt></dl>', '<dl><dt>a</dt><dd></dd></dl>'],
      ['<dt>t</dt><dd>d</dd>', '<dl><dt>t</dt><dd>d</dd></dl>'],
      ['<dl><p>x</p></dl>', '<dl><dt></dt><dd><p>x</p></dd></dl>'],
    ],
  ],
  [
    'keeps one figcaption in a figure, its first or last child; another, or one outside a figure, becomes a p',
    [
      ['<figure><figcaption>c</figcaption><figcaption>d</figcaption></figure>', '<figure><figcaption>c</figcaption><p>d</p></figure>'],
      ['<figure><img src="https://x.example/a.png" alt="a"><figcaption>c</figcaption></figure>', '<figure><img src="https://x.example/a.png" alt="a"><figcaption>c</figcaption></figure>'],
      ['<figcaption>c</figcaption>', '<p>c</p>'],
    ],
  ],
  [
    "puts a table's parts in order: caption first, one thead, the bodies, tfoot last",
    [
      ['<table><tfoot><tr><td>f</td></tr></tfoot><tr><td>a</td></tr><caption>c</caption><thead><tr><th>h</th></tr></thead></table>', '<table><caption>c</caption><thead><tr><th>h</th></tr></thead><tbody><tr><td>a</td></tr></tbody><tfoot><tr><td>f</td></tr></tfoot></table>'],
    ],
  ],
  [
    'lets a block inside phrasing content give way to its content after a br, and a heading in a th become a p',
    [
      ['<h2>x<p>y</p></h2>', '<h2>x<br>y</h2>'],
      ['<table><tbody><tr><th><h3>x</h3></th></tr></tbody></table>', '<table><tbody><tr><th><p>x</p></th></tr></tbody></table>'],
    ],
  ],
  [
    'drops width, colspan and scope values HTML does not allow, and keeps the ones it does',
    [
      ['<img src="https://x.example/a.png" alt="" width="50%" height="20">', '<img src="https://x.example/a.png" alt="" height="20">'],
      // The second row begins a cell in each column b spans, so its colspan also fits the table model.
      ['<table><tbody><tr><th scope="sideways" colspan="0">a</th><td colspan="2">b</td></tr><tr><td>c</td><td>d</td><td>e</td></tr></tbody></table>', '<table><tbody><tr><th>a</th><td colspan="2">b</td></tr><tr><td>c</td><td>d</td><td>e</td></tr></tbody></table>'],
    ],
  ],
  [
    'removes a table row with no cell, so each row has a cell beginning on it (WHATWG HTML §4.9.12.1)',
    [
      ['<table><tr></tr></table>', '<table><tbody></tbody></table>'],
      ['<table><tr><td>a</td></tr><tr> </tr></table>', '<table><tbody><tr><td>a</td></tr></tbody></table>'],
    ],
  ],
  [
    "drops every colspan and rowspan of a table whose spans do not fit its grid (§4.9.12.1), and only that table's",
    [
      // Columns 2 and 3 have no cell beginning in them.
      ['<table><tr><td colspan="3">a</td></tr><tr><td>b</td></tr></table>', '<table><tbody><tr><td>a</td></tr><tr><td>b</td></tr></tbody></table>'],
      // The tbody has one row: rowspan="5" goes past its end; so does rowspan="3" in a one-row thead.
      ['<table><tr><td rowspan="5">a</td><td>b</td></tr></table>', '<table><tbody><tr><td>a</td><td>b</td></tr></tbody></table>'],
      ['<table><thead><tr><th rowspan="3">h</th></tr></thead><tr><td>b</td></tr></table>', '<table><thead><tr><th>h</th></tr></thead><tbody><tr><td>b</td></tr></tbody></table>'],
      // 2 covers column 2 of row 2, which 3 (colspan="2" from column 1) covers too.
      ['<table><tr><td>1</td><td rowspan="2">2</td></tr><tr><td colspan="2">3</td></tr></table>', '<table><tbody><tr><td>1</td><td>2</td></tr><tr><td>3</td></tr></tbody></table>'],
      // Once its empty row is gone, rowspan="2" goes past the end of the tbody.
      ['<table><tr><td rowspan="2">a</td></tr><tr></tr></table>', '<table><tbody><tr><td>a</td></tr></tbody></table>'],
      // The outer table's colspan="2" fits (b and the inner table's cell begin in columns 1 and 2); the inner one's does not.
      [
        '<table><tr><td colspan="2">a</td></tr><tr><td>b</td><td><table><tr><td colspan="2">x</td></tr></table></td></tr></table>',
        '<table><tbody><tr><td colspan="2">a</td></tr><tr><td>b</td><td><table><tbody><tr><td>x</td></tr></tbody></table></td></tr></tbody></table>',
      ],
    ],
  ],
  [
    'keeps spans that fit, rowspan="0" (to the end of its row group) included, byte for byte',
    [
      [
        '<table><tbody><tr><td rowspan="2" colspan="2">a</td><td>b</td></tr><tr><td>c</td></tr><tr><td>d</td><td rowspan="0">e</td><td>f</td></tr></tbody><tfoot><tr><td colspan="3">t</td></tr></tfoot></table>',
        '<table><tbody><tr><td rowspan="2" colspan="2">a</td><td>b</td></tr><tr><td>c</td></tr><tr><td>d</td><td rowspan="0">e</td><td>f</td></tr></tbody><tfoot><tr><td colspan="3">t</td></tr></tfoot></table>',
      ],
    ],
  ],
  [
    'makes a div of text a p, drops an empty one, and gives any other way to its blocks, each run of its text a p',
    [
      ['<div>First line from the CMS.</div><div>Second line.</div>', '<p>First line from the CMS.</p><p>Second line.</p>'],
      ['<div>One</div><div><br></div><div> </div><div>Two <b>bold</b></div>', '<p>One</p><p>Two <b>bold</b></p>'],
      ['<div>Lead<ul><li>a</li></ul>after <i>it</i></div>', '<p>Lead</p><ul><li>a</li></ul><p>after <i>it</i></p>'],
      ['<div><div><p>Nested</p></div></div>', '<p>Nested</p>'],
      ['<div><img src="https://x.example/a.png"></div>', '<p><img src="https://x.example/a.png" alt=""></p>'],
    ],
  ],
  [
    'drops an empty p, which a parser makes of a </p> when a block closed the p',
    [['<p>a<div>b</div></p>', '<p>a</p><p>b</p>']],
  ],
];

/** The text content of the pre in `html` as parse5 (a browser's parser) reads it. */
function preText(html: string): string {
  type Node = { nodeName: string; value?: string; childNodes?: Node[] };
  const textOf = (node: Node): string => node.value ?? (node.childNodes ?? []).map(textOf).join('');
  const pre = (parseFragment(html).childNodes as Node[]).find((node) => node.nodeName === 'pre');
  if (pre === undefined) throw new Error(`no pre in ${html}`);
  return textOf(pre);
}

describe('repairEntryHtml', () => {
  for (const [rule, cases] of RULES) {
    it(rule, () => {
      for (const [input, output] of cases) expect(repairEntryHtml(input), input).toBe(output);
    });
  }

  it('keeps the text of a link inside a link the parser nests (through a table cell), not its markup', () => {
    const html = '<a href="https://x.example/">x<table><tbody><tr><td><a href="https://y.example/">y</a></td></tr></tbody></table></a>';
    // parse5 keeps the table inside the first a here only if no p closes it: inside a list item nothing does.
    const repaired = repairEntryHtml(`<ul><li>${html}</li></ul>`);
    expect(repaired.match(/<a /g)).toHaveLength(1);
    expect(repaired).toContain('<td>y</td>');
  });

  it('writes a pre so that a parser reads the text it read from the input: the newline it drops after <pre> is added back', () => {
    // The parser drops one newline after <pre> (WHATWG HTML §13.2.6.4.7): "\ntwo" here, "\nx" inside the p.
    for (const input of ['<pre>\n\ntwo newlines before</pre>', '<pre>\n\n\nthree</pre>', '<pre><p>\nx</p></pre>']) {
      expect(preText(repairEntryHtml(input)), input).toBe(preText(input));
    }
    expect(repairEntryHtml('<pre>\n\ntwo newlines before</pre>')).toBe('<pre>\n\ntwo newlines before</pre>');
    // No newline after <pre> in the parsed text: nothing is added.
    expect(repairEntryHtml('<pre>\none newline before</pre>')).toBe('<pre>one newline before</pre>');
  });

  // A body nested deeper than MAX_BODY_NESTING is refused before it is rendered (bodyTree): that is the deepest
  // HTML the repair is given.
  it('leaves no div however deep they nest: below 100 deep each is a p of its text', () => {
    const repaired = repairEntryHtml(`${'<div>'.repeat(MAX_BODY_NESTING)}deep text`);
    expect(repaired).not.toContain('<div');
    expect(repaired).toBe('<p>deep text</p>');
  });

  it('keeps the text of elements nested more than 100 deep, not their markup', () => {
    expect(MAX_BODY_DEPTH).toBe(100);
    // 50 nested tables are 200 elements deep as parsed: each is a table, a tbody, a tr and a td, so the 25th
    // table's td is at depth 100 and holds the text of all below it.
    const repaired = repairEntryHtml('<table><tr><td>'.repeat(MAX_BODY_NESTING / 4) + 'deep text');
    expect(depthOf(repaired)).toBe(100);
    expect(repaired).toContain('<td>deep text</td>');
    expect(repaired.match(/<table>/g)).toHaveLength(25);
  });
});

describe('nextHeadingLevel', () => {
  it('is at least 2 and at most one more than the level before', () => {
    expect(nextHeadingLevel(1, 1)).toBe(2);
    expect(nextHeadingLevel(6, 2)).toBe(3);
    expect(nextHeadingLevel(3, 5)).toBe(3);
  });
});

describe('renderMarkdown', () => {
  it('keeps the paragraphs of a commentary pasted as CMS containers, each its own p, none run together', () => {
    expect(render('<section>Article text</section><aside>Aside text</aside><address>Address text</address>\n')).toBe('<p>Article text</p><p>Aside text</p><p>Address text</p>\n');
    expect(render('<details><summary>More</summary>Hidden text</details>\n')).toBe('<p>More</p><p>Hidden text</p>\n');
  });

  // The whole path: Markdown, the sanitiser (which writes void elements as <img />), and the repair.
  const RENDERED: [rule: string, body: string, html: string][] = [
    ['re-levels Markdown headings with no raw HTML on the tokens: # then ###### is h2 then h3', '# Heading one\n\n###### six', '<h2>Heading one</h2>\n<h3>six</h3>\n'],
    ['re-levels Markdown and raw HTML headings together', '# A\n\n<h6>x</h6>\n\n#### b', '<h2>A</h2>\n<h3>x</h3>\n<h4>b</h4>\n'],
    ['gives an img written in raw HTML alt=""', '<img src="https://x.example/a.png">', '<img src="https://x.example/a.png" alt="" />'],
    ['keeps the blank line at the start of a raw HTML pre', 'Intro.\n\n<pre>\n\ntwo newlines before</pre>', '<p>Intro.</p>\n<pre>\n\ntwo newlines before</pre>'],
  ];
  for (const [rule, body, html] of RENDERED) it(rule, () => expect(render(body)).toBe(html));

  it('a link inside a Markdown link (an autolink, a URL linkify finds) is its text alone: no a inside an a', () => {
    expect(renderMarkdown('[see <https://a.example/in>](https://b.example/out)', 'https://watch.example.org/').html).toBe('<p><a href="https://b.example/out">see https://a.example/in</a></p>\n');
    expect(renderMarkdown('[**bold https://a.example/in** text](https://b.example/out) then https://c.example/', 'https://watch.example.org/').html).toBe(
      '<p><a href="https://b.example/out"><strong>bold https://a.example/in</strong> text</a> then <a href="https://c.example/">https://c.example/</a></p>\n',
    );
  });

  it('repairs only bodies with raw HTML: Markdown alone makes no parse5 pass', () => {
    const spy = vi.spyOn(repair, 'repairEntryHtml');
    render('Plain *prose* with a [link](https://x.example/).\n\n## A heading');
    expect(spy).not.toHaveBeenCalled();
    render('Prose with <b>raw</b> HTML.');
    expect(spy).toHaveBeenCalledTimes(1);
  });

  it('adds nothing the sanitiser would not keep: no handler or javascript: URL comes back through a repair', () => {
    const bodies = [
      '<li><a href="javascript:alert(1)" onclick="x()">a</a></li>',
      '<dl><dd><img src="https://x.example/a.png" onerror="y()"></dd></dl>',
      '<a href="https://x.example/">a <a href="JaVaScRiPt:alert(1)">b</a></a>',
      '<figure><figcaption onmouseover="z()">c</figcaption><figcaption><script>alert(1)</script>d</figcaption></figure>',
      '<tr><td><iframe src="https://evil.example/"></iframe>cell</td></tr>',
    ];
    for (const body of bodies) {
      const html = render(body);
      expect(html, body).not.toMatch(/javascript:|\bon[a-z]+=|<script|<iframe/i);
      // The output is a fixed point of the sanitiser: it keeps every element and attribute.
      expect(sanitizeEntryHtml(html, BASE), body).toBe(html);
    }
  });
});
