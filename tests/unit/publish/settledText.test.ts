import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { MANIFEST_KEY, parseManifest, serializeManifest, type Manifest, type UnitRecord } from '../../../lib/publish/manifest.js';
import { manifestProblem } from '../../../lib/publish/manifestCheck.js';
import { publish, type PublishResult } from '../../../lib/publish/publish.js';
import type { SettledRecord } from '../../../lib/publish/settled.js';
import { filesSha256, listedSha256, serializeSettledManifest, settledFromText } from '../../../lib/publish/settledText.js';
import { LOCK_KEY } from '../../../lib/publish/publishLock.js';
import { ledgerPrefix } from '../../../lib/digest/ledgerRecords.js';
import { recipientId } from '../../../lib/subscribers/recipient.js';
import { MemoryStore } from '../../../lib/store/memoryStore.js';
import { entry, entryText, memoryContent } from '../../support/content.js';

// A settled publish decided from the manifest's settled record and the output's listing, without parsing the
// manifest's records (lib/publish/settledText.ts), must decide as parsing the whole manifest does, with the same result.

const settled: SettledRecord = {
  inputs: 'i'.repeat(64),
  from: 1_400_000_000_000,
  until: null,
  summary: { entries: { total: 1, published: 1, skipped: 0 }, tags: 0, skipped: [], warnings: [{ file: 'entries/2014/a.md', field: 'url', message: 'the same "url"\nas b.md', fix: 'keep one' }], heldBack: [] },
};

/** A manifest of `count` files with awkward keys (escapes, non-ASCII, an integer-like one), and a unit. */
function manifestOf(count: number, seed: number): { manifest: Manifest; units: Record<string, UnitRecord> } {
  const manifest: Manifest = {};
  const names = ['a', 'é', '"q"', 'line\nbreak', '😀', 'tab\there', '10', 'Z'];
  for (let i = 0; i < count; i++) {
    const key = i === 3 ? '123' : `entries/${names[(i * 7 + seed) % names.length]}-${(i * 31 + seed) % 997}/index.html`;
    manifest[key] = { sha256: String((i + seed) % 10).repeat(64), contentType: 'text/html; charset=utf-8', size: (i * 13 + seed) % 5000, ...((i + seed) % 5 === 0 ? {} : { version: `${i}-${seed}-"v"` }) };
  }
  const first = Object.keys(manifest)[0];
  return { manifest, units: first === undefined ? {} : { [`entry:${first}`]: { fingerprint: 'f'.repeat(64), files: { [first]: manifest[first]!.sha256 } } } };
}

const text = (chunks: readonly Buffer[]) => Buffer.concat(chunks);

describe('serializeSettledManifest', () => {
  for (let seed = 0; seed < 20; seed++) {
    it(`writes serializeManifest's bytes, the record's hashes added (manifest ${seed})`, () => {
      const { manifest, units } = manifestOf(seed * 3, seed);
      const listId = seed % 3 === 0 ? null : seed % 3 === 1 ? 'digest.watch.example.org' : undefined;
      const written = text(serializeSettledManifest(manifest, units, settled, listId));
      const read = settledFromText(written)!;
      expect(read).toEqual({ ...settled, manifestSha256: expect.any(String), outputSha256: filesSha256(manifest) });
      expect(written.equals(text(serializeManifest(manifest, units, read, listId)))).toBe(true);
      // The text before the record is exactly the manifest without it.
      expect(read.manifestSha256).toBe(parseManifest(text(serializeManifest(manifest, units, undefined, listId))).textHash);
      // What the whole parse gives: no damage, this very record.
      const whole = parseManifest(written);
      expect(manifestProblem(JSON.parse(written.toString('utf8')))).toBeUndefined();
      expect(whole.manifest).toEqual(manifest);
      expect(whole.settled).toEqual(read);
      expect(text(serializeSettledManifest(manifest, units, undefined, listId)).equals(text(serializeManifest(manifest, units, undefined, listId)))).toBe(true);
    });
  }

  it('cuts the text before the record across chunks', () => {
    const { manifest, units } = manifestOf(20_000, 1);
    const chunks = serializeSettledManifest(manifest, units, settled, undefined);
    expect(chunks.length).toBeGreaterThan(2);
    expect(text(chunks).equals(text(serializeManifest(manifest, units, settledFromText(text(chunks)), undefined)))).toBe(true);
  });
});

