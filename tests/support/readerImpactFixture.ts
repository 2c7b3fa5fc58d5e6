import { join } from 'node:path';
import { dump } from 'js-yaml';
import { entry, entryText, SITE } from './content.js';
import { saveByRename } from './saveByRename.js';

// The entries and words tests/e2e/editors/readerImpact.test.ts (the real CLI) and tests/unit/cli/readerImpact.test.ts
// (the same commands in process) start from.

export const NOW = '2014-06-01T00:00:00Z';
// SITE in tests/support/content.ts: host watch.example.org, idDate 2014; the default id is the path under entries/.
export const idOf = (path: string) => `tag:watch.example.org,2014:${path}`;

export const A = entryText(entry({ title: 'Rail link opens', url: 'https://news.example.com/a', date: '2014-05-08', tags: ['Trade'] }));
export const B = entryText(entry({ title: 'Exports rise', url: 'https://news.example.com/b', date: '2014-05-10', tags: ['Trade', 'Rail'] }));
export const C = entryText(entry({ title: 'Freight stalls', url: 'https://news.example.com/c', date: '2014-05-12', tags: ['Rail'] }));
// An entry whose id: is its own, the one entry tagged Kaesong: one publish of A and it is shared by the tests of its
// withdrawal and of a copy that kept its id: line.
export const K = entryText(entry({ id: 'kaesong-wages', title: 'Kaesong wages', url: 'https://news.example.com/k', date: '2014-05-09', tags: ['Trade', 'Kaesong'] }));

/** What publish --dry-run --json says a feed's readers will see. */
export interface Impact {
  feed: string;
  new: { id: string; title: string }[];
  updated: { id: string; title: string }[];
  removed: { id: string; title: string }[];
}

/** The refusal of entries/2014/b.md renamed to b-renamed.md without an id: line. */
export const RENAME_REFUSAL =
  'entries/2014/b-renamed.md: id: its url was published from entries/2014/b.md with the id "2014/b"; under the id "2014/b-renamed" every reader would show it again as a new item (add `id: 2014/b` to its front matter, or publish with --allow-id-change to give it the new id, as a new entry about the same article needs)';

/** check --out's problem for the same rename: check takes --allow-id-change too, so its fix names both commands. */
export const CHECK_RENAME_REFUSAL =
  'entries/2014/b-renamed.md: id: its url was published from entries/2014/b.md with the id "2014/b"; under the id "2014/b-renamed" every reader would show it again as a new item (add `id: 2014/b` to its front matter, or publish (or check) with --allow-id-change to give it the new id, as a new entry about the same article needs)';

/** site.yml's text with the site moved to another host. */
export const movedHost = (text: string) => text.replace('url: https://watch.example.org/', 'url: https://news.example.net/watch/');

/** check's and publish's warning when K, the one entry tagged Kaesong, is withdrawn. */
export const KAESONG_DELETED =
  'warning: site.yml: tagSlugs: the feeds of tags/kaesong/ are deleted: no published entry has that tag now, and their readers will find no feed (if the tag was renamed, add tagSlugs: {"New name": kaesong} to keep its address for the new name)\n';

/**
 * The content of a publish of A, B and C moved from Asia/Seoul to UTC: A (May 8) and B (May 10), dates alone, read at
 * +09:00, then at +00:00: 9 h later. C (May 12) re-dated to July 1 in the same change: its dates are the edit's, and
 * it is held back.
 */
export async function moveZoneToUtc(content: string): Promise<void> {
  await saveByRename(join(content, 'site.yml'), dump({ ...SITE, timezone: 'UTC' }));
  await saveByRename(join(content, 'entries/2014/c.md'), entryText(entry({ title: 'Freight stalls', url: 'https://news.example.com/c', date: '2014-07-01', tags: ['Rail'] })));
}
/** moveZoneToUtc's warning of the dates it moves. */
export const ZONE_MOVED =
  "warning: site.yml: timezone: moves the dates of 2 published entries written without an offset, which are read in the site's time zone: entries/2014/a.md date from 2014-05-08T00:00:00+09:00 to 2014-05-08T00:00:00Z (9 h later), and 1 more; the feeds would give them new dates, which readers show as updates or in another order (give each date and updated without an offset the one it had (date: 2014-05-08T00:00:00+09:00 in entries/2014/a.md) to keep them, or keep the old timezone)\n";
/** moveZoneToUtc's warning of C held back. May 12 at +09:00 is May 11, 15:00 UTC. */
export const C_HELD_BACK =
  'warning: entries/2014/c.md: date: was published, and is now held back until 2014-07-01T00:00:00Z: its page and its items in the feeds are removed until then, and when it returns readers do not show it as new (if this is a correction, keep its date (2014-05-11T15:00:00Z) and set updated: to when it is made; if it must come down until then, leave it)\n';

/**
 * check --out's problem with --now 2014-05-11T00:00:00Z after a publish of A, B and C as of NOW, a Sunday: that publish
 * archived every week to 2014-W21, which ended as 2014-W22 began (Monday 2014-05-26 00:00 in Seoul).
 */
export const earlierNowProblem = (out: string) =>
  `${out}/: --now: 2014-05-11T00:00:00Z is before 2014-05-25T15:00:00Z, when an entry, a correction or a digest week the last publish put on the site came due: a publish as of it would take it down again (run as of that moment or later (or without --now), or pass --allow-earlier-now to turn the site back)\n`;
