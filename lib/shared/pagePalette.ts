/**
 * The site's colours, light and dark: its pages, the page feed.xsl makes of a feed, and the digest archive's index.
 * WCAG 2.2 AA asks 4.5:1 for text (1.4.3) and 3:1 for the focus ring and borders that carry meaning (1.4.11);
 * tests/unit/pages check every pair.
 */
export const PAGE_PALETTE = {
  light: { background: '#ffffff', text: '#1b1b1b', muted: '#595959', link: '#0a4fb4', accent: '#0a4fb4', panel: '#f3f6fb' },
  dark: { background: '#121417', text: '#ececec', muted: '#b4b4b4', link: '#8cb8ff', accent: '#8cb8ff', panel: '#1c2027' },
} as const;
