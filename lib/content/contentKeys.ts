/** Where the content store keeps the site's settings. */
export const SITE_FILE = 'site.yml';
/** Where the content store keeps the entries (Markdown files, in any folders below). */
export const ENTRIES_PREFIX = 'entries/';
/**
 * What a file under entries/ is named when a zip made on Windows stored its path with backslashes (APPNOTE.TXT 4.4.17
 * asks for `/`) and an unzip elsewhere wrote the path as one name in the folder it extracted to: `entries\2014\a.md`.
 */
export const FLATTENED_ENTRIES_PREFIX = 'entries\\';
