import { describe, expect, it } from 'vitest';
import type { DefaultTreeAdapterMap } from 'parse5';
import { bodyStyleSheet } from '../../../lib/content/bodyStyleSheet.js';
import { hiddenContent } from '../../../lib/content/hiddenContent.js';
import { MAX_STYLE_SELECTORS } from '../../../lib/content/limits.js';
import { parseBodyHtml } from '../../../lib/content/parseBodyHtml.js';
import { renderMarkdown } from '../../../lib/content/renderMarkdown.js';

type Element = DefaultTreeAdapterMap['element'];
const BASE = 'https://watch.example.org/';

/** The elements of `html` with an id, by it, and the declarations the body's style sheets give each. */
function declarationsById(html: string): Record<string, readonly string[]> {
  const fragment = parseBodyHtml(html);
  const sheet = bodyStyleSheet(fragment, html);
  const found: Record<string, readonly string[]> = {};
  const pending: DefaultTreeAdapterMap['node'][] = [...fragment.childNodes];
  while (pending.length > 0) {
    const node = pending.pop()!;
    if (!('tagName' in node)) continue;
    const id = (node as Element).attrs.find((attribute) => attribute.name === 'id')?.value;
    if (id !== undefined) found[id] = sheet.declarations(node as Element);
    pending.push(...node.childNodes);
  }
  return found;
}

/** A body of a style element, a paragraph `text` in an element opened by `start`, and the story after it. */
const preheader = (css: string, start: string, text = 'PREHEADER words') => `<style>${css}</style>${start}${text}</${/^<([a-z]+)/.exec(start)![1]}>\n\nThe story.\n`;

describe('bodyStyleSheet', () => {
  it('gives each element the declarations of the rules that match it, least specific first, then in document order', () => {
    const html = '<style>#a{color:red} .x{display:none} div{display:block} p .x{opacity:0} .x{display:flex}</style><p><span id="a" class="x">A</span></p><div id="b" class="y">B</div>';
    const found = declarationsById(html);
    // #a is (1,0,0); `p .x` (0,1,1); each `.x` (0,1,0). The rule naming only a colour is not read.
    expect(found.a).toEqual(['display:none', 'display:flex', 'opacity:0']);
    expect(found.b).toEqual(['display:block']);
  });

  it('takes a rule in a @media block that holds on every screen, and a style element\'s media that does, and leaves the rest', () => {
    const html = '<style>@media screen{.a{display:none}} @media all and (max-width:600px){.a{opacity:0}} @media print{.a{opacity:0}} @supports (display:none){.a{opacity:0}}</style>'
      + '<style media="(max-width: 600px)">.a{font-size:0}</style><style media="ALL">.a{visibility:hidden}</style><style type="text/plain">.a{height:0}</style><span id="a" class="a">A</span>';
    expect(declarationsById(html).a).toEqual(['display:none', 'visibility:hidden']);
  });

  it('reads at most MAX_STYLE_SELECTORS selectors, and none a selector it does not read matches', () => {
    const filler = Array.from({ length: MAX_STYLE_SELECTORS - 1 }, (_, index) => `.f${index}`).join(',');
    expect(declarationsById(`<style>${filler}{display:none} .a{opacity:0} .a{visibility:hidden}</style><span id="a" class="a">A</span>`).a).toEqual(['opacity:0']);
    // Only rules that may hide by themselves count: ordinary ones (a font family, a padding) leave a preheader read.
    const ordinary = Array.from({ length: MAX_STYLE_SELECTORS + 1 }, (_, index) => `.c${index}{font-family:Arial;padding:${index}px}`).join('\n');
    const body = `<style>${ordinary}\n.preheader{display:none!important}</style><div class="preheader">Gone</div>\n\nThe story.\n`;
    expect(renderMarkdown(body, BASE).firstParagraph).toBe('The story.');
    expect(renderMarkdown(body, BASE).html).not.toContain('Gone');
    // Check says when a rule that may hide is past the cap (199 + 1 selectors read, the preheader's not), so not read.
    const past = `<style>${filler},.f{display:none} .preheader{display:none}</style><div class="preheader">Shown</div>\n`;
    expect(renderMarkdown(past, BASE).html).toContain('Shown');
    expect(hiddenContent(past)?.message).toBe(`its <style> rules that may hide hold 1 selector past the first ${MAX_STYLE_SELECTORS}, which are not read, so what they hide is published`);
    // A pseudo-element styles something else; `~`, :nth-child() and :has() are not read (their cost grows with the tree).
    const unread = '<style>.a::before{display:none} .b ~ .a{display:none} .a:nth-child(2){display:none} :has(.a){display:none} .a:first-child{opacity:0}</style><span class="b">B</span><span id="a" class="a">A</span>';
    expect(declarationsById(unread).a).toEqual([]);
    // A selector list CSS cannot read drops its whole rule (Selectors 4 §3.1).
    expect(declarationsById('<style>.a, .b[{display:none}</style><span id="a" class="a">A</span>').a).toEqual([]);
  });
});

