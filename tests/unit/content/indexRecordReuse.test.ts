import { describe, expect, it } from 'vitest';
import { EntryIndex, INDEX_KEY } from '../../../lib/content/entryIndex.js';
import type { IndexRecord } from '../../../lib/content/indexRecordCodec.js';
import type { EntryMeta } from '../../../lib/content/entry.js';
import { MemoryStore } from '../../../lib/store/memoryStore.js';
import { seededPick } from '../../support/seededPick.js';

// Serialising a loaded index copies the stored text of each record left as it was (lib/shared/fast/jsonMembers.ts):
// it must give byte for byte what encoding every record gives (an index that loaded no text), whatever changed.
const CONTEXT = 'context-1';
const OPTIONS = { contentType: 'application/json', cacheControl: 'no-cache' };

const AWKWARD = ['plain', 'quote " inside', 'back\\slash', 'braces { } [ ]', 'comma, colon: "x":{"version":1}', 'Pyongyang 평양', 'emoji 😀', 'line\nbreak', '\\"'];

function record(key: string, pick: (n: number) => number, i: number): IndexRecord {
  const text = () => AWKWARD[pick(AWKWARD.length)]!;
  const entry: EntryMeta = { key, id: pick(3) === 0 ? `tag:x,2014:${i}` : key.slice('entries/'.length, -3), title: text(), url: `https://example.com/${i}`, source: pick(2) ? { name: text() } : { name: text(), url: 'https://s.example' }, date: 1_400_000_000_000 + i, tags: pick(2) ? [{ name: 'Energy', slug: 'energy' }] : [], related: [], draft: pick(5) === 0 };
  const made: IndexRecord = { version: `v${i}` };
  if (pick(6) !== 0) made.entry = entry;
  else made.problems = [{ file: key, field: 'date', message: text(), fix: text() }];
  if (pick(3) === 0) made.rendered = { html: `<p>${text()}</p>`, firstParagraph: text() };
  else if (pick(2) === 0) made.firstParagraph = text();
  if (pick(8) === 0) made.mailedIn = ['2014-W20'];
  return made;
}

async function stored(seed: number) {
  const pick = seededPick(seed);
  const index = new EntryIndex(CONTEXT);
  const keys = Array.from({ length: 60 }, (_, i) => `entries/2014/${i % 7 === 0 ? `é ${AWKWARD[i % AWKWARD.length]!.replace(/[\\\n]/g, '')}` : 'e'}-${i}.md`);
  keys.forEach((key, i) => index.records.set(key, record(key, pick, i)));
  const all = new Set(keys);
  const output = new MemoryStore();
  await output.put(INDEX_KEY, index.serialize(keys, all, all), OPTIONS);
  return { output, keys, pick };
}

/** What encoding every record gives: an index holding the same records, loaded from no text. */
function encoded(index: EntryIndex, keys: string[], rendered: Set<string>, summaries: Set<string>): Buffer {
  const fresh = new EntryIndex(CONTEXT);
  for (const [key, value] of index.records) fresh.records.set(key, value);
  return Buffer.concat(fresh.serialize(keys, rendered, summaries));
}

describe('an entry index serialised from the text it was loaded from', () => {
  it.each(Array.from({ length: 40 }, (_, i) => i + 1))('gives the bytes of encoding every record (case %i)', async (seed) => {
    const { output, keys, pick } = await stored(seed);
    const index = await EntryIndex.load(output, CONTEXT);
    expect(index.records.size).toBe(keys.length);
    // Each kind of change a publish makes, at random.
    const rendered = new Set(keys.filter(() => pick(4) !== 0));
    const summaries = new Set(keys.filter(() => pick(4) !== 0));
    for (const key of keys) {
      const was = index.records.get(key)!;
      const change = pick(14);
      if (change === 0) index.records.set(key, record(key, pick, 1000 + pick(1000)));
      else if (change === 1) index.dropRendered(key);
      else if (change === 2) was.rendered = { html: '<p>new</p>', firstParagraph: 'new' };
      else if (change === 3) was.mailedIn = ['2014-W21'];
      else if (change === 4) was.firstParagraph = 'another';
      else if (change === 5) index.records.delete(key);
      else if (change === 6 && was.entry) index.records.set(key, { ...was, entry: { ...was.entry, title: 'Retitled' } });
      else if (change === 7) index.records.set(key, { ...was, warnings: [{ file: key, field: 'summary', message: 'new', fix: 'none' }] });
      else if (change === 8) index.records.set(key, { ...was, version: `${was.version}+` });
    }
    index.markChanged();
    const live = keys.filter(() => pick(10) !== 0).concat('entries/2014/added.md');
    index.records.set('entries/2014/added.md', record('entries/2014/added.md', pick, 5000));
    const reused = Buffer.concat(index.serialize(live, rendered, summaries));
    expect(reused.equals(encoded(index, live, rendered, summaries))).toBe(true);
    JSON.parse(reused.toString('utf8'));
  });

  it('copies the unchanged records from the loaded bytes, not encoding them again', async () => {
    const { output, keys } = await stored(7);
    const loadedBytes = output.objects.get(INDEX_KEY)!.body;
    const index = await EntryIndex.load(output, CONTEXT);
    const all = new Set(keys);
    index.records.set(keys[30]!, { version: 'edited' });
    index.markChanged();
    const chunks = index.serialize(keys, all, all);
    const copied = chunks.filter((chunk) => chunk.buffer === loadedBytes.buffer).reduce((sum, chunk) => sum + chunk.length, 0);
    expect(copied).toBeGreaterThan(loadedBytes.length * 0.9);
    expect(Buffer.concat(chunks).equals(encoded(index, keys, all, all))).toBe(true);
  });

  it('encodes again what a hand-made text writes otherwise: spaces, escaped keys, a key twice', async () => {
    const output = new MemoryStore();
    const handMade = `{ "context" : "${CONTEXT}", "records": {
      "entries/a.md": {"version": "1"},
      "entries/\\u0062.md":{"version":"2"},
      "entries/c.md":{"version":"3"},
      "entries/c.md":{"version":"4"},
      "entries/d.md":{"version":"5"}
    } }`;
    await output.put(INDEX_KEY, Buffer.from(handMade), OPTIONS);
    const index = await EntryIndex.load(output, CONTEXT);
    const keys = ['entries/a.md', 'entries/b.md', 'entries/c.md', 'entries/d.md'];
    index.markChanged();
    const none = new Set<string>();
    const text = Buffer.concat(index.serialize(keys, none, none)).toString('utf8');
    expect(text).toBe(`{"context":"${CONTEXT}","records":{"entries/a.md":{"version":"1"},"entries/b.md":{"version":"2"},"entries/c.md":{"version":"4"},"entries/d.md":{"version":"5"}}}`);
  });
});
