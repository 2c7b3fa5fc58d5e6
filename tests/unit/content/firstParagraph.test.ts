import { describe, expect, it } from 'vitest';
import { columns } from '../../support/columns.js';
import { prng } from '../../../bench/corpus.js';
import { wrapText } from '../../../lib/shared/wrapText.js';
import { bodyTokens } from '../../../lib/content/bodyTokens.js';
import { firstParagraphOf, firstParagraphText, plainFirstParagraph } from '../../../lib/content/firstParagraph.js';
import { renderMarkdown } from '../../../lib/content/renderMarkdown.js';

// firstParagraphOf parses only the text up to the first blank line when it can. The full parse (renderMarkdown's,
// which reads the whole body) is the reference: both must always agree. renderMarkdown reads its first paragraph
// from its parse step's tokens (bodyTokens) before it renders or sanitises anything, so the reference is that step.

const BASE = 'https://watch.example.org/';
const fullParse = (body: string) => firstParagraphText(bodyTokens(body, {}, false).tokens);

// Thousands of generated bodies are compared in the loop and asserted once (as tests/unit/time/zoneClock.test.ts
// does): an expect() per body added to every comparison. The first disagreements are named, with both answers.
// Each distinct body is compared once: both answers depend on the body alone, and the generators repeat some (a body
// of one fixed block, such as an unclosed fence).
function disagreements(bodies: Iterable<string>): string[] {
  const found: string[] = [];
  for (const body of new Set(bodies)) {
    const [fast, full] = [firstParagraphOf(body), fullParse(body)];
    if (fast !== full) found.push(`${JSON.stringify(body)}: ${JSON.stringify(fast)}, full parse ${JSON.stringify(full)}`);
  }
  return found;
}
const expectNone = (found: string[]) => expect(found.slice(0, 10), `${found.length} disagreements with the full parse`).toEqual([]);

const EDGE_CASES = [
  '',
  '\n\nLeading blank lines, then a paragraph.\n',
  'One paragraph, no newline at the end',
  'A [reference link][ref] before its definition.\n\nMore text.\n\n[ref]: https://example.com/ref\n',
  'A [shortcut] reference.\n\n[shortcut]: https://example.com/s "Title"\n',
  'A [multi-line\nlabel] link.\n\n[multi-line label]: https://example.com/m\n',
  'Setext heading\n==============\n\nThe paragraph after it.\n',
  '# ATX heading\n\nThe paragraph after it.\n',
  '```\nfenced code\n\nwith a blank line inside\n```\n\nThe paragraph after the fence.\n',
  '```\nan unclosed fence\n\nruns to the end\n',
  'A paragraph\n```\ninterrupted by a fence\n\n```\n',
  '    indented code\n\nThe paragraph after it.\n',
  '> A quoted first paragraph\n> on two lines.\n\n> Another quote.\n',
  '- a list item\n\n  its second paragraph\n\n- another item\n',
  '<div>\nan HTML block\n\nstill?\n</div>\n\nThe paragraph.\n',
  '<!-- a comment\n\nthat spans a blank line -->\n\nThe paragraph.\n',
  'Text with <b>inline HTML</b>, `code`, *emphasis*, __strong__ and a link to https://example.com/bare.\n\nNext.\n',
  'Entities &amp; escapes \\*not emphasis\\* and &copy; &#x41;.\n\nNext.\n',
  'A line with two trailing spaces  \nthen a hard break.\n\nNext.\n',
  'Windows line ends\r\nin the first paragraph.\r\n\r\nSecond.\r\n',
  'A blank line of spaces follows\n   \nSecond paragraph.\n',
  'A blank line with a tab follows\n\t\nSecond.\n',
  '| a | b |\n| --- | --- |\n| 1 | 2 |\n\nAfter the table.\n',
  'Para then a table\n| a | b |\n| --- | --- |\n\nAfter.\n',
  '![An image](https://example.com/i.png) as the first paragraph.\n\nNext.\n',
  'A colon after a bracket ]: here, in plain text.\n\nNext.\n',
  '[label]: https://example.com/only-a-definition\n\nThe first real paragraph.\n',
  '***\n\nAfter a thematic break.\n',
  'Korean 한국어 and emoji 🇰🇷 and RTL עברית.\n\nNext.\n',
  '![](https://example.com/chart.png)\n\nThe prose after a chart without alt.\n',
  '![A chart](https://example.com/chart.png)\n\nThe prose after a chart.\n',
  '[![](https://example.com/c.png)](https://example.com/c)\n\nAfter a linked image.\n',
  '<span></span>\n\nAfter an empty span.\n',
  '## A heading\n\n- item one\n- item two\n\nThe prose after a list.\n',
  '- loose item\n\n- another\n\nThe prose after a loose list.\n',
  '- only a list\n- of points\n',
  '![Only a chart](https://example.com/chart.png)\n',
  'Struck ~~14%~~ 4% and $300<sup>2</sup>, a note<sup><a href="#n">1</a></sup>.\n\nNext.\n',
  '~~All struck~~\n\nThe paragraph after it.\n',
  'Water is H<sub>2</sub>O, 平壌 is <ruby>平壌<rt>ピョンヤン</rt></ruby>.\n\nNext.\n',
  'View this email in your browser\n\nThe paragraph after the newsletter line.\n',
  '<video src="https://media.example.com/clip.mp4" controls></video>\n',
  '<img src="https://img.example.com/a.png"\n  alt="An inline chart">\n\nThe prose after it.\n',
  '<a href="https://example.com/c"><img src="https://img.example.com/a.png" alt="A linked chart"></a>\n',
];

