import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CORPUS_NOW, generateCorpus, type Corpus, type GeneratedEntry } from '../../../bench/corpus.js';
import { decodeRecord, type StoredRecord } from '../../../lib/content/indexRecordCodec.js';
import { LocalStore } from '../../../lib/store/localStore.js';
import { MemoryStore } from '../../../lib/store/memoryStore.js';
import { KEPT_BODY_CHARACTERS, publish, type PublishResult } from '../../../lib/publish/publish.js';
import { roomyTmpdir } from '../../support/roomyTmpdir.js';

// Correctness at scale: 3,200 generated entries (1–4 of 50 tags, 15 years, drafts among them) published twice
// from scratch, into a local folder and into memory. The expected feeds are worked out here from what the generator wrote, not
// from the output. Everything a default publish makes is built: feeds, pages and the digest archive of 15 years.
// A third run over the first output, with nothing changed, reuses what it can and must write nothing.
// No rule below depends on the count itself, only on the boundaries the corpus reaches, which the first test checks
// from what the generator wrote and the limits in lib/: every archived week and month of 15 years, every tag feed cut
// at feed.limit, the site feed's whole last month, and the load's body budget passed (some bodies read again for their
// render, as on a site of tens of thousands). COUNT is the smallest multiple of 100 at which seed 5's corpus reaches all of them
// (its least used tag is the last to pass feed.limit): a smaller count, or another corpus, that misses one fails there.
const COUNT = 3_200;
/**
 * A long YAML comment given to every published entry (read and counted as part of its file, never rendered): together,
 * so many more characters than the load keeps for the render that more than REREAD files are read again, whichever
 * ones it keeps.
 */
const PADDING = `# ${'x'.repeat(15_997)}\n`;
/** Published entries read again for their render, at least. */
const REREAD = 1000;
/** bench/corpus.ts writes site.yml with this zone. */
const ZONE = 'Asia/Seoul';

const byNewest = (a: GeneratedEntry, b: GeneratedEntry) => b.date - a.date || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

function filesUnder(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) files.set(relative(dir, join(entry.parentPath, entry.name)), readFileSync(join(entry.parentPath, entry.name)));
  }
  return files;
}

