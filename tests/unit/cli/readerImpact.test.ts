import { cp, readFile, rename, rm, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dump } from 'js-yaml';
import { contentFolder, entry, entryText, SITE } from '../../support/content.js';
import { feedItemIds } from '../../support/feedItemIds.js';
import { once } from '../../support/once.js';
import { publishedSites } from '../../support/publishedSites.js';
import { A, B, C, C_HELD_BACK, earlierNowProblem, idOf, type Impact, K, KAESONG_DELETED, movedHost, moveZoneToUtc, NOW, CHECK_RENAME_REFUSAL, RENAME_REFUSAL, ZONE_MOVED } from '../../support/readerImpactFixture.js';
import { runMain } from '../../support/runMain.js';
import { DiesAfterWriting } from '../../support/faultyStore.js';
import { ContentFolder } from '../../../cli/contentFolder.js';
import { publish } from '../../../lib/publish/publish.js';
import { MANIFEST_KEY } from '../../../lib/publish/manifest.js';
import { LocalStore } from '../../../lib/store/localStore.js';
import { DateTime } from 'luxon';
import { saveByRename } from '../../support/saveByRename.js';
import { hashTree } from '../../support/tree.js';

// The commands as an editor runs them, in process (cli/main.ts): what a publish would show each feed's readers, and
// the refusal of a changed id. tests/e2e/editors/readerImpact.test.ts runs one case of each rule through the real CLI.

const sites = publishedSites((args) => runMain(args), NOW);
const { publishedSite, tempDir } = sites;
afterAll(() => sites.removeAll());

