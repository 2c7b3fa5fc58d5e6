import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { load } from 'js-yaml';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { REPO, runCli } from '../../support/cli.js';
import {
  deliveredTo,
  missingClients,
  newsboatOpmlFeeds,
  readEachWithNewsboat,
  readWithRsstail,
  readWithSfeed,
  Rss2Email,
  sfeedOpmlFeeds,
  type ReadEntry,
} from '../../support/feedClients.js';
import { publishedOnce } from '../../support/publishedOnce.js';
import { serveFolder, type StaticServer } from '../../support/staticServer.js';

// Issue 17 (2): the published feeds read by real feed readers from Debian (newsboat, sfeed, rss2email, rsstail),
// over HTTP on loopback, as a new user would. The expected titles, links, dates and ids come from the fixture's
// front matter (parsed here with js-yaml), never from the output. .ci/run installs the four readers; a missing one
// fails every test here.

const FIXTURE = join(REPO, 'tests/fixtures/tricky');
const NOW = '2014-06-01T00:00:00Z';
const smtpUrl = inject('smtpUrl');
const mailbox = inject('smtpMailbox');

/** The tag whose feed every reader reads: it has a published entry besides the draft and the embargoed one. */
const TAG = 'Trade';
/** Each tag's slug, worked out by hand (README: lowercase [a-z0-9-], accents dropped, other scripts as IDNA). */
const TAG_SLUGS: Record<string, string> = { 'R&D': 'r-d', '<script>': 'script', '북한 경제': 'xn--pr3b894b-xn--289a223c', Rasŏn: 'rason', Trade: 'trade' };

interface Site {
  title: string;
  url: string;
  timezone: string;
  idDate: string;
}

interface FixtureEntry {
  /** The file, relative to the content folder. */
  file: string;
  /** The RSS guid, Atom id: `tag:<host>,<idDate>:<id>` (README, Identity). */
  id: string;
  title: string;
  link: string;
  /** The front matter's date in the site's zone, in milliseconds. */
  date: number;
  tags: string[];
  published: boolean;
}

async function markdownFiles(folder: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) found.push(...(await markdownFiles(path)));
    else if (entry.name.endsWith('.md')) found.push(path);
  }
  return found.sort();
}

/** The site and every entry of a content folder, from site.yml and the front matter alone. */
async function readFixture(content: string): Promise<{ site: Site; entries: FixtureEntry[] }> {
  const site = load(await readFile(join(content, 'site.yml'), 'utf8')) as Site;
  const host = new URL(site.url).hostname;
  const entries: FixtureEntry[] = [];
  for (const file of await markdownFiles(join(content, 'entries'))) {
    const match = /^---\n([\s\S]*?)\n---\n/.exec(await readFile(file, 'utf8'));
    if (!match) throw new Error(`${file}: no front matter`);
    const front = load(match[1]!) as { title: string; url: string; date: string; tags?: string[]; draft?: boolean; id?: string };
    const id = front.id ?? relative(join(content, 'entries'), file).split(sep).join('/').replace(/\.md$/, '');
    // Ids that RFC 4151 would percent-encode would need that encoding here too; the fixture has none.
    if (!/^[A-Za-z0-9/_-]+$/.test(id)) throw new Error(`${file}: the id ${id} needs percent-encoding in this test`);
    const date = DateTime.fromISO(String(front.date), { zone: site.timezone }).toMillis();
    entries.push({
      file: relative(content, file),
      id: `tag:${host},${site.idDate}:${id}`,
      title: front.title,
      link: front.url,
      date,
      tags: front.tags ?? [],
      published: front.draft !== true && date <= Date.parse(NOW),
    });
  }
  return { site, entries };
}

const byId = <T extends { id?: string; link: string }>(list: T[]) => [...list].sort((a, b) => `${a.id ?? ''} ${a.link}`.localeCompare(`${b.id ?? ''} ${b.link}`));

/** What a reader should show for these entries: title, link, date and (where it shows ids) id, newest first. */
function shown(entries: FixtureEntry[], withIds: boolean): ReadEntry[] {
  return [...entries]
    .sort((a, b) => b.date - a.date)
    .map((entry) => ({ title: entry.title, link: entry.link, date: entry.date, ...(withIds ? { id: entry.id } : {}) }));
}

