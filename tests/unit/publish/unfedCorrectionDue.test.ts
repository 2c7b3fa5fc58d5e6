import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { publish, type PublishResult } from '../../../lib/publish/publish.js';
import { MemoryStore } from '../../../lib/store/memoryStore.js';
import { FaultyStore } from '../../support/faultyStore.js';
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

/** The publish at `now` builds and names the correction; then, nothing changed, a settled publish repeats the warnings of the one it follows. */
async function namedThenRepeated(content: ReturnType<typeof memoryContent>, output: MemoryStore, now: DateTime, then: DateTime): Promise<PublishResult> {
  const due = await publish({ content, output, now, websub: false });
  expect(due.settled).toBe(false);
  expect(corrections(due)).toEqual([expect.objectContaining({ file: 'entries/2014/old.md', message: expect.stringContaining(`the correction (${CORRECTED})`) })]);
  const settled = await publish({ content, output, now: then, websub: false });
  expect(settled.settled).toBe(true);
  expect(corrections(settled)).toEqual(corrections(due));
  return due;
}

describe('the uncarried-correction warning of a correction whose time comes', () => {
  it('comes from the publish after its time, the file unchanged, and again from a settled publish after that; not before, and not from one that builds again', async () => {
    const content = memoryContent({ site: { ...SITE, feed: { limit: 1 } }, entries: files() });
    const output = new MemoryStore();
    const before = await publish({ content, output, now: at('2014-06-01T12:00'), websub: false });
    expect(corrections(before)).toEqual([]);

    // Its time came: the publish is not settled (the window ended then), and names it.
    await namedThenRepeated(content, output, at('2014-06-02T12:00'), at('2014-06-02T13:00'));

    // A publish that builds again (another entry added) makes no correction: the last publish showed it.
    content.objects.set('entries/2014/later.md', { body: Buffer.from(entryText(entry({ title: 'Later', url: 'https://news.example.com/later', date: '2014-06-02T10:00:00+09:00', tags: ['energy'] }), 'Later.\n')), contentType: 'text/markdown' });
    const rebuilt = await publish({ content, output, now: at('2014-06-02T14:00'), websub: false });
    expect(rebuilt.settled).toBe(false);
    expect(corrections(rebuilt)).toEqual([]);
  });

  it('comes from the publish after one killed after writing its intent, its time come before that run or after it', async () => {
    const killedAt = async (output: MemoryStore, now: DateTime, content: ReturnType<typeof memoryContent>) => {
      // The intent is its first write (no lock): killed right after it.
      await expect(publish({ content, output: new FaultyStore(output, 1), now, websub: false })).rejects.toThrow(/injected failure/);
    };
    // Due before the killed run, which warns of it and records the entry's page, its correction shown, as of unknown bytes.
    const content = memoryContent({ site: { ...SITE, feed: { limit: 1 } }, entries: files() });
    const output = new MemoryStore();
    await publish({ content, output, now: at('2014-06-01T12:00'), websub: false });
    await killedAt(output, at('2014-06-02T12:00'), content);
    const after = await namedThenRepeated(content, output, at('2014-06-02T13:00'), at('2014-06-02T14:00'));

    // Due only after the killed run (which builds for an entry added): the intent kept the window the last finished publish recorded.
    const added = memoryContent({ site: { ...SITE, feed: { limit: 1 } }, entries: files() });
    const later = new MemoryStore();
    await publish({ content: added, output: later, now: at('2014-06-01T12:00'), websub: false });
    added.objects.set('entries/2014/added.md', { body: Buffer.from(entryText(entry({ title: 'Added', url: 'https://news.example.com/added', date: '2014-05-30', tags: ['energy'] }), 'Added.\n')), contentType: 'text/markdown' });
    await killedAt(later, at('2014-06-01T18:00'), added);
    expect(corrections(await publish({ content: added, output: later, now: at('2014-06-02T12:00'), websub: false }))).toEqual(corrections(after));
  });
});
