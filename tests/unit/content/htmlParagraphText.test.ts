import { describe, expect, it } from 'vitest';
import { htmlParagraphText, htmlStandInText } from '../../../lib/content/htmlParagraphText.js';
import { firstParagraphOf } from '../../../lib/content/firstParagraph.js';
import { renderMarkdown } from '../../../lib/content/renderMarkdown.js';

// A commentary pasted as HTML: its first <p> is the first paragraph, so the default summary. Expected values are the
// paragraphs' text worked out by hand from the HTML.

describe('htmlParagraphText', () => {
  it('is the text of the first p, references decoded, tags left out, whitespace collapsed', () => {
    expect(htmlParagraphText('<p>Rice &amp; maize <b>prices</b>\n  held.</p>\n<p>Second.</p>')).toBe('Rice & maize prices held.');
  });

  it('finds it inside other elements, in document order', () => {
    expect(htmlParagraphText('<div class="post"><header>By line</header><p>First.</p></div><p>Second.</p>')).toBe('First.');
  });

  it('reads a br as a space and leaves out what the sanitiser drops with its content', () => {
    expect(htmlParagraphText('<p>Line one<br>line two<script>x()</script><noscript><img src="t.gif"></noscript>.</p>')).toBe('Line one line two.');
  });

  it('reads HTML nested far deeper than a call stack goes', () => {
    expect(htmlParagraphText(`<div>${'<span>'.repeat(30_000)}<p>${'<b>'.repeat(30_000)}deep</p>`)).toBe('deep');
  });

  it('skips a p that is empty or inside a dropped element; none at all is undefined', () => {
    expect(htmlParagraphText('<p> </p><noscript><p>Hidden.</p></noscript><p>Shown.</p>')).toBe('Shown.');
    expect(htmlParagraphText('<!-- a comment --><noscript><div>Hidden.</div></noscript>')).toBeUndefined();
  });

  it('without a p, is the first paragraph the repair makes of containers: a div of text, or a container’s text before its first block', () => {
    // As an editable box writes lines: each div a paragraph (repairEntryHtml), the first with text the summary.
    expect(htmlParagraphText('<div><br></div><div>First line from the CMS.</div><div>Second line.</div>')).toBe('First line from the CMS.');
    expect(htmlParagraphText('<section>Lead text<ul><li>a point</li></ul>after</section>')).toBe('Lead text');
    expect(htmlParagraphText('<article><ul><li>a point</li></ul><div>After the list.</div></article>')).toBe('After the list.');
    expect(htmlParagraphText('<details><summary>More</summary>Hidden text</details>')).toBe('More');
    // A p anywhere comes first, as before.
    expect(htmlParagraphText('<div>A byline</div><p>The paragraph.</p>')).toBe('The paragraph.');
  });
});

describe('the default summary of a commentary that opens with raw HTML paragraphs', () => {
  const BASE = 'https://watch.example.org/';
  for (const [body, summary] of [
    ['<p>Pasted from the CMS: rice &amp; maize.</p>\n<p>Second pasted paragraph.</p>\n', 'Pasted from the CMS: rice & maize.'],
    ['<p>Raw HTML paragraph first.</p>\n\nA Markdown paragraph second.\n', 'Raw HTML paragraph first.'],
    // An HTML block's text before the paragraph inside it is the paragraph the page shows first (repairEntryHtml).
    ['<div>\nan HTML block\n\nstill?\n</div>\n\nThe paragraph.\n', 'an HTML block'],
    ['<div>First line from the CMS.</div><div>Second line.</div>\n', 'First line from the CMS.'],
    ['<!-- a comment -->\n\nThe paragraph.\n', 'The paragraph.'],
  ] as const) {
    it(JSON.stringify(body.slice(0, 40)), () => {
      expect(renderMarkdown(body, BASE).firstParagraph).toBe(summary);
      expect(firstParagraphOf(body)).toBe(summary);
    });
  }
});

describe('htmlStandInText passes over an image the sanitiser drops', () => {
  it('a tracking pixel (by its attributes or style), an img with a src of another scheme: the next image\'s alt stands in', () => {
    const chart = '<img src="https://i.example.com/chart.png" alt="Coal exports chart">';
    for (const dropped of [
      '<img src="https://t.example.com/o2.gif" width="1" height="1" alt="Sent by Acme Mailer">',
      '<img src="https://t.example.com/o2.gif" style="width:1px;height:1px" alt="Sent by Acme Mailer">',
      '<img src="data:image/gif;base64,R0lGOD" alt="Sent by Acme Mailer">',
    ]) {
      expect(htmlStandInText(`<p>${dropped}${chart}</p>`), dropped).toBe('Coal exports chart');
    }
    expect(htmlStandInText('<p><img src="//i.example.com/a.png" alt="Relative to the scheme"></p>')).toBe('Relative to the scheme');
  });

  it('an img without a src or srcset, which a browser shows as its alt text, stands in with it', () => {
    expect(htmlStandInText('<p><img alt="Sent by Acme Mailer"><img src="https://i.example.com/chart.png" alt="Coal exports chart"></p>')).toBe('Sent by Acme Mailer');
  });

  it('so a body that shows only the chart is summed up by it, as published', () => {
    const body = '<p><img src="https://t.example.com/o2.gif" width="1" height="1" alt="Sent by Acme Mailer"><img src="https://i.example.com/chart.png" alt="Coal exports chart"></p>\n';
    expect(renderMarkdown(body, 'https://news.example.com/').firstParagraph).toBe('Coal exports chart');
    expect(firstParagraphOf(body)).toBe('Coal exports chart');
  });
});