function tagSlug(tag: string): string {
  const slug = TAG_SLUGS[tag];
  if (!slug) throw new Error(`add the slug of the tag ${JSON.stringify(tag)} to TAG_SLUGS`);
  return slug;
}

/** The tag feeds of tags.opml: one per tag of a published entry (none for drafts or embargoed ones). feeds.opml holds the site's RSS feed alone. */
function tagOpmlFeeds(site: Site, entries: FixtureEntry[]): { name: string; url: string; tag: string }[] {
  const tags = [...new Set(entries.filter((entry) => entry.published).flatMap((entry) => entry.tags))];
  return tags.map((tag) => ({ name: `${site.title}: ${tag}`, url: `${site.url}tags/${tagSlug(tag)}/rss.xml`, tag })).sort((a, b) => a.url.localeCompare(b.url));
}

/** Copies the fixture, publishes it with the real CLI and serves the output on loopback. */
async function publishAndServe(work: string): Promise<{ content: string; out: string; server: StaticServer }> {
  const content = join(work, 'content');
  const out = join(work, 'public');
  await cp(FIXTURE, content, { recursive: true });
  await publish(content, out);
  return { content, out, server: await serveFolder(out) };
}

async function publish(content: string, out: string): Promise<void> {
  const run = await runCli(['publish', '--content', content, '--out', out, '--now', NOW, '--quiet']);
  if (run.code !== 0) throw new Error(`publish failed (${run.code}):\n${run.stderr}`);
}

async function requireClients(): Promise<void> {
  const missing = await missingClients();
  if (missing.length > 0) {
    throw new Error(`feed readers missing: ${missing.join(', ')}. .ci/run installs them (apt-get install newsboat sfeed rss2email rsstail).`);
  }
}

