// The published output's folders, and the file names more than one module writes or reads, each named once.

/** Broadsheet's own state beside the published files (manifest, entry index, send ledger); never served. */
export const STATE_DIR = '_broadsheet/';

/** Each tag's feeds and page, under `tags/<slug>/`. */
export const TAGS_DIR = 'tags/';

/** The digest archive: each week's `.html` and `.txt`, the archive's page and its feeds. */
export const DIGESTS_DIR = 'digests/';

/** A week's archived digest (`YYYY-Www`): its page and its text version. */
export function digestKeys(weekName: string): { html: string; text: string } {
  return { html: `${DIGESTS_DIR}${weekName}.html`, text: `${DIGESTS_DIR}${weekName}.txt` };
}

/** The feed files of the site, of each tag and of the digest archive, by format. */
export const FEED_FILES = { rss: 'rss.xml', atom: 'atom.xml', json: 'feed.json' } as const;

/** The stylesheet browsers use to show a feed as a readable page. */
export const XSL_KEY = 'feed.xsl';

/** The CSS stylesheet beside it, for a browser without XSLT (lib/feeds/cssInstruction.ts). */
export const CSS_KEY = 'feed.css';

/** A folder's page. */
export const INDEX_PAGE = 'index.html';

/** The page a reader gets at an address the site has no file for (the CDN's error page, and `preview`'s). */
export const NOT_FOUND_PAGE = '404.html';

/** The published tags with their names, for the subscription pages (a subscriber chooses among them). */
export const TAG_LIST_KEY = `${TAGS_DIR}tags.json`;

/** The folder of a tag's feeds and page. */
export function tagDir(slug: string): string {
  return `${TAGS_DIR}${slug}/`;
}

/** Each published entry's page, under `entries/<id path>/`. */
export const ENTRIES_DIR = 'entries/';

/** The site feed's RFC 5005 archive documents, one folder per closed month. */
export const ARCHIVES_DIR = 'archives/';

/** The folder of a month's archive documents (`archives/2014-05/`), in the three feed formats. */
export function archiveDir(period: string): string {
  return `${ARCHIVES_DIR}${period}/`;
}

/** The pages that list every published entry, one folder per month with an entry, and their list of months. */
export const MONTHS_DIR = 'months/';

/** The folder of a month's page (`months/2014-05/`). */
export function monthDir(period: string): string {
  return `${MONTHS_DIR}${period}/`;
}

/** The icon publish generates (the site's initials) when site.yml gives none. */
export const ICON_KEY = 'icon.png';

/** The site's icon and logo URLs: site.yml's, or the generated icon's. */
export function siteImages(site: { url: string; icon?: string; logo?: string }): { icon: string; logo?: string } {
  const images: { icon: string; logo?: string } = { icon: site.icon ?? new URL(ICON_KEY, site.url).href };
  if (site.logo) images.logo = site.logo;
  return images;
}
