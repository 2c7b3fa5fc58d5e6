import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { digestArtifacts } from '../../../lib/digest/digestArtifacts.js';
import { runDigest } from '../../../cli/digestRun.js';
import { UsageError } from '../../../lib/shared/errors.js';
import { feedArtifacts } from '../../../lib/feeds/feedArtifacts.js';
import { MemoryStore } from '../../../lib/store/memoryStore.js';
import { publish } from '../../../lib/publish/publish.js';
import { entry, entryText } from '../../support/content.js';
import { checkFeedFile } from '../../support/feedChecks.js';
import { readFeed } from '../../support/feedReader.js';
import { twoWeeksContent } from '../../support/digestFixtures.js';
import { ledgerPrefix } from '../../../lib/digest/ledgerRecords.js';
import { recipientId } from '../../../lib/subscribers/recipient.js';

// Seoul. 2014-W19 is 5–11 May; W20 is 12–18 May (twoWeeksContent).
const content = twoWeeksContent;
const NOW = DateTime.fromISO('2014-05-19T08:00:00+09:00'); // Monday of W21: W20 has just ended.
const builders = [feedArtifacts, digestArtifacts];

describe('the digest archive', () => {
  it('publishes each ended week with entries, as HTML and text, plus the index and the digest feeds', async () => {
    const output = new MemoryStore();
    await publish({ content: content(), output, now: NOW, builders });
    const keys = [...output.objects.keys()].filter((key) => key.startsWith('digests/')).sort();
    expect(keys).toEqual(['digests/2014-W19.html', 'digests/2014-W19.txt', 'digests/2014-W20.html', 'digests/2014-W20.txt', 'digests/atom.xml', 'digests/feed.json', 'digests/index.html', 'digests/rss.xml']);
    expect(output.objects.get('digests/2014-W19.html')!.contentType).toBe('text/html; charset=utf-8');
    expect(output.objects.get('digests/rss.xml')!.contentType).toBe('application/rss+xml; charset=utf-8');
  });

  it('leaves out drafts and embargoed entries, and uses the first paragraph when there is no summary', async () => {
    const output = new MemoryStore();
    await publish({ content: content(), output, now: NOW, builders });
    const w19 = output.text('digests/2014-W19.txt')!;
    expect(w19).toContain('A in W19');
    expect(w19).toContain('B in W19');
    expect(w19).toContain('Body first paragraph of B.');
    expect(w19).not.toContain('Draft');
    expect([...output.objects.keys()].some((key) => key.includes('W21'))).toBe(false);
  });

  it('lists every digest on the index, newest first', async () => {
    const output = new MemoryStore();
    await publish({ content: content(), output, now: NOW, builders });
    const index = output.text('digests/index.html')!;
    expect(index.indexOf('2014-W20.html')).toBeGreaterThan(0);
    expect(index.indexOf('2014-W20.html')).toBeLessThan(index.indexOf('2014-W19.html'));
    expect(index).toContain('<link rel="alternate" type="application/rss+xml"');
  });

  it('archives an empty week just ended as empty, and leaves it out of the feed', async () => {
    const output = new MemoryStore();
    // Monday of W22: W21 has ended and holds only the embargoed-then entry... which is now published; W22's week before is W21.
    const now = DateTime.fromISO('2014-06-02T08:00:00+09:00'); // W23 starts; W22 (26 May–1 June) is empty.
    await publish({ content: content(), output, now, builders });
    expect(output.text('digests/2014-W22.txt')).toContain('No new entries this week');
    const rss = await readFeed(output.text('digests/rss.xml')!);
    expect(rss.items.map((item) => item.link)).toEqual(['https://watch.example.org/digests/2014-W21.html', 'https://watch.example.org/digests/2014-W20.html', 'https://watch.example.org/digests/2014-W19.html']);
  });

  it('writes digest feeds that pass the same checks as the main feeds and read back in a feed reader', async () => {
    const output = new MemoryStore();
    await publish({ content: content(), output, now: NOW, builders });
    for (const name of ['rss.xml', 'atom.xml', 'feed.json']) checkFeedFile(`digests/${name}`, output.text(`digests/${name}`)!);
    const atom = await readFeed(output.text('digests/atom.xml')!);
    expect(atom.items.map((item) => item.title)).toEqual(['Weekly digest: 12–18 May 2014', 'Weekly digest: 5–11 May 2014']);
    // Dated when the week closed: Monday 00:00 in Seoul.
    expect(atom.items[0]!.pubdate?.toISOString()).toBe('2014-05-18T15:00:00.000Z');
    expect(atom.items[0]!.guid).toBe('tag:watch.example.org,2014:digests/2014-W20');
    // As readers built on the Universal Feed Parser see them: tests/e2e/readers/feedReaders.test.ts.
    const json = JSON.parse(output.text('digests/feed.json')!) as { items: { url: string }[]; feed_url: string };
    expect(json.feed_url).toBe('https://watch.example.org/digests/feed.json');
    expect(json.items[0]!.url).toBe('https://watch.example.org/digests/2014-W20.html');
  });

  it('with sendEmpty keeps every week from the first entry on, since each was mailed', async () => {
    const output = new MemoryStore();
    const digest = { from: 'W <d@watch.example.org>', sendEmpty: true };
    await publish({ content: content({ '2014/old.md': entryText(entry({ title: 'Old', date: '2014-04-22' })) }, digest), output, now: NOW, builders });
    // 2014-04-22 is in W17; W18 (28 April – 4 May) has no entry but is kept; W21 has not ended.
    const weeks = [...output.objects.keys()].filter((key) => key.endsWith('.html') && key.startsWith('digests/20')).sort();
    expect(weeks).toEqual(['digests/2014-W17.html', 'digests/2014-W18.html', 'digests/2014-W19.html', 'digests/2014-W20.html']);
  });

  it('with sendEmpty, an entry whose year is mistyped (1914 for 2014) adds its own week, not the empty weeks since', async () => {
    const output = new MemoryStore();
    const digest = { from: 'W <d@watch.example.org>', sendEmpty: true };
    const extra = {
      '2014/old.md': entryText(entry({ title: 'Old', date: '2014-04-22' })),
      '2014/typo.md': entryText(entry({ title: 'Typo', date: '1914-04-29' })),
    };
    await publish({ content: content(extra, digest), output, now: NOW, builders });
    // Published: 1914-04-29 and four entries of April-May 2014; 1914 is a century before the others. 1914-04-29 is
    // a Wednesday of 1914-W18. The empty weeks start at the oldest of the others, 2014-04-22 in W17.
    const weeks = [...output.objects.keys()].filter((key) => /^digests\/\d{4}-W\d\d\.html$/.test(key)).sort();
    expect(weeks).toEqual(['digests/1914-W18.html', 'digests/2014-W17.html', 'digests/2014-W18.html', 'digests/2014-W19.html', 'digests/2014-W20.html']);
  });

  it('with sendEmpty and digest.since, no empty week before since is archived; weeks with entries are', async () => {
    const output = new MemoryStore();
    // 2014-05-12 is the Monday of W20: W18 (empty) and W19 (with entries) end before it.
    const digest = { from: 'W <d@watch.example.org>', sendEmpty: true, since: '2014-05-12' };
    await publish({ content: content({ '2014/old.md': entryText(entry({ title: 'Old', date: '2014-04-22' })) }, digest), output, now: NOW, builders });
    const weeks = [...output.objects.keys()].filter((key) => /^digests\/\d{4}-W\d\d\.html$/.test(key)).sort();
    expect(weeks).toEqual(['digests/2014-W17.html', 'digests/2014-W19.html', 'digests/2014-W20.html']);
  });

  it('is incremental and deterministic: a second publish writes nothing', async () => {
    const output = new MemoryStore();
    await publish({ content: content(), output, now: NOW, builders });
    const before = output.requests.put;
    const again = await publish({ content: content(), output, now: NOW, builders });
    expect(again.counts.new + again.counts.changed + again.counts.deleted).toBe(0);
    expect(output.requests.put).toBe(before);
  });
});