describe('real feed readers read every published entry exactly as its front matter says', () => {
  let work: string;
  let server: StaticServer;
  let site: Site;
  let entries: FixtureEntry[];
  const published = () => publishedOf(entries);
  /** rss.xml, atom.xml and a tag feed, with the entries each must hold. */
  const feeds = () => [
    { path: 'rss.xml', title: site.title, entries: published() },
    { path: 'atom.xml', title: site.title, entries: published() },
    { path: `tags/${tagSlug(TAG)}/rss.xml`, title: `${site.title}: ${TAG}`, entries: published().filter((entry) => entry.tags.includes(TAG)) },
  ];

  beforeAll(async () => {
    await requireClients();
    work = await mkdtemp(join(tmpdir(), 'broadsheet-readers-'));
    ({ site, entries } = await readFixture(FIXTURE));
    // Only read here: the fixture's output as the other files that read it in this run have it (publishedOnce).
    const { out, run } = await publishedOnce(FIXTURE, NOW);
    if (run.code !== 0) throw new Error(`publish failed (${run.code}):\n${run.stderr}`);
    server = await serveFolder(out);
  });
  afterAll(async () => {
    await server?.close();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('the fixture is hostile enough: &, <, >, quotes, ]]> twice, <script> first, non-ASCII, a draft and an embargoed entry', () => {
    const titles = entries.filter((entry) => entry.published).map((entry) => entry.title);
    for (const needle of ['&', '<', '>', '"', "'"]) expect(titles.some((title) => title.includes(needle)), needle).toBe(true);
    expect(titles.some((title) => title.split(']]>').length > 2)).toBe(true);
    expect(titles.some((title) => title.startsWith('<script>'))).toBe(true);
    expect(titles.some((title) => /[^\x00-\x7F]/.test(title))).toBe(true);
    expect(entries.some((entry) => !entry.published && entry.date <= Date.parse(NOW))).toBe(true); // a draft
    expect(entries.some((entry) => entry.date > Date.parse(NOW))).toBe(true); // an embargoed entry
    // Both unpublished entries carry the tag whose feed is read, so the tag feed shows they stay out of it too.
    expect(entries.filter((entry) => !entry.published && entry.tags.includes(TAG)).length).toBe(2);
  });

  it('newsboat: rss.xml, atom.xml and a tag feed in its cache, ids included; nothing unpublished', { timeout: 120_000 }, async () => {
    const reads = await readEachWithNewsboat(feeds().map((feed) => ({ feedUrl: server.url + feed.path, workRoot: work })));
    for (const [index, feed] of feeds().entries()) {
      const read = reads[index]!;
      expect(read.feedTitle, feed.path).toBe(feed.title);
      expect(byId(read.entries), feed.path).toEqual(byId(shown(feed.entries, true)));
    }
  });

  // An entry is in the site feed and in its tags' feeds under one id: newsboat keeps one item per id, so with both
  // subscribed the site feed would show none. Importing feeds.opml subscribes to the site feed alone.
  it('newsboat: feeds.opml (urls-source "opml") subscribes to the site feed alone', { timeout: 60_000 }, async () => {
    const urls = await newsboatOpmlFeeds(`${server.url}feeds.opml`, work);
    expect(urls).toEqual([`${site.url}rss.xml`]);
  });

  it('sfeed: rss.xml, atom.xml and a tag feed as TSV, in feed order, ids included', { timeout: 60_000 }, async () => {
    for (const feed of feeds()) {
      expect(await readWithSfeed(server.url + feed.path, work), feed.path).toEqual(shown(feed.entries, true));
    }
  });

  it('sfeed_opml_import: tags.opml is every tag feed with its name, no feed of an unpublished tag, and not the site feed', { timeout: 60_000 }, async () => {
    const read = await sfeedOpmlFeeds(`${server.url}tags.opml`, work);
    expect([...read].sort((a, b) => a.url.localeCompare(b.url))).toEqual(tagOpmlFeeds(site, entries).map(({ name, url }) => ({ name, url })));
  });

  it('rsstail: rss.xml, atom.xml and every tag feed that tags.opml lists, in feed order (rsstail has no OPML import and shows no ids)', { timeout: 120_000 }, async () => {
    for (const feed of feeds()) {
      expect(await readWithRsstail(server.url + feed.path, work), feed.path).toEqual(shown(feed.entries, false));
    }
    // Its Description is the summary's HTML as the feed holds it: korean.md's `<b>` and `&` escaped once, its
    // apostrophe as typed (never `&#39;`, which rsstail shows as it is).
    for (const path of ['rss.xml', 'atom.xml']) {
      const read = await readWithRsstail(server.url + path, work, { descriptions: true });
      expect(read.find((item) => item.link === 'https://news.example.com/c')?.description, path).toBe("A summary with &lt;b&gt;markup&lt;/b&gt; &amp; ampersand, the editor's.");
    }
    for (const feed of tagOpmlFeeds(site, entries)) {
      expect(feed.url.startsWith(site.url)).toBe(true);
      const read = await readWithRsstail(server.url + feed.url.slice(site.url.length), work);
      expect(read, feed.url).toEqual(shown(published().filter((entry) => entry.tags.includes(feed.tag)), false));
    }
  });
});

describe('rss2email delivers each published entry once, by its id', () => {
  let work: string;
  let content: string;
  let out: string;
  let server: StaticServer;
  let site: Site;
  let entries: FixtureEntry[];
  let r2e: Rss2Email;
  const to = `readers-${process.pid}-${Date.now()}@example.org`;
  const paths = () => ['rss.xml', 'atom.xml', `tags/${tagSlug(TAG)}/rss.xml`];

  beforeAll(async () => {
    await requireClients();
    work = await mkdtemp(join(tmpdir(), 'broadsheet-r2e-'));
    ({ site, entries } = await readFixture(FIXTURE));
    ({ content, out, server } = await publishAndServe(work));
    r2e = await Rss2Email.create(work, smtpUrl, to);
    for (const [index, path] of paths().entries()) await r2e.r2e('add', `feed-${index}`, server.url + path);
  });
  afterAll(async () => {
    await server?.close();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('r2e run: one message per entry and feed, with the title as subject, the id, the link and the date', { timeout: 60_000 }, async () => {
    await r2e.r2e('run');
    const delivered = await deliveredTo(mailbox, to);
    for (const path of paths()) {
      const feedEntries = entries.filter((entry) => entry.published && (path.startsWith('tags/') ? entry.tags.includes(TAG) : true));
      const expected = feedEntries.map((entry) => ({
        subject: path.endsWith('rss.xml') ? rss2emailRssSubject(entry.title) : entry.title,
        id: entry.id,
        link: entry.link,
        date: entry.date,
      }));
      const read = delivered.filter((message) => message.headers.feed === server.url + path).map((message) => ({ subject: message.subject, id: message.headers.id, link: message.headers.url, date: message.date }));
      const sort = (list: typeof read) => [...list].sort((a, b) => a.id.localeCompare(b.id));
      expect(sort(read), path).toEqual(sort(expected));
    }
  });

  it('a second r2e run sends nothing', { timeout: 60_000 }, async () => {
    const before = (await deliveredTo(mailbox, to)).length;
    expect(before).toBeGreaterThan(0);
    await r2e.r2e('run');
    expect((await deliveredTo(mailbox, to)).length).toBe(before);
  });

  it('an edited title is not sent again as new: the id stays the same', { timeout: 90_000 }, async () => {
    const before = (await deliveredTo(mailbox, to)).length;
    const edited = publishedOf(entries).find((entry) => entry.tags.includes(TAG))!;
    const file = join(content, edited.file);
    const text = await readFile(file, 'utf8');
    const newTitle = `${edited.title} (updated & corrected)`;
    await writeFile(file, text.replace(/^title: .*$/m, `title: ${JSON.stringify(newTitle)}`));
    await publish(content, out);
    // The edit is published: the feed now has the new title under the same id.
    const now = await readWithSfeed(`${server.url}rss.xml`, work);
    expect(now.find((entry) => entry.id === edited.id)?.title).toBe(newTitle);
    await r2e.r2e('run');
    expect((await deliveredTo(mailbox, to)).length).toBe(before);
  });

  // With the site feed and the tag feeds both subscribed, rss2email mails an entry once from each feed it is in.
  it('r2e opmlimport: feeds.opml subscribes to the site feed alone', { timeout: 60_000 }, async () => {
    // A separate rss2email, never run: the OPML lists the public https URLs, which are not fetched from here.
    const importer = await Rss2Email.create(work, smtpUrl, to);
    const opml = await fetch(`${server.url}feeds.opml`);
    await importer.opmlImport(Buffer.from(await opml.arrayBuffer()));
    expect(await importer.feedUrls()).toEqual([`${site.url}rss.xml`]);
  });
});

function publishedOf(entries: FixtureEntry[]): FixtureEntry[] {
  return entries.filter((entry) => entry.published);
}

/**
 * RSS 2.0 does not say whether <title> is plain text or HTML (the RSS Advisory Board: plain text, shown literally),
 * so the Universal Feed Parser, which rss2email reads feeds with, guesses from the parsed text: an RSS title that
 * looks like HTML to it (feedparser's lookslikehtml: a character reference of an HTML entity, or an end tag, with
 * every tag one its sanitiser allows) is HTML, which rss2email turns into text, decoding the references. The guess
 * is made on the text after XML parsing, so no encoding of the feed can change it; atom.xml, whose titles say
 * type="text", reads back exactly. This is the subject rss2email gives such a title from RSS; any other title is
 * unchanged.
 */
function rss2emailRssSubject(title: string): string {
  const entities = [...title.matchAll(/&(#?\w+);/g)].map((match) => match[1]!);
  const tags = [...title.matchAll(/<\/?(\w+)/g)].map((match) => match[1]!.toLowerCase());
  const looksLikeHtml = (entities.length > 0 || /<\/\w+>/.test(title)) && !tags.some((tag) => UFP_DISALLOWED.has(tag));
  if (!looksLikeHtml) return title;
  if (tags.length > 0) throw new Error(`${JSON.stringify(title)}: model html2text's handling of tags here`);
  return title.replace(/&(#?\w+);/g, (reference, name: string) => {
    const decoded = name.startsWith('#x') ? String.fromCodePoint(parseInt(name.slice(2), 16)) : name.startsWith('#') ? String.fromCodePoint(Number(name.slice(1))) : HTML_ENTITIES[name];
    if (decoded === undefined) throw new Error(`${JSON.stringify(title)}: add ${reference} to HTML_ENTITIES`);
    return decoded;
  });
}
/** Elements feedparser's sanitiser drops (a title with one of them is plain text to it). */
const UFP_DISALLOWED = new Set(['script', 'style', 'iframe', 'object', 'embed', 'applet', 'frame', 'frameset', 'link', 'meta', 'base', 'html', 'head', 'body', 'title']);
const HTML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
