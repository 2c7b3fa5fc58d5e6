import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { digestArtifacts } from '../../../lib/digest/digestArtifacts.js';
import { feedArtifacts } from '../../../lib/feeds/feedArtifacts.js';
import { publish } from '../../../lib/publish/publish.js';
import { MemoryStore } from '../../../lib/store/memoryStore.js';
import { siteYaml, twoWeeksContent } from '../../support/digestFixtures.js';
import { childrenNamed, findOne, parseXml } from '../../support/xml.js';

// README, site.yml `icon`: RSS <image>, Atom <icon>, JSON Feed icon and favicon, in every feed of the site: the
// digests' feeds too, or a reader that shows a feed's icon shows none for them beside the site's and tags'.
const NOW = DateTime.fromISO('2014-05-19T08:00:00+09:00');

async function digestFeeds(site?: Record<string, unknown>) {
  const output = new MemoryStore();
  const content = twoWeeksContent();
  if (site) content.objects.set('site.yml', { body: Buffer.from(siteYaml(site)), contentType: 'application/yaml' });
  await publish({ content, output, now: NOW, builders: [feedArtifacts, digestArtifacts] });
  const rss = parseXml(output.text('digests/rss.xml')!);
  const atom = parseXml(output.text('digests/atom.xml')!);
  const json = JSON.parse(output.text('digests/feed.json')!) as { icon?: string; favicon?: string };
  return {
    rss: findOne(findOne(rss, 'image'), 'url').text,
    atom: { icon: childrenNamed(atom, 'icon')[0]?.text, logo: childrenNamed(atom, 'logo')[0]?.text },
    json: { icon: json.icon, favicon: json.favicon },
  };
}

describe('the digests’ feeds name the site’s icon as every feed of the site does', () => {
  it('the icon.png publish writes, under the site’s url, without site.yml icon', async () => {
    const icon = 'https://watch.example.org/icon.png';
    expect(await digestFeeds()).toEqual({ rss: icon, atom: { icon, logo: undefined }, json: { icon, favicon: icon } });
  });

  it('site.yml’s icon and logo', async () => {
    const icon = 'https://cdn.example.net/square.png';
    const logo = 'https://cdn.example.net/wide.png';
    expect(await digestFeeds({ icon, logo })).toEqual({ rss: icon, atom: { icon, logo }, json: { icon, favicon: icon } });
  });
});
