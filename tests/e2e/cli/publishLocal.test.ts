import { cp, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO, runCli, type CliRun } from '../../support/cli.js';
import { checkFeedFile } from '../../support/feedChecks.js';
import { readFeed } from '../../support/feedReader.js';
import { linkedCopy } from '../../support/linkedCopy.js';
import { hashTree } from '../../support/tree.js';

// The real CLI (bin/broadsheet.js over dist/) on fixture folders, writing to temporary folders. A save in a coarse
// file system's tick, the singular counts, the folders a deletion leaves and a bad site.yml run the same commands in
// process, in tests/unit/cli/publishLocal.test.ts.

const temporary: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'broadsheet-e2e-'));
  temporary.push(dir);
  return dir;
}
afterAll(async () => {
  await Promise.all(temporary.map((dir) => rm(dir, { recursive: true, force: true })));
});

const TRICKY = join(REPO, 'tests/fixtures/tricky');
const BROKEN = join(REPO, 'tests/fixtures/broken');
const NOW = '2014-06-01T00:00:00Z';
// The tricky fixture's warnings: its iframe, which readers get as a link to it; its Mailchimp merge-tag link,
// published as its text alone; its relative image is made absolute against the site url, as it should be, and
// check says no publish writes an image there; and three titles, the site's description and a summary typed with HTML
// in them (`&amp;`, `<script>`, `<b>`), which the fixture publishes as typed to show them escaped, are named, each
// field being plain text; the heading (body line 5, file line 11), quotation and bare # of headings.md that show
// nothing, which every output drops; the links and images whose address every output drops: ampersands.md's
// javascript: link and data: image (file line 17), not headings.md's, which go with the heading and quotation named;
// invalid-html.md's figure (line 19) and table caption (line 21), each holding only a data: image, which every
// output leaves out whole (the images in them are not named again); tables.md's table of one empty row (line 11); and
// the raw U+0001 of ampersands.md's body (line 19), which every output drops.
const TRICKY_WARNING = [
  'warning: site.yml:2: description: holds the HTML character reference "&amp;", which readers are shown as typed: the field is plain text (write it as plain text: description: \'Edge cases: R&D, 2 < 3, & typed literally, 북한, عربي\')',
  'warning: entries/2014/ampersands.md:2: title: holds the HTML character reference "&amp;", which readers are shown as typed: titles are plain text (write it as plain text: title: \'Trade & investment: AT&T, R&D and & typed literally\')',
  'warning: entries/2014/ampersands.md:19: body: holds U+0001, a control character, which every feed, page and mail drops, unseen (delete it (most editors do not show it: search for U+0001), or write the character meant)',
  'warning: entries/2014/ampersands.md: body: embeds what feed readers and mail clients do not play, so every feed, page and the digest has instead: <iframe> of "https://evil.example/" becomes a link, "Embed: evil.example" (if a link alone does not tell readers what the embed shows, write a line saying it (or link the page where it plays); remove an embed readers do not need)',
  "warning: entries/2014/ampersands.md:17: body: a link's address is not an http, https or mailto URL (such as javascript:, or one that cannot be read), so every feed and page drops the link and shows its text alone; and 1 more image or link so (give the link an http or https address, or delete it)",
  'warning: entries/2014/ampersands.md: body: links to a mail service\'s merge tag, which only that service fills in when it sends: "*|UNSUB|*" ("unsubscribe"); against the site\'s url it would be an address that holds nothing, so only the link\'s text is published (paste the real address in its place, or remove the link (a newsletter\'s "view in browser" and "unsubscribe" links mean nothing here))',
  'warning: entries/2014/ampersands.md: body: shows the image "img/a.png", a relative address: it becomes https://tricky.example.org/watch/img/a.png, and a publish writes no image there (give the image\'s full https address, or put the file at that address yourself)',
  'warning: entries/2014/angles.md:2: title: holds the HTML tag "<script>", which readers are shown as typed: titles are plain text (write it as plain text: title: Is 2 < 3 > 1? Quotes "double" and \'single\' 🚀)',
  'warning: entries/2014/draft.md:2: title: holds the HTML tag "<b>", which readers are shown as typed: titles are plain text (write it as plain text: title: \'Draft: AT&T not yet ]]> ready\')',
  "warning: entries/2014/headings.md:11: body: a heading shows nothing (it is empty, or all it holds every feed and page drops: an image whose address is not http or https, such as data:, hidden content, white space), so every feed and page leaves it out, and moves up a level a heading after it that would skip one; and 2 more headings or quotations so (write the heading's text (an image needs an http or https address), or delete it)",
  "warning: entries/2014/invalid-html.md:19: body: a figure shows nothing (it is empty, or all it holds every feed and page drops: an image whose address is not http or https, such as data:, hidden content, white space), so every feed and page leaves it out; and 1 more caption so (give the figure its image (an image needs an http or https address), or delete it)",
  'warning: entries/2014/korean.md:7: summary: holds the HTML tag "<b>", which readers are shown as typed: the field is plain text (write it as plain text: summary: A summary with markup & ampersand, the editor\'s.)',
  "warning: entries/2014/tables.md:11: body: a table shows nothing (it is empty, or all it holds every feed and page drops: an image whose address is not http or https, such as data:, hidden content, white space), so every feed and page leaves it out (write the table's cells (an image needs an http or https address), or delete it)",
  '',
].join('\n');
const FEED_FILE = /(^|\/)(rss\.xml|atom\.xml|feed\.json)$/;

