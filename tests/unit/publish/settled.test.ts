import { readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dump } from 'js-yaml';
import { DateTime } from 'luxon';
import { afterEach, describe, expect, it } from 'vitest';
import { ContentError, EarlierNowError } from '../../../lib/shared/errors.js';
import { feedArtifacts } from '../../../lib/feeds/feedArtifacts.js';
import { MANIFEST_KEY } from '../../../lib/publish/manifest.js';
import { MemoryStore } from '../../../lib/store/memoryStore.js';
import { publish, type PublishResult } from '../../../lib/publish/publish.js';
import { intersectWindows, isInside } from '../../../lib/plan/nowWindow.js';
import { settledInputs, type SettledRecord } from '../../../lib/publish/settled.js';
import { LocalStore } from '../../../lib/store/localStore.js';
import { ledgerPrefix } from '../../../lib/digest/ledgerRecords.js';
import { recipientId } from '../../../lib/subscribers/recipient.js';
import type { StoredObject } from '../../../lib/store/store.js';
import { contentFolder, entry, entryText, memoryContent, SITE } from '../../support/content.js';
import { TestHub } from '../../support/hub.js';
import { PENDING_PINGS_KEY } from '../../../lib/publish/pendingPings.js';

// A settled publish loads and builds nothing. It must happen only when a publish from scratch would make exactly
// the files the manifest lists, and every way the output can change must end it.

const ZONE = 'Asia/Seoul';
const at = (iso: string) => DateTime.fromISO(iso, { zone: ZONE });

// Entries every three days in April–May 2014 (Seoul), half without a summary; one embargoed until Saturday 31 May 10:00.
function files(): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < 20; i++) {
    const date = at('2014-04-01T09:00').plus({ days: 3 * i });
    out[`2014/e${String(i).padStart(2, '0')}.md`] = entryText(
      entry({ title: `Entry ${i}`, url: `https://news.example.com/${i}`, date: date.toISO({ suppressMilliseconds: true }), tags: [i % 2 ? 'trade' : 'energy'], summary: i % 2 ? `Summary ${i}.` : undefined }),
      `Body of entry ${i}.\n`,
    );
  }
  out['2014/future.md'] = entryText(entry({ title: 'Embargoed', url: 'https://news.example.com/future', date: '2014-05-31T10:00:00+09:00', tags: ['trade'] }), 'Later.\n');
  out['2014/draft.md'] = entryText(entry({ title: 'Draft', url: 'https://news.example.com/draft', date: '2014-05-30', draft: true }), 'Draft.\n');
  return out;
}

// e19, the newest entry but the embargoed one: Wednesday 28 May 09:00.
const NEWEST = at('2014-04-01T09:00').plus({ days: 57 });
// Friday of ISO week 2014-W22 (Monday 26 May – Sunday 1 June), before the embargo ends.
const NOW = at('2014-05-30T12:00');
const EMBARGO_ENDS = at('2014-05-31T10:00');
// Saturday, after the embargo ended: the embargoed entry is the newest published one.
const LATER = at('2014-05-31T12:00');

function settledOf(output: MemoryStore): SettledRecord | undefined {
  return (JSON.parse(output.text(MANIFEST_KEY)!) as { settled?: SettledRecord }).settled;
}

/** What readers see, and the manifest's records, as a publish from scratch at `now` makes them. */
async function scratchAt(content: MemoryStore, now: DateTime, skipInvalid = false): Promise<Map<string, string>> {
  const scratch = new MemoryStore();
  await publish({ content, output: scratch, now, skipInvalid, websub: false });
  return visible(scratch);
}

function visible(output: MemoryStore): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, object] of output.objects) if (!key.startsWith('_broadsheet/')) out.set(key, object.body.toString('base64'));
  return out;
}

async function publishedTwice(content: MemoryStore, output: MemoryStore, now: DateTime, skipInvalid = false): Promise<PublishResult> {
  await publish({ content, output, now, skipInvalid, websub: false });
  return publish({ content, output, now, skipInvalid, websub: false });
}