describe('a <style> element\'s rules hide elements as an inline style does', () => {
  it('drops a preheader its class rule hides from the body and the summary, and check names it', () => {
    const body = preheader('.preheader{display:none}', '<span class="preheader">');
    expect(renderMarkdown(body, BASE)).toEqual({ html: '\n<p>The story.</p>\n', firstParagraph: 'The story.' });
    expect(hiddenContent(body)?.message).toContain('<span class="preheader"> the text "PREHEADER words"');
    // Through an id, an attribute, a child combinator and the newsletter idioms the inline style reads too.
    for (const [css, start] of [['#pre{display:none}', '<div id="pre">'], ['[data-role=pre]{opacity:0}', '<span data-role="pre">'], ['td > .p{max-height:0;overflow:hidden}', '<table><tr><td><div class="p">'], ['.p{font-size:0;line-height:0}', '<div class="p">']]) {
      const html = renderMarkdown(preheader(css!, start!), BASE).html;
      expect(html, css).not.toContain('PREHEADER');
    }
  });

  it('follows the cascade: a more specific or later rule, an inline style and !important decide, as in a browser', () => {
    // A more specific rule that shows it, written before the hiding one; a later one of the same specificity.
    expect(renderMarkdown(preheader('div.p{display:block} .p{display:none}', '<div class="p">', 'Shown'), BASE).html).toContain('Shown');
    expect(renderMarkdown(preheader('.p{display:none} .p{display:block}', '<div class="p">', 'Shown'), BASE).html).toContain('Shown');
    // An inline style wins over a rule, but not over its !important.
    expect(renderMarkdown(preheader('.p{display:none}', '<div class="p" style="display:block">', 'Shown'), BASE).html).toContain('Shown');
    expect(renderMarkdown(preheader('.p{display:none !important}', '<div class="p" style="display:block">'), BASE).html).not.toContain('PREHEADER');
  });

  it('shows what a rule shows though its attributes alone hide it, in the body, the summary and check alike', () => {
    for (const [css, start] of [['.p{display:block !important}', '<p class="p" style="display:none">'], ['p{display:block}', '<p hidden>']]) {
      const body = preheader(css!, start!, 'Shown first.');
      expect(renderMarkdown(body, BASE), css).toEqual({ html: '<p>Shown first.</p>\n<p>The story.</p>\n', firstParagraph: 'Shown first.' });
      expect(hiddenContent(body), css).toBeUndefined();
    }
  });

  it('keeps what a rule hides only on some screens (a mobile layout) or in print', () => {
    for (const css of ['@media (max-width:600px){.p{display:none}}', '@media only screen and (max-width:480px){.p{display:none !important}}', '@media print{.p{display:none}}']) {
      const body = preheader(css, '<div class="p">', 'Kept words');
      expect(renderMarkdown(body, BASE).firstParagraph, css).toBe('Kept words');
      expect(hiddenContent(body), css).toBeUndefined();
    }
  });

  it('matches a hidden element as a browser does: it is still a sibling for `+`, of an element or of its ancestor', () => {
    for (const css of ['.a + .b{display:none}', '.a + .b span{display:none}']) {
      const body = `<style>${css}</style><p class="a" hidden>A</p><p class="b"><span>PREHEADER words</span></p>\n\nThe story.\n`;
      expect(renderMarkdown(body, BASE).html, css).not.toContain('PREHEADER');
      expect(renderMarkdown(body, BASE).firstParagraph, css).toBe('The story.');
    }
  });
});