describe('runDigest', () => {
  // An entry in W15 puts the empty W16-W18 between entries: the archive's start is W15.
  const withOld = (digest?: Record<string, unknown>) => content({ '2014/old.md': entryText(entry({ title: 'Old', url: 'https://news.example.com/old', date: '2014-04-08' })) }, digest);

  it('archives the named week, an empty one between entries with sendEmpty, and returns its model', async () => {
    const output = new MemoryStore();
    const result = await runDigest({ content: withOld({ sendEmpty: true }), output, now: NOW, week: '2014-W17', builders });
    expect(result.model.week.name).toBe('2014-W17');
    expect(result.model.entries).toEqual([]);
    expect(output.text('digests/2014-W17.txt')).toContain('No new entries this week');
    expect(result.send).toBeUndefined();
  });

  it('defaults to the week just ended in the site zone', async () => {
    const result = await runDigest({ content: content(), output: new MemoryStore(), now: NOW, builders });
    expect(result.model.week.name).toBe('2014-W20');
    expect(result.model.entries.map((e) => e.title)).toEqual(['C in W20']);
  });

  it('refuses a week that has not ended, or does not exist', async () => {
    await expect(runDigest({ content: content(), output: new MemoryStore(), now: NOW, week: '2014-W21', builders })).rejects.toThrow(/has not ended/);
    await expect(runDigest({ content: content(), output: new MemoryStore(), now: NOW, week: '2021-W53', builders })).rejects.toBeInstanceOf(UsageError);
    await expect(runDigest({ content: content(), output: new MemoryStore(), now: NOW, week: '2014-19', builders })).rejects.toThrow(/YYYY-Www/);
  });

  it('sends nothing for an empty week unless sendEmpty is set', async () => {
    const sent: string[] = [];
    const send = {
      transport: () => ({ name: 'file' as const, listManaged: false, send: async (m: { recipient: { address: string } }) => (sent.push(m.recipient.address), 'ok') }),
      recipients: async () => [{ address: 'ada@example.org' }],
    };
    // 2014-W22 (26 May – 1 June) is empty and has just ended: archived, not sent.
    const empty = await runDigest({ content: withOld(), output: new MemoryStore(), now: DateTime.fromISO('2014-06-02T08:00:00+09:00'), week: '2014-W22', builders, send });
    expect(empty.notSent).toContain('sendEmpty is false');
    expect(sent).toEqual([]);
    const withEmpty = withOld({ from: 'W <d@watch.example.org>', sendEmpty: true, unsubscribe: { url: 'https://watch.example.org/u?e={email}', mailto: 'u@watch.example.org' } });
    const result = await runDigest({ content: withEmpty, output: new MemoryStore(), now: NOW, week: '2014-W17', builders, send });
    expect(result.send).toMatchObject({ sent: 1 });
    expect(sent).toEqual(['ada@example.org']);
  });
});

