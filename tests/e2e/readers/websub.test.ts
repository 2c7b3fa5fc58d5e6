import type { ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { feedArtifacts } from '../../../lib/feeds/feedArtifacts.js';
import { pageArtifacts } from '../../../lib/pages/pageArtifacts.js';
import { MemoryStore } from '../../../lib/store/memoryStore.js';
import { publish } from '../../../lib/publish/publish.js';
import { pingHub } from '../../../lib/publish/websub.js';
import { PENDING_PINGS_KEY, PING_RETRIES, RUN_CLAIM_MS } from '../../../lib/publish/pendingPings.js';
import { killAfterWriteOfEnv } from '../../support/killAtWrite.js';
import { LOCK_KEY } from '../../../lib/publish/publishLock.js';
import { entry, entryText, memoryContent, SITE } from '../../support/content.js';
import { TestHub } from '../../support/hub.js';
import { runCli } from '../../support/cli.js';
import { contentFolder } from '../../support/content.js';
import { siteYaml } from '../../support/digestFixtures.js';
import { tempDir } from '../digest/support.js';
import { DIGESTS_DIR, FEED_FILES } from '../../../lib/shared/outputLayout.js';
import { LocalStore } from '../../../lib/store/localStore.js';
import { StoreSubscriberStore } from '../../../lib/subscribers/storeSubscriberStore.js';
import { addSubscriber } from '../../../lib/subscribers/subscriberAdmin.js';

const NOW = DateTime.fromISO('2014-06-01T00:00:00+09:00');
// The site and tag feeds only, so the counts do not depend on other output families (digest feeds are pinged alike).
const builders = [feedArtifacts, pageArtifacts];
let hub: TestHub;
const waits: number[] = [];
const sleep = async (ms: number) => void waits.push(ms);

beforeEach(async () => {
  hub = await new TestHub().start();
  waits.length = 0;
});
afterEach(() => hub.close());

describe('pingHub', () => {
  it('POSTs hub.mode=publish and hub.url as a form, once per feed URL', async () => {
    const urls = ['https://watch.example.org/rss.xml', 'https://watch.example.org/tags/trade/atom.xml'];
    const results = await pingHub(urls, { hub: hub.url, sleep });
    expect(results.map((r) => [r.url, r.ok, r.attempts, r.status])).toEqual(urls.map((url) => [url, true, 1, 204]));
    expect(hub.requests).toHaveLength(2);
    for (const request of hub.requests) {
      expect(request.contentType).toBe('application/x-www-form-urlencoded');
      expect(request.params['hub.mode']).toBe('publish');
    }
    expect(hub.pinged()).toEqual(urls);
  });

  it('retries a 5xx with a doubling wait, then succeeds', async () => {
    hub.respond = (_request, index) => (index < 2 ? 503 : 204);
    const [result] = await pingHub(['https://watch.example.org/rss.xml'], { hub: hub.url, sleep, attempts: 3, backoffMs: 100 });
    expect(result).toMatchObject({ ok: true, attempts: 3, status: 204 });
    expect(waits).toEqual([100, 200]);
  });

  it('does not retry a 4xx other than 429, and reports it', async () => {
    hub.respond = () => 400;
    const [result] = await pingHub(['https://watch.example.org/rss.xml'], { hub: hub.url, sleep, attempts: 3 });
    expect(result).toMatchObject({ ok: false, attempts: 1, status: 400, error: 'the hub answered HTTP 400' });
    expect(hub.requests).toHaveLength(1);
  });

  it('gives up after the timeout on a hub that never answers, without throwing', async () => {
    hub.respond = () => 'hang';
    const [result] = await pingHub(['https://watch.example.org/rss.xml'], { hub: hub.url, sleep, attempts: 2, timeoutMs: 150 });
    expect(result).toMatchObject({ ok: false, attempts: 2, error: 'no answer within 150 ms' });
    expect(hub.requests).toHaveLength(2);
  });

  it('reports a hub that refuses connections, without throwing', async () => {
    const url = hub.url;
    await hub.close();
    const [result] = await pingHub(['https://watch.example.org/rss.xml'], { hub: url, sleep, attempts: 2 });
    expect(result!.ok).toBe(false);
    expect(result!.attempts).toBe(2);
    expect(result!.error).toMatch(/ECONNREFUSED/);
  });
});

describe('publish with websub', () => {
  const content = (title: string) =>
    memoryContent({
      site: { ...SITE, websub: 'http://127.0.0.1:1/placeholder' },
      entries: {
        '2014/a.md': entryText(entry({ title, url: 'https://news.example.com/a', date: '2014-05-01', tags: ['Trade'] })),
        '2014/b.md': entryText(entry({ title: 'B', url: 'https://news.example.com/b', date: '2014-05-02', tags: ['China'] })),
      },
    });
  const withHub = (store: MemoryStore) => {
    const site = store.text('site.yml')!.replace('http://127.0.0.1:1/placeholder', hub.url);
    store.objects.set('site.yml', { body: Buffer.from(site), contentType: 'application/yaml' });
    return store;
  };

  it('pings every feed it wrote, then only the feeds that changed, and none on a dry run', async () => {
    const output = new MemoryStore();
    const first = await publish({ content: withHub(content('A')), output, now: NOW, builders, websub: { sleep } });
    const feeds = ['', 'tags/china/', 'tags/trade/'].flatMap((dir) => ['rss.xml', 'atom.xml', 'feed.json'].map((f) => `https://watch.example.org/${dir}${f}`)).sort();
    expect(hub.pinged()).toEqual(feeds);
    expect(first.pings.every((p) => p.ok)).toBe(true);

    hub.requests.length = 0;
    await publish({ content: withHub(content('A')), output, now: NOW, builders, websub: { sleep } });
    expect(hub.requests).toEqual([]);

    await publish({ content: withHub(content('A, retitled')), output, now: NOW, builders, websub: { sleep }, dryRun: true });
    expect(hub.requests).toEqual([]);

    // Entry a has only the Trade tag: the site feeds and Trade's change, China's do not.
    await publish({ content: withHub(content('A, retitled')), output, now: NOW, builders, websub: { sleep } });
    expect(hub.pinged()).toEqual(['', 'tags/trade/'].flatMap((dir) => ['rss.xml', 'atom.xml', 'feed.json'].map((f) => `https://watch.example.org/${dir}${f}`)).sort());
  });

  // lib/publish/pendingPings.ts: a failed ping is kept in the output and made by the next publishes, changed or not.
  it('makes a ping that failed again at the next publish, no feed changed, until the hub is told; then no more', async () => {
    const output = new MemoryStore();
    let down = true;
    hub.respond = () => (down ? 503 : 204);
    await publish({ content: withHub(content('A')), output, now: NOW, builders, websub: { sleep, attempts: 1 } });
    const feeds = ['', 'tags/china/', 'tags/trade/'].flatMap((dir) => ['rss.xml', 'atom.xml', 'feed.json'].map((f) => `https://watch.example.org/${dir}${f}`)).sort();
    expect(JSON.parse(output.text(PENDING_PINGS_KEY)!)).toEqual({ hub: hub.url, feeds: Object.fromEntries(feeds.map((feed) => [feed, { tries: 1, unsent: 0 }])) });

    down = false;
    hub.requests.length = 0;
    const again = await publish({ content: withHub(content('A')), output, now: NOW, builders, websub: { sleep, attempts: 1 } });
    expect(again.counts).toMatchObject({ new: 0, changed: 0, deleted: 0 });
    expect(hub.pinged()).toEqual(feeds);
    expect(again.pings.map((ping) => [ping.ok, ping.tries])).toEqual(feeds.map(() => [true, 2]));
    expect(output.objects.has(PENDING_PINGS_KEY)).toBe(false);

    hub.requests.length = 0;
    await publish({ content: withHub(content('A')), output, now: NOW, builders, websub: { sleep, attempts: 1 } });
    expect(hub.requests).toEqual([]);
  });

  it('gives a failed ping up once PING_RETRIES publishes after the first have failed it too', async () => {
    const output = new MemoryStore();
    hub.respond = () => 503;
    const requests: number[] = [];
    for (let run = 0; run < PING_RETRIES + 2; run++) {
      hub.requests.length = 0;
      await publish({ content: withHub(content('A')), output, now: NOW, builders, websub: { sleep, attempts: 1 } });
      requests.push(hub.requests.length);
    }
    // Every feed by the first publish and the PING_RETRIES after it; by none after those.
    expect(requests).toEqual([...Array<number>(PING_RETRIES + 1).fill(9), 0]);
    expect(output.objects.has(PENDING_PINGS_KEY)).toBe(false);
  });

  it("drops the pings left for a feed the publish deletes (a removed tag's), and makes the others again", async () => {
    const output = new MemoryStore();
    hub.respond = () => 503;
    await publish({ content: withHub(content('A')), output, now: NOW, builders, websub: { sleep, attempts: 1 } });
    // Entry b moves from China to Trade: China's feeds are deleted, Trade's and the site's change.
    const retagged = withHub(content('A'));
    retagged.objects.set('entries/2014/b.md', { body: Buffer.from(entryText(entry({ title: 'B', url: 'https://news.example.com/b', date: '2014-05-02', tags: ['Trade'] }))), contentType: 'text/markdown' });
    hub.requests.length = 0;
    await publish({ content: retagged, output, now: NOW, builders, websub: { sleep, attempts: 1 } });
    const kept = ['', 'tags/trade/'].flatMap((dir) => ['rss.xml', 'atom.xml', 'feed.json'].map((f) => `https://watch.example.org/${dir}${f}`)).sort();
    expect(hub.pinged()).toEqual(kept);
    expect(Object.keys(JSON.parse(output.text(PENDING_PINGS_KEY)!).feeds).sort()).toEqual(kept);
  });

  it('drops the pings left for a feed deleted by a publish with websub: false, which pings nothing; a dry run writes nothing', async () => {
    const output = new MemoryStore();
    hub.respond = () => 503;
    await publish({ content: withHub(content('A')), output, now: NOW, builders, websub: { sleep, attempts: 1 } });
    const before = output.text(PENDING_PINGS_KEY)!;
    // Entry b moves from China to Trade: China's feeds are deleted.
    const retagged = withHub(content('A'));
    retagged.objects.set('entries/2014/b.md', { body: Buffer.from(entryText(entry({ title: 'B', url: 'https://news.example.com/b', date: '2014-05-02', tags: ['Trade'] }))), contentType: 'text/markdown' });
    hub.requests.length = 0;
    await publish({ content: retagged, output, now: NOW, builders, websub: { sleep, attempts: 1 }, dryRun: true });
    expect(output.text(PENDING_PINGS_KEY)).toBe(before);
    await publish({ content: retagged, output, now: NOW, builders, websub: false });
    expect(hub.requests).toEqual([]);
    // The others are kept as they were: no publish tried them since.
    const kept = ['', 'tags/trade/'].flatMap((dir) => ['rss.xml', 'atom.xml', 'feed.json'].map((f) => `https://watch.example.org/${dir}${f}`)).sort();
    expect(JSON.parse(output.text(PENDING_PINGS_KEY)!)).toEqual({ hub: hub.url, feeds: Object.fromEntries(kept.map((feed) => [feed, { tries: 1, unsent: 0 }])) });
    // The next publish, settled, pings those alone.
    await publish({ content: retagged, output, now: NOW, builders, websub: { sleep, attempts: 1 } });
    expect(hub.pinged()).toEqual(kept);
  });

  it("drops the pings left for the feeds of site.yml's former url, and makes those of its new one", async () => {
    const output = new MemoryStore();
    hub.respond = () => 503;
    await publish({ content: withHub(content('A')), output, now: NOW, builders, websub: { sleep, attempts: 1 } });
    const moved = withHub(content('A'));
    moved.objects.set('site.yml', { body: Buffer.from(moved.text('site.yml')!.replace('https://watch.example.org/', 'https://news.example.org/watch/')), contentType: 'application/yaml' });
    hub.requests.length = 0;
    // The site moved, so its entries' ids change with it: allowed, as a move asks.
    await publish({ content: moved, output, now: NOW, builders, websub: { sleep, attempts: 1 }, allowIdChange: true });
    // Every feed names its own URL, so every feed changed: the hub is asked about the new URLs alone, each a first try.
    const feeds = ['', 'tags/china/', 'tags/trade/'].flatMap((dir) => ['rss.xml', 'atom.xml', 'feed.json'].map((f) => `https://news.example.org/watch/${dir}${f}`)).sort();
    expect(hub.pinged()).toEqual(feeds);
    expect(JSON.parse(output.text(PENDING_PINGS_KEY)!)).toEqual({ hub: hub.url, feeds: Object.fromEntries(feeds.map((feed) => [feed, { tries: 1, unsent: 0 }])) });
  });

  it('drops the pings left for a hub site.yml no longer names; the new hub is told of the feeds that changed', async () => {
    const output = new MemoryStore();
    hub.respond = () => 503;
    await publish({ content: withHub(content('A')), output, now: NOW, builders, websub: { sleep, attempts: 1 } });
    expect(output.objects.has(PENDING_PINGS_KEY)).toBe(true);
    const next = await new TestHub().start();
    try {
      const moved = withHub(content('A'));
      moved.objects.set('site.yml', { body: Buffer.from(moved.text('site.yml')!.replace(hub.url, next.url)), contentType: 'application/yaml' });
      hub.requests.length = 0;
      await publish({ content: moved, output, now: NOW, builders, websub: { sleep, attempts: 1 } });
      // Every feed names the hub, so every feed changed: the new hub is told of each, the former (still down) once more.
      expect(next.requests).toHaveLength(9);
      expect(hub.requests).toHaveLength(9);
      expect(output.objects.has(PENDING_PINGS_KEY)).toBe(false);
      hub.requests.length = 0;
      next.requests.length = 0;
      await publish({ content: moved, output, now: NOW, builders, websub: { sleep, attempts: 1 } });
      expect([hub.requests.length, next.requests.length]).toEqual([0, 0]);
    } finally {
      await next.close();
    }
  });

  it('publishes everything even when every ping fails', async () => {
    hub.respond = () => 500;
    const output = new MemoryStore();
    const result = await publish({ content: withHub(content('A')), output, now: NOW, builders, websub: { sleep, attempts: 2 } });
    expect(result.pings.length).toBe(9);
    expect(result.pings.every((p) => !p.ok && p.attempts === 2)).toBe(true);
    expect(output.text('rss.xml')).toContain('<title>A</title>');
  });

  it('never pings when websub is false (preview)', async () => {
    const result = await publish({ content: withHub(content('A')), output: new MemoryStore(), now: NOW, builders, websub: false });
    expect(result.pings).toEqual([]);
    expect(hub.requests).toEqual([]);
  });

  it('with websub later, pings nothing and hands back the hub and the changed feeds, for the caller to ping after its own last steps', async () => {
    const result = await publish({ content: withHub(content('A')), output: new MemoryStore(), now: NOW, builders, websub: 'later' });
    expect(result.pings).toEqual([]);
    expect(hub.requests).toEqual([]);
    const feeds = ['', 'tags/china/', 'tags/trade/'].flatMap((dir) => ['rss.xml', 'atom.xml', 'feed.json'].map((f) => `https://watch.example.org/${dir}${f}`)).sort();
    expect({ hub: result.toPing?.hub, feeds: [...(result.toPing?.feeds ?? [])].sort() }).toEqual({ hub: hub.url, feeds });
  });
});

describe('broadsheet digest --send with websub', () => {
  it('pings the hub after the archive, the send and the run record, and reports the pings as publish does', async () => {
    const content = await contentFolder({
      site: siteYaml({ websub: hub.url }),
      entries: { '2014/kaesong.md': entryText(entry({ title: 'Kaesong output recovers', url: 'https://news.example.com/kaesong', date: '2014-05-06', tags: ['Trade'] })) },
    });
    const cwd = await tempDir('digest-websub');
    // What the hub's every request finds: the messages sent, and the run's record.
    const found: { sent: number; record: { outcome: string; counts: { sent?: number } } }[] = [];
    const runs = join(cwd, 'public/_broadsheet/runs');
    const names = (dir: string) => (existsSync(dir) ? readdirSync(dir) : []);
    hub.respond = (request) => {
      const [record] = names(runs).map((name) => JSON.parse(readFileSync(join(runs, name), 'utf8')) as (typeof found)[number]['record']);
      found.push({ sent: names(join(cwd, 'outbox/2014-W19')).length, record: record! });
      return request.params['hub.url'] === 'https://watch.example.org/atom.xml' ? 400 : 204;
    };
    const run = await runCli(['digest', '--content', content, '--week', '2014-W19', '--now', '2014-05-12T08:00:00+09:00', '--send', '--to', 'a@example.org'], { cwd });
    expect(run.code, run.stderr).toBe(0);
    const pinged = hub.pinged();
    // The site's, the tag's and the digest's feeds, each in three formats.
    expect(pinged).toHaveLength(9);
    expect(pinged).toContain('https://watch.example.org/atom.xml');
    expect(found).toHaveLength(9);
    for (const each of found) expect(each).toMatchObject({ sent: 1, record: { outcome: 'ok', counts: { sent: 1 } } });
    expect(run.stderr).toContain('warning: WebSub: the hub was not told about https://watch.example.org/atom.xml after 1 attempt: the hub answered HTTP 400 (the files are published and readers poll them; the next publish pings the hub about this feed again, changed or not: try 2 of 6)');
    expect(run.stdout).toContain('WebSub: told the hub about 8 changed feeds');
    const [name] = readdirSync(runs);
    expect(JSON.parse(readFileSync(join(runs, name!), 'utf8'))).toMatchObject({ outcome: 'ok', counts: { sent: 1 }, pings: { delivered: 8, rejected: 1, 'maybe-delivered': 0, refused: 0, 'not-attempted': 0 } });
  });
});

describe('broadsheet digest --send with websub, killed during the send', () => {
  it('has noted the pings of the feeds the archive published before its first message, as its own for a while, so that they are not lost', async () => {
    const content = await contentFolder({
      site: siteYaml({ websub: hub.url }),
      entries: { '2014/kaesong.md': entryText(entry({ title: 'Kaesong output recovers', url: 'https://news.example.com/kaesong', date: '2014-05-06', tags: ['Trade'] })) },
    });
    const cwd = await tempDir('digest-websub-killed');
    const before = Date.now();
    // Killed outright right after its first message is written, before any ping.
    const run = await runCli(['digest', '--content', content, '--week', '2014-W19', '--now', '2014-05-12T08:00:00+09:00', '--send', '--to', 'a@example.org'], { cwd, env: killAfterWriteOfEnv('.eml') });
    expect(run.code, run.stderr).toBeNull();
    expect(readdirSync(join(cwd, 'outbox/2014-W19'))).toHaveLength(1);
    expect(hub.requests).toEqual([]);
    // The site's, the tag's and the digest's feeds, each in three formats: all new, each a first try.
    const feeds = ['', 'tags/trade/', DIGESTS_DIR].flatMap((dir) => Object.values(FEED_FILES).map((file) => `https://watch.example.org/${dir}${file}`)).sort();
    const record = JSON.parse(readFileSync(join(cwd, 'public', PENDING_PINGS_KEY), 'utf8')) as { hub: string; feeds: Record<string, { tries: number; unsent: number; until: string }> };
    expect(record.hub).toBe(hub.url);
    expect(Object.keys(record.feeds).sort()).toEqual(feeds);
    for (const feed of Object.values(record.feeds)) {
      expect(feed).toMatchObject({ tries: 0, unsent: 0 });
      // This run's, by the real clock, for RUN_CLAIM_MS from the note.
      expect(Date.parse(feed.until)).toBeGreaterThanOrEqual(before + RUN_CLAIM_MS);
      expect(Date.parse(feed.until)).toBeLessThanOrEqual(Date.now() + RUN_CLAIM_MS);
    }
  });
});

describe('broadsheet digest --send with websub, a send that fails after the archive', () => {
  it('still tells the hub about the feeds the archive published, records the pings with the failure, and exits as the failure does', async () => {
    const content = await contentFolder({
      site: siteYaml({ websub: hub.url }, { from: 'Test Watch <digest@watch.example.org>', unsubscribe: { url: 'https://watch.example.org/unsubscribe?token={token}', mailto: 'unsubscribe@watch.example.org' } }),
      entries: { '2014/kaesong.md': entryText(entry({ title: 'Kaesong output recovers', url: 'https://news.example.com/kaesong', date: '2014-05-06', tags: ['Trade'] })) },
    });
    const cwd = await tempDir('digest-websub-failed');
    // One subscriber whose record is damaged: the send, after the archive's publish, cannot read it, and fails.
    await addSubscriber(new StoreSubscriberStore(new LocalStore(join(cwd, 'subs'))), 'ada@example.org', { method: 'added', now: NOW });
    const [record] = readdirSync(join(cwd, 'subs'), { recursive: true, encoding: 'utf8' }).filter((path) => path.endsWith('.json'));
    writeFileSync(join(cwd, 'subs', record!), 'not json');
    const run = await runCli(['digest', '--content', content, '--week', '2014-W19', '--now', '2014-05-12T08:00:00+09:00', '--send', '--subscribers', 'subs'], { cwd, env: { DIGEST_UNSUBSCRIBE_SECRET: 'websub-test-secret-long-enough' } });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('is not a subscriber record (not JSON)');
    // The site's, the tag's and the digest's feeds, each in three formats, all new.
    expect(hub.pinged()).toHaveLength(9);
    expect(run.stdout).toContain('WebSub: told the hub about 9 changed feeds');
    const runs = join(cwd, 'public/_broadsheet/runs');
    const [name] = readdirSync(runs);
    expect(JSON.parse(readFileSync(join(runs, name!), 'utf8'))).toMatchObject({ outcome: 'failed', error: 'StoreError', pings: { delivered: 9, 'not-attempted': 0 } });
  });
});

describe('broadsheet publish after websub: names another hub', () => {
  it('tells the new hub and the former one of every feed, and says so', async () => {
    const former = hub;
    const next = await new TestHub().start();
    try {
      const entries = { '2014/kaesong.md': entryText(entry({ title: 'Kaesong output recovers', url: 'https://news.example.com/kaesong', date: '2014-05-06', tags: ['Trade'] })) };
      const content = await contentFolder({ site: siteYaml({ websub: former.url }), entries });
      const cwd = await tempDir('publish-websub-moved');
      const args = ['publish', '--content', content, '--now', '2014-05-12T08:00:00+09:00'];
      expect((await runCli(args, { cwd })).code).toBe(0);
      const feeds = former.pinged();
      former.requests.length = 0;
      writeFileSync(join(content, 'site.yml'), siteYaml({ websub: next.url }));
      const run = await runCli(args, { cwd });
      expect(run.code, run.stderr).toBe(0);
      // Every feed names the hub, so every feed changed: each hub is told of each.
      expect(next.pinged()).toEqual(feeds);
      expect(former.pinged()).toEqual(feeds);
      expect(run.stdout).toContain(`WebSub: told the hub about ${feeds.length} changed feeds and the former hub ${former.url} about ${feeds.length} changed feeds`);
    } finally {
      await next.close();
    }
  });
});

describe('broadsheet publish with websub, a hub that was down', () => {
  it('is told by the next publish of every feed it missed, though nothing changed; then by none', async () => {
    const content = await contentFolder({
      site: siteYaml({ websub: hub.url }),
      entries: { '2014/kaesong.md': entryText(entry({ title: 'Kaesong output recovers', url: 'https://news.example.com/kaesong', date: '2014-05-06', tags: ['Trade'] })) },
    });
    const cwd = await tempDir('publish-websub-down');
    const args = ['publish', '--content', content, '--out', 'public', '--now', '2014-05-12T08:00:00+09:00'];
    const port = Number(new URL(hub.url).port);
    // Down: its port refuses connections.
    await hub.close();
    const down = await runCli(args, { cwd });
    expect(down.code, down.stderr).toBe(0);
    expect(down.stderr).toContain('ECONNREFUSED');
    const feeds = readdirSync(join(cwd, 'public'), { recursive: true, encoding: 'utf8' })
      .filter((path) => !path.startsWith('_broadsheet') && (Object.values(FEED_FILES) as string[]).includes(path.slice(path.lastIndexOf('/') + 1)))
      .map((path) => `https://watch.example.org/${path}`)
      .sort();
    const pendingFile = join(cwd, 'public', PENDING_PINGS_KEY);
    expect(Object.keys((JSON.parse(readFileSync(pendingFile, 'utf8')) as { feeds: Record<string, number> }).feeds).sort()).toEqual(feeds);

    // Back up at the same address.
    hub = await new TestHub().start(port);
    const back = await runCli(args, { cwd });
    expect(back.code, back.stderr).toBe(0);
    expect(back.stdout).toMatch(/: 0 new, 0 changed, \d+ unchanged, 0 deleted;/);
    expect(hub.pinged()).toEqual(feeds);
    expect(back.stdout).toContain(`WebSub: told the hub about ${feeds.length} feeds an earlier publish failed to ping\n`);
    expect(back.stderr).not.toContain('WebSub');
    expect(existsSync(pendingFile)).toBe(false);
    // Its run record counts them apart from changed feeds' pings (it changed none), as status then does.
    const [newest] = readdirSync(join(cwd, 'public/_broadsheet/runs')).sort();
    const record = JSON.parse(readFileSync(join(cwd, 'public/_broadsheet/runs', newest!), 'utf8')) as Record<string, unknown>;
    expect(record.pings).toBeUndefined();
    expect(record.retriedPings).toEqual({ delivered: feeds.length, rejected: 0, 'maybe-delivered': 0, refused: 0, 'not-attempted': 0 });

    hub.requests.length = 0;
    expect((await runCli(args, { cwd })).code).toBe(0);
    expect(hub.requests).toEqual([]);
  });
});

describe('broadsheet publish with websub, another publish holding the lock as it keeps its pings', () => {
  it('writes the pending pings only once the lock is free again', async () => {
    const content = await contentFolder({
      site: siteYaml({ websub: hub.url }),
      entries: { '2014/kaesong.md': entryText(entry({ title: 'Kaesong output recovers', url: 'https://news.example.com/kaesong', date: '2014-05-06', tags: ['Trade'] })) },
    });
    const cwd = await tempDir('publish-websub-locked');
    const lockFile = join(cwd, 'public', LOCK_KEY);
    // The publish has released its lock when it pings: another takes it then, for 300 ms.
    let freed = 0;
    hub.respond = (_request, index) => {
      if (index === 0) {
        writeFileSync(lockFile, `${JSON.stringify({ owner: 'another publish', token: 'x', since: new Date().toISOString(), staleAt: new Date(Date.now() + 3_600_000).toISOString() })}\n`);
        setTimeout(() => {
          rmSync(lockFile);
          freed = Date.now();
        }, 300);
      }
      return 400;
    };
    const run = await runCli(['publish', '--content', content, '--out', 'public', '--now', '2014-05-12T08:00:00+09:00'], { cwd });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).not.toContain('could not be written');
    const pendingFile = join(cwd, 'public', PENDING_PINGS_KEY);
    expect(Object.keys((JSON.parse(readFileSync(pendingFile, 'utf8')) as { feeds: object }).feeds)).toHaveLength(hub.requests.length);
    // Written after the other let the lock go, and not before.
    expect(freed).toBeGreaterThan(0);
    expect(statSync(pendingFile).mtimeMs).toBeGreaterThanOrEqual(freed - 50);
  });
});

