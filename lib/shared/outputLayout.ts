import { createHash } from 'node:crypto';
import { slugify } from './slug.js';

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

/** Each published entry's page, under `entries/<id path>/`. */
export const ENTRIES_DIR = 'entries/';

/** An id that is already a safe path: `/`-separated lowercase `[a-z0-9-]` words (a default id such as `2014/rason-port`). */
const PLAIN_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*(?:\/[a-z0-9]+(?:-[a-z0-9]+)*)*$/;

/**
 * The folder of an entry's page, a function of its id alone, so the page's address lasts as long as the id. A plain
 * id (the default, the file's path) is its own path; any other (`tag:`, `urn:`, capitals, other scripts) is slugged a
 * segment at a time and its last segment ends in a hash of the whole id, so ids that slug alike keep apart. Never a
 * raw path from the text: every segment is `[a-z0-9-]`.
 */
export function entryPageDir(id: string): string {
  if (PLAIN_ID.test(id) && id.length <= 200) return `${ENTRIES_DIR}${id}/`;
  const segments = id.split('/').filter((segment) => segment.trim() !== '').slice(0, 8).map(slugify);
  const hash = createHash('sha256').update(id).digest('hex').slice(0, 10);
  const last = segments.pop();
  return `${ENTRIES_DIR}${[...segments, last ? `${last}-${hash}` : `id-${hash}`].join('/')}/`;
}

/** The site feed's RFC 5005 archive documents, one folder per closed month. */
export const ARCHIVES_DIR = 'archives/';

/** The folder of a month's archive documents (`archives/2014-05/`), in the three feed formats. */
export function archiveDir(period: string): string {
  return `${ARCHIVES_DIR}${period}/`;
}

/** The icon publish generates (the site's initials) when site.yml gives none. */
export const ICON_KEY = 'icon.png';

/** The site's icon and logo URLs: site.yml's, or the generated icon's. */
export function siteImages(site: { url: string; icon?: string; logo?: string }): { icon: string; logo?: string } {
  const images: { icon: string; logo?: string } = { icon: site.icon ?? new URL(ICON_KEY, site.url).href };
  if (site.logo) images.logo = site.logo;
  return images;
}
