/**
 * The Content-Security-Policy of the site's pages (CSP Level 3): no script; inline styles (a `<style>` element, and
 * `style` attributes in digests); the site's own and https images (an entry's image); forms to the site itself (the
 * subscription forms); never framed. serverless.yml's viewer-response function sends these very strings (a test
 * holds them equal), and the preview sends them too, so that a page the preview shows is one the site shows.
 */
export const PAGE_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' https:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/** The inline click handler of the close button on Chromium's XSLT deprecation banner, as Chromium 156 writes it. */
export const BANNER_CLOSE_HANDLER = 'this.getRootNode().host.remove();';

/**
 * RSS and Atom: a browser loads the feed's XSLT stylesheet (`feed.xsl`) under script-src (CSP3 counts "xslt" among
 * the script-like destinations), and the page it renders keeps the feed's policy; a browser without XSLT loads the
 * feed's CSS stylesheet (`feed.css`, lib/feeds/cssInstruction.ts) under style-src. The one image is the page's
 * icon, which feed.xsl links as the site's pages do (the site's icon.png, or site.yml's https `icon`): an icon's fetch
 * has the destination "image" (HTML, "Link type icon"), which img-src governs. `https:` rather than one host, as the
 * one policy the CDN sends every site's feeds cannot name site.yml's icon's; the page shows no other image (feed.xsl
 * writes the feed's text as text). No form.
 *
 * script-src-attr: Chromium puts its own banner on every page an XSLT stylesheet renders (it deprecates XSLT), whose
 * close button has the inline handler BANNER_CLOSE_HANDLER; under script-src alone that is a CSP violation on every
 * feed page. 'unsafe-hashes' with that handler's hash lets that one handler run (CSP3 §6.1.3, "script-src-attr", and
 * §8.3, "unsafe-hashes"): no other inline handler, and no inline or other-origin script.
 */
export const FEED_POLICY = "default-src 'none'; script-src 'self'; script-src-attr 'unsafe-hashes' 'sha256-TXA+6usvAyONGFuiE99/kgV7JxYXAtQaottQ4sJDSIw='; style-src 'self' 'unsafe-inline'; img-src 'self' https:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/**
 * The policy of an answer whose stored type is `contentType` (before a feed is sent to a browser as application/xml),
 * as the viewer-response function picks it; none for any other type (JSON, images, OPML).
 */
export function contentSecurityPolicy(contentType: string): string | undefined {
  if (/^application\/(rss|atom)\+xml/i.test(contentType)) return FEED_POLICY;
  return /^text\/html\b/i.test(contentType) ? PAGE_POLICY : undefined;
}