async function publishTo(out: string, content = TRICKY, extra: string[] = []) {
  return runCli(['publish', '--content', content, '--out', out, '--now', NOW, ...extra]);
}

/** The fixture's first publish into an empty folder, run once for the tests that read what it printed or wrote. */
let firstPublish: Promise<{ out: string; run: CliRun }> | undefined;
function publishedFixture(): Promise<{ out: string; run: CliRun }> {
  firstPublish ??= tempDir().then(async (out) => ({ out, run: await publishTo(out) }));
  return firstPublish;
}

/**
 * The fixture published a second time, into another empty folder, with --json: the determinism test compares its
 * files with the first publish's (the flag changes what is printed only), the --json test reads what it printed.
 */
let jsonPublish: Promise<{ out: string; run: CliRun }> | undefined;
function publishedWithJson(): Promise<{ out: string; run: CliRun }> {
  jsonPublish ??= tempDir().then(async (out) => ({ out, run: await publishTo(out, TRICKY, ['--json']) }));
  return jsonPublish;
}

/** A copy of the fixture, published once into an empty folder. */
let copyPublish: Promise<{ content: string; out: string }> | undefined;
/**
 * A copy of the fixture and what publishing it into an empty folder writes, as hard links to the one publish of
 * such a copy (linkedCopy): each file keeps the version that publish recorded. The tests that change the copy
 * remove or add files, never write one in place, and a publish never writes in place either.
 */
async function publishedCopy(): Promise<{ content: string; out: string }> {
  copyPublish ??= (async () => {
    const content = await tempDir();
    await cp(TRICKY, content, { recursive: true });
    const out = await tempDir();
    expect((await publishTo(out, content)).code).toBe(0);
    return { content, out };
  })();
  const from = await copyPublish;
  const content = await tempDir();
  const out = await tempDir();
  await Promise.all([linkedCopy(from.content, content), linkedCopy(from.out, out)]);
  return { content, out };
}

