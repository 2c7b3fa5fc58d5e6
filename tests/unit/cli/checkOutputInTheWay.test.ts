import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentFolder, entry, entryText, SITE } from '../../support/content.js';
import { runMain } from '../../support/runMain.js';
import { temporaryFolders } from '../../support/temporaryFolders.js';

// check --out said "no problems" of an output a publish then refused: a file where the publish needs a folder, a
// folder where it writes a file, files no publish wrote at names it writes (README, Commands: `check`). check builds
// nothing; it now names those, in publish's own words, from the names the publish would write.
const folders = temporaryFolders();
const NOW = '2014-06-01T00:00:00Z';
const A = entryText(entry({ title: 'A', url: 'https://news.example.com/a', date: '2014-05-08', tags: ['trade'] }));
const B = entryText(entry({ title: 'B', url: 'https://news.example.com/b', date: '2014-05-09', tags: ['trade', 'fish'] }));

interface Problem {
  file: string;
  field: string;
  message: string;
  fix: string;
}

async function checkOut(content: string, out: string): Promise<{ code: number | null; problems: Problem[] }> {
  const run = await runMain(['check', '--content', content, '--out', out, '--now', NOW, '--json']);
  return { code: run.code, problems: (JSON.parse(run.stdout) as { problems: Problem[] }).problems };
}

/** What publish --dry-run refuses, less the fix after the last `: ` (check gives its own). */
async function dryRunRefusal(content: string, out: string): Promise<string> {
  const run = await runMain(['publish', '--content', content, '--out', out, '--now', NOW, '--dry-run']);
  expect(run.code).toBe(2);
  return run.stderr.trim().replace(/^broadsheet publish: /, '');
}

describe('check --out and the files in the output a publish would refuse', () => {
  it('a file where the publish needs a folder, and a folder where it writes a file: each named, as publish names them', async () => {
    const content = folders.keep(await contentFolder({ site: SITE, entries: { '2014/a.md': A } }));
    const out = await folders.make('broadsheet-check-blocked-');
    await writeFile(join(out, 'tags'), 'my notes');
    // A's tag: tags/tags.json, then tags/trade/'s atom.xml, feed.json, index.html and rss.xml; in key order.
    const found = `${out}/tags is a file where this publish needs a folder (for tags/tags.json and 4 others)`;
    // Exit 2, as publish's refusal of the output (README, Commands): the content is not at fault.
    expect(await checkOut(content, out)).toEqual({ code: 2, problems: [{ file: `${out}/`, field: '--out', message: found, fix: `move it out of ${out}/ or remove it, before a publish` }] });
    expect(await dryRunRefusal(content, out)).toBe(`${found}: move it out of ${out}/ or remove it, then publish again; nothing was written`);

    // Two things in the way: publish's words for them, the site feed's folder among them.
    await mkdir(join(out, 'rss.xml'));
    const two = await checkOut(content, out);
    expect(two.problems.map((problem) => problem.message)).toEqual([`2 things in ${out}/ are in the way of this publish: rss.xml is a folder where it writes a file; tags is a file where it needs a folder (for tags/tags.json and 4 others)`]);
    expect(await dryRunRefusal(content, out)).toBe(`${two.problems[0]!.message}: move them out of ${out}/ or remove them, then publish again; nothing was written`);
  });

  it('after a publish, a file where a new tag needs its folder; the files published are not in the way', async () => {
    const content = folders.keep(await contentFolder({ site: SITE, entries: { '2014/a.md': A } }));
    const out = await folders.make('broadsheet-check-blocked-');
    expect((await runMain(['publish', '--content', content, '--out', out, '--now', NOW, '--quiet'])).code).toBe(0);
    expect(await checkOut(content, out)).toEqual({ code: 0, problems: [] });
    // B brings the tag fish: tags/fish/ holds its atom.xml, feed.json, index.html and rss.xml.
    await writeFile(join(content, 'entries/2014/b.md'), B);
    await writeFile(join(out, 'tags/fish'), 'my notes');
    const { code, problems } = await checkOut(content, out);
    expect(code).toBe(2);
    expect(problems.map((problem) => problem.message)).toEqual([`${out}/tags/fish is a file where this publish needs a folder (for tags/fish/atom.xml and 3 others)`]);
  });

  it('files no publish wrote at names a publish writes, in an output never published to; files at other names are let be', async () => {
    const content = folders.keep(await contentFolder({ site: SITE, entries: { '2014/a.md': A } }));
    const out = await folders.make('broadsheet-check-unclaimed-');
    await writeFile(join(out, 'notes.txt'), 'mine');
    expect(await checkOut(content, out)).toEqual({ code: 0, problems: [] });
    // The home page, a file the pages' builder makes (only a build names it), and A's tag feed.
    await writeFile(join(out, 'index.html'), '<p>mine</p>');
    await mkdir(join(out, 'tags/trade'), { recursive: true });
    await writeFile(join(out, 'tags/trade/rss.xml'), '<rss/>');
    const found = `${out}/ holds 2 files that no publish wrote and this one would overwrite (index.html, tags/trade/rss.xml)`;
    expect(await checkOut(content, out)).toEqual({
      code: 2,
      problems: [{ file: `${out}/`, field: '--out', message: found, fix: `publish to an empty folder (--out NEW), or move them out of ${out}/ first (or overwrite them: broadsheet publish --replace-unclaimed)` }],
    });
    expect((await dryRunRefusal(content, out)).startsWith(`${found}: `)).toBe(true);
  });
});