describe('raised, lowered and annotated text in a summary', () => {
  it('writes a sub or sup after white space as written: small print runs into no figure', () => {
    expect(htmlParagraphText('<p>On Tuesday. <sub>Photo: Reuters</sub></p>')).toBe('On Tuesday. Photo: Reuters');
    expect(htmlParagraphText('<p>Seoul <sub>서울</sub> and <sup>see note</sup></p>')).toBe('Seoul 서울 and see note');
    expect(htmlParagraphText('<p><sub>2</sub> first</p>')).toBe('2 first');
  });

  it('writes a sub in subscript characters where each has one ("H₂O", not "H2O"), else after a _', () => {
    expect(htmlParagraphText('<p>Water is H<sub>2</sub>O and CO<sub>2</sub> a gas.</p>')).toBe('Water is H₂O and CO₂ a gas.');
    // m, a and x have subscript forms (U+2098, U+2090, U+2093); i and j none.
    expect(htmlParagraphText('<p>V<sub>max</sub> and x<sub>ij</sub>.</p>')).toBe('Vₘₐₓ and x_ij.');
    // Within a sub, a sup is its text.
    expect(htmlParagraphText('<p>A<sub>2<sup>3</sup></sub></p>')).toBe('A₂₃');
  });

  it('puts a ruby annotation after its base in parentheses ("平壌(ピョンヤン)", not "平壌ピョンヤン")', () => {
    expect(htmlParagraphText('<p><ruby>平壌<rt>ピョンヤン</rt></ruby> is the capital.</p>')).toBe('平壌(ピョンヤン) is the capital.');
    expect(htmlParagraphText('<p><ruby>漢<rt>かん</rt>字<rt>じ</rt></ruby></p>')).toBe('漢(かん)字(じ)');
    // The document's own rp text where it has them, once, not doubled.
    expect(htmlParagraphText('<p><ruby>漢<rp>（</rp><rt>かん</rt><rp>）</rp>字<rp>(</rp><rt>じ</rt><rp>)</rp></ruby></p>')).toBe('漢（かん）字(じ)');
    // An rtc holding annotations is one annotation.
    expect(htmlParagraphText('<p><ruby>東京<rtc><rt>とう</rt><rt>きょう</rt></rtc></ruby></p>')).toBe('東京(とうきょう)');
  });

  it('publishes the annotation so in the body too, which keeps no ruby: once, where the document has its own rp', () => {
    const BASE = 'https://watch.example.org/';
    expect(renderMarkdown('<p><ruby>平壌<rt>ピョンヤン</rt></ruby> is the capital.</p>\n', BASE)).toEqual({ html: '<p>平壌(ピョンヤン) is the capital.</p>\n', firstParagraph: '平壌(ピョンヤン) is the capital.' });
    expect(renderMarkdown('<p><ruby>漢<rp>(</rp><rt>かん</rt><rp>)</rp></ruby></p>\n', BASE).html).toBe('<p>漢(かん)</p>\n');
  });

  it('reads a sub and a ruby in a Markdown paragraph as in raw HTML', () => {
    expect(firstParagraphOf('Water is H<sub>2</sub>O.\n')).toBe('Water is H₂O.');
    expect(firstParagraphOf('The city of <ruby>平壌<rt>ピョンヤン</rt></ruby>.\n')).toBe('The city of 平壌(ピョンヤン).');
  });
});

describe('a body of embeds alone', () => {
  it('is summed up by the text of the link the embed is published as (its title, else its kind and where it is)', () => {
    expect(htmlStandInText('<iframe src="https://www.youtube.com/embed/abc" title="Port tour"></iframe>')).toBe('Port tour');
    expect(firstParagraphOf('<iframe width="560" src="https://www.youtube.com/embed/abc123XYZ" title="YouTube video player"></iframe>\n\n<video src="https://example.org/clip.mp4" controls></video>\n')).toBe('YouTube video player');
    // A video written inline is a Markdown paragraph of inline HTML.
    expect(firstParagraphOf('<video src="https://media.example.com/clip.mp4" controls></video>\n')).toBe('Video: media.example.com/clip.mp4');
    expect(renderMarkdown('<video src="https://media.example.com/clip.mp4" controls></video>\n', 'https://watch.example.org/').firstParagraph).toBe('Video: media.example.com/clip.mp4');
  });

  it('but not by a hidden embed or one with no address a reader could open (the next one stands in), and a paragraph of words still comes first', () => {
    expect(htmlStandInText('<iframe hidden src="https://www.youtube.com/embed/abc" title="Port tour"></iframe><iframe src="https://www.youtube.com/embed/def" title="Shown"></iframe>')).toBe('Shown');
    expect(htmlStandInText('<iframe src="/relative" title="Port tour"></iframe><video src="https://media.example.com/c.mp4"></video>')).toBe('Video: media.example.com/c.mp4');
    expect(firstParagraphOf('<div style="display:none"><iframe src="https://www.youtube.com/embed/abc" title="Port tour"></iframe></div>\n\n<audio src="https://media.example.com/a.mp3"></audio>\n')).toBe('Audio: media.example.com/a.mp3');
    expect(firstParagraphOf('<iframe src="https://www.youtube.com/embed/abc" title="Port tour"></iframe>\n\nThe commentary.\n')).toBe('The commentary.');
  });
});