describe('broadsheet publish on a fixture folder', () => {
  it('prints one line per file (status, size, path) and a summary last, and writes those files', async () => {
    const { out, run } = await publishedFixture();
    expect(run.stderr).toBe(TRICKY_WARNING);
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\n');
    const fileLines = lines.filter((line) => /^(new|changed|unchanged|deleted) /.test(line));
    const files = Object.keys(await hashTree(out)).filter((key) => !key.startsWith('_broadsheet/'));
    expect(fileLines.map((line) => line.split(/\s+/).at(-1)).sort()).toEqual(files.sort());
    for (const line of fileLines) expect(line).toMatch(/^new\s+\d+(\.\d)? (B|kB|MB)\s+\S+$/);
    // 7 of 9: the fixture also has a draft and an entry dated after NOW.
    expect(lines.at(-1)).toMatch(new RegExp(`^Published ${files.length} files to .*: ${files.length} new, 0 changed, 0 unchanged, 0 deleted; 7 of 9 entries`));
    // The entry dated after NOW is named just above, with its date (2014-06-20T09:00:00) in the site's zone, New York's summer time.
    expect(lines.at(-2)).toBe('held back until its date: entries/2014/embargoed.md (2014-06-20T09:00:00-04:00)');
  });

  it('writes valid feeds with every tag feed, sanitised content and absolute URLs', async () => {
    const { out } = await publishedFixture();
    const files = Object.keys(await hashTree(out)).filter((key) => FEED_FILE.test(key));
    // Tags in the fixture: R&D, <script>, 북한 경제, Rasŏn, Trade; their slugs are worked out by hand.
    for (const dir of ['', 'tags/r-d/', 'tags/script/', 'tags/rason/', 'tags/trade/']) {
      for (const name of ['rss.xml', 'atom.xml', 'feed.json']) expect(files).toContain(dir + name);
    }
    expect(files.some((key) => /^tags\/xn--[a-z0-9-]+\/rss\.xml$/.test(key))).toBe(true);
    // The tag list is by name ('<' before letters, '&' before 'a', Latin before Hangul), not by slug (r-d, rason, script).
    const list = JSON.parse(await readFile(join(out, 'tags', 'tags.json'), 'utf8')) as { tags: { name: string }[] };
    expect(list.tags.map((tag) => tag.name)).toEqual(['<script>', 'R&D', 'Rasŏn', 'Trade', '북한 경제']);
    for (const key of files) checkFeedFile(key, await readFile(join(out, key), 'utf8'));
  });

  it("keeps the blank line a body's pre begins with, on the entry page and in the feed", async () => {
    const { out } = await publishedFixture();
    // A parser drops the first newline after <pre>: the second is the blank line typed in tables.md.
    const pre = '<pre>\n\ntwo newlines before</pre>';
    // The entry page's pre takes keyboard focus, a named region (it scrolls in its own box). The fixture's site is
    // Korean: the region's English name is a hidden text marked so, the page's sixth after tables.md's five tables
    // shown: its table with no cell shows nothing and is not published.
    const named = '<span class="skip" id="region-name-6" lang="en">Code</span><pre tabindex="0" role="region" aria-labelledby="region-name-6">';
    const page = await readFile(join(out, 'entries/2014/tables/index.html'), 'utf8');
    expect(page).toContain(pre.replace('<pre>', named));
    expect(page.match(/<table\b/g)).toHaveLength(5);
    const feed = JSON.parse(await readFile(join(out, 'feed.json'), 'utf8')) as { items: { content_html: string }[] };
    expect(feed.items.some((item) => item.content_html.includes(pre))).toBe(true);
  });

  it('makes relative links in the body absolute against the site url, but for a merge tag\'s', async () => {
    const { out } = await publishedFixture();
    const rss = await readFile(join(out, 'rss.xml'), 'utf8');
    expect(rss).toContain('<a href="https://tricky.example.org/about/">relative link</a>');
    expect(rss).toContain('<img src="https://tricky.example.org/watch/img/a.png" alt="an image" />');
    // But not a merge tag, which would be an address on the site that holds nothing: its text alone. The iframe,
    // which readers do not run, is a link to its page.
    expect(rss).toContain('<a>js</a> <a>unsubscribe</a>');
    expect(rss).toContain('<p><a href="https://evil.example/">Embed: evil.example</a></p>');
  });

  it('reads back with a feed library: titles, links, ids and dates match the fixture', async () => {
    const { out } = await publishedFixture();
    for (const format of ['rss.xml', 'atom.xml']) {
      const feed = await readFeed(await readFile(join(out, format), 'utf8'));
      const read = feed.items.map((item) => ({ link: item.link, id: item.guid, date: item.pubdate?.toISOString() }));
      // Dates from the fixture in America/New_York (EDT, UTC−4): 2014-05-10 12:00, 06:00 and 00:00, 2014-05-07 00:00,
      // 2014-05-06 10:00, 2014-05-05 00:00, 2014-05-04 00:00.
      expect(read).toEqual([
        { link: 'https://example.com/c', id: 'tag:tricky.example.org,2014:2014/deep-html', date: '2014-05-10T16:00:00.000Z' },
        { link: 'https://example.com/b', id: 'tag:tricky.example.org,2014:2014/headings', date: '2014-05-10T10:00:00.000Z' },
        { link: 'https://example.com/a', id: 'tag:tricky.example.org,2014:2014/invalid-html', date: '2014-05-10T04:00:00.000Z' },
        { link: 'https://news.example.com/c', id: 'tag:tricky.example.org,2014:2014/korean', date: '2014-05-07T04:00:00.000Z' },
        { link: 'https://news.example.com/b', id: 'tag:tricky.example.org,2014:2014/angles', date: '2014-05-06T14:00:00.000Z' },
        { link: 'https://news.example.com/a?x=1&y=2', id: 'tag:tricky.example.org,2014:2014/ampersands', date: '2014-05-05T04:00:00.000Z' },
        { link: 'https://example.com/d', id: 'tag:tricky.example.org,2014:2014/tables', date: '2014-05-04T04:00:00.000Z' },
      ]);
    }
  });

  it('is deterministic: the same content and --now give byte-identical files', async () => {
    const { out: first } = await publishedFixture();
    const { out: second } = await publishedWithJson();
    const strip = (tree: Record<string, string>) => Object.fromEntries(Object.entries(tree).filter(([key]) => key !== '_broadsheet/index.json' && key !== '_broadsheet/manifest.json'));
    expect(strip(await hashTree(second))).toEqual(strip(await hashTree(first)));
    // The manifests differ only in each file's version as the folder lists it (size, mtime, inode), for the drift check,
    // and in the settled record's hashes of those versions and of the text holding them (lib/publish/settledText.ts).
    const withoutVersions = async (root: string) => {
      const manifest = JSON.parse(await readFile(join(root, '_broadsheet', 'manifest.json'), 'utf8')) as { objects: Record<string, { version?: string }>; settled: Record<string, unknown> };
      for (const record of Object.values(manifest.objects)) {
        expect(record.version).toMatch(/^\d+-\d+-\d+$/);
        delete record.version;
      }
      for (const hash of ['manifestSha256', 'outputSha256']) {
        expect(manifest.settled[hash]).toMatch(/^[0-9a-f]{64}$/);
        delete manifest.settled[hash];
      }
      return manifest;
    };
    expect(await withoutVersions(second)).toEqual(await withoutVersions(first));
  });

  it('reports every file unchanged on a second run and writes nothing', async () => {
    const { out } = await publishedFixture();
    const before = await hashTree(out);
    const run = await publishTo(out);
    expect(run.stdout).not.toMatch(/^(new|changed|deleted) /m);
    expect(run.stdout.trim().split('\n').at(-1)).toMatch(/: 0 new, 0 changed, \d+ unchanged, 0 deleted;/);
    expect(await hashTree(out)).toEqual(before);
  });

  it('deletes the feeds of a tag whose last entry was removed', async () => {
    const { content, out } = await publishedCopy();
    // Only angles.md has the Trade tag.
    await rm(join(content, 'entries/2014/angles.md'));
    const run = await publishTo(out, content);
    for (const name of ['rss.xml', 'atom.xml', 'feed.json']) expect(run.stdout).toMatch(new RegExp(`^deleted\\s+.*\\s+tags/trade/${name.replace('.', '\\.')}$`, 'm'));
    expect(Object.keys(await hashTree(out)).some((key) => key.startsWith('tags/trade/'))).toBe(false);
  });

  it('--dry-run writes nothing', async () => {
    const out = join(await tempDir(), 'public');
    const run = await publishTo(out, TRICKY, ['--dry-run']);
    expect(run.code).toBe(0);
    expect(run.stdout.trim().split('\n').at(-1)).toMatch(/^Dry run, nothing written/);
    expect(await hashTree(out)).toEqual({});
  });

  it('--json prints a machine-readable summary', async () => {
    const { run } = await publishedWithJson();
    const summary = JSON.parse(run.stdout) as { counts: { new: number }; entries: { total: number } };
    expect(summary.entries.total).toBe(9);
    expect(summary.counts.new).toBeGreaterThan(0);
  });
});

