import { describe, expect, it } from 'vitest';
import { hiddenByAttributes } from '../../../lib/content/htmlElementSets.js';
import { styleShows } from '../../../lib/content/styleHides.js';

describe('styleShows', () => {
  it('is whether the display that applies is one other than none, or one that rolls back to the user agent\'s', () => {
    expect(styleShows(undefined)).toBe(false);
    expect(styleShows('color: red')).toBe(false);
    expect(styleShows('display: Block')).toBe(true);
    expect(styleShows('display:none; display: inline flow-root')).toBe(true);
    expect(styleShows('display: blok')).toBe(false);
    expect(styleShows('display:\\6E one')).toBe(false);
    expect(styleShows('display: REVERT')).toBe(false);
    // var() with nothing to substitute, or with what display refuses: invalid at computed-value time, unset (CSS Variables §3).
    expect(styleShows('display: var(--unset)')).toBe(true);
    expect(styleShows('--x: blok; display: var(--x)')).toBe(true);
    // Not settled by the HTML, with a hiding word in it: left hidden.
    expect(styleShows('display: var(--unset, none)')).toBe(false);
  });
});

describe('hiddenByAttributes: the user agent\'s display: none for [hidden] and a closed dialog loses to an inline display (WHATWG HTML §15.3.1)', () => {
  it('shows a hidden element or a closed dialog whose own style sets a display other than none', () => {
    for (const style of ['display:block', 'display: flex', 'display: contents', 'display:none; display:inline', 'display: inherit', 'display: unset', 'display: var(--unset)']) {
      expect(hiddenByAttributes('div', { hidden: '', style }), style).toBe(false);
      expect(hiddenByAttributes('dialog', { style }), style).toBe(false);
    }
  });

  it('hides one whose style sets no display, display none, or one that rolls back to the user agent\'s (revert)', () => {
    for (const style of [undefined, 'color: red', 'display: blok', 'display:none', 'display:block; display:none', 'display: revert', 'display: revert-layer', '--x: none; display: var(--x)']) {
      expect(hiddenByAttributes('div', { hidden: '', style }), String(style)).toBe(true);
      expect(hiddenByAttributes('dialog', { style }), String(style)).toBe(true);
    }
    expect(hiddenByAttributes('dialog', { open: '', style: 'display: revert' })).toBe(false);
  });
});