describe('firstParagraphOf', () => {
  for (const body of EDGE_CASES) {
    it(`agrees with the full parse: ${JSON.stringify(body.slice(0, 40))}`, () => {
      expect(firstParagraphOf(body)).toBe(fullParse(body));
      // And the parse step is the first paragraph renderMarkdown gives, rendered and sanitised.
      expect(renderMarkdown(body, BASE).firstParagraph).toBe(fullParse(body));
    });
  }

  it('reads the first paragraph as text (worked out by hand)', () => {
    expect(firstParagraphOf('Rail *link* [opens](https://example.com/a) &amp; more\non two lines.\n\nSecond.\n')).toBe('Rail link opens & more on two lines.');
    expect(firstParagraphOf('A [ref][r] link.\n\n[r]: https://example.com/r\n')).toBe('A ref link.');
  });

  it('is the first paragraph of words: one that shows only an image, or nothing, and a list’s items are passed over for the prose that follows', () => {
    expect(firstParagraphOf('![](https://img.example.com/chart.png)\n\nRice prices rose 10% in a month.\n')).toBe('Rice prices rose 10% in a month.');
    expect(firstParagraphOf('![Rice prices, 2013–2014](https://img.example.com/chart.png)\n\nRice prices rose.\n')).toBe('Rice prices rose.');
    expect(firstParagraphOf('[![](https://img.example.com/c.png)](https://example.com/c) ![](https://img.example.com/d.png)\n\nTwo charts.\n')).toBe('Two charts.');
    expect(firstParagraphOf('<span></span>\n\nAfter nothing.\n')).toBe('After nothing.');
    expect(firstParagraphOf('\u3000\n\nAfter an ideographic space.\n')).toBe('After an ideographic space.');
    expect(firstParagraphOf('## Key points\n\n- exports fell\n- imports rose\n\nTrade shrank.\n')).toBe('Trade shrank.');
    expect(firstParagraphOf('Key points:\n\n- exports fell\n')).toBe('Key points:');
  });

  it('is the first text there is when no paragraph of words is: a list’s first item, an image’s alt, a heading', () => {
    expect(firstParagraphOf('- exports fell\n- imports rose\n')).toBe('exports fell');
    expect(firstParagraphOf('1. exports fell\n\n2. imports rose\n')).toBe('exports fell');
    expect(firstParagraphOf('![](https://img.example.com/a.png)\n\n![Rice prices](https://img.example.com/b.png)\n')).toBe('Rice prices');
    // A heading, when nothing else has text: a body of a heading and a table (an RSS item without it had no description).
    expect(firstParagraphOf('# Only a heading\n')).toBe('Only a heading');
    expect(firstParagraphOf('## Trade in 2013\n\n| Year | Trade |\n| --- | --- |\n| 2013 | 6.5 |\n')).toBe('Trade in 2013');
    expect(firstParagraphOf('## Key points\n\n- exports fell\n')).toBe('Key points');
    expect(firstParagraphOf('| Year | Trade |\n| --- | --- |\n| 2013 | 6.5 |\n\n```\ncode\n```\n')).toBe('');
  });

  it('an image\'s alt written as an inline img, as a Markdown image\'s: a paragraph of images alone stands in by their alt text', () => {
    // An img tag over two lines is no HTML block (CommonMark §4.6, kind 7 needs the whole tag on its first line): inline HTML.
    expect(firstParagraphOf('<img src="https://img.example.com/a.png"\n  alt="Rice prices">\n')).toBe('Rice prices');
    expect(firstParagraphOf('<a href="https://example.com/c"><img src="https://img.example.com/a.png" alt="Rice prices"></a>\n')).toBe('Rice prices');
    expect(firstParagraphOf('![Rice](https://img.example.com/r.png) <img src="https://img.example.com/m.png" alt="Maize"><br>\n<img src="https://img.example.com/w.png" alt="Wheat">\n')).toBe('Rice Maize Wheat');
    // A tracking pixel or an image of a refused scheme is dropped: no alt, nor words.
    expect(firstParagraphOf('<img src="https://t.example/p.gif" width="1" height="1" alt="Open"> <img src="javascript:x" alt="Script"> <img src="https://img.example.com/a.png" alt="Chart">\n')).toBe('Chart');
    // Still passed over for a paragraph of words after it, and not one itself: an img shown as its alt text is.
    expect(firstParagraphOf('<img src="https://img.example.com/a.png"\n  alt="A chart">\n\nRice prices rose.\n')).toBe('Rice prices rose.');
    expect(firstParagraphOf('<img\n  alt="No image"> and words.\n\nNext.\n')).toBe('No image and words.');
  });

  it('an inline img in a <picture> as the body publishes it, read with the picture\'s sources: its alt as text only where no image is drawn', () => {
    const webp = '<source srcset="https://img.example.com/ok.webp">';
    // The source is drawn in the img's place: the image is published, its merge-tagged src no matter, and no alt as text.
    const tagged = `A <picture>${webp}<img src="https://img.example.com/{{id}}.png" alt="Logo"></picture> b\n`;
    expect(renderMarkdown(tagged, BASE).html).toBe('<p>A <img src="https://img.example.com/ok.webp" alt="Logo" /> b</p>\n');
    expect(firstParagraphOf(tagged)).toBe('A b');
    // A picture alone stands in by its alt, as an img alone does.
    expect(firstParagraphOf(`<picture>${webp}<img src="https://img.example.com/a.png" alt="Chart"></picture>\n\n- Rice\n`)).toBe('Chart');
    // A data: source, always selected and never kept, leaves nothing drawn: the image is dropped with its alt.
    const dropped = '<picture><source srcset="data:image/png;base64,AA"><img src="javascript:x" alt="Logo" srcset="https://img.example.com/{{id}}.png 1x"></picture>\n\n- Rice\n';
    expect(renderMarkdown(dropped, BASE).html).toBe('\n<ul>\n<li>Rice</li>\n</ul>\n');
    expect(firstParagraphOf(dropped)).toBe('Rice');
  });

  it('a Markdown image of a scheme the sanitiser refuses (data:, which markdown-it lets through for an image) gives no alt, as the body drops it with its alt', () => {
    const inText = 'Words ![Chart](data:image/png;base64,AA) more ![Map](https://img.example.com/m.png)\n';
    expect(renderMarkdown(inText, BASE).html).toBe('<p>Words  more <img src="https://img.example.com/m.png" alt="Map" /></p>\n');
    expect(firstParagraphOf(inText)).toBe('Words more Map');
    expect(firstParagraphOf('![Chart](data:image/png;base64,AA)\n\n- Rice\n')).toBe('Rice');
  });

  it('the same in raw HTML with no paragraph, as a CMS writes it: an image\'s alt, a heading, a list\'s first item, a quotation', () => {
    expect(firstParagraphOf('<figure><img src="https://img.example.com/a.png" alt="Rice queue in Hyesan"><figcaption>Hyesan market</figcaption></figure>\n')).toBe('Rice queue in Hyesan');
    expect(firstParagraphOf('<figure><img src="https://img.example.com/a.png"><figcaption>Hyesan market</figcaption></figure>\n')).toBe('Hyesan market');
    expect(firstParagraphOf('<h2>Trade in 2013</h2>\n<table><tr><td>6.5</td></tr></table>\n')).toBe('Trade in 2013');
    expect(firstParagraphOf('<ul><li>exports fell</li><li>imports rose</li></ul>\n')).toBe('exports fell');
    expect(firstParagraphOf('<blockquote>Prices held.</blockquote>\n')).toBe('Prices held.');
    // A paragraph of words after them is still the summary, in HTML or Markdown.
    expect(firstParagraphOf('<h2>Trade</h2>\n\nTrade with China shrank.\n')).toBe('Trade with China shrank.');
    // Nothing of what the sanitiser drops with its content.
    expect(firstParagraphOf('<noscript><img src="https://t.example/p.gif" alt="tracking"></noscript><table><tr><td></td></tr></table>\n')).toBe('');
  });

  it('passes over text of characters of no width alone, as the sanitiser drops it: a heading, paragraph, item or alt of U+200B to U+200D or U+2060', () => {
    for (const none of ['\u200b', '\u200c', '\u200d', '\u2060', '&#8203;', '\u200b \u2060\u3000']) {
      // Alone, the body has no summary: the sanitiser leaves it nothing to show.
      for (const body of [`# ${none}\n`, `## ${none}\n\n| Year |\n| --- |\n| 2013 |\n`, `${none}\n`, `- ${none}\n`, `<h2>${none}</h2>\n`, `<p>${none}</p>\n`, `![${none}](https://img.example.com/a.png)\n`]) {
        expect(firstParagraphOf(body), JSON.stringify(body)).toBe('');
        expect(renderMarkdown(body, BASE).firstParagraph, JSON.stringify(body)).toBe('');
      }
      // Before text, the text is the summary.
      expect(firstParagraphOf(`${none}\n\nRice prices rose.\n`)).toBe('Rice prices rose.');
      expect(firstParagraphOf(`# ${none}\n\n## Trade in 2013\n`)).toBe('Trade in 2013');
      expect(firstParagraphOf(`<p>${none}</p>\n<p>Rice prices rose.</p>\n`)).toBe('Rice prices rose.');
    }
    // Text with a character of no width in it is text.
    expect(firstParagraphOf('# Rice\u200b\n')).toBe('Rice\u200b');
  });

  it('reads a raw <br> as the line break it is, not as nothing between two words', () => {
    // Each break, in any of the spellings HTML accepts, stands between two words that must stay apart.
    expect(firstParagraphOf('Line one<br>line two and<br/>three<BR >four.\n\nNext.\n')).toBe('Line one line two and three four.');
    expect(firstParagraphOf('Rice<br />prices\n')).toBe('Rice prices');
    // Not a br: <bdo>, <b>, <wbr> (a break opportunity, no break) join their words as before.
    expect(firstParagraphOf('a<b>b</b>c<wbr>d<bdo dir="ltr">e</bdo>\n')).toBe('abcde');
    // A br inside an element the sanitiser drops with its content is dropped with it.
    expect(firstParagraphOf('A <noscript>x<br>y</noscript>B\n')).toBe('A B');
  });

  it('agrees with the full parse on 3,000 bodies made of random Markdown blocks', () => {
    const random = prng(4287);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    const inline = ['plain words', '*em*', '**strong**', '`code`', '[link](https://example.com/x)', '[ref]', '[ref][r2]', 'https://example.com/bare', '<i>html</i>', '&amp;', '\\*', 'trailing  ', '한국어', '🇰🇷', '~~struck~~', '<del>old</del>', '10<sup>6</sup>', '<math><mn>7.5</mn></math>'];
    const paragraph = () => Array.from({ length: 1 + Math.floor(random() * 6) }, () => pick(inline)).join(pick([' ', '\n', ' ']));
    const blocks = [
      paragraph,
      () => `# ${paragraph()}`,
      () => `${paragraph()}\n===`,
      () => '```\ncode\n\nmore code\n```',
      () => '```\nunclosed',
      () => `    indented`,
      () => `> ${paragraph()}`,
      () => `- ${paragraph()}\n\n  ${paragraph()}`,
      () => '<div>\nblock\n\nhtml\n</div>',
      () => '[ref]: https://example.com/def',
      () => '[r2]: https://example.com/def2 "title"',
      () => '| a | b |\n| - | - |\n| 1 | 2 |',
      () => '***',
    ];
    const separators = ['\n\n', '\n', '\n   \n', '\r\n\r\n', '\n\n\n'];
    const bodies: string[] = [];
    for (let i = 0; i < 3000; i++) {
      const parts: string[] = [];
      const count = 1 + Math.floor(random() * 5);
      for (let j = 0; j < count; j++) parts.push(pick(blocks)());
      bodies.push((random() < 0.1 ? '\n' : '') + parts.reduce((text, part, j) => (j === 0 ? part : text + pick(separators) + part), '') + '\n');
    }
    expectNone(disagreements(bodies));
  });
});