describe('broadsheet check and publish on broken content', () => {
  const EXPECTED_PROBLEMS = [
    /^entries\/2014\/bad-yaml\.md:2: title: malformed YAML: the value holds ": ", which YAML reads as the start of another field \(quote the value: title: "Unquoted: colon breaks YAML"\)$/,
    /^entries\/2014\/dup-a\.md: id: the id "same-id" is also used by entries\/2014\/dup-b\.md \(.+\)$/,
    /^entries\/2014\/dup-b\.md: id: the id "same-id" is also used by entries\/2014\/dup-a\.md \(.+\)$/,
    /^entries\/2014\/empty-title\.md:2: title: is empty \(.+\)$/,
    /^entries\/2014\/empty\.md: file: the file is empty \(.+\)$/,
    /^entries\/2014\/impossible-date\.md:5: date: 2014-13-45 is not a real date \(.+\)$/,
    /^entries\/2014\/javascript-url\.md:3: url: "javascript:alert\(1\)" is not an absolute http\(s\) URL \(.+\)$/,
    /^entries\/2014\/missing-title\.md: title: is missing \(.+\)$/,
    /^entries\/2014\/relative-url\.md:3: url: "\/articles\/1" is not an absolute http\(s\) URL \(.+\)$/,
  ];

  it('check reports every problem, one per line, and exits 1', async () => {
    const run = await runCli(['check', '--content', BROKEN]);
    expect(run.code).toBe(1);
    const lines = run.stderr.trim().split('\n');
    expect(lines.slice(0, -1)).toHaveLength(EXPECTED_PROBLEMS.length);
    lines.slice(0, -1).forEach((line, index) => expect(line).toMatch(EXPECTED_PROBLEMS[index]!));
    expect(lines.at(-1)).toMatch(/^9 problems in /);
  });

  it('check exits 0 on clean content', async () => {
    const run = await runCli(['check', '--content', TRICKY]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^9 entries checked in .*: no problems, 13 warnings$/m);
    expect(run.stderr).toBe(TRICKY_WARNING);
  });

  it('publish refuses, prints the same report without a stack trace, and leaves the output exactly as it was', async () => {
    const { content, out } = await publishedCopy();
    const before = await hashTree(out);
    await cp(join(BROKEN, 'entries/2014'), join(content, 'entries/broken'), { recursive: true });
    const run = await publishTo(out, content);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^entries\/broken\/impossible-date\.md:5: date: 2014-13-45 is not a real date/m);
    expect(run.stderr).toMatch(/nothing was written/);
    expect(run.stderr).not.toMatch(/^\s+at /m);
    expect(await hashTree(out)).toEqual(before);
  });

  it('publish --skip-invalid publishes the valid entries and lists the skipped ones', async () => {
    const out = await tempDir();
    const run = await publishTo(out, BROKEN, ['--skip-invalid']);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/^skipped 9 invalid entries:$/m);
    expect(run.stderr).toMatch(/^entries\/2014\/javascript-url\.md:3: url:/m);
    const rss = await readFile(join(out, 'rss.xml'), 'utf8');
    expect(rss).toContain('A good entry');
    expect(rss).not.toContain('Duplicate A');
  });
});

