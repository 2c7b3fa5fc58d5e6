import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { readManifest } from '../../../lib/publish/manifest.js';
import { publish as publishAll, type PublishOptions } from '../../../lib/publish/publish.js';
import { MemoryStore } from '../../../lib/store/memoryStore.js';
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
});
