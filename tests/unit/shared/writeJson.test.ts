import { describe, expect, it } from 'vitest';
import { prng } from '../../../bench/corpus.js';
import { writeJson } from '../../../lib/shared/writeJson.js';
import { Utf8Chunks } from '../../../lib/shared/utf8Chunks.js';

// writeJson stands in for JSON.stringify where the text would be tens of MB: every case is compared with it.
function jsonBytes(value: unknown, indent = 0, streamDepth = 1, chunkUnits?: number): Buffer {
  const out = new Utf8Chunks(chunkUnits);
  writeJson(out, value, indent, streamDepth);
  return Buffer.concat(out.chunks());
}

const expected = (value: unknown, indent: number) => Buffer.from(JSON.stringify(value, null, indent), 'utf8');

const STRINGS = ['', 'plain', 'line\nbreak', 'tab\t"quote"\\', '\u0000\u001F\u007F', 'é 中文 \uD83D\uDE80', 'lone \uD800 high', '</script>', '  indented\n  text'];

describe('writeJson', () => {
  const shapes: Record<string, unknown> = {
    'a manifest-shaped document': {
      format: 1,
      objects: { 'a/index.html': { sha256: 'ab', contentType: 'text/html', size: 3, version: '1-2-3' }, 'b.xml': { sha256: 'cd', contentType: 'application/rss+xml', size: 0 } },
      units: { 'entry:a': { fingerprint: 'f', files: { 'a/index.html': 'ab' } } },
      settled: { inputs: 'x', from: 1, until: null, summary: { entries: { total: 2 }, skipped: [], warnings: [{ file: 'e.md', message: 'm' }] } },
    },
    'empty object and array at every depth': { a: {}, b: [], c: [[], {}, [{}]], d: { e: {} } },
    'members JSON has no text for': { u: undefined, f: () => 1, s: Symbol('s'), kept: 1, list: [undefined, () => 1, Symbol('t'), 2] },
    'integer-like keys, which JSON.stringify puts first': { b: 1, 10: 'ten', a: 2, 2: 'two', '-1': 'minus', '01': 'zero-one' },
    'an object with toJSON, a Date, a null prototype': { when: new Date(Date.UTC(2026, 11, 5)), custom: { toJSON: () => ['as', 'array'] }, bare: Object.assign(Object.create(null) as object, { k: 'v' }) },
    'scalars at the top': 'just a string',
    'an array at the top': [1, 'two', { three: [3] }, null, true],
    'text needing escapes in keys and values': Object.fromEntries(STRINGS.map((text, i) => [text, { i, text }])),
  };
  for (const [name, value] of Object.entries(shapes)) {
    it(`writes ${name} as JSON.stringify does, at every indent and depth`, () => {
      for (const indent of [0, 1, 2, 4]) {
        for (const streamDepth of [0, 1, 2, 3, 10]) {
          expect(jsonBytes(value, indent, streamDepth).equals(expected(value, indent)), `indent ${indent}, depth ${streamDepth}`).toBe(true);
        }
      }
    });
  }

  it('writes 300 generated documents as JSON.stringify does, with chunks small enough to split them anywhere', () => {
    const random = prng(20261205);
    const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)]!;
    const generate = (depth: number): unknown => {
      const roll = random();
      if (depth > 3 || roll < 0.3) return pick<unknown>([...STRINGS, 0, -1.5, 1e21, true, false, null, undefined]);
      const size = Math.floor(random() * 6);
      if (roll < 0.55) return Array.from({ length: size }, () => generate(depth + 1));
      return Object.fromEntries(Array.from({ length: size }, () => [pick([...STRINGS, '7', 'key', 'x y']) + String(Math.floor(random() * 3)), generate(depth + 1)]));
    };
    for (let i = 0; i < 300; i++) {
      const value = { document: i, body: generate(0) };
      const indent = pick([0, 1, 2]);
      const streamDepth = pick([1, 2, 3]);
      expect(jsonBytes(value, indent, streamDepth, 1 + Math.floor(random() * 16)).equals(expected(value, indent)), `document ${i}`).toBe(true);
    }
  });

  it('writes maps of thousands of members as JSON.stringify does: integer-like keys across batches, a batch with no text', () => {
    const map: Record<string, unknown> = {};
    for (let i = 0; i < 1_500; i++) map[`entries/${i}.md`] = { size: i, text: STRINGS[i % STRINGS.length] };
    for (let i = 0; i < 1_200; i++) map[`gone/${i}`] = undefined;
    for (let i = 1_499; i >= 0; i--) map[String(i * 7)] = [i];
    map['last'] = () => 'no text';
    map['after'] = 'kept';
    for (const indent of [0, 1, 2]) {
      for (const streamDepth of [1, 2]) {
        const value = { format: 1, objects: map };
        expect(jsonBytes(value, indent, streamDepth).equals(expected(value, indent)), `indent ${indent}, depth ${streamDepth}`).toBe(true);
      }
    }
  });

  it('refuses a value JSON.stringify gives no text for', () => {
    expect(() => jsonBytes(undefined)).toThrow(/no JSON text/);
  });
});

describe('Utf8Chunks', () => {
  it('gives back every piece in order, as UTF-8, whatever the chunk size', () => {
    const pieces = ['a', 'é', '中文', '\uD83D\uDE80', '', 'end'];
    for (const size of [1, 2, 3, 5, 1 << 20]) {
      const chunks = new Utf8Chunks(size);
      for (const piece of pieces) chunks.push(piece);
      expect(Buffer.concat(chunks.chunks()).toString('utf8'), `chunk size ${size}`).toBe(pieces.join(''));
    }
  });

  it('gives no chunk when nothing was pushed', () => {
    expect(new Utf8Chunks().chunks()).toEqual([]);
  });

  it('ends a chunk once its pieces reach the size, never splitting a piece', () => {
    const chunks = new Utf8Chunks(4);
    for (const piece of ['ab', 'cd', 'efgh', 'i', '\uD83D\uDE80', 'é']) chunks.push(piece);
    expect(chunks.chunks().map((chunk) => chunk.toString('utf8'))).toEqual(['abcd', 'efgh', 'i\uD83D\uDE80é']);
  });
});
