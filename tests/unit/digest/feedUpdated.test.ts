import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { digestArtifacts, digestFeedDocument, weekMembership } from '../../../lib/digest/digestArtifacts.js';
import { publish } from '../../../lib/publish/publish.js';
import { MemoryStore } from '../../../lib/store/memoryStore.js';
import { entry, entryText, memoryContent } from '../../support/content.js';
import { meta, siteYaml, testSite, weekModel } from '../../support/digestFixtures.js';

// RFC 4287 §4.2.15: atom:updated is when the entry last changed in a way the publisher thinks significant. A week's
// digest is published when the week closes (Monday 12 May 2014 00:00 in Seoul for 2014-W19); an entry of it
// corrected afterwards changes the digest, and feed readers that go by updated only show that if it moves too.
const site = testSite();
const seoul = (iso: string) => DateTime.fromISO(iso, { zone: 'Asia/Seoul' }).toMillis();
const weekEnd = seoul('2014-05-12T00:00:00');

describe('the digest feed item of a week whose entries were corrected after it closed', () => {
  it('is updated at the newest correction made after the week closed, and still published when it closed', () => {
    const corrected = weekModel(site, [meta('2014-05-06', { updated: seoul('2014-05-14T09:30:00') }), meta('2014-05-08', { updated: seoul('2014-05-13T18:00:00') })]);
    const doc = digestFeedDocument(site, [corrected]);
    expect(doc.items).toHaveLength(1);
    expect(doc.items[0]!.published).toBe(weekEnd);
    expect(doc.items[0]!.updated).toBe(seoul('2014-05-14T09:30:00'));
    expect(doc.updated.toMillis()).toBe(seoul('2014-05-14T09:30:00'));
    // A correction within the week was in the digest when it closed.
    const early = weekModel(site, [meta('2014-05-06', { updated: seoul('2014-05-07T10:00:00') }), meta('2014-05-08')]);
    expect(digestFeedDocument(site, [early]).items[0]!.updated).toBe(weekEnd);
  });
});

describe('the digest feed item of a week one of whose entries was withdrawn after it closed', () => {
  const builders = [digestArtifacts];
  const closed = DateTime.fromISO('2014-05-12T08:00:00+09:00');
  const withdrawnAt = DateTime.fromISO('2014-05-14T10:00:00+09:00');
  const files = { '2014/a.md': entryText(entry({ title: 'A', url: 'https://news.example.com/a', date: '2014-05-06' })) };
  const b = entry({ title: 'B', url: 'https://news.example.com/b', date: '2014-05-08' });
  const item = (output: MemoryStore) => {
    const feed = JSON.parse(output.text('digests/feed.json')!) as { items: { title: string; date_published: string; date_modified: string; content_html: string }[] };
    const week = feed.items.find((candidate) => candidate.title.includes('5–11 May 2014'))!;
    return { published: Date.parse(week.date_published), modified: Date.parse(week.date_modified), html: week.content_html };
  };

  for (const [how, after] of [
    ['deleted', files],
    ['made a draft', { ...files, '2014/b.md': entryText({ ...b, draft: true }) }],
  ] as const) {
    it(`is updated at the publish that first saw it ${how}, and stays so on later publishes`, async () => {
      const output = new MemoryStore();
      await publish({ content: memoryContent({ site: siteYaml(), entries: { ...files, '2014/b.md': entryText(b) } }), output, now: closed, builders });
      expect(item(output)).toMatchObject({ published: weekEnd, modified: weekEnd });
      await publish({ content: memoryContent({ site: siteYaml(), entries: after }), output, now: withdrawnAt, builders });
      expect(item(output).html).not.toContain('>B</a>');
      expect(item(output)).toMatchObject({ published: weekEnd, modified: withdrawnAt.toMillis() });
      const feed = output.text('digests/feed.json');
      const again = await publish({ content: memoryContent({ site: siteYaml(), entries: after }), output, now: withdrawnAt.plus({ days: 2 }), builders });
      expect(again.counts).toMatchObject({ new: 0, changed: 0, deleted: 0 });
      expect(output.text('digests/feed.json')).toBe(feed);
    });
  }

  it('is not moved by a publish that changes no week’s entries, nor by the first one after the manifest kept no memo', () => {
    const entries = [meta('2014-05-06'), meta('2014-05-08')];
    const first = weekMembership(undefined, entries, closed.toMillis());
    expect(first.changedAt).toBeUndefined();
    expect(weekMembership(first.memo, [...entries].reverse(), withdrawnAt.toMillis()).changedAt).toBeUndefined();
    const withdrawn = weekMembership(first.memo, entries.slice(1), withdrawnAt.toMillis());
    expect(withdrawn.changedAt).toBe(withdrawnAt.toMillis());
    expect(weekMembership(withdrawn.memo, entries.slice(1), withdrawnAt.plus({ days: 2 }).toMillis()).changedAt).toBe(withdrawnAt.toMillis());
  });
});
