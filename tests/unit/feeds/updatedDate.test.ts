import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { feedArtifacts } from '../../../lib/feeds/feedArtifacts.js';
import { publish } from '../../../lib/publish/publish.js';
import { MemoryStore } from '../../../lib/store/memoryStore.js';
import { entry, entryText, memoryContent } from '../../support/content.js';
import { childrenNamed, findAll, parseXml } from '../../support/xml.js';

// RFC 4287 §4.2.15: atom:updated is when the entry last changed, so never before it was published. An editor who
// corrects a date past the entry's earlier `updated:` would otherwise have readers date it before it appeared.
const NOW = DateTime.fromISO('2014-06-01T00:00:00+09:00');

async function feeds(updated: string) {
  const output = new MemoryStore();
  // 10 May in Seoul is 9 May 15:00 UTC.
  const content = memoryContent({ entries: { '2014/a.md': entryText(entry({ date: '2014-05-10', updated })) } });
  await publish({ content, output, now: NOW, builders: [feedArtifacts] });
  const atom = findAll(parseXml(output.text('atom.xml')!), 'entry')[0]!;
  const json = (JSON.parse(output.text('feed.json')!) as { items: { date_published: string; date_modified: string }[] }).items[0]!;
  return {
    atom: { updated: childrenNamed(atom, 'updated')[0]!.text, published: childrenNamed(atom, 'published')[0]!.text },
    json: { updated: json.date_modified, published: json.date_published },
    feedUpdated: childrenNamed(parseXml(output.text('atom.xml')!), 'updated')[0]!.text,
  };
}

describe('an entry whose updated: comes before its date', () => {
  it('is updated when it was published, in Atom, JSON Feed and the feed’s own updated', async () => {
    const read = await feeds('2014-05-08T12:00:00');
    const published = '2014-05-09T15:00:00.000Z';
    expect(read.atom).toEqual({ updated: published, published });
    expect(read.json).toEqual({ updated: published, published });
    expect(read.feedUpdated).toBe(published);
  });

  it('keeps an updated: after its date', async () => {
    // 11 May 12:00 in Seoul.
    const read = await feeds('2014-05-11T12:00:00');
    expect(read.atom).toEqual({ updated: '2014-05-11T03:00:00.000Z', published: '2014-05-09T15:00:00.000Z' });
  });
});
