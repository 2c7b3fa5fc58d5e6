import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli.js';
import { contentFolder, entry, entryText } from '../../support/content.js';
import { readWithUniversalFeedParser } from '../../support/universalFeedParser.js';

// An editor types `updated: 2014-09-01` for a correction made in May (the year's month mistyped). Readers that date
// and sort by Atom's <updated> (the Universal Feed Parser's `updated`) would show a correction three months ahead,
// first in the list until then. It is a correction from its date on: the feeds show it then, and publish warns.

const temporary: string[] = [];
afterAll(async () => {
  for (const dir of temporary) await rm(dir, { recursive: true, force: true });
});

// SITE's zone is Asia/Seoul: 2014-05-20 is 2014-05-19T15:00Z, 2014-09-01T00:00 is 2014-08-31T15:00Z.
const DATE = Date.UTC(2014, 4, 19, 15);
const CORRECTED = Date.UTC(2014, 7, 31, 15);

describe('an entry whose updated: is later than --now', () => {
  it('is published as not yet corrected, with a warning; from that moment on, as corrected', async () => {
    const content = await contentFolder({ entries: { '2014/fut.md': entryText(entry({ title: 'Rice prices', url: 'https://news.example.com/rice', date: '2014-05-20', updated: '2014-09-01T00:00:00' })) } });
    const out = await mkdtemp(join(tmpdir(), 'broadsheet-future-updated-'));
    temporary.push(content, out);
    const read = async () => {
      const xml = await readFile(join(out, 'atom.xml'), 'utf8');
      const atom = readWithUniversalFeedParser(xml);
      expect(atom.bozo, atom.bozo_exception).toBe(false);
      // The feed's own <updated>, before its first entry (RFC 4287 §4.2.15).
      const feed = Date.parse(/<updated>([^<]+)<\/updated>/.exec(xml.slice(0, xml.indexOf('<entry>')))![1]!);
      const json = JSON.parse(await readFile(join(out, 'feed.json'), 'utf8')) as { items: { date_modified?: string }[] };
      return { atom: atom.entries[0]!.updated, feed, json: Date.parse(json.items[0]!.date_modified!) };
    };

    // check --out, the step before the publish, warns as it will (the warning alone: --quiet).
    const checked = await runCli(['check', '--content', content, '--out', out, '--now', '2014-06-01T00:00:00Z', '--quiet']);
    expect(checked.code).toBe(0);
    const june = await runCli(['publish', '--content', content, '--out', out, '--now', '2014-06-01T00:00:00Z', '--quiet']);
    expect(june.code).toBe(0);
    expect(june.stderr).toContain('warning: entries/2014/fut.md: updated: 2014-09-01T00:00:00+09:00 is later than now (2014-06-01T09:00:00+09:00): the entry is published as it reads now, but its feeds keep its update time (Atom updated, JSON Feed date_modified) at its date, and its page shows no correction date, until then (check the date: a correction is dated when it is made)');
    expect(await read()).toEqual({ atom: DATE, feed: DATE, json: DATE });
    expect(checked.stderr).toBe(june.stderr);

    // A scheduled run in September: the window the June publish settled on ends at the correction.
    const september = await runCli(['publish', '--content', content, '--out', out, '--now', '2014-09-02T00:00:00Z', '--quiet']);
    expect(september.code).toBe(0);
    expect(september.stderr).toBe('');
    expect(await read()).toEqual({ atom: CORRECTED, feed: CORRECTED, json: CORRECTED });
  });
});
