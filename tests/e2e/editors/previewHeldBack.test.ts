import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { contentFolder, entry, entryText, SITE } from '../../support/content.js';
import { PreviewProcess } from '../../support/preview.js';

// README, "Embargo": a publish names each entry it holds back until its date, the only place a year typed into the
// future shows. A preview, whose build then says "nothing changed", names it too: once, at the build that first holds
// it back.
let preview: PreviewProcess | undefined;
afterEach(async () => {
  await preview?.stop();
  preview = undefined;
});

const NOW = '2014-06-01T00:00:00+09:00';

describe('broadsheet preview, an entry dated after now', () => {
  it('is named with its date under the URLs, and when a save first holds one back, then not again', async () => {
    const a = entry({ title: 'Rail link', url: 'https://news.example.com/a', date: '2014-05-02' });
    const later = entry({ title: 'Port opens', url: 'https://news.example.com/later', date: '2014-07-01' });
    const dir = await contentFolder({ site: SITE, entries: { '2014/a.md': entryText(a), '2014/later.md': entryText(later) } });
    preview = await new PreviewProcess(['--content', dir, '--now', NOW]).start();
    // The site's zone is Asia/Seoul: the date is that day's midnight there.
    await preview.waitFor(/\nheld back until its date: entries\/2014\/later\.md \(2014-07-01T00:00:00\+09:00\)\nWatching /);

    // A new entry with a year typed into the future.
    let mark = preview.stdout.length;
    await writeFile(join(dir, 'entries', '2014', 'typo.md'), entryText(entry({ title: 'Typo', url: 'https://news.example.com/typo', date: '2041-05-30' })));
    await preview.waitFor(/held back until its date: entries\/2014\/typo\.md[^\n]*\n/, 'stdout', 10_000, mark);
    expect(preview.stdout.slice(mark)).toMatch(/rebuilt in [\d.]+ s: nothing changed; 1 entry published\nheld back until its date: entries\/2014\/typo\.md \(2041-05-30T00:00:00\+09:00\)\n$/);

    // Another save: both still held back, and named no more.
    mark = preview.stdout.length;
    await writeFile(join(dir, 'entries', '2014', 'a.md'), entryText({ ...a, title: 'Rail link opens' }));
    await preview.waitFor(/rebuilt in [\d.]+ s: [^\n]*\n/, 'stdout', 10_000, mark);
    // The build's lines may reach the pipe in more than one read. A later build's line comes after every line of this
    // one, so the next save's rebuild marks where this build's output ends.
    const fence = preview.stdout.length;
    await writeFile(join(dir, 'entries', '2014', 'a.md'), entryText({ ...a, title: 'Rail link opened' }));
    const next = await preview.waitFor(/[^\n]*rebuilt in [\d.]+ s: [^\n]*\n/, 'stdout', 10_000, fence);
    const thisBuild = preview.stdout.slice(mark, fence + next.index);
    expect(thisBuild).toMatch(/^[^\n]*rebuilt in [\d.]+ s: [^\n]*\n$/);
    expect(thisBuild).not.toContain('held back');
  });
});
