import { createHash } from 'node:crypto';
import { readdir, rm, writeFile } from 'node:fs/promises';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { publish } from '../../../lib/publish/publish.js';
import { LocalStore } from '../../../lib/store/localStore.js';
import { MemoryStore } from '../../../lib/store/memoryStore.js';
import type { Store } from '../../../lib/store/store.js';
import { entry, entryText, memoryContent } from '../../support/content.js';
import { FaultyStore } from '../../support/faultyStore.js';

// A file in the output deleted or overwritten by someone else is put back by the next publish, found by one
// LIST of the output against the manifest's records; with nothing drifted, a publish stays settled and writes nothing.

const NOW = DateTime.fromISO('2014-06-10T12:00', { zone: 'Asia/Seoul' });
const ENTRIES = {
  '2014/a.md': entryText(entry({ title: 'Rail link opens', url: 'https://news.example.com/a', date: '2014-05-08', tags: ['trade'] })),
  '2014/b.md': entryText(entry({ title: 'Exports rise', url: 'https://news.example.com/b', date: '2014-05-09', tags: ['energy'] })),
};

async function servedHashes(store: Store): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const { key } of await store.list('')) {
    if (!key.startsWith('_broadsheet/')) out[key] = createHash('sha256').update((await store.get(key))!).digest('hex');
  }
  return out;
}

const stores: [string, () => Promise<Store>][] = [
  ['in memory (versions are content hashes, as S3 ETags)', async () => new MemoryStore()],
  ['in a local folder (versions are size, mtime and inode)', async () => new LocalStore(await mkdtemp(join(tmpdir(), 'broadsheet-drift-')))],
];

