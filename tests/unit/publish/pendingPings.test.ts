import { describe, expect, it } from 'vitest';
import { givenUp, notePendingPings, PENDING_PINGS_KEY, PING_RETRIES, PING_UNSENT_LIMIT, readPendingPings, rememberPings, stalePings, withPendingPings } from '../../../lib/publish/pendingPings.js';
import { LOCK_KEY, withPublishLock } from '../../../lib/publish/publishLock.js';
import type { PingResult } from '../../../lib/publish/websub.js';
import { MemoryStore } from '../../../lib/store/memoryStore.js';

const HUB = 'https://hub.example.net/';
const feed = (path: string) => `https://watch.example.org/${path}`;
const delivered = (url: string): PingResult => ({ url, ok: true, outcome: 'delivered', attempts: 1, status: 204 });
const refused = (url: string): PingResult => ({ url, ok: false, outcome: 'refused', attempts: 3, error: 'connect ECONNREFUSED' });
const rejected = (url: string): PingResult => ({ url, ok: false, outcome: 'rejected', attempts: 1, status: 400, error: 'the hub answered HTTP 400' });
const maybe = (url: string): PingResult => ({ url, ok: false, outcome: 'maybe-delivered', attempts: 3, error: 'attempt 1: no answer within 5000 ms' });
/** A pending feed as the record keeps it. */
const counts = (tries: number, unsent = 0) => ({ tries, unsent });

