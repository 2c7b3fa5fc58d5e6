import { mkdir, mkdtemp, readdir, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dump } from 'js-yaml';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { runCli } from '../../support/cli.js';
import { deliveredTo, missingClients, newsboatOpmlFeeds, readEachWithNewsboat, readWithRsstail, readWithSfeed, Rss2Email } from '../../support/feedClients.js';
import { serveFolder, type StaticServer } from '../../support/staticServer.js';
import { readEachWithUniversalFeedParser } from '../../support/universalFeedParser.js';
import { childrenNamed, findAll, parseXml, type XmlElement } from '../../support/xml.js';

// A reader's months: one site published week by week (`--now` advancing) while its editor adds entries, edits one,
// corrects dates, withdraws one, tags an old one and respells a tag; after each publish the real readers (newsboat and
// rss2email keeping their state from week to week, sfeed, the Universal Feed Parser) read it over loopback HTTP from a
// server that answers conditional GETs as S3 does. What each should show is worked out here from the editor's own
// record of the entries (the model below), never from the output.

const SITE = 'https://watch.example.org/';
const ZONE = 'Asia/Seoul';
const FH = 'http://purl.org/syndication/history/1.0';
const smtpUrl = inject('smtpUrl');
const mailbox = inject('smtpMailbox');

interface ModelEntry {
  title: string;
  /** The front matter's date: a date or a date-time without offset, in the site's zone. */
  date: string;
  tags: string[];
  body: string;
  updated?: string;
  withdrawn?: boolean;
}

const model = new Map<string, ModelEntry>();
const idOf = (name: string) => `tag:watch.example.org,2014:2014/${name}`;
const millis = (date: string) => DateTime.fromISO(date, { zone: ZONE }).toMillis();
const monthOf = (date: string) => DateTime.fromISO(date, { zone: ZONE }).toFormat('yyyy-MM');
/** When readers should see the entry last changed: its updated:, but never before its date (RFC 4287 §4.2.15). */
const updatedOf = (entry: ModelEntry) => Math.max(millis(entry.updated ?? entry.date), millis(entry.date));
const live = () => [...model.entries()].filter(([, entry]) => !entry.withdrawn).sort(([, a], [, b]) => millis(b.date) - millis(a.date));

/** The weeks: each publishes at `now` after the editor's changes. Feed limit 3, so months close into archives. */
const WEEKS: { now: string; what: string; change: () => void }[] = [
  {
    now: '2014-02-03T00:00:00Z',
    what: 'the first publish',
    change: () => {
      // 05:00 on 1 December in Seoul is 20:00 UTC on 30 November: archived in December, the site's month.
      add('a', 'Alpha', '2013-12-01T05:00:00', ['Trade', 'North Korea']);
      add('b', 'Bravo', '2013-11-22', ['Trade']);
      add('c', 'Charlie', '2013-12-06', ['Energy']);
      add('d', 'Delta', '2013-12-20', ['Trade']);
      // 23:30 in Seoul is 14:30 UTC: still January there.
      add('e', 'Echo', '2014-01-31T23:30:00', ['North Korea']);
      // 08:00 on 1 February in Seoul is 23:00 UTC on 31 January: February's, in the site's zone.
      add('f', 'Foxtrot', '2014-02-01T08:00:00', ['Trade']);
    },
  },
  { now: '2014-02-10T00:00:00Z', what: 'a new entry', change: () => add('g', 'Golf', '2014-02-07', ['Trade']) },
  {
    now: '2014-02-17T00:00:00Z',
    what: 'a new entry; an edit of a title and body, with updated:',
    change: () => {
      add('h', 'Hotel', '2014-02-14', ['Energy']);
      Object.assign(model.get('g')!, { title: 'Golf, corrected', body: 'Commentary on g, rewritten.', updated: '2014-02-15T10:00:00' });
    },
  },
  {
    now: '2014-02-24T00:00:00Z',
    what: 'a new entry; three dates corrected: one into another closed month, one past its updated:',
    change: () => {
      add('i', 'India', '2014-02-21', ['Trade']);
      model.get('e')!.date = '2014-01-30';
      model.get('d')!.date = '2014-01-02';
      // Its updated: (15 February, 10:00) now comes before its date.
      model.get('g')!.date = '2014-02-16';
    },
  },
  {
    now: '2014-03-03T00:00:00Z',
    what: 'a new entry; one withdrawn from the current feed, and the oldest month emptied',
    change: () => {
      // 00:30 on 1 March in Seoul: March's.
      add('j', 'Juliett', '2014-03-01T00:30:00', ['North Korea']);
      model.get('h')!.withdrawn = true;
      model.get('b')!.withdrawn = true;
    },
  },
  {
    now: '2014-03-10T00:00:00Z',
    what: 'a new entry; a tag added to an archived entry; a tag respelled; a correction to an entry only an archive carries',
    change: () => {
      add('k', 'Kilo', '2014-03-07', ['Trade']);
      model.get('c')!.tags.push('Trade');
      // d is in no live feed now: older than the site feed's month and than Trade's newest three.
      Object.assign(model.get('d')!, { body: 'Commentary on d, corrected.', updated: '2014-03-08T09:00:00' });
      for (const [, entry] of model) entry.tags = entry.tags.map((tag) => (tag === 'North Korea' ? 'North korea' : tag));
    },
  },
];

