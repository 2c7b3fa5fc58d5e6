import { describe, expect, it } from 'vitest';
import { PENDING_PINGS_KEY, PING_RETRIES, readPendingPings, rememberPings, withPendingPings } from '../../../lib/publish/pendingPings.js';
import type { PingResult } from '../../../lib/publish/websub.js';
import { MemoryStore } from '../../../lib/store/memoryStore.js';

const HUB = 'https://hub.example.net/';
const feed = (path: string) => `https://watch.example.org/${path}`;
const delivered = (url: string): PingResult => ({ url, ok: true, outcome: 'delivered', attempts: 1, status: 204 });
const refused = (url: string): PingResult => ({ url, ok: false, outcome: 'refused', attempts: 3, error: 'connect ECONNREFUSED' });

describe('the pings a publish leaves pending', () => {
  it('are added to the changed feeds for the same hub, with their tries; a feed changed again starts anew', () => {
    const pending = { hub: HUB, feeds: { [feed('rss.xml')]: 2, [feed('atom.xml')]: 1 } };
    // The same hub however written (URL parsing lowercases the host and adds the path).
    const site = 'https://HUB.example.net';
    expect(withPendingPings({ hub: site, feeds: [feed('rss.xml')] }, pending, site)).toEqual({
      toPing: { hub: site, feeds: [feed('rss.xml'), feed('atom.xml')], tries: { [feed('atom.xml')]: 1 } },
      stale: false,
    });
    // No feed changed: the pending ones alone.
    expect(withPendingPings(undefined, pending, HUB).toPing).toEqual({ hub: HUB, feeds: [feed('rss.xml'), feed('atom.xml')], tries: pending.feeds });
  });

  it("are dropped for another hub than site.yml's, or none, and so is a record that is not one", () => {
    const pending = { hub: HUB, feeds: { [feed('rss.xml')]: 1 } };
    const changed = { hub: 'https://other.example.net/', feeds: [feed('atom.xml')] };
    expect(withPendingPings(changed, pending, changed.hub)).toEqual({ toPing: changed, stale: true });
    expect(withPendingPings(undefined, pending, undefined)).toEqual({ stale: true });
    expect(withPendingPings(undefined, 'unreadable', HUB)).toEqual({ stale: true });
  });

  it("are dropped for a feed the publish deletes (a removed tag's), and the record when none is left", () => {
    const site = 'https://watch.example.org/';
    const pending = { hub: HUB, feeds: { [feed('tags/kelp/rss.xml')]: 2, [feed('atom.xml')]: 1 } };
    const changes = [{ key: 'tags/kelp/rss.xml', status: 'deleted' as const }, { key: 'atom.xml', status: 'unchanged' as const }];
    expect(withPendingPings(undefined, pending, HUB, { siteUrl: site, changes })).toEqual({ toPing: { hub: HUB, feeds: [feed('atom.xml')], tries: { [feed('atom.xml')]: 1 } }, stale: false });
    // Its only pending feed deleted and none changed: nothing to ping, and the record goes.
    expect(withPendingPings(undefined, { hub: HUB, feeds: { [feed('tags/kelp/rss.xml')]: 2 } }, HUB, { siteUrl: site, changes })).toEqual({ stale: true });
    // With a changed feed, that one alone, its record rewritten from none pending (tries {}).
    expect(withPendingPings({ hub: HUB, feeds: [feed('rss.xml')] }, { hub: HUB, feeds: { [feed('tags/kelp/rss.xml')]: 2 } }, HUB, { siteUrl: site, changes })).toEqual({ toPing: { hub: HUB, feeds: [feed('rss.xml')], tries: {} }, stale: false });
  });

  it("are dropped for a feed not under site.yml's url (changed since), and the record when none is left", () => {
    const moved = 'https://news.example.com/watch/';
    const pending = { hub: HUB, feeds: { [feed('rss.xml')]: 1, 'https://news.example.com/watch/atom.xml': 3, 'https://news.example.com/other/rss.xml': 1 } };
    // Only the feed under the new URL's origin and base path is left, with its tries.
    expect(withPendingPings(undefined, pending, HUB, { siteUrl: moved, changes: [] })).toEqual({
      toPing: { hub: HUB, feeds: ['https://news.example.com/watch/atom.xml'], tries: { 'https://news.example.com/watch/atom.xml': 3 } },
      stale: false,
    });
    expect(withPendingPings(undefined, { hub: HUB, feeds: { [feed('rss.xml')]: 1 } }, HUB, { siteUrl: moved, changes: [] })).toEqual({ stale: true });
    // The same site URL however written (URL parsing lowercases the host): kept.
    expect(withPendingPings(undefined, { hub: HUB, feeds: { [feed('rss.xml')]: 1 } }, HUB, { siteUrl: 'https://WATCH.example.org/', changes: [] }).toPing?.feeds).toEqual([feed('rss.xml')]);
  });

  it('are read only when the listing holds them; a damaged record is unreadable', async () => {
    const output = new MemoryStore();
    expect(await readPendingPings(output, [])).toBeUndefined();
    expect(output.requests.get).toBe(0);
    for (const text of ['not json', '{"hub":"x","feeds":{}}', `{"hub":"${HUB}","feeds":{"${feed('rss.xml')}":-1}}`, `{"hub":"${HUB}","feeds":{"${feed('rss.xml')}":1.5}}`]) {
      output.objects.set(PENDING_PINGS_KEY, { body: Buffer.from(text), contentType: 'application/json' });
      expect(await readPendingPings(output, await output.list('')), text).toBe('unreadable');
    }
  });

  it('are kept with one try more each, given up past PING_RETRIES, and the record removed when none is left', async () => {
    const output = new MemoryStore();
    const toPing = { hub: HUB, feeds: [feed('rss.xml'), feed('atom.xml'), feed('feed.json')], tries: { [feed('atom.xml')]: PING_RETRIES, [feed('feed.json')]: 2 } };
    await rememberPings(output, toPing, [refused(feed('rss.xml')), refused(feed('atom.xml')), delivered(feed('feed.json'))]);
    // rss.xml failed its first try; atom.xml its last (1 + PING_RETRIES); feed.json was told.
    expect(JSON.parse(output.text(PENDING_PINGS_KEY)!)).toEqual({ hub: HUB, feeds: { [feed('rss.xml')]: 1 } });
    await rememberPings(output, { hub: HUB, feeds: [feed('rss.xml')], tries: { [feed('rss.xml')]: 1 } }, [delivered(feed('rss.xml'))]);
    expect(output.objects.has(PENDING_PINGS_KEY)).toBe(false);
  });

  it('keep a ping never attempted (time ran out, Ctrl-C) with the tries it had: it was no try', async () => {
    const output = new MemoryStore();
    const skipped = (url: string): PingResult => ({ url, ok: false, outcome: 'not-attempted', attempts: 0, error: 'not attempted: stopped by Ctrl-C' });
    const toPing = { hub: HUB, feeds: [feed('rss.xml'), feed('atom.xml')], tries: { [feed('atom.xml')]: PING_RETRIES } };
    await rememberPings(output, toPing, [skipped(feed('rss.xml')), skipped(feed('atom.xml'))]);
    // rss.xml changed and was never sent: 0 tries; atom.xml had its last try left, and still has.
    expect(JSON.parse(output.text(PENDING_PINGS_KEY)!)).toEqual({ hub: HUB, feeds: { [feed('rss.xml')]: 0, [feed('atom.xml')]: PING_RETRIES } });
    // The record read back is the same, and is not taken as damaged.
    expect(await readPendingPings(output, await output.list(''))).toEqual({ hub: HUB, feeds: { [feed('rss.xml')]: 0, [feed('atom.xml')]: PING_RETRIES } });
  });

  it('cost no request when none was pending and every ping went', async () => {
    const output = new MemoryStore();
    await rememberPings(output, { hub: HUB, feeds: [feed('rss.xml')] }, [delivered(feed('rss.xml'))]);
    expect(output.requests).toMatchObject({ get: 0, put: 0, delete: 0 });
  });
});
