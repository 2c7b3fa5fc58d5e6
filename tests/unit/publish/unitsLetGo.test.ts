import { DateTime } from 'luxon';
import { createHash } from 'node:crypto';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { artifact, type ArtifactBuilder } from '../../../lib/plan/artifact.js';
import { publish } from '../../../lib/publish/publish.js';
import { MANIFEST_KEY } from '../../../lib/publish/manifest.js';
import type { PutBody, PutOptions } from '../../../lib/store/store.js';
import { MemoryStore } from '../../../lib/store/memoryStore.js';
import { entry, entryText, memoryContent } from '../../support/content.js';

// The collector, asked for: whether what a unit's build holds is still reachable is the very thing to tell.
setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;

const NOW = DateTime.fromISO('2014-06-01T00:00:00Z');

describe('a publish, once its units are built', () => {
  it("holds none of their builds, nor what a build holds (a large site's digest models), through its writes", async () => {
    // What a builder makes for its units and keeps in their builds (as the digest's builder keeps its weeks' models).
    let made: WeakRef<object> | undefined;
    const builder: ArtifactBuilder = {
      entriesNeeded: () => [],
      build: () => [],
      units: () => {
        const model = { text: 'made for the unit' };
        made = new WeakRef(model);
        return [{ id: 'test:one', fingerprint: 'one', keys: ['one.txt'], entriesNeeded: [], summariesNeeded: [], build: () => [artifact('one.txt', model.text)] }];
      },
    };
    // At each write (the intent, the file, the entry index, the manifest): whether the model is still reachable.
    const reachable: [string, boolean][] = [];
    class Watching extends MemoryStore {
      override async put(key: string, body: PutBody, options: PutOptions): Promise<string> {
        // A turn of the event loop first: a WeakRef's target is kept until the job that made or read it ends.
        await new Promise((resolve) => setImmediate(resolve));
        collect();
        reachable.push([key, made?.deref() !== undefined]);
        return super.put(key, body, options);
      }
    }
    const output = new Watching();
    const content = memoryContent({ entries: { '2014/a.md': entryText(entry({ title: 'A', date: '2014-05-08' })) } });
    const result = await publish({ content, output, now: NOW, builders: [builder], websub: false });

    expect(output.objects.get('one.txt')?.body.toString('utf8')).toBe('made for the unit');
    expect(result.counts).toEqual({ new: 1, changed: 0, unchanged: 0, deleted: 0 });
    // The unit's record is in the manifest all the same.
    const hash = createHash('sha256').update('made for the unit').digest('hex');
    expect(JSON.parse(output.objects.get(MANIFEST_KEY)!.body.toString('utf8')).units).toEqual({ 'test:one': { fingerprint: 'one', files: { 'one.txt': hash } } });
    expect(reachable.map(([key]) => key)).toContain('one.txt');
    expect(reachable.filter(([, alive]) => alive)).toEqual([]);
  });
});
