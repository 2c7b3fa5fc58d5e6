import { DateTime } from 'luxon';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { feedArtifacts } from '../../../lib/feeds/feedArtifacts.js';
import { publish } from '../../../lib/publish/publish.js';
import { MemoryStore } from '../../../lib/store/memoryStore.js';
import { entry, entryText, memoryContent, SITE } from '../../support/content.js';
import { TestHub } from '../../support/hub.js';
import { childrenNamed, findOne, parseXml } from '../../support/xml.js';

// An RFC 5005 archive document is a WebSub topic like any other feed: it advertises the site's hub, and a publish
// that rewrites it tells the hub. A closed month's document still changes: an edit to one of its entries rewrites it
// (README "The whole history"), and WebSub §6 has the publisher inform the hubs it designated when a topic is updated.
// feed.limit 1: May's entry is the site feed, April's the one archive document.
const NOW = DateTime.fromISO('2014-06-02T00:00:00Z');
const APRIL = '2014/april.md';
const MAY = '2014/may.md';
const april = (body = 'Coal.\n') => entryText(entry({ title: 'April', url: 'https://news.example.com/april', date: '2014-04-10', tags: ['coal'] }), body);
const may = (body = 'Rice.\n') => entryText(entry({ title: 'May', url: 'https://news.example.com/may', date: '2014-05-10', tags: ['rice'] }), body);
const inFormats = (dir: string) => ['atom.xml', 'feed.json', 'rss.xml'].map((file) => `${SITE.url}${dir}${file}`);

let hub: TestHub;
beforeEach(async () => {
  hub = await new TestHub().start();
});
afterEach(() => hub.close());

async function published() {
  const content = memoryContent({ site: { ...SITE, feed: { limit: 1 }, websub: hub.url }, entries: { [APRIL]: april(), [MAY]: may() } });
  const output = new MemoryStore();
  const run = async () => {
    hub.requests.length = 0;
    await publish({ content, output, now: NOW, builders: [feedArtifacts] });
    return hub.pinged();
  };
  const first = await run();
  return { content, output, first, run };
}

const text = (output: MemoryStore, key: string) => output.objects.get(key)!.body.toString('utf8');

describe('an RFC 5005 archive document and the WebSub hub', () => {
  it('advertises the hub in every format, as the site feed does', async () => {
    const { output } = await published();
    for (const dir of ['', 'archives/2014-04/']) {
      const rss = findOne(parseXml(text(output, `${dir}rss.xml`)), 'channel');
      expect(childrenNamed(rss, 'atom:link').filter((link) => link.attributes.rel === 'hub').map((link) => link.attributes.href)).toEqual([hub.url]);
      const atom = parseXml(text(output, `${dir}atom.xml`));
      expect(childrenNamed(atom, 'link').filter((link) => link.attributes.rel === 'hub').map((link) => link.attributes.href)).toEqual([hub.url]);
      expect((JSON.parse(text(output, `${dir}feed.json`)) as { hubs?: unknown }).hubs).toEqual([{ type: 'WebSub', url: hub.url }]);
    }
  });

  it('is pinged when a publish rewrites it, and only then', async () => {
    const { content, first, run } = await published();
    expect(first).toEqual(expect.arrayContaining(inFormats('archives/2014-04/')));
    // April's entry is in the archive and its tag's feed, not in the site feed.
    content.objects.set(`entries/${APRIL}`, { body: Buffer.from(april('Coal, corrected.\n')), contentType: 'text/markdown' });
    expect(await run()).toEqual([...inFormats('archives/2014-04/'), ...inFormats('tags/coal/')].sort());
    // May's entry is in the site feed and its tag's feed: the archive is left as it was, and the hub is not told of it.
    content.objects.set(`entries/${MAY}`, { body: Buffer.from(may('Rice, corrected.\n')), contentType: 'text/markdown' });
    expect(await run()).toEqual([...inFormats(''), ...inFormats('tags/rice/')].sort());
  });
});
