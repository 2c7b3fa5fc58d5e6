import { describe, expect, it } from 'vitest';
import { renderDigestIndex } from '../../../lib/digest/digestIndexPage.js';
import { testSite } from '../../support/digestFixtures.js';

/** WCAG 2.2 relative luminance and contrast ratio (https://www.w3.org/TR/WCAG22/#dfn-contrast-ratio). */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}
function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

// digests/index.html states its colours in both schemes: left to the browser, a dark-mode reader got Chromium's
// default dark link colour, and axe (tests/browser/accessibility.test.ts) measured 2.38:1 for the feed links.
describe("the digest archive page's colours", () => {
  const css = /<style>\n([\s\S]*?)<\/style>/.exec(renderDigestIndex(testSite(), []))![1]!;
  const [light, dark] = css.split('@media (prefers-color-scheme: dark)');
  const colour = (block: string, selector: string, property: string) =>
    new RegExp(`(?:^|\\n)\\s*${selector.replace('.', '\\.')} \\{[^}]*\\b${property}: (#[0-9a-f]{6});`).exec(block)?.[1];

  for (const [scheme, block] of [['light', light!], ['dark', dark!]] as const) {
    it(`states the background, text, link and muted colours, each 4.5:1 or more (${scheme})`, () => {
      const background = colour(block, 'body', 'background');
      expect(background, scheme).toMatch(/^#/);
      for (const [selector, property] of [['body', 'color'], ['a', 'color'], ['.meta', 'color']] as const) {
        const foreground = colour(block, selector, property);
        expect(foreground, `${scheme} ${selector}`).toMatch(/^#/);
        expect(contrast(foreground!, background!), `${scheme} ${selector}`).toBeGreaterThanOrEqual(4.5);
      }
    });
  }
});
