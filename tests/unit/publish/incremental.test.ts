import { dump } from 'js-yaml';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import type { ArtifactBuilder } from '../../../lib/plan/artifact.js';
import { digestArtifacts } from '../../../lib/digest/digestArtifacts.js';
import { INDEX_KEY } from '../../../lib/content/entryIndex.js';
import { entryPageArtifacts } from '../../../lib/pages/entryPageArtifacts.js';
import { iconArtifacts } from '../../../lib/pages/iconArtifacts.js';
import { monthPageArtifacts } from '../../../lib/pages/monthPageArtifacts.js';
import { feedArtifacts } from '../../../lib/feeds/feedArtifacts.js';
import { MANIFEST_KEY } from '../../../lib/publish/manifest.js';
import { MemoryStore } from '../../../lib/store/memoryStore.js';
import { pageArtifacts } from '../../../lib/pages/pageArtifacts.js';
import { publish } from '../../../lib/publish/publish.js';
import { entry, entryText, memoryContent, SITE } from '../../support/content.js';
import { copyOf } from '../../support/copyOf.js';

// An incremental publish reuses the digest weeks whose inputs are unchanged. Whatever it reuses, its output must
// be byte for byte what a publish from scratch makes of the same content at the same moment.

const TAGS = ['trade', 'energy', 'markets', 'health'];

/** 40 entries over about ten weeks of April–June 2014, half with a summary, some with a body of two paragraphs. */
function entries(): Record<string, string> {
  const files: Record<string, string> = {};
  for (let i = 0; i < 40; i++) {
    const day = DateTime.fromISO('2014-04-01', { zone: 'Asia/Seoul' }).plus({ days: Math.floor(i * 1.8) });
    const front = entry({
      title: `Entry ${i}`,
      url: `https://news.example.com/${i}`,
      date: i % 3 === 0 ? day.toISODate() : day.set({ hour: i % 24 }).toISO({ suppressMilliseconds: true }),
      tags: [TAGS[i % 4], ...(i % 5 === 0 ? [TAGS[(i + 1) % 4]] : [])],
      summary: i % 2 === 0 ? `Summary of entry ${i}.` : undefined,
    });
    files[`2014/e${String(i).padStart(2, '0')}.md`] = entryText(front, `First paragraph of entry ${i}, with a [link](https://example.com/${i}).\n\nSecond paragraph.\n`);
  }
  return files;
}

const NOW = DateTime.fromISO('2014-06-20T12:00:00+09:00', { setZone: true });

/** The files a reader sees, and the manifest's records of them. */
function published(output: MemoryStore): Map<string, string> {
  const files = new Map<string, string>();
  for (const [key, object] of output.objects) if (!key.startsWith('_broadsheet/')) files.set(key, object.body.toString('base64'));
  return files;
}

function withoutSettled(manifestText: string): string {
  const { settled: _settled, ...rest } = JSON.parse(manifestText) as { settled?: unknown };
  return JSON.stringify(rest, null, 1);
}

function manifestObjects(output: MemoryStore): unknown {
  return (JSON.parse(output.text(MANIFEST_KEY)!) as { objects: unknown }).objects;
}

/** The default builders, recording in `built` the ids of the reusable units actually built (feeds and digest weeks). */
function countingBuilders(built: string[]): ArtifactBuilder[] {
  const counting = (builder: ArtifactBuilder): ArtifactBuilder => ({
    ...builder,
    units: (plan, context) => builder.units!(plan, context).map((unit) => ({ ...unit, build: (rendered) => (unit.fingerprint !== undefined && built.push(unit.id), unit.build(rendered)) })),
  });
  return [counting(feedArtifacts), pageArtifacts, counting(entryPageArtifacts), counting(monthPageArtifacts), iconArtifacts, counting(digestArtifacts)];
}

const weeks = (built: readonly string[]) => built.filter((id) => id.startsWith('digest:') && id !== 'digest:index');
const pages = (built: readonly string[]) => built.filter((id) => id.startsWith('entry-page:')).sort();
const feeds = (built: readonly string[]) => built.filter((id) => id.startsWith('feed:')).sort();
const months = (built: readonly string[]) => built.filter((id) => id.startsWith('month-')).sort();

function put(content: MemoryStore, key: string, text: string): void {
  content.objects.set(key, { body: Buffer.from(text), contentType: key.endsWith('.yml') ? 'application/yaml' : 'text/markdown' });
}