describe('broadsheet publish with websub, Ctrl-C while it pings', () => {
  it('has reported the publish already, stops only the pings, rewrites the record with them and exits 0', async () => {
    const content = await contentFolder({
      site: siteYaml({ websub: hub.url }),
      entries: { '2014/kaesong.md': entryText(entry({ title: 'Kaesong output recovers', url: 'https://news.example.com/kaesong', date: '2014-05-06', tags: ['Trade'] })) },
    });
    const cwd = await tempDir('publish-websub-interrupted');
    let child: ChildProcess | undefined;
    // The hub reads each ping and never answers; the first one it reads brings the Ctrl-C.
    let interrupted = 0;
    hub.respond = (_request, index) => {
      if (index === 0) {
        interrupted = performance.now();
        child!.kill('SIGINT');
      }
      return 'hang';
    };
    const run = await runCli(['publish', '--content', content, '--out', 'public', '--now', '2014-05-12T08:00:00+09:00'], { cwd, onSpawn: (spawned) => (child = spawned) });
    // Well within one attempt's timeout (5 s): the pings in flight were cut short.
    expect(performance.now() - interrupted).toBeLessThan(4_000);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^Published \d+ files to .*; in \d+\.\d\d s$/m);
    expect(run.stderr).toContain('broadsheet publish: Ctrl-C: the WebSub pings left are not sent; the publish is done (Ctrl-C again to quit at once)');
    expect(run.stderr).toMatch(/warning: WebSub: \d+ changed feeds? (was|were) not pinged: stopped by Ctrl-C \(the files are published and readers poll them; the next publish pings the hub about (this feed|them) again, changed or not: try 1 of 6\)/);
    const feeds = readdirSync(join(cwd, 'public'), { recursive: true, encoding: 'utf8' }).filter((path) => (Object.values(FEED_FILES) as string[]).includes(path.slice(path.lastIndexOf('/') + 1)));
    const runs = join(cwd, 'public/_broadsheet/runs');
    const [name] = readdirSync(runs);
    const record = JSON.parse(readFileSync(join(runs, name!), 'utf8')) as { outcome: string; pings: Record<string, number> };
    // Those in flight (the hub read them, or was about to) may have reached it; the rest were never sent.
    expect(record).toMatchObject({ outcome: 'ok', pings: { delivered: 0, rejected: 0, refused: 0 } });
    expect(record.pings['maybe-delivered']! + record.pings['not-attempted']!).toBe(feeds.length);
    expect(record.pings['maybe-delivered']).toBeGreaterThanOrEqual(hub.requests.length);
    expect(record.pings['not-attempted']).toBeGreaterThan(0);
    // Every one of them is left for the next publish to make again (lib/publish/pendingPings.ts): those sent with their
    // first try made, those never sent with none, one publish unsent.
    const pending = JSON.parse(readFileSync(join(cwd, 'public/_broadsheet/websub-pending.json'), 'utf8')) as { hub: string; feeds: Record<string, { tries: number; unsent: number }> };
    expect(pending.hub).toBe(hub.url);
    expect(Object.keys(pending.feeds).sort()).toEqual(feeds.map((path) => `https://watch.example.org/${path}`).sort());
    const counts = Object.values(pending.feeds).map(({ tries, unsent }) => `${tries}/${unsent}`);
    expect([counts.filter((n) => n === '0/1').length, counts.filter((n) => n === '1/0').length]).toEqual([record.pings['not-attempted'], record.pings['maybe-delivered']]);
  });
});
