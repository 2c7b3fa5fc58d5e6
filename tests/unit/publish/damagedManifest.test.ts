import { createHash } from 'node:crypto';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { diffManifest, MANIFEST_KEY, readManifest } from '../../../lib/publish/manifest.js';
import { publish } from '../../../lib/publish/publish.js';
import { MemoryStore } from '../../../lib/store/memoryStore.js';
import { entry, entryText, memoryContent } from '../../support/content.js';

// A manifest that is not what a publish writes is trusted in no part: the publish writes every file, rewrites
// the manifest, says so once, and deletes nothing it lists (least of all Broadsheet's own state).

const NOW = DateTime.fromISO('2014-06-10T12:00', { zone: 'Asia/Seoul' });
const ENTRIES = {
  '2014/a.md': entryText(entry({ title: 'Rail link opens', url: 'https://news.example.com/a', date: '2014-05-08', tags: ['trade'] })),
  '2014/b.md': entryText(entry({ title: 'Exports rise', url: 'https://news.example.com/b', date: '2014-05-09', tags: ['energy'] })),
};
const LEDGER_KEY = '_broadsheet/digest-ledger/2014-W23/reader@example.org';

type ManifestData = { format: number; objects: Record<string, unknown>; units?: Record<string, unknown>; settled?: Record<string, unknown> };

const damages: [string, (data: ManifestData) => unknown, RegExp][] = [
  ['a null record', (d) => ({ ...d, objects: { ...d.objects, 'rss.xml': null } }), /"rss\.xml" is not an object/],
  ['a record whose size is a string', (d) => ({ ...d, objects: { ...d.objects, 'atom.xml': { ...(d.objects['atom.xml'] as object), size: '12' } } }), /"atom\.xml" has no size/],
  ['a key outside the safe keys', (d) => ({ ...d, objects: { ...d.objects, '../outside.xml': d.objects['rss.xml'] } }), /unsafe key/],
  ['a record of the send ledger', (d) => ({ ...d, objects: { ...d.objects, [LEDGER_KEY]: d.objects['rss.xml'] } }), /lies under _broadsheet\//],
  ['objects as an array', (d) => ({ ...d, objects: [] }), /"objects" is not an object/],
  ['a unit without its files', (d) => ({ ...d, units: { ...d.units, broken: { fingerprint: 'x' } } }), /unit "broken"/],
  ['a settled record with a string window', (d) => ({ ...d, settled: { ...d.settled, until: 'soon' } }), /"settled"/],
  ['null', () => null, /not a JSON object/],
];

function served(output: MemoryStore): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, object] of output.objects) if (!key.startsWith('_broadsheet/')) out[key] = `${object.contentType} ${createHash('sha256').update(object.body).digest('hex')}`;
  return out;
}

describe('a damaged manifest', () => {
  for (const [name, damage, problem] of damages) {
    it(`with ${name} is taken as absent: every file written, the manifest rewritten, said once`, async () => {
      const content = memoryContent({ entries: ENTRIES });
      const output = new MemoryStore();
      await publish({ content, output, now: NOW, websub: false });
      const expected = served(output);
      const clean = output.text(MANIFEST_KEY)!;
      await output.put(LEDGER_KEY, '{"status":"sent"}', { contentType: 'application/json' });
      // A feed someone changed meanwhile: only a publish that trusts nothing of the manifest puts it back.
      await output.put('rss.xml', 'stale', { contentType: 'text/plain' });
      await output.put(MANIFEST_KEY, JSON.stringify(damage(JSON.parse(clean) as ManifestData)), { contentType: 'application/json' });

      expect((await readManifest(output)).damaged).toMatch(problem);
      const result = await publish({ content, output, now: NOW, websub: false });
      expect(result.manifestDamaged).toMatch(problem);
      expect(result.settled).toBe(false);
      expect(result.counts.deleted).toBe(0);
      expect(result.counts.new).toBe(Object.keys(expected).length);
      expect(served(output)).toEqual(expected);
      expect(output.text(LEDGER_KEY)).toBe('{"status":"sent"}');
      // Rewritten whole: the next publish trusts it, stops early and says nothing.
      expect((await readManifest(output)).damaged).toBeUndefined();
      const again = await publish({ content, output, now: NOW, websub: false });
      expect(again.settled).toBe(true);
      expect(again.manifestDamaged).toBeUndefined();
    });
  }

  it('that is not JSON is taken as absent too', async () => {
    const content = memoryContent({ entries: ENTRIES });
    const output = new MemoryStore();
    await output.put(MANIFEST_KEY, '{"format": 1, "objects": {', { contentType: 'application/json' });
    const result = await publish({ content, output, now: NOW, websub: false });
    expect(result.manifestDamaged).toBe('it is not JSON');
    expect(JSON.parse(output.text(MANIFEST_KEY)!)).toMatchObject({ format: 1 });
  });
});

describe('deletions', () => {
  it('never name a key under _broadsheet/, whatever the previous manifest lists', () => {
    const record = { sha256: 'a'.repeat(64), contentType: 'application/json', size: 2 };
    const { changes } = diffManifest({ [LEDGER_KEY]: record, 'old.xml': record }, []);
    expect(changes).toEqual([{ key: 'old.xml', status: 'deleted', size: 2 }]);
  });
});