describe('settledFromText', () => {
  const { manifest, units } = manifestOf(40, 7);
  const written = text(serializeSettledManifest(manifest, units, settled, undefined));
  const edit = (from: string, to: string) => Buffer.from(written.toString('utf8').replace(from, to));

  it('gives nothing for a manifest it did not write, or one changed since', () => {
    expect(settledFromText(undefined)).toBeUndefined();
    expect(settledFromText(123)).toBeUndefined();
    expect(settledFromText(Buffer.from(''))).toBeUndefined();
    expect(settledFromText(text(serializeManifest(manifest, units, settled)))).toBeUndefined();
    expect(settledFromText(text(serializeManifest(manifest, units)))).toBeUndefined();
    const someKey = Object.keys(manifest)[5]!;
    expect(settledFromText(edit(JSON.stringify(manifest[someKey]!.sha256), JSON.stringify('0'.repeat(64))))).toBeUndefined();
    expect(settledFromText(edit('"format": 1', '"format": 2'))).toBeUndefined();
    expect(settledFromText(edit('"tags": 0', '"tags": "none"'))).toBeUndefined();
    expect(settledFromText(edit('"outputSha256"', '"outputSha"'))).toBeUndefined();
    expect(settledFromText(written.subarray(0, written.length - 1))).toBeUndefined();
    expect(settledFromText(Buffer.concat([written, Buffer.from('\n')]))).toBeUndefined();
  });

  it('reads a record edited by hand, which the publish then checks as the whole parse would', () => {
    expect(settledFromText(edit(`"inputs": "${'i'.repeat(64)}"`, `"inputs": "${'j'.repeat(64)}"`))?.inputs).toBe('j'.repeat(64));
  });
});

describe('listedSha256', () => {
  it("is filesSha256 of the listing's manifest, Broadsheet's own state aside, in any order", () => {
    const { manifest } = manifestOf(30, 3);
    const listed = Object.entries(manifest)
      .filter(([, record]) => record.version !== undefined)
      .map(([key, record]) => ({ key, version: record.version!, size: record.size }));
    const versioned: Manifest = Object.fromEntries(Object.entries(manifest).filter(([, record]) => record.version !== undefined));
    const state = [{ key: '_broadsheet/index.json', version: 'x', size: 1 }, { key: LOCK_KEY, version: 'y', size: 2 }];
    expect(listedSha256([...listed, ...state].reverse())).toBe(filesSha256(versioned));
    expect(listedSha256(listed)).not.toBe(filesSha256(manifest));
    expect(listedSha256([...listed, { key: 'stray.txt', version: 'z', size: 3 }])).not.toBe(filesSha256(versioned));
    expect(listedSha256(listed.map((object, i) => (i === 2 ? { ...object, size: object.size + 1 } : object)))).not.toBe(filesSha256(versioned));
    expect(listedSha256(listed.map((object, i) => (i === 2 ? { ...object, version: `${object.version}'` } : object)))).not.toBe(filesSha256(versioned));
  });
});

