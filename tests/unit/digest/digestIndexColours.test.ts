import { describe } from 'vitest';
import { renderDigestIndex } from '../../../lib/digest/digestIndexPage.js';
import { itStatesItsColours } from '../../support/contrast.js';
import { testSite } from '../../support/digestFixtures.js';

// digests/index.html states its colours in both schemes: left to the browser, a dark-mode reader got Chromium's
// default dark link colour, and axe (tests/browser/accessibility.test.ts) measured 2.38:1 for the feed links.
describe("the digest archive page's colours", () => {
  const css = /<style>\n([\s\S]*?)<\/style>/.exec(renderDigestIndex(testSite(), []))![1]!;
  itStatesItsColours(css, 'a:focus-visible, button:focus-visible, input:focus-visible');
});
