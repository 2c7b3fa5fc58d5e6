import { DateTime } from 'luxon';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { feedArtifacts } from '../../../lib/feeds/feedArtifacts.js';
import { publish } from '../../../lib/publish/publish.js';
import { MemoryStore } from '../../../lib/store/memoryStore.js';
import { entry, entryText, memoryContent, SITE } from '../../support/content.js';
import { TestHub } from '../../support/hub.js';

// A site.yml that drops `websub:`: the publish rewrites every feed without its hub link, and WebSub §6 has the
// publisher inform the hubs it previously designated when a topic is updated: the hub the last publish named, read
// from its site feed, is told once of the feeds rewritten.
const NOW = DateTime.fromISO('2014-06-02T00:00:00Z');
const entries = { '2014/rice.md': entryText(entry({ title: 'Rice', url: 'https://news.example.com/rice', date: '2014-05-10', tags: ['rice'] })) };
const FEED_NAMES = ['rss.xml', 'atom.xml', 'feed.json'];

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