function add(name: string, title: string, date: string, tags: string[]): void {
  model.set(name, { title, date, tags, body: `Commentary on ${name}.` });
}

async function writeContent(content: string): Promise<void> {
  for (const [name, entry] of model) {
    const file = join(content, 'entries', '2014', `${name}.md`);
    if (entry.withdrawn) {
      await unlink(file).catch(() => undefined);
      continue;
    }
    const front = { title: entry.title, url: `https://news.example.com/${name}`, source: 'Example News', date: entry.date, tags: entry.tags, ...(entry.updated ? { updated: entry.updated } : {}) };
    await writeFile(file, `---\n${dump(front)}---\n${entry.body}\n`);
  }
}

/** A feed document as the tests read it: its ids and titles in order, and its RFC 5005 links. */
interface Doc {
  ids: string[];
  titles: string[];
  /** Atom's updated of each entry (RSS has none). */
  updated: (number | undefined)[];
  links: Record<string, string[]>;
  archive: boolean;
  complete: boolean;
}

function readAtom(xml: string): Doc {
  const feed = parseXml(xml);
  const entries = childrenNamed(feed, 'entry');
  return {
    ids: entries.map((entry) => childrenNamed(entry, 'id')[0]!.text),
    titles: entries.map((entry) => childrenNamed(entry, 'title')[0]!.text),
    updated: entries.map((entry) => Date.parse(childrenNamed(entry, 'updated')[0]!.text)),
    links: linksOf(feed, 'link'),
    archive: childrenNamed(feed, 'fh:archive').some((element) => element.attributes['xmlns:fh'] === FH),
    complete: findAll(feed, 'fh:complete').length > 0,
  };
}

function readRss(xml: string): Doc {
  const channel = findAll(parseXml(xml), 'channel')[0]!;
  const items = childrenNamed(channel, 'item');
  return {
    ids: items.map((item) => childrenNamed(item, 'guid')[0]!.text),
    titles: items.map((item) => childrenNamed(item, 'title')[0]!.text),
    updated: items.map(() => undefined),
    links: linksOf(channel, 'atom:link'),
    archive: childrenNamed(channel, 'fh:archive').some((element) => element.attributes['xmlns:fh'] === FH),
    complete: findAll(channel, 'fh:complete').length > 0,
  };
}

function linksOf(parent: XmlElement, name: string): Record<string, string[]> {
  const links: Record<string, string[]> = {};
  for (const link of childrenNamed(parent, name)) (links[link.attributes.rel ?? 'alternate'] ??= []).push(link.attributes.href!);
  return links;
}

async function get(server: StaticServer, url: string): Promise<string> {
  expect(url.startsWith(SITE), url).toBe(true);
  const response = await fetch(server.url + url.slice(SITE.length));
  expect(response.status, url).toBe(200);
  return response.text();
}

/**
 * RFC 5005 §4, as a reader walks it: from the subscription document through prev-archive to the end. Checks each
 * document's links on the way (§4: "Subscription documents and archive documents MUST have a "prev-archive" link
 * relation, unless there are no preceding archives available. Archive documents SHOULD also have a "next-archive"
 * link relation, unless there are no following archives available"; `current` and fh:archive in every archive
 * document; §2's fh:complete in none, since the site feed is never complete once it has archives) and returns the
 * documents' URLs, newest first, with what each holds.
 */
