import { readdir, readFile, stat } from 'node:fs/promises';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATE_OUTLIER_YEARS, FEED_CONTENT_MAX_CHARS, MAX_BODY_NESTING, MAX_ENTRY_BYTES, MAX_RELATED_PER_ENTRY, MAX_TAGS_PER_ENTRY, MAX_TEXT_CHARS } from '../../../lib/content/limits.js';
import { runCli } from '../../support/cli.js';
import { contentFolder, entry, entryText, SITE } from '../../support/content.js';
import { siteYaml } from '../../support/digestFixtures.js';

/**
 * The limits that keep a publish bounded, through the real CLI: `check` reports each as
 * `FILE[:LINE]: field: message (fix)`, publish refuses it and writes nothing, and what is accepted stays
 * in proportion to the content.
 */

const NOW = '2014-06-01T00:00:00+09:00';
const tagList = (count: number, prefix: string) => Array.from({ length: count }, (_, i) => `${prefix} ${i}`);

/** Every file under `dir` with its size, `_broadsheet/` left out. */
async function files(dir: string): Promise<Map<string, number>> {
  const sizes = new Map<string, number>();
  for (const name of await readdir(dir, { recursive: true })) {
    const path = join(dir, name);
    if (name.startsWith('_broadsheet') || !(await stat(path)).isFile()) continue;
    sizes.set(name.split('\\').join('/'), (await stat(path)).size);
  }
  return sizes;
}

const outDir = () => mkdtemp(join(tmpdir(), 'broadsheet-out-'));

/** Publishes `dir` with --skip-invalid: it succeeds, says `expected`, and the site feed has the one article and not the other. */
async function publishSkipping(dir: string, expected: string | string[], kept: string, left: string | string[]): Promise<void> {
  const out = await outDir();
  const skipped = await runCli(['publish', '--content', dir, '--out', out, '--now', NOW, '--skip-invalid']);
  expect(skipped.code, skipped.stderr).toBe(0);
  for (const line of [expected].flat()) expect(skipped.stdout + skipped.stderr).toContain(line);
  const rss = await readFile(join(out, 'rss.xml'), 'utf8');
  expect(rss).toContain(kept);
  for (const url of [left].flat()) expect(rss).not.toContain(url);
}

describe('tags and related links per entry', () => {
  it(`check and publish refuse an entry of ${MAX_TAGS_PER_ENTRY + 1} tags or ${MAX_RELATED_PER_ENTRY + 1} related links, naming the file, the line and the field`, async () => {
    const related = Array.from({ length: MAX_RELATED_PER_ENTRY + 1 }, (_, i) => ({ title: `Link ${i}`, url: `https://news.example.com/r${i}` }));
    const linked = entryText(entry({ url: 'https://news.example.com/linked', related }));
    const relatedLine = linked.split('\n').indexOf('related:') + 1;
    const dir = await contentFolder({ site: SITE, entries: { '2014/many.md': entryText(entry({ tags: tagList(MAX_TAGS_PER_ENTRY + 1, 'T') })), '2014/linked.md': linked } });
    const expected = [
      `entries/2014/many.md:6: tags: has ${MAX_TAGS_PER_ENTRY + 1} tags, more than the ${MAX_TAGS_PER_ENTRY} an entry may have (keep the ${MAX_TAGS_PER_ENTRY} that say most about the article)`,
      `entries/2014/linked.md:${relatedLine}: related: has ${MAX_RELATED_PER_ENTRY + 1} links, more than the ${MAX_RELATED_PER_ENTRY} an entry may have (keep the ${MAX_RELATED_PER_ENTRY} that add most to the article)`,
    ];
    const check = await runCli(['check', '--content', dir]);
    expect(check.code).toBe(1);
    for (const line of expected) expect(check.stderr).toContain(line);
    const out = await outDir();
    const publish = await runCli(['publish', '--content', dir, '--out', out, '--now', NOW]);
    expect(publish.code).toBe(1);
    for (const line of expected) expect(publish.stderr).toContain(line);
    expect(publish.stderr).not.toMatch(/^\s+at /m);
    expect(await readdir(out)).toEqual([]);
  });

  it('publish writes four files per tag, and the tag files do not grow with the number of tags', async () => {
    // n entries of MAX_TAGS_PER_ENTRY tags each, every tag on one entry: n × MAX_TAGS_PER_ENTRY tags, all dated
    // the same day, so the site's own files are the same whatever n is.
    const publishOf = async (n: number) => {
      const entries: Record<string, string> = {};
      for (let i = 0; i < n; i++) entries[`2014/e${i}.md`] = entryText(entry({ url: `https://news.example.com/${i}`, date: '2014-05-08', tags: tagList(MAX_TAGS_PER_ENTRY, `E${i}`) }));
      const out = await outDir();
      const run = await runCli(['publish', '--content', await contentFolder({ site: SITE, entries }), '--out', out, '--now', NOW, '--quiet']);
      expect(run.code, run.stderr).toBe(0);
      const sizes = await files(out);
      // tags/tags.json is the list of every tag, one record each, not a tag's own file.
      const tagFiles = [...sizes].filter(([key]) => key.startsWith('tags/') && key !== 'tags/tags.json');
      expect(JSON.parse(await readFile(join(out, 'tags', 'tags.json'), 'utf8')).tags).toHaveLength(n * MAX_TAGS_PER_ENTRY);
      const entryPages = [...sizes.keys()].filter((key) => key.startsWith('entries/')).length;
      return { total: sizes.size, tagFiles: tagFiles.length, entryPages, tagBytes: tagFiles.reduce((sum, [, size]) => sum + size, 0) };
    };
    const small = await publishOf(2);
    const large = await publishOf(8);
    expect(small.tagFiles).toBe(2 * MAX_TAGS_PER_ENTRY * 4);
    expect(large.tagFiles).toBe(8 * MAX_TAGS_PER_ENTRY * 4);
    // One page per entry, whatever its tags; the rest does not depend on the tag count.
    expect([small.entryPages, large.entryPages]).toEqual([2, 8]);
    expect(large.total - large.tagFiles - large.entryPages).toBe(small.total - small.tagFiles - small.entryPages);
    expect(large.tagBytes / large.tagFiles / (small.tagBytes / small.tagFiles)).toBeLessThan(1.05);
  });
});