describe('drift repair', () => {
  for (const [name, make] of stores) {
    it(`puts back a file deleted and one overwritten by someone else, ${name}`, async () => {
      const content = memoryContent({ entries: ENTRIES });
      const output = await make();
      await publish({ content, output, now: NOW, websub: false });
      const expected = await servedHashes(output);
      expect(expected['rss.xml']).toBeDefined();

      const quiet = await publish({ content, output, now: NOW, websub: false });
      expect(quiet.settled).toBe(true);
      expect(quiet.repaired).toEqual([]);

      await output.delete('tags/energy/rss.xml');
      // Same size, other bytes: only the version tells.
      const original = (await output.get('atom.xml'))!;
      await output.put('atom.xml', Buffer.from(original.toString('utf8').replace('Rail link opens', 'Rail link OPENS')), { contentType: 'text/plain' });
      const puts = output.requests.put;
      const repair = await publish({ content, output, now: NOW, websub: false });
      expect(repair.settled).toBe(false);
      expect(repair.repaired.sort()).toEqual(['atom.xml', 'tags/energy/rss.xml']);
      expect(await servedHashes(output)).toEqual(expected);
      // The two files, the intent and the manifest.
      expect(output.requests.put - puts).toBe(4);

      const after = output.requests.put + output.requests.delete;
      const again = await publish({ content, output, now: NOW, websub: false });
      expect(again.settled).toBe(true);
      expect(output.requests.put + output.requests.delete).toBe(after);
    });
  }

  for (const [name, make] of stores) {
    it(`records a file someone else overwrote while the publish wrote others as drifted, ${name}`, async () => {
      const content = memoryContent({ entries: ENTRIES });
      const output = await make();
      await publish({ content, output, now: NOW, websub: false });
      const expected = await servedHashes(output);

      // A new trade entry rewrites the site's and the trade tag's files; the energy tag's feed is not among them.
      content.objects.set('entries/2014/c.md', { body: Buffer.from(entryText(entry({ title: 'Port expands', url: 'https://news.example.com/c', date: '2014-05-10', tags: ['trade'] }))), contentType: 'text/markdown' });
      const put = output.put.bind(output);
      let overwritten = false;
      output.put = async (key, body, options) => {
        const version = await put(key, body, options);
        if (key === 'rss.xml' && !overwritten) {
          overwritten = true;
          await put('tags/energy/rss.xml', '<rss version="2.0"><channel/></rss>', { contentType: 'application/rss+xml' });
        }
        return version;
      };
      const edit = await publish({ content, output, now: NOW, websub: false });
      expect(overwritten).toBe(true);
      expect(edit.changes.find((change) => change.key === 'tags/energy/rss.xml')?.status).toBe('unchanged');
      output.put = put;

      // The manifest keeps the version the listing before the writes found, so the next publish puts it back.
      const next = await publish({ content, output, now: NOW, websub: false });
      expect(next.repaired).toEqual(['tags/energy/rss.xml']);
      expect((await servedHashes(output))['tags/energy/rss.xml']).toBe(expected['tags/energy/rss.xml']);
    });
  }

  for (const [name, make] of stores) {
    it(`does not take the files a publish that died had begun for someone else's changes, ${name}`, async () => {
      const content = memoryContent({ entries: ENTRIES });
      const output = await make();
      await publish({ content, output, now: NOW, websub: false });
      const energyFeed = (await servedHashes(output))['tags/energy/rss.xml'];

      // A new trade entry: the site's and the trade tag's files change, the energy tag's do not. The run dies after
      // its intent and two files.
      content.objects.set('entries/2014/c.md', { body: Buffer.from(entryText(entry({ title: 'Port expands', url: 'https://news.example.com/c', date: '2014-05-10', tags: ['trade'] }))), contentType: 'text/markdown' });
      const dying = publish({ content, output: new FaultyStore(output, 3), now: NOW, websub: false });
      await expect(dying).rejects.toThrow(/injected failure/);
      // Someone else overwrites a file the dead run was not writing.
      await output.put('tags/energy/rss.xml', '<rss version="2.0"><channel/></rss>', { contentType: 'application/rss+xml' });

      const next = await publish({ content, output, now: NOW, websub: false });
      expect(next.repaired).toEqual(['tags/energy/rss.xml']);
      const scratch = new MemoryStore();
      await publish({ content, output: scratch, now: NOW, websub: false });
      expect(await servedHashes(output)).toEqual(await servedHashes(scratch));
      expect((await servedHashes(output))['tags/energy/rss.xml']).toBe(energyFeed);
    });
  }

  it('leaves alone files it never published', async () => {
    const content = memoryContent({ entries: ENTRIES });
    const output = new MemoryStore();
    await publish({ content, output, now: NOW, websub: false });
    await output.put('robots.txt', 'User-agent: *\n', { contentType: 'text/plain' });
    const again = await publish({ content, output, now: NOW, websub: false });
    expect(again.settled).toBe(true);
    expect(output.text('robots.txt')).toBe('User-agent: *\n');
  });
});

describe('a local publish killed midway', () => {
  it('leaves temporary files that the next publish holding the lock removes', async () => {
    const root = await mkdtemp(join(tmpdir(), 'broadsheet-leftovers-'));
    const output = new LocalStore(root);
    const content = memoryContent({ entries: ENTRIES });
    const lock = { owner: 'test', clock: () => Date.parse('2026-01-01T00:00:00Z') };
    await publish({ content, output, now: NOW, websub: false, lock });
    // What a write killed between writing its bytes and the rename leaves (LocalStore.put's naming).
    await writeFile(join(root, 'rss.xml.0123456789ab.tmp'), '<rss');
    await writeFile(join(root, 'tags', 'trade', 'atom.xml.ba9876543210.tmp'), '<feed');
    await writeFile(join(root, 'notes.tmp'), 'the editor’s own file');
    content.objects.set('entries/2014/c.md', { body: Buffer.from(entryText(entry({ title: 'Port expands', url: 'https://news.example.com/c', date: '2014-05-10', tags: ['trade'] }))), contentType: 'text/markdown' });
    await publish({ content, output, now: NOW, websub: false, lock });
    const left = (await readdir(root, { recursive: true })).filter((path) => path.endsWith('.tmp'));
    expect(left).toEqual(['notes.tmp']);
    await rm(root, { recursive: true });
  });
});
