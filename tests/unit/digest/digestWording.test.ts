import { DateTime } from 'luxon';
import { beforeAll, describe, expect, it } from 'vitest';
import { digestArtifacts } from '../../../lib/digest/digestArtifacts.js';
import { renderDigestHtml } from '../../../lib/digest/renderDigestHtml.js';
import { renderDigestText } from '../../../lib/digest/renderDigestText.js';
import { listIdOf } from '../../../lib/delivery/message.js';
import { publish } from '../../../lib/publish/publish.js';
import { MemoryStore } from '../../../lib/store/memoryStore.js';
import { entry, entryText, memoryContent } from '../../support/content.js';
import { meta, siteYaml, testSite, weekModel } from '../../support/digestFixtures.js';
import { readFeed } from '../../support/feedReader.js';

// The digest has one name, "Weekly digest of {title}", in every part that labels it: the text part's and the .txt
// archive's heading, the HTML's kicker, the digests' feeds, digests/index.html's title and the List-Id's phrase; and
// one phrase in the footers' sentences. A title that says digest already is the name alone (README, "The weekly digest").
const NOW = DateTime.fromISO('2014-05-19T08:00:00+09:00'); // Monday of W21: W20 has just ended.

/** Every label of the digest a site titled `title` publishes and mails, by where it stands. */
async function labels(title: string): Promise<Record<string, string>> {
  const output = new MemoryStore();
  const content = memoryContent({ site: siteYaml({ title }), entries: { '2014/a.md': entryText(entry({ title: 'A', date: '2014-05-13' })) } });
  await publish({ content, output, now: NOW, builders: [digestArtifacts] });
  const site = testSite({ title });
  const model = weekModel(site, [meta('2014-05-13')], '2014-W20');
  const textHeading = (text: string) => text.split('\n').slice(0, text.split('\n').findIndex((line) => /^=+$/.test(line))).join(' ');
  const kicker = (html: string) => /<p class="kicker"[^>]*>([\s\S]*?)<\/p>/.exec(html)![1]!.replace(/<[^>]+>/g, '');
  const listId = listIdOf(site);
  return {
    emailTextHeading: textHeading(renderDigestText(model, { variant: 'email' })),
    archiveTextHeading: textHeading(output.text('digests/2014-W20.txt')!),
    emailKicker: kicker(renderDigestHtml(model, { variant: 'email' })),
    archiveKicker: kicker(output.text('digests/2014-W20.html')!),
    rss: (await readFeed(output.text('digests/rss.xml')!)).meta.title!,
    atom: (await readFeed(output.text('digests/atom.xml')!)).meta.title!,
    json: (JSON.parse(output.text('digests/feed.json')!) as { title: string }).title,
    indexTitle: /<title>([^<]*)<\/title>/.exec(output.text('digests/index.html')!)![1]!,
    listId: listId.slice(0, listId.lastIndexOf(' <')),
  };
}

describe("the digest's name", () => {
  let ordinary: Record<string, string>;
  let named: Record<string, string>;
  beforeAll(async () => {
    [ordinary, named] = await Promise.all([labels('Test Watch'), labels('The Weekly Digest')]);
  });

  it('is "Weekly digest of {title}" in every part that labels it, the text headings and the HTML kicker included', () => {
    expect(Object.values(ordinary)).toEqual(Object.keys(ordinary).map(() => 'Weekly digest of Test Watch'));
  });

  it('is the title alone, in every part, for a title that says digest already', () => {
    expect(Object.values(named)).toEqual(Object.keys(named).map(() => 'The Weekly Digest'));
  });

  it("is said the same way in the footers' sentences, in both parts, email and archive", () => {
    for (const [title, phrase, start] of [
      ['Test Watch', 'the weekly digest of Test Watch', 'The weekly digest of Test Watch'],
      ['Weekly Digest', 'Weekly Digest', 'Weekly Digest'],
    ] as const) {
      const model = weekModel(testSite({ title, description: 'Curated test news.' }), [meta('2014-05-08')]);
      const flat = (text: string) => text.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ');
      for (const email of [renderDigestText(model, { variant: 'email' }), renderDigestHtml(model, { variant: 'email' })]) expect(flat(email)).toContain(`You receive this email because you subscribed to ${phrase}.`);
      for (const archive of [renderDigestText(model, { variant: 'archive' }), renderDigestHtml(model, { variant: 'archive' })]) expect(flat(archive)).toContain(`${start}. Curated test news.`);
    }
  });
});
