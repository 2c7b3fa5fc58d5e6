import { rename } from 'node:fs/promises';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { afterEach, describe, expect, it } from 'vitest';
import { isStateKey, PreviewServer, type BuildReport } from '../../../cli/previewServer.js';
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

// What the preview never serves, whatever case the request spells it in: on a disk that ignores case, another
// spelling opens the same files.
describe('isStateKey', () => {
  it('is the state folder and everything in it, in any case', () => {
    for (const key of ['_broadsheet', '_broadsheet/index.json', '_BROADSHEET/index.json', '_Broadsheet/manifest.json', '_bROADSHEET']) expect(isStateKey(key), key).toBe(true);
  });
  it('is nothing else', () => {
    for (const key of ['index.html', '_broadsheetx/a.html', 'tags/_broadsheet/index.html', 'broadsheet/index.html']) expect(isStateKey(key), key).toBe(false);
  });
});
