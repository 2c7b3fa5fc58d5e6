import { createHash } from 'node:crypto';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { publish } from '../../../lib/publish/publish.js';
import { MANIFEST_KEY, type Manifest } from '../../../lib/publish/manifest.js';
import { MemoryStore } from '../../../lib/store/memoryStore.js';
import { entry, entryText, memoryContent } from '../../support/content.js';

// PublishOptions.recordsOf: the records of the files asked for, as the output holds them after the publish, so that
// the digest's caller checks its archived week without downloading the whole manifest.

const NOW = DateTime.fromISO('2014-05-12T00:00:00Z');
const ASKED = ['index.html', 'rss.xml', 'no/such/file.html'];
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

function content(title: string): MemoryStore {
  return memoryContent({ entries: { '2014/a.md': entryText(entry({ title, url: 'https://news.example.com/a', date: '2014-05-01' })) } });
}

/** The sha256 of each asked file the output holds, from its bytes. */
function heldHashes(output: MemoryStore): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of ASKED) {
    const object = output.objects.get(key);
    if (object) out[key] = sha256(object.body);
  }
  return out;
}

const hashesOf = (records: Manifest) => Object.fromEntries(Object.entries(records).map(([key, record]) => [key, record.sha256]));

describe('publish: the records of the files asked for', () => {
  it('gives each asked file the output holds, with the hash of its bytes, and none for a file it lacks', async () => {
    const output = new MemoryStore();
    const result = await publish({ content: content('First'), output, now: NOW, websub: false, recordsOf: ASKED });
    expect(Object.keys(result.records).sort()).toEqual(['index.html', 'rss.xml']);
    expect(hashesOf(result.records)).toEqual(heldHashes(output));
    const stored = (JSON.parse(output.text(MANIFEST_KEY)!) as { objects: Manifest }).objects;
    expect(result.records['rss.xml']).toMatchObject({ sha256: stored['rss.xml']!.sha256, size: stored['rss.xml']!.size, contentType: stored['rss.xml']!.contentType });
  });

  it('gives the same from a settled publish, which reads no file', async () => {
    const output = new MemoryStore();
    const from = content('First');
    await publish({ content: from, output, now: NOW, websub: false });
    const settled = await publish({ content: from, output, now: NOW, websub: false, recordsOf: ASKED });
    expect(settled.settled).toBe(true);
    expect(hashesOf(settled.records)).toEqual(heldHashes(output));
  });

  it('gives the output as it stays after a dry run, not the files it would write', async () => {
    const output = new MemoryStore();
    await publish({ content: content('First'), output, now: NOW, websub: false });
    const before = heldHashes(output);
    const dry = await publish({ content: content('Second'), output, now: NOW, websub: false, dryRun: true, recordsOf: ASKED });
    expect(dry.changes.some((change) => change.key === 'rss.xml' && change.status === 'changed')).toBe(true);
    expect(hashesOf(dry.records)).toEqual(before);
  });

  it('gives none when none is asked for', async () => {
    expect((await publish({ content: content('First'), output: new MemoryStore(), now: NOW, websub: false })).records).toEqual({});
  });
});
