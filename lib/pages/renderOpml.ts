import { escapeHtml } from '../shared/xmlText.js';

export interface OpmlFeed {
  /** The outline's text: what a reader shows as the subscription's name. */
  text: string;
  description: string;
  /** The feed's public URL (RSS 2.0). */
  xmlUrl: string;
  /** The page the feed is about. */
  htmlUrl: string;
  language: string;
}

export interface OpmlDocument {
  title: string;
  ownerName?: string;
  ownerEmail?: string;
  feeds: OpmlFeed[];
}

const a = escapeHtml;

/**
 * OPML 2.0 subscription list (http://opml.org/spec2.opml §"Subscription lists"): one `type="rss"` outline per
 * feed with `text` and `xmlUrl` (required) and `htmlUrl`, `title`, `description`, `language`, `version`.
 * No dateCreated/dateModified (both optional), so the file is byte-identical from run to run.
 */
export function renderOpml(doc: OpmlDocument): string {
  const head = [`<title>${a(doc.title)}</title>`];
  if (doc.ownerName) head.push(`<ownerName>${a(doc.ownerName)}</ownerName>`);
  if (doc.ownerEmail) head.push(`<ownerEmail>${a(doc.ownerEmail)}</ownerEmail>`);
  head.push('<docs>http://opml.org/spec2.opml</docs>');
  const outlines = doc.feeds.map(
    (feed) =>
      `    <outline type="rss" version="RSS2" text="${a(feed.text)}" title="${a(feed.text)}" description="${a(feed.description)}" ` +
      `xmlUrl="${a(feed.xmlUrl)}" htmlUrl="${a(feed.htmlUrl)}" language="${a(feed.language)}"/>`,
  );
  return `<?xml version="1.0" encoding="utf-8"?>
<opml version="2.0">
  <head>
    ${head.join('\n    ')}
  </head>
  <body>
${outlines.join('\n')}
  </body>
</opml>
`;
}
