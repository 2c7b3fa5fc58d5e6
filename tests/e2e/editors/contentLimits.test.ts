import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FEED_CONTENT_MAX_CHARS, MAX_BODY_NESTING, MAX_ENTRY_BYTES, MAX_RELATED_PER_ENTRY, MAX_TAGS_PER_ENTRY, MAX_TEXT_CHARS } from '../../../lib/content/limits.js';
import { markdown } from '../../../lib/content/markdownParser.js';
import { slugify } from '../../../lib/shared/slug.js';
import { runCli } from '../../support/cli.js';
import { contentFolder, entry, entryText, SITE } from '../../support/content.js';
import { filesWithSizes } from '../../support/filesWithSizes.js';
import { once } from '../../support/once.js';

/**
 * The limits that keep a publish bounded, through the real CLI: `check` reports each as
 * `FILE[:LINE]: field: message (fix)`, publish refuses it and writes nothing, and what is accepted stays
 * in proportion to the content. The tag files' growth, YAML aliases and a mistyped year run check and publish in
 * process, in tests/unit/cli/contentLimits.test.ts.
 */

const NOW = '2014-06-01T00:00:00+09:00';
const tagList = (count: number, prefix: string) => Array.from({ length: count }, (_, i) => `${prefix} ${i}`);

const outDir = () => mkdtemp(join(tmpdir(), 'broadsheet-out-'));

// The entries each limit below refuses, and one it publishes, in one content folder: one check, one publish (refused)
// and one publish --skip-invalid for all, each test asserting its own lines. Each refused entry is a problem of its
// own file, so no case hides another.
const related = Array.from({ length: MAX_RELATED_PER_ENTRY + 1 }, (_, i) => ({ title: `Link ${i}`, url: `https://news.example.com/r${i}` }));
const LINKED = entryText(entry({ url: 'https://news.example.com/linked', related }));
// A Markdown table, the costliest Markdown to render, of about 1 MB.
const BIG = entryText(entry({ url: 'https://news.example.com/big' }), '| a | b | c |\n| --- | --- | --- |\n' + '| cell | cell | cell |\n'.repeat(48_000));
// Just under the size limit, and parsed whole it costs its length times its 24,000 levels.
const DEEP = entryText(entry({ url: 'https://news.example.com/deep' }), `${'<ul>'.repeat(24_000)}x\n`);
// 190 distinct bold elements left open, which a browser reopens in each of 1,000 paragraphs: 190,000 copies.
const BOLDS = Array.from({ length: 190 }, (_, index) => `<b class=c${index}>`).join('');
const REOPENED = entryText(entry({ url: 'https://news.example.com/reopened' }), `<p>${BOLDS}a${'<p>y'.repeat(1_000)}\n`);
// Just under the size limit: each unclosed xmp reads the rest as its text, which the warning about HTML in a
// title read again, for a cost of the square of its length.
const HOSTILE = entryText(entry({ title: '<xmp>'.repeat(19_900), url: 'https://news.example.com/hostile' }));
// The entry published: its title, with a character reference, is warned of with an excerpt.
const OK_TITLE = `Kim &amp; Lee ${'report '.repeat(12)}`.trim();
const OK = entryText(entry({ title: OK_TITLE, url: 'https://news.example.com/ok' }));
// A list nested past markdown-it's maxNesting (two levels a list level), whose parse skips the rest of the body.
const LOST = entryText(entry({ url: 'https://news.example.com/lost' }), `Before.\n\n${'- '.repeat(markdown.options.maxNesting / 2)}deep\n\nAfter.\n`);
// A host with an empty label, which the URL parser keeps and HTML refuses.
const BAD_HOST = entryText(entry({ url: 'https://news..example.com/host' }));
// tagSlugs gives "L" the hashed slug slugify gives "!!!".
const HASHED_SLUG = slugify('!!!');

