import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { entryPageArtifacts } from '../../../lib/pages/entryPageArtifacts.js';
import { monthPageArtifacts } from '../../../lib/pages/monthPageArtifacts.js';
import { pageArtifacts } from '../../../lib/pages/pageArtifacts.js';
import { publish } from '../../../lib/publish/publish.js';
import { MemoryStore } from '../../../lib/store/memoryStore.js';
import { entry, entryText, memoryContent, SITE, type ContentSpec } from '../../support/content.js';

const NOW = DateTime.fromISO('2014-06-01T00:00:00+09:00');

const spec: ContentSpec = {
  site: SITE,
  entries: {
    '2014/a.md': entryText(entry({ title: 'Alpha', url: 'https://news.example.com/alpha', date: '2014-05-01', tags: ['R&D <lab>', 'China'] })),
    '2014/b.md': entryText(entry({ title: 'Bravo', url: 'https://news.example.com/bravo', date: '2014-05-02', tags: ['R&D <lab>'] })),
  },
};

async function build(content: ContentSpec): Promise<MemoryStore> {
  const output = new MemoryStore();
  await publish({ content: memoryContent(content), output, now: NOW, builders: [pageArtifacts, entryPageArtifacts, monthPageArtifacts] });
  return output;
}

// WAI-ARIA 1.2, aria-current: "page" marks the link to the page the reader is on.
describe('a tag page’s links to itself', () => {
  /** Each entry-list tag link: its href and whether it says it is the current page. */
  const tagLinks = (html: string) => [...html.matchAll(/<li><a href="([^"]*)"( aria-current="page")?><bdi>#/g)].map((m) => [m[1]!, m[2] !== undefined]);

  it('marks each entry’s link to the tag page it is listed on as the current page, and no other link', async () => {
    const out = await build(spec);
    // Bravo, then Alpha (newest first): Alpha's tags in its order, R&D <lab> then China.
    expect(tagLinks(out.text('tags/r-d-lab/index.html')!)).toEqual([['../../tags/r-d-lab/', true], ['../../tags/r-d-lab/', true], ['../../tags/china/', false]]);
    expect(tagLinks(out.text('tags/china/index.html')!)).toEqual([['../../tags/r-d-lab/', false], ['../../tags/china/', true]]);
    for (const key of ['index.html', 'months/2014-05/index.html', 'entries/2014/a/index.html']) expect(out.text(key), key).not.toContain('aria-current');
  });
});
