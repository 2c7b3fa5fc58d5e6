import { DateTime } from 'luxon';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { feedArtifacts } from '../../../lib/feeds/feedArtifacts.js';
import { pageArtifacts } from '../../../lib/pages/pageArtifacts.js';
import { MemoryStore } from '../../../lib/store/memoryStore.js';
import { publish } from '../../../lib/publish/publish.js';
import { pingHub } from '../../../lib/publish/websub.js';
import { entry, entryText, memoryContent, SITE } from '../../support/content.js';
import { TestHub } from '../../support/hub.js';

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