describe('publish --dry-run: what readers will see', () => {
  it('says so when no feed item would change', async () => {
    const { content, out } = await publishedSite({ '2014/a.md': A, '2014/b.md': B });
    const run = await runMain(['publish', '--content', content, '--out', out, '--now', NOW, '--dry-run']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('readers: no feed item is new, updated or removed');
  });

  it('says a tag feed whose last entry is withdrawn is deleted in --json; check --out warns of it first, as the publish does', async () => {
    const { content, out } = await publishedSite({ '2014/a.md': A, '2014/kaesong.md': K });
    await unlink(join(content, 'entries', '2014', 'kaesong.md'));
    // check, the step before a publish, gives the publish's warning (from the output's tags/tags.json).
    const checked = await runMain(['check', '--content', content, '--out', out, '--now', NOW, '--quiet']);
    expect(checked.stderr).toBe(KAESONG_DELETED);
    expect(checked.code).toBe(0);
    const json = JSON.parse((await runMain(['publish', '--content', content, '--out', out, '--now', NOW, '--dry-run', '--json'])).stdout) as { readers: (Impact & { deleted?: boolean })[] };
    expect(json.readers.find((impact) => impact.feed === 'tags/kaesong/')).toEqual({ feed: 'tags/kaesong/', new: [], updated: [], removed: [{ id: idOf('kaesong-wages'), title: 'Kaesong wages' }], deleted: true });
    expect(json.readers.find((impact) => impact.feed === 'tags/trade/')?.deleted).toBeUndefined();
  });

  it('compares with the feed the output holds, not the manifest: a damaged manifest shows no item new', async () => {
    const { content, out } = await publishedSite({ '2014/a.md': A, '2014/b.md': B });
    await saveByRename(join(out, '_broadsheet', 'manifest.json'), '{ damaged');
    const run = await runMain(['publish', '--content', content, '--out', out, '--now', NOW, '--dry-run']);
    expect(run.code, run.stderr).toBe(0);
    // Every file is written again, with the bytes the readers have: no item is new to them.
    expect(run.stdout).toMatch(/^new\s+.*\s+feed\.json$/m);
    expect(run.stdout).toContain('readers: no feed item is new, updated or removed');
  });

  it('says a feed.json someone deleted is not compared, rather than every item new', async () => {
    const { content, out } = await publishedSite({ '2014/a.md': A, '2014/b.md': B });
    await unlink(join(out, 'feed.json'));
    const run = await runMain(['publish', '--content', content, '--out', out, '--now', NOW, '--dry-run']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('readers of the site feed: not compared: the feed.json the last publish wrote is gone from the output (deleted by someone else), so what their readers have is not known\n');
    expect(run.stdout).not.toContain('  new ');
    const json = JSON.parse((await runMain(['publish', '--content', content, '--out', out, '--now', NOW, '--dry-run', '--json'])).stdout) as { readers: Impact[] };
    expect(json.readers).toEqual([{ feed: '', new: [], updated: [], removed: [], unknown: true }]);
  });

  it('after a publish killed before writing a new tag feed, shows its items new: its intent names a file never there, not one deleted', async () => {
    const { content, out } = await publishedSite({ '2014/a.md': A, '2014/b.md': B });
    await saveByRename(join(content, 'entries', '2014', 'e.md'), entryText(entry({ title: 'Power cuts', url: 'https://news.example.com/e', date: '2014-05-13', tags: ['Energy'] })));
    // Killed right after its intent: every file it meant to write is recorded unwritten, none is written.
    const killed = new DiesAfterWriting(new LocalStore(out), MANIFEST_KEY);
    await expect(publish({ content: new ContentFolder(content), output: killed, now: DateTime.fromISO(NOW) })).rejects.toThrow();
    const json = JSON.parse((await runMain(['publish', '--content', content, '--out', out, '--now', NOW, '--dry-run', '--json'])).stdout) as { readers: Impact[] };
    const added = [{ id: idOf('2014/e'), title: 'Power cuts' }];
    expect(json.readers.find((impact) => impact.feed === 'tags/energy/')).toEqual({ feed: 'tags/energy/', new: added, updated: [], removed: [] });
    expect(json.readers.find((impact) => impact.feed === '')).toEqual({ feed: '', new: added, updated: [], removed: [] });
  });

  it('--json gives the warnings the lines give on stderr, as check --json does: a script reads stdout alone', async () => {
    const { content, out } = await publishedSite({ '2014/a.md': A, '2014/kaesong.md': K });
    await unlink(join(content, 'entries', '2014', 'kaesong.md'));
    for (const extra of [['--dry-run'], []]) {
      const run = await runMain(['publish', '--content', content, '--out', out, '--now', NOW, '--json', ...extra]);
      expect(run.code, run.stderr).toBe(0);
      expect(run.stderr).toBe(KAESONG_DELETED);
      const { warnings } = JSON.parse(run.stdout) as { warnings: { file: string; field: string; message: string }[] };
      // The one warning on stderr, as an object of the same file, field and words.
      expect(warnings.map((warning) => `warning: ${warning.file}: ${warning.field}: ${warning.message}`)).toEqual([KAESONG_DELETED.slice(0, KAESONG_DELETED.indexOf(' (if the tag'))]);
    }
  });
});

describe('publish --dry-run and check --out: a tagSlugs line removed', () => {
  it('say the tag moves from the address the last publish gave it, and that putting the line back keeps it', async () => {
    const content = await contentFolder({ site: { ...SITE, tagSlugs: { Trade: 'commerce' } }, entries: { '2014/a.md': A, '2014/b.md': B } });
    sites.removeLater(content);
    const out = await tempDir();
    expect((await runMain(['publish', '--content', content, '--out', out, '--now', NOW])).code).toBe(0);
    await saveByRename(join(content, 'site.yml'), dump(SITE));
    const warned = 'warning: site.yml: tagSlugs: the tag "Trade", no longer given commerce by tagSlugs, moves from tags/commerce/ to tags/trade/: the feeds of tags/commerce/ are deleted, and their readers get nothing more from them (put "Trade": commerce back in tagSlugs to keep the tag at tags/commerce/, or tell its readers the new address)\n';
    const checked = await runMain(['check', '--content', content, '--out', out, '--now', NOW, '--quiet']);
    expect(checked.stderr).toBe(warned);
    const dryRun = await runMain(['publish', '--content', content, '--out', out, '--now', NOW, '--dry-run', '--quiet']);
    expect(dryRun.stderr).toBe(warned);
  });
});

describe('check --out, publish --dry-run and publish: more entries added at once than feed.limit holds, and a correction to an archived entry', () => {
  it('name the entries added that no live feed carries, only an archive document, and the limit that would; and the correction no feed carries', async () => {
    // feed.limit 1, zone Asia/Seoul: A (May 8) published; X (May 20) and Y (June 1) added, all tagged Trade. The site
    // feed holds Y and the rest of June, the Trade feed Y: X is in archives/2014-05/ alone. With a limit of 2, Y and X.
    const content = await contentFolder({ site: { ...SITE, feed: { limit: 1 } }, entries: { '2014/a.md': A } });
    sites.removeLater(content);
    const out = await tempDir();
    expect((await runMain(['publish', '--content', content, '--out', out, '--now', NOW])).code).toBe(0);
    await saveByRename(join(content, 'entries/2014/x.md'), entryText(entry({ title: 'X', url: 'https://news.example.com/x', date: '2014-05-20', tags: ['Trade'] })));
    await saveByRename(join(content, 'entries/2014/y.md'), entryText(entry({ title: 'Y', url: 'https://news.example.com/y', date: '2014-06-01', tags: ['Trade'] })));
    // A corrected in the same change: it is in archives/2014-05/ too, older than Y in the site feed and in Trade's.
    await saveByRename(join(content, 'entries/2014/a.md'), entryText(entry({ title: 'Rail link opens', url: 'https://news.example.com/a', date: '2014-05-08', updated: '2014-05-31T10:00:00', tags: ['Trade'] })));
    const warned =
      'warning: site.yml: feed.limit: 1 entry added in this publish goes into no live feed, site or tag, only into archives/2014-05/, since more entries are added at once than feed.limit (1) holds: no feed reader shows it (readers do not follow RFC 5005 prev-archive links): entries/2014/x.md (raise feed.limit to 2 for this publish, or publish the new entries in steps of at most 1, letting readers fetch the feeds between steps)\n' +
      "warning: entries/2014/a.md: updated: the correction (2014-05-31T10:00:00+09:00) reaches no feed reader: the entry is in no live feed, site or tag, only in archives/2014-05/, which readers do not fetch (they do not follow RFC 5005 prev-archive links); its page shows the correction (to tell the feeds' readers, publish a new entry that links to the corrected one)\n";
    const checked = await runMain(['check', '--content', content, '--out', out, '--now', NOW, '--quiet']);
    expect(checked.stderr).toBe(warned);
    for (const extra of [['--dry-run'], []]) {
      const run = await runMain(['publish', '--content', content, '--out', out, '--now', NOW, '--quiet', ...extra]);
      expect(run.code).toBe(0);
      expect(run.stderr).toBe(warned);
    }
  });
});

describe('check --out and publish --dry-run: a timezone change', () => {
  it('say it moves the published dates written without an offset, with the date that keeps the first, and that an entry re-dated then is held back, also for a copy of the content folder', async () => {
    const { content, out } = await publishedSite({ '2014/a.md': A, '2014/b.md': B, '2014/c.md': C });
    await moveZoneToUtc(content);
    expect((await runMain(['check', '--content', content, '--out', out, '--now', NOW, '--quiet'])).stderr).toBe(ZONE_MOVED + C_HELD_BACK);
    expect((await runMain(['publish', '--content', content, '--out', out, '--now', NOW, '--dry-run', '--quiet'])).stderr).toBe(C_HELD_BACK + ZONE_MOVED);
    // A copy of the content folder (a fresh clone, a restored backup): every file has another version, and is read anew.
    const copy = await tempDir();
    await cp(content, copy, { recursive: true });
    expect((await runMain(['check', '--content', copy, '--out', out, '--now', NOW, '--quiet'])).stderr).toBe(ZONE_MOVED + C_HELD_BACK);
  });
});

describe('publish refuses to change the id of an entry already published', () => {
  it('refuses a file renamed while drafted, in one publish and returned in a later one: check --out, the dry run and publish alike', async () => {
    const { content, out } = await publishedSite({ '2014/a.md': A, '2014/b.md': B });
    await saveByRename(join(content, 'entries/2014/b.md'), B.replace('date: ', 'draft: true\ndate: '));
    expect((await runMain(['publish', '--content', content, '--out', out, '--now', NOW, '--quiet'])).code).toBe(0);
    await unlink(join(content, 'entries/2014/b.md'));
    await saveByRename(join(content, 'entries/2014/b-renamed.md'), B);
    const before = await hashTree(out);
    // check --out's exit status foretells publish's: a problem, and with --allow-id-change, as publish's, a warning.
    const check = await runMain(['check', '--content', content, '--out', out]);
    expect(check.code).toBe(1);
    expect(check.stderr.split('\n')).toContain(CHECK_RENAME_REFUSAL);
    const allowed = await runMain(['check', '--content', content, '--out', out, '--allow-id-change']);
    expect(allowed.code, allowed.stderr).toBe(0);
    expect(allowed.stderr.split('\n')).toContain(`warning: ${RENAME_REFUSAL}`);
    for (const extra of [['--dry-run'], []]) {
      const run = await runMain(['publish', '--content', content, '--out', out, '--now', NOW, ...extra]);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(RENAME_REFUSAL);
    }
    expect(await hashTree(out)).toEqual(before);
    // The exit status the help promises a script for it, which it gave as invalid content's alone.
    expect((await runMain(['publish', '--help'])).stdout).toMatch(/\b1 invalid content or a published id refused\b/);
  });

  it('refuses a file renamed in the publish that held it back by a later date when that date comes, nothing else changed: check --out, the dry run and publish alike', async () => {
    const { content, out } = await publishedSite({ '2014/a.md': A, '2014/b.md': B });
    await unlink(join(content, 'entries/2014/b.md'));
    await saveByRename(join(content, 'entries/2014/b-renamed.md'), entryText(entry({ title: 'Exports rise', url: 'https://news.example.com/b', date: '2014-07-01', tags: ['Trade', 'Rail'] })));
    expect((await runMain(['publish', '--content', content, '--out', out, '--now', NOW, '--quiet'])).code).toBe(0);
    const before = await hashTree(out);
    // 2014-07-01 in Asia/Seoul has come; the file is as the last publish read it.
    const later = '2014-07-02T00:00:00Z';
    const check = await runMain(['check', '--content', content, '--out', out, '--now', later]);
    expect(check.code).toBe(1);
    expect(check.stderr.split('\n')).toContain(CHECK_RENAME_REFUSAL);
    for (const extra of [['--dry-run'], []]) {
      const run = await runMain(['publish', '--content', content, '--out', out, '--now', later, ...extra]);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(RENAME_REFUSAL);
    }
    expect(await hashTree(out)).toEqual(before);
  });

  // A renamed file whose url lost its tracking parameters, and an id: line changed: one publish refuses both.
  const TRACKED = entryText(entry({ title: 'Exports rise', url: 'https://news.example.com/b?utm_source=feedburner&utm_medium=feed', date: '2014-05-10', tags: ['Trade'] }));
  const withId = (id: string) => entryText(entry({ id, title: 'Exports fall', url: 'https://news.example.com/e', date: '2014-05-10', tags: ['Trade'] }));
  const renamedAndRelined = once(async () => {
    const { content, out } = await publishedSite({ '2014/a.md': A, '2014/b.md': TRACKED, '2014/e.md': withId('exports-rise') });
    await rm(join(content, 'entries/2014/b.md'));
    await saveByRename(join(content, 'entries/2014/b-renamed.md'), TRACKED.replace('?utm_source=feedburner&utm_medium=feed', ''));
    await saveByRename(join(content, 'entries/2014/e.md'), withId('exports-rise-2'));
    const before = await hashTree(out);
    const run = await runMain(['publish', '--content', content, '--out', out, '--now', NOW]);
    return { run, before, after: await hashTree(out) };
  });

  it('refuses a renamed file whose url lost its tracking parameters in the same edit: the same article', async () => {
    const { run, before, after } = await renamedAndRelined();
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('entries/2014/b-renamed.md: id: its url was published from entries/2014/b.md with the id "2014/b"');
    expect(after).toEqual(before);
  });

  it('refuses an id: line changed, naming the line to change back, not one to add', async () => {
    const { run } = await renamedAndRelined();
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('entries/2014/e.md: id: this entry was published with the id "exports-rise"; under the id "exports-rise-2" every reader would show it again as a new item (change its id: line to `id: exports-rise`, or publish with --allow-id-change to give it the new id)');
  });

  it('check --out names the renamed file beside another entry’s problem: every problem at once', async () => {
    const { content, out } = await publishedSite({ '2014/a.md': A, '2014/b.md': B });
    await rename(join(content, 'entries/2014/b.md'), join(content, 'entries/2014/b-renamed.md'));
    await saveByRename(join(content, 'entries/2014/c.md'), entryText(entry({ title: 'Bad date', url: 'https://news.example.com/c', date: '2014-02-30' })));
    const check = await runMain(['check', '--content', content, '--out', out]);
    expect(check.code).toBe(1);
    expect(check.stderr).toMatch(/^entries\/2014\/c\.md:\d+: date: /m);
    expect(check.stderr.split('\n')).toContain(CHECK_RENAME_REFUSAL);
  });

  it('refuses a renamed file published with a changed site.yml, whose entry index holds no record to reuse', async () => {
    const { content, out } = await publishedSite({ '2014/a.md': A, '2014/b.md': B });
    await rename(join(content, 'entries/2014/b.md'), join(content, 'entries/2014/b-renamed.md'));
    const site = join(content, 'site.yml');
    await saveByRename(site, (await readFile(site, 'utf8')).replace(/^description: .*$/m, 'description: Curated news, described anew.'));
    const before = await hashTree(out);
    const run = await runMain(['publish', '--content', content, '--out', out, '--now', NOW]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(RENAME_REFUSAL);
    expect(await hashTree(out)).toEqual(before);
    expect((await runMain(['check', '--content', content, '--out', out])).stderr.split('\n')).toContain(CHECK_RENAME_REFUSAL);
  });

  it('publishes the renamed file once it keeps its id: no reader sees a new item', async () => {
    const { content, out } = await publishedSite({ '2014/a.md': A, '2014/b.md': B });
    const ids = { site: await feedItemIds(out), trade: await feedItemIds(out, 'tags/trade'), rail: await feedItemIds(out, 'tags/rail') };
    await rename(join(content, 'entries/2014/b.md'), join(content, 'entries/2014/b-renamed.md'));
    await saveByRename(join(content, 'entries/2014/b-renamed.md'), entryText(entry({ id: '2014/b', title: 'Exports rise', url: 'https://news.example.com/b', date: '2014-05-10', tags: ['Trade', 'Rail'] })));
    const dry = await runMain(['publish', '--content', content, '--out', out, '--now', NOW, '--dry-run', '--json']);
    expect(dry.code).toBe(0);
    for (const impact of (JSON.parse(dry.stdout) as { readers: Impact[] }).readers) expect(impact.new).toEqual([]);
    const run = await runMain(['publish', '--content', content, '--out', out, '--now', NOW]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect({ site: await feedItemIds(out), trade: await feedItemIds(out, 'tags/trade'), rail: await feedItemIds(out, 'tags/rail') }).toEqual(ids);
    expect(ids.site).toEqual([idOf('2014/b'), idOf('2014/a')]);
  });

  it('warns of a file renamed in the same edit that changed its url (the same date and source), and publishes', async () => {
    const { content, out } = await publishedSite({ '2014/a.md': A, '2014/b.md': B });
    await unlink(join(content, 'entries/2014/a.md'));
    await saveByRename(join(content, 'entries/2014/rail-link-opens.md'), entryText(entry({ title: 'Rail link opens', url: 'https://news.example.com/rail-link', date: '2014-05-08', tags: ['Trade'] })));
    const warning = 'warning: entries/2014/rail-link-opens.md: id: may be entries/2014/a.md renamed with its url changed (the same date and source, "Example News"): under the id "2014/rail-link-opens" every reader would show it again as a new item (if it is, add `id: 2014/a` to its front matter)';
    const check = await runMain(['check', '--content', content, '--out', out]);
    expect(check.code).toBe(0);
    expect(check.stderr).toContain(warning);
    const run = await runMain(['publish', '--content', content, '--out', out, '--now', NOW, '--quiet']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain(warning);
    expect(await feedItemIds(out)).toEqual([idOf('2014/b'), idOf('2014/rail-link-opens')]);
    // The rename is done: the next run, settled, does not say it again.
    const again = await runMain(['publish', '--content', content, '--out', out, '--now', NOW, '--quiet']);
    expect(again.stderr).toBe('');
  });

  it('publishes the new id with --allow-id-change', async () => {
    const { content, out } = await publishedSite({ '2014/a.md': A, '2014/b.md': B });
    await rename(join(content, 'entries/2014/b.md'), join(content, 'entries/2014/b-renamed.md'));
    const run = await runMain(['publish', '--content', content, '--out', out, '--now', NOW, '--allow-id-change']);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('warning: entries/2014/b-renamed.md: id: was "2014/b" (entries/2014/b.md), now "2014/b-renamed"');
    expect(await feedItemIds(out)).toEqual([idOf('2014/b-renamed'), idOf('2014/a')]);
    // Published under the new id: the next publish has nothing to refuse.
    expect((await runMain(['publish', '--content', content, '--out', out, '--now', NOW])).code).toBe(0);
  });
});

describe('a copy of a published entry that kept its id: line', () => {
  const COPY = entryText(entry({ id: 'kaesong-wages', title: 'Kaesong wages, a follow-up', url: 'https://news.example.com/k2', date: '2014-05-11', tags: ['Kaesong'] }));
  const problem = 'entries/2014/kaesong-followup.md: id: the id "kaesong-wages" is also used by entries/2014/kaesong.md, which had it in the last publish (give this entry an id: of its own, or remove the duplicate file)';

  it('is the one problem, and --skip-invalid leaves the published entry as readers know it', async () => {
    const { content, out } = await publishedSite({ '2014/a.md': A, '2014/kaesong.md': K });
    const ids = { site: await feedItemIds(out), kaesong: await feedItemIds(out, 'tags/kaesong') };
    await saveByRename(join(content, 'entries/2014/kaesong-followup.md'), COPY);

    const refused = await runMain(['publish', '--content', content, '--out', out, '--now', NOW]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(problem);
    expect(refused.stderr).not.toMatch(/^entries\/2014\/kaesong\.md: /m);
    // check --out reads the content as that publish does, through the output's entry index: the same one problem.
    const checked = await runMain(['check', '--content', content, '--out', out]);
    expect(checked.code).toBe(1);
    expect(checked.stderr.split('\n')[0]).toBe(problem);
    expect(checked.stderr).not.toMatch(/^entries\/2014\/kaesong\.md: /m);

    const dry = await runMain(['publish', '--content', content, '--out', out, '--now', NOW, '--skip-invalid', '--dry-run', '--json']);
    expect(dry.code).toBe(0);
    const report = JSON.parse(dry.stdout) as { readers: Impact[]; counts: { deleted: number } };
    for (const impact of report.readers) expect(impact.removed, impact.feed).toEqual([]);
    expect(report.counts.deleted).toBe(0);

    const run = await runMain(['publish', '--content', content, '--out', out, '--now', NOW, '--skip-invalid']);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(problem);
    expect({ site: await feedItemIds(out), kaesong: await feedItemIds(out, 'tags/kaesong') }).toEqual(ids);
    expect(ids.kaesong).toEqual([idOf('kaesong-wages')]);
  });
});

describe('publish refuses to change the id of every entry at once: the site moved to another host, or idDate changed', () => {
  it('publishes the moved site under the same ids with idHost:, its links on the new host', async () => {
    const { content, out } = await publishedSite({ '2014/a.md': A, '2014/b.md': B });
    const ids = await feedItemIds(out);
    const site = join(content, 'site.yml');
    await saveByRename(site, `${movedHost(await readFile(site, 'utf8'))}idHost: watch.example.org\n`);
    const run = await runMain(['publish', '--content', content, '--out', out, '--now', NOW]);
    expect(run.code, run.stderr).toBe(0);
    expect(await feedItemIds(out)).toEqual(ids);
    expect(JSON.parse(await readFile(join(out, 'feed.json'), 'utf8')).home_page_url).toBe('https://news.example.net/watch/');
  });

  it('refuses an idDate changed after publishing, and publishes the new ids with --allow-id-change', async () => {
    const { content, out } = await publishedSite({ '2014/a.md': A, '2014/b.md': B });
    const site = join(content, 'site.yml');
    await saveByRename(site, (await readFile(site, 'utf8')).replace(/^idDate: .*$/m, 'idDate: "2015"'));
    const refused = await runMain(['publish', '--content', content, '--out', out, '--now', NOW]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('site.yml: idDate: the published entries have ids tag:watch.example.org,2014:…, and this site.yml would give them tag:watch.example.org,2015:…, so every reader would show each entry again as new (write idDate: "2014" back, or publish with --allow-id-change to give every entry a new id)');
    const allowed = await runMain(['publish', '--content', content, '--out', out, '--now', NOW, '--allow-id-change']);
    expect(allowed.code, allowed.stderr).toBe(0);
    expect(await feedItemIds(out)).toEqual(['tag:watch.example.org,2015:2014/b', 'tag:watch.example.org,2015:2014/a']);
    expect((await runMain(['publish', '--content', content, '--out', out, '--now', NOW])).code).toBe(0);
  });
});

describe('publish and digest as of a moment before the one the last publish needs', () => {
  it('check --out says so, in the refusal\'s words and fix, also beside an invalid site.yml, and writes nothing', async () => {
    const { content, out } = await publishedSite({ '2014/a.md': A, '2014/b.md': B, '2014/c.md': C });
    const before = await hashTree(out);
    const checked = await runMain(['check', '--content', content, '--out', out, '--now', '2014-05-11T00:00:00Z']);
    // Exit 2, as publish's refusal of the earlier --now, which comes before the content is read: beside an invalid
    // site.yml too.
    expect(checked.code).toBe(2);
    // With site.yml read, the moment in the site's zone too (Monday 2014-05-26 00:00 in Seoul); without, as typed.
    expect(checked.stderr).toContain(earlierNowProblem(out).replace('2014-05-25T15:00:00Z,', "2014-05-25T15:00:00Z (2014-05-26T00:00:00+09:00 in the site's zone, Asia/Seoul),"));
    // With site.yml invalid too, the problem is reported beside site.yml's: it needs nothing of site.yml.
    await saveByRename(join(content, 'site.yml'), dump({ ...SITE, language: 'english' }));
    const broken = await runMain(['check', '--content', content, '--out', out, '--now', '2014-05-11T00:00:00Z']);
    expect(broken.code).toBe(2);
    expect((await runMain(['publish', '--content', content, '--out', out, '--now', '2014-05-11T00:00:00Z', '--dry-run'])).code).toBe(2);
    expect(broken.stderr).toMatch(/^site\.yml:4: language: "english"/m);
    expect(broken.stderr).toContain(earlierNowProblem(out));
    expect(await hashTree(out)).toEqual(before);
  });

  it('without --now (the clock), goes ahead after a publish as of a later moment, and warns', async () => {
    const { content, out } = await publishedSite({ '2014/a.md': A, '2014/b.md': B });
    // The digest week of 2100-01-04 began at 00:00 that Monday, in the site's zone (Asia/Seoul).
    expect((await runMain(['publish', '--content', content, '--out', out, '--now', '2100-01-05T00:00:00Z', '--quiet'])).code).toBe(0);
    // check --out warns first, in the words of publish --dry-run.
    const checked = await runMain(['check', '--content', content, '--out', out]);
    expect(checked.code, checked.stderr).toBe(0);
    // Without --now, the moment in the site's zone, as the CLI gives the site's moments; --json gives it in UTC.
    expect(checked.stderr).toMatch(/^warning: the last publish put on the site an entry, a correction or a digest week that came due 2100-01-04T00:00:00\+09:00, after this run's now: a publish would take down what came due since$/m);
    expect(checked.stdout).toMatch(/: no problems, 1 warning\n$/);
    const json = await runMain(['check', '--content', content, '--out', out, '--json']);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: true, turnedBackFrom: '2100-01-03T15:00:00Z' });
    // publish --json gives it as check --json does.
    const dry = await runMain(['publish', '--content', content, '--out', out, '--dry-run', '--json']);
    expect(JSON.parse(dry.stdout)).toMatchObject({ dryRun: true, turnedBackFrom: '2100-01-03T15:00:00Z' });
    const run = await runMain(['publish', '--content', content, '--out', out, '--quiet']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/^warning: the last publish put on the site an entry, a correction or a digest week that came due 2100-01-04T00:00:00\+09:00, after this run's now: this publish took down what came due since$/m);
  });

  it('names the moment the same way in the refusal of an earlier --now and in the warning of --allow-earlier-now: as --now is typed', async () => {
    const { content, out } = await publishedSite({ '2014/a.md': A, '2014/b.md': B, '2014/c.md': C });
    // The publish as of NOW archived 2014-W21, which ended as 2014-W22 began: Monday 2014-05-26 00:00 in Seoul.
    const earlier = ['publish', '--content', content, '--out', out, '--now', '2014-05-11T09:00:00+09:00', '--quiet'];
    const refused = await runMain(earlier);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--now 2014-05-11T09:00:00+09:00 is before 2014-05-26T00:00:00+09:00, when');
    const allowed = await runMain([...earlier, '--allow-earlier-now']);
    expect(allowed.code, allowed.stderr).toBe(0);
    expect(allowed.stderr).toContain('came due 2014-05-26T00:00:00+09:00, after this run\'s now: this publish took down what came due since');
  });
});
