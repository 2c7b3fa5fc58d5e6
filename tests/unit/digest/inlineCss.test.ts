import juice from 'juice';
import { describe, expect, it } from 'vitest';
import { MEDIA, renderDigestDocument, RULES, STYLE_ELEMENT } from '../../../lib/digest/digestHtml.js';
import { inlineDigestCss, renderDigestHtml } from '../../../lib/digest/renderDigestHtml.js';
import { meta, testSite, weekModel } from '../../support/digestFixtures.js';
import { sizeAsSent } from '../../../lib/digest/sizeAsSent.js';

// The email's CSS is inlined by our own inliner (lib/digest/renderDigestHtml.ts), written for the template's simple
// selectors. juice, the reference, inlines the same documents here with the options the email used to be
// rendered with; both must give every element the same style declarations, in the same order.
const withJuice = (html: string): string =>
  juice(html, { preserveMediaQueries: true, removeStyleTags: true, applyWidthAttributes: false, applyHeightAttributes: false, applyAttributesTableElements: false, preserveImportant: true });

interface Element {
  tag: string;
  attributes: string;
  /** The style attribute as [property, value] pairs, in order; undefined without one. */
  style?: [string, string][];
}

/** Every start tag outside comments, in document order, with its style attribute parsed into declarations. */
function elements(html: string): Element[] {
  const withoutComments = html.replace(/<!--[\s\S]*?-->/g, '');
  return [...withoutComments.matchAll(/<([a-zA-Z][a-zA-Z0-9]*)([^>]*)>/g)].map(([, tag, attributes]) => {
    const style = /\sstyle="([^"]*)"/.exec(attributes!)?.[1];
    const element: Element = { tag: tag!.toLowerCase(), attributes: attributes!.replace(/\sstyle="[^"]*"/, '').trim() };
    if (style !== undefined) {
      element.style = style
        .split(';')
        .map((part) => part.trim())
        .filter(Boolean)
        .map((part) => [part.slice(0, part.indexOf(':')).trim(), part.slice(part.indexOf(':') + 1).trim()]);
    }
    return element;
  });
}

const styleBlocks = (html: string) => [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1]!.replace(/\s+/g, ''));

