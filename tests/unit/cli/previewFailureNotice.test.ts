import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { afterEach, describe, expect, it } from 'vitest';
import { PreviewServer } from '../../../cli/previewServer.js';
import { contentFolder, entry, entryText, SITE } from '../../support/content.js';

// A save that does not build left the browser on the last good build with nothing to say so: reloaded, the page
// looked as before, and only the terminal named the problem. Its pages now say so at the top, with the first problem.
let server: PreviewServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const NOTICE = '<p role="alert"><strong>The last save does not build; this is the last good build.</strong>';

describe('a page of the preview while the latest save does not build', () => {
  it('says so at the top of its body, naming the first problem; the feeds are as built; gone once it builds again', async () => {
    const dir = await contentFolder({ site: SITE, entries: { '2014/a.md': entryText(entry({ title: 'A', url: 'https://news.example.com/a', date: '2014-05-01' })) } });
    server = new PreviewServer({ contentDir: dir, port: 0, now: () => DateTime.fromISO('2014-06-01T00:00:00+09:00'), onBuild: () => {}, debounceMs: 60_000 });
    await server.start();
    const page = async (path: string) => (await fetch(`${server!.url}${path}`)).text();
    const good = await page('');
    expect(good).not.toContain('role="alert"');
    const feed = await page('rss.xml');

    // A tags list never closed in b.md, and a.md without its title: two problems, a.md's first.
    await writeFile(join(dir, 'entries/2014/b.md'), '---\ntitle: B\nurl: https://news.example.com/b\nsource: X\ndate: 2014-05-02\ntags: [Trade\n---\nBody.\n');
    await writeFile(join(dir, 'entries/2014/a.md'), entryText(entry({ title: undefined, url: 'https://news.example.com/a', date: '2014-05-01' })));
    await server.rebuild();
    const failed = await page('');
    const problem = 'entries/2014/a.md: title: is missing';
    expect(failed).toContain(`${NOTICE} 2 problems, the first: ${problem}`);
    // The page as built, with the notice right after <body …>.
    expect(failed.replace(/<p role="alert">.*?<\/p>/, '')).toBe(good);
    expect(await page('entries/2014/a/')).toContain(NOTICE);
    expect(await page('rss.xml')).toBe(feed);

    await writeFile(join(dir, 'entries/2014/b.md'), entryText(entry({ title: 'B', url: 'https://news.example.com/b', date: '2014-05-02' })));
    await writeFile(join(dir, 'entries/2014/a.md'), entryText(entry({ title: 'A', url: 'https://news.example.com/a', date: '2014-05-01' })));
    await server.rebuild();
    expect(await page('')).not.toContain('role="alert"');
  });
});
