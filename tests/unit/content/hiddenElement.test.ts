import { describe, expect, it } from 'vitest';
import { hiddenContent } from '../../../lib/content/hiddenContent.js';
import { renderMarkdown } from '../../../lib/content/renderMarkdown.js';

const BASE = 'https://watch.example.org/';

// visibility:hidden and font-size:0 hide an element's text, but a descendant's own value shows its part again (each
// checked in Chromium): such an element is dropped only where nothing inside it may.
/** Each body's output keeps the text "Kept" (or the image so named), and check warns of nothing dropped. */
function expectKept(bodies: readonly string[]): void {
  for (const body of bodies) {
    expect(renderMarkdown(body, BASE).html, body).toContain('Kept');
    expect(hiddenContent(body), body).toBeUndefined();
  }
}

/** Each body's output and summary leave out the text "PREHEADER", which check names, and keep "The story.". */
function expectDropped(bodies: readonly string[]): void {
  for (const body of bodies) {
    expect(renderMarkdown(body, BASE).html, body).not.toContain('PREHEADER');
    expect(renderMarkdown(body, BASE).firstParagraph, body).toBe('The story.');
    expect(hiddenContent(body)?.message, body).toContain('the text "PREHEADER"');
  }
}

describe('hiddenElement: text hidden by an inherited property', () => {
  it('drops a preheader at visibility:hidden or font-size:0 (with or without line-height:0), in the body, the summary and check', () => {
    for (const style of ['visibility:hidden', 'font-size:0', 'font-size:0;line-height:0', 'font-size:0px; visibility:hidden']) {
      const body = `<div style="${style}">PREHEADER <b>words</b></div>\n\nThe story.\n`;
      expect(renderMarkdown(body, BASE), style).toEqual({ html: '\n<p>The story.</p>\n', firstParagraph: 'The story.' });
      expect(hiddenContent(body)?.message, style).toContain(`<div style="${style}"> the text "PREHEADER words"`);
    }
  });

  it('reads the font shorthand\'s zero size as font-size:0, as Chromium draws it', () => {
    const body = '<div style="font:0/0 a">PREHEADER</div>\n\nThe story.\n';
    expect(renderMarkdown(body, BASE)).toEqual({ html: '\n<p>The story.</p>\n', firstParagraph: 'The story.' });
    expect(hiddenContent(body)?.message).toContain('<div style="font:0/0 a"> the text "PREHEADER"');
  });

  it('keeps it where a descendant may show its text again, or an image keeps its own size', () => {
    expectKept([
      '<div style="font-size:0"><img src="https://watch.example.org/chart.png" alt="Kept"></div>\n',
      '<table><tr><td style="font-size:0"><font face="Arial" size="2">Kept</font></td></tr></table>\n',
    ]);
    // A descendant's style on visibility does not show what a zero font size hides, nor the other way round.
    expect(renderMarkdown('<div style="font-size:0">Gone <span style="visibility:visible">too</span></div>\n\nThe story.\n', BASE).firstParagraph).toBe('The story.');
  });
});

describe('hiddenElement: a flex or grid item', () => {
  it('drops a span of zero size with its overflow hidden in a flex or grid container, which blockifies it, as Chromium draws it', () => {
    expectDropped([
      '<div style="display:flex"><span style="max-height:0;overflow:hidden">PREHEADER</span><div>The story.</div></div>\n',
      '<style>.row{display:inline-grid}</style><div class="row"><a href="https://watch.example.org/" style="width:0;overflow:hidden">PREHEADER</a><div>The story.</div></div>\n',
    ]);
    // A legacy -webkit-box leaves its span inline, and a span's parent that is no container leaves it so.
    expectKept(['<div style="display:-webkit-box"><span style="max-height:0;overflow:hidden">Kept</span></div>\n', '<div style="display:flex"><p><span style="max-height:0;overflow:hidden">Kept</span></p></div>\n']);
  });
});