describe('incremental publish', () => {
  it('gives byte-identical output to a publish from scratch through edits, deletions, new tags, site.yml changes and embargoes', async () => {
    const files = entries();
    // Dated after NOW: embargoed until a later run.
    files['2014/future.md'] = entryText(entry({ title: 'Embargoed', url: 'https://news.example.com/future', date: '2014-06-25T09:00:00+09:00' }), 'Not yet.\n');
    const content = memoryContent({ entries: files });
    const output = new MemoryStore();
    const built: string[] = [];
    const builders = countingBuilders(built);

    const step = async (now: DateTime) => {
      built.length = 0;
      await publish({ content, output, now, builders, websub: false });
      const scratch = new MemoryStore();
      await publish({ content, output: scratch, now, websub: false });
      expect(published(output)).toEqual(published(scratch));
      expect(manifestObjects(output)).toEqual(manifestObjects(scratch));
      // The same units, as the same text; only a default publish records that it is settled (lib/publish/settled.ts).
      expect(withoutSettled(output.text(MANIFEST_KEY)!)).toBe(withoutSettled(scratch.text(MANIFEST_KEY)!));
      return [...built];
    };

    const first = await step(NOW);
    expect(weeks(first).length).toBeGreaterThan(8);
    expect(first).toContain('digest:2014-W19');
    expect(feeds(first)).toEqual(['feed:', ...TAGS.map((tag) => `feed:tags/${tag}/`).sort()]);

    // Nothing changed: no week is built, and nothing is written or deleted.
    const puts = output.requests.put;
    const deletes = output.requests.delete;
    built.length = 0;
    const unchanged = await publish({ content, output, now: NOW, builders, websub: false });
    expect(built).toEqual([]);
    expect(output.requests.put).toBe(puts);
    expect(output.requests.delete).toBe(deletes);
    expect(unchanged.counts.new + unchanged.counts.changed + unchanged.counts.deleted).toBe(0);

    // A body edited (entry 1 has no summary: the digest shows its first paragraph): only its week is built.
    put(content, 'entries/2014/e01.md', entryText(entry({ title: 'Entry 1', url: 'https://news.example.com/1', date: '2014-04-02T01:00:00+09:00', tags: ['energy'] }), 'A new first paragraph.\n'));
    const afterEdit = await step(NOW);
    expect(weeks(afterEdit)).toEqual(['digest:2014-W14']);
    // The digest index and feeds list every week: built again with it.
    expect(afterEdit).toContain('digest:index');
    // Its feeds (the site's, and its tag's, energy): the other tags' feeds are reused.
    expect(feeds(afterEdit)).toEqual(['feed:', 'feed:tags/energy/']);
    // Its own page, and no other entry's.
    expect(pages(afterEdit)).toEqual(['entry-page:entries/2014/e01.md']);
    // Its month's page (e01 is dated 2 April); the list of months counts the same.
    expect(months(afterEdit)).toEqual(['month-page:2014-04']);
    expect(output.text('digests/2014-W14.txt')).toContain('A new first paragraph.');

    // An entry deleted.
    content.objects.delete('entries/2014/e20.md');
    const afterDelete = await step(NOW);
    expect(weeks(afterDelete)).toHaveLength(1);
    // e20 was tagged trade and energy.
    expect(feeds(afterDelete)).toEqual(['feed:', 'feed:tags/energy/', 'feed:tags/trade/']);
    // e20 was dated 7 May (1 April + 36 days): its month's page, and the list of months with May's count.
    expect(months(afterDelete)).toEqual(['month-list', 'month-page:2014-05']);

    // A new tag on an old entry.
    put(content, 'entries/2014/e03.md', entryText(entry({ title: 'Entry 3', url: 'https://news.example.com/3', date: '2014-04-06T03:00:00+09:00', tags: ['brand-new'] }), 'Three.\n'));
    const afterTag = await step(NOW);
    expect(weeks(afterTag)).toHaveLength(1);
    // e03 was tagged health; now brand-new (a new feed) instead.
    expect(feeds(afterTag)).toEqual(['feed:', 'feed:tags/brand-new/', 'feed:tags/health/']);
    expect(output.text('tags/brand-new/rss.xml')).toContain('Entry 3');

    // site.yml changed: every week is built again, with the new title.
    put(content, 'site.yml', dump({ ...SITE, title: 'Renamed Watch' }));
    const afterSite = await step(NOW);
    // Every unit is built again: one feed more than at first (brand-new), one entry page fewer (e20 is gone).
    expect(afterSite.length).toBe(first.length + 1 - 1);
    expect(output.text('digests/2014-W19.html')).toContain('Renamed Watch');

    // The embargo passes and the weeks move on: the week just ended (2014-W26, 23–29 June, which holds the
    // entry of 25 June) is built, the old ones reused; 2014-W25 is empty and no longer the latest, so not archived.
    // 2014-W24 is built again too: its page's newer week is now 2014-W26, where it was 2014-W25.
    const later = DateTime.fromISO('2014-07-01T12:00:00+09:00', { setZone: true });
    const afterEmbargo = await step(later);
    expect(weeks(afterEmbargo)).toEqual(['digest:2014-W24', 'digest:2014-W26']);
    // The embargoed entry (tag trade) joins the site feed and its tag's.
    expect(feeds(afterEmbargo)).toEqual(['feed:', 'feed:tags/trade/']);
    expect(output.objects.has('digests/2014-W25.html')).toBe(false);
    expect(output.text('digests/2014-W26.html')).toContain('Embargoed');

    // An edit undone: the week is built again and comes out as before.
    const before = output.text('digests/2014-W14.html');
    const original = content.objects.get('entries/2014/e01.md')!;
    put(content, 'entries/2014/e01.md', entryText(entry({ title: 'Entry 1, renamed', url: 'https://news.example.com/1', date: '2014-04-02T01:00:00+09:00', tags: ['energy'] }), 'A new first paragraph.\n'));
    await step(later);
    content.objects.set('entries/2014/e01.md', original);
    expect(weeks(await step(later))).toEqual(['digest:2014-W14']);
    expect(output.text('digests/2014-W14.html')).toBe(before);
  });

  it('builds a week again when the manifest no longer holds its files as that run made them', async () => {
    const content = memoryContent({ entries: entries() });
    const output = new MemoryStore();
    const built: string[] = [];
    const builders = countingBuilders(built);
    await publish({ content, output, now: NOW, builders, websub: false });
    // As if a file had been changed behind Broadsheet's back and the manifest updated to it.
    const manifest = JSON.parse(output.text(MANIFEST_KEY)!) as { objects: Record<string, { sha256: string }> };
    manifest.objects['digests/2014-W19.html']!.sha256 = '0'.repeat(64);
    output.objects.set(MANIFEST_KEY, { body: Buffer.from(JSON.stringify(manifest)), contentType: 'application/json' });
    built.length = 0;
    const result = await publish({ content, output, now: NOW, builders, websub: false });
    expect(built).toEqual(['digest:2014-W19']);
    expect(result.changes.find((change) => change.key === 'digests/2014-W19.html')?.status).toBe('changed');
  });

  it('keeps only first paragraphs, not HTML, in the index for entries that only the digest and pages show', async () => {
    const content = memoryContent({ entries: entries() });
    const output = new MemoryStore();
    // A feed limit of 5: most entries are in no feed, so no output needs their HTML.
    put(content, 'site.yml', dump({ ...SITE, feed: { limit: 5 } }));
    await publish({ content, output, now: NOW, websub: false });
    const records = (JSON.parse(output.text(INDEX_KEY)!) as { records: Record<string, { rendered?: { html: string }; firstParagraph?: string }> }).records;
    const old = records['entries/2014/e01.md']!;
    expect(old.rendered).toBeUndefined();
    expect(old.firstParagraph).toBe('First paragraph of entry 1, with a link.');
    // In the site feed: HTML kept (its first paragraph is in it).
    const newest = records['entries/2014/e39.md']!;
    expect(newest.rendered?.html).toContain('<a href="https://example.com/39">link</a>');
    expect(newest.firstParagraph).toBeUndefined();
  });
});

