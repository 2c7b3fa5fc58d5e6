import { entry, entryText } from './content.js';

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

/** site.yml's text with the site moved to another host. */
export const movedHost = (text: string) => text.replace('url: https://watch.example.org/', 'url: https://news.example.net/watch/');
