import { describe, expect, it } from 'vitest';
import { intentManifest } from '../../../lib/publish/publishIntent.js';
import { MANIFEST_KEY, readManifest, serializeManifest, type Change, type ChangeStatus, type Manifest, type UnitRecord } from '../../../lib/publish/manifest.js';
import { UNKNOWN_SHA256 } from '../../../lib/shared/unknownSha256.js';
import type { SettledRecord } from '../../../lib/publish/settled.js';
import type { WarnedBefore } from '../../../lib/plan/warnedBefore.js';
import { jsonMembersReplaced } from '../../../lib/shared/fast/jsonMembersReplaced.js';
import { MemoryStore } from '../../../lib/store/memoryStore.js';
import { seededPick } from '../../support/seededPick.js';

// The intent made from the stored manifest's text (lib/shared/fast/jsonMembersReplaced.ts) must be, byte for byte,
// the intent made by serialising the manifest read from it, whatever the keys and the changes.

// Keys a member search could confuse: one a prefix of another, characters JSON escapes, a line break, the names of the
// document's own members, what a record's text holds, non-ASCII.
const AWKWARD = ['index.html', 'index.html.bak', 'a"b', 'tab\there', 'line\nbreak', 'bell\u0007', 'objects', 'settled', 'units', 'sha256', '"size": 1', '평양/rss.xml', 'emoji 😀/atom.xml', ' }', '{', '404.html'];
const SETTLED: SettledRecord = {
  inputs: 'i'.repeat(64),
  from: 1_400_000_000_000,
  until: null,
  summary: { entries: { total: 3, published: 2, skipped: 1 }, tags: 1, skipped: [], warnings: [{ file: 'entries/a.md', field: 'url', message: 'the same\n "url": as "settled": b', fix: 'keep one' }], heldBack: [] },
};

const hex = (pick: (n: number) => number) => Array.from({ length: 64 }, () => '0123456789abcdef'[pick(16)]).join('');

function generated(seed: number) {
  const pick = seededPick(seed);
  const keys = new Set<string>();
  const count = 1 + pick(60);
  while (keys.size < count) keys.add(pick(3) === 0 ? AWKWARD[pick(AWKWARD.length)]! : `entries/${pick(1000)}/index.html`);
  // As the last publish left it: sorted (diffManifest).
  const manifest: Manifest = {};
  for (const key of [...keys].sort()) {
    manifest[key] = pick(10) === 0 ? { sha256: UNKNOWN_SHA256, contentType: '', size: pick(99) } : { sha256: hex(pick), contentType: 'text/html; charset=utf-8', size: pick(99_999), ...(pick(2) ? { version: `${pick(9)}-"1"-${pick(9)}` } : {}) };
  }
  const units: Record<string, UnitRecord> = {};
  for (const key of Object.keys(manifest)) if (pick(2) === 0) units[pick(2) ? `entry-page:${key}` : key] = { fingerprint: hex(pick), files: { [key]: manifest[key]!.sha256 } };
  const listId = [undefined, null, 'digest.example.org', 'a "quoted" list'][pick(4)];
  const text = Buffer.concat(serializeManifest(manifest, units, pick(3) === 0 ? undefined : SETTLED, listId));
  // What a publish does to each key: built again or kept, deleted, or new (an array index among them at times).
  const changes: Change[] = [];
  const built = new Map<string, ChangeStatus>();
  for (const key of Object.keys(manifest)) {
    const fate = pick(5);
    if (fate === 0) continue; // deleted
    built.set(key, fate === 1 ? 'changed' : 'unchanged');
  }
  for (let i = pick(4); i > 0; i--) {
    const key = pick(8) === 0 ? String(pick(50)) : pick(2) ? `entries/new-${pick(1000)}/index.html` : `${AWKWARD[pick(AWKWARD.length)]!}-new`;
    if (!Object.hasOwn(manifest, key)) built.set(key, 'new');
  }
  for (const key of [...built.keys()].sort()) changes.push({ key, status: built.get(key)!, size: pick(500) });
  for (const key of Object.keys(manifest).sort()) if (!built.has(key)) changes.push({ key, status: 'deleted', size: manifest[key]!.size });
  // What the correction warning needs of the settled record the intent drops, at times with files it warned of.
  const kept = [undefined, { until: 1_400_000_000_000 + pick(1e9), files: [] }, { until: null, files: ['entries/a "b".md', AWKWARD[pick(AWKWARD.length)]!] }][pick(3)];
  return { text, changes, kept };
}

