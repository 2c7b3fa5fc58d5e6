import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { publish } from '../../../lib/publish/publish.js';
import { MemoryStore } from '../../../lib/store/memoryStore.js';
import { entry, entryText, memoryContent, SITE } from '../../support/content.js';

// --skip-invalid leaves out an entry that an edit made invalid: if the last publish had it, readers see it removed,
// and that is said beside its problem, which alone reads as an entry merely not added.
const NOW = DateTime.fromISO('2014-06-01T00:00:00Z');
const TAKEN_DOWN = {
  file: 'entries/2014/a.md',
  field: 'file',
  message: 'was published, and is left out while it is invalid: its page and its items in the feeds are removed until it is fixed',
  fix: 'fix its problem (listed with the skipped entries) and publish again; without --skip-invalid a problem refuses the whole publish, and the published entry stays',
};

describe('a published entry that an edit makes invalid, with --skip-invalid', () => {
  it('is warned about as taken down; a new invalid entry, a draft or one not yet public is only skipped', async () => {
    const content = memoryContent({
      site: SITE,
      entries: {
        '2014/a.md': entryText(entry({ title: 'Published', url: 'https://x.example/a' })),
        '2014/draft.md': entryText(entry({ title: 'Draft', url: 'https://x.example/d', draft: true })),
        '2014/later.md': entryText(entry({ title: 'Later', url: 'https://x.example/l', date: '2014-07-01' })),
        // Valid throughout: with every entry invalid, --skip-invalid is refused (lib/publish/noValidEntryProblem.ts).
        '2014/stays.md': entryText(entry({ title: 'Stays', url: 'https://x.example/s' })),
      },
    });
    const output = new MemoryStore();
    await publish({ content, output, now: NOW });
    for (const key of ['entries/2014/a.md', 'entries/2014/draft.md', 'entries/2014/later.md']) {
      const text = content.objects.get(key)!.body.toString();
      await content.put(key, text.replace('url: https://', 'url: htps://'), { contentType: 'text/markdown' });
    }
    await content.put('entries/2014/new.md', entryText(entry({ title: 'New', url: 'htps://x.example/n' })), { contentType: 'text/markdown' });
    const result = await publish({ content, output, now: NOW, skipInvalid: true });
    expect(result.skipped.map((problem) => problem.file).sort()).toEqual(['entries/2014/a.md', 'entries/2014/draft.md', 'entries/2014/later.md', 'entries/2014/new.md']);
    expect(result.warnings.filter((warning) => warning.message.startsWith('was published'))).toEqual([TAKEN_DOWN]);
  });
});

// An edit that moves a published entry's date past now takes it down as well, where the held-back line alone reads
// as an embargo.
describe('a published entry re-dated past now', () => {
  it('is warned about as taken down until that date; a new embargo is only held back', async () => {
    const entries = { '2014/a.md': entryText(entry({ title: 'Published', url: 'https://x.example/a', date: '2014-05-20' })), '2014/b.md': entryText(entry({ title: 'Stays', url: 'https://x.example/b' })) };
    const content = memoryContent({ site: SITE, entries });
    const output = new MemoryStore();
    await publish({ content, output, now: NOW });
    await content.put('entries/2014/a.md', entryText(entry({ title: 'Published', url: 'https://x.example/a', date: '2015-05-20' })), { contentType: 'text/markdown' });
    await content.put('entries/2014/new.md', entryText(entry({ title: 'New', url: 'https://x.example/n', date: '2014-07-01' })), { contentType: 'text/markdown' });
    const result = await publish({ content, output, now: NOW });
    // SITE's zone is Asia/Seoul: a date alone is its midnight there.
    expect(result.warnings).toEqual([
      {
        file: 'entries/2014/a.md',
        field: 'date',
        message: 'was published, and is now held back until 2015-05-20T00:00:00+09:00: its page and its items in the feeds are removed until then, and when it returns readers do not show it as new',
        fix: 'if this is a correction, keep its date (2014-05-20T00:00:00+09:00) and set updated: to when it is made; if it must come down until then, leave it',
      },
    ]);
    expect(result.heldBack.map((held) => held.file)).toEqual(['entries/2014/new.md', 'entries/2014/a.md']);
  });
});
