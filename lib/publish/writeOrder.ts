import { OPML_KEY, TAG_OPML_KEY } from '../pages/pageArtifacts.js';
import { DIGESTS_DIR, FEED_FILES, INDEX_PAGE, MONTHS_DIR, TAGS_DIR } from '../shared/outputLayout.js';

const FEED_NAMES = new Set<string>(Object.values(FEED_FILES));

/**
 * How far up the paths readers follow a file sits: a file links to ones of lower ranks (an entry page is in the
 * site's feeds, a tag's feed on its page, a month's page on the list of months), so writing lower ranks first means
 * a page never links to one still to come. The links back up (to the home page, a feed's page) go the other way:
 * each names a file that is already there, but on a first publish.
 */
export function linkRank(key: string): number {
  const slash = key.lastIndexOf('/');
  const folder = key.slice(0, slash + 1);
  const name = key.slice(slash + 1);
  const depth = folder === '' ? 0 : folder.split('/').length - 1;
  if (key === INDEX_PAGE || key === OPML_KEY || key === TAG_OPML_KEY) return 5;
  if (key === `${DIGESTS_DIR}${INDEX_PAGE}` || key === `${MONTHS_DIR}${INDEX_PAGE}`) return 4;
  if (FEED_NAMES.has(name) && (folder === '' || folder === DIGESTS_DIR)) return 3;
  const tagOrMonth = depth === 2 && (folder.startsWith(TAGS_DIR) || folder.startsWith(MONTHS_DIR));
  if (tagOrMonth && name === INDEX_PAGE) return 2;
  if (tagOrMonth && FEED_NAMES.has(name)) return 1;
  // Entry pages, the digest's weeks, the feed archives, the icon and the stylesheet: they link only upwards.
  return 0;
}

/**
 * The files to write, in batches each written only once the one before is: the files the output lacks first (no
 * page links to one yet, and each may link to another), then those it holds, which readers already reach, so that
 * every link a rewritten file gains finds its file there. Each lot goes by rank (linkRank); a publish killed
 * between two batches leaves no file that readers reach linking to one not written.
 */
export function writeBatches(keys: readonly string[], present: (key: string) => boolean): string[][] {
  return [...batches(keys.filter((key) => !present(key))), ...batches(keys.filter(present))];
}

/** The files to delete, in batches: a file's referrers first (the highest ranks), then what they linked to. */
export function deletionBatches(keys: readonly string[]): string[][] {
  return batches(keys).reverse();
}

function batches(keys: readonly string[]): string[][] {
  const byRank: string[][] = [];
  for (const key of keys) (byRank[linkRank(key)] ??= []).push(key);
  return byRank.filter((batch) => batch !== undefined);
}