describe('broadsheet help and failures', () => {
  it('--help lists the commands', async () => {
    const run = await runCli(['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^\s+publish\s/m);
    expect(run.stdout).toMatch(/^\s+check\s/m);
  });

  it('publish --help describes every flag', async () => {
    const run = await runCli(['publish', '--help']);
    for (const flag of ['--content', '--out', '--now', '--dry-run', '--skip-invalid', '--json', '--quiet', '--debug']) expect(run.stdout).toContain(flag);
  });

  it('an unknown flag is a one-line usage error, exit 2', async () => {
    const run = await runCli(['publish', '--frobnicate']);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain('--frobnicate');
  });

  it('an unexpected failure exits 2 with one line, and the stack only with --debug', async () => {
    // An output whose manifest is a folder: nothing the CLI checks for, so the read of the manifest fails. (A state
    // folder that is a file is refused as in the way, a usage error: tests/e2e/cli/outputBlocked.test.ts.)
    const out = await tempDir();
    const state = join(out, '_broadsheet');
    await mkdir(join(state, 'manifest.json'), { recursive: true });
    const run = await publishTo(out);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain(join(state, 'manifest.json'));
    expect(run.stderr).not.toMatch(/^\s+at /m);
    const debug = await publishTo(out, TRICKY, ['--debug']);
    expect(debug.code).toBe(2);
    expect(debug.stderr).toMatch(/^\s+at /m);
  });
});
