import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { feedArtifacts } from '../../../lib/feeds/feedArtifacts.js';
import { publish } from '../../../lib/publish/publish.js';
import { MANIFEST_KEY, readManifest } from '../../../lib/publish/manifest.js';
import { loadContent } from '../../../lib/content/loadContent.js';
import { scanContent } from '../../../lib/content/contentScan.js';
import { INDEX_KEY } from '../../../lib/content/entryIndex.js';
import { decodeWarnedBefore, encodeWarnedBefore } from '../../../lib/plan/warnedBefore.js';
import { SendLedger } from '../../../lib/delivery/sendLedger.js';
import { recipientId } from '../../../lib/subscribers/recipient.js';
import { MemoryStore } from '../../../lib/store/memoryStore.js';
import { outputWarnings } from '../../../cli/outputWarnings.js';
import type { Problem } from '../../../lib/shared/errors.js';
import { entry, entryText, memoryContent, SITE } from '../../support/content.js';
import { DiesAfterWriting } from '../../support/faultyStore.js';

// SITE's zone is Asia/Seoul. The digest of 2014-W20 (May 12–18) was mailed. Published: a, b, t. Then a is re-dated
// past NOW (held back), t made invalid (taken down with --skip-invalid), n added in 2014-W20 (no email carries it).
const NOW = DateTime.fromISO('2014-06-01T00:00:00Z');
const text = (name: string, date: string, url = `https://news.example.com/${name}`) => entryText(entry({ title: name, url, date }));
const FIRST = { '2014/a.md': text('a', '2014-05-08'), '2014/b.md': text('b', '2014-05-10'), '2014/t.md': text('t', '2014-05-12') };
const EDITED = { ...FIRST, '2014/a.md': text('a', '2014-07-01'), '2014/t.md': text('t', '2014-05-12', 'htps://news.example.com/t'), '2014/n.md': text('n', '2014-05-14') };
const WARNED = [
  ['entries/2014/t.md', 'was published, and is left out while it is invalid'],
  ['entries/2014/a.md', 'was published, and is now held back until 2014-07-01T00:00:00+09:00'],
  ['entries/2014/n.md', 'is dated 2014-05-14T00:00:00+09:00, in week 2014-W20, whose digest was already sent'],
];

const run = (output: MemoryStore | DiesAfterWriting, entries: Record<string, string>, now = NOW, site: Record<string, unknown> = SITE) =>
  publish({ content: memoryContent({ site, entries }), output, now, skipInvalid: true, builders: [feedArtifacts] });
const named = (warnings: readonly Problem[]) => warnings.filter((warning) => /^(was published|is dated)/.test(warning.message)).map((warning) => [warning.file, warning.message]);

async function published(): Promise<MemoryStore> {
  const output = new MemoryStore();
  await run(output, FIRST);
  const ledger = new SendLedger(output, '2014-W20');
  await ledger.claim(recipientId('ada@example.org'), 1, {});
  await ledger.handOver(recipientId('ada@example.org'), 1, {});
  return output;
}

/** `output` after a publish of EDITED killed right after writing its entry index; `again`: then one killed right after its intent. */
async function killedAfterIndex(again = false): Promise<MemoryStore> {
  const output = await published();
  await expect(run(new DiesAfterWriting(output, INDEX_KEY), EDITED)).rejects.toThrow(/injected failure: the run died before writing _broadsheet\/manifest\.json/);
  if (again) await expect(run(new DiesAfterWriting(output, MANIFEST_KEY), EDITED)).rejects.toThrow(/injected failure/);
  return output;
}

/** check --out's warnings (cli/outputWarnings.ts) of `entries` against `output`. */
async function checked(output: MemoryStore, entries: Record<string, string>): Promise<Problem[]> {
  const loaded = await loadContent(await scanContent(memoryContent({ entries })), { cacheStore: output, now: NOW.toMillis() });
  return outputWarnings(loaded, output, NOW, { manifest: await readManifest(output) });
}

