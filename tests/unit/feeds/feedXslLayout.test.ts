import { describe, expect, it } from 'vitest';
import { renderFeedXsl } from '../../../lib/feeds/renderFeedXsl.js';
import { itStatesItsColours } from '../../support/contrast.js';

// The page a browser makes of a feed through feed.xsl: a long word breaks rather than widen it, and typed text takes
// its own direction (tests/browser/sitePages.test.ts opens the feeds at 320 px).
describe('feed.xsl, as a page', () => {
  const xsl = renderFeedXsl('en');

  it('breaks a long word anywhere rather than scroll sideways', () => {
    expect(/^\s*body \{([^}]*)\}$/m.exec(xsl)?.[1]).toContain('overflow-wrap: anywhere;');
  });

  it('breaks a Korean feed\'s lines between words', () => {
    expect(/<style>([\s\S]*?)<\/style>/.exec(xsl)?.[1]).toMatch(/^\s*:lang\(ko\)\{word-break:keep-all\}$/m);
  });

  it('gives the feed title and description, each item title and summary their own direction, and isolates the author', () => {
    expect(xsl).toContain('<h1 dir="auto"><xsl:value-of select="$title"/></h1>');
    expect(xsl).toContain('<p dir="auto"><xsl:value-of select="/rss/channel/description | /atom:feed/atom:subtitle"/></p>');
    expect(xsl).toContain('<h2 dir="auto"><a href="{link}"><xsl:value-of select="title"/></a></h2>');
    expect(xsl).toContain('<h2 dir="auto"><a href="{atom:link/@href}"><xsl:apply-templates select="atom:title" mode="text"/></a></h2>');
    expect(xsl).toContain('<p class="meta"><bdi><xsl:value-of select="dc:creator"/></bdi> · ');
    expect(xsl).toContain('<p class="meta"><bdi><xsl:value-of select="atom:author/atom:name"/></bdi> · ');
    expect(xsl.match(/<p dir="auto"><xsl:(call-template name="unescape"|apply-templates select="atom:summary")/g)).toHaveLength(2);
  });
});

// The page states its colours in both schemes: left to the browser, a dark-mode reader got Chromium's dark link
// colour and a grey on a background no checker could see (axe in tests/browser/accessibility.test.ts: 2.38:1).
describe("feed.xsl's colours", () => {
  itStatesItsColours(/<style>([\s\S]*?)<\/style>/.exec(renderFeedXsl('en'))![1]!, 'a:focus-visible, input:focus-visible');
});

// WCAG 2.2 3.1.2: the page's own words, and RSS's dates (RFC 822: English day and month names), are English; on a
// feed in another language they are marked lang="en" (tests/browser/accessibility.test.ts reads the result in Chromium).
describe("feed.xsl's language of parts", () => {
  const xsl = renderFeedXsl('en');
  const markEnglish = '<xsl:if test="not($english)"><xsl:attribute name="lang">en</xsl:attribute></xsl:if>';

  it("reads English from the feed's language, RSS or Atom, as a primary subtag en in any case", () => {
    expect(xsl).toContain(`<xsl:variable name="language" select="translate(/rss/channel/language | /atom:feed/@xml:lang, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')"/>`);
    expect(xsl).toContain(`<xsl:variable name="english" select="$language = 'en' or starts-with($language, 'en-')"/>`);
  });

  it('marks the subscribe box and the RSS dates English on a feed in another language', () => {
    expect(xsl).toMatch(new RegExp(`<section class="subscribe" aria-labelledby="subscribe-label">\\s*${markEnglish.replace(/[()$]/g, '\\$&')}`));
    expect(xsl).toContain(`<span>${markEnglish}<xsl:value-of select="pubDate"/></span>`);
  });
});

// HTML "The dir attribute": a feed in a right-to-left language is laid out right to left, as the site's pages are
// (ownWords), and the page's English words, marked lang="en", keep left to right.
describe("feed.xsl's direction", () => {
  const markEnglishLtr = '<xsl:if test="not($english)"><xsl:attribute name="lang">en</xsl:attribute><xsl:attribute name="dir">ltr</xsl:attribute></xsl:if>';

  for (const language of ['ar', 'he', 'fa-IR']) {
    it(`lays out the page right to left on a site in ${language}, its English words left to right`, () => {
      const xsl = renderFeedXsl(language);
      expect(xsl).toMatch(/<html dir="rtl">\s*<xsl:attribute name="lang">/);
      // The subscribe box, RSS's dates and Atom's times.
      expect(xsl.split(markEnglishLtr)).toHaveLength(4);
    });
  }

  for (const language of ['en', 'ko', 'az-Latn']) {
    it(`leaves the page left to right, the HTML default, on a site in ${language}`, () => {
      const xsl = renderFeedXsl(language);
      expect(xsl).toMatch(/<html>\s*<xsl:attribute name="lang">/);
      expect(xsl).not.toContain('dir">ltr<');
      expect(xsl).not.toContain('dir="rtl"');
    });
  }
});