describe('a settled publish', () => {
  it('records the window in which nothing changes: from the newest published entry or the week start, until the next embargo ends or the week does', async () => {
    const content = memoryContent({ entries: files() });
    const output = new MemoryStore();
    await publish({ content, output, now: NOW, websub: false });
    // The week started Monday 26 May 00:00: the newest published entry (28 May 09:00) is later; the embargo ends
    // (31 May 10:00) before the week does.
    expect(settledOf(output)).toMatchObject({ from: NEWEST.toMillis(), until: EMBARGO_ENDS.toMillis() });
    expect(settledOf(output)!.summary.entries).toEqual({ total: 22, published: 20, skipped: 0 });
    expect(settledOf(output)!.summary.tags).toBe(2);
    await publish({ content, output, now: LATER, websub: false });
    // Now the embargoed entry is the newest, and nothing is embargoed: the week's end (Monday 2 June) ends it.
    expect(settledOf(output)).toMatchObject({ from: EMBARGO_ENDS.toMillis(), until: at('2014-06-02T00:00').toMillis() });
    expect(settledOf(output)!.summary.entries.published).toBe(21);
  });

  it('starts no earlier than the week, when the newest entry is older', async () => {
    const output = new MemoryStore();
    const monday = at('2014-06-09T08:00');
    await publish({ content: memoryContent({ entries: files() }), output, now: monday, websub: false });
    expect(settledOf(output)).toMatchObject({ from: at('2014-06-09T00:00').toMillis(), until: at('2014-06-16T00:00').toMillis() });
  });

  it('starts at a correction it showed, later than the newest entry and the week: a moment before it is refused', async () => {
    // e00 (1 April) corrected on Thursday 29 May 12:00, after e19 (28 May 09:00) and the week's start (26 May).
    const corrected = at('2014-05-29T12:00');
    const content = memoryContent({ entries: { ...files(), '2014/e00.md': entryText(entry({ title: 'Entry 0', url: 'https://news.example.com/0', date: at('2014-04-01T09:00').toISO(), updated: corrected.toISO(), tags: ['energy'] })) } });
    const output = new MemoryStore();
    expect((await publishedTwice(content, output, NOW)).settled).toBe(true);
    expect(settledOf(output)).toMatchObject({ from: corrected.toMillis() });
    // Before it, a publish from scratch leaves the correction out: this one would take it down.
    const before = corrected.minus({ hours: 1 });
    const shown = visible(output);
    await expect(publish({ content, output, now: before, websub: false })).rejects.toThrow(EarlierNowError);
    expect(visible(output)).toEqual(shown);
    await publish({ content, output, now: before, websub: false, allowEarlierNow: true });
    expect(visible(output)).toEqual(await scratchAt(content, before));
  });

  it('loads nothing and writes nothing when the inputs and the moment are those of the last publish', async () => {
    const content = memoryContent({ entries: files() });
    const output = new MemoryStore();
    const first = await publish({ content, output, now: NOW, websub: false });
    const before = { content: { ...content.requests }, output: { ...output.requests } };
    const manifest = output.text(MANIFEST_KEY);
    const again = await publish({ content, output, now: NOW.plus({ hours: 3 }), websub: false });
    expect(again.settled).toBe(true);
    // site.yml, the listing and the manifest: no entry read, no index read.
    expect(content.requests.get - before.content.get).toBe(1);
    expect(content.requests.list - before.content.list).toBe(1);
    expect(output.requests.get - before.output.get).toBe(1);
    expect(output.requests.put - before.output.put).toBe(0);
    expect(output.requests.delete - before.output.delete).toBe(0);
    expect(output.text(MANIFEST_KEY)).toBe(manifest);
    // It reports what the publish it stands on reported, every file unchanged.
    expect(again.counts).toEqual({ new: 0, changed: 0, unchanged: first.changes.length, deleted: 0 });
    expect(again.changes.map((change) => change.key)).toEqual(first.changes.map((change) => change.key));
    expect(again.entries).toEqual(first.entries);
    expect(again.tags).toBe(first.tags);
    // Settled output is what a publish from scratch makes at that moment.
    expect(visible(output)).toEqual(await scratchAt(content, NOW.plus({ hours: 3 })));
  });

  const cases: { name: string; change: (content: MemoryStore) => void; before?: DateTime; now?: DateTime }[] = [
    { name: 'an entry edited', change: (c) => c.objects.set('entries/2014/e19.md', { body: Buffer.from(entryText(entry({ title: 'Entry 19, corrected', url: 'https://news.example.com/19', date: NEWEST.toISO(), tags: ['trade'] }), 'New body.\n')), contentType: 'text/markdown' }) },
    { name: 'an entry added', change: (c) => c.objects.set('entries/2014/new.md', { body: Buffer.from(entryText(entry({ title: 'New', url: 'https://news.example.com/new', date: '2014-05-29', tags: ['fresh'] }))), contentType: 'text/markdown' }) },
    { name: 'an entry deleted', change: (c) => c.objects.delete('entries/2014/e19.md') },
    { name: 'site.yml changed', change: (c) => c.objects.set('site.yml', { body: Buffer.from(dump({ ...SITE, title: 'Renamed Watch' })), contentType: 'application/yaml' }) },
    { name: 'an embargo ended', change: () => undefined, now: EMBARGO_ENDS },
    { name: 'a week ended (the digest archives it)', change: () => undefined, before: LATER, now: at('2014-06-02T00:00') },
    { name: 'the clock set back before the newest entry', change: () => undefined, now: NEWEST.minus({ minutes: 1 }) },
  ];
  for (const { name, change, before, now } of cases) {
    it(`is not settled after ${name}, and makes what a publish from scratch makes`, async () => {
      const content = memoryContent({ entries: files() });
      const output = new MemoryStore();
      expect((await publishedTwice(content, output, before ?? NOW)).settled).toBe(true);
      change(content);
      const moment = now ?? before ?? NOW;
      // Set back, the clock would take the newest entry down: allowed here, as the functions' clock is.
      const result = await publish({ content, output, now: moment, websub: false, allowEarlierNow: true });
      expect(result.settled).toBe(false);
      expect(visible(output)).toEqual(await scratchAt(content, moment));
      // And the next run at that moment is settled again.
      expect((await publish({ content, output, now: moment, websub: false })).settled).toBe(true);
    });
  }

  it('is settled after a week is mailed as archived; not after one the archive left out (its entries moved out before the send began), which it then archives', async () => {
    const content = memoryContent({ entries: files() });
    const [output, scratch] = [new MemoryStore(), new MemoryStore()];
    expect((await publishedTwice(content, output, NOW)).settled).toBe(true);
    // A week mailed as archived (W21, 19–25 May, has entries) changes nothing: the publish after its send is settled.
    const ledger = (week: string) => `${ledgerPrefix(week)}${recipientId('ada@example.org')}/1.sent.json`;
    for (const store of [output, scratch]) await store.put(ledger('2014-W21'), '{}', { contentType: 'application/json' });
    expect((await publish({ content, output, now: NOW, websub: false })).settled).toBe(true);
    // 2014-W13 (24–30 March) ended before the first entry (1 April, W14): no publish archives it unless it was mailed.
    expect(output.objects.has('digests/2014-W13.html')).toBe(false);
    for (const store of [output, scratch]) await store.put(ledger('2014-W13'), '{}', { contentType: 'application/json' });
    const result = await publish({ content, output, now: NOW, websub: false });
    expect(result.settled).toBe(false);
    expect(output.objects.has('digests/2014-W13.html')).toBe(true);
    await publish({ content, output: scratch, now: NOW, websub: false });
    expect(visible(output)).toEqual(visible(scratch));
    expect((await publish({ content, output, now: NOW, websub: false })).settled).toBe(true);
  });

  it('is not settled after an entry changed while a first publish was reading (a local folder: versions from the reads)', async () => {
    const root = await contentFolder({ entries: files() });
    try {
      const edited = entryText(entry({ title: 'Entry 19, edited mid-publish', url: 'https://news.example.com/19', date: NEWEST.toISO(), tags: ['trade'] }), 'Edited.\n');
      // The editor saves e19 (a longer file: a new version at any clock resolution) just after the publish read it.
      class EditedAfterRead extends LocalStore {
        override async getText(key: string, listed?: StoredObject): Promise<string | undefined> {
          const text = await super.getText(key, listed);
          if (key === 'entries/2014/e19.md' && !text?.includes('mid-publish')) writeFileSync(join(root, key), edited);
          return text;
        }
      }
      const output = new MemoryStore();
      const first = await publish({ content: new EditedAfterRead(root), output, now: NOW, websub: false });
      expect(first.settled).toBe(false);
      expect(output.text('feed.json')).not.toContain('mid-publish');
      // The first publish recorded the version it read, not the edited one: the next publish builds the edit.
      const next = await publish({ content: new LocalStore(root), output, now: NOW, websub: false });
      expect(next.settled).toBe(false);
      expect(output.text('feed.json')).toContain('mid-publish');
      expect((await publish({ content: new LocalStore(root), output, now: NOW, websub: false })).settled).toBe(true);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('is not settled while an entry file\'s version is racy: the next publish reads that file again, no other, and publishes a save of the same size and mtime', async () => {
    const root = await contentFolder({ entries: files() });
    try {
      // The content file system's clock as the first publish lists the content: every file a minute old, e19 saved
      // a second before, within the tick of a coarse file system (lib/store/isRacy.ts).
      const readAt = Date.UTC(2026, 0, 1, 12, 0, 0);
      const saved = new Date(readAt - 1000);
      for (const name of readdirSync(root, { recursive: true, encoding: 'utf8' })) utimesSync(join(root, name), new Date(readAt - 60_000), new Date(readAt - 60_000));
      const e19 = join(root, 'entries/2014/e19.md');
      utimesSync(e19, saved, saved);
      const output = new MemoryStore();
      await publish({ content: new LocalStore(root), output, now: NOW, readAt, websub: false });
      expect(output.text('feed.json')).toContain('"Entry 19"');
      // Its settled record still bounds the next --now, but says no publish may stop at it.
      expect(settledOf(output)?.racy).toBe(true);
      // Saved again within that tick: the same size, mtime and inode, so the same version.
      const { size, ino } = statSync(e19);
      writeFileSync(e19, readFileSync(e19, 'utf8').replace('title: Entry 19', 'title: Entry 91'));
      utimesSync(e19, saved, saved);
      expect([statSync(e19).size, statSync(e19).ino, statSync(e19).mtimeMs]).toEqual([size, ino, saved.getTime()]);
      const content = new LocalStore(root);
      const next = await publish({ content, output, now: NOW, readAt: readAt + 60_000, websub: false });
      expect(next.settled).toBe(false);
      expect(output.text('feed.json')).toContain('"Entry 91"');
      // site.yml, and e19 alone of the 22 entry files: those a minute old are trusted.
      expect(content.requests.get).toBe(2);
      // e19's version no longer racy, the third publish stops at the settled check.
      expect((await publish({ content: new LocalStore(root), output, now: NOW, readAt: readAt + 120_000, websub: false })).settled).toBe(true);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('is not settled when --skip-invalid is dropped: the invalid entry then refuses the publish', async () => {
    const broken = { ...files(), '2014/broken.md': entryText(entry({ url: 'not a url' })) };
    const content = memoryContent({ entries: broken });
    const output = new MemoryStore();
    const tolerant = await publishedTwice(content, output, NOW, true);
    expect(tolerant.settled).toBe(true);
    expect(tolerant.skipped.map((problem) => problem.file)).toEqual(['entries/2014/broken.md']);
    await expect(publish({ content, output, now: NOW, websub: false })).rejects.toBeInstanceOf(ContentError);
  });

  it('never settles with other builders than the default ones', async () => {
    const content = memoryContent({ entries: files() });
    const output = new MemoryStore();
    await publish({ content, output, now: NOW, websub: false });
    const custom = await publish({ content, output, now: NOW, builders: [feedArtifacts], websub: false });
    expect(custom.settled).toBe(false);
    // Its manifest describes other files: it must not claim to be settled for the default builders.
    expect(settledOf(output)).toBeUndefined();
    expect((await publish({ content, output, now: NOW, websub: false })).settled).toBe(false);
  });
});

describe('settledInputs', () => {
  const base = { code: 'code', siteText: 'title: A\n', listed: [{ key: 'entries/a.md', version: '1', size: 1 }], skipInvalid: false };
  it('changes with each of its inputs', () => {
    const hash = settledInputs(base);
    expect(settledInputs({ ...base })).toBe(hash);
    expect(settledInputs({ ...base, code: 'other code' })).not.toBe(hash);
    expect(settledInputs({ ...base, siteText: 'title: B\n' })).not.toBe(hash);
    expect(settledInputs({ ...base, skipInvalid: true })).not.toBe(hash);
    expect(settledInputs({ ...base, listed: [{ key: 'entries/a.md', version: '2', size: 1 }] })).not.toBe(hash);
    expect(settledInputs({ ...base, listed: [{ key: 'entries/b.md', version: '1', size: 1 }] })).not.toBe(hash);
    expect(settledInputs({ ...base, listed: [] })).not.toBe(hash);
  });
  it('cannot be fooled by moving text between site.yml and the listing', () => {
    expect(settledInputs({ ...base, siteText: 'a', listed: [{ key: 'b', version: '', size: 0 }] })).not.toBe(settledInputs({ ...base, siteText: 'a\nb', listed: [] }));
  });
});

describe('windows', () => {
  it('intersect to the latest start and the earliest end; null is unbounded', () => {
    expect(intersectWindows([{ from: 10, until: 50 }, { from: 20, until: null }, { from: null, until: 40 }])).toEqual({ from: 20, until: 40 });
    expect(intersectWindows([])).toEqual({ from: null, until: null });
  });
  it('hold from their start, inclusive, until their end, exclusive', () => {
    expect(isInside({ from: 10, until: 20 }, 10)).toBe(true);
    expect(isInside({ from: 10, until: 20 }, 19)).toBe(true);
    expect(isInside({ from: 10, until: 20 }, 20)).toBe(false);
    expect(isInside({ from: 10, until: 20 }, 9)).toBe(false);
    expect(isInside({ from: null, until: null }, 0)).toBe(true);
  });
});

const PINGS_NOW = DateTime.fromISO('2014-06-01T00:00:00+09:00');

describe('a settled publish with pings left pending', () => {
  // Started in the test: the other tests here need no hub.
  let hub: TestHub | undefined;
  afterEach(() => hub?.close());

  it("makes those of the feeds its output lists at site.yml's url, and drops the others from the record", async () => {
    hub = await new TestHub().start();
    const content = memoryContent({
      site: { ...SITE, websub: hub.url },
      entries: {
        '2014/a.md': entryText(entry({ title: 'A', url: 'https://news.example.com/a', date: '2014-05-01', tags: ['Trade'] })),
        '2014/b.md': entryText(entry({ title: 'B', url: 'https://news.example.com/b', date: '2014-05-02', tags: ['China'] })),
      },
    });
    const output = new MemoryStore();
    expect((await publish({ content, output, now: PINGS_NOW })).settled).toBe(false);
    // As a run that read the site before a publish deleted the tag Kelp would write the record back: Kelp's feed is
    // no file of this site; China's is (SITE.url, tags/<slug>/).
    const held = 'https://watch.example.org/tags/china/atom.xml';
    const gone = 'https://watch.example.org/tags/kelp/rss.xml';
    const feeds = { [held]: { tries: 1, unsent: 0 }, [gone]: { tries: 2, unsent: 0 } };
    await output.put(PENDING_PINGS_KEY, `${JSON.stringify({ hub: hub.url, feeds }, null, 1)}\n`, { contentType: 'application/json; charset=utf-8' });
    hub.requests.length = 0;
    const settled = await publish({ content, output, now: PINGS_NOW });
    expect(settled.settled).toBe(true);
    expect(hub.pinged()).toEqual([held]);
    expect(settled.pings?.map((ping) => [ping.url, ping.outcome])).toEqual([[held, 'delivered']]);
    // Delivered, and the gone one dropped: nothing is left.
    expect(output.text(PENDING_PINGS_KEY)).toBeUndefined();
  });
});
