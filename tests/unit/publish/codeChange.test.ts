import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { scanContent } from '../../../lib/content/contentScan.js';
import { EntryIndex } from '../../../lib/content/entryIndex.js';
import type { BuildContext } from '../../../lib/plan/artifact.js';
import { DEFAULT_BUILDERS } from '../../../lib/publish/defaultBuilders.js';
import { loadAndPlan } from '../../../lib/publish/loadAndPlan.js';
import { publish } from '../../../lib/publish/publish.js';
import { MemoryStore } from '../../../lib/store/memoryStore.js';
import { entry, entryText, memoryContent } from '../../support/content.js';

// Every cache of a result the code made keys on the code's identity (lib/codeIdentity.ts), so that a publish after
// an upgrade writes what a publish from scratch would: the entry index's parsed and rendered entries, and each
// reusable unit's fingerprint (feeds, entry pages, digest weeks and index), through the site context.
const NOW = DateTime.fromISO('2014-06-01T00:00:00+09:00', { setZone: true });

function site() {
  return memoryContent({
    entries: {
      '2014/a.md': entryText(entry({ title: 'A', date: '2014-05-01' }), 'First paragraph of A.\n'),
      '2014/b.md': entryText(entry({ title: 'B', date: '2014-05-13', tags: ['energy'] }), 'B body.\n'),
    },
  });
}

const siteTextOf = async (content: MemoryStore) => (await content.get('site.yml'))!.toString('utf8');

describe('a change of code', () => {
  it('gives the same site.yml another entry index context', () => {
    expect(EntryIndex.contextFor('title: W\n', 'code A')).toBe(EntryIndex.contextFor('title: W\n', 'code A'));
    expect(EntryIndex.contextFor('title: W\n', 'code A')).not.toBe(EntryIndex.contextFor('title: W\n', 'code B'));
  });

  it("does not load the entry index another code stored: its parsed and rendered entries are made again", async () => {
    const content = site();
    const output = new MemoryStore();
    await publish({ content, output, now: NOW, websub: false });
    const siteText = await siteTextOf(content);
    expect((await EntryIndex.load(output, EntryIndex.contextFor(siteText))).records.size).toBe(2);
    expect((await EntryIndex.load(output, EntryIndex.contextFor(siteText, 'other code'))).records.size).toBe(0);
  });

  it("changes the fingerprint of every reusable unit: feeds, entry pages, digest weeks and the digest index", async () => {
    const content = site();
    const { plan } = await loadAndPlan(await scanContent(content), { output: new MemoryStore(), now: NOW });
    const siteText = await siteTextOf(content);
    const contextOf = (code: string): BuildContext => ({ versionOf: () => 'v1', siteContext: EntryIndex.contextFor(siteText, code) });
    const fingerprints = (code: string) => new Map(DEFAULT_BUILDERS.flatMap((builder) => builder.units?.(plan, contextOf(code)) ?? []).filter((unit) => unit.fingerprint !== undefined).map((unit) => [unit.id, unit.fingerprint!]));
    const a = fingerprints('code A');
    // Each family that reuses units is there to be checked.
    for (const family of [/^feed:/, /^entry-page:/, /^digest:\d{4}-W\d\d$/, /^digest:index$/]) expect([...a.keys()].some((id) => family.test(id)), String(family)).toBe(true);
    expect(fingerprints('code A')).toEqual(a);
    const b = fingerprints('code B');
    expect([...b.keys()]).toEqual([...a.keys()]);
    for (const [id, fingerprint] of a) expect(b.get(id), id).not.toBe(fingerprint);
  });
});
