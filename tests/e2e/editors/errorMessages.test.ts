import { chmod, mkdir, mkdtemp, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli.js';
import { contentFolder, settledContentFolder, SITE } from '../../support/content.js';
import { once } from '../../support/once.js';

/**
 * One bad entry of each kind, through the real CLI: every message names the file, the line when YAML
 * gives one, the field, and says what would fix it, as `FILE[:LINE]: field: message (fix)`. Never a stack trace.
 */
const GOOD = (url: string) => `---\ntitle: Fine\nurl: ${url}\nsource: Src\ndate: 2014-05-01\n---\nBody.\n`;

// Every bad entry lives in one content folder, checked by one CLI run (a CLI start costs about a second);
// each is in its own file, so each message stands on its own.
const BAD: Record<string, string> = {};
BAD['empty.md'] = '';
BAD['bare.md'] = 'title: no fences\nurl: https://x.example/a\n';
BAD['open.md'] = '---\ntitle: T\nurl: https://x.example/a\nsource: S\ndate: 2014-05-01\n';
BAD['colon.md'] = '---\ntitle: T\nurl: https://x.example/a\nsource: Src: with colon\ndate: 2014-05-01\n---\n';
BAD['quote.md'] = '---\ntitle: T\nurl: https://x.example/a\nsource: Src\ndate: "2014-05-01\ntags: [a]\n---\n';
BAD['list.md'] = '---\ntitle: T\nurl: https://x.example/a\nsource: Src\ndate: 2014-05-01\ntags: [China, Trade\nsummary: S\n---\n';
BAD['nourl.md'] = '---\ntitle: T\nsource: Src\ndate: 2014-05-01\n---\n';
BAD['date.md'] = '---\ntitle: T\nurl: https://x.example/a\nsource: Src\ndate: 2014-13-01\n---\n';
BAD['url.md'] = '---\ntitle: T\nurl: www.example.com/e\nsource: Src\ndate: 2014-05-01\n---\n';
BAD['src.md'] = '---\ntitle: T\nurl: https://x.example/a\nsource:\n  name: Src\n  url: example.org\ndate: 2014-05-01\n---\n';
// Typed in TextEdit: its autocorrect made the quotes typographic, and the fences dashes.
BAD['curly.md'] = '---\ntitle: \u201CKim: the visit\u201D\nurl: https://x.example/a\nsource: Src\ndate: 2014-05-01\n---\n';
BAD['dash.md'] = '\u2014-\ntitle: T\nurl: https://x.example/a\nsource: Src\ndate: 2014-05-01\n\u2014-\n';
BAD['twice.md'] = '---\ntitle: T\nurl: https://x.example/a\nsource: Src\ntitle: T2\ndate: 2014-05-01\n---\n';
// A leading ! YAML reads as a tag, and would publish the title as "y".
BAD['tagged.md'] = '---\ntitle: ! y\nurl: https://x.example/a\nsource: Src\ndate: 2014-05-01\n---\n';
BAD['draft.md'] = '---\ntitle: T\nurl: https://x.example/a\nsource: Src\ndate: 2014-05-01\ndraft: yes\n---\n';
// From another tool: Jekyll's way to keep a post back, and Hugo's TOML front matter.
BAD['unpublished.md'] = '---\ntitle: T\nurl: https://x.example/a\nsource: Src\ndate: 2014-05-01\npublished: false\n---\n';
BAD['toml.md'] = '+++\ntitle = "T"\nurl = "https://x.example/a"\n+++\n';
// Jekyll's post name: the date to add is the one it begins with.
BAD['2014-05-12-jekyll-post.md'] = '---\ntitle: T\nurl: https://x.example/a\nsource: Src\n---\n';
BAD['locked.md'] = GOOD('https://x.example/locked');
// Published, then made unreadable: an entry saved again as .md.txt, one replaced by an .html post, and a folder of
// entries that can be listed but not entered.
const PUBLISHED: Record<string, string> = {
  'gone.md': GOOD('https://x.example/gone'),
  'posted.md': GOOD('https://x.example/posted'),
  'sealed/a.md': GOOD('https://x.example/sealed-a'),
  'sealed/b.md': GOOD('https://x.example/sealed-b'),
};
let report: { lines: string[]; code: number | null; stderr: string } | undefined;

async function checkOne(name: string): Promise<{ lines: string[]; code: number | null; stderr: string }> {
  if (!report) {
    const entries = Object.fromEntries(Object.entries({ ...BAD, ...PUBLISHED }).map(([file, body]) => [`2014/${file}`, body]));
    // Saved an hour ago: the entry index holds no file as racy, which the next load would read again whatever its version.
    const dir = await settledContentFolder({ site: SITE, entries: { '2014/good.md': GOOD('https://news.example.com/good'), ...entries } });
    // Published while every file could be read, by the same code (an entry index made by other code is never reused):
    // check --out then has the index, which holds each file at the version (size, mtime, inode) a chmod leaves as it was.
    const out = await mkdtemp(join(tmpdir(), 'broadsheet-unreadable-out-'));
    const published = await runCli(['publish', '--content', dir, '--out', out, '--now', '2014-06-01T00:00:00Z', '--skip-invalid']);
    expect(published.code, published.stderr).toBe(0);
    const entry = (path: string) => join(dir, 'entries/2014', path);
    await rename(entry('gone.md'), entry('gone.md.txt'));
    await rm(entry('posted.md'));
    await writeFile(entry('posted.html'), GOOD('https://x.example/posted'));
    // Files the user checking cannot read. Root reads a file whatever its mode: as root, the run is nobody's, in
    // folders it may enter.
    for (const path of ['locked.md', 'gone.md.txt', 'posted.html']) await chmod(entry(path), 0o000);
    await chmod(entry('sealed'), 0o644);
    const user = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : undefined;
    for (const start of [join(dir, 'entries/2014'), out]) {
      for (let folder = start; user && folder !== dirname(folder); folder = dirname(folder)) {
        const { mode } = await stat(folder);
        if (!(mode & 0o005)) await chmod(folder, mode | 0o005);
      }
    }
    const run = await runCli(['check', '--content', dir, '--out', out], user ? { user } : {});
    // Entered again, so the run's temporary folder can be removed.
    await chmod(entry('sealed'), 0o755);
    report = { lines: run.stderr.trim().split('\n'), code: run.code, stderr: run.stderr };
  }
  expect(report.stderr).not.toMatch(/^\s+at /m);
  const prefix = `entries/2014/${name}`;
  const lines = report.lines.filter((line) => line.startsWith(`${prefix}:`));
  expect(lines, `no problem reported for ${prefix}:\n${report.stderr}`).toHaveLength(1);
  return { lines, code: report.code, stderr: report.stderr };
}

/** Parses `FILE[:LINE]: field: message (fix)`. */
function parse(line: string) {
  const match = /^(?<file>[^:\s]+)(?::(?<line>\d+))?: (?<field>[^:]+): (?<message>.+) \((?<fix>[^()]*(?:\([^()]*\)[^()]*)*)\)$/.exec(line);
  expect(match, `not in the FILE[:LINE]: field: message (fix) form: ${line}`).not.toBeNull();
  return match!.groups as { file: string; line?: string; field: string; message: string; fix: string };
}

// Entries each refused by a rule below, each in its own file, in one content folder: one check and one publish (over
// an output folder holding an earlier file) for all, each test asserting its own file's lines.
const refusedAtOnce = once(async () => {
  const dir = await contentFolder({
    site: SITE,
    entries: {
      '2014/one.md': '---\nid: same\ntitle: T\nurl: https://x.example/1\nsource: S\ndate: 2014-05-01\n---\n',
      '2014/two.md': '---\nid: same\ntitle: T\nurl: https://x.example/2\nsource: S\ndate: 2014-05-01\n---\n',
      '2014/date.md': '---\ntitle: T\nurl: https://x.example/a\nsource: Src\ndate: 2014-13-01\n---\n',
      // A WordPress title with "#1" converted to front matter unquoted.
      '2014/ranks.md': '---\ntitle: Rason port ranks #1 in trade\nurl: https://x.example/1\nsource: S\ndate: 2014-05-01\n---\nBody.\n',
      '2014/tags.md': '---\ntitle: T\nurl: https://x.example/1\nsource: S\ndate: 2014-05-01\ntags: #trade #china\n---\nBody.\n',
      '2014/flow.md': '---\ntitle: T\nurl: https://x.example/1\nsource: S\ndate: 2014-05-01\ntags: [Trade, Rason #port]\nsummary: Fine.\n---\nBody.\n',
      '2014/export.md': '---\ntitle: T\nurl: https://x.example/1\nsource: S\ndate: 2014-05-08 09:30:00 +0900\n---\nBody.\n',
    },
  });
  const check = await runCli(['check', '--content', dir]);
  const out = join(dir, '..', `${dir.split('/').pop()}-out`);
  await mkdir(out, { recursive: true });
  await writeFile(join(out, 'keep.txt'), 'previous output');
  const publish = await runCli(['publish', '--content', dir, '--out', out, '--now', '2014-06-01T00:00:00+09:00']);
  const lines = check.stderr.trim().split('\n');
  return { check, publish, out, problems: (file: string) => lines.filter((line) => line.startsWith(`entries/2014/${file}:`)) };
});

// Entries each warned of by a rule below, in one content folder: one check for all.
const warnedAtOnce = once(async () => {
  const check = await runCli(['check', '--content', await contentFolder({
    site: SITE,
    entries: {
      '2014/pier.md': '---\ntitle: T\nurl: https://x.example/1\nsource: S\ndate: 2014-05-08\n---\n[caption id="attachment_42"]<img src="https://x.example/p.png" alt="Pier"> The pier[/caption]\n\nThe new pier opened.\n',
      '2014/chart.md': '---\ntitle: T\nurl: https://x.example/2\nsource: S\ndate: 2014-05-09\n---\nCoal exports rose.\n\n![Coal exports](./chart.png)\n',
      '2014/att.md': '---\ntitle: <b>AT&amp;T</b> reports\nurl: https://x.example/3\nsource: S\ndate: 2014-05-10\n---\nThe results.\n',
      '2014/visit.md': '---\ntitle: "Kim Jong Un&#8217;s visit"\nurl: https://x.example/4\nsource: S\ndate: 2014-05-08\n---\nThe visit.\n',
      '2014/wrapped.md': '---\nurl: https://x.example/5\ntitle: "Port of Rason:\\r\\n  a new pier"\nsource: S\ndate: 2014-05-09\n---\nThe pier.\n',
    },
  })]);
  const said = check.stderr.trim().split('\n');
  // Every line the check gives is one of these entries' warnings.
  expect(said.every((line) => /^warning: entries\/2014\/(pier|chart|att|visit|wrapped)\.md[:]/.test(line)), check.stderr).toBe(true);
  return { check, lines: (...files: string[]) => said.filter((line) => files.some((file) => line.startsWith(`warning: entries/2014/${file}:`))) };
});

describe('check: one bad entry of each kind', () => {
  it('an empty file: names the file and says how to start one', async () => {
    const { lines, code } = await checkOne('empty.md');
    expect(code).toBe(1);
    expect(parse(lines[0]!)).toMatchObject({ file: 'entries/2014/empty.md', field: 'file', message: 'the file is empty' });
    expect(parse(lines[0]!).fix).toContain('---');
  });

  it('a file the user cannot read: names it, why and the fix, the others checked; with --out too, where the entry index holds it at the version a chmod leaves', async () => {
    const { lines, code } = await checkOne('locked.md');
    expect(code).toBe(1);
    expect(lines[0]).toBe('entries/2014/locked.md: file: cannot be read: permission denied (fix its permissions so the user publishing can read it (chmod u+r locked.md, or on Windows its Security tab), or move it out of entries/)');
  });

  it('a published entry renamed .md.txt or replaced by an .html post, unreadable: refused as the rename is, saying it cannot be told', async () => {
    const told = (file: string, entry: string) =>
      `entries/2014/${file}: file: is in the place of the published entry entries/2014/${entry}, which is gone, but cannot be read (permission denied), so whether it is that entry under another name cannot be told; a publish would take that entry down (fix its permissions so the user publishing can read it (chmod u+r ${file}, or on Windows its Security tab), then check again; or delete this file if you meant to take the entry down)`;
    expect((await checkOne('gone.md.txt')).lines).toEqual([told('gone.md.txt', 'gone.md')]);
    expect((await checkOne('posted.html')).lines).toEqual([told('posted.html', 'posted.md')]);
  });

  it('a folder that can be listed but not entered: one problem for the folder, with chmod u+x, none for each file in it', async () => {
    const { lines, stderr } = await checkOne('sealed/');
    expect(lines).toEqual(['entries/2014/sealed/: file: cannot be read: it can be listed but not entered (it lacks the x permission), so none of the files in it can be read (fix its permissions so the user publishing can enter it (chmod u+x sealed), or move it out of entries/)']);
    expect(stderr).not.toMatch(/^entries\/2014\/sealed\/[ab]\.md:/m);
  });

  it('no front matter: says to open with a --- line', async () => {
    const { lines } = await checkOne('bare.md');
    expect(parse(lines[0]!)).toMatchObject({ file: 'entries/2014/bare.md', field: 'file', message: 'no front matter' });
    expect(parse(lines[0]!).fix).toMatch(/start the file with a line ---/);
    // Its first line a dash an autocorrect made of ---: named, with the hyphens to write.
    expect((await checkOne('dash.md')).lines[0]).toBe("entries/2014/dash.md:1: file: no front matter: the first line is \"\u2014-\", a dash where --- should be: an editor's autocorrect turned the hyphens into a dash (write three hyphens, ---, in place of the dash, here and on the line that closes the front matter)");
  });

  it('front matter never closed: says to add the closing ---', async () => {
    const { lines } = await checkOne('open.md');
    expect(parse(lines[0]!)).toMatchObject({ file: 'entries/2014/open.md', field: 'file', message: 'the front matter is not closed' });
  });

  it('malformed YAML: gives the file line YAML reports, the field on it, why, and the line quoted', async () => {
    // Line 4 of the file: an unquoted value containing ": ".
    const { lines } = await checkOne('colon.md');
    expect(parse(lines[0]!)).toEqual({ file: 'entries/2014/colon.md', line: '4', field: 'source', message: 'malformed YAML: the value holds ": ", which YAML reads as the start of another field', fix: 'quote the value: source: "Src: with colon"' });
    // A key given twice: both its lines.
    expect((await checkOne('twice.md')).lines[0]).toBe('entries/2014/twice.md:5: title: malformed YAML: title: is given twice, and a key may be given once (remove one of the two title: lines (lines 2 and 5))');
    // In typographic quotes, which the editor took for quotes.
    expect(parse((await checkOne('curly.md')).lines[0]!)).toEqual({ file: 'entries/2014/curly.md', line: '2', field: 'title', message: 'malformed YAML: \u201C and \u201D are typographic quotes, which YAML does not read as quotes: it needs straight "', fix: 'write straight quotes: title: "Kim: the visit"' });
  });

  it('a YAML tag (a leading !): refused, with the line quoted', async () => {
    expect((await checkOne('tagged.md')).lines[0]).toBe('entries/2014/tagged.md:2: title: a value beginning with "!" is read by YAML as a tag (the name of a type), not as text (quote the value: title: "! y")');
  });

  it('an unclosed quote: the line that opens it (not the next field, where YAML gives up) and the closed line', async () => {
    const { lines } = await checkOne('quote.md');
    expect(parse(lines[0]!)).toMatchObject({ file: 'entries/2014/quote.md', line: '5', field: 'date', message: 'malformed YAML: the " that opens this value is never closed', fix: 'close it on the same line: date: "2014-05-01"' });
  });

  it('an unclosed list: the line that opens it, and the list closed', async () => {
    const { lines } = await checkOne('list.md');
    expect(parse(lines[0]!)).toMatchObject({ file: 'entries/2014/list.md', line: '6', field: 'tags', fix: 'close it on the same line: tags: [China, Trade]' });
  });

  it('a missing required field: names it and what to add', async () => {
    const { lines } = await checkOne('nourl.md');
    expect(parse(lines[0]!)).toMatchObject({ file: 'entries/2014/nourl.md', field: 'url', message: 'is missing' });
    expect(parse(lines[0]!).fix).toMatch(/add url: with the absolute https address/);
  });

  it('an impossible date: gives its line and what to check', async () => {
    const { lines } = await checkOne('date.md');
    expect(parse(lines[0]!)).toMatchObject({ file: 'entries/2014/date.md', line: '5', field: 'date', message: '2014-13-01 is not a real date' });
    expect(parse(lines[0]!).fix).toMatch(/month \(01-12\)/);
  });

  it('a relative URL: gives its line and the full address to write', async () => {
    const { lines } = await checkOne('url.md');
    expect(parse(lines[0]!)).toMatchObject({ file: 'entries/2014/url.md', line: '3', field: 'url', message: '"www.example.com/e" is not an absolute http(s) URL' });
    expect(parse(lines[0]!).fix).toBe('write url: https://www.example.com/e, with its https://');
  });

  it('a nested field: names the path of the field (source.url) and its own line', async () => {
    const { lines } = await checkOne('src.md');
    // Line 6: the url: inside source:, not source:'s own line.
    expect(parse(lines[0]!)).toMatchObject({ file: 'entries/2014/src.md', line: '6', field: 'source.url' });
  });

  it('a wrong type: draft must be true or false', async () => {
    const { lines } = await checkOne('draft.md');
    expect(parse(lines[0]!)).toMatchObject({ file: 'entries/2014/draft.md', line: '6', field: 'draft', message: '"yes" is not true or false', fix: 'write draft: true or draft: false' });
  });

  it("another tool's front matter: published: false refused with draft: true to write, TOML named as such", async () => {
    expect((await checkOne('unpublished.md')).lines[0]).toBe("entries/2014/unpublished.md:6: published: is not read: it is Jekyll's way to keep a post unpublished, and the entry would be published to every feed (write draft: true in its place)");
    expect((await checkOne('toml.md')).lines[0]).toBe('entries/2014/toml.md:1: file: front matter in TOML (+++) is not read (write it as YAML between --- lines (title: … for title = …))');
  });

  it("a Jekyll post's missing date: the date its file name begins with", async () => {
    expect((await checkOne('2014-05-12-jekyll-post.md')).lines[0]).toBe("entries/2014/2014-05-12-jekyll-post.md: date: is missing (add date: 2014-05-12, the date the file's name begins with, which Jekyll took as the post's date)");
  });

  it('two entries with one id: names the other file', async () => {
    const { problems } = await refusedAtOnce();
    expect(problems('one.md').map(parse)).toMatchObject([{ file: 'entries/2014/one.md', field: 'id', message: 'the id "same" is also used by entries/2014/two.md' }]);
  });

  it('a misspelt field: a warning with its line and the known fields, and the check passes', async () => {
    // Beside it, an entry Windows Notepad saved as visit.md.txt.
    // And what an export from Jekyll or WordPress leaves: a post saved as .html, a space-separated tags:, and six
    // Hugo shortcodes, one warning grouped over files with no line.
    const hugo = Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`2014/hugo${i}.md`, `${GOOD(`https://x.example/h${i}`)}{{< tweet 10 >}}\n`]));
    // And a site title with HTML in it, an image over http://, and a shortcode shown in code, which is no warning.
    const more = { '2014/mixed.md': `${GOOD('https://x.example/m')}![Chart](http://stats.example.com/c.png)\n`, '2014/docs.md': `${GOOD('https://x.example/d')}Write \`[caption]\` in WordPress.\n` };
    const run = await runCli(['check', '--content', await contentFolder({ site: { ...SITE, title: 'Test &amp; Watch' }, entries: { ...more, '2014/typo.md': '---\ntitle: T\nurl: https://x.example/a\nsource: S\ndate: 2014-05-01\nsumary: oops\n---\n', '2014/visit.md.txt': GOOD('https://x.example/v'), '2014/upper.md': '---\ntitle: T\nurl: https://x.example/u\nsource: S\ndate: 2014-05-01\nSummary: S.\n---\n', '2014/2014-05-01-wp.html': GOOD('https://x.example/w'), '2014/jekyll.md': '---\ntitle: T\nurl: https://x.example/j\nsource: S\ndate: 2014-05-01\ntags: Russia China\n---\n', ...hugo } })]);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('warning: entries/2014/2014-05-01-wp.html: file: is not published: it begins with front matter, as a Jekyll or WordPress export writes a post, but only files ending in .md are entries (rename it to 2014-05-01-wp.md: its HTML is published as written)');
    expect(run.stderr).toContain('warning: entries/2014/jekyll.md:6: tags: "Russia China" is one tag with a space in it, where Jekyll read 2 tags (write tags: [Russia, China] for 2 tags, or tags: [Russia China] for one tag)');
    expect(run.stderr).toMatch(/^warning: entries\/2014\/hugo0\.md, entries\/2014\/hugo1\.md, entries\/2014\/hugo2\.md and 3 more files: body: holds the Hugo shortcode "\{\{< tweet 10 >\}\}", which readers are shown as typed \(/m);
    expect(run.stderr).toContain('warning: site.yml:1: title: holds the HTML character reference "&amp;", which readers are shown as typed: titles are plain text (write it as plain text: title: Test & Watch)');
    expect(run.stderr).toContain('warning: entries/2014/mixed.md: body: shows the image "http://stats.example.com/c.png" over plain http://, which browsers block or flag as mixed content on the site\'s https:// pages, and so do some feed readers (write https://stats.example.com/c.png if stats.example.com serves it over https:// (open it to see), or put a copy of the image where https:// reaches it)');
    expect(run.stderr).not.toContain('docs.md');
    expect(run.stderr).toContain('warning: entries/2014/visit.md.txt: file: is not published: the editor saved it with an extra extension (.txt), and only files ending in .md are entries (rename it to visit.md)');
    // A known field in another case: the key to write.
    expect(run.stderr).toContain('warning: entries/2014/upper.md:6: Summary: is not a known field and is ignored (keys are lowercase: write summary:)');
    const warning = run.stderr.trim().split('\n').find((line) => line.includes('typo.md'))!;
    expect(warning.startsWith('warning: ')).toBe(true);
    expect(parse(warning.slice('warning: '.length))).toMatchObject({ file: 'entries/2014/typo.md', line: '6', field: 'sumary', message: 'is not a known field and is ignored' });
    expect(warning).toContain('summary');
  });

  it('a bad site.yml: names site.yml, the field and a valid example', async () => {
    const dir = await contentFolder({ site: { ...SITE, timezone: 'Korea/Seoul' }, entries: { '2014/good.md': GOOD('https://news.example.com/good') } });
    const run = await runCli(['check', '--content', dir]);
    expect(run.code).toBe(1);
    expect(parse(run.stderr.trim().split('\n')[0]!)).toMatchObject({ file: 'site.yml', field: 'timezone', message: '"Korea/Seoul" is not an IANA time zone' });
  });
});

describe('publish refuses bad content with the same messages', () => {
  it('exits 1, lists the problem as check does, writes nothing, and shows no stack trace', async () => {
    const { publish: run, out } = await refusedAtOnce();
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('entries/2014/date.md:5: date: 2014-13-01 is not a real date (check the month (01-12) and the day of the month)');
    expect(run.stderr).toMatch(/nothing was written/);
    expect(run.stderr).not.toMatch(/^\s+at /m);
    expect(await readdir(out)).toEqual(['keep.txt']);
  });
});

describe('a file whose name is not UTF-8', () => {
  it('check and publish name it and the fix (never "empty", never ENOENT); --skip-invalid publishes the others', async () => {
    const dir = await contentFolder({ site: SITE, entries: { '2014/good.md': GOOD('https://news.example.com/good') } });
    // caf + the Latin-1 byte of é: a name an editor's old tool may write; the bytes listed decode to caf\uFFFD.
    await writeFile(Buffer.concat([Buffer.from(join(dir, 'entries', '2014', 'caf')), Buffer.from([0xe9]), Buffer.from('.md')]), GOOD('https://news.example.com/cafe'));
    const expected = 'entries/2014/caf\uFFFD.md: file: cannot be read by the name it is listed under';
    const check = await runCli(['check', '--content', dir]);
    expect(check.code).toBe(1);
    expect(check.stderr).toContain(expected);
    expect(check.stderr).toContain('(rename the file with UTF-8 letters, digits and hyphens)');
    const out = join(dir, '..', `${dir.split('/').pop()}-out`);
    const publish = await runCli(['publish', '--content', dir, '--out', out, '--now', '2014-06-01T00:00:00+09:00']);
    expect(publish.code).toBe(1);
    expect(publish.stderr).toContain(expected);
    expect(publish.stderr).not.toContain('unexpected');
    const skipping = await runCli(['publish', '--content', dir, '--out', out, '--now', '2014-06-01T00:00:00+09:00', '--skip-invalid']);
    expect(skipping.code, skipping.stderr).toBe(0);
    expect(skipping.stdout).toContain('1 of 2 entries (1 skipped)');
  });
});

// A WordPress title with "#1" converted to front matter unquoted: YAML makes the rest a comment, and the entry would
// be published as "Rason port ranks". check names it; publish refuses and writes nothing.
describe('a text value cut short by a YAML comment', () => {
  it('is one line from check and publish, with the line, the text left out and the quoted value; exit 1, nothing written', async () => {
    const { check, problems, publish, out } = await refusedAtOnce();
    const line = 'entries/2014/ranks.md:2: title: "#1 in trade" is read as a YAML comment (a # after a space) and left out: "Rason port ranks" would be published (quote the value: title: "Rason port ranks #1 in trade")';
    expect(check.code).toBe(1);
    expect(problems('ranks.md')).toEqual([line]);
    // A hashtag as the whole value (YAML reads nothing): one line naming the field empty, not "is missing".
    expect(problems('tags.md')).toEqual(['entries/2014/tags.md:6: tags: "#trade #china" is read as a YAML comment (a # after a space), so tags is empty (write the tags without #: tags: [trade, china], or quote each one: tags: ["#trade", "#china"])']);
    expect(publish.code).toBe(1);
    expect(publish.stderr).toContain(line);
    expect(await readdir(out)).toEqual(['keep.txt']);
  });

  it("in a flow list, where it hides the ]: the list's line, naming the # as the cause, not the next line js-yaml stops at", async () => {
    const { check, problems } = await refusedAtOnce();
    expect(check.code).toBe(1);
    expect(problems('flow.md')).toEqual(['entries/2014/flow.md:6: tags: malformed YAML: the [ that opens this list is never closed, since the # in "#port]" starts a comment that hides the rest of the line (put the text that holds the # in double quotes)']);
  });
});

// A CMS export's every post carries fields Broadsheet does not know (layout:, wordpress_id:): a line each would
// drown the problems that matter, so one warning many files share is one line, and the summary counts them.
describe('check on an export whose every entry has an unknown field', () => {
  it('prints that warning once, naming three files and how many more, and counts the warnings in its summary', async () => {
    const entries = Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`2014/post-${i}.md`, `---\ntitle: T${i}\nurl: https://x.example/${i}\nsource: S\ndate: 2014-05-0${i + 1}\nlayout: post\n---\nBody.\n`]));
    const run = await runCli(['check', '--content', await contentFolder({ site: SITE, entries })]);
    expect(run.code).toBe(0);
    expect(run.stderr.trim().split('\n')).toEqual([
      'warning: entries/2014/post-0.md, entries/2014/post-1.md, entries/2014/post-2.md and 5 more files: layout: is not a known field and is ignored (remove it: every entry is laid out by the site)',
    ]);
    expect(run.stdout.trim()).toMatch(/^8 entries checked in .*: no problems, 8 warnings$/);
  });
});

