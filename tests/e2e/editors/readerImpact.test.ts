import { cp, mkdtemp, readFile, rename, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli.js';
import { dump } from 'js-yaml';
import { contentFolder, entry, entryText, SITE } from '../../support/content.js';
import { hashTree } from '../../support/tree.js';
import { killAfterWriteOfEnv } from '../../support/killAtWrite.js';
import { linkedCopy } from '../../support/linkedCopy.js';
import { once } from '../../support/once.js';

// The real CLI: what a publish would show each feed's readers, and the refusal of a changed id.

const temporary: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'broadsheet-readers-'));
  temporary.push(dir);
  return dir;
}
afterAll(async () => {
  await Promise.all(temporary.map((dir) => rm(dir, { recursive: true, force: true })));
});

const NOW = '2014-06-01T00:00:00Z';
// SITE in tests/support/content.ts: host watch.example.org, idDate 2014; the default id is the path under entries/.
const idOf = (path: string) => `tag:watch.example.org,2014:${path}`;

const A = entryText(entry({ title: 'Rail link opens', url: 'https://news.example.com/a', date: '2014-05-08', tags: ['Trade'] }));
const B = entryText(entry({ title: 'Exports rise', url: 'https://news.example.com/b', date: '2014-05-10', tags: ['Trade', 'Rail'] }));
const C = entryText(entry({ title: 'Freight stalls', url: 'https://news.example.com/c', date: '2014-05-12', tags: ['Rail'] }));
// An entry whose id: is its own, the one entry tagged Kaesong: one publish of A and it is shared by the tests of its
// withdrawal and of a copy that kept its id: line.
const K = entryText(entry({ id: 'kaesong-wages', title: 'Kaesong wages', url: 'https://news.example.com/k', date: '2014-05-09', tags: ['Trade', 'Kaesong'] }));

/** One publish from scratch of each set of entries the tests start from, made on first use: its content and output. */
const published = new Map<string, Promise<{ content: string; out: string }>>();

/**
 * A content folder of `entries` and the output publishing it there makes, as hard links to the one publish of the same
 * entries (linkedCopy): each file keeps the version that publish recorded, so the drift check takes the output for that
 * publish's own and the entry index's records are those of the content's files. The tests change a content file as
 * an editor that saves to a new file and renames it over the old one does (save), never in place.
 */
async function publishedSite(entries: Record<string, string>) {
  const key = JSON.stringify(Object.entries(entries));
  let template = published.get(key);
  if (!template) {
    template = (async () => {
      const content = await contentFolder({ entries });
      temporary.push(content);
      const out = await tempDir();
      const first = await runCli(['publish', '--content', content, '--out', out, '--now', NOW]);
      expect(first.code, first.stderr).toBe(0);
      return { content, out };
    })();
    published.set(key, template);
  }
  const from = await template;
  const content = await tempDir();
  const out = await tempDir();
  await Promise.all([linkedCopy(from.content, content), linkedCopy(from.out, out)]);
  return { content, out };
}

/** Writes a content file anew, renamed over the old one: publishedSite's files are links that a write in place would change in every copy. */
async function save(path: string, text: string): Promise<void> {
  const saving = `${path}.saving`;
  await writeFile(saving, text);
  await rename(saving, path);
}

async function feedIds(out: string, dir = ''): Promise<string[]> {
  const feed = JSON.parse(await readFile(join(out, dir, 'feed.json'), 'utf8')) as { items: { id: string }[] };
  return feed.items.map((item) => item.id);
}

interface Impact {
  feed: string;
  new: { id: string; title: string }[];
  updated: { id: string; title: string }[];
  removed: { id: string; title: string }[];
}

