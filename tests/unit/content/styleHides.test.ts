import { describe, expect, it } from 'vitest';
import { customPropertiesPassedDown, laysOutItems, NO_CUSTOM_PROPERTIES, styleHides, styleHidesText } from '../../../lib/content/styleHides.js';

describe('styleHides reads a style attribute as a browser does', () => {
  it('keeps an earlier valid display:none where a later display has a value CSS drops as invalid', () => {
    // "blok", "none block" and an empty value are not in display's grammar (CSS Display §2); a hack's `\9` makes
    // the identifier "none<TAB>"; a string is not a keyword.
    for (const later of ['blok', 'none block', '', 'none\\9', '"block"', 'block !important !important']) {
      expect(styleHides(`display:none; display: ${later}`), later).toBe(true);
    }
    expect(styleHides('display:none !important; display: blok !important')).toBe(true);
  });

  it('takes the last valid display, or the last !important one', () => {
    expect(styleHides('display:none; display:block')).toBe(false);
    expect(styleHides('display:none; display: inline flow-root')).toBe(false);
    expect(styleHides('display:none; display:inherit')).toBe(false);
    expect(styleHides('display:none !important; display:block')).toBe(true);
    expect(styleHides('display:block; DISPLAY:None')).toBe(true);
  });

  it('decodes CSS escapes in the name and the value', () => {
    expect(styleHides('d\\69splay: n\\6f ne')).toBe(true);
    expect(styleHides('\\64 isplay:none')).toBe(true);
    expect(styleHides('display:\\6E one')).toBe(true);
    expect(styleHides('display:none; d\\69splay:block')).toBe(false);
  });

  it('drops comments inside a declaration, which cannot split a name', () => {
    expect(styleHides('display:/**/none')).toBe(true);
    expect(styleHides('display/* a */:/* b */none/* c */')).toBe(true);
    expect(styleHides('dis/**/play:none')).toBe(false);
  });

  it('compares names ASCII case-insensitively, and reads no hack as the property', () => {
    // U+0131 (dotless i) upper-cases to I; `*display` is not a name.
    expect(styleHides('d\u0131splay:none')).toBe(false);
    expect(styleHides('*display:none')).toBe(false);
    expect(styleHides('color:red; visibility:hidden')).toBe(false);
  });

  it('substitutes a custom property of the same style, or the fallback, into var()', () => {
    expect(styleHides('--gone: none; display: var(--gone)')).toBe(true);
    expect(styleHides('display: var(--unset, var(--also-unset, none))')).toBe(true);
    // Valid as parsed, so it wins over the earlier none; with nothing to substitute, display is its initial value.
    expect(styleHides('display:none; display: var(--unset)')).toBe(false);
    // A property in a cycle is invalid (CSS Variables §2.3): without a fallback display is its initial value; with one, that.
    expect(styleHides('--a: var(--a); display: var(--a)')).toBe(false);
    expect(styleHides('--a: var(--b); --b: var(--a); display: var(--a, none)')).toBe(true);
    // Through ten properties, each used once.
    const chain = Array.from({ length: 10 }, (_, index) => `--v${index}: var(--v${index + 1});`).join(' ');
    expect(styleHides(`${chain} --v10: none; display: var(--v0)`)).toBe(true);
  });

  it('reads a substitution that would grow past a limit as unresolved (CSS Variables §3), hiding where none is in it, in time in proportion to the style', () => {
    // Each property doubles the one after it: 2^30 words, were it substituted whole. A browser reads it as invalid
    // (display is then inline); with a none in it, it is read as hiding, the safe failure.
    const doubling = Array.from({ length: 30 }, (_, index) => `--v${index}: var(--v${index + 1}) var(--v${index + 1});`).join(' ');
    expect(styleHides(`display:none; ${doubling} --v30: block; display: var(--v0)`)).toBe(false);
    expect(styleHides(`${doubling} --v30: none; display: var(--v0)`)).toBe(true);
  });

  it('reads a value it cannot work out from the HTML as hiding where none is in it or its fallbacks', () => {
    // Chromium hides each of these.
    expect(styleHides('display: env(x, none)')).toBe(true);
    expect(styleHides('display: attr(data-x type(<custom-ident>), none)')).toBe(true);
    // A CSS-wide keyword makes the custom property its initial (guaranteed-invalid) or inherited value.
    expect(styleHides('display: var(--x, none); --x: initial')).toBe(true);
    expect(styleHides('display: var(--x, none); --x: INHERIT')).toBe(true);
    // Fallbacks nested 40 deep, past the depth a value is followed.
    expect(styleHides(`display: ${'var(--u, '.repeat(40)}none${')'.repeat(40)}`)).toBe(true);
    // Through a chain of 40 properties, each naming the next.
    const chain = Array.from({ length: 40 }, (_, index) => `--v${index}: var(--v${index + 1});`).join(' ');
    expect(styleHides(`${chain} --v40: none; display: var(--v0)`)).toBe(true);
    expect(styleHides(`${chain} --v40: block; display: var(--v0)`)).toBe(false);
    // Without a none, such a value shows.
    expect(styleHides('display: env(x, block)')).toBe(false);
    expect(styleHides('display: var(--x, block); --x: initial')).toBe(false);
  });

  it('drops a declaration with a hack\'s !ie, which a browser does not read as !important', () => {
    expect(styleHides('display: none !ie')).toBe(false);
    expect(styleHides('display: none; display: block !ie')).toBe(true);
    expect(styleHides('--h: none !ie; display: var(--h, block)')).toBe(false);
    expect(styleHides('display: none !IMPORTANT; display: block')).toBe(true);
  });

  it('reads content-visibility: hidden as hiding, as it skips the contents (CSS Contain 2 §4)', () => {
    expect(styleHides('content-visibility: hidden')).toBe(true);
    expect(styleHides('Content-Visibility: h\\69 dden')).toBe(true);
    expect(styleHides('content-visibility: hidden; content-visibility: auto')).toBe(false);
    expect(styleHides('content-visibility: hidden; content-visibility: hiden')).toBe(true);
  });

  it('substitutes a custom property an ancestor sets, as computed there', () => {
    const parent = customPropertiesPassedDown('--h: none', NO_CUSTOM_PROPERTIES);
    expect(styleHides('display: var(--h)', parent)).toBe(true);
    // Through a grandparent: a child's own value wins; one that names an ancestor's takes it as computed there.
    const child = customPropertiesPassedDown('--b: block', parent);
    expect(styleHides('display: var(--h)', child)).toBe(true);
    expect(styleHides('--h: block; display: var(--h)', child)).toBe(false);
    expect(styleHides('display: var(--a)', customPropertiesPassedDown('--a: var(--h)', parent))).toBe(true);
    // An ancestor's value that is not none, with a none in the fallback: the value it sets applies.
    expect(styleHides('display: var(--h, none)', customPropertiesPassedDown('--h: block', NO_CUSTOM_PROPERTIES))).toBe(false);
  });

  it('never throws on a style css-tree cannot read, and reads one holding none as hiding', () => {
    // Unmatched brackets and a CDO in a custom property or a fallback: css-tree throws on each as it substitutes.
    for (const style of ['display:var(--a,})', '--a: ]; display: var(--a)', '--a: ); display: var(--a)', '--a: }; display: var(--a)', '--a: <!--; display: var(--a)', 'display: var(--a, ])']) {
      expect(styleHides(style), style).toBe(false);
    }
    expect(styleHides('--a: }; display: var(--a, none)')).toBe(true);
    expect(styleHides('display:none; display:var(--a,})')).toBe(true);
  });

  it('never throws on a few hundred random short styles', () => {
    const parts = ['none', 'var(--a,', 'var(--b)', 'var(', ')', '--a', ',', ';', ':', '!important', '!ie', '\\', '6e ', '/*', '*/', '{', '}', '[', ']', '(', '"', "'", 'url(', ' ', 'block', 'env(', 'attr(', '<!--', '-->', 'inherit', 'initial', 'content-visibility:', 'hidden'];
    // A seeded linear congruential generator: the same styles on every run.
    let seed = 7;
    const next = (below: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % below;
    };
    const fragment = () => {
      let text = '';
      for (let count = 1 + next(8); count > 0; count--) text += parts[next(parts.length)];
      return text;
    };
    for (let run = 0; run < 300; run++) {
      const style = `--b:${fragment()}; display:${fragment()}`;
      expect(() => styleHides(style), style).not.toThrow();
    }
  });

  // Each checked in Chromium: a newsletter's preheader in these draws nothing.
  it('reads opacity 0 or less as hiding, which no descendant can undo', () => {
    for (const style of ['opacity:0', 'opacity: 0%', 'opacity:-1', 'opacity: 0.0 !important', 'opacity:1; opacity:0', '--o: 0; opacity: var(--o)']) expect(styleHides(style), style).toBe(true);
    for (const style of ['opacity:0.01', 'opacity:0; opacity:1', 'opacity: 0px', 'opacity: var(--unset, 0.5)']) expect(styleHides(style), style).toBe(false);
    // An animation may take it to another opacity (CSS Animations 1 §3): a fade-in is shown once it has run.
    for (const style of ['opacity:0;animation:fade 1s forwards', 'opacity:0;animation-name:fade']) expect(styleHides(style), style).toBe(false);
    expect(styleHides('opacity:0;animation:none')).toBe(true);
  });

  it('reads a block box of zero height or width whose overflow is not visible, without padding, as hiding', () => {
    // A scroll container of no height shows nothing either; `visible` beside `hidden` computes to `auto`.
    for (const style of ['max-height:0;overflow:hidden', 'max-height:0px; overflow: clip', 'width:0;height:0;overflow:hidden', 'width:0; overflow: hidden hidden', 'height:0;overflow:hidden;padding:0', 'max-height:0;overflow:hidden;border:1px solid', 'max-height:0;overflow:auto', 'height:0;overflow:scroll', 'max-height:0;overflow:hidden visible']) {
      expect(styleHides(style, NO_CUSTOM_PROPERTIES, 'div'), style).toBe(true);
    }
    // An inline box (a span) or a table cell, which grows to its content, has none of these; a block made so has.
    expect(styleHides('max-height:0;overflow:hidden', NO_CUSTOM_PROPERTIES, 'span')).toBe(false);
    expect(styleHides('display:block;max-height:0;overflow:hidden', NO_CUSTOM_PROPERTIES, 'span')).toBe(true);
    expect(styleHides('height:0;overflow:hidden', NO_CUSTOM_PROPERTIES, 'td')).toBe(false);
    expect(styleHides('display:table-cell;height:0;overflow:hidden', NO_CUSTOM_PROPERTIES, 'div')).toBe(false);
    // Padding is inside the clip: its text shows there. Without overflow clipped, the text overflows into sight.
    for (const style of ['max-height:0;overflow:hidden;padding:20px', 'height:0;overflow:hidden;padding-bottom:20px', 'max-height:0', 'max-height:0;overflow:visible', 'max-height:0;overflow:clip visible', 'max-height:1px;overflow:hidden']) {
      expect(styleHides(style, NO_CUSTOM_PROPERTIES, 'div'), style).toBe(false);
    }
    // A minimum size over zero wins over a zero height or width (CSS 2.1 §10.7, §10.4); a flex item's flex sizes may grow it.
    for (const style of ['height:0;min-height:40px;overflow:hidden', 'max-width:0;min-width:10em;overflow:hidden', 'flex:1 0 0;height:0;overflow:hidden', 'flex-grow:1;height:0;overflow:hidden', 'flex-basis:auto;max-height:0;overflow:hidden']) {
      expect(styleHides(style, NO_CUSTOM_PROPERTIES, 'div'), style).toBe(false);
    }
    for (const style of ['height:0;min-height:0;overflow:hidden', 'height:0;min-width:40px;overflow:hidden']) expect(styleHides(style, NO_CUSTOM_PROPERTIES, 'div'), style).toBe(true);
    // A flex or grid item is blockified (each checked in Chromium): a span, or a display inline or internal to a table.
    const item = () => true;
    for (const [style, tag] of [['max-height:0;overflow:hidden', 'span'], ['height:0;overflow:hidden', 'b'], ['display:inline;max-width:0;overflow:hidden', 'span'], ['display:table-cell;height:0;overflow:hidden', 'div']] as const) {
      expect(styleHides(style, NO_CUSTOM_PROPERTIES, tag, item), style).toBe(true);
      expect(styleHides(style, NO_CUSTOM_PROPERTIES, tag), style).toBe(false);
    }
    for (const [style, tag] of [['display:table;height:0;overflow:hidden', 'div'], ['height:0;overflow:hidden', 'td'], ['height:0;overflow:hidden', 'button']] as const) expect(styleHides(style, NO_CUSTOM_PROPERTIES, tag, item), style).toBe(false);
    // So is a float or an absolutely positioned box; not a relative or sticky one.
    for (const style of ['float:left;max-height:0;overflow:hidden', 'position:absolute;height:0;overflow:hidden', 'position:fixed;width:0;overflow:hidden', 'display:inline;float:right;height:0;overflow:hidden']) expect(styleHides(style, NO_CUSTOM_PROPERTIES, 'span'), style).toBe(true);
    for (const style of ['float:none;height:0;overflow:hidden', 'position:relative;height:0;overflow:hidden', 'position:sticky;height:0;overflow:hidden', 'float:var(--f);height:0;overflow:hidden']) expect(styleHides(style, NO_CUSTOM_PROPERTIES, 'span'), style).toBe(false);
    expect(styleHides('float:left;height:0;overflow:hidden', NO_CUSTOM_PROPERTIES, 'td')).toBe(false);
    // The mso-hide such a preheader carries hides nothing alone: only Outlook for Windows reads it, no browser.
    expect(styleHides('mso-hide:all', NO_CUSTOM_PROPERTIES, 'div')).toBe(false);
    expect(styleHidesText('mso-hide:all')).toEqual([]);
  });

  it('reads which displays lay their children out as flex or grid items (laysOutItems)', () => {
    for (const style of ['display:flex', 'display:inline-grid', 'display: inline flex', 'display:grid block', 'display:block; display:FLEX', '--d: grid; display: var(--d)']) expect(laysOutItems(style), style).toBe(true);
    // The legacy -webkit-box leaves an inline child inline in Chromium; a display not settled lays out no items.
    for (const style of ['display:block', 'display:-webkit-box', 'display:flow-root', 'display:flex; display:block', 'display:var(--unset)', 'flex:1']) expect(laysOutItems(style), style).toBe(false);
    expect(laysOutItems(['display:grid', undefined])).toBe(true);
  });

  it('names visibility:hidden and a zero font size as hiding the text, which a descendant may show again (styleHidesText)', () => {
    expect(styleHidesText('visibility:hidden')).toEqual(['visibility']);
    expect(styleHidesText('visibility: collapse')).toEqual(['visibility']);
    expect(styleHidesText('font-size:0;line-height:0')).toEqual(['font-size']);
    expect(styleHidesText('font-size:0px; visibility:hidden')).toEqual(['visibility', 'font-size']);
    for (const style of ['visibility:visible', 'visibility:hidden; visibility:visible', 'font-size:1px', 'font-size:0; font-size:12px', 'line-height:0']) expect(styleHidesText(style), style).toEqual([]);
    // Neither hides a box with all it holds.
    expect(styleHides('visibility:hidden; font-size:0', NO_CUSTOM_PROPERTIES, 'div')).toBe(false);
  });

  // Each checked in Chromium: the shorthand sets the font size in cascade order with font-size, and a system font's is not zero.
  it('reads the font shorthand\'s size as a font-size (styleHidesText)', () => {
    for (const style of ['font: 0/0 a', 'font:italic bold 0px/0 Arial', 'font-size:14px; font:0/0 a', 'f\\6fnt: 0/0 a', 'font:14px a; font:0 a !important; font-size:14px']) expect(styleHidesText(style), style).toEqual(['font-size']);
    // `font: 0` is invalid (a family is needed), so dropped; an !important font-size wins over a later font.
    for (const style of ['font: 0', 'font:0/0 a; font-size:14px', 'font-size:0; font:14px serif', 'font-size:0; font:caption', 'font:0/0 a; font:var(--f)', 'font-size:14px !important; font:0/0 a']) expect(styleHidesText(style), style).toEqual([]);
    expect(styleHidesText('font-size:0 !important; font:14px serif')).toEqual(['font-size']);
  });

  it('reads an element\'s styles in cascade order: a later one wins, an earlier !important over a later normal one', () => {
    expect(styleHides(['display:none', 'display:block'])).toBe(false);
    expect(styleHides(['display:block', 'display:none'])).toBe(true);
    expect(styleHides(['display:none !important', 'display:block'])).toBe(true);
    // A string left open at the end of one style closes there, as each is parsed on its own.
    expect(styleHides(['content: "open', 'display:none'])).toBe(true);
    expect(styleHides(['--h: none', 'display: var(--h)'])).toBe(true);
  });
});
