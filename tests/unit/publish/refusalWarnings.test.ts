import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { feedArtifacts } from '../../../lib/feeds/feedArtifacts.js';
import { entryPageArtifacts } from '../../../lib/pages/entryPageArtifacts.js';
import { publish } from '../../../lib/publish/publish.js';
import { IdChangeError } from '../../../lib/shared/errors.js';
import { MemoryStore } from '../../../lib/store/memoryStore.js';
import { entry, entryText, memoryContent, SITE } from '../../support/content.js';

// A refused publish is the editor's only report of that run: it lists the content's warnings as check --out does,
// so one fixed problem does not let through a change the refusal never mentioned.
const NOW = DateTime.fromISO('2014-06-01T00:00:00Z');
const a = { title: 'A', url: 'https://news.example.com/a', date: '2014-05-08' };
const b = { title: 'B', url: 'https://news.example.com/b', date: '2014-05-09' };

async function refusal(first: Parameters<typeof memoryContent>[0], second: Parameters<typeof memoryContent>[0]): Promise<IdChangeError> {
  const output = new MemoryStore();
  await publish({ content: memoryContent(first), output, now: NOW, builders: [feedArtifacts, entryPageArtifacts] });
  const error = await publish({ content: memoryContent(second), output, now: NOW, builders: [feedArtifacts, entryPageArtifacts] }).catch((thrown: unknown) => thrown);
  expect(error).toBeInstanceOf(IdChangeError);
  return error as IdChangeError;
}

describe('a publish refused for an id change', () => {
  it('warns of another entry that looks renamed with its url changed', async () => {
    const before = { entries: { '2014/a.md': entryText(entry(a)), '2014/b.md': entryText(entry(b)) } };
    // a.md renamed (same url: refused); b.md renamed with its url changed (same date and source: a warning).
    const after = { entries: { '2014/a-renamed.md': entryText(entry(a)), '2014/b-renamed.md': entryText(entry({ ...b, url: 'https://news.example.com/b2' })) } };
    const error = await refusal(before, after);
    expect(error.problems).toMatchObject([{ file: 'entries/2014/a-renamed.md', field: 'id' }]);
    expect(error.warnings).toMatchObject([{ file: 'entries/2014/b-renamed.md', field: 'id', message: expect.stringMatching(/^may be entries\/2014\/b\.md renamed with its url changed/) }]);
  });

  it("moved to another host (every id), keeps the content's warnings", async () => {
    const after = { site: { ...SITE, url: 'https://news.example.net/' }, entries: { '2014/a.md': entryText(entry({ ...a, layout: 'post' })) } };
    const error = await refusal({ entries: { '2014/a.md': entryText(entry(a)) } }, after);
    expect(error.problems).toMatchObject([{ file: 'site.yml', field: 'url' }]);
    expect(error.warnings).toMatchObject([{ file: 'entries/2014/a.md', field: 'layout' }]);
  });
});