const limitsAtOnce = once(async () => {
  const dir = await contentFolder({
    site: { ...SITE, tagSlugs: { L: HASHED_SLUG } },
    entries: { '2014/lost.md': LOST, '2014/host.md': BAD_HOST, '2014/hashed.md': entryText(entry({ url: 'https://news.example.com/hashed', tags: ['!!!'] })), '2014/lettered.md': entryText(entry({ url: 'https://news.example.com/lettered', tags: ['L'] })), '2014/cafe\u0301.md': entryText(entry({ url: 'https://news.example.com/nfd' })), '2014/spaced .md': entryText(entry({ url: 'https://news.example.com/spaced' })), '2014/many.md': entryText(entry({ tags: tagList(MAX_TAGS_PER_ENTRY + 1, 'T') })), '2014/linked.md': LINKED, '2014/big.md': BIG, '2014/deep.md': DEEP, '2014/reopened.md': REOPENED, '2014/hostile.md': HOSTILE, '2014/ok.md': OK },
  });
  const check = await runCli(['check', '--content', dir]);
  const refusedOut = await outDir();
  const refused = await runCli(['publish', '--content', dir, '--out', refusedOut, '--now', NOW]);
  const skippedOut = await outDir();
  const skipped = await runCli(['publish', '--content', dir, '--out', skippedOut, '--now', NOW, '--skip-invalid']);
  return { check, checkLines: check.stderr.trim().split('\n'), refused, refusedOut, skipped, skippedRss: skipped.code === 0 ? await readFile(join(skippedOut, 'rss.xml'), 'utf8') : '' };
});

/** The publish --skip-invalid of limitsAtOnce succeeds, says `expected`, and the site feed has the one article and not the others. */
async function publishedSkipping(expected: string | string[], kept: string, left: string | string[]): Promise<void> {
  const { skipped, skippedRss } = await limitsAtOnce();
  expect(skipped.code, skipped.stderr).toBe(0);
  for (const line of [expected].flat()) expect(skipped.stdout + skipped.stderr).toContain(line);
  expect(skippedRss).toContain(kept);
  for (const url of [left].flat()) expect(skippedRss).not.toContain(url);
}

/** check's lines of limitsAtOnce that name one of `files` (entries/2014/NAME), problems and warnings. */
const linesOf = async (...files: string[]) => (await limitsAtOnce()).checkLines.filter((line) => files.some((file) => line.replace(/^warning: /, '').startsWith(`entries/2014/${file}:`)));

describe('tags and related links per entry', () => {
  it(`check and publish refuse an entry of ${MAX_TAGS_PER_ENTRY + 1} tags or ${MAX_RELATED_PER_ENTRY + 1} related links, naming the file, the line and the field`, async () => {
    const relatedLine = LINKED.split('\n').indexOf('related:') + 1;
    const expected = [
      `entries/2014/many.md:6: tags: has ${MAX_TAGS_PER_ENTRY + 1} tags, more than the ${MAX_TAGS_PER_ENTRY} an entry may have (keep the ${MAX_TAGS_PER_ENTRY} that say most about the article)`,
      `entries/2014/linked.md:${relatedLine}: related: has ${MAX_RELATED_PER_ENTRY + 1} links, more than the ${MAX_RELATED_PER_ENTRY} an entry may have (keep the ${MAX_RELATED_PER_ENTRY} that add most to the article)`,
    ];
    const { check, refused: publish, refusedOut: out } = await limitsAtOnce();
    expect(check.code).toBe(1);
    for (const line of expected) expect(check.stderr).toContain(line);
    expect(publish.code).toBe(1);
    for (const line of expected) expect(publish.stderr).toContain(line);
    expect(publish.stderr).not.toMatch(/^\s+at /m);
    expect(await readdir(out)).toEqual([]);
  });
});