describe(`publishing ${COUNT.toLocaleString('en')} entries`, () => {
  const dir = mkdtempSync(join(roomyTmpdir(), 'broadsheet-scale-'));
  const content = join(dir, 'content');
  const first = join(dir, 'first');
  const second = new MemoryStore();
  let corpus: Corpus;
  let published: GeneratedEntry[];
  let summary: PublishResult;
  let firstFiles: Map<string, Buffer>;
  let rerun: PublishResult;
  let rerunPuts = 0;
  let contentGets = 0;
  /** The length of each published entry's file as the load reads it, padding included. */
  const publishedSizes: number[] = [];
  const tagUri = (id: string) => `tag:${corpus.host},${corpus.idDate}:${id}`;

  beforeAll(async () => {
    mkdirSync(content, { recursive: true });
    corpus = generateCorpus(content, { count: COUNT, seed: 5 });
    published = corpus.entries.filter((entry) => !entry.draft).sort(byNewest);
    for (const entry of published) {
      const file = join(content, entry.key);
      const text = readFileSync(file, 'utf8').replace(/^---\n/, `---\n${PADDING}`);
      writeFileSync(file, text);
      publishedSizes.push(text.length);
    }
    const now = DateTime.fromISO(CORPUS_NOW, { setZone: true });
    const run = (output: LocalStore | MemoryStore, source = new LocalStore(content)) => publish({ content: source, output, now, websub: false });
    const source = new LocalStore(content);
    summary = await run(new LocalStore(first), source);
    contentGets = source.requests.get;
    await run(second);
    firstFiles = filesUnder(first);
    const again = new LocalStore(first);
    rerun = await run(again);
    rerunPuts = again.requests.put + again.requests.delete;
  }, 600_000);

  // Two trees of a file per entry and more: removing them takes a while.
  afterAll(() => rmSync(dir, { recursive: true, force: true }), 300_000);

  it('the corpus reaches every boundary the rules below need', () => {
    const yearOf = (millis: number) => DateTime.fromMillis(millis, { zone: ZONE }).year;
    expect([yearOf(published.at(-1)!.date), yearOf(published[0]!.date)]).toEqual([2011, 2025]);
    expect(corpus.entries.some((entry) => entry.draft)).toBe(true);
    // Every tag feed is cut at feed.limit.
    for (const tag of corpus.tags) expect(published.filter((entry) => entry.tagSlugs.includes(tag.slug)).length, tag.slug).toBeGreaterThan(corpus.feedLimit);
    // The site feed's oldest entry is not the first of its month, so the feed goes on past feed.limit.
    const monthOf = (millis: number) => DateTime.fromMillis(millis, { zone: ZONE }).toFormat('yyyy-MM');
    expect(monthOf(published[corpus.feedLimit]!.date)).toBe(monthOf(published[corpus.feedLimit - 1]!.date));
    // Every month of the 15 years has an entry, and more than 700 weeks before the week of now (the digest archive's test).
    const months = Array.from({ length: 15 * 12 }, (_, i) => `${2011 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`);
    const monthsWithEntries = new Set(published.map((entry) => monthOf(entry.date)));
    expect(months.filter((month) => !monthsWithEntries.has(month))).toEqual([]);
    const weekOf = (millis: number) => DateTime.fromMillis(millis, { zone: ZONE }).toFormat("kkkk-'W'WW");
    const current = weekOf(DateTime.fromISO(CORPUS_NOW).toMillis());
    expect(new Set(published.map((entry) => weekOf(entry.date)).filter((week) => week !== current)).size).toBeGreaterThan(700);
    // The load keeps the bodies of files holding at most KEPT_BODY_CHARACTERS (lib/content/bodyCache.ts counts each
    // file's whole text) and reads every other published entry again for its page. Whichever it keeps, those it does
    // not hold the rest of the characters: if even the REREAD largest files hold fewer, more than REREAD are read again.
    const rest = publishedSizes.reduce((sum, size) => sum + size, 0) - KEPT_BODY_CHARACTERS;
    const largest = [...publishedSizes].sort((a, b) => b - a).slice(0, REREAD);
    expect(largest.reduce((sum, size) => sum + size, 0)).toBeLessThan(rest);
    // And it did: site.yml, each entry once, and more.
    expect(contentGets).toBeGreaterThan(1 + COUNT + REREAD);
  });

  it('loses no entry: every file is read, every non-draft published, none skipped', () => {
    expect(corpus.entries.some((entry) => entry.draft)).toBe(true);
    expect(summary.entries).toEqual({ total: COUNT, published: published.length, skipped: 0 });
    const index = JSON.parse(firstFiles.get('_broadsheet/index.json')!.toString('utf8')) as { records: Record<string, StoredRecord> };
    const indexed = Object.entries(index.records).map(([key, stored]) => {
      const entry = decodeRecord(key, stored).entry;
      return { key, id: entry?.id, date: entry?.date };
    });
    expect(indexed).toEqual(corpus.entries.map((entry) => ({ key: entry.key, id: entry.id, date: entry.date })).sort((a, b) => (a.key < b.key ? -1 : 1)));
  });

  it('the site feed holds the newest feed.limit entries overall and the rest of the oldest one’s month, newest first, in all three formats', () => {
    const monthOf = (millis: number) => DateTime.fromMillis(millis, { zone: ZONE }).toFormat('yyyy-MM');
    const boundary = monthOf(published[corpus.feedLimit - 1]!.date);
    const expected = published.filter((entry, i) => i < corpus.feedLimit || monthOf(entry.date) === boundary).map((entry) => tagUri(entry.id));
    // The oldest entry's month goes on past feed.limit.
    expect(expected.length).toBeGreaterThan(corpus.feedLimit);
    const json = JSON.parse(firstFiles.get('feed.json')!.toString('utf8')) as { items: { id: string }[] };
    expect(json.items.map((item) => item.id)).toEqual(expected);
    const rss = firstFiles.get('rss.xml')!.toString('utf8');
    expect([...rss.matchAll(/<guid isPermaLink="false">([^<]+)<\/guid>/g)].map((m) => m[1])).toEqual(expected);
    const atom = firstFiles.get('atom.xml')!.toString('utf8');
    expect([...atom.matchAll(/<entry>[\s\S]*?<id>([^<]+)<\/id>/g)].map((m) => m[1])).toEqual(expected);
  });

  it('every tag feed holds exactly the newest feed.limit entries of its tag', () => {
    const tagDirs = new Set([...firstFiles.keys()].filter((key) => /^tags\/[^/]+\/feed\.json$/.test(key)).map((key) => key.split('/')[1]));
    const usedSlugs = new Set(published.flatMap((entry) => entry.tagSlugs));
    expect([...tagDirs].sort()).toEqual([...usedSlugs].sort());
    expect(usedSlugs.size).toBe(corpus.tags.length);
    for (const slug of usedSlugs) {
      const expected = published.filter((entry) => entry.tagSlugs.includes(slug)).slice(0, corpus.feedLimit).map((entry) => tagUri(entry.id));
      const json = JSON.parse(firstFiles.get(`tags/${slug}/feed.json`)!.toString('utf8')) as { items: { id: string }[] };
      expect(json.items.map((item) => item.id), slug).toEqual(expected);
      const rss = firstFiles.get(`tags/${slug}/rss.xml`)!.toString('utf8');
      expect([...rss.matchAll(/<guid isPermaLink="false">([^<]+)<\/guid>/g)].map((m) => m[1]), slug).toEqual(expected);
    }
  });

  it('the digest archive holds one week for each week with a published entry, before the week of now', () => {
    const weekOf = (millis: number) => DateTime.fromMillis(millis, { zone: ZONE }).toFormat("kkkk-'W'WW");
    const current = weekOf(DateTime.fromISO(CORPUS_NOW).toMillis());
    const expected = new Set(published.map((entry) => weekOf(entry.date)).filter((week) => week !== current));
    const archived = [...firstFiles.keys()].filter((key) => /^digests\/\d{4}-W\d{2}\.html$/.test(key)).map((key) => key.slice('digests/'.length, -'.html'.length));
    // The week just ended is archived even when empty.
    const latest = DateTime.fromISO(CORPUS_NOW).setZone(ZONE).startOf('week').minus({ days: 1 }).toFormat("kkkk-'W'WW");
    expect(archived.sort()).toEqual([...new Set([...expected, latest])].sort());
    expect(archived.length).toBeGreaterThan(700);
  });

  it('every published entry has its page, and following prev-archive from atom.xml finds each exactly once', () => {
    for (const entry of published.slice(0, 200)) expect(firstFiles.has(`entries/${entry.id}/index.html`), entry.id).toBe(true);
    expect([...firstFiles.keys()].filter((key) => key.startsWith('entries/')).length).toBe(published.length);
    const seen: string[] = [];
    for (let key: string | undefined = 'atom.xml'; key !== undefined; ) {
      const atom = firstFiles.get(key)!.toString('utf8');
      seen.push(...[...atom.matchAll(/<entry>[\s\S]*?<id>([^<]+)<\/id>/g)].map((m) => m[1]!));
      const prev = /<link rel="prev-archive" href="https:\/\/[^/]+\/([^"]+)"\/>/.exec(atom);
      key = prev?.[1];
    }
    expect(seen.length).toBe(published.length);
    expect(new Set(seen)).toEqual(new Set(published.map((entry) => tagUri(entry.id))));
  });

  it('a run with nothing changed writes and deletes nothing', () => {
    expect(rerunPuts).toBe(0);
    expect(rerun.counts).toEqual({ new: 0, changed: 0, unchanged: firstFiles.size - 2, deleted: 0 });
  });

  it('a second run from scratch writes the same files, byte for byte', () => {
    const secondFiles = new Map([...second.objects].map(([key, object]) => [key, object.body]));
    expect([...secondFiles.keys()].sort()).toEqual([...firstFiles.keys()].sort());
    const differing = [...firstFiles].filter(([key, body]) => !body.equals(secondFiles.get(key)!)).map(([key]) => key);
    // The manifests differ in each file's version as its store lists it (a folder: size, mtime, inode), kept for the drift check,
    // and in the settled record's hashes of those versions and of the text holding them (lib/publish/settledText.ts), alone.
    expect(differing).toEqual(['_broadsheet/manifest.json']);
    const withoutVersions = (files: Map<string, Buffer>) => {
      const manifest = JSON.parse(files.get('_broadsheet/manifest.json')!.toString('utf8')) as { objects: Record<string, { version?: string }>; settled: Record<string, unknown> };
      for (const record of Object.values(manifest.objects)) delete record.version;
      for (const hash of ['manifestSha256', 'outputSha256']) {
        expect(manifest.settled[hash]).toMatch(/^[0-9a-f]{64}$/);
        delete manifest.settled[hash];
      }
      return manifest;
    };
    expect(withoutVersions(secondFiles)).toEqual(withoutVersions(firstFiles));
  });
});