describe('plainFirstParagraph (prose without markdown-it)', () => {
  it('reads prose as its words, one space between them (worked out by hand)', () => {
    expect(plainFirstParagraph('Rice prices rose 12 percent\nin Pyongyang, traders say.  \nMore.\n\nSecond.\n')).toBe('Rice prices rose 12 percent in Pyongyang, traders say. More.');
    expect(plainFirstParagraph('See [the report](https://news.example/r/1) for the *full* figures.\n')).toBe('See the report for the full figures.');
  });

  it('leaves to markdown-it anything that could be syntax', () => {
    for (const body of ['A [link](javascript:alert) here.', 'A *word*after.', '**Bold** first', 'Tab\there.', '1. a list', 'Heading\n===', 'Line\n- item', '    code', '\nLater.', '', 'x&amp;y', 'http://xn--bcher-kva.example/', '50% more', 'a\\b']) {
      expect(plainFirstParagraph(body), JSON.stringify(body)).toBeUndefined();
    }
  });

  it('agrees with the full parse on 5,000 paragraphs of words, punctuation, numbers, URLs, links, emphasis and odd spaces', () => {
    const random = prng(2014);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    const ascii = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i));
    const words = ['rice', 'Sinuiju', 'won', '2014', '12.5', '3)', '1.', '#1', '+5', '-', '--', '==', 'e.g.', 'U.S.', "it's", '"quoted"', '(aside)', '{x}', '$5', '@news', 'a@b.example', 'www.Example.com', 'HTTP://Example.COM/Path', 'https://x.example/a?b=c', 'example.com', 'mailto:a@b.example', 'ftp://f.example', 'xn--', ':', ';', '?', '/', '^', '한국어', '🇰🇷', '\u00a0', '\u2028', '\u3000', 'http://a.example/%41', '&amp;', '&copy', 'http://xn--bcher-kva.example/'];
    const markup = ['[the report](https://news.example/r/1)', '[a link](/relative/path)', '[x](HTTPS://A.example:8080/p?q=1#f)', '[js](javascript:void)', '[data](data:text/html,x)', '[](https://e.example)', '[sp](https://a.example/a b)', '[t](https://a.example/a_b*c)', '![img](https://i.example/i.png)',
      '*full*', '**bold**', '*two words*', '**two strong words**', '*x', 'x*', '*a*b', 'a*b*', '***x***', '*x*.', '(*x*)', '*[l](https://l.example)*', '* spaced *', '*1*', '*é*'];
    let plain = 0;
    const bodies: string[] = [];
    for (let i = 0; i < 5000; i++) {
      const lines = Array.from({ length: 1 + Math.floor(random() * 4) }, () =>
        Array.from({ length: 1 + Math.floor(random() * 8) }, () => (random() < 0.05 ? pick(ascii) : random() < 0.06 ? pick(markup) : pick(words))).join(pick([' ', '  ', ' ', ''])),
      );
      const body = lines.map((line) => (random() < 0.1 ? ' '.repeat(1 + Math.floor(random() * 5)) : '') + line).join('\n') + pick(['\n\nSecond paragraph.\n', '\n', '', '  \n\n- a list\n']);
      if (plainFirstParagraph(body) !== undefined) plain++;
      bodies.push(body);
    }
    expectNone(disagreements(bodies));
    // The prose path must be the common one, or it saves nothing.
    expect(plain).toBeGreaterThan(500);
  });
});

