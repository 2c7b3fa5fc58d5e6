import { DateTime } from 'luxon';
import { beforeAll, describe, expect, it } from 'vitest';
import { digestArtifacts } from '../../../lib/digest/digestArtifacts.js';
import { publish } from '../../../lib/publish/publish.js';
import { MemoryStore } from '../../../lib/store/memoryStore.js';
import { entry, entryText, memoryContent } from '../../support/content.js';
import { siteYaml } from '../../support/digestFixtures.js';
import { readFeed } from '../../support/feedReader.js';

// The digests' feeds are titled as the digest names itself everywhere (digestName): a title that says digest already
// is the name alone, where "Weekly digest of {title}" read "Weekly digest of Weekly Digest". Their ids and links stay
// as they were, so a reader keeps its subscription and its read items.
const NOW = DateTime.fromISO('2014-05-19T08:00:00+09:00'); // Monday of W21: W20 has just ended.
const title = 'Weekly Digest';
const expected = 'Weekly Digest';

async function published(): Promise<MemoryStore> {
  const output = new MemoryStore();
  const content = memoryContent({ site: siteYaml({ title }), entries: { '2014/a.md': entryText(entry({ title: 'A', date: '2014-05-13' })) } });
  await publish({ content, output, now: NOW, builders: [digestArtifacts] });
  return output;
}

describe('the digest feeds of a site titled "Weekly Digest"', () => {
  let output: MemoryStore;
  beforeAll(async () => {
    output = await published();
  });

  it('are titled "Weekly Digest" in RSS, Atom and JSON Feed, with the ids and links they had', async () => {
    const rss = await readFeed(output.text('digests/rss.xml')!);
    const atom = await readFeed(output.text('digests/atom.xml')!);
    const json = JSON.parse(output.text('digests/feed.json')!) as { title: string; home_page_url: string; feed_url: string };
    expect([rss.meta.title, atom.meta.title, json.title]).toEqual([expected, expected, expected]);
    // The site's url is https://watch.example.org/ (siteYaml): the digests are under digests/.
    expect(rss.meta.link).toBe('https://watch.example.org/digests/index.html');
    expect(output.text('digests/atom.xml')).toContain('<id>https://watch.example.org/digests/atom.xml</id>');
    expect(atom.meta.link).toBe('https://watch.example.org/digests/index.html');
    expect(json.home_page_url).toBe('https://watch.example.org/digests/index.html');
    expect(json.feed_url).toBe('https://watch.example.org/digests/feed.json');
    expect(rss.items.map((item) => item.guid)).toEqual(['tag:watch.example.org,2014:digests/2014-W20']);
  });

  it('are offered under that title by digests/index.html and the week\'s page', async () => {
    const titles = (html: string) => [...html.matchAll(/<link rel="alternate" type="[^"]+" title="([^"]*)"/g)].map((match) => match[1]);
    const formats = [`${expected} (RSS)`, `${expected} (Atom)`, `${expected} (JSON Feed)`];
    expect(titles(output.text('digests/index.html')!)).toEqual(formats);
    expect(titles(output.text('digests/2014-W20.html')!)).toEqual(formats);
  });
});