describe('first paragraphs in the entry index', () => {
  // 100 days of four entries a day, one per tag, none with a summary (so the digest and the pages show each
  // entry's first paragraph). With a feed limit of 5: the feeds carry the newest 5 days (their HTML is kept),
  // the pages the newest 20 of each tag (20 days), the digest's feeds the 5 newest weeks, and the archive every week.
  const START = DateTime.fromISO('2014-03-01', { zone: SITE.timezone });
  const DAYS = 100;
  const LATER = START.plus({ days: DAYS + 8 }).set({ hour: 12 });
  const keyOf = (day: number, tag: number) => `entries/2014/d${String(day).padStart(3, '0')}-${tag}.md`;
  const paragraph = (day: number, tag: number) => `First paragraph of day ${day}, tag ${tag}.`;
  const weekOf = (day: number) => {
    const date = START.plus({ days: day });
    return `${date.weekYear}-W${String(date.weekNumber).padStart(2, '0')}`;
  };
  const files = () => {
    const spec: Record<string, string> = {};
    for (let day = 0; day < DAYS; day++) {
      for (let tag = 0; tag < TAGS.length; tag++) {
        const front = entry({ title: `Day ${day}, ${TAGS[tag]}`, url: `https://news.example.com/${day}/${tag}`, date: START.plus({ days: day }).toISODate(), tags: [TAGS[tag]] });
        spec[keyOf(day, tag).slice('entries/'.length)] = entryText(front, `${paragraph(day, tag)}\n\nSecond paragraph.\n`);
      }
    }
    return spec;
  };
  const site = { ...SITE, feed: { limit: 5 } };
  let first: Promise<MemoryStore> | undefined;
  /** The entries published from scratch at LATER, once: the test that publishes again does it into a copy. */
  const publishedOnce = () =>
    (first ??= (async () => {
      const output = new MemoryStore();
      await publish({ content: memoryContent({ site, entries: files() }), output, now: LATER, websub: false });
      return output;
    })());

  it('are kept for what the feeds, pages and digest feeds show, and not for older digest weeks', async () => {
    const output = await publishedOnce();
    const records = (JSON.parse(output.text(INDEX_KEY)!) as { records: Record<string, { rendered?: { html: string }; firstParagraph?: string }> }).records;

    const newestWeeks = [...new Set(Array.from({ length: DAYS }, (_, day) => weekOf(DAYS - 1 - day)))].slice(0, 5);
    for (let day = 0; day < DAYS; day++) {
      // The site feed holds its newest 5 (day 99's four and one of day 98's) and the rest of their month (RFC 5005
      // archives hold the older months, and keep no HTML); the tag feeds their newest 5 days.
      const inFeeds = day >= DAYS - 5 || START.plus({ days: day }).toFormat('yyyy-MM') === START.plus({ days: DAYS - 2 }).toFormat('yyyy-MM');
      const onPages = day >= DAYS - 20;
      const inDigestFeeds = newestWeeks.includes(weekOf(day));
      for (let tag = 0; tag < TAGS.length; tag++) {
        const record = records[keyOf(day, tag)]!;
        const label = `day ${day}, tag ${tag}`;
        // In a feed: the HTML is kept, and the first paragraph with it.
        expect(record.rendered !== undefined, label).toBe(inFeeds);
        expect(record.firstParagraph, label).toBe(!inFeeds && (onPages || inDigestFeeds) ? paragraph(day, tag) : undefined);
      }
    }
    // The digest's feeds reach further back than the pages: some paragraphs are kept for them alone.
    expect(Array.from({ length: DAYS - 20 }, (_, day) => day).some((day) => newestWeeks.includes(weekOf(day)))).toBe(true);
  });

  it('are read again from the files when an older week is built again, and the output is as from scratch', async () => {
    const content = memoryContent({ site, entries: files() });
    const output = copyOf(await publishedOnce());

    const edited = { day: 10, tag: 0 };
    const text = entryText(entry({ title: 'Day 10, edited', url: 'https://news.example.com/10/0', date: START.plus({ days: 10 }).toISODate(), tags: [TAGS[0]] }), 'An edited first paragraph.\n');
    put(content, keyOf(edited.day, edited.tag), text);
    const getsBefore = content.requests.get;
    await publish({ content, output, now: LATER, websub: false });
    const gets = content.requests.get - getsBefore;

    const scratch = new MemoryStore();
    await publish({ content, output: scratch, now: LATER, websub: false });
    expect(published(output)).toEqual(published(scratch));
    const week = weekOf(edited.day);
    const weekText = output.text(`digests/${week}.txt`)!;
    expect(weekText).toContain('An edited first paragraph.');
    const sameWeek = Array.from({ length: DAYS }, (_, day) => day).filter((day) => weekOf(day) === week);
    for (const day of sameWeek) for (let tag = 0; tag < TAGS.length; tag++) if (day !== edited.day || tag !== edited.tag) expect(weekText).toContain(paragraph(day, tag));
    // site.yml, the edited entry once (its body is kept from that read for its page), then once each the other
    // entries of its month (HTML: its archive document) and of its week (first paragraphs: the digest). Nothing else.
    const month = START.plus({ days: edited.day }).toFormat('yyyy-MM');
    const sameMonth = Array.from({ length: DAYS }, (_, day) => day).filter((day) => START.plus({ days: day }).toFormat('yyyy-MM') === month);
    expect(gets).toBe(1 + 1 + (new Set([...sameMonth, ...sameWeek]).size * TAGS.length - 1));
  });
});