describe('entry size', () => {
  it(`check and publish refuse an entry over ${MAX_ENTRY_BYTES} bytes; --skip-invalid publishes the others`, async () => {
    // A Markdown table, the costliest Markdown to render, of about 1 MB.
    const table = '| a | b | c |\n| --- | --- | --- |\n' + '| cell | cell | cell |\n'.repeat(48_000);
    const big = entryText(entry({ url: 'https://news.example.com/big' }), table);
    const dir = await contentFolder({ site: SITE, entries: { '2014/big.md': big, '2014/ok.md': entryText(entry({ title: 'Fine', url: 'https://news.example.com/ok' })) } });
    const bytes = Buffer.byteLength(big);
    const expected = `entries/2014/big.md: file: is ${bytes.toLocaleString('en')} bytes, over the limit of ${MAX_ENTRY_BYTES.toLocaleString('en')} bytes for an entry (shorten the commentary: quote a passage and link to the full text rather than copying it)`;
    const check = await runCli(['check', '--content', dir]);
    expect(check.code).toBe(1);
    expect(check.stderr.trim().split('\n').filter((line) => line.startsWith('entries/'))).toEqual([expected]);
    const out = await outDir();
    const refused = await runCli(['publish', '--content', dir, '--out', out, '--now', NOW]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(expected);
    expect(await readdir(out)).toEqual([]);
    const skipped = await runCli(['publish', '--content', dir, '--out', out, '--now', NOW, '--skip-invalid', '--quiet']);
    expect(skipped.code, skipped.stderr).toBe(0);
    const rss = await readFile(join(out, 'rss.xml'), 'utf8');
    expect(rss).toContain('https://news.example.com/ok');
    expect(rss).not.toContain('https://news.example.com/big');
  });
});

describe('body nesting', () => {
  it(`check refuses a body nested more than ${MAX_BODY_NESTING} deep, or one whose tags left open are copied into every block, at once; publish --skip-invalid publishes the others`, async () => {
    // Just under the size limit, and parsed whole it costs its length times its 24,000 levels.
    const deep = entryText(entry({ url: 'https://news.example.com/deep' }), `${'<ul>'.repeat(24_000)}x\n`);
    expect(Buffer.byteLength(deep)).toBeLessThan(MAX_ENTRY_BYTES);
    // 190 distinct bold elements left open, which a browser reopens in each of 1,000 paragraphs: 190,000 copies.
    const bolds = Array.from({ length: 190 }, (_, index) => `<b class=c${index}>`).join('');
    const reopened = entryText(entry({ url: 'https://news.example.com/reopened' }), `<p>${bolds}a${'<p>y'.repeat(1_000)}\n`);
    const dir = await contentFolder({ site: SITE, entries: { '2014/deep.md': deep, '2014/reopened.md': reopened, '2014/ok.md': entryText(entry({ title: 'Fine', url: 'https://news.example.com/ok' })) } });
    const expected = [
      `entries/2014/deep.md: body: nests its elements more than ${MAX_BODY_NESTING} deep, the limit for an entry`,
      'entries/2014/reopened.md: body: a <b> left open (or another formatting tag) is reopened',
    ];
    const check = await runCli(['check', '--content', dir]);
    expect(check.code).toBe(1);
    expect(check.stderr.trim().split('\n').filter((line) => line.startsWith('entries/')).map((line, index) => line.slice(0, expected[index]!.length))).toEqual(expected);
    await publishSkipping(dir, expected, 'https://news.example.com/ok', ['https://news.example.com/deep', 'https://news.example.com/reopened']);
  });
});

describe('text fields', () => {
  it(`check refuses a title over ${MAX_TEXT_CHARS.title} characters at once and quotes an excerpt of a long one; publish --skip-invalid publishes the others`, async () => {
    // Just under the size limit: each unclosed xmp reads the rest as its text, which the warning about HTML in a
    // title read again, for a cost of the square of its length.
    const hostile = entryText(entry({ title: '<xmp>'.repeat(19_900), url: 'https://news.example.com/hostile' }));
    expect(Buffer.byteLength(hostile)).toBeLessThan(MAX_ENTRY_BYTES);
    const title = `Kim &amp; Lee ${'report '.repeat(12)}`.trim();
    const dir = await contentFolder({ site: SITE, entries: { '2014/hostile.md': hostile, '2014/ok.md': entryText(entry({ title, url: 'https://news.example.com/ok' })) } });
    const refused = `entries/2014/hostile.md:2: title: is ${5 * 19_900} characters long, more than the ${MAX_TEXT_CHARS.title} the field may have (shorten it to the headline: feed readers and mail clients show a line or two of it)`;
    const excerpt = `warning: entries/2014/ok.md:2: title: holds the HTML character reference "&amp;", which readers are shown as typed: titles are plain text (write it as plain text: title: ${JSON.stringify(title.replace('&amp;', '&').slice(0, 60))}…)`;
    const check = await runCli(['check', '--content', dir]);
    expect(check.code).toBe(1);
    const lines = check.stderr.trim().split('\n');
    expect(lines.filter((line) => line.includes('entries/'))).toEqual([excerpt, refused]);
    await publishSkipping(dir, refused, 'https://news.example.com/ok', 'https://news.example.com/hostile');
  });
});

describe('memory in proportion to what is rendered', () => {
  it('an entry at the size limit, a Markdown table with the most tags, publishes within a 128 MB heap', async () => {
    const row = '| cell | cell | cell |\n';
    const head = entryText(entry({ url: 'https://news.example.com/big', tags: tagList(MAX_TAGS_PER_ENTRY, 'T') }), '| a | b | c |\n| --- | --- | --- |\n');
    const rows = Math.floor((MAX_ENTRY_BYTES - Buffer.byteLength(head)) / row.length);
    const text = head + row.repeat(rows);
    expect(Buffer.byteLength(text)).toBeGreaterThan(MAX_ENTRY_BYTES - row.length);
    const out = await outDir();
    const run = await runCli(['publish', '--content', await contentFolder({ site: SITE, entries: { '2014/big.md': text } }), '--out', out, '--now', NOW, '--quiet'], {
      env: { NODE_OPTIONS: '--max-old-space-size=128' },
    });
    expect(run.code, run.stderr).toBe(0);
    const sizes = await files(out);
    // The site feeds and the 20 tag feeds each carry the item cut to the feed budget: about 2 MB in all.
    const feeds = [...sizes].filter(([key]) => /(rss\.xml|atom\.xml|feed\.json)$/.test(key) && !key.startsWith('digests/'));
    expect(feeds).toHaveLength(3 * (1 + MAX_TAGS_PER_ENTRY));
    for (const [key, size] of feeds) expect(size, key).toBeLessThan(FEED_CONTENT_MAX_CHARS + 10_000);
    // The cut item sends its reader to the entry's page, which has the whole table: its head row and every row.
    const json = JSON.parse(await readFile(join(out, 'feed.json'), 'utf8')) as { items: { content_html: string }[] };
    const content = json.items[0]!.content_html;
    expect(content).toContain('<p>The rest of this commentary is too long for a feed. <a href="https://watch.example.org/entries/2014/big/">Read all of it on its page</a>.</p>');
    // The table alone is over the budget: the item shows its start, head and whole rows, the table closed after them.
    expect(content).toMatch(/^<table>\n<thead>\n<tr>\n<th>a<\/th>[^]*<\/tr><\/tbody><\/table>\n<p>The rest of this commentary/);
    expect(content.match(/<tr>/g)!.length).toBeGreaterThan(100);
    const page = await readFile(join(out, 'entries/2014/big/index.html'), 'utf8');
    expect(page.match(/<tr>/g)).toHaveLength(rows + 1);
  });
});

describe('YAML aliases', () => {
  it('a small entry of nested aliases gives one short line, not the expanded value', async () => {
    const names = 'abcdefg';
    const lines = [`a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]`];
    for (let level = 1; level < names.length; level++) lines.push(`${names[level]}: &${names[level]} [${Array(9).fill(`*${names[level - 1]}`).join(',')}]`);
    // Seven levels: draft would be 9^7 (4.8 million) strings, a 30 MB line when quoted whole.
    const text = `---\ntitle: T\nurl: https://news.example.com/a\nsource: S\ndate: 2014-05-08\n${lines.join('\n')}\ndraft: *g\n---\nBody.\n`;
    expect(text.length).toBeLessThan(700);
    const dir = await contentFolder({ site: SITE, entries: { '2014/laughs.md': text } });
    const check = await runCli(['check', '--content', dir]);
    expect(check.code).toBe(1);
    expect(check.stdout.length + check.stderr.length).toBeLessThan(2_000);
    expect(check.stderr).toContain('entries/2014/laughs.md:6: a: uses a YAML anchor ("&a"), which is not allowed (write the value out in full where it is used; if & is part of the text, quote it: "&...")');
  });

  it('a long bad value is quoted as a short excerpt', async () => {
    const dir = await contentFolder({ site: SITE, entries: { '2014/long.md': entryText(entry({ image: `not-a-url-${'x'.repeat(90_000)}` })) } });
    const check = await runCli(['check', '--content', dir]);
    expect(check.code).toBe(1);
    const line = check.stderr.split('\n').find((l) => l.startsWith('entries/2014/long.md'))!;
    expect(line).toMatch(/^entries\/2014\/long\.md:\d+: image: "not-a-url-x+"… is not an absolute http\(s\) URL/);
    expect(line.length).toBeLessThan(250);
  });
});

describe('a mistyped year', () => {
  it(`check warns about an entry dated more than ${DATE_OUTLIER_YEARS} years before the others, and the sendEmpty archive gains one week`, async () => {
    const digest = { from: 'W <d@watch.example.org>', sendEmpty: true };
    const entries = {
      // 2014-05-06 is in 2014-W19 (5-11 May), 2014-05-13 in W20; 1914-05-06 in 1914-W19.
      '2014/a.md': entryText(entry({ url: 'https://news.example.com/a', date: '2014-05-06' })),
      '2014/b.md': entryText(entry({ url: 'https://news.example.com/b', date: '2014-05-13' })),
      '2014/typo.md': entryText(entry({ url: 'https://news.example.com/typo', date: '1914-05-06' })),
    };
    const dir = await contentFolder({ site: siteYaml({}, digest), entries });
    const check = await runCli(['check', '--content', dir]);
    expect(check.code).toBe(0);
    const warning = `entries/2014/typo.md: date: is about 100 years before the other entries (a gap of more than ${DATE_OUTLIER_YEARS} years with no entry is flagged) (check the year; if the date is right, nothing needs to change)`;
    expect(check.stdout + check.stderr).toContain(warning);
    const out = await outDir();
    // 2014-05-26 is the Monday of W22: W21 has just ended and is archived though empty.
    const publish = await runCli(['publish', '--content', dir, '--out', out, '--now', '2014-05-26T09:00:00+09:00', '--quiet']);
    expect(publish.code, publish.stderr).toBe(0);
    const weeks = [...(await files(out)).keys()].filter((key) => /^digests\/\d{4}-W\d\d\.html$/.test(key)).sort();
    expect(weeks).toEqual(['digests/1914-W19.html', 'digests/2014-W19.html', 'digests/2014-W20.html', 'digests/2014-W21.html']);
  });
});

