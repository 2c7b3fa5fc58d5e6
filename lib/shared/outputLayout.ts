// The published output's folders, and the file names more than one module writes or reads, each named once.

/** Broadsheet's own state beside the published files (manifest, entry index, send ledger); never served. */
export const STATE_DIR = '_broadsheet/';

/** Each tag's feeds and page, under `tags/<slug>/`. */
export const TAGS_DIR = 'tags/';

/** The digest archive: each week's `.html` and `.txt`, the archive's page and its feeds. */
export const DIGESTS_DIR = 'digests/';

/** The feed files of the site, of each tag and of the digest archive, by format. */
export const FEED_FILES = { rss: 'rss.xml', atom: 'atom.xml', json: 'feed.json' } as const;

/** The stylesheet browsers use to show a feed as a readable page. */
export const XSL_KEY = 'feed.xsl';

/** A folder's page. */
export const INDEX_PAGE = 'index.html';

/** The folder of a tag's feeds and page. */
export function tagDir(slug: string): string {
  return `${TAGS_DIR}${slug}/`;
}
