import { DateTime } from 'luxon';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { publish } from '../../../lib/publish/publish.js';
import { MANIFEST_KEY } from '../../../lib/publish/manifest.js';
import type { PutBody, PutOptions, StoredObject } from '../../../lib/store/store.js';
import { MemoryStore } from '../../../lib/store/memoryStore.js';
import { entry, entryText, memoryContent } from '../../support/content.js';

// The collector, asked for: whether the content's listing is still reachable is the very thing to tell.
setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;

const NOW = DateTime.fromISO('2014-06-01T00:00:00Z');

describe("a publish, once the settled record's inputs are taken", () => {
  it("holds the content's listing (an object for every entry file) through none of its writes", async () => {
    const content = memoryContent({ entries: { '2014/a.md': entryText(entry({ title: 'A', date: '2014-05-08' })), '2014/b.md': entryText(entry({ title: 'B', url: 'https://news.example.com/b', date: '2014-05-09' })) } });
    // The listing of the entries, as the scan got it.
    let listing: WeakRef<StoredObject[]> | undefined;
    const list = content.list.bind(content);
    content.list = async (prefix: string) => {
      const objects = await list(prefix);
      if (prefix === 'entries/') listing = new WeakRef(objects);
      return objects;
    };
    const reachable: [string, boolean][] = [];
    class Watching extends MemoryStore {
      override async put(key: string, body: PutBody, options: PutOptions): Promise<string> {
        // A turn of the event loop first: a WeakRef's target is kept until the job that made or read it ends.
        await new Promise((resolve) => setImmediate(resolve));
        collect();
        reachable.push([key, listing?.deref() !== undefined]);
        return super.put(key, body, options);
      }
    }
    const output = new Watching();
    const result = await publish({ content, output, now: NOW, websub: false });

    expect(result.entries.published).toBe(2);
    expect(reachable.map(([key]) => key)).toContain(MANIFEST_KEY);
    expect(reachable.filter(([, alive]) => alive)).toEqual([]);
    // The settled record was written all the same, with the inputs taken from that listing: the same publish again
    // stops at the settled check.
    expect(JSON.parse(output.objects.get(MANIFEST_KEY)!.body.toString('utf8')).settled.inputs).toEqual(expect.any(String));
    expect((await publish({ content, output, now: NOW, websub: false })).settled).toBe(true);
  });
});
