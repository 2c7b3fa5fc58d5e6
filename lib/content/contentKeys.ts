/** Where the content store keeps the site's settings. */
export const SITE_FILE = 'site.yml';
/** Where the content store keeps the entries (Markdown files, in any folders below). */
export const ENTRIES_PREFIX = 'entries/';