describe('runDigest refuses a week the archive does not keep', () => {
  const sender = () => {
    const sent: string[] = [];
    const send = {
      transport: () => ({ name: 'file' as const, listManaged: false, send: async (m: { recipient: { address: string } }) => (sent.push(m.recipient.address), 'ok') }),
      recipients: async () => [{ address: 'ada@example.org' }],
    };
    return { sent, send };
  };
  const mailing = { from: 'W <d@watch.example.org>', sendEmpty: true, unsubscribe: { url: 'https://watch.example.org/u?e={email}', mailto: 'u@watch.example.org' } };

  it('an empty week before the first entry’s (2014-W19), with sendEmpty: nothing written, nothing sent', async () => {
    const output = new MemoryStore();
    const { sent, send } = sender();
    const error = await runDigest({ content: content({}, mailing), output, now: NOW, week: '2013-W01', builders, send }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toBe("--week: 2013-W01 has no entries and comes before 2014-W19, where the archive of every week starts (the first entry's week): the next publish would delete it, so nothing is archived or sent");
    expect(output.requests.put + output.requests.delete).toBe(0);
    expect(sent).toEqual([]);
  });

  it('an empty week before digest.since (2014-05-12, Monday of W20), though an older entry keeps W17', async () => {
    const output = new MemoryStore();
    const { sent, send } = sender();
    const site = content({ '2014/old.md': entryText(entry({ title: 'Old', url: 'https://news.example.com/old', date: '2014-04-22' })) }, { ...mailing, since: '2014-05-12' });
    await expect(runDigest({ content: site, output, now: NOW, week: '2014-W18', builders, send })).rejects.toThrow("--week: 2014-W18 has no entries and comes before 2014-W20, where the archive of every week starts (digest.since, 2014-05-12)");
    expect(output.requests.put + output.requests.delete).toBe(0);
    expect(sent).toEqual([]);
  });

  it('without sendEmpty, an empty week before the first entry’s', async () => {
    const output = new MemoryStore();
    await expect(runDigest({ content: content(), output, now: NOW, week: '2014-W17', builders })).rejects.toThrow("--week: 2014-W17 has no entries and comes before 2014-W19, the archive's first week (the first entry's week)");
    expect(output.requests.put + output.requests.delete).toBe(0);
  });

  it('without sendEmpty, an empty week between entries other than the week just ended, which the next publish would delete', async () => {
    const output = new MemoryStore();
    const { sent, send } = sender();
    const old = entryText(entry({ title: 'Old', url: 'https://news.example.com/old', date: '2014-04-08' }));
    const site = content({ '2014/old.md': old }, { from: mailing.from, unsubscribe: mailing.unsubscribe });
    await expect(runDigest({ content: site, output, now: NOW, week: '2014-W17', builders, send })).rejects.toThrow(
      '--week: 2014-W17 has no entries and digest.sendEmpty is false, so the archive keeps it only while it is the week just ended (now 2014-W20): the next publish would delete it, so nothing is archived or sent',
    );
    expect(output.requests.put + output.requests.delete).toBe(0);
    expect(sent).toEqual([]);
  });

  it('a week of a year before 1000', async () => {
    const output = new MemoryStore();
    await expect(runDigest({ content: content({}, mailing), output, now: NOW, week: '0999-W01', builders })).rejects.toThrow('--week: 0999-W01 is outside the years 1000 to 9999');
    expect(output.requests.put + output.requests.delete).toBe(0);
  });
});

describe('the week just ended, before the site’s first entry', () => {
  // Wednesday 7 May 2014 in Seoul, in W19: entry A (Tuesday 6 May) is the first published, so the week just ended,
  // W18 (28 April – 4 May), comes before it.
  const EARLY = DateTime.fromISO('2014-05-07T12:00:00+09:00');
  const mailing = { from: 'W <d@watch.example.org>', sendEmpty: true, unsubscribe: { url: 'https://watch.example.org/u?e={email}', mailto: 'u@watch.example.org' } };
  const weekFiles = (output: MemoryStore) => [...output.objects.keys()].filter((key) => /^digests\/\d{4}-W\d\d\./.test(key));

  it('is nothing to archive or send when asked for by default (the schedule’s week): no file, no mail, no failure', async () => {
    for (const digest of [undefined, mailing]) {
      const output = new MemoryStore();
      const sent: string[] = [];
      const send = {
        transport: () => ({ name: 'file' as const, listManaged: false, send: async (m: { recipient: { address: string } }) => (sent.push(m.recipient.address), 'ok') }),
        recipients: async () => [{ address: 'ada@example.org' }],
      };
      const result = await runDigest({ content: content({}, digest), output, now: EARLY, builders, ...(digest ? { send } : {}) });
      expect(result.model.week.name).toBe('2014-W18');
      expect(result.nothing).toBe("2014-W18 comes before the site's first entry (the site's first entry is in 2014-W19, where the archive starts): nothing to archive or send");
      expect(result.send).toBeUndefined();
      expect(sent).toEqual([]);
      // The site is published, its archive without W18.
      expect(output.objects.has('rss.xml')).toBe(true);
      expect(weekFiles(output)).toEqual([]);
      expect(output.text('digests/index.html')).not.toContain('2014-W18');
    }
  });

  it('named, it is refused as before the archive’s start, nothing written', async () => {
    const output = new MemoryStore();
    await expect(runDigest({ content: content({}, mailing), output, now: EARLY, week: '2014-W18', builders })).rejects.toThrow(/^--week: 2014-W18 has no entries and comes before 2014-W19/);
    expect(output.requests.put + output.requests.delete).toBe(0);
  });

  it('with no entry published yet, is nothing to archive or send too', async () => {
    const result = await runDigest({ content: content(), output: new MemoryStore(), now: DateTime.fromISO('2014-05-05T08:00:00+09:00'), builders });
    expect(result.nothing).toBe("2014-W18 comes before the site's first entry (no entry is published yet): nothing to archive or send");
  });

  it('an archive that holds it converges: the next publish deletes the week’s files and its line on the index, unless it was mailed', async () => {
    const output = new MemoryStore();
    // Kept while its ledger shows it mailed (an earlier version also archived it on any site mailing the digest).
    const ledgerKey = `${ledgerPrefix('2014-W18')}${recipientId('ada@example.org')}/1.sent.json`;
    await output.put(ledgerKey, '{}', { contentType: 'application/json' });
    await publish({ content: content({}, mailing), output, now: EARLY, builders });
    expect(weekFiles(output).sort()).toEqual(['digests/2014-W18.html', 'digests/2014-W18.txt']);
    expect(output.text('digests/index.html')).toContain('2014-W18');
    // Mailed, it stays: its email's "View in browser" link must keep working.
    const kept = await publish({ content: content({}, mailing), output, now: EARLY, builders });
    expect(kept.counts.deleted).toBe(0);
    // Never mailed, it goes, and so does its line on the index; the digests' feeds never held an empty week.
    await output.delete(ledgerKey);
    const next = await publish({ content: content({}, mailing), output, now: EARLY, builders });
    expect(next.changes.filter((change) => change.status !== 'unchanged').map((change) => `${change.status} ${change.key}`).sort()).toEqual(['changed digests/index.html', 'deleted digests/2014-W18.html', 'deleted digests/2014-W18.txt']);
    expect(output.text('digests/index.html')).not.toContain('2014-W18');
    expect(output.text('digests/atom.xml')).not.toContain('2014-W18');
  });
});