describe('hiddenElement: a flex or grid item under a display:contents parent', () => {
  // A display:contents element has no box: its children are laid out by the container above it, which blockifies them
  // (CSS Display §2.5, §2.7; Chromium draws the span display:block, 0 px wide).
  it('drops a span of zero size with its overflow hidden whose parents up to a flex or grid container are display:contents', () => {
    expectDropped([
      '<div style="display:flex"><span style="display:contents"><span style="width:0;overflow:hidden">PREHEADER</span></span><div>The story.</div></div>\n',
      '<style>.c{display:contents}</style><div style="display:grid"><span class="c"><b style="display:contents"><span style="height:0;overflow:hidden">PREHEADER</span></b></span><div>The story.</div></div>\n',
    ]);
    // Under a parent of display:contents that is no container, it stays inline (Chromium draws it 25 px wide).
    expectKept(['<div><span style="display:contents"><span style="width:0;overflow:hidden">Kept</span></span></div>\n']);
  });
});

describe('hiddenElement: a style sheet rule not read that may show an element again', () => {
  it('keeps what a rule for wide screens, a checkbox or a :target, or a :hover may show; hides the rest', () => {
    expectKept([
      '<style>@media screen and (min-width:480px){.col{font-size:14px}}</style><table><tr><td style="font-size:0"><div class="col" style="display:inline-block">Kept</div></td></tr></table>\n',
      '<style>.more{max-height:0;overflow:hidden} #t:checked ~ .more{max-height:none}</style><input type="checkbox" id="t"><div class="more">Kept</div>\n',
      '<style>#more{display:none} #more:target{display:block}</style><a href="#more">Read more</a><div id="more">Kept</div>\n',
      '<style>.tip{opacity:0} a:hover .tip{opacity:1}</style><a href="https://x.example/"><span class="tip">Kept</span></a>\n',
      '<style>@supports (display:grid){div.wide{display:block}}</style><div class="wide" style="display:none">Kept</div>\n',
    ]);
    // A rule not read that may only hide, or that names another element, keeps nothing.
    const preheader = '<style>@media (max-width:600px){.preheader{display:none} .col{width:100%}}</style><div class="preheader" style="display:none">Gone</div>\n\nThe story.\n';
    expect(renderMarkdown(preheader, BASE).html).not.toContain('Gone');
    expect(renderMarkdown(preheader, BASE).firstParagraph).toBe('The story.');
  });

  it('reads a rule not read for every element (`*`, an attribute, `:not()`) as showing only where it sets what may show, and an attribute subject only on an element with it', () => {
    // A font family, a line height or a border width shows nothing a display, a size or a visibility hides.
    const rules = ['*{font-family:Arial,sans-serif;line-height:1.5;border-width:0}', ':not(.x){font-weight:bold;-webkit-text-size-adjust:100%}', '[x-apple-data-detectors]{color:inherit !important}', '[data-show]{font-size:14px}'];
    expectDropped(rules.map((css) => `<style>@media (max-width:600px){${css}}</style><div style="display:none">PREHEADER</div>\n\nThe story.\n`));
    expectKept([
      '<style>@media (max-width:600px){*{font-size:14px}}</style><div style="font-size:0">Kept</div>\n',
      '<style>@media (max-width:600px){:not(.x){max-height:none}}</style><div style="max-height:0;overflow:hidden">Kept</div>\n',
      '<style>@media (max-width:600px){[DATA-show]{display:block !important}}</style><div data-show style="display:none">Kept</div>\n',
    ]);
  });

  it('reads no rule of a pseudo-element as showing the element again, but the first line\'s, as Chromium draws them', () => {
    // It styles a box of its own, which shows nothing the element holds; the first line is its own text.
    for (const css of ['::-webkit-scrollbar{display:block;width:6px}', '*::selection{visibility:visible}', '.pre::after{content:"";font-size:14px}', '.pre:before{content:"";opacity:1}', '::marker{height:auto}']) {
      const body = `<style>.pre{font-size:0;max-height:0;overflow:hidden;visibility:hidden} ${css}</style><div class="pre">PREHEADER</div>\n\nThe story.\n`;
      expect(renderMarkdown(body, BASE).html, css).not.toContain('PREHEADER');
      expect(hiddenContent(body)?.message, css).toContain('the text "PREHEADER"');
    }
    expectKept(['<style>.pre{font-size:0} .pre::first-line{font-size:14px}</style><div class="pre">Kept</div>\n']);
  });
});
