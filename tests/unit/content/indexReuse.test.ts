import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { INDEX_KEY } from '../../../lib/content/entryIndex.js';
import { scanContent } from '../../../lib/content/contentScan.js';
import { loadContent } from '../../../lib/content/loadContent.js';
import { MemoryStore } from '../../../lib/store/memoryStore.js';
import { publish } from '../../../lib/publish/publish.js';
import { entry, entryText, memoryContent } from '../../support/content.js';

// An unchanged publish reuses the loaded index bytes instead of serialising tens of MB again; that shortcut must
// give exactly what a full serialisation would, and must not be taken once anything differs.
const NOW = DateTime.fromISO('2014-06-01T00:00:00+09:00', { setZone: true });

function site() {
  return memoryContent({
    entries: {
      '2014/a.md': entryText(entry({ title: 'A', date: '2014-05-01' }), 'First paragraph of A.\n\nMore.\n'),
      '2014/b.md': entryText(entry({ title: 'B', date: '2014-05-02', summary: 'B in short.' })),
      '2014/c.md': entryText(entry({ title: 'C', date: '2014-05-03', tags: ['energy'] }), 'C body.\n'),
    },
  });
}

const text = (chunks: readonly Buffer[]) => Buffer.concat(chunks).toString('utf8');

async function loadedAfterPublish() {
  const content = site();
  const output = new MemoryStore();
  await publish({ content, output, now: NOW, websub: false });
  const stored = output.text(INDEX_KEY)!;
  const loaded = await loadContent(await scanContent(content), { cacheStore: output });
  const renderedKeys = new Set([...loaded.index.records].filter(([, record]) => record.rendered).map(([key]) => key));
  return { content, output, stored, loaded, renderedKeys };
}

describe('reusing the loaded entry index', () => {
  it('gives the text a full serialisation gives when nothing changed', async () => {
    const { stored, loaded, renderedKeys } = await loadedAfterPublish();
    expect(renderedKeys.size).toBeGreaterThan(0);
    const reused = loaded.index.serialize(loaded.keys, renderedKeys);
    expect(text(reused)).toBe(stored);
    expect(loaded.index.changedFromLoaded(reused)).toBe(false);
    loaded.index.markChanged();
    const afresh = loaded.index.serialize(loaded.keys, renderedKeys);
    expect(afresh).not.toBe(reused);
    expect(text(afresh)).toBe(stored);
    expect(loaded.index.changedFromLoaded(afresh)).toBe(false);
  });

  it('serialises afresh when a file is gone or a body is no longer kept', async () => {
    const { stored, loaded, renderedKeys } = await loadedAfterPublish();
    const fewer = loaded.keys.filter((key) => key !== 'entries/2014/c.md');
    const withoutC = text(loaded.index.serialize(fewer, renderedKeys));
    expect(withoutC).not.toBe(stored);
    expect(Object.keys((JSON.parse(withoutC) as { records: object }).records)).toEqual(['entries/2014/a.md', 'entries/2014/b.md']);
    const [dropped] = renderedKeys;
    const lessRendered = text(loaded.index.serialize(loaded.keys, new Set([...renderedKeys].filter((key) => key !== dropped))));
    expect((JSON.parse(lessRendered) as { records: Record<string, { rendered?: unknown }> }).records[dropped!]!.rendered).toBeUndefined();
  });

  it('serialises afresh after an entry was edited, and a second unchanged publish writes nothing', async () => {
    const { content, output, stored } = await loadedAfterPublish();
    content.objects.set('entries/2014/a.md', { body: Buffer.from(entryText(entry({ title: 'A, edited', date: '2014-05-01' }), 'Edited.\n')), contentType: 'text/markdown' });
    await publish({ content, output, now: NOW, websub: false });
    const after = output.text(INDEX_KEY)!;
    expect(after).not.toBe(stored);
    expect(after).toContain('A, edited');
    const puts = output.requests.put;
    await publish({ content, output, now: NOW, websub: false });
    expect(output.requests.put).toBe(puts);
  });

  it('takes chunks as the loaded bytes however they are split, and as changed when any byte differs or is missing', async () => {
    const { stored, loaded } = await loadedAfterPublish();
    const bytes = Buffer.from(stored, 'utf8');
    const split = (...at: number[]) => [0, ...at].map((from, i) => bytes.subarray(from, [...at, bytes.length][i]));
    expect(loaded.index.changedFromLoaded([bytes])).toBe(false);
    expect(loaded.index.changedFromLoaded(split(1, 10, bytes.length - 1))).toBe(false);
    expect(loaded.index.changedFromLoaded([bytes.subarray(0, -1)])).toBe(true);
    expect(loaded.index.changedFromLoaded([bytes, Buffer.from(' ')])).toBe(true);
    const flipped = Buffer.from(bytes);
    flipped[20] = flipped[20]! ^ 1;
    expect(loaded.index.changedFromLoaded([flipped.subarray(0, 30), flipped.subarray(30)])).toBe(true);
  });
});
