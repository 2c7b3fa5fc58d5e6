import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { beforeAll, describe, expect, it } from 'vitest';
import { CORPUS_NOW, generateCorpus, type Corpus } from '../../../bench/corpus.js';
import { feedArtifacts } from '../../../lib/feeds/feedArtifacts.js';
import { publish } from '../../../lib/publish/publish.js';
import { LocalStore } from '../../../lib/store/localStore.js';
import { MemoryStore } from '../../../lib/store/memoryStore.js';
import { childrenNamed, findAll, parseXml, type XmlElement } from '../../support/xml.js';
import { copyOf } from '../../support/copyOf.js';

// RFC 5005 §4 (archived feeds): a reader that starts at the subscription feed and follows prev-archive to the end
// sees every published entry exactly once. The corpus spans 2011–2025; the expected ids come from what the
// generator wrote (drafts excluded, nothing embargoed at CORPUS_NOW), not from the output.
const NOW = DateTime.fromISO(CORPUS_NOW);
const SITE = 'https://bench.example.org/';
const FH = 'http://purl.org/syndication/history/1.0';
const LONG = 'public, max-age=300, s-maxage=31536000';

let corpus: Corpus;
let content: string;
const tagUri = (id: string) => `tag:${corpus.host},${corpus.idDate}:${id}`;
const expectedIds = () => corpus.entries.filter((entry) => !entry.draft).map((entry) => tagUri(entry.id)).sort();
const keyOf = (url: string) => url.slice(SITE.length);

beforeAll(() => {
  content = mkdtempSync(join(tmpdir(), 'broadsheet-archive-'));
  corpus = generateCorpus(content, { count: 400, seed: 11, feedLimit: 20 });
});

async function published(output = new MemoryStore(), invalidated: string[][] = []) {
  const result = await publish({
    content: new LocalStore(content),
    output,
    now: NOW,
    builders: [feedArtifacts],
    archiveCacheControl: LONG,
    invalidate: async (keys) => void invalidated.push(keys),
  });
  return { output, result, invalidated };
}

let first: Promise<MemoryStore> | undefined;
/** The corpus published from scratch (once: the tests that publish again do it into a copy of its output). */
const publishedOnce = () => (first ??= published().then(({ output }) => output));

function links(parent: XmlElement, element: string, rel: string): string[] {
  return childrenNamed(parent, element).filter((link) => link.attributes.rel === rel).map((link) => link.attributes.href!);
}

