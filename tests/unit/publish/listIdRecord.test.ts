import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { readManifest } from '../../../lib/publish/manifest.js';
import { publish as publishAll, type PublishOptions } from '../../../lib/publish/publish.js';
import { MemoryStore } from '../../../lib/store/memoryStore.js';
import { MANIFEST_KEY } from '../../../lib/publish/manifest.js';
import type { PutBody, PutOptions } from '../../../lib/store/store.js';
import { feedArtifacts } from '../../../lib/feeds/feedArtifacts.js';
import { entry, entryText, memoryContent, SITE } from '../../support/content.js';

const publish = (options: PublishOptions) => publishAll({ builders: [feedArtifacts], ...options });
const NOW = DateTime.fromISO('2014-06-01T00:00:00Z');
const entries = { '2014/a.md': entryText(entry({ title: 'A', date: '2014-05-08' })) };
const digest = { from: 'Watch <digest@watch.example.org>' };

describe('publish records the digest List-Id, and warns when site.yml changes it', () => {
  it('names the List-Id subscribers have had when a move under a path changes it, once', async () => {
    const output = new MemoryStore();
    await publish({ content: memoryContent({ site: { ...SITE, digest }, entries }), output, now: NOW });
    // SITE is at https://watch.example.org/: its list id is digest.watch.example.org.
    expect((await readManifest(output)).listId).toBe('digest.watch.example.org');

    const moved = memoryContent({ site: { ...SITE, url: 'https://news.example.org/watch/', idHost: 'watch.example.org', digest }, entries });
    const first = await publish({ content: moved, output, now: NOW });
    expect(first.warnings.filter((warning) => warning.field === 'digest.listId').map((warning) => warning.fix)).toEqual([
      'write listId: digest.watch.example.org under digest: to keep the List-Id subscribers filter on; a publish records the new one, and says this no more',
    ]);
    expect((await readManifest(output)).listId).toBe('digest-watch.news.example.org');
    const again = await publish({ content: moved, output, now: NOW.plus({ days: 1 }) });
    expect(again.warnings.filter((warning) => warning.field === 'digest.listId')).toEqual([]);
  });

  it('records no digest sent after a first publish stopped past its intent, as that publish would have: a digest turned on under a path is no change', async () => {
    // The first file after the intent fails: the publish stops, leaving its intent as the manifest.
    class StopsAfterIntent extends MemoryStore {
      stopped = false;
      override async put(key: string, body: PutBody, options: PutOptions): Promise<string> {
        if (key !== MANIFEST_KEY && !this.stopped) {
          this.stopped = true;
          throw new Error('stopped');
        }
        return super.put(key, body, options);
      }
    }
    const output = new StopsAfterIntent();
    const content = memoryContent({ entries });
    await expect(publish({ content, output, now: NOW })).rejects.toThrow('stopped');
    await publish({ content, output, now: NOW });
    const scratch = new MemoryStore();
    await publish({ content, output: scratch, now: NOW });
    expect((await readManifest(output)).listId).toBeNull();
    expect(output.objects.get(MANIFEST_KEY)!.body).toEqual(scratch.objects.get(MANIFEST_KEY)!.body);

    const underPath = memoryContent({ site: { ...SITE, url: 'https://news.example.org/watch/', idHost: 'watch.example.org', digest }, entries });
    const on = await publish({ content: underPath, output, now: NOW });
    expect(on.warnings.filter((warning) => warning.field === 'digest.listId')).toEqual([]);
  });
});