// juice's serializer writes an empty attribute bare (`alt`), which HTML reads as `alt=""` (HTML §13.1.2.3, empty
// attribute syntax): both are compared in the quoted form.
const quotedEmpty = (html: string) => html.replace(/(<[a-z][a-z0-9]*(?:\s+[^\s"'>\/=]+(?:="[^"]*")?)*?\s+)(alt)(?=[\s>])/g, '$1$2=""');

function expectSameAsJuice(document: (inline: (html: string) => string) => string): void {
  const ours = document(inlineDigestCss);
  const theirs = quotedEmpty(document(withJuice));
  const ourElements = elements(ours);
  const juiceElements = elements(theirs);
  expect(ourElements.map((e) => e.tag)).toEqual(juiceElements.map((e) => e.tag));
  ourElements.forEach((element, i) => expect(element, `element ${i}: <${element.tag} ${element.attributes}>`).toEqual(juiceElements[i]));
  // Only the media queries stay in the <style> element (juice reformats them: compared without white space).
  expect(styleBlocks(ours)).toEqual(styleBlocks(theirs));
  expect(styleBlocks(ours)).toEqual([MEDIA.replace(/\s+/g, '')]);
  // And nothing else differs: the text, the comments and the other attributes are as the template wrote them.
  const unstyled = (html: string) => html.replace(/<style>[\s\S]*?<\/style>/, '').replace(/\sstyle="[^"]*"/g, '');
  expect(unstyled(ours)).toBe(unstyled(theirs));
}

const site = testSite();
const long = 'A long summary sentence about trade and markets. '.repeat(60);

describe('the email CSS inliner, against juice', () => {
  it('gives every element of a digest email the declarations juice gives it', () => {
    const bare = meta('2014-05-07T10:00:00', { tags: [] });
    delete bare.summary;
    const model = weekModel(site, [
      meta('2014-05-09', { title: 'Rice <prices> & “markets”', related: [{ title: 'Background', url: 'https://news.example.com/bg' }, { title: 'More', url: 'https://news.example.com/more' }], image: 'https://img.example.com/rice.jpg' }),
      meta('2014-05-05T09:00:00', { summary: 'Tariffs & <quotas>, again.', source: { name: 'No Link News' } }),
      bare,
    ]);
    expectSameAsJuice((inline) => renderDigestDocument(model, { variant: 'email', sizeAsSent }, inline).html);
  });

  it('does so for an empty week and for an email cut to its budget (titles only, the button)', () => {
    expectSameAsJuice((inline) => renderDigestDocument(weekModel(site, [], '2014-W30'), { variant: 'email', sizeAsSent }, inline).html);
    const many = Array.from({ length: 60 }, (_, i) => meta(`2014-05-0${5 + (i % 7)}T${String(i % 24).padStart(2, '0')}:00:00`, { summary: long, title: `Long entry ${i}` }));
    const big = weekModel(site, many);
    // Budgets where the cut falls between entries by a wide margin under either inliner (juice writes a few bytes
    // more, so at digest.maxBytes's default the two cut at neighbouring entries): every title and no entry in full;
    // then some in full.
    for (const maxBytes of [20_000, 40_000]) {
      expectSameAsJuice((inline) => renderDigestDocument(big, { variant: 'email', maxBytes, sizeAsSent }, inline).html);
      expect(renderDigestHtml(big, { variant: 'email', maxBytes })).toContain('Read the full digest');
    }
  });

  it('does so for every rule, nested descendants, two-class elements and a style attribute of the template’s own', () => {
    // One element per rule, then the cases the cascade decides: a later rule of equal specificity, a more
    // specific one written earlier, a descendant two levels down, and an inline style that outranks the rules.
    const perRule = RULES.map(([selector], i) => {
      const parts = selector.split(' ');
      const open = parts.map((part) => {
        const [tag, ...classes] = part.split('.');
        const name = tag || (i % 2 ? 'div' : 'span');
        return { name, html: `<${name}${classes.length ? ` class="${classes.join(' ')}"` : ''}>` };
      });
      return `${open.map((o) => o.html).join('')}rule ${i}${open.map((o) => `</${o.name}>`).reverse().join('')}`;
    });
    const body = [
      ...perRule.filter((html) => !html.startsWith('<body')),
      '<table class="container"><tbody><tr><td class="cell entry first">first</td><td class="cell footer"><p>deep <span><a href="https://a.example/">link</a></span></p></td></tr></tbody></table>',
      '<div class="kicker"><h2><a href="https://b.example/">h2 a inside .kicker a</a></h2></div>',
      '<p class="summary" style="color: red; margin-left: 3px">own style</p>',
      '<ul class="more"><li><a href="https://c.example/">more</a> <span class="meta">source <a href="https://d.example/">d</a></span></li></ul>',
      '<!--[if mso]><p class="summary">in a conditional comment</p><![endif]-->',
      '<img class="hero" src="https://e.example/x.png" alt="x" width="10">',
    ].join('\n');
    const document = `<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>t</title>\n${STYLE_ELEMENT}\n</head>\n<body>\n${body}\n</body>\n</html>\n`;
    expectSameAsJuice((inline) => inline(document));
    // Worked out from RULES: `.summary` sets margin and color; the element's own style wins color and adds margin-left.
    const own = elements(inlineDigestCss(document)).find((e) => e.attributes === 'class="summary"' && e.style?.some(([p]) => p === 'margin-left'));
    expect(own?.style).toEqual([['margin', '0 0 10px'], ['font-size', '16px'], ['line-height', '1.55'], ['color', 'red'], ['margin-left', '3px']]);
  });

  it('refuses a document without the digest stylesheet rather than sending it unstyled', () => {
    expect(() => inlineDigestCss('<!DOCTYPE html><html><head><style>p { color: red }</style></head><body><p>x</p></body></html>')).toThrow(/digest stylesheet/);
  });
});