async function walkArchives(server: StaticServer, file: 'atom.xml' | 'rss.xml'): Promise<{ url: string; doc: Doc }[]> {
  const read = file === 'atom.xml' ? readAtom : readRss;
  const walked: { url: string; doc: Doc }[] = [];
  for (let url: string | undefined = SITE + file; url !== undefined; ) {
    expect(walked.map((step) => step.url), `${url} reached twice`).not.toContain(url);
    const doc = read(await get(server, url));
    const subscription = walked.length === 0;
    expect(doc.archive, url).toBe(!subscription);
    expect(doc.links.current ?? [], url).toEqual(subscription ? [] : [SITE + file]);
    expect(doc.complete, url).toBe(false);
    // The next newer archive document: the one this was reached from, unless that is the subscription document.
    expect(doc.links['next-archive'] ?? [], url).toEqual(walked.length >= 2 ? [walked.at(-1)!.url] : []);
    expect((doc.links['prev-archive'] ?? []).length, url).toBeLessThanOrEqual(1);
    walked.push({ url, doc });
    url = doc.links['prev-archive']?.[0];
  }
  return walked;
}

describe("a reader's months: new entries, edits, corrections and a withdrawal, as real readers see them", () => {
  let work: string;
  let content: string;
  let out: string;
  let server: StaticServer;
  let r2e: Rss2Email;
  const to = `months-${process.pid}-${Date.now()}@example.org`;
  /** The feeds each stateful reader subscribes to. */
  const SUBSCRIBED = ['rss.xml', 'atom.xml', 'tags/trade/rss.xml', 'tags/north-korea/atom.xml'];
  /** Every id each subscribed feed has shown so far. */
  const shownIn = new Map<string, Set<string>>(SUBSCRIBED.map((path) => [path, new Set<string>()]));
  /** The date each subscribed feed first showed each id with: newsboat never reads an item's date again. */
  const firstDates = new Map<string, number>();
  const newsboatHomes = new Map<string, string>();
  /** Each live entry's updated: as the last publish had it. */
  let updatedBefore = new Map<string, string | undefined>();

  beforeAll(async () => {
    const missing = await missingClients();
    if (missing.length > 0) throw new Error(`feed readers missing: ${missing.join(', ')}. .ci/run installs them.`);
    work = await mkdtemp(join(tmpdir(), 'broadsheet-months-'));
    content = join(work, 'content');
    out = join(work, 'public');
    await mkdir(join(content, 'entries', '2014'), { recursive: true });
    await writeFile(join(content, 'site.yml'), dump({ title: 'Months Watch', description: "A reader's months.", url: SITE, language: 'en', timezone: ZONE, idDate: '2014', feed: { limit: 3 } }));
    await mkdir(out);
    server = await serveFolder(out);
    // rss2email sends an entry again, as a reply to the first message, when its content changes (reply-changes).
    r2e = await Rss2Email.create(work, smtpUrl, to, ['reply-changes = True']);
    for (const [index, path] of SUBSCRIBED.entries()) await r2e.r2e('add', `feed-${index}`, server.url + path);
  });
  afterAll(async () => {
    await server?.close();
    if (work) await rm(work, { recursive: true, force: true });
  });

  for (const [week, { now, what, change }] of WEEKS.entries()) {
    it(`week ${week + 1} (${now}): ${what}`, { timeout: 120_000 }, async () => {
      change();
      const before = new Map(await Promise.all(SUBSCRIBED.map(async (path) => [path, await readFile(join(out, path)).catch(() => undefined)] as const)));
      const responsesBefore = server.responses.length;
      await writeContent(content);
      const run = await runCli(['publish', '--content', content, '--out', out, '--now', now, '--quiet']);
      expect(run.code, run.stderr).toBe(0);
      const expected = live();
      const expectedIds = expected.map(([name]) => idOf(name)).sort();
      const withdrawn = [...model.entries()].filter(([, entry]) => entry.withdrawn).map(([name]) => idOf(name));

      // A correction (a new updated:) to a published entry that no live feed carries, site or tag, reaches no reader: the
      // publish names it. The live feeds are read as served.
      const liveFeeds = ['rss.xml', ...(await readdir(join(out, 'tags'), { withFileTypes: true })).filter((slug) => slug.isDirectory()).map((slug) => `tags/${slug.name}/rss.xml`)];
      const fedIds = new Set((await Promise.all(liveFeeds.map((path) => servedIds(server, path)))).flat());
      const corrected = expected.filter(([name, entry]) => updatedBefore.has(name) && updatedBefore.get(name) !== entry.updated && entry.updated !== undefined);
      const unfed = corrected.filter(([name]) => !fedIds.has(idOf(name))).map(([name]) => `entries/2014/${name}.md`);
      if (week === 5) expect(unfed, 'the correction to d').toEqual(['entries/2014/d.md']);
      const warned = [...run.stderr.matchAll(/^warning: (\S+): updated: the correction \(.*\) reaches no feed reader/gm)].map((match) => match[1]);
      expect(warned, run.stderr).toEqual(unfed);
      updatedBefore = new Map(expected.map(([name, entry]) => [name, entry.updated]));

      // RFC 5005: every live entry exactly once, with its current title, in the document of its month in the site's zone.
      const documents: { url: string; xml: string }[] = [];
      for (const file of ['atom.xml', 'rss.xml'] as const) {
        const walked = await walkArchives(server, file);
        const ids = walked.flatMap((step) => step.doc.ids);
        expect([...ids].sort(), file).toEqual(expectedIds);
        for (const { url, doc } of walked) {
          const month = /archives\/(\d{4}-\d{2})\//.exec(url)?.[1];
          for (const [index, id] of doc.ids.entries()) {
            const [, entry] = expected.find(([name]) => idOf(name) === id)!;
            if (month) expect(monthOf(entry.date), `${url}: ${id}`).toBe(month);
            expect(doc.titles[index], `${url}: ${id}`).toBe(entry.title);
            // An edit with updated: is an update to Atom readers (RFC 4287 §4.2.15); otherwise updated is the date.
            if (file === 'atom.xml') expect(doc.updated[index], `${url}: ${id}`).toBe(updatedOf(entry));
          }
        }
        for (const { url } of walked) documents.push({ url, xml: await get(server, url) });
      }
      // The Universal Feed Parser reads every document of both walks with the dates and titles of the model.
      for (const [index, parsed] of readEachWithUniversalFeedParser(documents.map(({ xml }) => xml)).entries()) {
        const { url } = documents[index]!;
        expect(parsed.bozo, `${url}: ${parsed.bozo_exception}`).toBe(false);
        for (const entry of parsed.entries) {
          const [, modelEntry] = expected.find(([name]) => idOf(name) === entry.id)!;
          expect({ title: entry.title, published: entry.published }, `${url}: ${entry.id}`).toEqual({ title: modelEntry.title, published: millis(modelEntry.date) });
        }
      }
      // The documents of months left without an entry are gone.
      const months = new Set(expected.map(([, entry]) => monthOf(entry.date)));
      for (const file of await readdir(join(out, 'archives')).catch(() => [])) expect(months.has(file), `archives/${file}/`).toBe(true);
      const json: string[] = [];
      for (let url: string | undefined = `${SITE}feed.json`; url !== undefined; ) {
        const feed = JSON.parse(await get(server, url)) as { next_url?: string; items: { id: string }[] };
        json.push(...feed.items.map((item) => item.id));
        url = feed.next_url;
      }
      expect(json.sort()).toEqual(expectedIds);

      // No served feed shows a withdrawn entry; tag feeds hold the newest entries with their tag.
      for (const path of SUBSCRIBED) {
        const doc = path.endsWith('atom.xml') ? readAtom(await get(server, SITE + path)) : readRss(await get(server, SITE + path));
        for (const id of withdrawn) expect(doc.ids, path).not.toContain(id);
        const slug = /^tags\/([^/]+)\//.exec(path)?.[1];
        if (slug) {
          const tagged = expected.filter(([, entry]) => entry.tags.some((tag) => tag.toLowerCase().replace(' ', '-') === slug)).slice(0, 3);
          expect(doc.ids, path).toEqual(tagged.map(([name]) => idOf(name)));
        }
        for (const id of doc.ids) {
          shownIn.get(path)!.add(id);
          const [, entry] = expected.find(([name]) => idOf(name) === id)!;
          if (!firstDates.has(`${path} ${id}`)) firstDates.set(`${path} ${id}`, millis(entry.date));
        }
      }

      // newsboat, its cache kept from week to week: one item per id, none lost, the current title of each entry the
      // feed still shows. It keeps the date it first read an item with (a corrected date is not read again).
      for (const path of SUBSCRIBED) if (!newsboatHomes.has(path)) newsboatHomes.set(path, await mkdtemp(join(work, 'newsboat-')));
      const newsboatReads = await readEachWithNewsboat(SUBSCRIBED.map((path) => ({ feedUrl: server.url + path, workRoot: newsboatHomes.get(path)! })), { keep: true });
      for (const [index, path] of SUBSCRIBED.entries()) {
        const read = newsboatReads[index]!;
        const ids = read.entries.map((entry) => entry.id!);
        // A tag feed is named as its tag is spelled now.
        const tag = /^tags\/([^/]+)\//.exec(path)?.[1];
        const spelled = tag && expected.flatMap(([, entry]) => entry.tags).find((name) => name.toLowerCase().replace(' ', '-') === tag);
        expect(read.feedTitle, path).toBe(spelled ? `Months Watch: ${spelled}` : 'Months Watch');
        expect(ids.length, path).toBe(new Set(ids).size);
        expect([...ids].sort(), path).toEqual([...shownIn.get(path)!].sort());
        for (const [name, entry] of expected) {
          const item = read.entries.find((candidate) => candidate.id === idOf(name));
          if (item && (await servedIds(server, path)).includes(idOf(name))) {
            expect({ title: item.title, date: item.date }, `${path}: ${name}`).toEqual({ title: entry.title, date: firstDates.get(`${path} ${idOf(name)}`) });
          }
        }
      }

      // sfeed and rsstail read each subscribed feed with the model's titles, links and dates, newest first.
      for (const path of SUBSCRIBED) {
        const served = await servedIds(server, path);
        const shown = served.map((id) => {
          const [name, entry] = expected.find(([candidate]) => idOf(candidate) === id)!;
          return { title: entry.title, link: `https://news.example.com/${name}`, date: millis(entry.date), id, updated: updatedOf(entry) };
        });
        expect(await readWithSfeed(server.url + path, work), path).toEqual(shown.map(({ updated: _updated, ...entry }) => entry));
        // rsstail (libmrss) dates an Atom entry by its updated, so an edit with updated: shows there as its new time.
        const rsstail = shown.map(({ title, link, date, updated }) => ({ title, link, date: path.endsWith('atom.xml') ? updated : date }));
        expect(await readWithRsstail(server.url + path, work), path).toEqual(rsstail);
      }

      // rss2email: each entry once per feed; a body edit once more, as a reply to the first; a withdrawn one never again.
      await r2e.r2e('run');
      const delivered = await deliveredTo(mailbox, to);
      for (const path of SUBSCRIBED) {
        const messages = delivered.filter((message) => message.headers.feed === server.url + path);
        const firsts = messages.filter((message) => message.headers.inReplyTo === '').map((message) => message.headers.id);
        expect([...firsts].sort(), path).toEqual([...shownIn.get(path)!].sort());
        const replies = messages.filter((message) => message.headers.inReplyTo !== '').map((message) => message.headers.id);
        const edited = shownIn.get(path)!.has(idOf('g')) && week >= 2 ? [idOf('g')] : [];
        expect(replies, path).toEqual(week >= 2 ? edited : []);
      }

      // rss2email revalidates (If-None-Match, If-Modified-Since), and newsboat from its third read of a feed: a feed the
      // publish left as it was is answered 304, as S3 would, and one it changed is not.
      for (const path of SUBSCRIBED) {
        const statuses = server.responses.slice(responsesBefore).filter((response) => response.path === `/${path}`).map((response) => response.status);
        const unchanged = before.get(path)?.equals(await readFile(join(out, path))) ?? false;
        expect(statuses.filter((status) => status === 304).length, `${path} ${unchanged ? 'unchanged' : 'changed'}: ${statuses.join(' ')}`).toBe(unchanged ? (week >= 2 ? 2 : 1) : 0);
      }
    });
  }

  it('tags.opml lists every tag feed, and newsboat imports it', { timeout: 60_000 }, async () => {
    const tags = [...new Set(live().flatMap(([, entry]) => entry.tags.map((tag) => tag.toLowerCase().replace(' ', '-'))))].sort();
    const urls = await newsboatOpmlFeeds(`${server.url}tags.opml`, work);
    expect([...urls].sort()).toEqual(tags.map((slug) => `${SITE}tags/${slug}/rss.xml`).sort());
  });
});

async function servedIds(server: StaticServer, path: string): Promise<string[]> {
  const xml = await (await fetch(server.url + path)).text();
  return path.endsWith('atom.xml') ? readAtom(xml).ids : readRss(xml).ids;
}
