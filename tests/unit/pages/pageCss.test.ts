import * as csstree from 'css-tree';
import { describe, expect, it } from 'vitest';
import { pageCss } from '../../../lib/pages/pageCss.js';

// The page breaks long words anywhere (overflow-wrap: anywhere on body) so that nothing scrolls sideways; a table
// would then shrink each column to a letter. Its cells break at spaces only, and the table scrolls in its own box
// (tests/browser/sitePages.test.ts measures it at 320 px).
describe('the page style: wide tables and images', () => {
  const rules = new Map([...pageCss().matchAll(/^([^{}\n]+)\{([^}]*)\}$/gm)].map((match) => [match[1]!, match[2]!]));

  it('lets a table and a code block scroll sideways inside their own box (scrollRegions), no wider than the column', () => {
    expect(rules.get('.commentary [role=region]')?.split(';').sort()).toEqual(['max-width:100%', 'overflow-x:auto']);
    expect(rules.get('.commentary .scroll')).toBe('width:max-content');
  });

  it('keeps each word in a cell whole', () => {
    expect(rules.get('body')).toContain('overflow-wrap:anywhere');
    expect(rules.get('.commentary :is(th,td)')).toBe('overflow-wrap:normal');
  });

  it('sets code left to right, on the left, in a right-to-left commentary too', () => {
    expect(rules.get('.commentary :is(pre,code,kbd,samp)')?.split(';').sort()).toEqual(['direction:ltr', 'unicode-bidi:isolate']);
    expect(rules.get('.commentary pre')).toBe('text-align:left');
  });

  it('breaks Korean lines between words, and a word longer than the line still anywhere', () => {
    expect(rules.get(':lang(ko)')).toBe('word-break:keep-all');
    expect(rules.get('body')).toContain('overflow-wrap:anywhere');
  });

  it('keeps every image, the entry image above the commentary included, within its column', () => {
    expect(rules.get('img')?.split(';').sort()).toEqual(['height:auto', 'max-width:100%']);
  });
});

// A box beyond the left edge of a right-to-left page widens what the page scrolls over (CSS Overflow 3), by 999rem
// for the skip link: there the hidden text waits off screen on the right.
describe('the page style on a right-to-left page', () => {
  const rules = [...pageCss('rtl').matchAll(/^([^{}\n]+)\{([^}]*)\}$/gm)].filter((match) => ['.skip', '.skip:focus', '.hp'].includes(match[1]!)).map((match) => match[2]!);

  it('keeps the skip link and the honeypot off screen on the right, and shows a focused skip link at the top right', () => {
    const [skip, focus, hp] = rules.slice(-3);
    expect(skip).toMatch(/^left:auto;right:-\d/);
    expect(focus).toBe('left:auto;right:1rem');
    expect(hp).toMatch(/^left:auto;right:-\d/);
  });
});

// Paper has no link to follow: a link out of the site prints its address after it, on paper only
// (tests/browser/readerSettings.test.ts prints an entry page's related and source links).
describe('the page style on paper', () => {
  /** The rules in and outside `@media print`, each as css-tree writes it. */
  function rules(css: string): { print: string[]; screen: string[] } {
    const print: string[] = [];
    const screen: string[] = [];
    csstree.walk(csstree.parse(css), {
      visit: 'Rule',
      enter(node) {
        const media = this.atrule?.name === 'media' && this.atrule.prelude ? csstree.generate(this.atrule.prelude) : '';
        (media === 'print' ? print : screen).push(csstree.generate(node));
      },
    });
    return { print, screen };
  }

  it('prints the address after every link to an http(s) address, but the entry page title’s, and never shows it on screen', () => {
    const { print, screen } = rules(pageCss());
    expect(print).toContain('a[href^="http"]::after{content:" "attr(href)}');
    // The title links the article, whose address "Read the article" prints just below it.
    expect(print).toContain('h1 a[href]::after{content:none}');
    expect(screen.filter((rule) => rule.includes('::after'))).toEqual([]);
  });
});
