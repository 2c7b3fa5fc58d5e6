import { describe, expect, it } from 'vitest';
import { RULES } from '../../../lib/digest/digestHtml.js';

// WCAG 2.2 2.5.8 Target Size (Minimum): a link in a list, one a line, needs 24 px from its neighbours' centres, so
// each line of the digest's link lists is 24 px high or more. At 15 px and 1.5 the related links were 22.5 px
// apart, and axe (tests/browser/accessibility.test.ts) flagged them in the email and the archived page. The
// footer's row of links wraps at 320 px: at 13 px and 1.6 its lines were 20.8 px apart.
describe("the digest's link lists", () => {
  const rule = (selector: string) => RULES.find(([s]) => s === selector)?.[1] ?? '';
  const lineHeight = (selector: string) => {
    const size = Number(/font-size: (\d+)px/.exec(rule(selector))?.[1]);
    const height = Number(/line-height: ([\d.]+);/.exec(rule(selector))?.[1]);
    return size * height;
  };

  for (const selector of ['.related', '.more', '.footer']) {
    it(`spaces the lines of ${selector} 24 px apart or more`, () => {
      expect(lineHeight(selector)).toBeGreaterThanOrEqual(24);
    });
  }
});
