import { describe, expect, it } from 'vitest';
import { MEDIA, RULES } from '../../../lib/digest/digestHtml.js';
import { contrast, declaredColours } from '../../support/contrast.js';

// Dark mode (Apple Mail, iOS Mail) darkens the digest's backgrounds: a text left to inherit the light colour, as
// the unlinked "More this week" heading was, stayed #1f2328 on #1e1e1e (1.06:1). Each rule that colours text is
// recoloured there too, 4.5:1 or more against the dark container (WCAG 2.2 1.4.3).
const light = RULES.map(([selector, declarations]) => `${selector} { ${declarations} }`).join('\n');
const dark = MEDIA.split('@media (prefers-color-scheme: dark)')[1]!.split('@media')[0]!;
const [lightContainer] = declaredColours(light, '.container', 'background-color:');
const [darkContainer] = declaredColours(dark, '.container', 'background-color:');

describe("the digest's text colours in dark mode", () => {
  it('colour each heading, linked or not, in both schemes', () => {
    for (const heading of ['h1', 'h2']) {
      const [lightColour] = declaredColours(light, heading, 'color:');
      const [darkColour] = declaredColours(dark, heading, 'color:');
      expect(lightColour, heading).toMatch(/^#/);
      expect(darkColour, heading).toMatch(/^#/);
      expect(contrast(lightColour!, lightContainer!), heading).toBeGreaterThanOrEqual(4.5);
      expect(contrast(darkColour!, darkContainer!), heading).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('recolour every rule that colours text, or keep it on its own background (the button)', () => {
    const coloured = RULES.filter(([, declarations]) => /(?:^|[\s;])color:/.test(declarations)).map(([selector]) => selector);
    expect(coloured).toEqual(expect.arrayContaining(['body', 'h2', '.footer', '.button']));
    for (const selector of coloured) {
      const [own] = declaredColours(light, selector, 'background-color:');
      const [darkColour] = declaredColours(dark, selector, 'color:');
      // A background of its own that dark mode keeps: the light colour stays on it.
      if (own !== undefined && declaredColours(dark, selector, 'background-color:').length === 0) {
        expect(darkColour, selector).toBeUndefined();
        expect(contrast(declaredColours(light, selector, 'color:')[0]!, own), selector).toBeGreaterThanOrEqual(4.5);
        continue;
      }
      expect(darkColour, selector).toMatch(/^#/);
      expect(contrast(darkColour!, darkContainer!), selector).toBeGreaterThanOrEqual(4.5);
    }
  });
});
