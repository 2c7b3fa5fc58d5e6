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
