import { parse } from 'css-tree';
import { describe, expect, it } from 'vitest';
import { cssInstruction } from '../../../lib/feeds/cssInstruction.js';
import { fastAtom } from '../../../lib/feeds/fast/fastAtom.js';
import { fastRss } from '../../../lib/feeds/fast/fastRss.js';
import { renderAtom } from '../../../lib/feeds/renderAtom.js';
import { FEED_CSS_ARCHIVE_EXPLANATION, FEED_CSS_EXPLANATION, renderFeedCss } from '../../../lib/feeds/renderFeedCss.js';
import { renderRss } from '../../../lib/feeds/renderRss.js';
import { PAGE_PALETTE } from '../../../lib/shared/pagePalette.js';
import { contrast, declaredColour } from '../../support/contrast.js';
import { feedDoc } from '../../support/feedDoc.js';

// feed.css: what a browser without XSLT shows of an RSS or Atom feed (W3C "Associating Style Sheets with XML
// documents 1.0": a second xml-stylesheet instruction, type text/css). tests/browser/feedCss.test.ts opens it in
// Chromium with XSLT turned off.

const WRITERS = [
  ['RSS 2.0 (feed)', renderRss],
  ['Atom 1.0 (feed)', renderAtom],
  ['RSS 2.0 (fast)', fastRss],
  ['Atom 1.0 (fast)', fastAtom],
] as const;

/** The processing instructions before the root element, each as [target's pseudo-attributes]. */
function prolog(xml: string): string[] {
  const head = xml.slice(0, xml.indexOf('\n<'));
  return [...head.matchAll(/<\?([^?]*)\?>/g)].map((match) => match[1]!);
}

describe('the feed.css processing instruction', () => {
  // A feed's folder and its feed.xsl href (feedArtifacts: relativeHref from the feed to the root's feed.xsl).
  const FEEDS = [
    ['https://watch.example.org/rss.xml', 'feed.xsl'],
    ['https://watch.example.org/digests/rss.xml', '../feed.xsl'],
    ['https://watch.example.org/tags/trade/rss.xml', '../../feed.xsl'],
  ] as const;

  for (const [name, write] of WRITERS) {
    it(`${name}: follows feed.xsl's, in the prolog, and points at the root's feed.css as feed.xsl's points at feed.xsl`, () => {
      for (const [feedUrl, xslHref] of FEEDS) {
        const pis = prolog(write(feedDoc({ stylesheetHref: xslHref })));
        expect(pis).toHaveLength(3);
        expect(pis[0]).toBe('xml version="1.0" encoding="utf-8"');
        const [xsl, css] = pis.slice(1).map((pi) => /^xml-stylesheet href="([^"]*)" type="([^"]*)"$/.exec(pi)?.slice(1));
        expect(xsl).toEqual([xslHref, 'text/xsl']);
        expect(css?.[1]).toBe('text/css');
        expect(new URL(css![0]!, feedUrl).href).toBe('https://watch.example.org/feed.css');
      }
    });
  }

  it("is left out for a stylesheet that is not the site's feed.xsl, and with none", () => {
    for (const href of ['', 'other.xsl', 'feed.xsl?a=1&b=<2>', '/feed.xsl', 'https://cdn.example/feed.xsl', 'x/feed.xsl', '../x/feed.xsl']) {
      expect(cssInstruction(href), href).toBe('');
      for (const [name, write] of WRITERS) expect(write(feedDoc({ stylesheetHref: href })), `${name} ${href}`).not.toContain('text/css');
    }
  });
});

describe('feed.css', () => {
  const css = renderFeedCss('en');

  it('is CSS that parses without an error', () => {
    const errors: string[] = [];
    parse(css, { onParseError: (error) => errors.push(error.message) });
    expect(errors).toEqual([]);
  });

  it("declares the namespaces of the elements it styles (Atom's, Dublin Core's, RFC 5005's), and no other", () => {
    const declared = new Map([...css.matchAll(/^@namespace (\w+) url\(([^)]*)\);$/gm)].map((match) => [match[1]!, match[2]!]));
    expect(Object.fromEntries(declared)).toEqual({ atom: 'http://www.w3.org/2005/Atom', dc: 'http://purl.org/dc/elements/1.1/', fh: 'http://purl.org/syndication/history/1.0' });
    const used = new Set([...css.matchAll(/(\w+)\|\w/g)].map((match) => match[1]!));
    expect([...used].sort()).toEqual(['atom', 'dc', 'fh']);
  });

  it('says what the page is, for a feed and for an archive, as generated content', () => {
    for (const text of [FEED_CSS_EXPLANATION, FEED_CSS_ARCHIVE_EXPLANATION]) {
      // A CSS string's own characters: no quote or backslash to escape.
      expect(text).not.toMatch(/["\\\n]/);
      expect(css).toContain(`content: "${text}";`);
    }
    expect(css).toContain('content: "Feed address: " attr(href);');
  });

  it('hides the summaries and contents (escaped HTML, which CSS would show as typed)', () => {
    expect(css).toContain('|item > *, atom|entry > *, atom|author > * { display: none; }');
    const shown = [...css.matchAll(/^(.*)\{[^}]*display: (?:block|inline)/gm)].flatMap((match) => match[1]!.split(',').map((selector) => selector.trim()));
    expect(shown).toContain('|item > |title');
    for (const selector of shown.filter((s) => /^(\|item|atom\|entry) /.test(s))) expect(selector).not.toMatch(/description|summary|content/);
  });

  for (const [scheme, block] of [['light', css.split('@media (prefers-color-scheme: dark)')[0]!], ['dark', css.split('@media (prefers-color-scheme: dark)')[1]!]] as const) {
    it(`states the site's background and text colours, 4.5:1 or more, and its muted one (${scheme})`, () => {
      const palette = PAGE_PALETTE[scheme];
      const background = declaredColour(block, ':root', 'background');
      expect(background).toBe(palette.background);
      expect(declaredColour(block, ':root', 'color')).toBe(palette.text);
      expect(block).toContain(`color: ${palette.muted};`);
      for (const colour of [palette.text, palette.muted]) expect(contrast(colour, background!)).toBeGreaterThanOrEqual(4.5);
    });
  }

  it("lays the page out in the site's direction, each text in its own", () => {
    expect(renderFeedCss('en')).not.toContain('direction: rtl');
    for (const language of ['ar', 'he', 'fa-IR']) expect(/^:root \{[^}]*\}/m.exec(renderFeedCss(language))?.[0], language).toContain('direction: rtl;');
    expect(css.match(/unicode-bidi: plaintext;/g)!.length).toBeGreaterThanOrEqual(4);
    // A date is written in English (RFC 822 in RSS, RFC 3339 in Atom): left to right, isolated from the words around it.
    expect(/^\|item > \|pubDate, atom\|entry > atom\|published \{([^}]*)\}/m.exec(css)?.[1]).toBe(' unicode-bidi: isolate; direction: ltr; ');
  });
});
