import { readFile, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli.js';
import { entry, entryText } from '../../support/content.js';
import { feedItemIds } from '../../support/feedItemIds.js';
import { hashTree } from '../../support/tree.js';
import { killAfterWriteOfEnv } from '../../support/killAtWrite.js';
import { publishedSites } from '../../support/publishedSites.js';
import { A, B, C, C_HELD_BACK, idOf, type Impact, K, KAESONG_DELETED, movedHost, moveZoneToUtc, NOW, CHECK_RENAME_REFUSAL, RENAME_REFUSAL, ZONE_MOVED } from '../../support/readerImpactFixture.js';
import { saveByRename } from '../../support/saveByRename.js';

// The real CLI: what a publish would show each feed's readers, and the refusal of a changed id. One case of each
// rule here, for the wiring of the process; the other cases of the same rules run the same commands in process, in
// tests/unit/cli/readerImpact.test.ts.

const sites = publishedSites((args) => runCli(args), NOW);
const { publishedSite } = sites;
afterAll(() => sites.removeAll());

describe('publish --dry-run: what readers will see', () => {
  it('lists, per feed, the items that would be new, updated and removed, and writes nothing', async () => {
    const { content, out } = await publishedSite({ '2014/a.md': A, '2014/b.md': B, '2014/c.md': C });
    // b retitled (in the site, Trade and Rail feeds), c deleted (site and Rail), d added (site and Trade).
    await saveByRename(join(content, 'entries/2014/b.md'), entryText(entry({ title: 'Exports rise sharply', url: 'https://news.example.com/b', date: '2014-05-10', tags: ['Trade', 'Rail'] })));
    await unlink(join(content, 'entries/2014/c.md'));
    await saveByRename(join(content, 'entries/2014/d.md'), entryText(entry({ title: 'Port expands', url: 'https://news.example.com/d', date: '2014-05-14', tags: ['Trade'] })));
    const before = await hashTree(out);

    const run = await runCli(['publish', '--content', content, '--out', out, '--now', NOW, '--dry-run', '--json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(await hashTree(out)).toEqual(before);
    const readers = (JSON.parse(run.stdout) as { readers: Impact[] }).readers;
    const byFeed = new Map(readers.map((impact) => [impact.feed, impact]));
    expect(byFeed.get('')).toEqual({
      feed: '',
      new: [{ id: idOf('2014/d'), title: 'Port expands' }],
      updated: [{ id: idOf('2014/b'), title: 'Exports rise sharply' }],
      removed: [{ id: idOf('2014/c'), title: 'Freight stalls' }],
    });
    expect(byFeed.get('tags/trade/')).toEqual({ feed: 'tags/trade/', new: [{ id: idOf('2014/d'), title: 'Port expands' }], updated: [{ id: idOf('2014/b'), title: 'Exports rise sharply' }], removed: [] });
    expect(byFeed.get('tags/rail/')).toEqual({ feed: 'tags/rail/', new: [], updated: [{ id: idOf('2014/b'), title: 'Exports rise sharply' }], removed: [{ id: idOf('2014/c'), title: 'Freight stalls' }] });
    // The digests of 2014-W19 (a, b: b retitled) and 2014-W20 (c, now d) change in place; the empty W21 does not.
    const digests = byFeed.get('digests/')!;
    expect(digests.new).toEqual([]);
    expect(digests.removed).toEqual([]);
    expect(digests.updated.map((item) => item.id).join(' ')).toMatch(/2014-W19.*2014-W20|2014-W20.*2014-W19/);
    expect(digests.updated).toHaveLength(2);
    expect([...byFeed.keys()].sort()).toEqual(['', 'digests/', 'tags/rail/', 'tags/trade/']);

    const text = await runCli(['publish', '--content', content, '--out', out, '--now', NOW, '--dry-run']);
    expect(text.stdout).toContain('readers of the site feed: 1 new, 1 updated, 1 removed');
    expect(text.stdout).toContain(`  new      ${idOf('2014/d')}  Port expands`);
    expect(text.stdout).toContain(`  removed  ${idOf('2014/c')}  Freight stalls`);
    expect(text.stdout).toContain('readers of the feed in tags/rail/: 0 new, 1 updated, 1 removed');
  });

  it('says a tag feed whose last entry is withdrawn is deleted, its readers keeping the item, as the publish then does', async () => {
    const { content, out } = await publishedSite({ '2014/a.md': A, '2014/kaesong.md': K });
    await unlink(join(content, 'entries', '2014', 'kaesong.md'));
    // check --out's warning and the dry run's --json: tests/unit/cli/readerImpact.test.ts.
    const text = await runCli(['publish', '--content', content, '--out', out, '--now', NOW, '--dry-run']);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('readers of the feed in tags/trade/: 0 new, 0 updated, 1 removed');
    expect(text.stdout).toContain(`readers of the feed in tags/kaesong/: the feed is deleted; their reader's next fetch finds no feed there, and it keeps the 1 item it has\n  kept     ${idOf('kaesong-wages')}  Kaesong wages\n`);
    expect(text.stdout).not.toMatch(/tags\/kaesong\/: 0 new/);

    // What the dry run said is what the publish does: the feed's files are gone.
    const published = await runCli(['publish', '--content', content, '--out', out, '--now', NOW, '--quiet']);
    expect(published.code).toBe(0);
    expect(published.stderr).toBe(KAESONG_DELETED);
    await expect(readFile(join(out, 'tags', 'kaesong', 'feed.json'))).rejects.toThrow(/ENOENT/);
    expect(await feedItemIds(out, 'tags/trade')).toEqual([idOf('2014/a')]);
  });
});

describe('check --out and publish --dry-run: a timezone change', () => {
  it('say it moves the published dates written without an offset, and that an entry re-dated then is held back, also after a publish killed right after writing its entry index', async () => {
    // check --out, the dry run and a copy of the content folder before the publish: tests/unit/cli/readerImpact.test.ts.
    const { content, out } = await publishedSite({ '2014/a.md': A, '2014/b.md': B, '2014/c.md': C });
    await moveZoneToUtc(content);
    // Killed right after writing its entry index, made for the new site.yml and holding C's new date: the next check --out and publish still warn.
    expect((await runCli(['publish', '--content', content, '--out', out, '--now', NOW, '--quiet'], { env: killAfterWriteOfEnv('_broadsheet/index.json') })).code).toBeNull();
    expect((await runCli(['check', '--content', content, '--out', out, '--now', NOW, '--quiet'])).stderr).toBe(ZONE_MOVED + C_HELD_BACK);
    expect((await runCli(['publish', '--content', content, '--out', out, '--now', NOW, '--quiet'])).stderr).toContain(C_HELD_BACK + ZONE_MOVED);
  });
});

describe('publish refuses to change the id of an entry already published', () => {
  it('refuses a renamed file without id:, naming both paths and the fix, and writes nothing', async () => {
    const { content, out } = await publishedSite({ '2014/a.md': A, '2014/b.md': B });
    await rename(join(content, 'entries/2014/b.md'), join(content, 'entries/2014/b-renamed.md'));
    const before = await hashTree(out);
    for (const extra of [[], ['--dry-run']]) {
      const run = await runCli(['publish', '--content', content, '--out', out, '--now', NOW, ...extra]);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(RENAME_REFUSAL);
      expect(run.stderr).toContain('1 published entry would get a new id');
    }
    expect(await hashTree(out)).toEqual(before);
    // check names it too, given the published output, as the problem publish refuses: its exit status foretells
    // publish's; with --allow-id-change, as publish's, it is a warning.
    const check = await runCli(['check', '--content', content, '--out', out]);
    expect(check.code).toBe(1);
    expect(check.stderr.split('\n')).toContain(CHECK_RENAME_REFUSAL);
    const allowed = await runCli(['check', '--content', content, '--out', out, '--allow-id-change']);
    expect(allowed.code, allowed.stderr).toBe(0);
    expect(allowed.stderr.split('\n')).toContain(`warning: ${RENAME_REFUSAL}`);
  });
});

describe('publish refuses to change the id of every entry at once: the site moved to another host, or idDate changed', () => {
  const refusal =
    'site.yml: url: the published entries have ids tag:watch.example.org,2014:…, and this site.yml would give them tag:news.example.net,2014:…, so every reader would show each entry again as new (add idHost: watch.example.org to site.yml to keep the ids, or publish with --allow-id-change to give every entry a new id)';

  it('refuses a site.yml whose url moves the ids, naming the fix, and writes nothing; check --out names it as a problem', async () => {
    const { content, out } = await publishedSite({ '2014/a.md': A, '2014/b.md': B });
    const site = join(content, 'site.yml');
    await saveByRename(site, movedHost(await readFile(site, 'utf8')));
    const before = await hashTree(out);
    for (const extra of [[], ['--dry-run']]) {
      const run = await runCli(['publish', '--content', content, '--out', out, '--now', NOW, ...extra]);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(refusal);
      expect(run.stderr).toContain('every published entry would get a new id, and show again as new in every reader; nothing was written');
    }
    expect(await hashTree(out)).toEqual(before);
    const check = await runCli(['check', '--content', content, '--out', out]);
    expect(check.code).toBe(1);
    expect(check.stderr.split('\n')).toContain(refusal.replace('or publish with', 'or publish (or check) with'));
  });
});

describe('publish and digest as of a moment before the one the last publish needs', () => {
  it('are refused, writing nothing; --allow-earlier-now turns the site back, saying so', async () => {
    const { content, out } = await publishedSite({ '2014/a.md': A, '2014/b.md': B, '2014/c.md': C });
    const before = await hashTree(out);
    // NOW is a Sunday: the publish then archived every week to 2014-W21, which ended as 2014-W22 began (Monday
    // 2014-05-26 00:00 in Seoul). A moment before it would take that week's digest down, and c (2014-05-12) too.
    // check --out's problem of it: tests/unit/cli/readerImpact.test.ts.
    // site.yml at hand: the moment in the site's zone too; the digest's --now is typed in it, so said once.
    const refusal = "is before 2014-05-25T15:00:00Z (2014-05-26T00:00:00+09:00 in the site's zone, Asia/Seoul), when an entry, a correction or a digest week the last publish put on the site came due: this run would take it down again; nothing was written";
    const published = await runCli(['publish', '--content', content, '--out', out, '--now', '2014-05-11T00:00:00Z']);
    expect(published.code).toBe(2);
    expect(published.stderr).toBe(`broadsheet publish: --now 2014-05-11T00:00:00Z ${refusal}: run as of that moment or later (or without --now), or pass --allow-earlier-now to turn the site back\n`);
    const digest = await runCli(['digest', '--content', content, '--out', out, '--week', '2014-W18', '--now', '2014-05-05T09:00:00+09:00']);
    expect(digest.code).toBe(2);
    expect(digest.stderr).toContain(`--now 2014-05-05T09:00:00+09:00 is before 2014-05-26T00:00:00+09:00, when`);
    expect(await hashTree(out)).toEqual(before);

    const allowed = await runCli(['publish', '--content', content, '--out', out, '--now', '2014-05-11T00:00:00Z', '--allow-earlier-now', '--quiet']);
    expect(allowed.code, allowed.stderr).toBe(0);
    expect(allowed.stderr).toContain('warning: the last publish put on the site an entry, a correction or a digest week that came due 2014-05-25T15:00:00Z, after this run\'s now: this publish took down what came due since');
    expect(await feedItemIds(out)).toEqual([idOf('2014/b'), idOf('2014/a')]);
  });
});