describe('publish --dry-run: what readers will see', () => {
  it('lists, per feed, the items that would be new, updated and removed, and writes nothing', async () => {
    const { content, out } = await publishedSite({ '2014/a.md': A, '2014/b.md': B, '2014/c.md': C });
    // b retitled (in the site, Trade and Rail feeds), c deleted (site and Rail), d added (site and Trade).
    await save(join(content, 'entries/2014/b.md'), entryText(entry({ title: 'Exports rise sharply', url: 'https://news.example.com/b', date: '2014-05-10', tags: ['Trade', 'Rail'] })));
    await unlink(join(content, 'entries/2014/c.md'));
    await save(join(content, 'entries/2014/d.md'), entryText(entry({ title: 'Port expands', url: 'https://news.example.com/d', date: '2014-05-14', tags: ['Trade'] })));
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

  it('says so when no feed item would change', async () => {
    const { content, out } = await publishedSite({ '2014/a.md': A, '2014/b.md': B });
    const run = await runCli(['publish', '--content', content, '--out', out, '--now', NOW, '--dry-run']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('readers: no feed item is new, updated or removed');
  });

  it('says a tag feed whose last entry is withdrawn is deleted, its readers keeping the item, as the publish then does; check --out warns of it first', async () => {
    const { content, out } = await publishedSite({ '2014/a.md': A, '2014/kaesong.md': K });
    await unlink(join(content, 'entries', '2014', 'kaesong.md'));
    const warned = 'warning: site.yml: tagSlugs: the feeds of tags/kaesong/ are deleted: no published entry has that tag now, and their readers will find no feed (if the tag was renamed, add tagSlugs: {"New name": kaesong} to keep its address for the new name)\n';
    // check, the step before a publish, gives the publish's warning (from the output's tags/tags.json).
    const checked = await runCli(['check', '--content', content, '--out', out, '--now', NOW, '--quiet']);
    expect(checked.stderr).toBe(warned);
    expect(checked.code).toBe(0);
    const text = await runCli(['publish', '--content', content, '--out', out, '--now', NOW, '--dry-run']);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('readers of the feed in tags/trade/: 0 new, 0 updated, 1 removed');
    expect(text.stdout).toContain(`readers of the feed in tags/kaesong/: the feed is deleted; their reader's next fetch finds no feed there, and it keeps the 1 item it has\n  kept     ${idOf('kaesong-wages')}  Kaesong wages\n`);
    expect(text.stdout).not.toMatch(/tags\/kaesong\/: 0 new/);
    const json = JSON.parse((await runCli(['publish', '--content', content, '--out', out, '--now', NOW, '--dry-run', '--json'])).stdout) as { readers: (Impact & { deleted?: boolean })[] };
    expect(json.readers.find((impact) => impact.feed === 'tags/kaesong/')).toEqual({ feed: 'tags/kaesong/', new: [], updated: [], removed: [{ id: idOf('kaesong-wages'), title: 'Kaesong wages' }], deleted: true });
    expect(json.readers.find((impact) => impact.feed === 'tags/trade/')?.deleted).toBeUndefined();

    // What the dry run said is what the publish does: the feed's files are gone.
    const published = await runCli(['publish', '--content', content, '--out', out, '--now', NOW, '--quiet']);
    expect(published.code).toBe(0);
    expect(published.stderr).toBe(warned);
    await expect(readFile(join(out, 'tags', 'kaesong', 'feed.json'))).rejects.toThrow(/ENOENT/);
    expect(await feedIds(out, 'tags/trade')).toEqual([idOf('2014/a')]);
  });
});

describe('publish --dry-run and check --out: a tagSlugs line removed', () => {
  it('say the tag moves from the address the last publish gave it, and that putting the line back keeps it', async () => {
    const content = await contentFolder({ site: { ...SITE, tagSlugs: { Trade: 'commerce' } }, entries: { '2014/a.md': A, '2014/b.md': B } });
    temporary.push(content);
    const out = await tempDir();
    expect((await runCli(['publish', '--content', content, '--out', out, '--now', NOW])).code).toBe(0);
    await save(join(content, 'site.yml'), dump(SITE));
    const warned = 'warning: site.yml: tagSlugs: the tag "Trade", no longer given commerce by tagSlugs, moves from tags/commerce/ to tags/trade/: the feeds of tags/commerce/ are deleted, and their readers get nothing more from them (put "Trade": commerce back in tagSlugs to keep the tag at tags/commerce/, or tell its readers the new address)\n';
    const checked = await runCli(['check', '--content', content, '--out', out, '--now', NOW, '--quiet']);
    expect(checked.stderr).toBe(warned);
    const dryRun = await runCli(['publish', '--content', content, '--out', out, '--now', NOW, '--dry-run', '--quiet']);
    expect(dryRun.stderr).toBe(warned);
  });
});

describe('check --out, publish --dry-run and publish: more entries added at once than feed.limit holds, and a correction to an archived entry', () => {
  it('name the entries added that no live feed carries, only an archive document, and the limit that would; and the correction no feed carries', async () => {
    // feed.limit 1, zone Asia/Seoul: A (May 8) published; X (May 20) and Y (June 1) added, all tagged Trade. The site
    // feed holds Y and the rest of June, the Trade feed Y: X is in archives/2014-05/ alone. With a limit of 2, Y and X.
    const content = await contentFolder({ site: { ...SITE, feed: { limit: 1 } }, entries: { '2014/a.md': A } });
    temporary.push(content);
    const out = await tempDir();
    expect((await runCli(['publish', '--content', content, '--out', out, '--now', NOW])).code).toBe(0);
    await save(join(content, 'entries/2014/x.md'), entryText(entry({ title: 'X', url: 'https://news.example.com/x', date: '2014-05-20', tags: ['Trade'] })));
    await save(join(content, 'entries/2014/y.md'), entryText(entry({ title: 'Y', url: 'https://news.example.com/y', date: '2014-06-01', tags: ['Trade'] })));
    // A corrected in the same change: it is in archives/2014-05/ too, older than Y in the site feed and in Trade's.
    await save(join(content, 'entries/2014/a.md'), entryText(entry({ title: 'Rail link opens', url: 'https://news.example.com/a', date: '2014-05-08', updated: '2014-05-31T10:00:00', tags: ['Trade'] })));
    const warned =
      'warning: site.yml: feed.limit: 1 entry added in this publish goes into no live feed, site or tag, only into archives/2014-05/, since more entries are added at once than feed.limit (1) holds: no feed reader shows it (readers do not follow RFC 5005 prev-archive links): entries/2014/x.md (raise feed.limit to 2 for this publish, or publish the new entries in steps of at most 1, letting readers fetch the feeds between steps)\n' +
      "warning: entries/2014/a.md: updated: the correction (2014-05-31T10:00:00+09:00) reaches no feed reader: the entry is in no live feed, site or tag, only in archives/2014-05/, which readers do not fetch (they do not follow RFC 5005 prev-archive links); its page shows the correction (to tell the feeds' readers, publish a new entry that links to the corrected one)\n";
    const checked = await runCli(['check', '--content', content, '--out', out, '--now', NOW, '--quiet']);
    expect(checked.stderr).toBe(warned);
    for (const extra of [['--dry-run'], []]) {
      const run = await runCli(['publish', '--content', content, '--out', out, '--now', NOW, '--quiet', ...extra]);
      expect(run.code).toBe(0);
      expect(run.stderr).toBe(warned);
    }
  });
});

describe('check --out and publish --dry-run: a timezone change', () => {
  it('say it moves the published dates written without an offset, with the date that keeps the first, and that an entry re-dated then is held back, also for a copy of the content folder and after a publish killed right after writing its entry index', async () => {
    // A (May 8) and B (May 10), dates alone, read at +09:00 (Asia/Seoul), then at +00:00 (UTC): 9 h later. C (May 12)
    // re-dated to July 1 in the same change: its dates are the edit's, and it is held back.
    const { content, out } = await publishedSite({ '2014/a.md': A, '2014/b.md': B, '2014/c.md': C });
    await save(join(content, 'site.yml'), dump({ ...SITE, timezone: 'UTC' }));
    await save(join(content, 'entries/2014/c.md'), entryText(entry({ title: 'Freight stalls', url: 'https://news.example.com/c', date: '2014-07-01', tags: ['Rail'] })));
    const warned = "warning: site.yml: timezone: moves the dates of 2 published entries written without an offset, which are read in the site's time zone: entries/2014/a.md date from 2014-05-08T00:00:00+09:00 to 2014-05-08T00:00:00Z (9 h later), and 1 more; the feeds would give them new dates, which readers show as updates or in another order (give each date and updated without an offset the one it had (date: 2014-05-08T00:00:00+09:00 in entries/2014/a.md) to keep them, or keep the old timezone)\n";
    // May 12 at +09:00 is May 11, 15:00 UTC.
    const held = 'warning: entries/2014/c.md: date: was published, and is now held back until 2014-07-01T00:00:00Z: its page and its items in the feeds are removed until then, and when it returns readers do not show it as new (if this is a correction, keep its date (2014-05-11T15:00:00Z) and set updated: to when it is made; if it must come down until then, leave it)\n';
    expect((await runCli(['check', '--content', content, '--out', out, '--now', NOW, '--quiet'])).stderr).toBe(warned + held);
    expect((await runCli(['publish', '--content', content, '--out', out, '--now', NOW, '--dry-run', '--quiet'])).stderr).toBe(held + warned);
    // A copy of the content folder (a fresh clone, a restored backup): every file has another version, and is read anew.
    const copy = await tempDir();
    await cp(content, copy, { recursive: true });
    expect((await runCli(['check', '--content', copy, '--out', out, '--now', NOW, '--quiet'])).stderr).toBe(warned + held);
    // Killed right after writing its entry index, made for the new site.yml and holding C's new date: the next check --out and publish still warn.
    expect((await runCli(['publish', '--content', content, '--out', out, '--now', NOW, '--quiet'], { env: killAfterWriteOfEnv('_broadsheet/index.json') })).code).toBeNull();
    expect((await runCli(['check', '--content', content, '--out', out, '--now', NOW, '--quiet'])).stderr).toBe(warned + held);
    expect((await runCli(['publish', '--content', content, '--out', out, '--now', NOW, '--quiet'])).stderr).toContain(held + warned);
  });
});

describe('publish refuses to change the id of an entry already published', () => {
  const refusal = 'entries/2014/b-renamed.md: id: its url was published from entries/2014/b.md with the id "2014/b"; under the id "2014/b-renamed" every reader would show it again as a new item (add `id: 2014/b` to its front matter, or publish with --allow-id-change to give it the new id, as a new entry about the same article needs)';

  it('refuses a renamed file without id:, naming both paths and the fix, and writes nothing', async () => {
    const { content, out } = await publishedSite({ '2014/a.md': A, '2014/b.md': B });
    await rename(join(content, 'entries/2014/b.md'), join(content, 'entries/2014/b-renamed.md'));
    const before = await hashTree(out);
    for (const extra of [[], ['--dry-run']]) {
      const run = await runCli(['publish', '--content', content, '--out', out, '--now', NOW, ...extra]);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(refusal);
      expect(run.stderr).toContain('1 published entry would get a new id');
    }
    expect(await hashTree(out)).toEqual(before);
    // check warns about it too, given the published output.
    const check = await runCli(['check', '--content', content, '--out', out]);
    expect(check.code).toBe(0);
    expect(check.stderr).toContain(`warning: ${refusal}`);
  });

  it('refuses a file renamed while drafted, in one publish and returned in a later one: check --out, the dry run and publish alike', async () => {
    const { content, out } = await publishedSite({ '2014/a.md': A, '2014/b.md': B });
    await save(join(content, 'entries/2014/b.md'), B.replace('date: ', 'draft: true\ndate: '));
    expect((await runCli(['publish', '--content', content, '--out', out, '--now', NOW, '--quiet'])).code).toBe(0);
    await unlink(join(content, 'entries/2014/b.md'));
    await save(join(content, 'entries/2014/b-renamed.md'), B);
    const before = await hashTree(out);
    const check = await runCli(['check', '--content', content, '--out', out]);
    expect(check.code).toBe(0);
    expect(check.stderr).toContain(`warning: ${refusal}`);
    for (const extra of [['--dry-run'], []]) {
      const run = await runCli(['publish', '--content', content, '--out', out, '--now', NOW, ...extra]);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(refusal);
    }
    expect(await hashTree(out)).toEqual(before);
  });

  it('refuses a file renamed in the publish that held it back by a later date when that date comes, nothing else changed: check --out, the dry run and publish alike', async () => {
    const { content, out } = await publishedSite({ '2014/a.md': A, '2014/b.md': B });
    await unlink(join(content, 'entries/2014/b.md'));
    await save(join(content, 'entries/2014/b-renamed.md'), entryText(entry({ title: 'Exports rise', url: 'https://news.example.com/b', date: '2014-07-01', tags: ['Trade', 'Rail'] })));
    expect((await runCli(['publish', '--content', content, '--out', out, '--now', NOW, '--quiet'])).code).toBe(0);
    const before = await hashTree(out);
    // 2014-07-01 in Asia/Seoul has come; the file is as the last publish read it.
    const later = '2014-07-02T00:00:00Z';
    const check = await runCli(['check', '--content', content, '--out', out, '--now', later]);
    expect(check.code).toBe(0);
    expect(check.stderr).toContain(`warning: ${refusal}`);
    for (const extra of [['--dry-run'], []]) {
      const run = await runCli(['publish', '--content', content, '--out', out, '--now', later, ...extra]);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(refusal);
    }
    expect(await hashTree(out)).toEqual(before);
  });

  // A renamed file whose url lost its tracking parameters, and an id: line changed: one publish refuses both.
  const TRACKED = entryText(entry({ title: 'Exports rise', url: 'https://news.example.com/b?utm_source=feedburner&utm_medium=feed', date: '2014-05-10', tags: ['Trade'] }));
  const withId = (id: string) => entryText(entry({ id, title: 'Exports fall', url: 'https://news.example.com/e', date: '2014-05-10', tags: ['Trade'] }));
  const renamedAndRelined = once(async () => {
    const { content, out } = await publishedSite({ '2014/a.md': A, '2014/b.md': TRACKED, '2014/e.md': withId('exports-rise') });
    await rm(join(content, 'entries/2014/b.md'));
    await save(join(content, 'entries/2014/b-renamed.md'), TRACKED.replace('?utm_source=feedburner&utm_medium=feed', ''));
    await save(join(content, 'entries/2014/e.md'), withId('exports-rise-2'));
    const before = await hashTree(out);
    const run = await runCli(['publish', '--content', content, '--out', out, '--now', NOW]);
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

  it('check --out warns of the renamed file beside another entry’s problem: every problem at once', async () => {
    const { content, out } = await publishedSite({ '2014/a.md': A, '2014/b.md': B });
    await rename(join(content, 'entries/2014/b.md'), join(content, 'entries/2014/b-renamed.md'));
    await save(join(content, 'entries/2014/c.md'), entryText(entry({ title: 'Bad date', url: 'https://news.example.com/c', date: '2014-02-30' })));
    const check = await runCli(['check', '--content', content, '--out', out]);
    expect(check.code).toBe(1);
    expect(check.stderr).toMatch(/^entries\/2014\/c\.md:\d+: date: /m);
    expect(check.stderr).toContain(`warning: ${refusal}`);
  });

  it('refuses a renamed file published with a changed site.yml, whose entry index holds no record to reuse', async () => {
    const { content, out } = await publishedSite({ '2014/a.md': A, '2014/b.md': B });
    await rename(join(content, 'entries/2014/b.md'), join(content, 'entries/2014/b-renamed.md'));
    const site = join(content, 'site.yml');
    await save(site, (await readFile(site, 'utf8')).replace(/^description: .*$/m, 'description: Curated news, described anew.'));
    const before = await hashTree(out);
    const run = await runCli(['publish', '--content', content, '--out', out, '--now', NOW]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(refusal);
    expect(await hashTree(out)).toEqual(before);
    expect((await runCli(['check', '--content', content, '--out', out])).stderr).toContain(`warning: ${refusal}`);
  });

  it('publishes the renamed file once it keeps its id: no reader sees a new item', async () => {
    const { content, out } = await publishedSite({ '2014/a.md': A, '2014/b.md': B });
    const ids = { site: await feedIds(out), trade: await feedIds(out, 'tags/trade'), rail: await feedIds(out, 'tags/rail') };
    await rename(join(content, 'entries/2014/b.md'), join(content, 'entries/2014/b-renamed.md'));
    await save(join(content, 'entries/2014/b-renamed.md'), entryText(entry({ id: '2014/b', title: 'Exports rise', url: 'https://news.example.com/b', date: '2014-05-10', tags: ['Trade', 'Rail'] })));
    const dry = await runCli(['publish', '--content', content, '--out', out, '--now', NOW, '--dry-run', '--json']);
    expect(dry.code).toBe(0);
    for (const impact of (JSON.parse(dry.stdout) as { readers: Impact[] }).readers) expect(impact.new).toEqual([]);
    const run = await runCli(['publish', '--content', content, '--out', out, '--now', NOW]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect({ site: await feedIds(out), trade: await feedIds(out, 'tags/trade'), rail: await feedIds(out, 'tags/rail') }).toEqual(ids);
    expect(ids.site).toEqual([idOf('2014/b'), idOf('2014/a')]);
  });

  it('warns of a file renamed in the same edit that changed its url (the same date and source), and publishes', async () => {
    const { content, out } = await publishedSite({ '2014/a.md': A, '2014/b.md': B });
    await unlink(join(content, 'entries/2014/a.md'));
    await save(join(content, 'entries/2014/rail-link-opens.md'), entryText(entry({ title: 'Rail link opens', url: 'https://news.example.com/rail-link', date: '2014-05-08', tags: ['Trade'] })));
    const warning = 'warning: entries/2014/rail-link-opens.md: id: may be entries/2014/a.md renamed with its url changed (the same date and source, "Example News"): under the id "2014/rail-link-opens" every reader would show it again as a new item (if it is, add `id: 2014/a` to its front matter)';
    const check = await runCli(['check', '--content', content, '--out', out]);
    expect(check.code).toBe(0);
    expect(check.stderr).toContain(warning);
    const run = await runCli(['publish', '--content', content, '--out', out, '--now', NOW, '--quiet']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain(warning);
    expect(await feedIds(out)).toEqual([idOf('2014/b'), idOf('2014/rail-link-opens')]);
    // The rename is done: the next run, settled, does not say it again.
    const again = await runCli(['publish', '--content', content, '--out', out, '--now', NOW, '--quiet']);
    expect(again.stderr).toBe('');
  });

  it('publishes the new id with --allow-id-change', async () => {
    const { content, out } = await publishedSite({ '2014/a.md': A, '2014/b.md': B });
    await rename(join(content, 'entries/2014/b.md'), join(content, 'entries/2014/b-renamed.md'));
    const run = await runCli(['publish', '--content', content, '--out', out, '--now', NOW, '--allow-id-change']);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('warning: entries/2014/b-renamed.md: id: was "2014/b" (entries/2014/b.md), now "2014/b-renamed"');
    expect(await feedIds(out)).toEqual([idOf('2014/b-renamed'), idOf('2014/a')]);
    // Published under the new id: the next publish has nothing to refuse.
    expect((await runCli(['publish', '--content', content, '--out', out, '--now', NOW])).code).toBe(0);
  });
});

describe('a copy of a published entry that kept its id: line', () => {
  const COPY = entryText(entry({ id: 'kaesong-wages', title: 'Kaesong wages, a follow-up', url: 'https://news.example.com/k2', date: '2014-05-11', tags: ['Kaesong'] }));
  const problem = 'entries/2014/kaesong-followup.md: id: the id "kaesong-wages" is also used by entries/2014/kaesong.md, which had it in the last publish (give this entry an id: of its own, or remove the duplicate file)';

  it('is the one problem, and --skip-invalid leaves the published entry as readers know it', async () => {
    const { content, out } = await publishedSite({ '2014/a.md': A, '2014/kaesong.md': K });
    const ids = { site: await feedIds(out), kaesong: await feedIds(out, 'tags/kaesong') };
    await save(join(content, 'entries/2014/kaesong-followup.md'), COPY);

    const refused = await runCli(['publish', '--content', content, '--out', out, '--now', NOW]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(problem);
    expect(refused.stderr).not.toMatch(/^entries\/2014\/kaesong\.md: /m);
    // check --out reads the content as that publish does, through the output's entry index: the same one problem.
    const checked = await runCli(['check', '--content', content, '--out', out]);
    expect(checked.code).toBe(1);
    expect(checked.stderr.split('\n')[0]).toBe(problem);
    expect(checked.stderr).not.toMatch(/^entries\/2014\/kaesong\.md: /m);

    const dry = await runCli(['publish', '--content', content, '--out', out, '--now', NOW, '--skip-invalid', '--dry-run', '--json']);
    expect(dry.code).toBe(0);
    const report = JSON.parse(dry.stdout) as { readers: Impact[]; counts: { deleted: number } };
    for (const impact of report.readers) expect(impact.removed, impact.feed).toEqual([]);
    expect(report.counts.deleted).toBe(0);

    const run = await runCli(['publish', '--content', content, '--out', out, '--now', NOW, '--skip-invalid']);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(problem);
    expect({ site: await feedIds(out), kaesong: await feedIds(out, 'tags/kaesong') }).toEqual(ids);
    expect(ids.kaesong).toEqual([idOf('kaesong-wages')]);
  });
});

describe('publish refuses to change the id of every entry at once: the site moved to another host, or idDate changed', () => {
  const moved = (text: string) => text.replace('url: https://watch.example.org/', 'url: https://news.example.net/watch/');
  const refusal =
    'site.yml: url: the published entries have ids tag:watch.example.org,2014:…, and this site.yml would give them tag:news.example.net,2014:…, so every reader would show each entry again as new (add idHost: watch.example.org to site.yml to keep the ids, or publish with --allow-id-change to give every entry a new id)';

  it('refuses a site.yml whose url moves the ids, naming the fix, and writes nothing; check --out warns of it', async () => {
    const { content, out } = await publishedSite({ '2014/a.md': A, '2014/b.md': B });
    const site = join(content, 'site.yml');
    await save(site, moved(await readFile(site, 'utf8')));
    const before = await hashTree(out);
    for (const extra of [[], ['--dry-run']]) {
      const run = await runCli(['publish', '--content', content, '--out', out, '--now', NOW, ...extra]);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(refusal);
      expect(run.stderr).toContain('every published entry would get a new id, and show again as new in every reader; nothing was written');
    }
    expect(await hashTree(out)).toEqual(before);
    const check = await runCli(['check', '--content', content, '--out', out]);
    expect(check.code).toBe(0);
    expect(check.stderr).toContain(`warning: ${refusal}`);
  });

  it('publishes the moved site under the same ids with idHost:, its links on the new host', async () => {
    const { content, out } = await publishedSite({ '2014/a.md': A, '2014/b.md': B });
    const ids = await feedIds(out);
    const site = join(content, 'site.yml');
    await save(site, `${moved(await readFile(site, 'utf8'))}idHost: watch.example.org\n`);
    const run = await runCli(['publish', '--content', content, '--out', out, '--now', NOW]);
    expect(run.code, run.stderr).toBe(0);
    expect(await feedIds(out)).toEqual(ids);
    expect(JSON.parse(await readFile(join(out, 'feed.json'), 'utf8')).home_page_url).toBe('https://news.example.net/watch/');
  });

  it('refuses an idDate changed after publishing, and publishes the new ids with --allow-id-change', async () => {
    const { content, out } = await publishedSite({ '2014/a.md': A, '2014/b.md': B });
    const site = join(content, 'site.yml');
    await save(site, (await readFile(site, 'utf8')).replace(/^idDate: .*$/m, 'idDate: "2015"'));
    const refused = await runCli(['publish', '--content', content, '--out', out, '--now', NOW]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('site.yml: idDate: the published entries have ids tag:watch.example.org,2014:…, and this site.yml would give them tag:watch.example.org,2015:…, so every reader would show each entry again as new (write idDate: "2014" back, or publish with --allow-id-change to give every entry a new id)');
    const allowed = await runCli(['publish', '--content', content, '--out', out, '--now', NOW, '--allow-id-change']);
    expect(allowed.code, allowed.stderr).toBe(0);
    expect(await feedIds(out)).toEqual(['tag:watch.example.org,2015:2014/b', 'tag:watch.example.org,2015:2014/a']);
    expect((await runCli(['publish', '--content', content, '--out', out, '--now', NOW])).code).toBe(0);
  });
});

describe('publish and digest as of a moment before the one the last publish needs', () => {
  it('are refused, writing nothing, and check --out says so; --allow-earlier-now turns the site back, saying so', async () => {
    const { content, out } = await publishedSite({ '2014/a.md': A, '2014/b.md': B, '2014/c.md': C });
    const before = await hashTree(out);
    // NOW is a Sunday: the publish then archived every week to 2014-W21, which ended as 2014-W22 began (Monday
    // 2014-05-26 00:00 in Seoul). A moment before it would take that week's digest down, and c (2014-05-12) too.
    const refusal = 'is before 2014-05-25T15:00:00Z, when an entry, a correction or a digest week the last publish put on the site came due: this run would take it down again; nothing was written';
    const published = await runCli(['publish', '--content', content, '--out', out, '--now', '2014-05-11T00:00:00Z']);
    expect(published.code).toBe(2);
    expect(published.stderr).toBe(`broadsheet publish: --now 2014-05-11T00:00:00Z ${refusal}: run as of that moment or later (or without --now), or pass --allow-earlier-now to turn the site back\n`);
    const digest = await runCli(['digest', '--content', content, '--out', out, '--week', '2014-W18', '--now', '2014-05-05T09:00:00+09:00']);
    expect(digest.code).toBe(2);
    expect(digest.stderr).toContain(`--now 2014-05-05T09:00:00+09:00 is before 2014-05-26T00:00:00+09:00, when`);
    // check --out reports it as a problem, in the refusal's words and fix.
    const checked = await runCli(['check', '--content', content, '--out', out, '--now', '2014-05-11T00:00:00Z']);
    expect(checked.code).toBe(1);
    const earlierNow = `${out}/: --now: 2014-05-11T00:00:00Z is before 2014-05-25T15:00:00Z, when an entry, a correction or a digest week the last publish put on the site came due: a publish as of it would take it down again (run as of that moment or later (or without --now), or pass --allow-earlier-now to turn the site back)\n`;
    expect(checked.stderr).toContain(earlierNow);
    // With site.yml invalid too, the problem is reported beside site.yml's: it needs nothing of site.yml.
    const siteYml = join(content, 'site.yml');
    const site = await readFile(siteYml, 'utf8');
    await save(siteYml, dump({ ...SITE, language: 'english' }));
    const broken = await runCli(['check', '--content', content, '--out', out, '--now', '2014-05-11T00:00:00Z']);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/^site\.yml:4: language: "english"/m);
    expect(broken.stderr).toContain(earlierNow);
    await save(siteYml, site);
    expect(await hashTree(out)).toEqual(before);

    const allowed = await runCli(['publish', '--content', content, '--out', out, '--now', '2014-05-11T00:00:00Z', '--allow-earlier-now', '--quiet']);
    expect(allowed.code, allowed.stderr).toBe(0);
    expect(allowed.stderr).toContain('warning: the last publish put on the site an entry, a correction or a digest week that came due 2014-05-25T15:00:00Z, after this run\'s now: this publish took down what came due since');
    expect(await feedIds(out)).toEqual([idOf('2014/b'), idOf('2014/a')]);
  });

  it('without --now (the clock), goes ahead after a publish as of a later moment, and warns', async () => {
    const { content, out } = await publishedSite({ '2014/a.md': A, '2014/b.md': B });
    // The digest week of 2100-01-04 began at 00:00 that Monday, in the site's zone (Asia/Seoul).
    expect((await runCli(['publish', '--content', content, '--out', out, '--now', '2100-01-05T00:00:00Z', '--quiet'])).code).toBe(0);
    // check --out warns first, in the words of publish --dry-run.
    const checked = await runCli(['check', '--content', content, '--out', out]);
    expect(checked.code, checked.stderr).toBe(0);
    expect(checked.stderr).toMatch(/^warning: the last publish put on the site an entry, a correction or a digest week that came due 2100-01-03T15:00:00Z, after this run's now: a publish would take down what came due since$/m);
    expect(checked.stdout).toMatch(/: no problems, 1 warning\n$/);
    const json = await runCli(['check', '--content', content, '--out', out, '--json']);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: true, turnedBackFrom: '2100-01-03T15:00:00Z' });
    const run = await runCli(['publish', '--content', content, '--out', out, '--quiet']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/^warning: the last publish put on the site an entry, a correction or a digest week that came due 2100-01-03T15:00:00Z, after this run's now: this publish took down what came due since$/m);
  });
});
