import { expect, it } from 'vitest';

/** WCAG 2.2 relative luminance of a `#rrggbb` colour (https://www.w3.org/TR/WCAG22/#dfn-relative-luminance). */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

/** WCAG 2.2 contrast ratio of two `#rrggbb` colours (https://www.w3.org/TR/WCAG22/#dfn-contrast-ratio). */
export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

/**
 * The `#rrggbb` value of `property` in the first rule for exactly `selector` in `css` (a stylesheet's text, or the
 * part of it before or inside a media query), or undefined.
 */
export function declaredColour(css: string, selector: string, property: string): string | undefined {
  const escaped = selector.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?:^|[\\n{}])\\s*${escaped} \\{[^}]*?(?:^|[\\s;{])${property}: (#[0-9a-f]{6});`).exec(css)?.[1];
}

/**
 * The `#rrggbb` values that follow `declaration` (`background-color:`, `outline: 3px solid`) in the rules whose
 * selector list holds `selector`, in source order, `!important` or not.
 */
export function declaredColours(css: string, selector: string, declaration: string): string[] {
  const escaped = selector.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const rule = new RegExp(`(?:^|[\\n{}])\\s*(?:[^{}]*, )?${escaped}(?:, [^{}]*)? \\{[^}]*?(?:^|[\\s;{])${declaration} (#[0-9a-f]{6})`, 'g');
  return [...css.matchAll(rule)].map((match) => match[1]!);
}

/**
 * The tests of a page that states its colours in both schemes (`css`: its stylesheet, light rules then a
 * `@media (prefers-color-scheme: dark)` block): in each, the background, text, link and muted colours, each 4.5:1
 * or more against the background (WCAG 2.2 1.4.3). With `focus` (the selector list of its focus ring), also the
 * ring of each of those selectors: stated in each scheme, 3:1 or more against the background (1.4.11).
 */
export function itStatesItsColours(css: string, focus?: string): void {
  const [light, dark] = css.split('@media (prefers-color-scheme: dark)');
  for (const [scheme, block] of [['light', light!], ['dark', dark!]] as const) {
    it(`states the background, text, link and muted colours, each 4.5:1 or more (${scheme})`, () => {
      const background = declaredColour(block, 'body', 'background');
      expect(background, scheme).toMatch(/^#/);
      for (const [selector, property] of [['body', 'color'], ['a', 'color'], ['.meta', 'color']] as const) {
        const foreground = declaredColour(block, selector, property);
        expect(foreground, `${scheme} ${selector}`).toMatch(/^#/);
        expect(contrast(foreground!, background!), `${scheme} ${selector}`).toBeGreaterThanOrEqual(4.5);
      }
    });
    if (focus === undefined) continue;
    it(`draws a focus ring on ${focus}, 3:1 or more (${scheme})`, () => {
      const background = declaredColour(block, 'body', 'background')!;
      for (const selector of focus.split(', ')) {
        // The light rule draws the ring; the dark one recolours it.
        const [ring] = declaredColours(block, selector, scheme === 'light' ? 'outline: 3px solid' : 'outline-color:');
        expect(ring, `${scheme} ${selector}`).toMatch(/^#/);
        expect(contrast(ring!, background), `${scheme} ${selector}`).toBeGreaterThanOrEqual(3);
      }
    });
  }
}
