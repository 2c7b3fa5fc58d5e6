import { FEED_READER_NAMES } from './feedReaderNames.js';
import { KOREAN_LINE_BREAKS } from '../shared/koreanLineBreaks.js';
import { languageDirection } from '../shared/languageDirection.js';
import { PAGE_PALETTE, paletteCss } from '../shared/pagePalette.js';
import { ICON_KEY, XSL_KEY } from '../shared/outputLayout.js';

/**
 * `feed.xsl`: an XSLT 1.0 stylesheet that RSS and Atom feeds reference with <?xml-stylesheet?>, so a browser
 * opening a feed shows a readable page and the URL to copy into a feed reader, not raw XML.
 * Feed readers ignore it. It needs no JavaScript. As on the site's pages, a long word breaks rather than widen the
 * page, and titles, names and summaries take their own direction (dir="auto", <bdi>: HTML "The dir attribute").
 * `language` is the site's, which every feed states: the page is laid out in its direction, as the site's pages are
 * (ownWords), and the page's English words keep theirs, left to right. `ownIcon`: site.yml names the site's icon.
 */
export function renderFeedXsl(language: string, ownIcon = false): string {
  // XSLT 1.0 cannot tell a language's direction: the site's, written in (languageDirection).
  const rtl = languageDirection(language) === 'rtl';
  const markEnglish = `<xsl:if test="not($english)"><xsl:attribute name="lang">en</xsl:attribute>${rtl ? '<xsl:attribute name="dir">ltr</xsl:attribute>' : ''}</xsl:if>`;
  // The site pages' palette, in both schemes (paletteCss), and its accent for the subscribe box's border.
  const { light, dark } = PAGE_PALETTE;
  return `<?xml version="1.0" encoding="utf-8"?>
<xsl:stylesheet version="1.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:atom="http://www.w3.org/2005/Atom"
  xmlns:dc="http://purl.org/dc/elements/1.1/"
  xmlns:fh="http://purl.org/syndication/history/1.0"
  exclude-result-prefixes="atom dc fh">
  <xsl:output method="html" version="5.0" encoding="utf-8" indent="yes" doctype-system="about:legacy-compat"/>

  <xsl:variable name="title" select="/rss/channel/title | /atom:feed/atom:title"/>
  <xsl:variable name="self" select="/rss/channel/atom:link[@rel='self']/@href | /atom:feed/atom:link[@rel='self']/@href"/>
  <xsl:variable name="home" select="/rss/channel/link | /atom:feed/atom:link[not(@rel) or @rel='alternate']/@href"/>
  <!-- RFC 5005 §4: an archive document carries fh:archive and links the feed to subscribe to as rel="current"; it
       never gets another entry, so the page sends the reader there rather than have them subscribe to it. -->
  <xsl:variable name="archive" select="/rss/channel/fh:archive | /atom:feed/fh:archive"/>
  <xsl:variable name="current" select="/rss/channel/atom:link[@rel='current']/@href | /atom:feed/atom:link[@rel='current']/@href"/>
  <!-- The page's own words are English: on a feed in another language they are marked lang="en" (WCAG 3.1.2), as
       RSS's dates are (RFC 822 names the days and months in English). English: a primary subtag "en" (RFC 5646). -->
  <xsl:variable name="language" select="translate(/rss/channel/language | /atom:feed/@xml:lang, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')"/>
  <xsl:variable name="english" select="$language = 'en' or starts-with($language, 'en-')"/>
  <!-- The way from the feed up to the site's root, where this stylesheet and the generated icon lie: what precedes
       ${XSL_KEY} in the feed's instruction (href="../../${XSL_KEY}" in a tag's folder, as cssInstruction reads it). -->
  <xsl:variable name="root" select="substring-before(substring-after(/processing-instruction('xml-stylesheet')[contains(., 'text/xsl')], 'href=&quot;'), '${XSL_KEY}&quot;')"/>

  <xsl:template match="/">
    <html${rtl ? ' dir="rtl"' : ''}>
      <xsl:attribute name="lang"><xsl:value-of select="/rss/channel/language | /atom:feed/@xml:lang"/></xsl:attribute>
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title><xsl:value-of select="$title"/> (feed)</title>
        <!-- The site's icon, as its pages link it: without one a browser asks for /favicon.ico at the host's root. The
             generated one relative to the feed, so that it works on any host, as the pages' links do; the site's own
             at its address, as the feed names it (RSS 2.0 <image>, RFC 4287 §4.2.5 atom:icon). -->
        ${ownIcon ? '<link rel="icon" href="{/rss/channel/image/url | /atom:feed/atom:icon}"/>' : `<link rel="icon" href="{$root}${ICON_KEY}"/>`}
        <style>
          :root { color-scheme: light dark; }
          body { font: 100%/1.5 system-ui, sans-serif; max-width: 44rem; margin: 0 auto; padding: 1rem; overflow-wrap: anywhere; }
          ${KOREAN_LINE_BREAKS}
          ${paletteCss('a:focus-visible, input:focus-visible').replaceAll('\n', '\n          ')}
          .subscribe { border: 2px solid ${light.accent}; border-radius: 8px; padding: 1rem; margin: 1rem 0 2rem; }
          .subscribe label { display: block; font-weight: 600; margin-bottom: .5rem; }
          .subscribe input { width: 100%; box-sizing: border-box; font: inherit; padding: .5rem; }
          article { border-top: 1px solid #8884; padding: .75rem 0; }
          h2 { font-size: 1.15rem; margin: 0 0 .25rem; }
          .meta { font-size: .9rem; }
          @media (prefers-color-scheme: dark) { .subscribe { border-color: ${dark.accent}; } }
        </style>
      </head>
      <body>
        <header>
          <h1 dir="auto"><xsl:value-of select="$title"/></h1>
          <p dir="auto"><xsl:value-of select="/rss/channel/description | /atom:feed/atom:subtitle"/></p>
        </header>
        <section class="subscribe" aria-labelledby="subscribe-label">
          ${markEnglish}
          <xsl:choose>
            <xsl:when test="$archive and $current">
              <p>This is an archive of past entries: it gets no new ones. To follow the site, subscribe to <a href="{$current}">its current feed</a>.</p>
              <label id="subscribe-label" for="feed-url">Copy this URL into your reader to subscribe:</label>
              <input id="feed-url" type="url" readonly="readonly" value="{$current}"/>
            </xsl:when>
            <xsl:otherwise>
              <label id="subscribe-label" for="feed-url">This is a web feed. Copy this URL into your reader to subscribe:</label>
              <input id="feed-url" type="url" readonly="readonly" value="{$self}"/>
            </xsl:otherwise>
          </xsl:choose>
          <p>Feed readers such as ${FEED_READER_NAMES} accept it. <a href="{$home}">Visit the site</a>.</p>
        </section>
        <main>
          <xsl:apply-templates select="/rss/channel/item | /atom:feed/atom:entry"/>
        </main>
      </body>
    </html>
  </xsl:template>

  <xsl:template match="item">
    <article>
      <h2 dir="auto"><a href="{link}"><xsl:value-of select="title"/></a></h2>
      <p class="meta"><bdi><xsl:value-of select="dc:creator"/></bdi> · <span>${markEnglish}<xsl:value-of select="pubDate"/></span></p>
      <!-- RSS <description> holds the summary as escaped HTML (see renderRss); decode it rather than show "&amp;#39;". -->
      <p dir="auto"><xsl:call-template name="unescape"><xsl:with-param name="text" select="description"/></xsl:call-template></p>
    </article>
  </xsl:template>

  <xsl:template match="atom:entry">
    <article>
      <h2 dir="auto"><a href="{atom:link/@href}"><xsl:apply-templates select="atom:title" mode="text"/></a></h2>
      <!-- atom:published is in UTC (RFC 3339 "Z"), which XSLT 1.0 cannot move to the site's zone: its date alone would be
           the day before for a site east of UTC, so the time shows too, named UTC, as RSS's pubDate names GMT. -->
      <p class="meta"><bdi><xsl:value-of select="atom:author/atom:name"/></bdi> · <time datetime="{atom:published}">${markEnglish}<xsl:value-of select="concat(substring(atom:published, 1, 10), ' ', substring(atom:published, 12, 5), ' UTC')"/></time></p>
      <p dir="auto"><xsl:apply-templates select="atom:summary" mode="text"/></p>
    </article>
  </xsl:template>

  <!-- RFC 4287 §3.1.1: type="html" text is escaped HTML; Broadsheet's titles and summaries are escaped plain text. -->
  <xsl:template match="*" mode="text">
    <xsl:choose>
      <xsl:when test="@type = 'html'"><xsl:call-template name="unescape"><xsl:with-param name="text" select="."/></xsl:call-template></xsl:when>
      <xsl:otherwise><xsl:value-of select="."/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Decodes the five entities escapeHtml writes. XSLT 1.0 has no replace(), hence the recursion: a call per "&", and
       a browser's XSLT stops at a depth (Chromium's before a thousand calls) and shows a blank page. So a long text is
       halved first, at a place inside no reference, until each part is short: a depth of its length's logarithm.
       A reference that spans the half ends at the second half's first ";", within 4 characters ("&" then "quot;"),
       with no "&" before it; the cut then follows that ";". -->
  <xsl:template name="unescape">
    <xsl:param name="text"/>
    <xsl:choose>
      <xsl:when test="string-length($text) &gt; 64">
        <xsl:variable name="half" select="floor(string-length($text) div 2)"/>
        <xsl:variable name="tail" select="substring($text, $half + 1)"/>
        <xsl:variable name="spanned" select="substring-before($tail, ';')"/>
        <xsl:variable name="cut" select="$half + (string-length($spanned) + 1) * (contains($tail, ';') and string-length($spanned) &lt; 5 and not(contains($spanned, '&amp;')))"/>
        <xsl:call-template name="unescape"><xsl:with-param name="text" select="substring($text, 1, $cut)"/></xsl:call-template>
        <xsl:call-template name="unescape"><xsl:with-param name="text" select="substring($text, $cut + 1)"/></xsl:call-template>
      </xsl:when>
      <xsl:when test="contains($text, '&amp;')">
        <xsl:value-of select="substring-before($text, '&amp;')"/>
        <xsl:variable name="rest" select="substring-after($text, '&amp;')"/>
        <xsl:choose>
          <xsl:when test="starts-with($rest, 'amp;')">&amp;<xsl:call-template name="unescape"><xsl:with-param name="text" select="substring($rest, 5)"/></xsl:call-template></xsl:when>
          <xsl:when test="starts-with($rest, 'lt;')">&lt;<xsl:call-template name="unescape"><xsl:with-param name="text" select="substring($rest, 4)"/></xsl:call-template></xsl:when>
          <xsl:when test="starts-with($rest, 'gt;')">&gt;<xsl:call-template name="unescape"><xsl:with-param name="text" select="substring($rest, 4)"/></xsl:call-template></xsl:when>
          <xsl:when test="starts-with($rest, 'quot;')">"<xsl:call-template name="unescape"><xsl:with-param name="text" select="substring($rest, 6)"/></xsl:call-template></xsl:when>
          <xsl:when test="starts-with($rest, '#39;')">'<xsl:call-template name="unescape"><xsl:with-param name="text" select="substring($rest, 5)"/></xsl:call-template></xsl:when>
          <xsl:otherwise>&amp;<xsl:call-template name="unescape"><xsl:with-param name="text" select="$rest"/></xsl:call-template></xsl:otherwise>
        </xsl:choose>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$text"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
`;
}