// jekyll-import and WordPress exports write `date: 2014-05-08 09:30:00 +0900`: check names the RFC 3339 rewrite.
describe('a date-time with its offset apart or without its colon', () => {
  it('is one line naming the exact rewrite', async () => {
    const { check, problems } = await refusedAtOnce();
    expect(check.code).toBe(1);
    expect(problems('export.md')).toEqual(['entries/2014/export.md:5: date: "2014-05-08 09:30:00 +0900" is not a date (write it as RFC 3339 has it: 2014-05-08T09:30:00+09:00)']);
  });
});

describe('a WordPress shortcode left in an imported body, and an image with a relative address', () => {
  it('is a warning from check, which passes', async () => {
    const { check, lines } = await warnedAtOnce();
    expect(check.code).toBe(0);
    expect(lines('chart.md', 'pier.md')).toEqual([
      `warning: entries/2014/chart.md: body: shows the image "./chart.png", a relative address: it becomes ${new URL('chart.png', (SITE as { url: string }).url).href}, and a publish writes no image there (give the image's full https address, or put the file at that address yourself)`,
      'warning: entries/2014/pier.md: body: holds the WordPress shortcode "[caption id=\\"attachment_42\\"]", which readers are shown as typed (write what it stands for in Markdown or HTML (an image with its caption, a link), or remove it)',
    ]);
  });
});

describe('HTML in a title (a tag, a character reference an export left), and a line break typed in one', () => {
  it('is a warning from check naming it and the title to write, and check passes', async () => {
    const { check, lines } = await warnedAtOnce();
    expect(check.code).toBe(0);
    expect(lines('att.md', 'visit.md', 'wrapped.md')).toEqual([
      'warning: entries/2014/att.md:2: title: holds the HTML tag "<b>", which readers are shown as typed: titles are plain text (write it as plain text: title: AT&T reports)',
      'warning: entries/2014/visit.md:2: title: holds the HTML character reference "&#8217;", which readers are shown as typed: the field is plain text (write the characters themselves: "Kim Jong Un\u2019s visit")',
      'warning: entries/2014/wrapped.md:3: title: holds a line break, which each feed, page and mail shows its own way: the field is one line (write it on one line: "Port of Rason: a new pier")',
    ]);
  });
});