describe('the take-down and date warnings after a publish killed right after writing its entry index', () => {
  it('are given by check --out and the next publish as by a publish not killed (after another killed too), and by none after that one finished; what it writes is the same', async () => {
    const notKilledOutput = await published();
    const notKilled = await run(notKilledOutput, EDITED);
    expect(named(notKilled.warnings)).toEqual(WARNED.map(([file, part]) => [file, expect.stringContaining(part!)]));
    const output = await killedAfterIndex(true);
    expect(named(await checked(output, EDITED))).toEqual(named(notKilled.warnings));
    const next = await run(output, EDITED);
    expect(named(next.warnings)).toEqual(named(notKilled.warnings));
    // Only the warnings: the output and the index are those of the publish not killed (the ledger's records hold random tokens).
    const bodies = (store: MemoryStore) => Object.fromEntries([...store.objects].filter(([key]) => !key.includes('digest-ledger/')).map(([key, object]) => [key, object.body.toString()]));
    expect(bodies(output)).toEqual(bodies(notKilledOutput));
    expect(named((await run(output, EDITED, NOW.plus({ hours: 1 }))).warnings)).toEqual([]);
    expect(named(await checked(output, EDITED))).toEqual([]);
  });

  it("place each kept date in the zone the last finished publish read it in, after a change of timezone (PreviousEntry.zone)", async () => {
    // Monday 19 May 05:00 in Seoul (2014-W21) is Sunday 18 May 20:00 in UTC, in 2014-W20, mailed without it.
    const withOffset = { ...FIRST, '2014/o.md': text('o', '2014-05-19T05:00:00+09:00') };
    const inUtc = { ...SITE, timezone: 'UTC' };
    const missed = [['entries/2014/o.md', "is dated 2014-05-18T20:00:00Z, in week 2014-W20, whose digest was already sent to subscribers: no email will carry it (that week's archive page shows it)"]];
    const output = await published();
    await run(output, withOffset);
    await expect(run(new DiesAfterWriting(output, INDEX_KEY), withOffset, NOW, inUtc)).rejects.toThrow(/injected failure/);
    expect(named((await run(output, withOffset, NOW, inUtc)).warnings)).toEqual(missed);
  });

  it('read an intent written before the zone was kept (six fields per entry), and no zone Intl does not know', () => {
    const old = { key: 'entries/2014/o.md', id: 'o', url: 'https://news.example.com/o', date: Date.UTC(2014, 4, 18, 20), draft: false };
    const kept = { files: [old.key], entries: [{ ...old, zone: 'Asia/Seoul' }, { ...old, key: 'entries/2014/p.md', mailedIn: ['2014-W20'] }], mailedIn: [] };
    expect(decodeWarnedBefore(JSON.parse(JSON.stringify(encodeWarnedBefore(kept))))).toEqual(kept);
    expect(decodeWarnedBefore([[old.key], [[old.key, 'o', old.url, old.date, false, []]], []])).toEqual({ files: [old.key], entries: [old], mailedIn: [] });
    expect(decodeWarnedBefore([[old.key], [[old.key, 'o', old.url, old.date, false, [], 'Mars/Olympus']], []])).toEqual({ files: [old.key], entries: [old], mailedIn: [] });
    expect(decodeWarnedBefore([[old.key], [[old.key, 'o', old.url, old.date, false, [], 9]], []])).toBeUndefined();
  });

  it('compare a file edited again since with the last finished publish, not with the killed run', async () => {
    const output = await killedAfterIndex();
    // a re-dated later still (the killed run's version was never public), n moved to a week not mailed, t fixed.
    const again = { ...EDITED, '2014/a.md': text('a', '2014-08-01'), '2014/n.md': text('n', '2014-05-28'), '2014/t.md': FIRST['2014/t.md'] };
    const next = await run(output, again);
    expect(named(next.warnings)).toEqual([['entries/2014/a.md', expect.stringContaining('was published, and is now held back until 2014-08-01T00:00:00+09:00')]]);
  });
});
