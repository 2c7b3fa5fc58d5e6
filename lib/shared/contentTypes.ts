import { FEED_FILES } from './outputLayout.js';
import { keyFileName } from './keyFileName.js';

/** The Content-Type each published file is served with, by extension. */
const BY_EXTENSION: Record<string, string> = {
  '.xml': 'application/xml; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  // XSLT is XML (RFC 7303): the charset named, as for every other text file published.
  '.xsl': 'text/xsl; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.opml': 'text/x-opml; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.md': 'text/markdown; charset=utf-8',
  '.yml': 'application/yaml; charset=utf-8',
};

/** Feeds by file name, since rss.xml and atom.xml share an extension. */
const BY_NAME: Record<string, string> = {
  [FEED_FILES.rss]: 'application/rss+xml; charset=utf-8',
  [FEED_FILES.atom]: 'application/atom+xml; charset=utf-8',
  [FEED_FILES.json]: 'application/feed+json; charset=utf-8',
};

export function contentTypeFor(key: string): string {
  const name = keyFileName(key);
  const byName = BY_NAME[name];
  if (byName) return byName;
  const dot = name.lastIndexOf('.');
  return (dot >= 0 && BY_EXTENSION[name.slice(dot)]) || 'application/octet-stream';
}

/** What a browser gets for a feed: generic XML, the only XML type Chromium renders and styles with feed.xsl. */
export const BROWSER_FEED_CONTENT_TYPE = 'application/xml; charset=utf-8';

/**
 * The Content-Type to answer a request with. Feed readers get the feed's own media type; a browser (an
 * Accept header that asks for text/html) opening rss.xml or atom.xml gets application/xml, since Chromium shows
 * application/rss+xml and application/atom+xml as plain text and would never apply feed.xsl. The site's
 * CloudFront function (serverless.yml) does the same negotiation in front of S3.
 */
export function negotiatedContentType(key: string, accept: string | undefined): string {
  const stored = contentTypeFor(key);
  const isXmlFeed = stored.startsWith('application/rss+xml') || stored.startsWith('application/atom+xml');
  return isXmlFeed && accept !== undefined && /(^|,)\s*text\/html\b/i.test(accept) ? BROWSER_FEED_CONTENT_TYPE : stored;
}
