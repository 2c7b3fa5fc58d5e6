import { createHash } from 'node:crypto';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { publish } from '../../../lib/publish/publish.js';
import { MemoryStore } from '../../../lib/store/memoryStore.js';
import { entry, entryText, memoryContent } from '../../support/content.js';
import { FaultyStore } from '../../support/faultyStore.js';
import { copyOf } from '../../support/copyOf.js';

// A publish that dies after any of its writes, followed by any change to the content, must end in exactly what
// a publish from scratch of the new content makes: the records the dead run left must never outrank the store.

const NOW = DateTime.fromISO('2014-06-10T12:00', { zone: 'Asia/Seoul' });

const e1 = (title: string) => entryText(entry({ title, url: 'https://news.example.com/1', date: '2014-05-08', tags: ['trade'] }), 'First.\n');
const e2 = entryText(entry({ title: 'Second', url: 'https://news.example.com/2', date: '2014-05-09', tags: ['gone'] }), 'Second.\n');
const d = (title: string, draft: boolean) =>
  entryText(entry({ title, url: 'https://news.example.com/d', date: '2014-05-10', tags: ['fresh'], ...(draft ? { draft: true } : {}) }), 'Draft body.\n');

/** Published: e1 and e2; d is a draft. */
const V1 = { '2014/e1.md': e1('First'), '2014/e2.md': e2, '2014/d.md': d('Draft', true) };
/** d un-drafted, e1 edited, e2 deleted: new, changed and deleted files. */
const V2 = { '2014/e1.md': e1('First, corrected'), '2014/d.md': d('Draft', false) };
const AFTER: Record<string, Record<string, string>> = {
  'reverted (d a draft again, e1 and e2 as before)': V1,
  'edited (d retitled)': { ...V2, '2014/d.md': d('Retitled', false) },
  'deleted (d removed)': { '2014/e1.md': V2['2014/e1.md'] },
};

/** What readers get: every served file's Content-Type and bytes (hashed, to keep a failure's diff short). */
function served(output: MemoryStore): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, object] of [...output.objects].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (!key.startsWith('_broadsheet/')) out[key] = `${object.contentType} ${createHash('sha256').update(object.body).digest('hex')}`;
  }
  return out;
}

async function scratch(entries: Record<string, string>): Promise<Record<string, string>> {
  const output = new MemoryStore();
  await publish({ content: memoryContent({ entries }), output, now: NOW, websub: false });
  return served(output);
}

let v1: MemoryStore | undefined;
/** V1 published from scratch (made once: the same content and now make the same output). */
async function publishedV1(): Promise<MemoryStore> {
  if (!v1) {
    v1 = new MemoryStore();
    await publish({ content: memoryContent({ entries: V1 }), output: v1, now: NOW, websub: false });
  }
  return copyOf(v1);
}

const killed = new Map<number, MemoryStore>();
/** The output a V1 → V2 publish killed after its k-th write leaves (made once for every change that follows it). */
async function killedAfter(k: number): Promise<MemoryStore> {
  let output = killed.get(k);
  if (!output) {
    output = await publishedV1();
    await expect(publish({ content: memoryContent({ entries: V2 }), output: new FaultyStore(output, k), now: NOW, websub: false }), `k=${k}`).rejects.toThrow(/injected failure/);
    killed.set(k, output);
  }
  return copyOf(output);
}

/** Writes of a clean V1 → V2 publish. */
async function writesOfV2(): Promise<number> {
  const counting = new FaultyStore(await publishedV1());
  await publish({ content: memoryContent({ entries: V2 }), output: counting, now: NOW, websub: false });
  return counting.writes;
}

describe('a publish killed after its k-th write, then the content changed', () => {
  for (const [change, entries] of Object.entries(AFTER)) {
    it(`converges to a publish from scratch for every k: ${change}`, async () => {
      const expected = await scratch(entries);
      const total = await writesOfV2();
      expect(total).toBeGreaterThan(5);
      for (let k = 0; k < total; k++) {
        const output = await killedAfter(k);
        const content = memoryContent({ entries });
        await publish({ content, output, now: NOW, websub: false });
        expect(served(output), `killed after write ${k}, then ${change}`).toEqual(expected);
        // Clean now: the next run stops early and writes nothing.
        const { put, delete: deletes } = output.requests;
        const again = await publish({ content, output, now: NOW, websub: false });
        expect(again.settled, `k=${k}`).toBe(true);
        expect(output.requests.put - put + output.requests.delete - deletes, `k=${k}`).toBe(0);
      }
    });
  }
});
