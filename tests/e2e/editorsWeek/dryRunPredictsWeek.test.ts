import { mkdtemp, readFile, rename, rm, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli.js';
import { contentFolder, entry, entryText } from '../../support/content.js';
import { feedItemIds } from '../../support/feedItemIds.js';
import { saveByRename } from '../../support/saveByRename.js';
import { hashTree } from '../../support/tree.js';

// An editor's week with the real CLI, one publish a day: each dry run lists exactly the files the publish then writes
// and deletes, and the feed items its readers then find new, updated and removed, across a rename that keeps its id
// and moves the entry into another week, a rename without id: that dates the entry after --now, and a delete that
// takes a tag's last entry. Each rule alone has its own tests (tests/e2e/editors/readerImpact.test.ts, tests/unit/plan);
// this one pins that they add up, publish after publish, to what the dry run said.

// SITE (tests/support/content.ts): host watch.example.org, idDate 2014, zone Asia/Seoul; the default id is the path
// under entries/ without .md.
const idOf = (path: string) => `tag:watch.example.org,2014:${path}`;
const item = (path: string, title: string) => ({ id: idOf(path), title });

const A = { title: 'Rail link opens', url: 'https://news.example.com/a', date: '2014-05-08', tags: ['Trade'] };
const B = { title: 'Exports rise', url: 'https://news.example.com/b', date: '2014-05-12', tags: ['Trade', 'Rail'] };
const C = { title: 'Freight stalls', url: 'https://news.example.com/c', date: '2014-05-13', tags: ['Rail'] };
const D = { title: 'Sidings relaid', url: 'https://news.example.com/d', date: '2014-05-15', tags: ['Rail'] };
const K = { title: 'Kaesong wages', url: 'https://news.example.com/k', date: '2014-05-14', tags: ['Trade', 'Kaesong'] };

// Tuesday of 2014-W21, the next day, and the Friday of 2014-W22 (in Seoul).
const TUESDAY = '2014-05-20T12:00:00+09:00';
const WEDNESDAY = '2014-05-21T12:00:00+09:00';
const FRIDAY = '2014-05-30T12:00:00+09:00';

interface Impact {
  feed: string;
  new: { id: string; title: string }[];
  updated: { id: string; title: string }[];
  removed: { id: string; title: string }[];
  deleted?: true;
}
interface Summary {
  changes: { key: string; status: string }[];
  /** A dry run's only. */
  readers: Impact[];
  warnings: { file: string; field: string; message: string }[];
  heldBack: { file: string; until: string }[];
}

const temporary: string[] = [];
afterAll(() => Promise.all(temporary.map((dir) => rm(dir, { recursive: true, force: true }))));

/** The files a run writes or deletes, by status, sorted. */
const changed = (summary: Summary) =>
  summary.changes
    .filter((change) => change.status !== 'unchanged')
    .map((change) => `${change.status} ${change.key}`)
    .sort();

/** Each feed's impact with its item lists sorted by id, the feeds by directory. */
const byFeed = (readers: Impact[]) =>
  readers
    .map((impact) => ({ ...impact, new: [...impact.new].sort(byId), updated: [...impact.updated].sort(byId), removed: [...impact.removed].sort(byId) }))
    .sort((a, b) => (a.feed < b.feed ? -1 : 1));
const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : 1);

