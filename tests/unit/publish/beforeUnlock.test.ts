import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { feedArtifacts } from '../../../lib/feeds/feedArtifacts.js';
import { publish, type PublishOptions } from '../../../lib/publish/publish.js';
import { LOCK_KEY } from '../../../lib/publish/publishLock.js';
import { publishDigestWeek } from '../../../lib/publish/publishDigestWeek.js';
import { StoreError } from '../../../lib/shared/errors.js';
import type { PutBody, PutOptions } from '../../../lib/store/store.js';
import { MemoryStore } from '../../../lib/store/memoryStore.js';
import { entry, entryText, memoryContent } from '../../support/content.js';

// The run's record is written before the lock's release: a publish killed at any moment leaves its lock (status
// says UNFINISHED) or its record, never neither.
const NOW = DateTime.fromISO('2014-06-01T00:00:00Z');
const content = () => memoryContent({ entries: { '2014/a.md': entryText(entry({ title: 'A', date: '2014-05-08' })) } });
const lock = { owner: 'test publisher', clock: () => NOW.toMillis() };

/** How the publish told its writes ended, and what the output held then (its keys and their bodies). */
async function toldWith(output: MemoryStore): Promise<{ ended: Parameters<NonNullable<PublishOptions['beforeUnlock']>>[0]; held: Map<string, string> }[]> {
  const told: Awaited<ReturnType<typeof toldWith>> = [];
  const beforeUnlock: PublishOptions['beforeUnlock'] = async (ended) => {
    told.push({ ended, held: snapshot(output) });
  };
  await publish({ content: content(), output, now: NOW, builders: [feedArtifacts], websub: false, lock, beforeUnlock }).catch(() => undefined);
  return told;
}

const snapshot = (store: MemoryStore) => new Map([...store.objects].map(([key, object]) => [key, object.body.toString('utf8')]));

describe('a publish that took the lock', () => {
  it('tells what it wrote once every write is made, the lock still held and released after, with nothing else written', async () => {
    const output = new MemoryStore();
    const told = await toldWith(output);
    // The site feeds (3), feed.xsl, feed.css and the tag's feeds (3).
    expect(told).toMatchObject([{ ended: { written: { counts: { new: 8, changed: 0, unchanged: 0, deleted: 0 } } } }]);
    const after = snapshot(output);
    expect(after.has(LOCK_KEY)).toBe(false);
    expect(told[0]!.held).toEqual(new Map([...after, [LOCK_KEY, told[0]!.held.get(LOCK_KEY)!]]));
  });

  it('tells the error that stopped its writes, the lock still held', async () => {
    class FailingFeedStore extends MemoryStore {
      override async put(key: string, body: PutBody, options: PutOptions): Promise<string> {
        if (key === 'rss.xml') throw new StoreError('cannot write rss.xml');
        return super.put(key, body, options);
      }
    }
    const output = new FailingFeedStore();
    const told = await toldWith(output);
    expect(told).toMatchObject([{ ended: { error: expect.any(StoreError) } }]);
    expect(told[0]!.held.has(LOCK_KEY)).toBe(true);
    expect(output.objects.has(LOCK_KEY)).toBe(false);
  });
});

describe('a digest week’s publish (broadsheet digest, the publish function’s digest request)', () => {
  it('tells what it wrote with the lock still held, as a publish does', async () => {
    const output = new MemoryStore();
    const held: boolean[] = [];
    await publishDigestWeek({ content: content(), output, now: NOW, builders: [feedArtifacts], lock, beforeUnlock: async () => void held.push(output.objects.has(LOCK_KEY)) });
    expect(held).toEqual([true]);
    expect(output.objects.has(LOCK_KEY)).toBe(false);
  });
});
