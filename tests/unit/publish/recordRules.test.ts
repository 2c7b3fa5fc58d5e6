import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import type { ArtifactBuilder } from '../../../lib/plan/artifact.js';
import { publish } from '../../../lib/publish/publish.js';
import { MemoryStore } from '../../../lib/store/memoryStore.js';
import { entry, entryText, memoryContent } from '../../support/content.js';

// Rules the publish's records rest on, each with a test of its own: a settled record ends at the first embargo
// to end, not the last; and a file is the same only if its bytes and its Content-Type are.

const ZONE = 'Asia/Seoul';
const at = (iso: string) => DateTime.fromISO(iso, { zone: ZONE });

describe('two embargoed entries in one week', () => {
  // ISO week 2014-W24: Monday 9 June – Sunday 15 June. Tuesday's embargo ends before Thursday's.
  const TUESDAY = at('2014-06-10T10:00');
  const THURSDAY = at('2014-06-12T10:00');
  const entries = {
    '2014/old.md': entryText(entry({ title: 'Old news', url: 'https://news.example.com/old', date: '2014-06-02', tags: ['trade'] })),
    '2014/tuesday.md': entryText(entry({ title: 'Tuesday story', url: 'https://news.example.com/tue', date: TUESDAY.toISO(), tags: ['trade'] })),
    '2014/thursday.md': entryText(entry({ title: 'Thursday story', url: 'https://news.example.com/thu', date: THURSDAY.toISO(), tags: ['trade'] })),
  };

  it('the earlier appears at its own time, not at the later one’s', async () => {
    const content = memoryContent({ entries });
    const output = new MemoryStore();
    await publish({ content, output, now: at('2014-06-09T12:00'), websub: false });
    expect(output.text('rss.xml')).not.toContain('Tuesday story');
    // A minute before Tuesday's embargo ends: nothing to do.
    expect((await publish({ content, output, now: TUESDAY.minus({ minutes: 1 }), websub: false })).settled).toBe(true);

    const tuesday = await publish({ content, output, now: TUESDAY, websub: false });
    expect(tuesday.settled).toBe(false);
    expect(output.text('rss.xml')).toContain('Tuesday story');
    expect(output.text('rss.xml')).not.toContain('Thursday story');

    expect((await publish({ content, output, now: THURSDAY.minus({ minutes: 1 }), websub: false })).settled).toBe(true);
    const thursday = await publish({ content, output, now: THURSDAY, websub: false });
    expect(thursday.settled).toBe(false);
    expect(output.text('rss.xml')).toContain('Thursday story');
  });
});

describe('a file whose bytes stay the same', () => {
  const builderOf = (contentType: string): ArtifactBuilder => ({
    entriesNeeded: () => [],
    build: () => [{ key: 'notes/about', body: Buffer.from('About this site.\n'), contentType }],
  });

  it('is written again when its Content-Type changes, and not when neither does', async () => {
    // A draft: a site needs an entry file, and this builder makes its file from none.
    const content = memoryContent({ entries: { '2014/d.md': entryText(entry({ draft: true })) } });
    const output = new MemoryStore();
    const now = at('2014-06-09T12:00');
    await publish({ content, output, now, websub: false, builders: [builderOf('text/plain; charset=utf-8')] });
    const same = await publish({ content, output, now, websub: false, builders: [builderOf('text/plain; charset=utf-8')] });
    expect(same.changes).toEqual([{ key: 'notes/about', status: 'unchanged', size: 17 }]);

    const puts = output.requests.put;
    const changed = await publish({ content, output, now, websub: false, builders: [builderOf('text/html; charset=utf-8')] });
    expect(changed.changes).toEqual([{ key: 'notes/about', status: 'changed', size: 17 }]);
    expect(output.objects.get('notes/about')!.contentType).toBe('text/html; charset=utf-8');
    // The intent, the file and the manifest.
    expect(output.requests.put - puts).toBe(3);
  });
});