describe('wrapText', () => {
  it('counts a wide character (an emoji, a Hangul syllable) as two columns and any other code point as one', () => {
    const random = prng(5322);
    const pieces = ['word', 'longerword', '🇰🇷', '😀', 'é', '한국', 'x'];
    for (let i = 0; i < 500; i++) {
      const words = Array.from({ length: 5 + Math.floor(random() * 40) }, () => Array.from({ length: 1 + Math.floor(random() * 4) }, () => pieces[Math.floor(random() * pieces.length)]).join(''));
      const text = words.join(' ');
      // The rule, done the slow way: a word joins the line while indent + line + space + word fit 72 columns.
      const expected: string[] = [];
      let line = '';
      for (const word of words) {
        if (line && 4 + columns(line) + 1 + columns(word) > 72) {
          expected.push(`    ${line}`);
          line = word;
        } else line = line ? `${line} ${word}` : word;
      }
      if (line) expected.push(`    ${line}`);
      expect(wrapText(text, '    ')).toEqual(expected);
    }
  });

  it('gives no line for blank text, and one for text that fits', () => {
    expect(wrapText(' \n\t ', '  ')).toEqual([]);
    expect(wrapText('  Rail\nlink  opens ', '  ')).toEqual(['  Rail link opens']);
  });
});