describe("an editor's week: each dry run predicts the publish that follows", () => {
  it('lists the files and the feed items a rename with id:, a re-date, a rename re-dated past now and a delete change, as the publish then changes them', async () => {
    const content = await contentFolder({ entries: { '2014/a.md': entryText(entry(A)), '2014/b.md': entryText(entry(B)), '2014/c.md': entryText(entry(C)), '2014/d.md': entryText(entry(D)), '2014/k.md': entryText(entry(K)) } });
    const out = join(await mkdtemp(join(tmpdir(), 'broadsheet-week-')), 'public');
    temporary.push(content, join(out, '..'));
    const publish = async (now: string, ...flags: string[]) => {
      const run = await runCli(['publish', '--content', content, '--out', out, '--now', now, '--json', ...flags]);
      expect(run.code, run.stderr).toBe(0);
      return JSON.parse(run.stdout) as Summary;
    };
    await publish(TUESDAY);
    expect(await feedItemIds(out)).toEqual(['2014/d', '2014/k', '2014/c', '2014/b', '2014/a'].map(idOf));

    // Wednesday. b moves to b-moved.md keeping its id, re-dated into 2014-W21 (after d: first in the feeds now);
    // c moves to c-later.md without id: and is dated after now (held back: out of every feed until May 30);
    // k, the one entry tagged Kaesong, is deleted.
    const entries = join(content, 'entries', '2014');
    await rename(join(entries, 'b.md'), join(entries, 'b-moved.md'));
    await saveByRename(join(entries, 'b-moved.md'), entryText(entry({ ...B, id: '2014/b', date: '2014-05-19' })));
    await unlink(join(entries, 'c.md'));
    await saveByRename(join(entries, 'c-later.md'), entryText(entry({ ...C, date: '2014-05-30' })));
    await unlink(join(entries, 'k.md'));

    const before = await hashTree(out);
    const dry = await publish(WEDNESDAY, '--dry-run');
    expect(await hashTree(out)).toEqual(before);
    expect(dry.heldBack).toEqual([{ file: 'entries/2014/c-later.md', until: '2014-05-30T00:00:00+09:00' }]);
    // c taken down is said, naming the file it was published from (lib/plan/withdrawnUntilDate.ts), beside its new id.
    expect(dry.warnings.map((warning) => `${warning.file} ${warning.field}: ${warning.message.split(':')[0]}`).sort()).toEqual([
      'entries/2014/c-later.md date: was published from entries/2014/c.md, and is now held back until 2014-05-30T00',
      'entries/2014/c-later.md id: its url was published from entries/2014/c.md with the id "2014/c"; when its date comes (2014-05-30T00',
      'site.yml tagSlugs: the feeds of tags/kaesong/ are deleted',
    ]);
    // b's date changed: updated where it is; c and k gone; the Kaesong feed deleted, its readers keeping k; the
    // 2014-W20 digest (May 12-18) loses b, c and k and keeps d. 2014-W21 has not ended: no digest yet.
    expect(byFeed(dry.readers)).toEqual([
      { feed: '', new: [], updated: [item('2014/b', 'Exports rise')], removed: [item('2014/c', 'Freight stalls'), item('2014/k', 'Kaesong wages')] },
      { feed: 'digests/', new: [], updated: [{ id: idOf('digests/2014-W20'), title: 'Weekly digest: May 12–18, 2014' }], removed: [] },
      { feed: 'tags/kaesong/', new: [], updated: [], removed: [item('2014/k', 'Kaesong wages')], deleted: true },
      { feed: 'tags/rail/', new: [], updated: [item('2014/b', 'Exports rise')], removed: [item('2014/c', 'Freight stalls')] },
      { feed: 'tags/trade/', new: [], updated: [item('2014/b', 'Exports rise')], removed: [item('2014/k', 'Kaesong wages')] },
    ]);
    const pages = changed(dry).filter((line) => line.includes(' entries/') || line.includes(' tags/kaesong/'));
    expect(pages).toEqual([
      'changed entries/2014/b/index.html',
      'deleted entries/2014/c/index.html',
      'deleted entries/2014/k/index.html',
      'deleted tags/kaesong/atom.xml',
      'deleted tags/kaesong/feed.json',
      'deleted tags/kaesong/index.html',
      'deleted tags/kaesong/rss.xml',
    ]);

    const wednesday = await publish(WEDNESDAY);
    expect(changed(wednesday)).toEqual(changed(dry));
    // What the readers find: b updated (its new date, May 19 in Seoul), c and k gone, in the order of their dates.
    expect(await feedItemIds(out)).toEqual([idOf('2014/b'), idOf('2014/d'), idOf('2014/a')]);
    const feed = JSON.parse(await readFile(join(out, 'feed.json'), 'utf8')) as { items: { id: string; date_published: string }[] };
    expect(feed.items[0]!.date_published).toBe('2014-05-18T15:00:00.000Z');
    expect(await feedItemIds(out, 'tags/rail')).toEqual([idOf('2014/b'), idOf('2014/d')]);
    await expect(readFile(join(out, 'tags', 'kaesong', 'feed.json'))).rejects.toThrow(/ENOENT/);

    // Friday: c's date has come. Under its new id the publish is refused, as Wednesday's warning said; with the id:
    // line that warning gave, c returns under its old id, which its readers have. 2014-W21 has ended: its digest
    // (b) is new.
    const refused = await runCli(['publish', '--content', content, '--out', out, '--now', FRIDAY, '--dry-run']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('entries/2014/c-later.md: id: its url was published from entries/2014/c.md with the id "2014/c"');
    // It comes back with a tag it never had, Port, too.
    await saveByRename(join(entries, 'c-later.md'), entryText(entry({ ...C, id: '2014/c', date: '2014-05-30', tags: ['Rail', 'Port'] })));
    const dryFriday = await publish(FRIDAY, '--dry-run');
    // c is back in the feeds it left, under the id their readers keep: returned, not new; the Port feed's readers
    // never had it: new to them.
    expect(byFeed(dryFriday.readers)).toEqual([
      { feed: '', new: [], returned: [item('2014/c', 'Freight stalls')], updated: [], removed: [] },
      { feed: 'digests/', new: [{ id: idOf('digests/2014-W21'), title: 'Weekly digest: May 19–25, 2014' }], updated: [], removed: [] },
      { feed: 'tags/port/', new: [item('2014/c', 'Freight stalls')], updated: [], removed: [] },
      { feed: 'tags/rail/', new: [], returned: [item('2014/c', 'Freight stalls')], updated: [], removed: [] },
    ]);
    const report = await runCli(['publish', '--content', content, '--out', out, '--now', FRIDAY, '--dry-run', '--quiet']);
    // Each feed's line, with the item line under it.
    const lines = report.stdout.split('\n');
    const under = (header: string) => lines.slice(lines.indexOf(header), lines.indexOf(header) + 2);
    expect(under('readers of the site feed: 0 new, 1 returned, 0 updated, 0 removed')).toEqual(['readers of the site feed: 0 new, 1 returned, 0 updated, 0 removed', `  returned ${idOf('2014/c')}  Freight stalls`]);
    expect(under('readers of the feed in tags/rail/: 0 new, 1 returned, 0 updated, 0 removed')).toEqual(['readers of the feed in tags/rail/: 0 new, 1 returned, 0 updated, 0 removed', `  returned ${idOf('2014/c')}  Freight stalls`]);
    expect(under('readers of the feed in tags/port/: 1 new, 0 updated, 0 removed')).toEqual(['readers of the feed in tags/port/: 1 new, 0 updated, 0 removed', `  new      ${idOf('2014/c')}  Freight stalls`]);
    const friday = await publish(FRIDAY);
    expect(changed(friday)).toEqual(changed(dryFriday));
    expect(await feedItemIds(out)).toEqual([idOf('2014/c'), idOf('2014/b'), idOf('2014/d'), idOf('2014/a')]);
    expect(changed(friday)).toContain('new entries/2014/c/index.html');
  });
});