describe('the pings a publish leaves pending', () => {
  it('are added to the changed feeds for the same hub, with their counts; a feed changed again starts anew', () => {
    const pending = { hub: HUB, feeds: { [feed('rss.xml')]: counts(2), [feed('atom.xml')]: counts(1, 3) } };
    // The same hub however written (URL parsing lowercases the host and adds the path).
    const site = 'https://HUB.example.net';
    expect(withPendingPings({ hub: site, feeds: [feed('rss.xml')] }, pending, site)).toEqual({
      toPing: { hub: site, feeds: [feed('rss.xml'), feed('atom.xml')], tries: { [feed('atom.xml')]: 1 }, unsent: { [feed('atom.xml')]: 3 } },
      stale: false,
    });
    // No feed changed: the pending ones alone.
    expect(withPendingPings(undefined, pending, HUB).toPing).toEqual({ hub: HUB, feeds: [feed('rss.xml'), feed('atom.xml')], tries: { [feed('rss.xml')]: 2, [feed('atom.xml')]: 1 }, unsent: { [feed('atom.xml')]: 3 } });
  });

  it("are dropped for another hub than site.yml's, or none, and so is a record that is not one", () => {
    const pending = { hub: HUB, feeds: { [feed('rss.xml')]: counts(1) } };
    const changed = { hub: 'https://other.example.net/', feeds: [feed('atom.xml')] };
    expect(withPendingPings(changed, pending, changed.hub)).toEqual({ toPing: { ...changed, tries: {} }, stale: true });
    expect(withPendingPings(undefined, pending, undefined)).toEqual({ stale: true });
    expect(withPendingPings(undefined, 'unreadable', HUB)).toEqual({ stale: true });
  });

  it("are dropped for a feed the publish deletes (a removed tag's), and the record when none is left", () => {
    const site = 'https://watch.example.org/';
    const pending = { hub: HUB, feeds: { [feed('tags/kelp/rss.xml')]: counts(2), [feed('atom.xml')]: counts(1) } };
    const changes = [{ key: 'tags/kelp/rss.xml', status: 'deleted' as const }, { key: 'atom.xml', status: 'unchanged' as const }, { key: 'rss.xml', status: 'changed' as const }];
    expect(withPendingPings(undefined, pending, HUB, { siteUrl: site, changes })).toEqual({ toPing: { hub: HUB, feeds: [feed('atom.xml')], tries: { [feed('atom.xml')]: 1 }, dropped: [feed('tags/kelp/rss.xml')] }, stale: true });
    // Its only pending feed deleted and none changed: nothing to ping, and the record goes.
    expect(withPendingPings(undefined, { hub: HUB, feeds: { [feed('tags/kelp/rss.xml')]: counts(2) } }, HUB, { siteUrl: site, changes })).toEqual({ stale: true });
    // With a changed feed, that one alone, its record rewritten from none pending (tries {}).
    expect(withPendingPings({ hub: HUB, feeds: [feed('rss.xml')] }, { hub: HUB, feeds: { [feed('tags/kelp/rss.xml')]: counts(2) } }, HUB, { siteUrl: site, changes })).toEqual({ toPing: { hub: HUB, feeds: [feed('rss.xml')], tries: {}, dropped: [feed('tags/kelp/rss.xml')] }, stale: true });
  });

  it("are dropped for a feed that is not one of the site's files at site.yml's url (changed since), and the record when none is left", () => {
    const moved = 'https://news.example.com/watch/';
    // The files the output holds after the publish, under the new url.
    const changes = [{ key: 'atom.xml', status: 'unchanged' as const }, { key: 'rss.xml', status: 'unchanged' as const }];
    // rss.xml under the old url; a feed under the new url's origin but another path; one under the new url's path the site does not hold.
    const gone = [feed('rss.xml'), 'https://news.example.com/other/rss.xml', 'https://news.example.com/watch/tags/gone/rss.xml'];
    const pending = { hub: HUB, feeds: { [gone[0]!]: counts(1), 'https://news.example.com/watch/atom.xml': counts(3), [gone[1]!]: counts(1), [gone[2]!]: counts(2) } };
    // Only the site's feed at the new url is left, with its tries.
    expect(withPendingPings(undefined, pending, HUB, { siteUrl: moved, changes })).toEqual({
      toPing: { hub: HUB, feeds: ['https://news.example.com/watch/atom.xml'], tries: { 'https://news.example.com/watch/atom.xml': 3 }, dropped: gone },
      stale: true,
    });
    expect(withPendingPings(undefined, { hub: HUB, feeds: { [feed('rss.xml')]: counts(1) } }, HUB, { siteUrl: moved, changes })).toEqual({ stale: true });
    // The same site URL however written (URL parsing lowercases the host): kept.
    expect(withPendingPings(undefined, { hub: HUB, feeds: { [feed('rss.xml')]: counts(1) } }, HUB, { siteUrl: 'https://WATCH.example.org/', changes }).toPing?.feeds).toEqual([feed('rss.xml')]);
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

  it('count a try only when the hub may have seen it (rejected, maybe delivered); one refused is counted apart, as unsent', async () => {
    const output = new MemoryStore();
    const toPing = { hub: HUB, feeds: [feed('rss.xml'), feed('atom.xml'), feed('feed.json'), feed('index.xml')], tries: { [feed('atom.xml')]: PING_RETRIES, [feed('feed.json')]: 2, [feed('index.xml')]: 1 } };
    // The pending pings with their counts as pingHubs gives them, this publish's included (websub.test.ts).
    await rememberPings(output, toPing, [refused(feed('rss.xml')), { ...rejected(feed('atom.xml')), ...counts(PING_RETRIES + 1) }, delivered(feed('feed.json')), { ...maybe(feed('index.xml')), ...counts(2) }]);
    // rss.xml never reached the hub: no try, one publish unsent; atom.xml had its last try (1 + PING_RETRIES), which
    // the hub answered; index.xml may have reached it: one try more; feed.json was told.
    expect(JSON.parse(output.text(PENDING_PINGS_KEY)!)).toEqual({ hub: HUB, feeds: { [feed('rss.xml')]: { tries: 0, unsent: 1 }, [feed('index.xml')]: { tries: 2, unsent: 0 } } });
    await rememberPings(output, { hub: HUB, feeds: [feed('rss.xml'), feed('index.xml')], tries: { [feed('rss.xml')]: 0, [feed('index.xml')]: 2 }, unsent: { [feed('rss.xml')]: 1 } }, [delivered(feed('rss.xml')), delivered(feed('index.xml'))]);
    expect(output.objects.has(PENDING_PINGS_KEY)).toBe(false);
  });

  it('give up a ping that never reached the hub after PING_UNSENT_LIMIT publishes, as one tried PING_RETRIES times', async () => {
    const output = new MemoryStore();
    const skipped = (url: string): PingResult => ({ url, ok: false, outcome: 'not-attempted', attempts: 0, error: 'not attempted: the time for pings ran out' });
    // One publish short of the limit each: refused, and never attempted, once more.
    const toPing = { hub: HUB, feeds: [feed('rss.xml'), feed('atom.xml'), feed('feed.json')], tries: { [feed('rss.xml')]: 1, [feed('atom.xml')]: 0, [feed('feed.json')]: 0 }, unsent: { [feed('rss.xml')]: PING_UNSENT_LIMIT, [feed('atom.xml')]: PING_UNSENT_LIMIT, [feed('feed.json')]: PING_UNSENT_LIMIT - 1 } };
    await rememberPings(output, toPing, [{ ...refused(feed('rss.xml')), ...counts(1, PING_UNSENT_LIMIT + 1) }, { ...skipped(feed('atom.xml')), ...counts(0, PING_UNSENT_LIMIT + 1) }, { ...skipped(feed('feed.json')), ...counts(0, PING_UNSENT_LIMIT) }]);
    expect(JSON.parse(output.text(PENDING_PINGS_KEY)!)).toEqual({ hub: HUB, feeds: { [feed('feed.json')]: { tries: 0, unsent: PING_UNSENT_LIMIT } } });
    expect(givenUp({ tries: 0, unsent: PING_UNSENT_LIMIT + 1 })).toBe(true);
    expect(givenUp({ tries: PING_RETRIES + 1, unsent: 0 })).toBe(true);
    expect(givenUp({ tries: PING_RETRIES, unsent: PING_UNSENT_LIMIT })).toBe(false);
  });

  it('keep a ping never attempted (time ran out, Ctrl-C) with the tries it had: it was no try', async () => {
    const output = new MemoryStore();
    const skipped = (url: string): PingResult => ({ url, ok: false, outcome: 'not-attempted', attempts: 0, error: 'not attempted: stopped by Ctrl-C' });
    const toPing = { hub: HUB, feeds: [feed('rss.xml'), feed('atom.xml')], tries: { [feed('atom.xml')]: PING_RETRIES } };
    await rememberPings(output, toPing, [skipped(feed('rss.xml')), { ...skipped(feed('atom.xml')), ...counts(PING_RETRIES, 1) }]);
    // rss.xml changed and was never sent: 0 tries; atom.xml had its last try left, and still has.
    const kept = { hub: HUB, feeds: { [feed('rss.xml')]: { tries: 0, unsent: 1 }, [feed('atom.xml')]: { tries: PING_RETRIES, unsent: 1 } } };
    expect(JSON.parse(output.text(PENDING_PINGS_KEY)!)).toEqual(kept);
    // The record read back is the same, and is not taken as damaged.
    expect(await readPendingPings(output, await output.list(''))).toEqual(kept);
  });

  it('read a record written before unsent was kept (a number of tries a feed) as tries with none unsent', async () => {
    const output = new MemoryStore();
    output.objects.set(PENDING_PINGS_KEY, { body: Buffer.from(JSON.stringify({ hub: HUB, feeds: { [feed('rss.xml')]: 3 } })), contentType: 'application/json' });
    expect(await readPendingPings(output, await output.list(''))).toEqual({ hub: HUB, feeds: { [feed('rss.xml')]: { tries: 3, unsent: 0 } } });
  });

  it('cost no request when none was pending and every ping went', async () => {
    const output = new MemoryStore();
    await rememberPings(output, { hub: HUB, feeds: [feed('rss.xml')] }, [delivered(feed('rss.xml'))]);
    expect(output.requests).toMatchObject({ get: 0, put: 0, delete: 0 });
  });

  it('are written holding the publish lock, over what another publish wrote since this one read them', async () => {
    const output = new MemoryStore();
    // Whether the lock was there at each write of the record.
    const locked: string[] = [];
    const put = output.put.bind(output);
    output.put = async (key, body, options) => {
      if (key === PENDING_PINGS_KEY) locked.push((JSON.parse(output.text(LOCK_KEY) ?? '{}') as { owner?: string }).owner ?? 'no lock');
      return put(key, body, options);
    };
    const lock = { owner: 'a test', clock: () => Date.parse('2026-03-02T10:00:00Z'), staleAfterMs: 60_000 };
    // This run read rss.xml pending (1 try), changed feed.json, which was pending with 4 tries, and dropped
    // tags/kelp/rss.xml (its tag removed); meanwhile another publish wrote atom.xml.
    output.objects.set(PENDING_PINGS_KEY, { body: Buffer.from(JSON.stringify({ hub: HUB, feeds: { [feed('rss.xml')]: counts(1), [feed('feed.json')]: counts(4), [feed('atom.xml')]: counts(0, 1), [feed('tags/kelp/rss.xml')]: counts(1) } })), contentType: 'application/json' });
    const toPing = { hub: HUB, feeds: [feed('feed.json'), feed('rss.xml')], tries: { [feed('rss.xml')]: 1 }, dropped: [feed('tags/kelp/rss.xml')] };
    expect(await rememberPings(output, toPing, [rejected(feed('feed.json')), { ...rejected(feed('rss.xml')), ...counts(2) }], { lock })).toBeUndefined();
    // Another's atom.xml is kept; rss.xml and feed.json get this run's counts (a changed feed's anew); the dropped feed
    // goes; the lock is released.
    expect(JSON.parse(output.text(PENDING_PINGS_KEY)!)).toEqual({ hub: HUB, feeds: { [feed('rss.xml')]: counts(2), [feed('feed.json')]: counts(1), [feed('atom.xml')]: counts(0, 1) } });
    // Held, and named for this write: a publish refused meanwhile learns why.
    expect(locked).toEqual(['a test, writing the WebSub pings left pending']);
    expect(output.objects.has(LOCK_KEY)).toBe(false);
  });

  it('wait for a lock another publish holds, and say so when it stays held, leaving the record as it was', async () => {
    const output = new MemoryStore();
    const lock = { owner: 'a test', clock: () => Date.parse('2026-03-02T10:00:00Z'), staleAfterMs: 60_000 };
    const other = JSON.stringify({ owner: 'broadsheet publish by bo', token: 'x', since: '2026-03-02T09:59:00Z', staleAt: '2026-03-02T10:59:00Z' });
    output.objects.set(LOCK_KEY, { body: Buffer.from(other), contentType: 'application/json' });
    const waits: number[] = [];
    const sleep = async (ms: number) => {
      waits.push(ms);
      // Released during the second wait.
      if (waits.length === 2) output.objects.delete(LOCK_KEY);
    };
    expect(await rememberPings(output, { hub: HUB, feeds: [feed('rss.xml')] }, [refused(feed('rss.xml'))], { lock, sleep })).toBeUndefined();
    expect(waits).toHaveLength(2);
    expect(JSON.parse(output.text(PENDING_PINGS_KEY)!).feeds).toEqual({ [feed('rss.xml')]: { tries: 0, unsent: 1 } });
    // Held throughout: nothing written, and the warning names the lock's holder.
    output.objects.delete(PENDING_PINGS_KEY);
    output.objects.set(LOCK_KEY, { body: Buffer.from(other), contentType: 'application/json' });
    const warning = await rememberPings(output, { hub: HUB, feeds: [feed('rss.xml')] }, [refused(feed('rss.xml'))], { lock, sleep: async () => undefined });
    expect(warning).toMatch(/^_broadsheet\/websub-pending\.json in .* could not be written \(.*broadsheet publish by bo/);
    expect(output.objects.has(PENDING_PINGS_KEY)).toBe(false);
    // No time to wait (a function's time left): the warning at once.
    const waited: number[] = [];
    expect(await rememberPings(output, { hub: HUB, feeds: [feed('rss.xml')] }, [refused(feed('rss.xml'))], { lock, sleep: async (ms) => waited.push(ms), mayWait: (ms) => ms < 1000 })).toMatch(/could not be written/);
    expect(waited).toEqual([500]);
  });

  it('are written holding the lock briefly: a publish that starts meanwhile waits for the write, and runs', async () => {
    const output = new MemoryStore();
    const clock = () => Date.parse('2026-03-02T10:00:00Z');
    // The record's read held until the publish has found the lock taken for it.
    let reached!: () => void;
    const atRead = new Promise<void>((resolve) => (reached = resolve));
    let go!: () => void;
    const gate = new Promise<void>((resolve) => (go = resolve));
    const get = output.get.bind(output);
    output.get = async (key, options) => {
      if (key === PENDING_PINGS_KEY) {
        reached();
        await gate;
      }
      return get(key, options);
    };
    const writing = rememberPings(output, { hub: HUB, feeds: [feed('rss.xml')] }, [refused(feed('rss.xml'))], { lock: { owner: 'broadsheet publish by ann', clock, staleAfterMs: 60_000 } });
    await atRead;
    expect(JSON.parse(output.text(LOCK_KEY)!)).toMatchObject({ owner: 'broadsheet publish by ann, writing the WebSub pings left pending' });
    const ran: string[] = [];
    const publishing = withPublishLock(output, { owner: 'the publish function, request r-2', clock, staleAt: clock() + 60_000 }, async (held) => {
      ran.push('publish');
      await held.put('index.html', 'new', { contentType: 'text/html; charset=utf-8' });
    });
    // It found the lock held (a look, then a wait) and is still waiting when the write goes on.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(ran).toEqual([]);
    go();
    expect(await writing).toBeUndefined();
    await publishing;
    expect(ran).toEqual(['publish']);
    expect(JSON.parse(output.text(PENDING_PINGS_KEY)!).feeds).toEqual({ [feed('rss.xml')]: counts(0, 1) });
    expect(output.objects.has(LOCK_KEY)).toBe(false);
  });

  it('are noted before they are made, for a run that pings long after its publish; made and delivered, the note goes', async () => {
    const output = new MemoryStore();
    const toPing = { hub: HUB, feeds: [feed('rss.xml'), feed('atom.xml')], tries: { [feed('atom.xml')]: 2 }, unsent: { [feed('atom.xml')]: 1 } };
    const until = Date.parse('2026-03-02T10:15:00Z');
    const noted = await notePendingPings(output, toPing, { until });
    const claim = { until: '2026-03-02T10:15:00.000Z' };
    expect(JSON.parse(output.text(PENDING_PINGS_KEY)!)).toEqual({ hub: HUB, feeds: { [feed('rss.xml')]: { ...counts(0), ...claim }, [feed('atom.xml')]: { ...counts(2, 1), ...claim } } });
    await rememberPings(output, noted.toPing, [delivered(feed('rss.xml')), delivered(feed('atom.xml'))]);
    expect(output.objects.has(PENDING_PINGS_KEY)).toBe(false);
    // Changed feeds alone (no tries): the note still goes once they are delivered.
    const changed = await notePendingPings(output, { hub: HUB, feeds: [feed('rss.xml')] }, { until });
    expect(output.objects.has(PENDING_PINGS_KEY)).toBe(true);
    await rememberPings(output, changed.toPing, [delivered(feed('rss.xml'))]);
    expect(output.objects.has(PENDING_PINGS_KEY)).toBe(false);
  });

  it('noted by a run that pings them itself, are left to it by a publish meanwhile, so that the hub is not told twice', async () => {
    const output = new MemoryStore();
    const site = 'https://watch.example.org/';
    const at = (iso: string) => Date.parse(iso);
    // The digest function noted rss.xml (its publish changed it) and atom.xml (pending, 2 tries) until 10:15; feed.json
    // was pending before, from a publish, and tags/kelp/rss.xml too.
    await notePendingPings(output, { hub: HUB, feeds: [feed('rss.xml'), feed('atom.xml')], tries: { [feed('atom.xml')]: 2 } }, { until: at('2026-03-02T10:15:00Z') });
    const before = JSON.parse(output.text(PENDING_PINGS_KEY)!) as { feeds: object };
    output.objects.set(PENDING_PINGS_KEY, { body: Buffer.from(JSON.stringify({ hub: HUB, feeds: { ...before.feeds, [feed('feed.json')]: counts(1), [feed('tags/kelp/rss.xml')]: counts(1) } })), contentType: 'application/json' });
    const pending = await readPendingPings(output, await output.list(''));
    const unchanged = ['rss.xml', 'atom.xml', 'feed.json'].map((key) => ({ key, status: 'unchanged' as const }));
    // A publish at 10:05 that changed nothing pings feed.json alone; at 10:16 (the run died) all three.
    expect(withPendingPings(undefined, pending, HUB, { siteUrl: site, changes: unchanged }, at('2026-03-02T10:05:00Z')).toPing?.feeds).toEqual([feed('feed.json')]);
    expect(withPendingPings(undefined, pending, HUB, { siteUrl: site, changes: unchanged }, at('2026-03-02T10:16:00Z')).toPing?.feeds).toEqual([feed('rss.xml'), feed('atom.xml'), feed('feed.json')]);
    // One that changed rss.xml again pings it: the hub must fetch it anew.
    expect(withPendingPings({ hub: HUB, feeds: [feed('rss.xml')] }, pending, HUB, { siteUrl: site, changes: unchanged }, at('2026-03-02T10:05:00Z')).toPing?.feeds).toEqual([feed('rss.xml'), feed('feed.json')]);
    // A settled publish (no listing of the site) pings those not noted.
    expect(withPendingPings(undefined, pending, HUB, undefined, at('2026-03-02T10:05:00Z')).toPing?.feeds).toEqual([feed('feed.json'), feed('tags/kelp/rss.xml')]);
    // A publish with only noted pings left, and one feed to drop: it drops that one, and keeps the noted ones.
    const noted = { hub: HUB, feeds: { [feed('rss.xml')]: { ...counts(0), until: '2026-03-02T10:15:00.000Z' }, [feed('tags/kelp/rss.xml')]: counts(1) } };
    expect(withPendingPings(undefined, noted, HUB, undefined, at('2026-03-02T10:05:00Z'))).toEqual({ toPing: { hub: HUB, feeds: [feed('tags/kelp/rss.xml')], tries: { [feed('tags/kelp/rss.xml')]: 1 } }, stale: false });
    expect(withPendingPings(undefined, noted, HUB, { siteUrl: site, changes: unchanged }, at('2026-03-02T10:05:00Z'))).toEqual({ stale: true });
    expect(stalePings(noted, HUB, at('2026-03-02T10:05:00Z')).dropped).toEqual([feed('tags/kelp/rss.xml')]);
    // A claim further off than any run lasts (written by hand) is none: it would keep the ping for ever.
    const farOff = { hub: HUB, feeds: { [feed('rss.xml')]: { ...counts(0), until: '2026-03-02T10:22:00.000Z' } } };
    expect(withPendingPings(undefined, farOff, HUB, undefined, at('2026-03-02T10:05:00Z')).toPing?.feeds).toEqual([feed('rss.xml')]);
    expect(withPendingPings(undefined, farOff, HUB, undefined, at('2026-03-02T10:06:00Z')).toPing).toBeUndefined();
    // Only noted ones: nothing to ping, nothing stale.
    const only = { hub: HUB, feeds: { [feed('rss.xml')]: noted.feeds[feed('rss.xml')]! } };
    expect(withPendingPings(undefined, only, HUB, undefined, at('2026-03-02T10:05:00Z'))).toEqual({ stale: false });
    // The publish's write after its pings keeps the noted ones as they were.
    await rememberPings(output, { hub: HUB, feeds: [feed('feed.json')], tries: { [feed('feed.json')]: 1 } }, [delivered(feed('feed.json'))]);
    expect(Object.keys(JSON.parse(output.text(PENDING_PINGS_KEY)!).feeds)).toEqual([feed('rss.xml'), feed('atom.xml'), feed('tags/kelp/rss.xml')]);
    expect(JSON.parse(output.text(PENDING_PINGS_KEY)!).feeds[feed('atom.xml')]).toEqual({ ...counts(2), until: '2026-03-02T10:15:00.000Z' });
  });

  it('lose only the stale pings when the publish pings none of them (websub: false), the whole record when it is another hub’s', async () => {
    const output = new MemoryStore();
    const pending = { hub: HUB, feeds: { [feed('rss.xml')]: { tries: 2, unsent: 0 }, [feed('tags/kelp/rss.xml')]: { tries: 1, unsent: 0 } } };
    output.objects.set(PENDING_PINGS_KEY, { body: Buffer.from(JSON.stringify(pending)), contentType: 'application/json' });
    const { toPing, stale } = withPendingPings(undefined, pending, HUB, { siteUrl: 'https://watch.example.org/', changes: [{ key: 'rss.xml', status: 'unchanged' }, { key: 'tags/kelp/rss.xml', status: 'deleted' }] });
    expect(stale).toBe(true);
    await rememberPings(output, toPing!, []);
    expect(JSON.parse(output.text(PENDING_PINGS_KEY)!)).toEqual({ hub: HUB, feeds: { [feed('rss.xml')]: { tries: 2, unsent: 0 } } });
    // Every pending feed dropped: the record goes.
    await rememberPings(output, stalePings({ hub: HUB, feeds: { [feed('rss.xml')]: { tries: 2, unsent: 0 } } }, HUB), []);
    expect(output.objects.has(PENDING_PINGS_KEY)).toBe(false);
    output.objects.set(PENDING_PINGS_KEY, { body: Buffer.from(JSON.stringify(pending)), contentType: 'application/json' });
    await rememberPings(output, stalePings(pending, 'https://other.example.net/'), []);
    expect(output.objects.has(PENDING_PINGS_KEY)).toBe(false);
  });
});
