import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { publish, type PublishResult } from '../../../lib/publish/publish.js';
import { MemoryStore } from '../../../lib/store/memoryStore.js';
import { entry, entryText, memoryContent, SITE } from '../../support/content.js';

// feed.limit 1: the site feed and the trade feed each hold their newest entry's month (May) and no earlier one, so
// April's entry is in an archive document only. It carries a correction dated 2 June 09:00 (Seoul), later than the
// first publish: it comes due with no file changed.
const ZONE = 'Asia/Seoul';
const at = (iso: string) => DateTime.fromISO(iso, { zone: ZONE });
const CORRECTED = '2014-06-02T09:00:00+09:00';
const files = (extra: Record<string, string> = {}) => ({
  '2014/old.md': entryText(entry({ title: 'Old', url: 'https://news.example.com/old', date: '2014-04-02', tags: ['trade'], updated: CORRECTED }), 'Old, corrected.\n'),
  '2014/mid.md': entryText(entry({ title: 'Mid', url: 'https://news.example.com/mid', date: '2014-05-20', tags: ['trade'] }), 'Mid.\n'),
  '2014/new.md': entryText(entry({ title: 'New', url: 'https://news.example.com/new', date: '2014-05-28', tags: ['energy'] }), 'New.\n'),
  ...extra,
});
const corrections = (result: PublishResult) => result.warnings.filter((warning) => warning.field === 'updated' && warning.message.includes('reaches no feed reader'));

describe('the uncarried-correction warning of a correction whose time comes', () => {
  it('comes from the publish after its time, the file unchanged, and again from a settled publish after that; not before, and not from one that builds again', async () => {
    const content = memoryContent({ site: { ...SITE, feed: { limit: 1 } }, entries: files() });
    const output = new MemoryStore();
    const before = await publish({ content, output, now: at('2014-06-01T12:00'), websub: false });
    expect(corrections(before)).toEqual([]);

    // Its time came: the publish is not settled (the window ended then), and names it.
    const due = await publish({ content, output, now: at('2014-06-02T12:00'), websub: false });
    expect(due.settled).toBe(false);
    expect(corrections(due)).toEqual([expect.objectContaining({ file: 'entries/2014/old.md', message: expect.stringContaining(`the correction (${CORRECTED})`) })]);

    // Nothing changed since: the settled publish gives the warnings of the publish it repeats.
    const settled = await publish({ content, output, now: at('2014-06-02T13:00'), websub: false });
    expect(settled.settled).toBe(true);
    expect(corrections(settled)).toEqual(corrections(due));

    // A publish that builds again (another entry added) makes no correction: the last publish showed it.
    content.objects.set('entries/2014/later.md', { body: Buffer.from(entryText(entry({ title: 'Later', url: 'https://news.example.com/later', date: '2014-06-02T10:00:00+09:00', tags: ['energy'] }), 'Later.\n')), contentType: 'text/markdown' });
    const rebuilt = await publish({ content, output, now: at('2014-06-02T14:00'), websub: false });
    expect(rebuilt.settled).toBe(false);
    expect(corrections(rebuilt)).toEqual([]);
  });
});