describe('entry size', () => {
  it(`check and publish refuse an entry over ${MAX_ENTRY_BYTES} bytes; --skip-invalid publishes the others`, async () => {
    const bytes = Buffer.byteLength(BIG);
    const expected = `entries/2014/big.md: file: is ${bytes.toLocaleString('en')} bytes, over the limit of ${MAX_ENTRY_BYTES.toLocaleString('en')} bytes for an entry (shorten the commentary: quote a passage and link to the full text rather than copying it)`;
    const { check, refused, refusedOut: out } = await limitsAtOnce();
    expect(check.code).toBe(1);
    expect((await linesOf('big.md', 'ok.md')).filter((line) => line.startsWith('entries/'))).toEqual([expected]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(expected);
    expect(await readdir(out)).toEqual([]);
    await publishedSkipping(expected, 'https://news.example.com/ok', 'https://news.example.com/big');
  });
});

describe('body nesting', () => {
  it(`check refuses a body nested more than ${MAX_BODY_NESTING} deep, or one whose tags left open are copied into every block, at once; publish --skip-invalid publishes the others`, async () => {
    expect(Buffer.byteLength(DEEP)).toBeLessThan(MAX_ENTRY_BYTES);
    const expected = [
      `entries/2014/deep.md: body: nests its elements more than ${MAX_BODY_NESTING} deep, the limit for an entry`,
      'entries/2014/reopened.md: body: a <b> left open (or another formatting tag) is reopened',
    ];
    const { check } = await limitsAtOnce();
    expect(check.code).toBe(1);
    expect((await linesOf('deep.md', 'reopened.md')).filter((line) => line.startsWith('entries/')).map((line, index) => line.slice(0, expected[index]!.length))).toEqual(expected);
    await publishedSkipping(expected, 'https://news.example.com/ok', ['https://news.example.com/deep', 'https://news.example.com/reopened']);
  });
});

describe('what a publish would lose or HTML refuses', () => {
  it('check refuses a body nested past what Markdown reads and a URL whose host HTML refuses, with file, line and field; publish --skip-invalid publishes the others', async () => {
    const lineOf = (text: string, start: string) => text.split('\n').findIndex((line) => line.startsWith(start)) + 1;
    const expected = [
      `entries/2014/host.md:${lineOf(BAD_HOST, 'url:')}: url: "https://news..example.com/host" has the host "news..example.com", which has an empty label`,
      `entries/2014/lost.md:${lineOf(LOST, '- ')}: body: nests lists or quotes deeper than Markdown is read (${markdown.options.maxNesting} levels`,
    ];
    expect((await linesOf('host.md', 'lost.md')).map((line, index) => line.slice(0, expected[index]!.length))).toEqual(expected);
    await publishedSkipping(expected, 'https://news.example.com/ok', ['https://news.example.com/lost', 'news..example.com']);
  });

  it('warns of an entry file named in decomposed form (NFD), with the rename to its composed name', async () => {
    expect(await linesOf('cafe\u0301.md')).toEqual([
      'warning: entries/2014/cafe\u0301.md: file: the file name is in decomposed form (NFD, accents stored apart from their letters, as macOS and zips made there may save it), and the entry\'s permanent id is its path: a copy whose file name is composed (NFC) would publish the entry again under another id and page (rename the file to entries/2014/caf\u00e9.md, its name in composed form (NFC), before it is published (for example: mv "entries/2014/cafe\u0301.md" "entries/2014/caf\u00e9.md" where a shell composes what you type))',
    ]);
  });

  it('warns of an entry file whose name ends with a space, its id keeping it, with the rename', async () => {
    expect(await linesOf('spaced .md')).toEqual([
      'warning: entries/2014/spaced .md: file: the file name starts or ends with a space, and the entry\'s permanent id is its path: every feed would publish the id "2014/spaced " with the space (as %20), which readers cannot see, and a copy named without it would be another entry (rename it: entries/2014/spaced.md, without the space)',
    ]);
  });

  it("warns of a tagSlugs value equal to another tag's hashed slug, naming both tags", async () => {
    expect(await linesOf('hashed.md')).toEqual([
      `warning: entries/2014/hashed.md: tags: the tag "!!!" gets the slug ${HASHED_SLUG} from its name (a hash: it has no letter or digit), which site.yml's tagSlugs also gives "L" (entries/2014/lettered.md): all are published at tags/${HASHED_SLUG}/, one page and feed (give the other tag another slug in site.yml's tagSlugs, or this one a slug of its own (tagSlugs: {"!!!": a-name}))`,
    ]);
  });
});

describe('text fields', () => {
  it(`check refuses a title over ${MAX_TEXT_CHARS.title} characters at once and quotes an excerpt of a long one; publish --skip-invalid publishes the others`, async () => {
    expect(Buffer.byteLength(HOSTILE)).toBeLessThan(MAX_ENTRY_BYTES);
    const refused = `entries/2014/hostile.md:2: title: is ${5 * 19_900} characters long, more than the ${MAX_TEXT_CHARS.title} the field may have (shorten it to the headline: feed readers and mail clients show a line or two of it)`;
    const excerpt = `warning: entries/2014/ok.md:2: title: holds the HTML character reference "&amp;", which readers are shown as typed: titles are plain text (write it as plain text: title: ${JSON.stringify(OK_TITLE.replace('&amp;', '&').slice(0, 60))}…)`;
    const { check } = await limitsAtOnce();
    expect(check.code).toBe(1);
    expect(await linesOf('hostile.md', 'ok.md')).toEqual([excerpt, refused]);
    await publishedSkipping(refused, 'https://news.example.com/ok', 'https://news.example.com/hostile');
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
    const sizes = await filesWithSizes(out);
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