describe('the site feed and its RFC 5005 archive', () => {
  it('atom.xml: following prev-archive to the end finds every published entry exactly once', async () => {
    const output = await publishedOnce();
    const seen: string[] = [];
    const visited: string[] = [];
    let key: string | undefined = 'atom.xml';
    while (key !== undefined) {
      visited.push(key);
      expect(visited.filter((k) => k === key), `${key} visited twice`).toHaveLength(1);
      const feed = parseXml(output.text(key)!);
      for (const entry of findAll(feed, 'entry')) seen.push(childrenNamed(entry, 'id')[0]!.text);
      const archive = key !== 'atom.xml';
      expect(childrenNamed(feed, 'fh:archive').map((element) => element.attributes['xmlns:fh']), key).toEqual(archive ? [FH] : []);
      expect(links(feed, 'link', 'current'), key).toEqual(archive ? [SITE + 'atom.xml'] : []);
      const prev = links(feed, 'link', 'prev-archive');
      expect(prev.length, key).toBeLessThanOrEqual(1);
      // RFC 5005 §4: every archive document but the newest links next-archive, to the one it was reached from.
      expect(links(feed, 'link', 'next-archive'), key).toEqual(visited.length > 2 ? [SITE + visited[visited.length - 2]!] : []);
      key = prev[0] === undefined ? undefined : keyOf(prev[0]);
    }
    // 15 years of a few entries a month with a limit of 20: well over a hundred archive documents.
    expect(visited.length).toBeGreaterThan(100);
    expect(seen.length).toBe(new Set(seen).size);
    expect([...seen].sort()).toEqual(expectedIds());
  });

  it('rss.xml and feed.json walk the same way: atom:link prev-archive, and next_url', async () => {
    const output = await publishedOnce();
    const rssSeen: string[] = [];
    for (let key: string | undefined = 'rss.xml'; key !== undefined; ) {
      const channel = findAll(parseXml(output.text(key)!), 'channel')[0]!;
      for (const item of childrenNamed(channel, 'item')) rssSeen.push(childrenNamed(item, 'guid')[0]!.text);
      expect(links(channel, 'atom:link', 'current'), key).toEqual(key === 'rss.xml' ? [] : [SITE + 'rss.xml']);
      const prev = links(channel, 'atom:link', 'prev-archive');
      key = prev[0] === undefined ? undefined : keyOf(prev[0]);
    }
    expect(rssSeen.length).toBe(new Set(rssSeen).size);
    expect([...rssSeen].sort()).toEqual(expectedIds());
    const jsonSeen: string[] = [];
    for (let key: string | undefined = 'feed.json'; key !== undefined; ) {
      const json = JSON.parse(output.text(key)!) as { next_url?: string; items: { id: string }[] };
      jsonSeen.push(...json.items.map((item) => item.id));
      key = json.next_url === undefined ? undefined : keyOf(json.next_url);
    }
    expect([...jsonSeen].sort()).toEqual(expectedIds());
  });

  it('keeps each closed month in one document under archives/YYYY-MM/, the subscription feed whole months and at least feed.limit entries', async () => {
    const output = await publishedOnce();
    // Each entry's month in the site's zone, worked out once: every archive document below is checked against them all.
    const months = new Map(corpus.entries.map((entry) => [entry, DateTime.fromMillis(entry.date, { zone: 'Asia/Seoul' }).toFormat('yyyy-MM')]));
    const zoneMonth = (entry: Corpus['entries'][number]) => months.get(entry)!;
    const byId = new Map(corpus.entries.map((entry) => [tagUri(entry.id), entry]));
    const current = findAll(parseXml(output.text('atom.xml')!), 'entry').map((entry) => byId.get(childrenNamed(entry, 'id')[0]!.text)!);
    expect(current.length).toBeGreaterThanOrEqual(corpus.feedLimit);
    const oldestMonth = zoneMonth(current.reduce((oldest, entry) => (entry.date < oldest.date ? entry : oldest)));
    const archives = [...output.objects.keys()].filter((k) => k.startsWith('archives/') && k.endsWith('atom.xml'));
    // Every closed month before the subscription feed's oldest that has an entry has its document, and no other month.
    const closed = [...new Set(corpus.entries.filter((entry) => !entry.draft).map(zoneMonth))].filter((month) => month < oldestMonth).sort();
    expect(closed.length).toBeGreaterThan(1);
    expect(archives.map((key) => key.slice('archives/'.length, -'/atom.xml'.length)).sort()).toEqual(closed);
    for (const key of archives) {
      const month = /^archives\/(\d{4}-\d{2})\/atom\.xml$/.exec(key)![1]!;
      expect(month < oldestMonth, key).toBe(true);
      const ids = findAll(parseXml(output.text(key)!), 'entry').map((entry) => childrenNamed(entry, 'id')[0]!.text);
      for (const id of ids) expect(zoneMonth(byId.get(id)!), `${key}: ${id}`).toBe(month);
      expect(ids.length).toBe(corpus.entries.filter((entry) => !entry.draft && zoneMonth(entry) === month).length);
      // Long-cached; the subscription feeds keep publish's cacheControl.
      expect(output.objects.get(key)!.cacheControl).toBe(LONG);
    }
    expect(output.objects.get('atom.xml')!.cacheControl).toBe('public, max-age=300');
  });

  it('with nothing changed, builds and writes nothing and invalidates nothing', async () => {
    const output = copyOf(await publishedOnce());
    const puts = output.requests.put;
    const invalidated: string[][] = [];
    const { result } = await published(output, invalidated);
    expect(result.counts.new + result.counts.changed + result.counts.deleted).toBe(0);
    expect(output.requests.put).toBe(puts);
    expect(invalidated).toEqual([]);
  });

  // Last: the edit leaves its file's version (size, mtime, inode) changed, which the output above does not record.
  it('an edit to an entry of a closed month rewrites only that archive document, and hands it to invalidate', async () => {
    const output = copyOf(await publishedOnce());
    // An entry of a long-closed month (neither the newest nor the oldest archive).
    const target = corpus.entries.filter((entry) => !entry.draft).sort((a, b) => a.date - b.date)[50]!;
    const month = DateTime.fromMillis(target.date, { zone: 'Asia/Seoul' }).toFormat('yyyy-MM');
    const file = join(content, target.key);
    const original = readFileSync(file, 'utf8');
    try {
      writeFileSync(file, original.replace(/^title: .*$/m, 'title: "An edited title"'));
      const invalidated: string[][] = [];
      const { result } = await published(output, invalidated);
      const changed = result.changes.filter((change) => change.status !== 'unchanged').map((change) => change.key).sort();
      const archive = [`archives/${month}/atom.xml`, `archives/${month}/feed.json`, `archives/${month}/rss.xml`];
      // Its month's archive document, and no other; a rare tag's feed (its newest feed.limit) may reach back to it too.
      expect(changed.filter((key) => !key.startsWith('tags/'))).toEqual(archive);
      for (const key of changed.filter((k) => k.startsWith('tags/'))) expect(target.tagSlugs, key).toContain(key.split('/')[1]);
      expect(invalidated).toEqual([archive]);
      expect(output.text(`archives/${month}/atom.xml`)).toContain('An edited title');
    } finally {
      writeFileSync(file, original);
    }
  });
});