describe('check --out’s summary line', () => {
  it('names the output for the output’s problems, and each place for its own count when both have some', async () => {
    const content = folders.keep(await contentFolder({ site: SITE, entries: { '2014/a.md': A } }));
    const out = await folders.make('broadsheet-check-summary-');
    await writeFile(join(out, 'tags'), 'my notes');
    const outputOnly = await runMain(['check', '--content', content, '--out', out, '--now', NOW]);
    // Exit 2 for the output's problems alone, 1 once the content has one: publish refuses invalid content first.
    expect(outputOnly.code).toBe(2);
    expect(outputOnly.stderr.trim().split('\n').at(-1)).toBe(`1 problem in ${out}/`);
    // An entry with no url: a problem in the content; A alone is planned, and still needs tags/ for a folder.
    await writeFile(join(content, 'entries/2014/b.md'), entryText(entry({ title: 'B', url: undefined, date: '2014-05-09' })));
    const both = await runMain(['check', '--content', content, '--out', out, '--now', NOW]);
    expect(both.code).toBe(1);
    expect(both.stderr.trim().split('\n').at(-1)).toBe(`1 problem in ${content}/ and 1 in ${out}/`);
    const json = await runMain(['check', '--content', content, '--out', out, '--now', NOW, '--json']);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, message: `1 problem in ${content}/ and 1 in ${out}/`, problems: [{ file: 'entries/2014/b.md' }, { file: `${out}/`, field: '--out' }] });
  });
});

describe('check --out over or inside the content', () => {
  it('is refused as publish refuses it, exit 2: it would serve site.yml and the drafts', async () => {
    const content = folders.keep(await contentFolder({ site: SITE, entries: { '2014/a.md': A } }));
    const inside = join(content, 'site');
    const check = await runMain(['check', '--content', content, '--out', inside, '--now', NOW]);
    const refusal = `--out: ${inside} is inside the content folder ${content}; write the output elsewhere (e.g. --out public), or site.yml, the drafts and subscribers.txt would be served`;
    // The content is checked first, as a plain check would: clean, it says so, and the refusal is the last line.
    expect({ code: check.code, stdout: check.stdout, stderr: check.stderr.trim().split('\n') }).toEqual({ code: 2, stdout: '', stderr: [`1 entry checked in ${content}/: no problems`, `broadsheet check: ${refusal}`] });
    const publish = await runMain(['publish', '--content', content, '--out', inside, '--now', NOW, '--dry-run']);
    expect({ code: publish.code, stderr: publish.stderr.trim() }).toEqual({ code: 2, stderr: `broadsheet publish: ${refusal}` });
  });

  // check stopped at the overlap, before reading the content: the editor moved --out, ran again, and only then saw
  // the content's problems. One run now tells both, exit 2 as before.
  it("lists the content's problems too, then the refusal, exit 2; --json gives both in one refusal", async () => {
    const noTitle = A.replace(/^title: .*\n/m, '');
    const content = folders.keep(await contentFolder({ site: SITE, entries: { '2014/a.md': noTitle, '2014/b.md': B } }));
    const inside = join(content, 'site');
    const refusal = `--out: ${inside} is inside the content folder ${content}; write the output elsewhere (e.g. --out public), or site.yml, the drafts and subscribers.txt would be served`;
    const plain = await runMain(['check', '--content', content, '--now', NOW]);
    expect(plain.code).toBe(1);
    const problemLine = plain.stderr.split('\n').find((line) => line.startsWith('entries/2014/a.md'))!;
    expect(problemLine).toMatch(/^entries\/2014\/a\.md(:\d+)?: title: /);
    const check = await runMain(['check', '--content', content, '--out', inside, '--now', NOW]);
    expect({ code: check.code, stderr: check.stderr.trim().split('\n') }).toEqual({ code: 2, stderr: [problemLine, `1 problem in ${content}/`, `broadsheet check: ${refusal}`] });
    const json = await runMain(['check', '--content', content, '--out', inside, '--now', NOW, '--json']);
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, command: 'check', error: 'UsageError', message: refusal, entries: 2, problems: [{ file: 'entries/2014/a.md', field: 'title' }] });
  });
});