// The same publish, from the same stores, decided the fast way (by default) and the simple way: a caller that asks
// for records (recordsOf) always has the manifest parsed whole.
describe('a publish settled from the text decides as one that parses the manifest', () => {
  const ZONE = 'Asia/Seoul';
  const NOW = DateTime.fromISO('2014-05-30T12:00', { zone: ZONE });
  const entries: Record<string, string> = {};
  for (let i = 0; i < 12; i++) {
    const date = DateTime.fromISO('2014-04-01T09:00', { zone: ZONE }).plus({ days: 4 * i });
    entries[`2014/e${String(i).padStart(2, '0')}.md`] = entryText(entry({ title: `Entry ${i}`, url: `https://news.example.com/${i}`, date: date.toISO(), tags: [i % 2 ? 'trade' : 'energy'] }), `Body ${i}.\n`);
  }
  entries['2014/future.md'] = entryText(entry({ title: 'Embargoed', url: 'https://news.example.com/future', date: '2014-05-31T10:00:00+09:00', tags: ['trade'] }), 'Later.\n');

  const copy = (store: MemoryStore) => {
    const out = new MemoryStore();
    for (const [key, object] of store.objects) out.objects.set(key, { ...object, body: Buffer.from(object.body) });
    return out;
  };
  const put = (store: MemoryStore, key: string, body: string | Buffer) => store.objects.set(key, { body: Buffer.from(body), contentType: 'text/plain' });
  const manifestText = (store: MemoryStore) => store.objects.get(MANIFEST_KEY)!.body.toString('utf8');
  const ledger = (week: string) => `${ledgerPrefix(week)}${recipientId('ada@example.org')}/1.sent.json`;

  type Change = (output: MemoryStore, content: MemoryStore) => DateTime | void;
  // Each case: what changed, whether the publish settles, and whether the settled record is proven by its text and the
  // listing hashes as it records (the checks of the settled record itself, as the whole parse makes them, then decide).
  const cases: [string, Change, boolean, boolean][] = [
    ['nothing changed', () => {}, true, true],
    ['a file of its own state added', (output) => void put(output, '_broadsheet/notes.txt', 'x'), true, true],
    ['a leftover lock', (output) => void put(output, LOCK_KEY, '{}'), true, true],
    ['a week mailed as archived', (output) => void put(output, ledger('2014-W21'), '{}'), true, true],
    ['a week mailed that the archive lacks', (output) => void put(output, ledger('2014-W13'), '{}'), false, true],
    ['a later moment in the window', () => NOW.plus({ hours: 12 }), true, true],
    ['a moment past the window', () => NOW.plus({ days: 3 }), false, false],
    ['a published file deleted', (output) => void output.objects.delete('rss.xml'), false, false],
    ['a published file changed, same size', (output) => void put(output, 'atom.xml', Buffer.from(output.objects.get('atom.xml')!.body.toString('latin1').replace('<', '!'), 'latin1')), false, false],
    ['a file added outside its state', (output) => void put(output, 'stray.txt', 'x'), true, false],
    ['an entry edited', (_output, content) => void put(content, 'entries/2014/e03.md', entries['2014/e03.md']!.replace('Body 3.', 'Body three.')), false, true],
    ['a record edited', (output) => void put(output, MANIFEST_KEY, manifestText(output).replace(/"sha256": "[0-9a-f]/, '"sha256": "x')), true, false],
    ['a record damaged', (output) => void put(output, MANIFEST_KEY, manifestText(output).replace('"size": ', '"size": -')), false, false],
    ['a unit damaged', (output) => void put(output, MANIFEST_KEY, manifestText(output).replace('"fingerprint": "', '"fingerprint": 1, "x": "')), false, false],
    ['the record without its hashes (an older publish)', (output) => void put(output, MANIFEST_KEY, manifestText(output).replace(/,\n  "manifestSha256": [^]*?(?=\n \})/, '')), true, false],
    ['the output hash wrong', (output) => void put(output, MANIFEST_KEY, manifestText(output).replace(/"outputSha256": "./, '"outputSha256": "-')), true, false],
    ['the record racy', (output) => void put(output, MANIFEST_KEY, manifestText(output).replace('"inputs": ', '"racy": true,\n  "inputs": ')), false, true],
    ['the manifest cut short', (output) => void put(output, MANIFEST_KEY, manifestText(output).slice(0, -40)), false, false],
  ];

  for (const [name, change, settles, shown] of cases) {
    it(name, async () => {
      const content = memoryContent({ entries });
      const output = new MemoryStore();
      await publish({ content, output, now: NOW, websub: false });
      const now = change(output, content) ?? NOW;
      const proven = settledFromText(output.objects.get(MANIFEST_KEY)?.body);
      expect(proven !== undefined && proven.outputSha256 === listedSha256(await output.list('')) && proven.until! > now.toMillis()).toBe(shown);
      const [fastOutput, simpleOutput] = [copy(output), copy(output)];
      const [fastContent, simpleContent] = [copy(content), copy(content)];
      const fast = await publish({ content: fastContent, output: fastOutput, now, websub: false, lock: { owner: 'test publisher', clock: () => Date.UTC(2026, 0, 1) } });
      const simple = await publish({ content: simpleContent, output: simpleOutput, now, websub: false, lock: { owner: 'test publisher', clock: () => Date.UTC(2026, 0, 1) }, recordsOf: ['no/such/file'] });
      expect(fast.settled).toBe(settles);
      expect(comparable(fast)).toEqual(comparable(simple));
      expect([...fastOutput.objects.keys()].sort()).toEqual([...simpleOutput.objects.keys()].sort());
      for (const [key, object] of fastOutput.objects) if (!key.startsWith('_broadsheet/')) expect(object.body.equals(simpleOutput.objects.get(key)!.body)).toBe(true);
    });
  }

  /** The result but for what the two ways are told apart by (the records asked for). */
  function comparable(result: PublishResult) {
    const { records: _records, ...rest } = result;
    return rest;
  }
});
