import { describe, expect, it } from 'vitest';
import { renderDigestIndex } from '../../../lib/digest/digestIndexPage.js';
import { contrast, declaredColour } from '../../support/contrast.js';
import { testSite } from '../../support/digestFixtures.js';

// digests/index.html states its colours in both schemes: left to the browser, a dark-mode reader got Chromium's
// default dark link colour, and axe (tests/browser/accessibility.test.ts) measured 2.38:1 for the feed links.
describe("the digest archive page's colours", () => {
  const css = /<style>\n([\s\S]*?)<\/style>/.exec(renderDigestIndex(testSite(), []))![1]!;
  const [light, dark] = css.split('@media (prefers-color-scheme: dark)');
  const colour = declaredColour;

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