async function read(text: Buffer) {
  const store = new MemoryStore();
  await store.put(MANIFEST_KEY, text, { contentType: 'application/json' });
  return readManifest(store);
}

const bytes = (chunks: readonly Buffer[]) => Buffer.concat(chunks).toString('utf8');

describe('the intent made from the stored manifest text', () => {
  it('gives the bytes of serialising it whole, on 60 generated manifests and changes', async () => {
    let copied = 0;
    for (let seed = 1; seed <= 60; seed++) {
      const { text, changes, kept } = generated(seed);
      const previous = await read(text);
      expect(previous.damaged, `case ${seed}`).toBeUndefined();
      const intent = intentManifest(previous, changes, [], { text, unsure: [] }, undefined, kept);
      expect(bytes(intent), `case ${seed}`).toBe(bytes(intentManifest(previous, changes, [], undefined, undefined, kept)));
      expect((await read(Buffer.concat(intent))).correctionsBefore, `case ${seed}`).toEqual(kept);
      // Made from the text (not serialised again): a chunk lies inside the stored bytes.
      if (intent.some((chunk) => chunk.buffer === text.buffer && chunk.byteOffset >= text.byteOffset && chunk.byteOffset < text.byteOffset + text.length)) copied++;
    }
    // All but those adding an array index (about one in five).
    expect(copied).toBeGreaterThan(40);
  });

  it('copies the stored text but for the records that change, and leaves out the settled record', async () => {
    const manifest: Manifest = {
      'a.html': { sha256: 'a'.repeat(64), contentType: 'text/html', size: 1 },
      'b.html': { sha256: 'b'.repeat(64), contentType: 'text/html', size: 2 },
      'c.html': { sha256: 'c'.repeat(64), contentType: 'text/html', size: 3 },
    };
    const text = Buffer.concat(serializeManifest(manifest, {}, SETTLED, 'list.example.org'));
    const changes: Change[] = [
      { key: 'a.html', status: 'unchanged', size: 1 },
      { key: 'b.html', status: 'changed', size: 20 },
      { key: 'b2.html', status: 'new', size: 7 },
      { key: 'c.html', status: 'deleted', size: 3 },
    ];
    const unknown = (size: number) => ({ sha256: UNKNOWN_SHA256, contentType: '', size });
    const objects = { 'a.html': manifest['a.html'], 'b.html': unknown(20), 'c.html': unknown(3), 'b2.html': unknown(7) };
    const made = jsonMembersReplaced(text, { object: 'objects', replaced: [['b.html', unknown(20)], ['c.html', unknown(3)]], appended: [['b2.html', unknown(7)]], dropped: 'settled' });
    expect(made).toBeDefined();
    expect(bytes(made!)).toBe(`${JSON.stringify({ format: 1, listId: 'list.example.org', objects }, null, 1)}\n`);
    expect(bytes(intentManifest(await read(text), changes, [], { text, unsure: [] }))).toBe(bytes(made!));
  });

  it('gives way to the whole serialisation where the text is not as the last publish wrote it', async () => {
    const manifest: Manifest = { 'b.html': { sha256: 'b'.repeat(64), contentType: 'text/html', size: 2 }, 'a.html': { sha256: 'a'.repeat(64), contentType: 'text/html', size: 1 } };
    const unknown = { sha256: UNKNOWN_SHA256, contentType: '', size: 5 };
    const change = (key: string) => ({ object: 'objects', replaced: [[key, unknown] as const], appended: [], dropped: 'settled' });
    // Not sorted (an intent's own text): a record before the one found last.
    const unsorted = Buffer.concat(serializeManifest(manifest, {}, SETTLED));
    expect(jsonMembersReplaced(unsorted, { ...change('b.html'), replaced: [['a.html', unknown], ['b.html', unknown]] })).toBeUndefined();
    // The settled record first, where leaving it in would let a publish killed after the intent be taken as settled.
    const settledFirst = Buffer.from(`${JSON.stringify({ format: 1, settled: SETTLED, objects: manifest }, null, 1)}\n`);
    expect(jsonMembersReplaced(settledFirst, change('a.html'))).toBeUndefined();
    // The settled record before the units, or twice (JSON.parse keeps the last): leaving one would keep it.
    const units = { u: { fingerprint: 'f', files: { 'a.html': 'a'.repeat(64) } } };
    const settledBeforeUnits = Buffer.from(`${JSON.stringify({ format: 1, objects: manifest, settled: SETTLED, units }, null, 1)}\n`);
    expect(jsonMembersReplaced(settledBeforeUnits, change('a.html'))).toBeUndefined();
    const settledMember = `,\n "settled": ${JSON.stringify(SETTLED, null, 1).replaceAll('\n', '\n ')}`;
    const settledTwice = Buffer.from(`${JSON.stringify({ format: 1, objects: manifest, units }, null, 1).slice(0, -2)}${settledMember}${settledMember}\n}\n`);
    expect(JSON.parse(settledTwice.toString()).settled).toEqual(SETTLED);
    expect(jsonMembersReplaced(settledTwice, change('a.html'))).toBeUndefined();
    expect(jsonMembersReplaced(Buffer.from(settledTwice.toString().replace(settledMember, '')), change('a.html'))).toBeDefined();
    // A record not in the object, or no object.
    expect(jsonMembersReplaced(unsorted, change('c.html'))).toBeUndefined();
    expect(jsonMembersReplaced(Buffer.from('{\n "format": 1,\n "objects": {}\n}\n'), change('a.html'))).toBeUndefined();
    // An array index goes first in the object, not at its end.
    expect(jsonMembersReplaced(unsorted, { ...change('a.html'), appended: [['42', unknown]] })).toBeUndefined();
    for (const text of [unsorted, settledFirst]) {
      const previous = await read(text);
      const changes: Change[] = [
        { key: 'a.html', status: 'changed', size: 5 },
        { key: 'b.html', status: 'changed', size: 5 },
      ];
      expect(bytes(intentManifest(previous, changes, [], { text, unsure: [] }))).toBe(bytes(intentManifest(previous, changes)));
    }
  });

  it('serialises the empty manifest a damaged one is taken for, not the damaged text', async () => {
    const text = Buffer.from(`${JSON.stringify({ format: 1, objects: { 'a/../b.html': { sha256: 'a'.repeat(64), contentType: '', size: 1 } }, settled: SETTLED }, null, 1)}\n`);
    const previous = await read(text);
    expect(previous.damaged).toBeDefined();
    const changes: Change[] = [{ key: 'a/../b.html', status: 'new', size: 1 }];
    expect(bytes(intentManifest(previous, changes, [], { text, unsure: [] }))).toBe(bytes(intentManifest(previous, changes)));
  });

  it('serialises the manifest as trusted when a file found drifted is not among the changes', async () => {
    const manifest: Manifest = { 'a.html': { sha256: 'a'.repeat(64), contentType: 'text/html', size: 1 } };
    const text = Buffer.concat(serializeManifest(manifest));
    // The publish's manifest holds the drifted file's bytes as unknown, which the stored text does not say.
    const trusted = { ...(await read(text)), manifest: { 'a.html': { ...manifest['a.html']!, sha256: UNKNOWN_SHA256 } } };
    const intent = bytes(intentManifest(trusted, [{ key: 'a.html', status: 'unchanged', size: 1 }], [], { text, unsure: ['a.html'] }));
    expect(JSON.parse(intent).objects['a.html'].sha256).toBe(UNKNOWN_SHA256);
  });

  it("serialises it whole when this intent or the stored one (a killed publish's) holds dates a timezone change moved", async () => {
    const manifest: Manifest = { 'a.html': { sha256: 'a'.repeat(64), contentType: 'text/html', size: 1 }, 'b.html': { sha256: 'b'.repeat(64), contentType: 'text/html', size: 1 } };
    const moved = [{ key: 'entries/2014/a.md', version: 'v1', date: Date.UTC(2014, 2, 1) }];
    const changes: Change[] = [{ key: 'a.html', status: 'changed', size: 2 }];
    // This run moves dates: the intent keeps them.
    const plain = Buffer.concat(serializeManifest(manifest, {}, SETTLED));
    const keeping = bytes(intentManifest(await read(plain), changes, moved, { text: plain, unsure: [] }));
    expect(keeping).toBe(bytes(intentManifest(await read(plain), changes, moved)));
    expect(JSON.parse(keeping).zoneMoved).toEqual([['entries/2014/a.md', 'v1', Date.UTC(2014, 2, 1), null]]);
    // The stored manifest is a killed run's intent holding them; this run moves none: they are not copied on.
    const killed = Buffer.concat(serializeManifest(manifest, {}, undefined, undefined, moved));
    const next = bytes(intentManifest(await read(killed), changes, [], { text: killed, unsure: [] }));
    expect(next).toBe(bytes(intentManifest(await read(killed), changes)));
    expect(JSON.parse(next).zoneMoved).toBeUndefined();
  });

  it("serialises it whole when this intent or the stored one (a killed publish's) keeps what the index held for the files it warns of", async () => {
    const manifest: Manifest = { 'a.html': { sha256: 'a'.repeat(64), contentType: 'text/html', size: 1 }, 'b.html': { sha256: 'b'.repeat(64), contentType: 'text/html', size: 1 } };
    const warned: WarnedBefore = {
      files: ['entries/2014/a.md', 'entries/2014/n.md'],
      entries: [{ key: 'entries/2014/a.md', id: '2014/a', url: 'https://news.example.com/a', date: Date.UTC(2014, 4, 7, 15), draft: false, mailedIn: ['2014-W18'] }],
      mailedIn: [['entries/2014/t.md', ['2014-W20']]],
    };
    const changes: Change[] = [{ key: 'a.html', status: 'changed', size: 2 }];
    const plain = Buffer.concat(serializeManifest(manifest, {}, SETTLED));
    const keeping = bytes(intentManifest(await read(plain), changes, [], { text: plain, unsure: [] }, warned));
    expect(keeping).toBe(bytes(intentManifest(await read(plain), changes, [], undefined, warned)));
    expect((await read(Buffer.from(keeping))).warnedBefore).toEqual(warned);
    // The stored manifest is a killed run's intent keeping them; this run warns of none: they are not copied on.
    const killed = Buffer.from(keeping);
    const next = bytes(intentManifest(await read(killed), changes, [], { text: killed, unsure: [] }));
    expect(next).toBe(bytes(intentManifest(await read(killed), changes)));
    expect(JSON.parse(next).warnedBefore).toBeUndefined();
  });

  it("serialises it whole when the stored one (a killed publish's intent) keeps what the correction warning needs", async () => {
    const manifest: Manifest = { 'a.html': { sha256: 'a'.repeat(64), contentType: 'text/html', size: 1 } };
    const changes: Change[] = [{ key: 'a.html', status: 'changed', size: 2 }];
    const killed = Buffer.concat(serializeManifest(manifest, {}, undefined, undefined, [], undefined, { until: 1_400_000_000_000, files: ['entries/2014/a.md'] }));
    // This run keeps other ones, or none: the stored ones are not copied on, nor the member written twice.
    for (const kept of [{ until: 1_500_000_000_000, files: [] }, undefined]) {
      const next = bytes(intentManifest(await read(killed), changes, [], { text: killed, unsure: [] }, undefined, kept));
      expect(next).toBe(bytes(intentManifest(await read(killed), changes, [], undefined, undefined, kept)));
      expect(JSON.parse(next).correctionsBefore).toEqual(kept);
    }
  });
});
