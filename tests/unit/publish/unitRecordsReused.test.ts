import { describe, expect, it } from 'vitest';
import { prng } from '../../../bench/corpus.js';
import type { ArtifactUnit } from '../../../lib/plan/artifact.js';
import { serializeManifest, unitRecords, type Manifest, type UnitRecord } from '../../../lib/publish/manifest.js';

// unitRecords gives a stored unit record as it is when it is the record it would make: the manifest's bytes must be
// those of the records made afresh, whatever the stored ones hold (a hand-edited manifest, an older layout).

/** Keys of every kind the manifest holds, integer-like ones among them (Object.keys puts those first). */
const KEYS = ['rss.xml', 'atom.xml', 'feed.json', 'entries/2014/a/index.html', 'entries/2014/b/index.html', 'months/2014-06/index.html', '10', '9', '0', 'tags/ünïcode/rss.xml', 'Z.xml', 'a b/c.html'];

const unit = (id: string, fingerprint: string | undefined, keys: string[]): ArtifactUnit =>
  ({ id, keys, entriesNeeded: [], summariesNeeded: [], build: () => [], ...(fingerprint === undefined ? {} : { fingerprint }) }) as unknown as ArtifactUnit;

/** The ways a stored record can differ from the one unitRecords makes, each of which must not be given as it is. */
const PERTURBATIONS: ((record: UnitRecord, random: () => number) => unknown)[] = [
  (record) => ({ ...record, fingerprint: `${record.fingerprint}x` }),
  (record) => ({ files: record.files, fingerprint: record.fingerprint }),
  (record) => ({ ...record, extra: 1 }),
  (record) => ({ ...record, files: Object.fromEntries(Object.entries(record.files).reverse()) }),
  (record) => ({ ...record, files: { ...record.files, 'extra.html': 'e'.repeat(64) } }),
  (record) => ({ ...record, files: Object.fromEntries(Object.entries(record.files).slice(1)) }),
  (record, random) => {
    const keys = Object.keys(record.files);
    const changed = keys[Math.floor(random() * keys.length)]!;
    return { ...record, files: { ...record.files, [changed]: 'c'.repeat(64) } };
  },
  (record) => ({ ...record, files: Object.values(record.files) }),
  (record) => ({ ...record, files: Object.assign(Object.create(null) as object, record.files) }),
];

function generated(seed: number) {
  const random = prng(seed);
  const next: Manifest = {};
  for (const key of KEYS) if (random() < 0.9) next[key] = { sha256: random().toString(16).slice(2).padEnd(64, '0'), contentType: 'text/html', size: 1 };
  const present = Object.keys(next);
  const units: ArtifactUnit[] = [];
  const count = 1 + Math.floor(random() * 8);
  for (let i = 0; i < count; i++) {
    const keys = present.filter(() => random() < 0.35);
    // Some units list their keys unsorted, as builders may.
    if (random() < 0.5) keys.reverse();
    units.push(unit(`unit:${String.fromCharCode(122 - i)}${i}`, random() < 0.15 ? undefined : `f${Math.floor(random() * 3)}`, keys));
  }
  const fresh = unitRecords(units, next);
  // The stored units: most as made, some perturbed, some absent, some of units that are gone.
  const before: Record<string, unknown> = {};
  const perturbed = new Set<string>();
  for (const [id, record] of Object.entries(fresh)) {
    const roll = random();
    if (roll < 0.1) continue;
    if (roll < 0.55) {
      // A copy as JSON.parse gives it, not the same object.
      before[id] = JSON.parse(JSON.stringify(record)) as unknown;
      continue;
    }
    before[id] = PERTURBATIONS[Math.floor(random() * PERTURBATIONS.length)]!(record, random);
    // Reversing one file, say, changes nothing of its text.
    if (JSON.stringify(before[id]) !== JSON.stringify(record)) perturbed.add(id);
  }
  if (random() < 0.3) before['unit:gone'] = { fingerprint: 'f0', files: {} };
  return { units, next, before: before as Record<string, UnitRecord>, fresh, perturbed };
}

describe('unitRecords with the stored units', () => {
  it('gives the records, and the manifest the bytes, of the records made afresh, on 300 generated cases', () => {
    let given = 0;
    let refused = 0;
    for (let seed = 1; seed <= 300; seed++) {
      const { units, next, before, fresh, perturbed } = generated(seed);
      const records = unitRecords(units, next, before);
      expect(JSON.stringify(records), `seed ${seed}`).toBe(JSON.stringify(fresh));
      expect(Buffer.concat(serializeManifest(next, records)).equals(Buffer.concat(serializeManifest(next, fresh))), `seed ${seed}`).toBe(true);
      for (const id of Object.keys(records)) {
        if (records[id] === before[id]) {
          given++;
          expect(perturbed.has(id), `seed ${seed}: ${id} was given as stored though it differs`).toBe(false);
        } else if (perturbed.has(id)) refused++;
      }
    }
    // The reuse is what the fast path is for: most records stored as made are given as they are.
    expect(given).toBeGreaterThan(300);
    expect(refused).toBeGreaterThan(150);
  });

  it('gives a stored record as it is only when it is the one it would make', () => {
    const next: Manifest = { 'a.html': { sha256: 'a'.repeat(64), contentType: 'text/html', size: 1 }, 'b.html': { sha256: 'b'.repeat(64), contentType: 'text/html', size: 1 } };
    const stored: UnitRecord = { fingerprint: 'f', files: { 'a.html': 'a'.repeat(64), 'b.html': 'b'.repeat(64) } };
    expect(unitRecords([unit('u', 'f', ['b.html', 'a.html'])], next, { u: stored }).u).toBe(stored);
    expect(unitRecords([unit('u', 'g', ['b.html', 'a.html'])], next, { u: stored }).u).toEqual({ fingerprint: 'g', files: stored.files });
    expect(unitRecords([unit('u', 'f', ['a.html'])], next, { u: stored }).u).toEqual({ fingerprint: 'f', files: { 'a.html': 'a'.repeat(64) } });
  });
});
