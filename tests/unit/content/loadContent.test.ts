import { describe, expect, it } from 'vitest';
import { scanContent } from '../../../lib/content/contentScan.js';
import { loadContent } from '../../../lib/content/loadContent.js';
import { entry, entryText, memoryContent, SITE } from '../../support/content.js';

describe('loadContent without retaining entries (check)', () => {
  const files = {
    '2014/a.md': entryText(entry({ id: 'same', url: 'https://x.example/a' })),
    '2014/b.md': entryText(entry({ id: 'same', url: 'https://x.example/b' })),
    '2014/c.md': entryText(entry({ url: 'https://x.example/c' })),
    '2014/bad.md': entryText(entry({ url: 'not a url' })),
    '2014/odd.md': entryText(entry({ url: 'https://x.example/d', colour: 'blue' })),
  };

  it('reports the same problems and warnings as a full load, and keeps no entry', async () => {
    const full = await loadContent(await scanContent(memoryContent({ site: SITE, entries: files })));
    const light = await loadContent(await scanContent(memoryContent({ site: SITE, entries: files })), { retainEntries: false });
    expect(light.entries).toEqual([]);
    expect(light.problems).toEqual(full.problems);
    expect(light.warnings).toEqual(full.warnings);
    expect(light.invalidKeys).toEqual(full.invalidKeys);
    expect(light.keys).toEqual(full.keys);
  });

  it('still finds two files claiming one id, and names each other', async () => {
    const light = await loadContent(await scanContent(memoryContent({ site: SITE, entries: files })), { retainEntries: false });
    const duplicates = light.problems.filter((problem) => problem.field === 'id');
    expect(duplicates.map((problem) => [problem.file, problem.message])).toEqual([
      ['entries/2014/a.md', 'the id "same" is also used by entries/2014/b.md'],
      ['entries/2014/b.md', 'the id "same" is also used by entries/2014/a.md'],
    ]);
    expect(light.problems.some((problem) => problem.file === 'entries/2014/bad.md' && problem.field === 'url')).toBe(true);
  });
});
