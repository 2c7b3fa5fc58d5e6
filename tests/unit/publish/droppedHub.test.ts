import { DateTime } from 'luxon';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { feedArtifacts } from '../../../lib/feeds/feedArtifacts.js';
import { publish } from '../../../lib/publish/publish.js';
import { publishedRunRecord, type RunStart } from '../../../lib/publish/publishRunRecord.js';
import { MemoryStore } from '../../../lib/store/memoryStore.js';
import { entry, entryText, memoryContent, SITE } from '../../support/content.js';
import { TestHub } from '../../support/hub.js';

// A site.yml that drops `websub:`: the publish rewrites every feed without its hub link, and WebSub §6 has the
// publisher inform the hubs it previously designated when a topic is updated: the hub the last publish named, read
// from its site feed, is told once of the feeds rewritten.
const NOW = DateTime.fromISO('2014-06-02T00:00:00Z');
const entries = { '2014/rice.md': entryText(entry({ title: 'Rice', url: 'https://news.example.com/rice', date: '2014-05-10', tags: ['rice'] })) };
const FEED_NAMES = ['rss.xml', 'atom.xml', 'feed.json'];
const START: RunStart = { id: 'cli-moved', kind: 'publish', trigger: 'cli', startedAt: '2014-06-02T00:00:00Z', endedAt: '2014-06-02T00:00:01Z' };

let hub: TestHub;
beforeEach(async () => {
  hub = await new TestHub().start();
});
afterEach(() => hub.close());

async function publishedWithHub() {
  const content = memoryContent({ site: { ...SITE, websub: hub.url }, entries });
  const output = new MemoryStore();
  await publish({ content, output, now: NOW, builders: [feedArtifacts] });
  // Every feed the output holds, as a public URL: those the next publish rewrites without the link.
  const feeds = [...output.objects.keys()].filter((key) => FEED_NAMES.includes(key.split('/').at(-1)!)).map((key) => `${SITE.url}${key}`).sort();
  expect(feeds.length).toBeGreaterThanOrEqual(6);
  hub.requests.length = 0;
  const withoutHub = memoryContent({ site: SITE, entries });
  const run = async () => {
    hub.requests.length = 0;
    const result = await publish({ content: withoutHub, output, now: NOW, builders: [feedArtifacts] });
    return { result, pinged: hub.pinged() };
  };
  return { output, feeds, run };
}

describe('a site.yml that no longer names its WebSub hub', () => {
  it('tells the hub the last publish named of every feed rewritten without it, once', async () => {
    const { output, feeds, run } = await publishedWithHub();
    const dropped = await run();
    expect(dropped.pinged).toEqual(feeds);
    expect(dropped.result.pings.map((ping) => ping.outcome)).toEqual(feeds.map(() => 'delivered'));
    expect((JSON.parse(output.objects.get('feed.json')!.body.toString('utf8')) as { hubs?: unknown }).hubs).toBeUndefined();
    // The feeds name no hub now: the next publish that rewrites them tells no one.
    expect((await run()).pinged).toEqual([]);
  });

  it('not a hub read from a site feed someone else changed', async () => {
    const { output, run } = await publishedWithHub();
    const stored = output.objects.get('feed.json')!;
    output.objects.set('feed.json', { ...stored, body: Buffer.from(stored.body.toString('utf8').replace('"Rice"', '"Rice!"')) });
    expect((await run()).pinged).toEqual([]);
  });
});

describe('a site.yml whose websub: names another hub', () => {
  let other: TestHub;
  beforeEach(async () => {
    other = await new TestHub().start();
  });
  afterEach(() => other.close());

  it('tells the new hub and, once, the hub the last publish named, of every feed rewritten', async () => {
    const output = new MemoryStore();
    await publish({ content: memoryContent({ site: { ...SITE, websub: hub.url }, entries }), output, now: NOW, builders: [feedArtifacts] });
    // Every feed names the hub: the change of hub rewrites them all.
    const feeds = [...output.objects.keys()].filter((key) => FEED_NAMES.includes(key.split('/').at(-1)!)).map((key) => `${SITE.url}${key}`).sort();
    hub.requests.length = 0;
    const moved = memoryContent({ site: { ...SITE, websub: other.url }, entries });
    const result = await publish({ content: moved, output, now: NOW, builders: [feedArtifacts] });
    expect(other.pinged()).toEqual(feeds);
    expect(hub.pinged()).toEqual(feeds);
    // The former hub's pings say where they went.
    expect(result.pings.filter((ping) => ping.formerHub === hub.url)).toHaveLength(feeds.length);
    expect(result.pings.filter((ping) => ping.formerHub === undefined)).toHaveLength(feeds.length);
    // The run record's counts are site.yml's hub's, one per changed feed: status says the hub was told of them all.
    expect(publishedRunRecord(START, result).pings).toEqual({ delivered: feeds.length, rejected: 0, 'maybe-delivered': 0, refused: 0, 'not-attempted': 0 });
    expect((JSON.parse(output.objects.get('feed.json')!.body.toString('utf8')) as { hubs?: unknown }).hubs).toEqual([{ type: 'WebSub', url: other.url }]);

    // The feeds name the new hub alone now: a publish that rewrites them tells it only.
    hub.requests.length = 0;
    other.requests.length = 0;
    const edited = { '2014/rice.md': entryText(entry({ title: 'Rice, again', url: 'https://news.example.com/rice', date: '2014-05-10', tags: ['rice'] })) };
    await publish({ content: memoryContent({ site: { ...SITE, websub: other.url }, entries: edited }), output, now: NOW, builders: [feedArtifacts] });
    expect(other.pinged().length).toBeGreaterThan(0);
    expect(hub.pinged()).toEqual([]);
  });

  it('hands both hubs to a caller that pings later (websub: later, the CLI and the functions)', async () => {
    const output = new MemoryStore();
    await publish({ content: memoryContent({ site: { ...SITE, websub: hub.url }, entries }), output, now: NOW, builders: [feedArtifacts] });
    // Every feed names the hub: the change of hub rewrites them all, and each is handed on for both hubs.
    const feeds = [...output.objects.keys()].filter((key) => FEED_NAMES.includes(key.split('/').at(-1)!)).map((key) => `${SITE.url}${key}`).sort();
    hub.requests.length = 0;
    const result = await publish({ content: memoryContent({ site: { ...SITE, websub: other.url }, entries }), output, now: NOW, builders: [feedArtifacts], websub: 'later' });
    expect(result.toPing).toMatchObject({ hub: other.url, formerHub: hub.url });
    expect([...result.toPing!.feeds].sort()).toEqual(feeds);
    // Handed on, not pinged.
    expect(result.pings).toEqual([]);
    expect(hub.pinged()).toEqual([]);
    expect(other.pinged()).toEqual([]);
  });
});
