/**
 * The site's colours, light and dark: its pages, the page feed.xsl makes of a feed, and the digest archive's index.
 * WCAG 2.2 AA asks 4.5:1 for text (1.4.3) and 3:1 for the focus ring and borders that carry meaning (1.4.11);
 * tests/unit/pages check every pair.
 */
export const PAGE_PALETTE = {
  light: { background: '#ffffff', text: '#1b1b1b', muted: '#595959', link: '#0a4fb4', accent: '#0a4fb4', panel: '#f3f6fb' },
  dark: { background: '#121417', text: '#ececec', muted: '#b4b4b4', link: '#8cb8ff', accent: '#8cb8ff', panel: '#1c2027' },
} as const;

/**
 * The palette as the colour rules of a page with plain selectors (the digest archive's index, the page feed.xsl makes),
 * in both schemes: stated, not left to the browser, whose own dark links (#9e9eff) on a background it paints itself
 * no checker can see (WCAG 2.2 AA 1.4.3). `focus`: the selectors that get the focus ring.
 */
export function paletteCss(focus: string): string {
  const { light, dark } = PAGE_PALETTE;
  return `body { background: ${light.background}; color: ${light.text}; }
a { color: ${light.link}; }
.meta { color: ${light.muted}; }
${focus} { outline: 3px solid ${light.accent}; outline-offset: 2px; }
@media (prefers-color-scheme: dark) {
  body { background: ${dark.background}; color: ${dark.text}; }
  a { color: ${dark.link}; }
  .meta { color: ${dark.muted}; }
  ${focus} { outline-color: ${dark.accent}; }
}`;
}
