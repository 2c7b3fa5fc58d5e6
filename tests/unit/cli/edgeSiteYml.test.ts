import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentFolder, SITE } from '../../support/content.js';
import { parseProblemLine } from '../../support/parseProblemLine.js';
import { runMain } from '../../support/runMain.js';

// site.yml values check used to let through, check and publish run in process (cli/main.ts): each is one line
// `site.yml[:LINE]: field: message (fix)`, exit 1, and publish refuses it. tests/e2e/editors/edgeInput.test.ts runs
// the CLI itself on edge input.
const entryFile = (fields: string, body = 'Body.\n') => `---\n${fields}\n---\n${body}`;
const base = (url: string) => `url: ${url}\nsource: Src\ndate: 2014-05-01`;

describe('site.yml and flags', () => {
  it('an unregistered language and a url with a password: both named, exit 1', async () => {
    const site = await contentFolder({ site: { ...SITE, language: 'english', url: 'https://user:secret@watch.example.org/' }, entries: {} });
    const run = await runMain(['check', '--content', site]);
    expect(run.code).toBe(1);
    const lines = run.stderr.trim().split('\n').filter((line) => line.startsWith('site.yml'));
    expect(lines.map(parseProblemLine)).toEqual([
      expect.objectContaining({ field: 'url', message: 'must not contain a user name or password' }),
      expect.objectContaining({ field: 'language', message: '"english" is not a registered language ("english" is no ISO 639 code the feed validators know)' }),
    ]);
    // Grandfathered: registered, but ICU cannot read it; the registry's preferred value is the fix. The other tags a
    // site.yml may hold (zz refused; en, en-GB, zh-Hant-TW accepted) are parseSite's, in tests/unit/content/languageTag.test.ts.
    const grandfathered = await runMain(['check', '--content', await contentFolder({ site: { ...SITE, language: 'en-GB-oed' }, entries: { '2014/good.md': entryFile(`title: Fine\n${base('https://x.example/good')}`) } })]);
    expect(grandfathered.code).toBe(1);
    expect(grandfathered.stderr).toContain('site.yml:4: language: "en-GB-oed" is a grandfathered BCP 47 tag (RFC 5646 §2.2.8), which the date and text-direction rules of the pages (ICU) cannot read (write en-GB-oxendict, its preferred value in the IANA registry)');
  });

  it('a url with a bare ? or #, or a host no tag: id can carry, and an idDate that is no date: one line each, exit 1, publish refuses', async () => {
    const hostFix = 'use the DNS host name the site is served from, e.g. https://watch.example.org/: letters, digits, hyphens and dots, no IP address and no _';
    const idDateMessage = (typed: string) => `${typed} is not a date of the form "YYYY", "YYYY-MM" or "YYYY-MM-DD" (years 1000 to 9999)`;
    // Each site.yml holds a bad url and a bad idDate, each its own line (url's line before idDate's): one check and
    // one publish for both, for a url's query and for its host. The same pairs with a bare #, [::1], 0000 and 1e3 as
    // typed are parseSite's, in tests/unit/content/site.test.ts.
    const entries = { '2014/a.md': entryFile(`title: T\n${base('https://x.example/a')}`) };
    const cases: [Record<string, unknown> | string, { field: string; message: string }[]][] = [
      [{ ...SITE, url: 'https://watch.example.org/?', idDate: '2014-13-45' }, [{ field: 'url', message: 'must not have a query or fragment' }, { field: 'idDate', message: idDateMessage('"2014-13-45"') }]],
      [{ ...SITE, url: 'https://watch_example.org/', idDate: [2014] }, [{ field: 'url', message: `the host "watch_example.org" is not a DNS name, which the entries' tag: ids (RFC 4151) need` }, { field: 'idDate', message: idDateMessage('[2014]') }]],
    ];
    for (const [siteYml, expected] of cases) {
      const site = await contentFolder({ site: siteYml, entries });
      const run = await runMain(['check', '--content', site]);
      const label = JSON.stringify(siteYml);
      expect(run.code, label).toBe(1);
      const lines = run.stderr.trim().split('\n');
      expect(lines, label).toHaveLength(expected.length + 1);
      expected.forEach((problem, index) => expect(parseProblemLine(lines[index]!), label).toMatchObject({ file: 'site.yml', ...problem }));
      if (expected[0]!.message.startsWith('the host')) expect(parseProblemLine(lines[0]!).fix, label).toBe(hostFix);
      const out = await mkdtemp(join(tmpdir(), 'broadsheet-site-out-'));
      const published = await runMain(['publish', '--content', site, '--out', out, '--now', '2014-06-01T00:00:00Z']);
      expect(published.code, label).toBe(1);
      for (const line of lines.slice(0, expected.length)) expect(published.stderr, label).toContain(line);
      expect(await readdir(out), label).toEqual([]);
    }
    // An IDN host keeps working as its xn-- form.
    const idn = await contentFolder({ site: { ...SITE, url: 'https://bücher.example/' }, entries });
    const out = await mkdtemp(join(tmpdir(), 'broadsheet-idn-out-'));
    expect((await runMain(['publish', '--content', idn, '--out', out, '--now', '2014-06-01T00:00:00Z', '--quiet'])).code).toBe(0);
    const feed = JSON.parse(await readFile(join(out, 'feed.json'), 'utf8')) as { items: { id: string }[] };
    expect(feed.items.map((item) => item.id)).toEqual([`tag:xn--bcher-kva.example,${SITE.idDate}:2014/a`]);
  });

  it('a title, description or author name of control characters only: reported as missing, exit 1', async () => {
    const run = await runMain(['check', '--content', await contentFolder({ site: { ...SITE, title: '\u0001', description: '\u0000\u0085', author: { name: '\ufffe' } }, entries: { '2014/good.md': entryFile(`title: Fine\n${base('https://x.example/good')}`) } })]);
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n').slice(0, -1).map(parseProblemLine)).toEqual([
      expect.objectContaining({ file: 'site.yml', field: 'title', message: 'is missing' }),
      expect.objectContaining({ file: 'site.yml', field: 'description', message: 'is missing' }),
      expect.objectContaining({ file: 'site.yml', field: 'author.name', message: 'holds nothing once the control characters every feed removes are gone, so every feed would show the author blank' }),
    ]);
  });

  it('tags/tags.json names each tag without the control characters the pages drop, and in NFC', async () => {
    // 북한 typed decomposed (NFD, jamo) and composed: one tag, named in NFC.
    const tags = ['a\u0001b', 'c\ufffed\uffff', 'e\u0085f\u007fg', '북한'.normalize('NFD'), '북한'];
    const site = await contentFolder({ site: SITE, entries: { '2014/a.md': entryFile(`title: T\n${base('https://x.example/a')}\ntags: ${JSON.stringify(tags)}`) } });
    const out = await mkdtemp(join(tmpdir(), 'broadsheet-tags-out-'));
    const run = await runMain(['publish', '--content', site, '--out', out, '--now', '2014-06-01T00:00:00Z', '--quiet']);
    expect(run.code, run.stderr).toBe(0);
    const list = JSON.parse(await readFile(join(out, 'tags', 'tags.json'), 'utf8')) as { tags: { name: string }[] };
    expect(list.tags.map((tag) => tag.name).sort()).toEqual(['ab', 'cd', 'efg', '북한']);
  });
});
