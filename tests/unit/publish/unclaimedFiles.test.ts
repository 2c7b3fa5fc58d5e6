import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { feedArtifacts } from '../../../lib/feeds/feedArtifacts.js';
import { pageArtifacts } from '../../../lib/pages/pageArtifacts.js';
import { publish } from '../../../lib/publish/publish.js';
import { OtherSiteError } from '../../../lib/shared/errors.js';
import { RUNS_PREFIX } from '../../../lib/publish/runRecord.js';
import { MemoryStore } from '../../../lib/store/memoryStore.js';
import { entry, entryText, memoryContent } from '../../support/content.js';

// An output no publish wrote to, holding the editor's own files where a publish writes its own: `--out .` typed in a
// folder with an index.html of the editor's. Overwritten, it was lost, and counted as new.
const NOW = DateTime.fromISO('2014-06-01T00:00:00Z');
const content = () => memoryContent({ entries: { '2014/a.md': entryText(entry({ title: 'A', url: 'https://news.example.com/a', date: '2014-05-08' })) } });
const run = (output: MemoryStore) => publish({ content: content(), output, now: NOW, builders: [feedArtifacts, pageArtifacts] });
const put = (store: MemoryStore, key: string, text: string) => store.objects.set(key, { body: Buffer.from(text), contentType: 'text/html' });

describe('a first publish into an output holding files no publish wrote', () => {
  it('is refused, naming the files it would overwrite, and writes nothing', async () => {
    const output = new MemoryStore();
    put(output, 'index.html', 'my own page');
    put(output, 'notes.txt', 'my notes');
    const error = await run(output).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(OtherSiteError);
    const where = output.description;
    expect((error as Error).message).toBe(`${where} holds 1 file that no publish wrote and this one would overwrite (index.html): publish to an empty folder (--out NEW), or move it out of ${where} first (or overwrite it: broadsheet publish --replace-unclaimed)`);
    expect([...output.objects.keys()].sort()).toEqual(['index.html', 'notes.txt']);
    expect(output.objects.get('index.html')!.body.toString()).toBe('my own page');
  });

  it('is refused again after a refused run recorded itself: a run record is no publish', async () => {
    const output = new MemoryStore();
    put(output, 'index.html', 'my own page');
    // What the publish function's refused run leaves (functions/recordRun.ts writes into the site bucket).
    output.objects.set(`${RUNS_PREFIX}8598261599999-run-1.json`, { body: Buffer.from('{}'), contentType: 'application/json' });
    await expect(run(output)).rejects.toBeInstanceOf(OtherSiteError);
    expect(output.objects.get('index.html')!.body.toString()).toBe('my own page');
  });

  it('goes ahead beside files at keys it does not write, and over its own once published', async () => {
    const output = new MemoryStore();
    put(output, 'notes.txt', 'my notes');
    await run(output);
    expect(output.objects.get('notes.txt')!.body.toString()).toBe('my notes');
    expect(output.objects.has('index.html')).toBe(true);
    await run(output);
  });
});
