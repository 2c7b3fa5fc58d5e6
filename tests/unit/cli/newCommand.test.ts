import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentFolder, entry, entryText, SITE } from '../../support/content.js';
import { knownEntrySite } from '../../support/knownEntrySite.js';
import { runMain } from '../../support/runMain.js';

// `broadsheet new` in process (cli/main.ts), and check and publish of what it wrote: tests/e2e/editors/new.test.ts
// runs one case of each rule through the real CLI.

describe('broadsheet new', () => {
  it('names the file after the article\'s path when the title has no letter or digit to slug (🚀🚀), the title kept as typed', async () => {
    const dir = await knownEntrySite();
    const run = await runMain(['new', '--content', dir, '--url', 'https://www.nknews.org/2014/06/rocket-launch/', '--title', '🚀🚀', '--date', '2014-06-02']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout.trim()).toBe(join(dir, 'entries', '2014', 'rocket-launch.md'));
    expect(await readFile(run.stdout.trim(), 'utf8')).toContain('title: 🚀🚀\n');
  });

  it('names the file after a long title’s whole words, never a fragment of one', async () => {
    const dir = await contentFolder({ site: SITE, entries: {} });
    const title = 'North Korea and Russia agree to expand the Rason port, the Khasan rail link and electricity exports';
    const run = await runMain(['new', '--content', dir, '--url', 'https://example.com/2014/06/rason', '--title', title, '--source', 'Example', '--date', '2014-06-02']);
    expect(run.code, run.stderr).toBe(0);
    // The title's slug runs to 98 characters; the words that fit in 80 end at "and" (78): cut at 80, it ended "-and-el".
    expect(run.stdout.trim()).toBe(join(dir, 'entries/2014/north-korea-and-russia-agree-to-expand-the-rason-port-the-khasan-rail-link-and.md'));
  });

  it('warns of a new tag a slip from one the site has, naming that tag and the fix, before the line that says what to add', async () => {
    const dir = await contentFolder({ site: SITE, entries: { '2014/known.md': entryText(entry({ title: 'Known', url: 'https://example.com/known', date: '2014-05-01', tags: ['Trade'] })) } });
    const run = await runMain(['new', '--content', dir, '--url', 'https://example.com/2014/06/pier', '--title', 'Pier', '--tags', 'Trdae', '--date', '2014-06-02']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr.split('\n')[0]).toBe('warning: --tags: Trdae is a new tag, on no other entry: did you mean Trade? (if so, write Trade in the file\'s tags: line; else a publish adds a page and feeds for Trdae)');
    expect(run.stderr.split('\n')[1]).toMatch(/^Created /);
  });

  it('writes --tags with duplicates and case variants once each, as the site spells them, so no tag page is renamed', async () => {
    const dir = await contentFolder({ site: SITE, entries: { '2014/known.md': entryText(entry({ title: 'Known', url: 'https://example.com/known', date: '2014-05-01', tags: ['Trade', 'North Korea'] })) } });
    const run = await runMain(['new', '--content', dir, '--url', 'https://example.com/2014/06/pier', '--title', 'Pier', '--tags', 'trade,TRADE, Trade ,north-korea,Rason,rason', '--date', '2014-06-02']);
    expect(run.code, run.stderr).toBe(0);
    expect(await readFile(run.stdout.trim(), 'utf8')).toContain('\ntags: [Trade, North Korea, Rason]\n');
    // The new entry is the newest, and the newest spelling names the tag's page: it is still "Trade".
    const out = join(dir, '..', `${dir.split('/').pop()}-out`);
    expect((await runMain(['publish', '--content', dir, '--out', out, '--now', '2014-06-03T00:00:00Z', '--quiet'])).code).toBe(0);
    expect(JSON.parse(await readFile(join(out, 'tags', 'trade', 'feed.json'), 'utf8')).title).toMatch(/\bTrade\b/);
    const check = await runMain(['check', '--content', dir]);
    expect(check.code).toBe(0);
    expect(check.stderr).not.toMatch(/spell/);
  });

  it('writes the first entry of a site that has no entries/ folder yet, which check then accepts', async () => {
    const dir = await contentFolder({ site: SITE, entries: {} });
    expect((await runMain(['check', '--content', dir])).code).toBe(1);
    // Pasted from a newsletter: written without the parameters that say so, and check warns only that it is unfilled.
    const run = await runMain(['new', '--content', dir, '--url', 'https://example.com/2014/06/first?utm_source=newsletter&fbclid=abc', '--title', 'First', '--source', 'Example', '--date', '2014-06-02']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout.trim()).toBe(join(dir, 'entries', '2014', 'first.md'));
    expect(run.stderr).toContain('--url: written without the tracking parameters utm_source, fbclid\n');
    expect(await readFile(join(dir, 'entries', '2014', 'first.md'), 'utf8')).toContain('\nurl: https://example.com/2014/06/first\n');
    const check = await runMain(['check', '--content', dir, '--json']);
    // The summary: line new writes is line 7 (---, title, url, source, date, tags, summary).
    expect(JSON.parse(check.stdout)).toMatchObject({ ok: true, entries: 1, warnings: [{ file: 'entries/2014/first.md', line: 7, field: 'summary', message: 'is empty, and so is the body: feed readers and the digest show this entry as its title and a link alone' }] });
  });

  it("dates the entry today in the site's time zone", async () => {
    const dir = await knownEntrySite();
    // 16:00 UTC on 1 June is already 2 June in Seoul (UTC+9).
    const run = await runMain(['new', '--content', dir, '--url', 'https://example.com/x/late-news', '--title', 'Late', '--now', '2014-06-01T16:00:00Z']);
    expect(await readFile(run.stdout.trim(), 'utf8')).toContain('date: 2014-06-02\n');
  });

  it('reuses the source of an earlier entry from the same site', async () => {
    const dir = await knownEntrySite();
    const run = await runMain(['new', '--content', dir, '--url', 'https://www.38north.org/2014/06/other/', '--title', 'Other', '--date', '2014-06-02']);
    expect(await readFile(run.stdout.trim(), 'utf8')).toContain('source:\n  name: 38 North\n  url: https://www.38north.org/\n');
  });

  it('without --title, names the file from the URL and leaves the title for the editor, so check fails until it is written', async () => {
    const dir = await knownEntrySite();
    const run = await runMain(['new', '--content', dir, '--url', 'https://example.com/2014/06/rice-prices.html', '--date', '2014-06-02']);
    expect(run.stdout.trim()).toBe(join(dir, 'entries', '2014', 'rice-prices.md'));
    const check = await runMain(['check', '--content', dir]);
    expect(check.code).toBe(1);
    expect(check.stderr).toContain('entries/2014/rice-prices.md:2: title: is empty');
  });

  it('refuses a URL an existing entry already links, naming that entry', async () => {
    const dir = await knownEntrySite();
    const run = await runMain(['new', '--content', dir, '--url', 'https://www.38north.org/2014/05/known', '--title', 'Again']);
    expect(run.code).toBe(2);
    // The entry's URL as it has it (a trailing /), and the one given.
    expect(run.stderr).toContain('entries/2014/known.md already links https://www.38north.org/2014/05/known/ (“Known”), the same article as https://www.38north.org/2014/05/known: edit that entry, or pick another article');
    expect(run.stdout).toBe('');
  });

  it('refuses a file whose id an entry renamed with id: kept still has, and check stays clean', async () => {
    // README, "Identity": entries/2014/known.md moved to known-renamed.md keeps its id with `id: 2014/known`.
    const dir = await contentFolder({
      site: SITE,
      entries: { '2014/known-renamed.md': entryText(entry({ id: '2014/known', title: 'Known', url: 'https://www.38north.org/2014/05/known/' })) },
    });
    const run = await runMain(['new', '--content', dir, '--url', 'https://example.com/2014/06/other', '--title', 'Known', '--date', '2014-06-02']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('entries/2014/known.md would have the id "2014/known", which is already the id of entries/2014/known-renamed.md');
    expect(run.stdout).toBe('');
    const check = await runMain(['check', '--content', dir, '--json']);
    expect(JSON.parse(check.stdout)).toMatchObject({ ok: true, entries: 1 });
  });

  it('refuses flags that would make an entry check refuses, and writes nothing', async () => {
    const dir = await knownEntrySite();
    const tags = Array.from({ length: 21 }, (_, i) => `tag${i}`).join(',');
    const run = await runMain(['new', '--content', dir, '--url', 'https://example.com/2014/06/flagged', '--title', 'Flagged', '--tags', tags]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--tags: has 21 tags, more than the 20 an entry may have');
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(await readdir(join(dir, 'entries'))).toEqual(['2014']);
    expect(await readdir(join(dir, 'entries', '2014'))).toEqual(['known.md']);
    const check = await runMain(['check', '--content', dir, '--json']);
    expect(JSON.parse(check.stdout)).toMatchObject({ ok: true, entries: 1 });
  });

  it('--json prints the path and key', async () => {
    const dir = await knownEntrySite();
    const run = await runMain(['new', '--content', dir, '--url', 'https://example.com/j', '--title', 'Jay', '--date', '2014-06-02', '--json']);
    expect(JSON.parse(run.stdout)).toEqual({ path: join(dir, 'entries', '2014', 'jay.md'), key: 'entries/2014/jay.md' });
  });
});
