import { rename } from 'node:fs/promises';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { afterEach, describe, expect, it } from 'vitest';
import { PreviewServer, type BuildReport } from '../../../cli/previewServer.js';
import { contentFolder, entry, entryText, SITE } from '../../support/content.js';

let server: PreviewServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('PreviewServer', () => {
  it('builds a file renamed since the previous build under its new id, and reports the rename, since the previous build is no published site', async () => {
    const dir = await contentFolder({ site: SITE, entries: { '2014/b.md': entryText(entry({ title: 'B', url: 'https://news.example.com/b', date: '2014-05-01' })) } });
    const builds: BuildReport[] = [];
    server = new PreviewServer({ contentDir: dir, port: 0, now: () => DateTime.fromISO('2014-06-01T00:00:00+09:00'), onBuild: (build) => builds.push(build), debounceMs: 60_000 });
    await server.start();
    await rename(join(dir, 'entries', '2014', 'b.md'), join(dir, 'entries', '2014', 'b-renamed.md'));
    await server.rebuild();
    const last = builds.at(-1)!;
    expect(last.ok ? last.result.idChanges : last.problems).toEqual([{ url: 'https://news.example.com/b', oldKey: 'entries/2014/b.md', oldId: '2014/b', newKey: 'entries/2014/b-renamed.md', newId: '2014/b-renamed' }]);
    expect((await fetch(`${server.url}entries/2014/b-renamed/`)).status).toBe(200);
  });
});
